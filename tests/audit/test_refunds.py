"""customer_return_missing: refunds with no unit back."""

from datetime import date
from decimal import Decimal

POSTED = date(2026, 1, 2)  # window 2026-03-03 .. 2026-05-02
AS_OF = date(2026, 3, 10)


def refund(seller, order, qty, principal, sku="SKU-1", posted=POSTED):
    seller.add("settlement", transaction_type="Refund", order_id=order, amount_type="ItemPrice",
               amount_description="Principal", amount=Decimal(principal), posted_date=posted, sku=sku,
               quantity_purchased=qty)
    seller.add("settlement", transaction_type="Refund", order_id=order, amount_type="ItemPrice",
               amount_description="Tax", amount=Decimal("-1.00"), posted_date=posted, sku=sku,
               quantity_purchased=None)


def returned(seller, order, qty, sku="SKU-1", fnsku="X001"):
    seller.add("customer_returns", return_date=date(2025, 12, 28), order_id=order, sku=sku, fnsku=fnsku, quantity=qty)


def ledger_return(seller, order, qty, sku="SKU-1", fnsku="X001"):
    seller.add("ledger", date=date(2025, 12, 28), fnsku=fnsku, msku=sku, event_type="CustomerReturns",
               reference_id=order, quantity=qty)


def test_refund_without_return_is_claimed_at_refunded_principal(seller, only):
    seller.add("fee_estimates", sku="SKU-1", fnsku="X001", longest_side=10, product_size_tier="Large standard",
               expected_fulfillment_fee_per_unit=Decimal("4.99"))
    refund(seller, "111-1", 2, "-39.98")
    [f] = only(seller.audit(AS_OF), "customer_return_missing")
    assert (f.reference_id, f.sku, f.fnsku, f.quantity) == ("111-1", "SKU-1", "X001", 2)
    assert (f.unit_value, f.amount) == (Decimal("19.99"), Decimal("39.98"))
    assert (f.window_opens, f.window_closes, f.status) == (date(2026, 3, 3), date(2026, 5, 2), "claimable")
    assert {e.report for e in f.evidence} == {"settlement"}


def test_units_back_count_the_larger_of_report_and_ledger_never_the_sum(seller, only):
    refund(seller, "111-2", 3, "-30.00")
    returned(seller, "111-2", 1)
    ledger_return(seller, "111-2", 2)
    [f] = only(seller.audit(AS_OF), "customer_return_missing")
    assert f.quantity == 1 and f.amount == Decimal("10.00")


def test_returned_refund_is_never_claimed(seller, only):
    refund(seller, "111-3", 1, "-15.00")
    refund(seller, "111-4", 1, "-15.00")
    returned(seller, "111-3", 1)
    ledger_return(seller, "111-4", 1)
    assert only(seller.audit(AS_OF), "customer_return_missing") == []


def test_partial_refund_of_an_order_line(seller, only):
    seller.add("orders", amazon_order_id="111-5", purchase_date=date(2025, 12, 1), sku="SKU-1", quantity=3,
               item_price=Decimal("60.00"))
    refund(seller, "111-5", 1, "-20.00")
    [f] = only(seller.audit(AS_OF), "customer_return_missing")
    assert f.quantity == 1 and f.amount == Decimal("20.00")


def test_order_carried_by_a_reimbursement_is_left_out(seller, only):
    refund(seller, "111-6", 1, "-15.00")
    seller.add("reimbursements", approval_date=date(2026, 2, 1), reimbursement_id="77", reason="CustomerReturn",
               amazon_order_id="111-6", sku="SKU-1", fnsku="X001", amount_per_unit=Decimal("15.00"),
               quantity_reimbursed_cash=1)
    assert only(seller.audit(AS_OF), "customer_return_missing") == []


def test_merchant_fulfilled_orders_are_left_out(seller, only):
    seller.add("orders", amazon_order_id="111-7", purchase_date=date(2025, 12, 1), sku="SKU-1", quantity=1,
               item_price=Decimal("15.00"), fulfillment_channel="Merchant")
    refund(seller, "111-7", 1, "-15.00")
    assert only(seller.audit(AS_OF), "customer_return_missing") == []


def test_window_not_open_yet_is_pending(seller, only):
    refund(seller, "111-8", 1, "-15.00", posted=date(2026, 2, 1))
    [f] = only(seller.audit(AS_OF), "customer_return_missing")
    assert f.status == "pending" and f.window_opens == date(2026, 4, 2)


def test_eu_window_is_45_to_105_days(seller, only):
    refund(seller, "302-1", 1, "-15.00")
    [f] = only(seller.audit(AS_OF, marketplace="DE"), "customer_return_missing")
    assert (f.window_opens, f.window_closes) == (date(2026, 2, 16), date(2026, 4, 17))
    assert f.marketplace == "DE"
