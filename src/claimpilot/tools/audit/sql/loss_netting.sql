-- loss_netting: the units of each warehouse loss event still owed, for the
-- warehouse_lost and warehouse_damaged rules.
--
-- A loss event is a ledger Adjustments row with a negative quantity and a
-- reason the policy lists as a loss for that claim type. Per FNSKU the units
-- that offset losses form a pool:
--   lost:    found units (Adjustments with a found reason, and any positive
--            quantity under a loss reason) + units reimbursed with a
--            Lost_Warehouse reason (cash and inventory);
--   damaged: units reimbursed with a Damaged_Warehouse reason + whatever the
--            lost pool has left after covering every lost event.
-- Where the ledger row carries Unreconciled Quantity, Amazon has already said
-- how many of its units are reconciled (found or reimbursed): the event claims
-- no more than its unreconciled units, and the units it shows reconciled are
-- taken out of the pool first, so one found or reimbursed unit never nets two
-- events (once in a row's Reconciled Quantity, once more through the pool).
-- The pool left then covers the units still claimed first in, first out:
-- events are laid end to end in date order (then reference id, file, row) and
-- the pool covers the earliest first; an event keeps the units it does not
-- reach (a row downloaded before its units were found is still netted).
--
-- The same adjustment downloaded again later may differ only in its
-- Reconciled/Unreconciled columns, so it is stored twice; adjustments are
-- counted once per (FNSKU, reference, date, reason, quantity, centre,
-- disposition, occurrence within a file), keeping the least unreconciled copy.
CREATE OR REPLACE TEMP VIEW loss_netting AS
WITH ledger_adjustments AS (
    SELECT *, row_number() OVER (PARTITION BY fnsku, reference_id, date, reason, quantity, fulfillment_center,
                                              disposition, _file ORDER BY _row) AS occurrence
    FROM in_ledger WHERE fold(event_type) = 'adjustments'
),
adjustments AS (
    SELECT * FROM ledger_adjustments
    QUALIFY row_number() OVER (PARTITION BY fnsku, reference_id, date, reason, quantity, fulfillment_center,
                                            disposition, occurrence
                               ORDER BY unreconciled_quantity NULLS LAST, _file, _row) = 1
),
events AS (
    SELECT r.type, a.fnsku, a.msku AS sku, a.reference_id, a.date AS event_date, -a.quantity AS lost,
           CASE WHEN a.unreconciled_quantity IS NULL THEN -a.quantity
                ELSE least(-a.quantity, greatest(a.unreconciled_quantity, 0)) END AS claimed,
           a._file, a._row
    FROM adjustments a
    JOIN policy_reason r ON r.in_force AND r.role = 'loss' AND r.type IN ('warehouse_lost', 'warehouse_damaged')
     AND upper(trim(a.reason)) = upper(r.code)
    WHERE a.quantity < 0
),
found AS (
    SELECT fnsku, sum(quantity) AS units FROM adjustments
    WHERE quantity > 0
      AND (policy_has_code('warehouse_lost', 'found', reason) OR policy_has_code('warehouse_lost', 'loss', reason))
    GROUP BY fnsku
),
reimbursed AS (
    SELECT fnsku,
           sum(quantity_reimbursed_total) FILTER (WHERE policy_has_code('warehouse_lost', 'reimbursement', reason)) AS lost_units,
           sum(quantity_reimbursed_total) FILTER (WHERE policy_has_code('warehouse_damaged', 'reimbursement', reason)) AS damaged_units
    FROM in_reimbursements GROUP BY fnsku
),
totals AS (  -- per FNSKU and type: units still claimed, units the ledger shows reconciled
    SELECT fnsku,
           coalesce(sum(claimed) FILTER (WHERE type = 'warehouse_lost'), 0) AS lost_claimed,
           coalesce(sum(lost - claimed) FILTER (WHERE type = 'warehouse_lost'), 0) AS lost_reconciled,
           coalesce(sum(lost - claimed) FILTER (WHERE type = 'warehouse_damaged'), 0) AS damaged_reconciled
    FROM events GROUP BY fnsku
),
pools AS (
    SELECT t.fnsku,
           coalesce(f.units, 0) + coalesce(r.lost_units, 0) - t.lost_reconciled AS lost_left,
           greatest(0, coalesce(r.damaged_units, 0) - t.damaged_reconciled) AS damaged_left,
           t.lost_claimed
    FROM totals t LEFT JOIN found f USING (fnsku) LEFT JOIN reimbursed r USING (fnsku)
),
laid AS (
    SELECT e.*, sum(claimed) OVER (PARTITION BY type, fnsku ORDER BY event_date, reference_id, _file, _row
                                   ROWS UNBOUNDED PRECEDING) - claimed AS units_before,
           CASE e.type WHEN 'warehouse_lost' THEN greatest(0, p.lost_left)
                ELSE p.damaged_left + greatest(0, p.lost_left - p.lost_claimed) END AS pool
    FROM events e JOIN pools p USING (fnsku)
)
SELECT type, fnsku, sku, reference_id, event_date, lost, _file, _row,
       claimed - least(claimed, greatest(0, pool - units_before)) AS owed
FROM laid;
