-- warehouse_damaged: units damaged at Amazon (ledger Adjustments, reason 6, 7, E, H, K or U) and
-- still owed after the netting of sql/loss_netting.sql (found and reimbursed
-- units, Unreconciled Quantity). One finding a ledger event, referenced by its
-- Reference ID, valued at the SKU's unit value; window from the event date.
SELECT 'warehouse_damaged' AS type,
       n.reference_id,
       n.fnsku,
       n.sku,
       n.owed AS quantity,
       v.unit_value,
       v.unit_value * n.owed AS amount,
       v.currency,
       n.event_date,
       window_opens('warehouse_damaged', n.event_date) AS window_opens,
       window_closes('warehouse_damaged', n.event_date) AS window_closes,
       list_concat([ev('ledger', n._file, n._row)], v.evidence) AS evidence,
       v.estimated AS unit_value_estimated
FROM loss_netting n
JOIN unit_value v ON v.sku = n.sku
WHERE n.type = 'warehouse_damaged' AND n.owed > 0
