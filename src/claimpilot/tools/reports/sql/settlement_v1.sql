-- Settlement "Flat File" (V1) rows, as the V2 settlement table holds them.
--
-- A V1 row carries its amounts side by side, each typed amount in its own
-- column pair (price-type/price-amount, item-related-fee-type/-amount, ...);
-- V2 writes one amount a row with amount-type, amount-description and amount.
-- Each filled pair becomes one V2 row of the same file row (_row), typed the
-- way V2 types it: ItemPrice, ItemFees, Promotion, ... A row with no amount
-- (the settlement's summary row) is kept once, for its settlement's currency.
-- {stage} is the V1 file's stage table.
WITH v1 AS (SELECT * FROM {stage})
SELECT settlement_id, transaction_type, order_id, amount_type, amount_description, amount, posted_date, sku,
       quantity_purchased, currency, marketplace_name, _row
FROM (
    SELECT *, 'ItemPrice' AS amount_type, price_type AS amount_description, price_amount AS amount, 1 AS part
    FROM v1 WHERE price_amount IS NOT NULL
    UNION ALL
    SELECT *, 'ItemFees' AS amount_type, item_related_fee_type AS amount_description, item_related_fee_amount AS amount, 2 AS part
    FROM v1 WHERE item_related_fee_amount IS NOT NULL
    UNION ALL
    SELECT *, 'ShipmentFees' AS amount_type, shipment_fee_type AS amount_description, shipment_fee_amount AS amount, 3 AS part
    FROM v1 WHERE shipment_fee_amount IS NOT NULL
    UNION ALL
    SELECT *, 'OrderFees' AS amount_type, order_fee_type AS amount_description, order_fee_amount AS amount, 4 AS part
    FROM v1 WHERE order_fee_amount IS NOT NULL
    UNION ALL
    SELECT *, 'Promotion' AS amount_type, promotion_type AS amount_description, promotion_amount AS amount, 5 AS part
    FROM v1 WHERE promotion_amount IS NOT NULL
    UNION ALL
    SELECT *, 'DirectPayment' AS amount_type, direct_payment_type AS amount_description, direct_payment_amount AS amount, 6 AS part
    FROM v1 WHERE direct_payment_amount IS NOT NULL
    UNION ALL
    SELECT *, 'other-transaction' AS amount_type, 'MiscFee' AS amount_description, misc_fee_amount AS amount, 7 AS part
    FROM v1 WHERE misc_fee_amount IS NOT NULL
    UNION ALL
    SELECT *, 'other-transaction' AS amount_type, coalesce(other_fee_reason_description, 'OtherFee') AS amount_description, other_fee_amount AS amount, 8 AS part
    FROM v1 WHERE other_fee_amount IS NOT NULL
    UNION ALL
    SELECT *, 'other-transaction' AS amount_type, 'Other' AS amount_description, other_amount AS amount, 9 AS part
    FROM v1 WHERE other_amount IS NOT NULL
    UNION ALL
    SELECT *, CAST(NULL AS VARCHAR) AS amount_type, CAST(NULL AS VARCHAR) AS amount_description,
           CAST(NULL AS DECIMAL(18,4)) AS amount, 0 AS part
    FROM v1 WHERE coalesce(price_amount, item_related_fee_amount, shipment_fee_amount, order_fee_amount, promotion_amount, direct_payment_amount, misc_fee_amount, other_fee_amount, other_amount) IS NULL
)
ORDER BY _row, part
