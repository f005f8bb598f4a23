-- fee_overcharge: the fee report puts a SKU in a dearer size tier than the
-- seller's own dimensions and weight give (sql/size_tier.sql).
--
-- Charged: the fee report's expected fulfillment fee a unit. Due: the policy
-- fee table's fee for the seller's tier at the seller's fee weight (unit weight
-- for small standard, shipping weight above). A unit's fee can be disputed for
-- the fee window (90 days in the US) after it shipped, so the claim covers the
-- units of the FNSKU that the ledger shows shipped to customers (Shipments
-- events) from as_of - closes_days up to as_of; the window counts from the
-- earliest of them. Same tier, a cheaper tier, or no charged difference: no
-- finding. Marketplaces without size tiers in their policy get none.
WITH charged AS (
    SELECT f.sku, f.fnsku, f.currency, f.expected_fulfillment_fee_per_unit AS fee_charged,
           fee_report_tier(f.product_size_tier) AS tier, f._file, f._row
    FROM in_fee_estimates f
),
mismatch AS (
    SELECT c.*, ct.rank AS charged_rank, p.tier AS due_tier, p.rank AS due_rank,
           tier_fee(p.tier, p.fee_weight_lb) AS fee_due, p._file AS product_file, p._row AS product_row
    FROM charged c
    JOIN policy_size_tier ct ON ct.in_force AND ct.tier = c.tier
    JOIN product_size_tier p ON p.sku = c.sku
    WHERE ct.rank > p.rank
),
shipped AS (
    SELECT l.fnsku, sum(-l.quantity) AS units, min(l.date) AS first_shipped
    FROM in_ledger l
    WHERE fold(l.event_type) = 'shipments' AND l.quantity < 0
      AND l.fnsku IN (SELECT fnsku FROM mismatch)
      AND l.date BETWEEN getvariable('audit_as_of')
                         - (SELECT closes_days FROM policy_window WHERE type = 'fee_overcharge' AND in_force)::INTEGER
                     AND getvariable('audit_as_of')
    GROUP BY l.fnsku
)
SELECT 'fee_overcharge' AS type,
       m.fnsku AS reference_id,
       m.fnsku,
       m.sku,
       s.units AS quantity,
       CAST(m.fee_charged - m.fee_due AS DECIMAL(18, 2)) AS unit_value,
       CAST(m.fee_charged - m.fee_due AS DECIMAL(18, 2)) * s.units AS amount,
       coalesce(m.currency, (SELECT currency FROM policy_market)) AS currency,
       s.first_shipped AS event_date,
       window_opens('fee_overcharge', s.first_shipped) AS window_opens,
       window_closes('fee_overcharge', s.first_shipped) AS window_closes,
       [ev('fee_estimates', m._file, m._row), ev('products', m.product_file, m.product_row)] AS evidence,
       false AS unit_value_estimated
FROM mismatch m JOIN shipped s USING (fnsku)
WHERE m.fee_due IS NOT NULL AND m.fee_charged - m.fee_due >= 0.01
