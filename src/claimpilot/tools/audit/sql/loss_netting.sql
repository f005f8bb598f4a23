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
-- Allocation is first in, first out: events are laid end to end in date order
-- (then reference id, file, row) and the pool covers the earliest first; an
-- event keeps the units the pool does not reach. Where the ledger row carries
-- Unreconciled Quantity, the event keeps no more than that, so the two ways of
-- saying "reconciled" never add up to a claim that neither supports.
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
           a.unreconciled_quantity, a._file, a._row
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
lost_total AS (
    SELECT fnsku, sum(lost) AS units FROM events WHERE type = 'warehouse_lost' GROUP BY fnsku
),
pools AS (
    SELECT k.fnsku,
           coalesce(f.units, 0) + coalesce(r.lost_units, 0) AS lost_pool,
           coalesce(r.damaged_units, 0)
             + greatest(0, coalesce(f.units, 0) + coalesce(r.lost_units, 0) - coalesce(t.units, 0)) AS damaged_pool
    FROM (SELECT DISTINCT fnsku FROM events) k
    LEFT JOIN found f USING (fnsku) LEFT JOIN reimbursed r USING (fnsku) LEFT JOIN lost_total t USING (fnsku)
),
laid AS (
    SELECT e.*, sum(lost) OVER (PARTITION BY type, fnsku ORDER BY event_date, reference_id, _file, _row
                                ROWS UNBOUNDED PRECEDING) - lost AS units_before,
           CASE e.type WHEN 'warehouse_lost' THEN p.lost_pool ELSE p.damaged_pool END AS pool
    FROM events e JOIN pools p USING (fnsku)
)
SELECT type, fnsku, sku, reference_id, event_date, lost, _file, _row,
       least(lost - least(lost, greatest(0, pool - units_before)),
             CASE WHEN unreconciled_quantity IS NULL THEN lost ELSE greatest(unreconciled_quantity, 0) END) AS owed
FROM laid;
