-- refund_above_paid: a buyer was refunded more than they paid for an order line.
--
-- Charged: the ItemPrice Principal of the order's Order rows in the
-- settlement, summed per order and SKU. Refunded: the ItemPrice Principal of
-- its Refund rows (negative amounts), summed the same way. An order line
-- whose refunds exceed what was charged is owed the excess, once (not per
-- unit: the finding's quantity is the refunded units, its unit value and its
-- amount the excess). An order line with no Order row in the seller's
-- settlements (charged before the first file) is not judged. The window
-- counts from the last refund's posted date. Currency: the refund row's,
-- else its settlement's (settlement_currency, sql/unit_value.sql), else the
-- marketplace's.
WITH refunded AS (  -- the order lines refunded: the only ones judged (most of the settlement is not)
    SELECT DISTINCT order_id, sku FROM in_settlement
    WHERE fold(transaction_type) = 'refund' AND order_id IS NOT NULL
),
keyed AS MATERIALIZED (  -- the refunded lines' rows, before any folding of the rest of the settlement
    SELECT s.* FROM in_settlement s SEMI JOIN refunded r ON r.order_id = s.order_id AND r.sku IS NOT DISTINCT FROM s.sku
),
principal AS (
    SELECT s.*, fold(s.transaction_type) AS kind,
           coalesce(nullif(trim(s.currency), ''), c.currency) AS row_currency
    FROM keyed s LEFT JOIN settlement_currency c USING (settlement_id)
    WHERE fold(s.transaction_type) IN ('order', 'refund') AND fold(s.amount_type) = 'itemprice'
      AND fold(s.amount_description) = 'principal'
),
lines AS (
    SELECT order_id, sku,
           sum(amount) FILTER (WHERE kind = 'order') AS charged,
           -sum(amount) FILTER (WHERE kind = 'refund') AS refunded,
           sum(coalesce(abs(quantity_purchased), 1)) FILTER (WHERE kind = 'refund') AS refunded_units,
           max(posted_date) FILTER (WHERE kind = 'refund') AS last_refund,
           any_value(row_currency) FILTER (WHERE kind = 'refund') AS currency,
           list(ev('settlement', _file, _row) ORDER BY _file, _row) AS evidence
    FROM principal GROUP BY order_id, sku
)
SELECT 'refund_above_paid' AS type,
       l.order_id AS reference_id,
       m.fnsku,
       l.sku,
       l.refunded_units AS quantity,
       CAST(l.refunded - l.charged AS DECIMAL(18, 2)) AS unit_value,
       CAST(l.refunded - l.charged AS DECIMAL(18, 2)) AS amount,
       coalesce(l.currency, (SELECT currency FROM policy_market)) AS currency,
       l.last_refund AS event_date,
       window_opens('refund_above_paid', l.last_refund) AS window_opens,
       window_closes('refund_above_paid', l.last_refund) AS window_closes,
       l.evidence,
       false AS unit_value_estimated
FROM lines l LEFT JOIN sku_fnsku m ON m.sku = l.sku
WHERE l.charged > 0 AND l.refunded > l.charged AND l.refunded_units > 0
  AND window_anchor('refund_above_paid') IS NOT NULL
