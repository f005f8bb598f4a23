-- audit_scope: the keys whose stored findings newly imported rows can change,
-- for an incremental audit (findings_store.py). New rows are those of files
-- (raw_files.sha256 = _file) imported since the stored findings were computed
-- (audit_new_files); audit_changed_skus holds the SKUs whose unit value or
-- FNSKU differs from the last audit (a new products row, an estimate that
-- moved with new orders or the as-of date, a new SKU-FNSKU pairing).
--   fnsku: warehouse_lost / warehouse_damaged (netting is per FNSKU): new
--          ledger adjustments or reimbursements of the FNSKU, and the FNSKUs
--          of adjustments of a SKU whose unit value changed;
--   order: customer_return_missing (per order): new refund, customer return,
--          ledger CustomerReturns, reimbursement or orders rows of the order,
--          and the refunded orders of a SKU whose FNSKU changed.
-- inbound_shortage, fee_overcharge and reimbursement_underpaid read small
-- tables (and the fee rule follows the as-of date): they re-run whole.
CREATE OR REPLACE TEMP TABLE audit_scope AS
WITH new_ledger AS (
    SELECT fnsku, event_type, reference_id FROM in_ledger WHERE _file IN (SELECT sha256 FROM audit_new_files WHERE kind = 'ledger')
),
new_reimbursements AS (
    SELECT fnsku, amazon_order_id FROM in_reimbursements
    WHERE _file IN (SELECT sha256 FROM audit_new_files WHERE kind = 'reimbursements')
)
SELECT DISTINCT kind, key FROM (
    SELECT 'fnsku' AS kind, fnsku AS key FROM new_ledger WHERE fold(event_type) = 'adjustments'
    UNION ALL SELECT 'fnsku', fnsku FROM new_reimbursements
    UNION ALL SELECT 'fnsku', fnsku FROM in_ledger
              WHERE fold(event_type) = 'adjustments' AND msku IN (SELECT sku FROM audit_changed_skus WHERE unit_value)
    UNION ALL SELECT 'order', order_id FROM in_settlement WHERE _file IN (SELECT sha256 FROM audit_new_files WHERE kind = 'settlement')
    UNION ALL SELECT 'order', order_id FROM in_customer_returns
              WHERE _file IN (SELECT sha256 FROM audit_new_files WHERE kind = 'customer_returns')
    UNION ALL SELECT 'order', reference_id FROM new_ledger WHERE fold(event_type) = 'customerreturns'
    UNION ALL SELECT 'order', amazon_order_id FROM new_reimbursements
    UNION ALL SELECT 'order', amazon_order_id FROM in_orders WHERE _file IN (SELECT sha256 FROM audit_new_files WHERE kind = 'orders')
    UNION ALL SELECT 'order', order_id FROM in_settlement
              WHERE fold(transaction_type) = 'refund' AND sku IN (SELECT sku FROM audit_changed_skus WHERE fnsku)
) WHERE key IS NOT NULL;
