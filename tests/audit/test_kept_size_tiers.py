"""The size tiers an audit keeps in the store follow new products and fee reports, and the policy."""

from datetime import date
from decimal import Decimal

from claimpilot.tools.audit import run_audit


def _fees(result):
    return sorted((f.fnsku, f.quantity, f.unit_value, f.amount) for f in result.findings if f.type == "fee_overcharge")


def _full(seller, as_of):
    with seller.store.connect() as con:
        return run_audit(con, as_of, cache=False)


def test_new_product_measurements_re_tier_on_one_connection_and_on_fresh_ones(seller):
    as_of = date(2026, 3, 1)
    seller.product()  # 10 x 6 x 3 in, 1.5 lb: large standard
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=30, product_size_tier="Large bulky",
               expected_fulfillment_fee_per_unit=Decimal("9.99"))
    seller.add("ledger", date=date(2026, 2, 1), fnsku="X001", msku="SKU-1", event_type="Shipments",
               reference_id="D1", quantity=-4)
    seller.store.import_path(seller.write())
    with seller.store.connect() as con:
        first = run_audit(con, as_of)
        again = run_audit(con, as_of)  # the kept tiers, read on the same connection
        assert _fees(run_audit(con, as_of, cache=False)) == _fees(first)  # and computed there again
        [f] = [f for f in first.findings if f.type == "fee_overcharge"]
        assert f.quantity == 4 and f.unit_value > 0
        assert _fees(again) == _fees(first) == _fees(_full(seller, as_of))

        # the seller's own measurements now say large bulky too: nothing overcharged any more
        seller.product(length=40, width=30, height=20, weight=30)
        seller.store.import_path(seller.write())
        assert _fees(run_audit(con, as_of)) == [] == _fees(_full(seller, as_of))
    with seller.store.connect() as con:
        assert _fees(run_audit(con, as_of)) == []


def test_a_new_fee_report_re_tiers(seller, only):
    as_of = date(2026, 3, 1)
    seller.product()
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=10, product_size_tier="Large standard",
               expected_fulfillment_fee_per_unit=Decimal("5.37"))
    seller.add("ledger", date=date(2026, 2, 1), fnsku="X001", msku="SKU-1", event_type="Shipments",
               reference_id="D1", quantity=-2)
    assert only(seller.audit(as_of), "fee_overcharge") == []
    assert only(seller.audit(as_of), "fee_overcharge") == []
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=30, product_size_tier="Large bulky",
               expected_fulfillment_fee_per_unit=Decimal("9.99"))
    [f] = only(seller.audit(as_of), "fee_overcharge")
    assert f.quantity == 2
    assert _fees(seller.audit(as_of)) == _fees(_full(seller, as_of))
