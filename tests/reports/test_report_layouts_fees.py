"""The fee preview in each marketplace's layout: US (size tier, expected fee), UK/EU (size-weight band,
expected domestic fulfilment fee) and Canada (no size tier; pick-and-pack plus weight-handling)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from report_layouts import encode, render, store  # noqa: F401 (fixtures)

# Header rows as a public MWS report library lists the fee preview's variants (US, EUR, CA).
US = ("sku fnsku asin product-name product-group brand fulfilled-by your-price sales-price longest-side median-side "
      "shortest-side length-and-girth unit-of-dimension item-package-weight unit-of-weight product-size-tier currency "
      "estimated-fee-total estimated-referral-fee-per-unit estimated-variable-closing-fee "
      "estimated-order-handling-fee-per-order estimated-pick-pack-fee-per-unit estimated-weight-handling-fee-per-unit "
      "expected-fulfillment-fee-per-unit").split()
EUR = ("sku fnsku asin product-name product-group brand fulfilled-by has-local-inventory your-price sales-price "
       "longest-side median-side shortest-side length-and-girth unit-of-dimension item-package-weight unit-of-weight "
       "product-size-weight-band currency estimated-fee-total estimated-referral-fee-per-unit "
       "estimated-variable-closing-fee expected-domestic-fulfilment-fee-per-unit "
       "expected-efn-fulfilment-fee-per-unit-uk expected-efn-fulfilment-fee-per-unit-de expected-efn-fulfilment-fee-per-unit-fr "
       "expected-efn-fulfilment-fee-per-unit-it expected-efn-fulfilment-fee-per-unit-es").split()
CA = ("sku fnsku asin product-name product-group brand fulfilled-by your-price sales-price longest-side median-side "
      "shortest-side length-and-girth unit-of-dimension item-package-weight unit-of-weight currency "
      "estimated-fee-total estimated-referral-fee-per-unit estimated-variable-closing-fee estimated-pick-pack-fee-per-unit "
      "estimated-weight-handling-fee-per-unit").split()

CELLS = {"sku": "BOTTLE-750", "fnsku": "X001ABCDEF", "asin": "B0C1234567", "longest-side": "26.0",
         "median-side": "9.0", "shortest-side": "8.6", "unit-of-dimension": "centimeters",
         "item-package-weight": "0.50", "unit-of-weight": "kilograms", "product-size-tier": "Large Standard-Size",
         "product-size-weight-band": "Standard Parcel", "estimated-pick-pack-fee-per-unit": "4.25",
         "estimated-weight-handling-fee-per-unit": "1.90", "expected-fulfillment-fee-per-unit": "6.15",
         "expected-domestic-fulfilment-fee-per-unit": "3.52"}


@pytest.mark.parametrize("layout, currency, tier, fee", [
    (US, "USD", "Large Standard-Size", Decimal("6.15")),
    (EUR, "EUR", "Standard Parcel", Decimal("3.52")),
    (CA, "CAD", None, Decimal("6.15")),
])
def test_each_fee_preview_layout_lands_in_fee_estimates(layout, currency, tier, fee, store, tmp_path):
    row = [CELLS.get(h, "") if h != "currency" else currency for h in layout]
    path = tmp_path / "fee-preview.txt"
    path.write_bytes(encode(render(layout, [row])))
    result = store.import_path(path)
    assert [f.kind for f in result.files] == ["fee_estimates"], result
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT sku, product_size_tier, currency, expected_fulfillment_fee_per_unit, longest_side "
                          "FROM fee_estimates").fetchall()
    assert got == [("BOTTLE-750", tier, currency, fee, Decimal("26.0"))]
