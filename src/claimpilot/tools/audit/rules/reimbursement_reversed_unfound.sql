-- reimbursement_reversed_unfound: Amazon took back a warehouse loss
-- reimbursement (a reversal: "the unit was found") while the Inventory Ledger
-- never shows the unit found.
--
-- Reversals: reimbursement rows whose reason the policy lists as a reversal
-- (Reimbursement_Reversal) naming as original a reimbursement of a reason the
-- policy lists for this type (Lost_Warehouse, Damaged_Warehouse: the original's
-- row, or where the seller's files lack it the original-reimbursement-type).
-- Reversed units: the row's cash units; value: its amount-per-unit (both as
-- positive numbers). Found units: ledger Adjustments of a found reason (F) for
-- the FNSKU. Per FNSKU the reversals are laid end to end by approval date
-- (then id); the found units that can cover reversals 1..k are those dated from
-- the earliest of their originals' approval dates to reversal_found_days after
-- reversal k, and they cover the oldest reversals first. A found unit that
-- already nets a loss Amazon never reimbursed (warehouse_lost units beyond the
-- units reimbursed for them) is not counted again: those are taken to be the
-- earliest found units. Without its original in the files a reversal's found
-- units are counted from the ledger's first day. Window: from the reversal's
-- approval date.
WITH reversals AS (
    SELECT r.reimbursement_id, r.fnsku, coalesce(r.sku, o.sku) AS sku, r.approval_date,
           abs(r.quantity_reimbursed_cash) AS units, abs(r.amount_per_unit) AS per_unit, r.currency_unit AS currency,
           coalesce(o.approval_date, DATE '1900-01-01') AS original_date,
           list_concat([ev('reimbursements', r._file, r._row)],
                       CASE WHEN o._file IS NULL THEN [] ELSE [ev('reimbursements', o._file, o._row)] END) AS evidence
    FROM in_reimbursements r
    LEFT JOIN in_reimbursements o ON o.reimbursement_id = r.original_reimbursement_id AND o.fnsku = r.fnsku
         AND NOT policy_has_code('reimbursement_reversed_unfound', 'reversal', o.reason)
    WHERE policy_has_code('reimbursement_reversed_unfound', 'reversal', r.reason)
      AND policy_has_code('reimbursement_reversed_unfound', 'reimbursement',
                          coalesce(o.reason, r.original_reimbursement_type))
      AND abs(r.quantity_reimbursed_cash) > 0 AND abs(r.amount_per_unit) > 0
),
found AS (
    SELECT fnsku, date, quantity FROM in_ledger
    WHERE fold(event_type) = 'adjustments' AND quantity > 0 AND policy_has_code('warehouse_lost', 'found', reason)
      AND fnsku IN (SELECT fnsku FROM reversals)
),
netted AS (  -- found units that cover losses never reimbursed
    SELECT f.fnsku, least(f.units, greatest(0, coalesce(l.units, 0) - coalesce(p.units, 0))) AS units
    FROM (SELECT fnsku, sum(quantity) AS units FROM found GROUP BY fnsku) f
    LEFT JOIN (SELECT fnsku, sum(lost) AS units FROM loss_netting WHERE type = 'warehouse_lost' GROUP BY fnsku) l
           USING (fnsku)
    LEFT JOIN (SELECT fnsku, sum(quantity_reimbursed_total) AS units FROM in_reimbursements
               WHERE policy_has_code('warehouse_lost', 'reimbursement', reason) GROUP BY fnsku) p USING (fnsku)
),
laid AS (
    SELECT *, sum(units) OVER w AS units_through, min(original_date) OVER w AS found_from,
           approval_date + policy_num('reversal_found_days')::INTEGER AS found_until
    FROM reversals
    WINDOW w AS (PARTITION BY fnsku ORDER BY approval_date, reimbursement_id ROWS UNBOUNDED PRECEDING)
),
available AS (
    SELECT l.*,
           greatest(0, (SELECT coalesce(sum(f.quantity), 0) FROM found f
                        WHERE f.fnsku = l.fnsku AND f.date BETWEEN l.found_from AND l.found_until)
                       - greatest(0, coalesce(n.units, 0) - (SELECT coalesce(sum(f.quantity), 0) FROM found f
                                                            WHERE f.fnsku = l.fnsku AND f.date < l.found_from)))
             AS found_units
    FROM laid l LEFT JOIN netted n USING (fnsku)
),
covered AS (
    SELECT *, max(least(units_through, found_units)) OVER w AS covered_through
    FROM available
    WINDOW w AS (PARTITION BY fnsku ORDER BY approval_date, reimbursement_id ROWS UNBOUNDED PRECEDING)
),
owed AS (
    SELECT *, units - (covered_through - coalesce(lag(covered_through) OVER (
               PARTITION BY fnsku ORDER BY approval_date, reimbursement_id), 0)) AS owed
    FROM covered
)
SELECT 'reimbursement_reversed_unfound' AS type,
       o.reimbursement_id AS reference_id,
       o.fnsku,
       coalesce(o.sku, m.sku) AS sku,
       o.owed AS quantity,
       CAST(o.per_unit AS DECIMAL(18, 2)) AS unit_value,
       CAST(o.per_unit AS DECIMAL(18, 2)) * o.owed AS amount,
       o.currency,
       o.approval_date AS event_date,
       window_opens('reimbursement_reversed_unfound', o.approval_date) AS window_opens,
       window_closes('reimbursement_reversed_unfound', o.approval_date) AS window_closes,
       o.evidence,
       false AS unit_value_estimated
FROM owed o LEFT JOIN (SELECT fnsku, min(sku) AS sku FROM sku_fnsku GROUP BY fnsku) m ON m.fnsku = o.fnsku
WHERE o.owed > 0 AND window_anchor('reimbursement_reversed_unfound') IS NOT NULL
