-- refund_commission_short: on a refund Amazon gave back less of the referral
-- fee than its own formula says.
--
-- On a refund Amazon returns the referral fee charged on the refunded part of
-- the order (ItemFees Commission, positive) and keeps a refund administration
-- fee (ItemFees RefundCommission, negative): the lesser of a cap and a rate of
-- that returned fee (policy params refund_admin_fee_cap, refund_admin_fee_rate;
-- where the policy gives no cap for the marketplace's currency the whole rate
-- is allowed, the most Amazon may keep, so no claim rests on a cap not known).
-- Per refund (an order line's Refund rows of one posted date): its share is its
-- Principal over the Principal charged on the line's Order rows; the fee to
-- return is the Commission charged times that share (to the cent); the seller
-- should net back that fee less the administration fee on it; the refund's
-- Commission and RefundCommission rows net what it did. An order line whose
-- shortfall over its refunds exceeds the tolerance (refund_commission_tolerance)
-- is owed the shortfall, once (quantity: the refunded units). Lines without an
-- Order row with both Principal and Commission, and lines refunded above the
-- principal charged (refund_above_paid), are not judged. Window: from the
-- refunds' posted dates, the part common to all of them.
WITH refunded AS (  -- the order lines refunded: the only ones judged (most of the settlement is not)
    SELECT DISTINCT order_id, sku FROM in_settlement
    WHERE fold(transaction_type) = 'refund' AND order_id IS NOT NULL
),
keyed AS MATERIALIZED (  -- the refunded lines' rows, before any folding of the rest of the settlement
    SELECT s.* FROM in_settlement s SEMI JOIN refunded r ON r.order_id = s.order_id AND r.sku IS NOT DISTINCT FROM s.sku
),
rows AS (
    SELECT s.*, fold(s.transaction_type) AS kind, fold(s.amount_type) || '/' || fold(s.amount_description) AS part,
           coalesce(nullif(trim(s.currency), ''), c.currency) AS row_currency
    FROM keyed s LEFT JOIN settlement_currency c USING (settlement_id)
    WHERE fold(s.transaction_type) IN ('order', 'refund') AND fold(s.amount_type) IN ('itemprice', 'itemfees')
      AND fold(s.amount_description) IN ('principal', 'commission', 'refundcommission')
),
charged AS (
    SELECT order_id, sku, sum(amount) FILTER (WHERE part = 'itemprice/principal') AS principal,
           -sum(amount) FILTER (WHERE part = 'itemfees/commission') AS commission
    FROM rows WHERE kind = 'order' GROUP BY order_id, sku
),
refunds AS (
    SELECT order_id, sku, posted_date,
           -sum(amount) FILTER (WHERE part = 'itemprice/principal') AS principal,
           coalesce(sum(amount) FILTER (WHERE part IN ('itemfees/commission', 'itemfees/refundcommission')), 0) AS netted,
           max(abs(quantity_purchased)) FILTER (WHERE part = 'itemprice/principal') AS units,
           any_value(row_currency) AS currency
    FROM rows WHERE kind = 'refund' GROUP BY order_id, sku, posted_date
),
judged AS (
    SELECT r.*, c.principal AS charged_principal,
           CAST(c.commission * r.principal / c.principal AS DECIMAL(18, 2)) AS fee_back
    FROM refunds r JOIN charged c USING (order_id, sku)
    WHERE c.principal > 0 AND c.commission > 0 AND r.principal > 0
),
owed AS (
    SELECT order_id, sku,
           CAST(sum(fee_back - CAST(least(fee_back * policy_num('refund_admin_fee_rate'),
                                          coalesce(policy_num('refund_admin_fee_cap'), fee_back)) AS DECIMAL(18, 2)))
                - sum(netted) AS DECIMAL(18, 2)) AS short,
           sum(coalesce(units, 1)) AS units, sum(principal) AS refunded, any_value(charged_principal) AS charged,
           min(posted_date) AS first_refund, max(posted_date) AS last_refund, any_value(currency) AS currency
    FROM judged GROUP BY order_id, sku
    HAVING sum(principal) <= any_value(charged_principal)
),
short AS (
    SELECT * FROM owed WHERE short > CAST(policy_num('refund_commission_tolerance') AS DECIMAL(9, 4))
),
evidence AS (  -- the order's and its refunds' rows, gathered for the lines owed alone
    SELECT order_id, sku, list(ev('settlement', _file, _row) ORDER BY kind, posted_date, _file, _row) AS evidence
    FROM rows WHERE (order_id, sku) IN (SELECT (order_id, sku) FROM short)
    GROUP BY order_id, sku
)
SELECT 'refund_commission_short' AS type,
       o.order_id AS reference_id,
       m.fnsku,
       o.sku,
       o.units AS quantity,
       CAST(o.short AS DECIMAL(18, 2)) AS unit_value,
       CAST(o.short AS DECIMAL(18, 2)) AS amount,
       coalesce(o.currency, (SELECT currency FROM policy_market)) AS currency,
       o.last_refund AS event_date,
       window_opens('refund_commission_short', o.last_refund) AS window_opens,
       window_closes('refund_commission_short', o.first_refund) AS window_closes,
       e.evidence,
       false AS unit_value_estimated
FROM short o JOIN evidence e ON e.order_id = o.order_id AND e.sku IS NOT DISTINCT FROM o.sku
LEFT JOIN sku_fnsku m ON m.sku = o.sku
WHERE window_anchor('refund_commission_short') IS NOT NULL
