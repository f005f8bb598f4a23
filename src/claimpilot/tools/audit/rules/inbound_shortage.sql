-- inbound_shortage: a CLOSED inbound shipment received fewer units of an FNSKU
-- than were shipped, and the difference was not reimbursed.
--
-- Shortage: QuantityShipped - QuantityReceived of the shipment item. A unit
-- reimbursed for the FNSKU with an inbound reason (Lost_Inbound,
-- Damaged_Inbound) nets only short shipments whose first ledger Receipts
-- event is on or before its approval date; among those it covers the earliest
-- first (by first receipt, then shipment id). So a reimbursement approved
-- before a shipment was first received never nets that shipment. Per FNSKU,
-- with shipments k = 1..n in that order, S(k) their running shortage and E(k)
-- the units approved on or after shipment k's first receipt, the units covered
-- up to shipment k are C(k) = min(S(k), min over i <= k of S(i-1) + E(i)), and
-- shipment k keeps its shortage less C(k) - C(k-1).
-- The window counts from the event the policy names: the shipment's last ledger
-- Receipts event (Reference ID = shipment id), or its verified delivery, for
-- which the reports' earliest stand-in is the first Receipts event (delivery
-- comes before it, so the deadline is never later than Amazon's). A shipment
-- with no Receipts event has no window and no finding. Value: the SKU's unit value.
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
paid AS (  -- inbound reimbursements of the short FNSKUs
    SELECT fnsku, approval_date, quantity_reimbursed_total AS units FROM in_reimbursements
    WHERE policy_has_code('inbound_shortage', 'reimbursement', reason) AND fnsku IN (SELECT fnsku FROM short)
),
laid AS (
    SELECT s.*,
           sum(s.units) OVER w AS units_through,
           sum(s.units) OVER w - s.units
             + (SELECT coalesce(sum(p.units), 0) FROM paid p
                WHERE p.fnsku = s.fnsku AND p.approval_date >= s.first_receipt) AS cut
    FROM short s
    WINDOW w AS (PARTITION BY s.fnsku ORDER BY s.first_receipt, s.shipment_id ROWS UNBOUNDED PRECEDING)
),
covered AS (
    SELECT *, least(units_through, min(cut) OVER w) AS covered_through
    FROM laid
    WINDOW w AS (PARTITION BY fnsku ORDER BY first_receipt, shipment_id ROWS UNBOUNDED PRECEDING)
),
owed AS (
    SELECT *, units - (covered_through - coalesce(lag(covered_through) OVER (
               PARTITION BY fnsku ORDER BY first_receipt, shipment_id), 0)) AS owed,
           CASE window_anchor('inbound_shortage') WHEN 'verified_delivery' THEN first_receipt
                ELSE last_receipt END AS anchor_date
    FROM covered
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
       window_opens('inbound_shortage', o.anchor_date) AS window_opens,
       window_closes('inbound_shortage', o.anchor_date) AS window_closes,
       list_concat([ev('inbound_items', o._file, o._row), ev('ledger', o.receipt_file, o.receipt_row)], v.evidence) AS evidence,
       v.estimated AS unit_value_estimated
FROM owed o JOIN unit_value v ON v.sku = o.sku
WHERE o.owed > 0
