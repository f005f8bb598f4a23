-- return_damaged_unreimbursed: a customer return that Amazon graded DAMAGED or
-- CARRIER_DAMAGED (damaged in Amazon's or its carrier's hands: Amazon takes
-- ownership of the unit) and never reimbursed.
--
-- Damaged returns: customer-returns rows whose detailed-disposition the policy
-- lists for this type (role disposition: DAMAGED, CARRIER_DAMAGED), summed per
-- order and FNSKU. CUSTOMER_DAMAGED, DEFECTIVE, SELLABLE and every other grade
-- are the seller's loss and never counted. Paid: the units of every
-- reimbursement row that carries the order's amazon-order-id and the FNSKU
-- (a reversal row's negative units give them back). Owed: damaged - paid.
-- Several damaged returns of one order and FNSKU make one finding whose
-- window is the part common to all of them (it opens with the last return and
-- closes with the first's close). Value: the SKU's unit value (unit_cost).
WITH damaged AS (
    SELECT * FROM in_customer_returns
    WHERE policy_has_code('return_damaged_unreimbursed', 'disposition', detailed_disposition)
      AND order_id IS NOT NULL AND quantity > 0
),
returned AS (
    SELECT order_id, fnsku, any_value(sku) AS sku, sum(quantity) AS units,
           min(return_date) AS first_return, max(return_date) AS last_return,
           list(ev('customer_returns', _file, _row) ORDER BY _file, _row) AS evidence
    FROM damaged GROUP BY order_id, fnsku
),
paid AS (
    SELECT amazon_order_id AS order_id, fnsku, sum(quantity_reimbursed_total) AS units,
           list(ev('reimbursements', _file, _row) ORDER BY _file, _row) AS evidence
    FROM in_reimbursements
    WHERE (amazon_order_id, fnsku) IN (SELECT (order_id, fnsku) FROM returned)
    GROUP BY amazon_order_id, fnsku
),
owed AS (
    SELECT r.*, r.units - greatest(coalesce(p.units, 0), 0) AS owed, coalesce(p.evidence, []) AS paid_evidence
    FROM returned r LEFT JOIN paid p USING (order_id, fnsku)
)
SELECT 'return_damaged_unreimbursed' AS type,
       o.order_id AS reference_id,
       o.fnsku,
       o.sku,
       o.owed AS quantity,
       v.unit_value,
       v.unit_value * o.owed AS amount,
       v.currency,
       o.last_return AS event_date,
       window_opens('return_damaged_unreimbursed', o.last_return) AS window_opens,
       window_closes('return_damaged_unreimbursed', o.first_return) AS window_closes,
       list_concat(o.evidence, o.paid_evidence, v.evidence) AS evidence,
       v.estimated AS unit_value_estimated
FROM owed o JOIN unit_value v ON v.sku = o.sku
WHERE o.owed > 0 AND window_anchor('return_damaged_unreimbursed') IS NOT NULL
