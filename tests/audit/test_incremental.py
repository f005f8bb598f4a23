"""A second audit after new reports arrive reads the digests plus the new rows, and agrees with a full audit."""

from datetime import date
from decimal import Decimal

from claimpilot.tools.audit import run_audit


def _view(result):
    return sorted((f.key, f.quantity, f.amount, f.status, f.unit_value_estimated) for f in result.findings)


def _full(seller, as_of):
    with seller.store.connect() as con:
        return run_audit(con, as_of, cache=False)


def test_new_day_of_reports_changes_exactly_what_a_full_audit_says(seller):
    seller.product().product(sku="SKU-2", unit_cost=None)
    seller.add("orders", amazon_order_id="111-9", purchase_date=date(2026, 1, 2), sku="SKU-2", quantity=1,
               item_price=Decimal("30.00"))
    for ref, fnsku, sku in (("R1", "X001", "SKU-1"), ("R2", "X002", "SKU-2")):
        seller.add("ledger", date=date(2026, 1, 5), fnsku=fnsku, msku=sku, event_type="Adjustments",
                   reference_id=ref, quantity=-3, reason="M")
    seller.add("settlement", transaction_type="Refund", order_id="111-1", amount_type="ItemPrice",
               amount_description="Principal", amount=Decimal("-20.00"), posted_date=date(2025, 12, 1), sku="SKU-1",
               quantity_purchased=1)
    first = seller.audit(date(2026, 2, 1))
    assert {(f.type, f.reference_id, f.quantity) for f in first.findings} == {
        ("warehouse_lost", "R1", 3), ("warehouse_lost", "R2", 3), ("customer_return_missing", "111-1", 1)}

    # the next day: one unit of R1 found, the refunded unit came back, a new order moves SKU-2's estimate
    seller.add("ledger", date=date(2026, 2, 1), fnsku="X001", msku="SKU-1", event_type="Adjustments",
               reference_id="R9", quantity=1, reason="F")
    seller.add("customer_returns", return_date=date(2026, 2, 1), order_id="111-1", sku="SKU-1", fnsku="X001", quantity=1)
    seller.add("orders", amazon_order_id="111-10", purchase_date=date(2026, 2, 1), sku="SKU-2", quantity=1,
               item_price=Decimal("40.00"))
    second = seller.audit(date(2026, 2, 2))
    assert {(f.reference_id, f.quantity, f.amount) for f in second.findings} == {
        ("R1", 2, Decimal("20.00")), ("R2", 3, Decimal("105.00"))}
    assert _view(second) == _view(_full(seller, date(2026, 2, 2)))


def test_statuses_follow_the_as_of_date_without_new_reports(seller):
    seller.product()
    seller.add("ledger", date=date(2026, 1, 5), fnsku="X001", msku="SKU-1", event_type="Adjustments",
               reference_id="R1", quantity=-1, reason="M")
    assert [f.status for f in seller.audit(date(2026, 3, 6)).findings] == ["claimable"]
    assert [f.status for f in seller.audit(date(2026, 3, 7)).findings] == ["expired"]
    assert _view(seller.audit(date(2026, 3, 7))) == _view(_full(seller, date(2026, 3, 7)))


def test_a_read_only_store_is_audited_without_the_cache(seller):
    seller.product()
    seller.add("ledger", date=date(2026, 1, 5), fnsku="X001", msku="SKU-1", event_type="Adjustments",
               reference_id="R1", quantity=-1, reason="M")
    seller.store.import_path(seller.write())
    with seller.store.connect(read_only=True) as con:
        result = run_audit(con, date(2026, 1, 6))
    assert [(f.reference_id, f.status) for f in result.findings] == [("R1", "claimable")]


def test_an_fnsku_newly_over_tiered_brings_its_earlier_shipments(seller, only):
    """The digest keeps shipments of over-tiered FNSKUs only; one that becomes so gets its history."""
    as_of = date(2026, 3, 1)
    seller.product()
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=10, product_size_tier="Large standard",
               expected_fulfillment_fee_per_unit=Decimal("5.37"))
    seller.add("ledger", date=date(2026, 2, 1), fnsku="X001", msku="SKU-1", event_type="Shipments",
               reference_id="D1", quantity=-4)
    assert only(seller.audit(as_of), "fee_overcharge") == []
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=30, product_size_tier="Large bulky",
               expected_fulfillment_fee_per_unit=Decimal("9.99"))
    seller.add("ledger", date=date(2026, 3, 1), fnsku="X001", msku="SKU-1", event_type="Shipments",
               reference_id="D2", quantity=-1)
    [f] = only(seller.audit(as_of), "fee_overcharge")
    assert (f.quantity, f.amount) == (5, Decimal("23.10"))
    assert _view(seller.audit(as_of)) == _view(_full(seller, as_of))
