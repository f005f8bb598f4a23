-- fee_overcharge: the fee report puts a SKU in a dearer size tier than the
-- seller's own dimensions and weight give (fee_tier_mismatch, sql/size_tier.sql).
--
-- Charged: the fee report's expected fulfillment fee a unit. Due: the policy
-- fee table's fee for the seller's tier at the seller's fee weight (unit weight
-- for small standard, shipping weight above). A unit's fee can be disputed for
-- the fee window (90 days in the US) after it shipped, so the claim covers the
-- units of the FNSKU that the ledger shows shipped to customers (Shipments
-- events) from as_of - closes_days up to as_of; the window counts from the
-- earliest of them. Same tier, a cheaper tier, or no charged difference: no
-- finding. Marketplaces without size tiers in their policy get none.
WITH mismatch AS (
    SELECT * FROM fee_tier_mismatch
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
