-- removal_shipment_short: a removal shipment that arrived short at the
-- seller's door.
--
-- Shipped: the removal shipment detail rows of an order and FNSKU whose
-- removal-order-type (else the removal order detail's order-type for that
-- order) the policy lists for this type (Return: units sent back to the
-- seller), summed. Received: the seller's removal_receipts.csv rows of that
-- order and FNSKU, summed. An order the receipts file never names is not
-- judged: nothing says the shipment has arrived. Paid: the units of every
-- reimbursement that carries the removal order id (amazon-order-id) and the
-- FNSKU. Owed: shipped - received - paid. The window counts from the
-- shipment date (several shipments of an order and FNSKU: it opens after the
-- last one's opening and closes with the first one's close). Value: the SKU's
-- unit value (unit_cost).
WITH typed AS (
    SELECT s.*, coalesce(nullif(trim(s.removal_order_type), ''), o.order_type) AS order_type
    FROM in_removal_shipments s
    LEFT JOIN (SELECT order_id, any_value(order_type) AS order_type FROM in_removal_orders GROUP BY order_id) o
           USING (order_id)
),
shipped AS (
    SELECT order_id, fnsku, any_value(sku) AS sku, sum(shipped_quantity) AS units,
           min(shipment_date) AS first_shipped, max(shipment_date) AS last_shipped,
           list(ev('removal_shipments', _file, _row) ORDER BY _file, _row) AS evidence
    FROM typed
    WHERE policy_has_code('removal_shipment_short', 'order_type', order_type) AND shipped_quantity > 0
      AND order_id IN (SELECT order_id FROM in_removal_receipts)
    GROUP BY order_id, fnsku
),
received AS (
    SELECT order_id, fnsku, sum(received_quantity) AS units,
           list(ev('removal_receipts', _file, _row) ORDER BY _file, _row) AS evidence
    FROM in_removal_receipts GROUP BY order_id, fnsku
),
paid AS (
    SELECT amazon_order_id AS order_id, fnsku, sum(quantity_reimbursed_total) AS units
    FROM in_reimbursements
    WHERE (amazon_order_id, fnsku) IN (SELECT (order_id, fnsku) FROM shipped)
    GROUP BY amazon_order_id, fnsku
),
owed AS (
    SELECT s.*, s.units - coalesce(r.units, 0) - greatest(coalesce(p.units, 0), 0) AS owed,
           list_concat(s.evidence, coalesce(r.evidence, [])) AS rows
    FROM shipped s LEFT JOIN received r USING (order_id, fnsku) LEFT JOIN paid p USING (order_id, fnsku)
)
SELECT 'removal_shipment_short' AS type,
       o.order_id AS reference_id,
       o.fnsku,
       o.sku,
       o.owed AS quantity,
       v.unit_value,
       v.unit_value * o.owed AS amount,
       v.currency,
       o.last_shipped AS event_date,
       window_opens('removal_shipment_short', o.last_shipped) AS window_opens,
       window_closes('removal_shipment_short', o.first_shipped) AS window_closes,
       list_concat(o.rows, v.evidence) AS evidence,
       v.estimated AS unit_value_estimated
FROM owed o JOIN unit_value v ON v.sku = o.sku
WHERE o.owed > 0 AND window_anchor('removal_shipment_short') IS NOT NULL
