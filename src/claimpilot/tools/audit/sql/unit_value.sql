-- unit_value: what one unit of a SKU is worth for a claim (a table, computed once an audit).
-- The seller's unit_cost (products.csv, the manufacturing cost) where given;
-- otherwise an estimate: the mean item price a unit of the SKU's orders placed
-- in the estimate_lookback_days before the as-of date (item-price is a line
-- total, so total price over total units), cancelled orders left out; a SKU
-- with no order in that time takes all its orders up to the as-of date. An
-- estimate is flagged; the case then asks the seller for the invoice.
-- Amazon pays at most the marketplace's reimbursement_cap for one unit (where
-- the policy has one): a value above it, in the marketplace's currency, is the cap.
CREATE OR REPLACE TEMP TABLE unit_value AS
WITH cost AS (
    SELECT sku, arg_max(unit_cost, _file) AS unit_cost, arg_max(currency, _file) AS currency,
           arg_max(_file, _file) AS _file, arg_max(_row, _file) AS _row
    FROM in_products
    WHERE unit_cost > 0
    GROUP BY sku
),
needed AS (  -- SKUs without a unit_cost that a rule values: losses, shortages, damaged returns, removals
    SELECT msku AS sku FROM in_ledger WHERE fold(event_type) = 'adjustments'
    UNION SELECT seller_sku FROM in_inbound_items
    UNION SELECT sku FROM in_customer_returns WHERE policy_has_code('return_damaged_unreimbursed', 'disposition',
                                                                    detailed_disposition)
    UNION SELECT sku FROM in_removal_shipments
    EXCEPT SELECT sku FROM cost
),
sold AS (
    SELECT sku, item_price, quantity, currency,
           purchase_date >= getvariable('audit_as_of') - policy_num('estimate_lookback_days')::INTEGER AS is_recent
    FROM in_orders
    WHERE quantity > 0 AND item_price > 0 AND fold(order_status) <> 'cancelled'
      AND purchase_date <= getvariable('audit_as_of')
      AND sku IN (SELECT sku FROM needed)
),
recent AS (
    SELECT sku,
           round(coalesce(sum(item_price) FILTER (WHERE is_recent) / sum(quantity) FILTER (WHERE is_recent),
                          sum(item_price) / sum(quantity)), 2) AS unit_value,
           any_value(currency) AS currency
    FROM sold GROUP BY sku
),
valued AS (
    SELECT coalesce(c.sku, r.sku) AS sku, coalesce(c.unit_cost, r.unit_value) AS value,
           coalesce(c.currency, r.currency, (SELECT currency FROM policy_market)) AS currency,
           c.sku IS NULL AS estimated,
           CASE WHEN c.sku IS NULL THEN [] ELSE [ev('products', c._file, c._row)] END AS evidence
    FROM cost c FULL OUTER JOIN recent r ON r.sku = c.sku
)
SELECT sku,
       CAST(CASE WHEN currency = (SELECT currency FROM policy_market)
                 THEN least(value, coalesce(policy_num('reimbursement_cap'), value)) ELSE value END
            AS DECIMAL(18, 2)) AS unit_value,
       currency, estimated, evidence
FROM valued;

-- sku_fnsku: the FNSKU of a SKU, from any report that names both (the ledger's
-- adjustments, receipts and returns; its customer shipments add nothing new).
CREATE OR REPLACE TEMP TABLE sku_fnsku AS
SELECT sku, min(fnsku) AS fnsku FROM (
    SELECT sku, fnsku FROM in_fee_estimates
    UNION ALL SELECT seller_sku, fnsku FROM in_inbound_items
    UNION ALL SELECT sku, fnsku FROM in_customer_returns
    UNION ALL SELECT sku, fnsku FROM in_reimbursements
    UNION ALL SELECT DISTINCT msku, fnsku FROM in_ledger
              WHERE fold(event_type) IN ('adjustments', 'customerreturns', 'receipts')
) WHERE sku IS NOT NULL AND fnsku IS NOT NULL
GROUP BY sku;

-- settlement_currency: each settlement's currency. A settlement file names it on
-- its totals row (the row without a transaction type) and leaves the
-- transaction rows' currency empty; a refund is worth its amount in that one.
CREATE OR REPLACE TEMP TABLE settlement_currency AS
SELECT settlement_id, min(trim(currency)) AS currency FROM in_settlement
WHERE nullif(trim(currency), '') IS NOT NULL AND settlement_id IS NOT NULL
GROUP BY settlement_id;
