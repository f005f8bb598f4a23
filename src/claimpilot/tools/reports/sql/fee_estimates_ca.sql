-- The Canadian fee preview, as the fee_estimates table holds fee previews.
--
-- Amazon.ca's layout has no product-size-tier and no expected-fulfillment-fee
-- column: the fulfilment fee a unit is its pick-and-pack fee plus its
-- weight-handling fee. The size tier is left empty: the fee-overcharge rule,
-- which compares the tier the report names with the seller's own, leaves these
-- rows unjudged. {stage} is the Canadian file's stage table.
SELECT sku, fnsku, asin, longest_side, median_side, shortest_side, unit_of_dimension, item_package_weight,
       unit_of_weight, CAST(NULL AS VARCHAR) AS product_size_tier, currency,
       estimated_pick_pack_fee_per_unit + estimated_weight_handling_fee_per_unit AS expected_fulfillment_fee_per_unit,
       _row
FROM {stage}
