-- audit_scope: the keys whose findings newly imported rows can change, for an
-- incremental audit (cache.py). New rows are those of files (raw_files.sha256
-- = _file) imported since the cached findings were computed.
--   fnsku: warehouse_lost / warehouse_damaged re-run for these FNSKUs: new
--          ledger adjustments or reimbursements of the FNSKU, a new products
--          row for its SKU, new orders of a SKU valued by estimate, and every
--          finding valued by estimate (the estimate follows the as-of date).
--   order: customer_return_missing re-runs for these orders: new settlement,
--          customer returns, ledger CustomerReturns, reimbursement or orders rows.
CREATE OR REPLACE TEMP TABLE audit_scope AS
WITH new_ledger AS (
    SELECT fnsku, msku, event_type, reference_id FROM in_ledger WHERE _file IN (SELECT sha256 FROM audit_new_files)
),
valued_skus AS (
    SELECT sku FROM in_products WHERE _file IN (SELECT sha256 FROM audit_new_files)
    UNION SELECT sku FROM in_orders WHERE _file IN (SELECT sha256 FROM audit_new_files)
                                    AND sku NOT IN (SELECT sku FROM unit_value WHERE NOT estimated)
)
SELECT DISTINCT kind, key FROM (
    SELECT 'fnsku' AS kind, fnsku AS key FROM new_ledger WHERE fold(event_type) = 'adjustments'
    UNION ALL SELECT 'fnsku', fnsku FROM in_reimbursements WHERE _file IN (SELECT sha256 FROM audit_new_files)
    UNION ALL SELECT 'fnsku', fnsku FROM in_ledger
              WHERE fold(event_type) = 'adjustments' AND msku IN (SELECT sku FROM valued_skus)
    UNION ALL SELECT 'fnsku', fnsku FROM audit_cache_findings
              WHERE marketplace = getvariable('audit_marketplace') AND unit_value_estimated
                AND type IN ('warehouse_lost', 'warehouse_damaged')
    UNION ALL SELECT 'order', order_id FROM in_settlement WHERE _file IN (SELECT sha256 FROM audit_new_files)
    UNION ALL SELECT 'order', order_id FROM in_customer_returns WHERE _file IN (SELECT sha256 FROM audit_new_files)
    UNION ALL SELECT 'order', reference_id FROM new_ledger WHERE fold(event_type) = 'customerreturns'
    UNION ALL SELECT 'order', amazon_order_id FROM in_reimbursements WHERE _file IN (SELECT sha256 FROM audit_new_files)
    UNION ALL SELECT 'order', amazon_order_id FROM in_orders WHERE _file IN (SELECT sha256 FROM audit_new_files)
) WHERE key IS NOT NULL;
