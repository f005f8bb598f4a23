"""warehouse_lost and warehouse_damaged: loss events netted against found and reimbursed units."""

from datetime import date
from decimal import Decimal

AS_OF = date(2026, 2, 1)


def adj(seller, ref, day, qty, reason, fnsku="X001", sku="SKU-1", **kw):
    seller.add("ledger", date=day, fnsku=fnsku, msku=sku, event_type="Adjustments", reference_id=ref,
               quantity=qty, reason=reason, **kw)


def reimb(seller, rid, day, reason, qty, fnsku="X001", sku="SKU-1", per_unit="10.00", inventory=0):
    seller.add("reimbursements", approval_date=day, reimbursement_id=rid, reason=reason, sku=sku, fnsku=fnsku,
               amount_per_unit=Decimal(per_unit), quantity_reimbursed_cash=qty, quantity_reimbursed_inventory=inventory)


def test_lost_units_are_claimed_at_unit_cost_with_evidence(seller, only):
    seller.product(unit_cost="12.40")
    adj(seller, "R1", date(2026, 1, 5), -3, "M")
    [f] = only(seller.audit(AS_OF), "warehouse_lost")
    assert (f.reference_id, f.fnsku, f.sku, f.quantity) == ("R1", "X001", "SKU-1", 3)
    assert (f.unit_value, f.amount, f.currency) == (Decimal("12.40"), Decimal("37.20"), "USD")
    assert (f.event_date, f.window_opens, f.window_closes) == (date(2026, 1, 5), date(2026, 1, 5), date(2026, 3, 6))
    assert f.status == "claimable" and not f.unit_value_estimated
    assert [e.report for e in f.evidence] == ["ledger", "products"] and f.evidence[0].row == 2


def test_units_found_later_are_never_claimed(seller, only):
    seller.product()
    adj(seller, "R1", date(2026, 1, 5), -2, "M")
    adj(seller, "R2", date(2026, 1, 9), 2, "F")
    assert only(seller.audit(AS_OF), "warehouse_lost") == []


def test_partly_found_and_partly_reimbursed_leaves_the_rest(seller, only):
    seller.product()
    adj(seller, "R1", date(2026, 1, 5), -5, "5")
    adj(seller, "R2", date(2026, 1, 9), 1, "F")
    reimb(seller, "900001", date(2026, 1, 20), "Lost_Warehouse", 1, inventory=1)
    [f] = only(seller.audit(AS_OF), "warehouse_lost")
    assert f.quantity == 2 and f.amount == Decimal("20.00")


def test_found_units_cover_the_earliest_loss_first(seller, only):
    seller.product()
    adj(seller, "R-OLD", date(2026, 1, 3), -2, "M")
    adj(seller, "R-NEW", date(2026, 1, 10), -3, "M")
    adj(seller, "R-F", date(2026, 1, 12), 3, "F")
    found = {f.reference_id: f.quantity for f in only(seller.audit(AS_OF), "warehouse_lost")}
    assert found == {"R-NEW": 2}


def test_unreconciled_quantity_caps_the_claim(seller, only):
    seller.product()
    adj(seller, "R1", date(2026, 1, 5), -4, "M", reconciled_quantity=3, unreconciled_quantity=1)
    adj(seller, "R2", date(2026, 1, 6), -2, "M", reconciled_quantity=2, unreconciled_quantity=0)
    found = {f.reference_id: f.quantity for f in only(seller.audit(AS_OF), "warehouse_lost")}
    assert found == {"R1": 1}


def test_the_same_adjustment_downloaded_twice_counts_once(seller, only):
    seller.product()
    adj(seller, "R1", date(2026, 1, 5), -4, "M", reconciled_quantity=0, unreconciled_quantity=4)
    seller.store.import_path(seller.write())
    adj(seller, "R1", date(2026, 1, 5), -4, "M", reconciled_quantity=1, unreconciled_quantity=3)
    [f] = only(seller.audit(AS_OF), "warehouse_lost")
    assert f.quantity == 3


def test_damaged_units_net_damaged_reimbursements_not_other_reasons(seller, only):
    seller.product()
    adj(seller, "D1", date(2026, 1, 5), -3, "E")
    adj(seller, "D1", date(2026, 1, 5), 3, "E", disposition="WAREHOUSE_DAMAGED")  # the disposition move, not a find
    adj(seller, "D2", date(2026, 1, 7), -1, "6")
    reimb(seller, "900002", date(2026, 1, 15), "Damaged_Warehouse", 1)
    reimb(seller, "900003", date(2026, 1, 15), "CustomerReturn", 5)
    result = seller.audit(AS_OF)
    found = {f.reference_id: f.quantity for f in only(result, "warehouse_damaged")}
    assert found == {"D1": 2, "D2": 1}
    assert only(result, "warehouse_lost") == []


def test_fully_reimbursed_damage_is_not_claimed(seller, only):
    seller.product()
    adj(seller, "D1", date(2026, 1, 5), -2, "K")
    reimb(seller, "900004", date(2026, 1, 10), "Damaged_Warehouse", 2)
    assert only(seller.audit(AS_OF), "warehouse_damaged") == []


def test_other_adjustment_reasons_and_other_fnskus_do_not_mix(seller, only):
    seller.product().product(sku="SKU-2")
    adj(seller, "R1", date(2026, 1, 5), -2, "Q")  # not a loss reason
    adj(seller, "R2", date(2026, 1, 5), -2, "M", fnsku="X002", sku="SKU-2")
    adj(seller, "R3", date(2026, 1, 6), 2, "F")  # found for X001, nothing to do with X002
    found = {(f.fnsku, f.quantity) for f in only(seller.audit(AS_OF), "warehouse_lost")}
    assert found == {("X002", 2)}


def test_missing_unit_cost_is_estimated_from_recent_orders_and_flagged(seller, only):
    seller.product(unit_cost=None)
    for i, (qty, price) in enumerate([(1, "20.00"), (2, "44.00"), (1, "999.00")]):
        status = "Cancelled" if price == "999.00" else "Shipped"
        seller.add("orders", amazon_order_id=f"111-000000{i}-0000000", purchase_date=date(2026, 1, 10 + i),
                   order_status=status, sku="SKU-1", quantity=qty, item_price=Decimal(price))
    adj(seller, "R1", date(2026, 1, 5), -2, "M")
    [f] = only(seller.audit(AS_OF), "warehouse_lost")
    assert f.unit_value_estimated and f.unit_value == Decimal("21.33") and f.amount == Decimal("42.66")
    assert [e.report for e in f.evidence] == ["ledger"]
