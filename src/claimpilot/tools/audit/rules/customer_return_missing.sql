-- customer_return_missing: a buyer was refunded and the unit never came back.
--
-- Refunds: settlement rows of transaction type Refund, amount type ItemPrice,
-- description Principal, summed per order and SKU. A refund's quantity is the
-- row's quantity-purchased (a row without one counts as one unit, the claim
-- that cannot overstate the units refunded). Units came back when the customer
-- returns report or a ledger CustomerReturns event (Reference ID = order id)
-- shows them for that order and SKU: the larger of the two, never the sum.
-- An order that any reimbursement carries is left out whole, as is an order
-- the orders report shows as fulfilled by the merchant.
-- Value: the refunded principal a unit, in the refund row's currency, else the
-- currency of its settlement (settlement_currency, sql/unit_value.sql), else
-- the marketplace's. Several refunds of one order line make
-- one finding whose window is the part common to all of them: it opens after
-- the last refund's opening and closes with the first refund's close.
WITH principal AS (
    SELECT * FROM in_settlement
    WHERE fold(transaction_type) = 'refund' AND fold(amount_type) = 'itemprice'
      AND fold(amount_description) = 'principal' AND order_id IS NOT NULL
),
refunds AS (
    SELECT order_id, sku,
           sum(coalesce(abs(quantity_purchased), 1)) AS refunded_units,
           -sum(amount) AS principal,
           min(posted_date) AS first_posted, max(posted_date) AS last_posted,
           any_value(coalesce(nullif(trim(p.currency), ''), c.currency)) AS currency
    FROM principal p LEFT JOIN settlement_currency c USING (settlement_id)
    GROUP BY order_id, sku
),
returned AS (
    SELECT order_id, sku, sum(quantity) AS units FROM in_customer_returns
    WHERE order_id IN (SELECT order_id FROM refunds) GROUP BY order_id, sku
),
ledger_returned AS (
    SELECT reference_id AS order_id, msku AS sku, sum(quantity) AS units FROM in_ledger
    WHERE fold(event_type) = 'customerreturns' AND reference_id IN (SELECT order_id FROM refunds)
    GROUP BY reference_id, msku
),
merchant_orders AS (
    SELECT DISTINCT amazon_order_id AS order_id FROM in_orders
    WHERE fold(fulfillment_channel) IN ('merchant', 'mfn')
      AND amazon_order_id IN (SELECT order_id FROM refunds)
),
owed AS (
    SELECT f.*,
           f.refunded_units - greatest(coalesce(r.units, 0), coalesce(l.units, 0)) AS units
    FROM refunds f
    LEFT JOIN returned r USING (order_id, sku)
    LEFT JOIN ledger_returned l USING (order_id, sku)
    WHERE f.principal > 0 AND f.refunded_units > 0
      AND f.order_id NOT IN (SELECT amazon_order_id FROM in_reimbursements WHERE amazon_order_id IS NOT NULL)
      AND f.order_id NOT IN (SELECT order_id FROM merchant_orders)
),
evidence AS (  -- the refund rows of the orders still owed (gathered for those alone: it is the costly part)
    SELECT p.order_id, p.sku, list(ev('settlement', p._file, p._row) ORDER BY p._file, p._row) AS evidence
    FROM principal p
    WHERE (p.order_id, p.sku) IN (SELECT (order_id, sku) FROM owed WHERE units > 0)
    GROUP BY p.order_id, p.sku
)
SELECT 'customer_return_missing' AS type,
       o.order_id AS reference_id,
       m.fnsku,
       o.sku,
       o.units AS quantity,
       CAST(round(o.principal / o.refunded_units, 2) AS DECIMAL(18, 2)) AS unit_value,
       CAST(round(o.principal * o.units / o.refunded_units, 2) AS DECIMAL(18, 2)) AS amount,
       coalesce(o.currency, (SELECT currency FROM policy_market)) AS currency,
       o.last_posted AS event_date,
       window_opens('customer_return_missing', o.last_posted) AS window_opens,
       window_closes('customer_return_missing', o.first_posted) AS window_closes,
       e.evidence,
       false AS unit_value_estimated
FROM owed o
JOIN evidence e ON e.order_id = o.order_id AND e.sku IS NOT DISTINCT FROM o.sku
LEFT JOIN sku_fnsku m ON m.sku = o.sku
WHERE o.units > 0
