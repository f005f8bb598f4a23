-- Every reimbursement once, from the Reimbursements report and Finances' adjustment events.
-- A row of the adjustment events (reimbursement_id 'FE-...') and a row of the report are the same
-- reimbursement when they pay the same FNSKU the same cash units and amount within {days} days of each
-- other: the n-th event row of such a (FNSKU, units, amount) pairs with the n-th report row, by date.
-- The report's row is kept (it names Amazon's reimbursement-id, case and order), with the event row it
-- stands for in _twin; an event row without a report row is read as it is.
WITH marked AS (
    SELECT *, starts_with(reimbursement_id, '{prefix}') AS _event,
        row_number() OVER (PARTITION BY fnsku, quantity_reimbursed_cash, amount_total,
                                        starts_with(reimbursement_id, '{prefix}')
                           ORDER BY approval_date, reimbursement_id, _file, _row) AS _nth
    FROM {table}
),
paired AS (
    SELECT r._file AS r_file, r._row AS r_row, e.reimbursement_id AS twin, e._file AS e_file, e._row AS e_row
    FROM marked r JOIN marked e
      ON NOT r._event AND e._event AND r.fnsku = e.fnsku AND r._nth = e._nth
     AND r.quantity_reimbursed_cash = e.quantity_reimbursed_cash AND r.amount_total = e.amount_total
     AND abs(date_diff('day', r.approval_date, e.approval_date)) <= {days}
)
SELECT m.* EXCLUDE (_event, _nth), p.twin AS _twin
FROM marked m
LEFT JOIN paired p ON NOT m._event AND p.r_file = m._file AND p.r_row = m._row
WHERE NOT m._event OR NOT EXISTS (SELECT 1 FROM paired q WHERE q.e_file = m._file AND q.e_row = m._row)
