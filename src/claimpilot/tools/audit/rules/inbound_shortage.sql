-- inbound_shortage: a CLOSED inbound shipment received fewer units of an FNSKU
-- than were shipped, and the difference was not reimbursed.
--
-- Shortage: QuantityShipped - QuantityReceived of the shipment item. Units
-- reimbursed for the FNSKU with an inbound reason (Lost_Inbound,
-- Damaged_Inbound) on or after the first ledger Receipts event of the
-- FNSKU's earliest short shipment form a pool that covers the FNSKU's short
-- shipments first in, first out (by first receipt, then shipment id).
-- The window counts from the shipment's last ledger Receipts event (Reference
-- ID = shipment id); a shipment with no Receipts event has no window and no
-- finding. Value: the SKU's unit value.
WITH receipts AS (
    SELECT reference_id AS shipment_id, min(date) AS first_receipt, max(date) AS last_receipt,
           arg_max(_file, date) AS _file, arg_max(_row, date) AS _row
    FROM in_ledger WHERE fold(event_type) = 'receipts'
      AND reference_id IN (SELECT shipment_id FROM in_inbound_items)
    GROUP BY reference_id
),
short AS (
    SELECT i.shipment_id, i.fnsku, i.seller_sku AS sku, i.quantity_shipped - i.quantity_received AS units,
           r.first_receipt, r.last_receipt, i._file, i._row, r._file AS receipt_file, r._row AS receipt_row
    FROM in_inbound_items i JOIN receipts r USING (shipment_id)
    WHERE fold(i.shipment_status) = 'closed' AND i.quantity_shipped > i.quantity_received
),
pool AS (
    SELECT s.fnsku, sum(b.quantity_reimbursed_total) AS units
    FROM (SELECT fnsku, min(first_receipt) AS since FROM short GROUP BY fnsku) s
    JOIN in_reimbursements b ON b.fnsku = s.fnsku AND b.approval_date >= s.since
    WHERE policy_has_code('inbound_shortage', 'reimbursement', b.reason)
    GROUP BY s.fnsku
),
laid AS (
    SELECT s.*, coalesce(p.units, 0) AS pool,
           sum(s.units) OVER (PARTITION BY s.fnsku ORDER BY s.first_receipt, s.shipment_id
                              ROWS UNBOUNDED PRECEDING) - s.units AS units_before
    FROM short s LEFT JOIN pool p USING (fnsku)
),
owed AS (
    SELECT *, units - least(units, greatest(0, pool - units_before)) AS owed FROM laid
)
SELECT 'inbound_shortage' AS type,
       o.shipment_id AS reference_id,
       o.fnsku,
       o.sku,
       o.owed AS quantity,
       v.unit_value,
       v.unit_value * o.owed AS amount,
       v.currency,
       o.last_receipt AS event_date,
       window_opens('inbound_shortage', o.last_receipt) AS window_opens,
       window_closes('inbound_shortage', o.last_receipt) AS window_closes,
       list_concat([ev('inbound_items', o._file, o._row), ev('ledger', o.receipt_file, o.receipt_row)], v.evidence) AS evidence,
       v.estimated AS unit_value_estimated
FROM owed o JOIN unit_value v ON v.sku = o.sku
WHERE o.owed > 0
