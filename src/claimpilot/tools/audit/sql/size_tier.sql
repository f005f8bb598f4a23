-- product_size_tier: the size tier that the seller's own dimensions and weight give.
-- Sides are sorted (a file may list them in any order), converted to inches,
-- weights to pounds. Small standard is judged on unit weight; from large
-- standard up on shipping weight, the greater of unit weight and dimensional
-- weight (L x W x H / dim_weight_divisor). The tier is the cheapest (lowest
-- rank) whose every limit the product keeps; a NULL limit is no limit.
CREATE OR REPLACE TEMP TABLE product_size_tier AS
WITH p AS (
    SELECT sku, _file, _row,
           list_sort([to_inches(length::DOUBLE, dimension_unit), to_inches(width::DOUBLE, dimension_unit),
                      to_inches(height::DOUBLE, dimension_unit)], 'DESC') AS sides,
           to_pounds(weight::DOUBLE, weight_unit) AS unit_weight_lb
    FROM in_products
    WHERE length > 0 AND width > 0 AND height > 0 AND weight > 0
),
measured AS (
    SELECT sku, _file, _row, sides[1] AS longest, sides[2] AS median, sides[3] AS shortest,
           sides[1] + 2 * (sides[2] + sides[3]) AS length_girth,
           unit_weight_lb,
           greatest(unit_weight_lb, sides[1] * sides[2] * sides[3] / policy_num('dim_weight_divisor')) AS shipping_weight_lb
    FROM p
),
fits AS (
    SELECT m.*, t.tier, t.rank, t.weight_basis,
           CASE t.weight_basis WHEN 'unit' THEN m.unit_weight_lb ELSE m.shipping_weight_lb END AS fee_weight_lb
    FROM measured m JOIN policy_size_tier t ON t.in_force
     AND (t.longest_in IS NULL OR m.longest <= t.longest_in)
     AND (t.median_in IS NULL OR m.median <= t.median_in)
     AND (t.shortest_in IS NULL OR m.shortest <= t.shortest_in)
     AND (t.length_girth_in IS NULL OR m.length_girth <= t.length_girth_in)
     AND (t.weight_lb IS NULL OR (CASE t.weight_basis WHEN 'unit' THEN m.unit_weight_lb ELSE m.shipping_weight_lb END) <= t.weight_lb)
)
SELECT * FROM fits QUALIFY row_number() OVER (PARTITION BY sku ORDER BY rank) = 1;

-- tier_fee: the fulfillment fee a unit of each tier at each product's fee weight (pounds),
-- from the policy fee table: base fee, plus a step fee for each step (or part)
-- above above_lb. Band edges and steps allow 1e-9 lb of floating-point noise
-- (a unit of exactly 8 oz is in the 8 oz band).
CREATE OR REPLACE TEMP VIEW tier_fee AS
SELECT f.tier, p.sku,
       f.base_fee + CAST(greatest(0, ceil((p.fee_weight_lb - f.above_lb) / f.step_lb - 1e-9)) AS INTEGER) * f.step_fee AS fee
FROM product_size_tier p
JOIN policy_fee f ON f.in_force AND f.tier = p.tier
 AND p.fee_weight_lb > f.weight_from_lb + 1e-9 AND p.fee_weight_lb <= f.weight_to_lb + 1e-9;

-- fee_report_tier: the tier each fee report row names (longest matching label prefix wins).
CREATE OR REPLACE TEMP VIEW fee_report_tier AS
SELECT f.sku, f.fnsku, l.tier
FROM (SELECT sku, fnsku, _file, _row, fold(product_size_tier) AS label FROM in_fee_estimates) f
JOIN policy_tier_label l ON l.in_force AND starts_with(f.label, l.label)
QUALIFY row_number() OVER (PARTITION BY f.sku, f.fnsku, f._file, f._row ORDER BY length(l.label) DESC) = 1;

-- fee_tier_mismatch: SKUs the fee report puts in a dearer tier than their own
-- measurements give, with the fee charged and the fee due (fee_overcharge.sql).
CREATE OR REPLACE TEMP TABLE fee_tier_mismatch AS
WITH charged AS (
    SELECT f.sku, f.fnsku, f.currency, f.expected_fulfillment_fee_per_unit AS fee_charged, t.tier, f._file, f._row
    FROM in_fee_estimates f JOIN fee_report_tier t ON t.sku = f.sku AND t.fnsku = f.fnsku
)
SELECT c.*, ct.rank AS charged_rank, p.tier AS due_tier, p.rank AS due_rank,
       d.fee AS fee_due, p._file AS product_file, p._row AS product_row
FROM charged c
JOIN policy_size_tier ct ON ct.in_force AND ct.tier = c.tier
JOIN product_size_tier p ON p.sku = c.sku
LEFT JOIN tier_fee d ON d.sku = p.sku AND d.tier = p.tier
WHERE ct.rank > p.rank;
