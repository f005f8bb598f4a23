"""inbound_shortage, fee_overcharge and reimbursement_underpaid."""

from datetime import date, timedelta
from decimal import Decimal


def item(seller, shipment, shipped, received, status="CLOSED", fnsku="X001", sku="SKU-1"):
    seller.add("inbound_items", shipment_id=shipment, shipment_status=status, seller_sku=sku, fnsku=fnsku,
               quantity_shipped=shipped, quantity_received=received)


def receipt(seller, shipment, day, qty, fnsku="X001", sku="SKU-1"):
    seller.add("ledger", date=day, fnsku=fnsku, msku=sku, event_type="Receipts", reference_id=shipment, quantity=qty)


def reimb(seller, rid, day, reason, cash, per_unit, fnsku="X001", sku="SKU-1", **kw):
    seller.add("reimbursements", approval_date=day, reimbursement_id=rid, reason=reason, sku=sku, fnsku=fnsku,
               amount_per_unit=Decimal(per_unit), quantity_reimbursed_cash=cash, **kw)


# --- inbound_shortage ---------------------------------------------------------

def test_closed_short_shipment_is_claimed_from_last_receipt(seller, only):
    seller.product(unit_cost="7.25")
    item(seller, "FBA1", 100, 94)
    receipt(seller, "FBA1", date(2026, 1, 3), 50)
    receipt(seller, "FBA1", date(2026, 1, 6), 44)
    [f] = only(seller.audit(date(2026, 1, 21)), "inbound_shortage")
    assert (f.reference_id, f.quantity, f.amount) == ("FBA1", 6, Decimal("43.50"))
    assert (f.event_date, f.window_opens, f.window_closes) == (date(2026, 1, 6), date(2026, 1, 21), date(2026, 3, 7))
    assert f.status == "claimable"
    assert [e.report for e in f.evidence] == ["inbound_items", "ledger", "products"]


def test_shipment_not_closed_is_never_claimed(seller, only):
    seller.product()
    item(seller, "FBA2", 100, 90, status="RECEIVING")
    receipt(seller, "FBA2", date(2026, 1, 3), 90)
    assert only(seller.audit(date(2026, 2, 1)), "inbound_shortage") == []


def test_inbound_reimbursement_after_first_receipt_nets_the_shortage(seller, only):
    seller.product()
    item(seller, "FBA3", 100, 90)
    receipt(seller, "FBA3", date(2026, 1, 3), 90)
    reimb(seller, "81", date(2026, 1, 15), "Lost_Inbound", 4, "10.00")
    reimb(seller, "82", date(2026, 1, 16), "Damaged_Inbound", 0, "10.00", quantity_reimbursed_inventory=2)
    reimb(seller, "83", date(2025, 12, 1), "Lost_Inbound", 9, "10.00")  # before this shipment arrived
    [f] = only(seller.audit(date(2026, 2, 1)), "inbound_shortage")
    assert f.quantity == 4


def test_fully_reimbursed_shortage_is_not_claimed(seller, only):
    seller.product()
    item(seller, "FBA4", 24, 20)
    receipt(seller, "FBA4", date(2026, 1, 3), 20)
    reimb(seller, "84", date(2026, 1, 10), "Lost_Inbound", 4, "10.00")
    assert only(seller.audit(date(2026, 2, 1)), "inbound_shortage") == []


# --- fee_overcharge -------------------------------------------------------------

def shipments(seller, day, units, fnsku="X001", sku="SKU-1"):
    seller.add("ledger", date=day, fnsku=fnsku, msku=sku, event_type="Shipments", reference_id="D1", quantity=-units)


def test_dearer_tier_is_claimed_for_units_shipped_in_the_last_90_days(seller, only):
    as_of = date(2026, 3, 1)
    seller.product()  # 10 x 6 x 3 in, 1.5 lb: large standard, 5.37 a unit (2024) + 0.05 from 2026-01-15
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=30, median_side=20, shortest_side=10,
               unit_of_dimension="inches", item_package_weight=1.5, unit_of_weight="pounds",
               product_size_tier="Large bulky", expected_fulfillment_fee_per_unit=Decimal("9.99"))
    shipments(seller, as_of - timedelta(days=91), 7)  # too old to dispute
    shipments(seller, as_of - timedelta(days=90), 2)
    shipments(seller, as_of, 3)
    [f] = only(seller.audit(as_of), "fee_overcharge")
    assert (f.reference_id, f.fnsku, f.quantity) == ("X001", "X001", 5)
    assert (f.unit_value, f.amount) == (Decimal("4.57"), Decimal("22.85"))
    assert f.status == "claimable" and f.event_date == as_of - timedelta(days=90)


def test_metric_unsorted_dimensions_give_small_standard(seller, only):
    as_of = date(2026, 3, 1)
    seller.product(length=0.5, width=30, height=20, dimension_unit="cm", weight=200, weight_unit="g")
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=11.8, product_size_tier="Large standard",
               expected_fulfillment_fee_per_unit=Decimal("3.90"))
    shipments(seller, date(2026, 2, 1), 10)
    [f] = only(seller.audit(as_of), "fee_overcharge")  # 200 g = 7.05 oz: small standard, 3.33 + 0.25 from 2026-01-15
    assert (f.unit_value, f.amount) == (Decimal("0.32"), Decimal("3.20"))


def test_same_tier_or_nothing_shipped_is_no_finding(seller, only):
    as_of = date(2026, 3, 1)
    seller.product().product(sku="SKU-2")
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=10, product_size_tier="Large standard",
               expected_fulfillment_fee_per_unit=Decimal("5.37"))
    seller.add("fee_estimates", sku="SKU-2", fnsku="X002", longest_side=30, product_size_tier="Large bulky",
               expected_fulfillment_fee_per_unit=Decimal("9.99"))
    shipments(seller, date(2026, 2, 1), 10)
    shipments(seller, date(2025, 11, 1), 10, fnsku="X002", sku="SKU-2")
    assert only(seller.audit(as_of), "fee_overcharge") == []
    assert only(seller.audit(as_of, marketplace="DE"), "fee_overcharge") == []


# --- reimbursement_underpaid --------------------------------------------------------

def test_underpaid_by_more_than_one_percent_after_valuation_date(seller, only):
    seller.product(unit_cost="10.00")
    reimb(seller, "91", date(2025, 4, 1), "Lost_Warehouse", 3, "8.50", quantity_reimbursed_inventory=1)
    reimb(seller, "92", date(2025, 4, 1), "Damaged_Warehouse", 2, "9.90")  # exactly 1% below: not more than 1%
    reimb(seller, "93", date(2025, 3, 9), "Lost_Inbound", 2, "5.00")  # before 2025-03-10
    reimb(seller, "94", date(2025, 4, 2), "CustomerReturn", 2, "5.00")  # not a loss reimbursement
    reimb(seller, "95", date(2025, 3, 10), "Lost_Inbound", 1, "9.89")
    result = seller.audit(date(2025, 4, 20))
    found = {f.reference_id: (f.quantity, f.unit_value, f.amount, f.status) for f in only(result, "reimbursement_underpaid")}
    assert found == {
        "91": (3, Decimal("1.50"), Decimal("4.50"), "claimable"),
        "95": (1, Decimal("0.11"), Decimal("0.11"), "claimable"),
    }


def test_underpaid_needs_the_sellers_own_unit_cost(seller, only):
    seller.product(unit_cost=None)
    seller.add("orders", amazon_order_id="111-1", purchase_date=date(2025, 4, 1), sku="SKU-1", quantity=1,
               item_price=Decimal("30.00"))
    reimb(seller, "96", date(2025, 4, 1), "Lost_Warehouse", 1, "5.00")
    assert only(seller.audit(date(2025, 4, 20)), "reimbursement_underpaid") == []


def test_topped_up_or_reversed_reimbursements(seller, only):
    seller.product(unit_cost="10.00")
    reimb(seller, "97", date(2025, 4, 1), "Lost_Warehouse", 2, "6.00")
    reimb(seller, "98", date(2025, 4, 5), "Lost_Warehouse", 0, "0", amount_total=Decimal("6.00"),
          original_reimbursement_id="97")
    reimb(seller, "99", date(2025, 4, 1), "Lost_Warehouse", 1, "5.00")
    reimb(seller, "100", date(2025, 4, 6), "Reimbursement_Reversal", 0, "0", amount_total=Decimal("-5.00"),
          original_reimbursement_id="99")
    found = {f.reference_id: f.amount for f in only(seller.audit(date(2025, 4, 20)), "reimbursement_underpaid")}
    assert found == {"97": Decimal("2.00")}
