"""A second audit after new reports arrive reads the digests plus the new rows, and agrees with a full audit."""

from datetime import date, timedelta
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
    assert (f.quantity, f.amount) == (5, Decimal("22.85"))  # 9.99 - (5.37 + 0.05 from 2026-01-15)
    assert _view(seller.audit(as_of)) == _view(_full(seller, as_of))


def test_successive_small_imports_agree_with_a_full_audit_each_day(seller):
    """Day after day of small imports: the kept findings, re-run only where new rows reach, equal a full audit."""
    seller.product().product(sku="SKU-2", unit_cost="8.00").product(sku="SKU-3", unit_cost=None)
    seller.add("orders", amazon_order_id="111-5", purchase_date=date(2026, 1, 1), sku="SKU-3", quantity=2,
               item_price=Decimal("50.00"))
    for ref, fnsku, sku, qty, reason in (("R1", "X001", "SKU-1", -4, "M"), ("R2", "X002", "SKU-2", -2, "E"),
                                         ("R3", "X003", "SKU-3", -1, "5")):
        seller.add("ledger", date=date(2026, 1, 5), fnsku=fnsku, msku=sku, event_type="Adjustments",
                   reference_id=ref, quantity=qty, reason=reason)
    for order, day in (("111-1", 1), ("111-2", 3)):
        seller.add("settlement", transaction_type="Refund", order_id=order, amount_type="ItemPrice",
                   amount_description="Principal", amount=Decimal("-20.00"), posted_date=date(2025, 12, day),
                   sku="SKU-1", quantity_purchased=1)
    days = [
        # a found unit (F) arrives for the old loss R1
        lambda: seller.add("ledger", date=date(2026, 2, 1), fnsku="X001", msku="SKU-1", event_type="Adjustments",
                           reference_id="F1", quantity=1, reason="F"),
        # a reimbursement nets the older damaged finding R2, another the refund of order 111-2
        lambda: seller.add("reimbursements", approval_date=date(2026, 2, 2), reimbursement_id="900", reason="Damaged_Warehouse",
                           sku="SKU-2", fnsku="X002", amount_per_unit=Decimal("8.00"), quantity_reimbursed_cash=2)
                      .add("reimbursements", approval_date=date(2026, 2, 2), reimbursement_id="901", reason="CustomerReturn",
                           amazon_order_id="111-2", sku="SKU-1", fnsku="X001", amount_per_unit=Decimal("20.00"),
                           quantity_reimbursed_cash=1),
        # a new order moves SKU-3's estimate (2 units for 50.00, then 1 for 40.00: 30.00 a unit); a new loss;
        # the unit of 111-1 comes back (ledger only)
        lambda: seller.add("orders", amazon_order_id="111-6", purchase_date=date(2026, 2, 3), sku="SKU-3", quantity=1,
                           item_price=Decimal("40.00"))
                      .add("ledger", date=date(2026, 2, 3), fnsku="X002", msku="SKU-2", event_type="Adjustments",
                           reference_id="R4", quantity=-3, reason="M")
                      .add("ledger", date=date(2026, 2, 3), fnsku="X001", msku="SKU-1", event_type="CustomerReturns",
                           reference_id="111-1", quantity=1),
        # the seller gives SKU-3 a unit cost; nothing else arrives
        lambda: seller.product(sku="SKU-3", unit_cost="12.00"),
        lambda: None,
    ]
    first = seller.audit(date(2026, 1, 31))
    assert {(f.reference_id, f.quantity, f.amount) for f in first.findings} == {
        ("R1", 4, Decimal("40.00")), ("R2", 2, Decimal("16.00")), ("R3", 1, Decimal("25.00")),
        ("111-1", 1, Decimal("20.00")), ("111-2", 1, Decimal("20.00"))}
    seen = []
    for n, arrive in enumerate(days, start=1):
        arrive()
        as_of = date(2026, 1, 31) + timedelta(days=n)
        result = seller.audit(as_of)
        assert _view(result) == _view(_full(seller, as_of)), f"day {n}"
        seen.append({(f.reference_id, f.quantity, f.amount) for f in result.findings})
    assert ("R1", 3, Decimal("30.00")) in seen[0]
    assert not {r for r, _, _ in seen[1]} & {"R2", "111-2"}
    assert {("R3", 1, Decimal("30.00")), ("R4", 3, Decimal("24.00"))} <= seen[2] and "111-1" not in {r for r, _, _ in seen[2]}
    assert ("R3", 1, Decimal("12.00")) in seen[3] and seen[4] == seen[3]


def test_marketplaces_keep_their_own_findings_and_a_lost_table_is_made_anew(seller):
    seller.product()
    seller.add("ledger", date=date(2026, 1, 5), fnsku="X001", msku="SKU-1", event_type="Adjustments",
               reference_id="R1", quantity=-2, reason="M")
    us, eu = seller.audit(date(2026, 1, 10)), seller.audit(date(2026, 1, 10), "DE")
    assert [(f.reference_id, f.marketplace) for f in us.findings] == [("R1", "US")]
    assert [(f.reference_id, f.marketplace) for f in eu.findings] == [("R1", "DE")]
    seller.add("ledger", date=date(2026, 1, 11), fnsku="X001", msku="SKU-1", event_type="Adjustments",
               reference_id="F1", quantity=1, reason="F")
    with seller.store.connect() as con:
        con.execute("DROP TABLE audit_findings_unit_value")
    for market in ("US", "DE"):
        result = seller.audit(date(2026, 1, 12), market)
        assert [(f.reference_id, f.quantity) for f in result.findings] == [("R1", 1)]
        with seller.store.connect() as con:
            full = run_audit(con, date(2026, 1, 12), market, cache=False)
        assert _view(result) == _view(full)
