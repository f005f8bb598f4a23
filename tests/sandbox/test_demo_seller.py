"""The demo seller: deterministic, in Amazon's layouts, consistent day to day, with a truth that adds up."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from claimpilot.sandbox.demo_seller import DEFAULT_AS_OF, generate
from claimpilot.sandbox.demo_seller.seller import WRITES
from claimpilot.tools.reports.kinds import KINDS, fold

FINDING_TYPES = {"warehouse_lost", "warehouse_damaged", "customer_return_missing", "inbound_shortage",
                 "fee_overcharge", "reimbursement_underpaid", "return_damaged_unreimbursed",
                 "refund_above_paid", "refund_commission_short", "reimbursement_reversed_unfound",
                 "removal_shipment_short"}
ONCE = {"refund_above_paid", "refund_commission_short"}  # owed once, not per unit: unit value = amount
DECOY_CATEGORIES = {"found_later", "already_reimbursed", "returned", "order_reimbursed", "shipment_not_closed",
                    "same_size_tier", "no_units_in_90_days", "underpaid_within_1pct", "paid_at_cost",
                    "before_valuation_date", "window_not_open", "window_closed", "not_damaged_by_amazon",
                    "refund_within_price", "fee_returned_as_due", "found_after_reversal",
                    "received_in_full", "no_receipt"}
WINDOWS = {"warehouse_lost": (0, 60), "warehouse_damaged": (0, 60), "customer_return_missing": (60, 120),
           "inbound_shortage": (15, 60), "reimbursement_underpaid": (0, 60), "fee_overcharge": (0, 90),
           "return_damaged_unreimbursed": (0, 60), "refund_above_paid": (0, 90),
           "refund_commission_short": (0, 90), "reimbursement_reversed_unfound": (30, 90),
           "removal_shipment_short": (15, 75)}


@pytest.fixture(scope="module")
def seller():
    return generate(seed=7)


def rows_of(data: bytes) -> list[list[str]]:
    """The header and rows of a report; the one-cell note lines above a Date Range report's header dropped."""
    text = data.decode("utf-8")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = next((i for i, r in enumerate(rows) if len(r) > 1), 0)
    return rows[header:]


def table(data: bytes) -> list[dict[str, str]]:
    rows = rows_of(data)
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


def test_same_seed_same_seller_other_seed_other_seller(seller):
    again = generate(seed=7)
    other = generate(seed=8)
    for kind in KINDS:
        assert seller.report(kind) == again.report(kind), kind
    assert seller.truth.to_json() == again.truth.to_json()
    assert seller.report("ledger") != other.report("ledger")
    assert {f.reference_id for f in seller.truth.findings}.isdisjoint({f.reference_id for f in other.truth.findings})


@pytest.mark.parametrize("kind", sorted(WRITES))
def test_every_report_header_is_its_kind(seller, kind):
    header = {fold(h) for h in rows_of(seller.report(kind))[0]}
    k = KINDS[kind]
    for col in k.columns:
        if col.required:
            assert header & col.folded_names(), f"{kind}: no column {col.name}"
    others = [o for o in KINDS.values() if o.name != kind]
    for o in others:  # the signature of no other kind fits this header
        assert not all(header & o.column(c).folded_names() for c in o.signature), (kind, o.name)


def test_realistic_scale(seller):
    orders = table(seller.report("orders"))
    assert len({p.sku for p in seller.world.products}) == 300
    assert len(orders) > 5000
    assert len(table(seller.report("customer_returns"))) > 300
    assert sum(1 for r in table(seller.report("settlement")) if r["transaction-type"] == "Refund") > 1000
    assert len(seller.inbound_shipments()) >= 30
    assert len(table(seller.report("ledger"))) > 10000


def test_dates_in_amazons_formats(seller):
    ledger = table(seller.report("ledger"))
    datetime.strptime(ledger[0]["Date"], "%m/%d/%Y")
    for kind, col in (("reimbursements", "approval-date"), ("customer_returns", "return-date"), ("orders", "purchase-date")):
        assert datetime.fromisoformat(table(seller.report(kind))[0][col]).tzinfo is not None
    settlement = rows_of(seller.report("settlement"))
    summary, first = dict(zip(settlement[0], settlement[1], strict=False)), dict(zip(settlement[0], settlement[2], strict=False))
    assert summary["total-amount"] and not summary["amount-type"]
    assert first["amount-type"] and date.fromisoformat(first["posted-date"])


def test_report_range_filters_by_the_kind_date(seller):
    start, end = date(2026, 6, 1), date(2026, 6, 30)
    ledger = table(seller.report("ledger", start, end))
    assert ledger and all(start <= datetime.strptime(r["Date"], "%m/%d/%Y").date() <= end for r in ledger)
    orders = table(seller.report("orders", start, end))
    assert orders and all(start <= datetime.fromisoformat(r["purchase-date"]).date() <= end for r in orders)


def test_nothing_after_as_of_is_visible(seller):
    as_of = seller.as_of
    assert max(datetime.strptime(r["Date"], "%m/%d/%Y").date() for r in table(seller.report("ledger"))) <= as_of
    assert max(datetime.fromisoformat(r["approval-date"]).date() for r in table(seller.report("reimbursements"))) <= as_of
    after = datetime(2027, 1, 1, tzinfo=UTC)
    events = seller.financial_events(datetime(2026, 11, 1, tzinfo=UTC), after)
    assert events["ShipmentEventList"] and events["RefundEventList"]
    assert all(e["PostedDate"][:10] <= as_of.isoformat() for e in events["ShipmentEventList"])


def test_tomorrow_adds_a_day_and_changes_no_past_event(seller):
    tomorrow = generate(seed=7, as_of=DEFAULT_AS_OF + timedelta(days=1))
    for kind in ("ledger", "reimbursements", "customer_returns", "settlement"):
        today_rows = [tuple(r) for r in rows_of(seller.report(kind))[1:] if kind != "settlement" or r[6]]
        next_rows = [tuple(r) for r in rows_of(tomorrow.report(kind))[1:] if kind != "settlement" or r[6]]
        assert set(today_rows) <= set(next_rows), kind
        assert len(next_rows) > len(today_rows) or kind in ("reimbursements", "customer_returns")


def test_truth_covers_every_type_status_and_decoy(seller):
    truth = seller.truth
    assert {f.type for f in truth.findings} == FINDING_TYPES
    assert {f.status for f in truth.findings} == {"pending", "claimable", "expired"}
    assert {d.category for d in truth.decoys} >= DECOY_CATEGORIES
    assert any(f.unit_value_estimated for f in truth.findings)
    assert len({f.key for f in truth.findings}) == len(truth.findings)


@pytest.mark.parametrize("seed", [1, 23, 2026])
def test_truth_adds_up(seed):
    seller = generate(seed=seed)
    assert rows_of(seller.report("settlement"))[1][0]  # every posting falls in a settlement period
    truth = seller.truth
    assert {f.type for f in truth.findings} == FINDING_TYPES
    for f in truth.findings:
        assert f.quantity > 0 and f.unit_value > 0
        assert f.amount == (f.unit_value if f.type in ONCE else f.unit_value * f.quantity)
        opens, closes = WINDOWS[f.type]
        assert f.window_opens == f.event_date + timedelta(days=opens)
        if f.type == "refund_commission_short":  # several refunds: the window common to them all
            assert f.window_closes <= f.event_date + timedelta(days=closes)
        else:
            assert f.window_closes == f.event_date + timedelta(days=closes)
        expected = "pending" if truth.as_of < f.window_opens else "expired" if truth.as_of > f.window_closes else "claimable"
        assert f.status == expected


def test_truth_agrees_with_the_reports(seller):
    truth, ledger = seller.truth, table(seller.report("ledger"))
    refunds = {(r["order-id"], r["sku"]): r for r in table(seller.report("settlement"))
               if r["transaction-type"] == "Refund" and r["amount-description"] == "Principal"}
    items = {(i["ShipmentId"], i["FulfillmentNetworkSKU"]): i for i in table(seller.report("inbound_items"))}
    fees = {r["fnsku"]: r for r in table(seller.report("fee_estimates"))}
    reimbursements = {r["reimbursement-id"]: r for r in table(seller.report("reimbursements"))}
    costs = {r["sku"]: r["unit_cost"] for r in table(seller.report("products"))}
    returns, settlement = table(seller.report("customer_returns")), table(seller.report("settlement"))
    removal_shipments, receipts = table(seller.report("removal_shipments")), table(seller.report("removal_receipts"))
    for f in truth.findings:
        if f.type in ("warehouse_lost", "warehouse_damaged"):
            row = next(r for r in ledger if r["Reference ID"] == f.reference_id)
            assert row["Event Type"] == "Adjustments" and row["FNSKU"] == f.fnsku
            assert -int(row["Quantity"]) >= f.quantity
            assert row["Reason"] in (("M", "5") if f.type == "warehouse_lost" else ("6", "7", "E", "H", "K", "U"))
        elif f.type == "customer_return_missing":
            row = refunds[(f.reference_id, f.sku)]
            assert Decimal(row["amount"]) == -f.unit_value * int(row["quantity-purchased"])
        elif f.type == "inbound_shortage":
            item = items[(f.reference_id, f.fnsku)]
            assert item["ShipmentStatus"] == "CLOSED"
            assert int(item["QuantityShipped"]) - int(item["QuantityReceived"]) >= f.quantity
        elif f.type == "fee_overcharge":
            assert f.reference_id == f.fnsku
            assert fees[f.fnsku]["product-size-tier"] in ("Large standard", "Large bulky", "Extra-large")
            assert Decimal(fees[f.fnsku]["expected-fulfillment-fee-per-unit"]) > f.unit_value
            shipped = sum(-int(r["Quantity"]) for r in ledger if r["FNSKU"] == f.fnsku and r["Event Type"] == "Shipments"
                          and datetime.strptime(r["Date"], "%m/%d/%Y").date() >= seller.as_of - timedelta(days=90))
            assert shipped == f.quantity
        elif f.type == "return_damaged_unreimbursed":
            back = [r for r in returns if r["order-id"] == f.reference_id and r["fnsku"] == f.fnsku]
            assert {r["detailed-disposition"] for r in back} <= {"DAMAGED", "CARRIER_DAMAGED"}
            paid = sum(int(r["quantity-reimbursed-total"]) for r in reimbursements.values()
                       if r["amazon-order-id"] == f.reference_id)
            assert sum(int(r["quantity"]) for r in back) - paid == f.quantity
            assert f.unit_value == Decimal(costs[f.sku])
        elif f.type == "refund_commission_short":
            lines = [r for r in settlement if r["order-id"] == f.reference_id and r["sku"] == f.sku]
            assert {r["amount-description"] for r in lines} >= {"Principal", "Commission", "RefundCommission"}
            assert 0 < f.amount < -sum(Decimal(r["amount"]) for r in lines if r["transaction-type"] == "Order"
                                       and r["amount-description"] == "Commission")
        elif f.type == "reimbursement_reversed_unfound":
            row = reimbursements[f.reference_id]
            assert row["reason"] == "Reimbursement_Reversal" and -int(row["quantity-reimbursed-cash"]) >= f.quantity
            assert reimbursements[row["original-reimbursement-id"]]["reason"] == row["original-reimbursement-type"]
            assert Decimal(row["amount-per-unit"]) == f.unit_value
        elif f.type == "removal_shipment_short":
            shipped = sum(int(r["shipped-quantity"]) for r in removal_shipments if r["order-id"] == f.reference_id)
            received = sum(int(r["received-quantity"]) for r in receipts if r["order-id"] == f.reference_id)
            assert shipped - received >= f.quantity > 0 and f.unit_value == Decimal(costs[f.sku])
        elif f.type == "refund_above_paid":
            lines = [r for r in settlement if r["order-id"] == f.reference_id and r["sku"] == f.sku
                     and r["amount-description"] == "Principal"]
            assert -sum(Decimal(r["amount"]) for r in lines) == f.amount > 0
            assert sum(int(r["quantity-purchased"]) for r in lines if r["transaction-type"] == "Refund") == f.quantity
        else:
            row = reimbursements[f.reference_id]
            assert int(row["quantity-reimbursed-cash"]) == f.quantity
            assert Decimal(row["amount-per-unit"]) + f.unit_value == Decimal(costs[f.sku])


def test_inbound_api_and_items_report_agree(seller):
    shipments = seller.inbound_shipments()
    statuses = {s["ShipmentStatus"] for s in shipments}
    assert {"CLOSED", "RECEIVING"} <= statuses
    report = table(seller.report("inbound_items"))
    sid = shipments[0]["ShipmentId"]
    api = seller.inbound_items(sid)
    assert [(i["FulfillmentNetworkSKU"], i["QuantityReceived"]) for i in api] == [
        (r["FulfillmentNetworkSKU"], int(r["QuantityReceived"])) for r in report if r["ShipmentId"] == sid]


def test_write_files_and_truth(seller, tmp_path):
    paths = seller.write(tmp_path / "reports")
    assert len(paths) > 10 and len({p.name for p in paths}) == len(paths)
    assert (tmp_path / "reports" / "products.csv") in paths
    out = seller.truth.write(tmp_path / "truth.json")
    data = json.loads(out.read_text())
    assert data["as_of"] == DEFAULT_AS_OF.isoformat() and len(data["findings"]) == len(seller.truth.findings)
    assert hashlib.sha256(paths[0].read_bytes()).hexdigest() == hashlib.sha256(seller.report("ledger")).hexdigest()


def test_written_files_import_whole(seller, tmp_path):
    from claimpilot.tools.reports.store import ReportStore

    seller.write(tmp_path / "reports")
    store = ReportStore(tmp_path / "w.duckdb", tmp_path / "evidence")
    result = store.import_path(tmp_path / "reports")
    kinds = {f.kind for f in result.files}
    assert kinds == set(WRITES)
    with store.connect() as con:
        assert con.execute("SELECT count(*) FROM ledger").fetchone()[0] == len(rows_of(seller.report("ledger"))) - 1
        assert con.execute("SELECT count(*) FROM products WHERE unit_cost IS NULL").fetchone()[0] == 1


def test_financial_events_carry_the_settlement_refunds(seller):
    start, end = date(2026, 10, 1), date(2026, 10, 31)
    events = seller.financial_events(datetime(2026, 10, 1, tzinfo=UTC), datetime(2026, 11, 1, tzinfo=UTC))
    api = {}
    for e in events["RefundEventList"]:
        item = e["ShipmentItemAdjustmentList"][0]
        principal = next(c for c in item["ItemChargeAdjustmentList"] if c["ChargeType"] == "Principal")
        api[(e["AmazonOrderId"], item["SellerSKU"])] = Decimal(str(principal["ChargeAmount"]["CurrencyAmount"]))
    report = {(r["order-id"], r["sku"]): Decimal(r["amount"]) for r in table(seller.report("settlement", start, end))
              if r["transaction-type"] == "Refund" and r["amount-description"] == "Principal"}
    assert api and api == report
    shipped = events["ShipmentEventList"][0]["ShipmentItemList"][0]
    assert {f["FeeType"] for f in shipped["ItemFeeList"]} == {"FBAPerUnitFulfillmentFee", "Commission"}


def test_refuses_what_it_cannot_make(seller):
    with pytest.raises(ValueError, match="SKUs"):
        generate(skus=10)
    with pytest.raises(ValueError, match="US"):
        generate(marketplace="DE")
    with pytest.raises(KeyError, match="unknown report kind"):
        seller.report("nonsense")
