-- The rows of the two big event reports that some rule reads, kept in the
-- seller's store (cache.py) so that a later audit reads them instead of the
-- whole tables. Each is a superset of what the rules read:
--   ledger:     Adjustments (warehouse_lost, warehouse_damaged), CustomerReturns
--               (customer_return_missing), Receipts (inbound_shortage), and the
--               Shipments of FNSKUs the fee report over-tiers (fee_overcharge);
--   settlement: Refund rows and each settlement's totals row, the one row
--               without a transaction type, which names its currency
--               (customer_return_missing), and the Order rows of refunded
--               orders (refund_above_paid, refund_commission_short: what was
--               charged); an order refunded in a later file has its older
--               Order rows added then (cache.py).
CREATE OR REPLACE TEMP MACRO digest_ledger_row(row_event_type, row_fnsku) AS
    fold(row_event_type) IN ('adjustments', 'customerreturns', 'receipts')
    OR (fold(row_event_type) = 'shipments' AND row_fnsku IN (SELECT f.fnsku FROM audit_digest_fee_fnskus f));
CREATE OR REPLACE TEMP MACRO digest_settlement_row(row_transaction_type, row_order_id) AS
    fold(row_transaction_type) IN ('refund', '')
    OR (fold(row_transaction_type) = 'order'
        AND row_order_id IN (SELECT r.order_id FROM audit_digest_refund_orders r));
