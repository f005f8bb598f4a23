-- reimbursement_underpaid: a warehouse or inbound loss reimbursement approved
-- on or after the valuation date (manufacturing cost, 2025-03-10 in the US)
-- paid less a unit than the seller's unit_cost, by more than the tolerance (1%).
--
-- Paid a unit: amount-per-unit, plus any later positive rows that name this
-- reimbursement as their original (a top-up) spread over its cash units; a
-- reimbursement reversed in part or whole (a negative row naming it) is left
-- out. Only the cash units count; only a unit_cost the seller gave counts
-- (an estimate from sale prices is no measure of the manufacturing cost), and
-- only in the reimbursement's own currency. Value: unit_cost - paid a unit.
WITH followups AS (
    SELECT original_reimbursement_id AS reimbursement_id,
           sum(amount_total) FILTER (WHERE amount_total > 0) AS topped_up,
           bool_or(amount_total < 0) AS reversed
    FROM in_reimbursements WHERE original_reimbursement_id IS NOT NULL AND original_reimbursement_id <> ''
    GROUP BY original_reimbursement_id
),
cost AS (
    SELECT sku, unit_value AS unit_cost, currency, evidence FROM unit_value WHERE NOT estimated
),
paid AS (
    SELECT r.*, coalesce(r.sku, m.sku) AS cost_sku,
           r.amount_per_unit + coalesce(f.topped_up, 0) / r.quantity_reimbursed_cash AS paid_per_unit
    FROM in_reimbursements r
    LEFT JOIN followups f USING (reimbursement_id)
    LEFT JOIN (SELECT fnsku, min(sku) AS sku FROM sku_fnsku GROUP BY fnsku) m ON m.fnsku = r.fnsku
    WHERE policy_has_code('reimbursement_underpaid', 'reimbursement', r.reason)
      AND r.approval_date >= policy_date('valuation_date')
      AND r.quantity_reimbursed_cash > 0
      AND NOT coalesce(f.reversed, false)
)
SELECT 'reimbursement_underpaid' AS type,
       p.reimbursement_id AS reference_id,
       p.fnsku,
       p.cost_sku AS sku,
       p.quantity_reimbursed_cash AS quantity,
       CAST(round(c.unit_cost - p.paid_per_unit, 2) AS DECIMAL(18, 2)) AS unit_value,
       CAST(round(c.unit_cost - p.paid_per_unit, 2) AS DECIMAL(18, 2)) * p.quantity_reimbursed_cash AS amount,
       p.currency_unit AS currency,
       p.approval_date AS event_date,
       window_opens('reimbursement_underpaid', p.approval_date) AS window_opens,
       window_closes('reimbursement_underpaid', p.approval_date) AS window_closes,
       list_concat([ev('reimbursements', p._file, p._row)], c.evidence) AS evidence,
       false AS unit_value_estimated
FROM paid p JOIN cost c ON c.sku = p.cost_sku
WHERE (c.currency IS NULL OR c.currency = p.currency_unit)
  AND c.unit_cost - p.paid_per_unit > CAST(policy_num('underpaid_tolerance') AS DECIMAL(9, 6)) * c.unit_cost
