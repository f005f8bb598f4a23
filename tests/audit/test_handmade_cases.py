"""Hand-made report folders, shaped the way sellers download them, audited through ``claimpilot audit``.

Each test writes the files a seller would have (Seller Central downloads or
SP-API documents: their real column lists, extra columns, other column orders,
other header spellings, CSV or TSV, gzip, cp1252, CRLF, MM/DD/YYYY, ISO dates
with offsets, DD.MM.YYYY and decimal commas), runs the real command with
``--json``, and compares every finding with the one worked out by hand from
CLAIM_RULES.md (written next to each case): type, status, reference, FNSKU,
quantity, unit value, amount, currency and window. The whole list is compared,
so nothing else may be claimable.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import (
    LEDGER,
    LEDGER_RECONCILED,
    ORDERS,
    PRODUCTS,
    REIMBURSEMENTS,
    RETURNS,
    SETTLEMENT,
    Expected,
    Folder,
    plain_csv,
    quoted_csv,
    refund,
    reimbursement,
    same,
    settlement_row,
    settlement_summary,
    tsv,
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folder:
    return Folder(tmp_path, monkeypatch)


# --- warehouse losses ----------------------------------------------------------


def test_seller_central_ledger_csv_with_reconciled_columns(folder):
    """Seller Central CSV: BOM, every field quoted (a title with a comma, a quote
    and a tab), CRLF, a trailing blank line, the newer Date and Time / Store
    columns, MM/DD/YYYY dates.
    1001: lost 3, Amazon says 2 unreconciled -> 2 x 12.50, window 01-05..03-06.
    1002: lost 2 (reason 5), 2 unreconciled -> 2 x 12.50, window 01-06..03-07.
    1003: lost 1, reconciled -> nothing. Shipments and receipts: nothing."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-A", "10", "6", "3", "in", "1.5", "lb", "12.50", "USD"]))
    header = LEDGER_RECONCILED + ["Date and Time", "Store"]
    title = 'Brass lamp, 12" shade\twith cord'
    rows = [
        ["01/05/2026", "X00A", "B00A", "SKU-A", title, "Adjustments", "1001", "-3", "PHX7", "SELLABLE", "M", "US",
         "1", "2", "2026-01-05T03:10:00-0800", ""],
        ["01/06/2026", "X00A", "B00A", "SKU-A", title, "Adjustments", "1002", "-2", "PHX7", "SELLABLE", "5", "US",
         "0", "2", "2026-01-06T03:10:00-0800", ""],
        ["01/07/2026", "X00A", "B00A", "SKU-A", title, "Adjustments", "1003", "-1", "LGB8", "SELLABLE", "M", "US",
         "1", "0", "2026-01-07T03:10:00-0800", ""],
        ["01/09/2026", "X00A", "B00A", "SKU-A", title, "Shipments", "112-7777777-0000001", "-1", "LGB8", "SELLABLE",
         "", "US", "", "", "2026-01-09T11:00:00-0800", ""],
    ]
    folder.file("Inventory Ledger.csv", "\ufeff" + quoted_csv(header, *rows) + "\r\n")
    same(folder.audit("2026-02-01"),
         Expected("warehouse_lost", "claimable", "1001", "X00A", "SKU-A", 2, "12.50", "25.00", "2026-01-05", "2026-03-06"),
         Expected("warehouse_lost", "claimable", "1002", "X00A", "SKU-A", 2, "12.50", "25.00", "2026-01-06", "2026-03-07"))


def test_sp_api_ledger_without_reconciled_columns_nets_found_and_reimbursed_units(folder):
    """SP-API ledger TSV with no Reconciled/Unreconciled columns, ISO dates with offsets
    (the calendar date as written counts, never shifted to UTC).
    5001 lost 4 (M) on 01-05; 1 found (F) on 01-09, 1 reimbursed Lost_Warehouse -> 2 x 12.40 owed.
    5004 damaged 2 (H) on 01-12; 1 reimbursed Damaged_Warehouse -> 1 x 12.40, window 01-12..03-13.
    5005 reason Q (not a loss code) -> nothing.
    SKU-M 6001 damaged 1 (reason 6) on 2025-11-20: window closed 2026-01-19 -> expired, 1 x 5.00."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-L", "10", "6", "3", "in", "1.5", "lb", "12.40", "USD"],
                                          ["SKU-M", "5", "4", "3", "in", "0.5", "lb", "5.00", "USD"]))
    ledger = tsv(
        LEDGER,
        ["2026-01-05T23:30:00-08:00", "X00L", "B00L", "SKU-L", "Lamp", "Adjustments", "5001", "-4", "PHX7", "SELLABLE", "M", "US"],
        ["2026-01-09T01:00:00+01:00", "X00L", "B00L", "SKU-L", "Lamp", "Adjustments", "5002", "1", "PHX7", "SELLABLE", "F", "US"],
        ["2026-01-12T08:00:00-08:00", "X00L", "B00L", "SKU-L", "Lamp", "Adjustments", "5004", "-2", "PHX7", "SELLABLE", "H", "US"],
        ["2026-01-14T08:00:00-08:00", "X00L", "B00L", "SKU-L", "Lamp", "Adjustments", "5005", "-1", "PHX7", "SELLABLE", "Q", "US"],
        ["2025-11-20T10:00:00Z", "X00M", "B00M", "SKU-M", "Mug", "Adjustments", "6001", "-1", "PHX7", "SELLABLE", "6", "US"],
    )
    folder.file("ledger.txt", ledger)
    folder.file("reimbursements.txt", tsv(
        REIMBURSEMENTS,
        reimbursement("2026-01-20T07:00:00+00:00", "7001", "Lost_Warehouse", "SKU-L", "X00L", "12.40", 1),
        reimbursement("2026-01-25T07:00:00+00:00", "7002", "Damaged_Warehouse", "SKU-L", "X00L", "12.40", 0, inventory=1),
    ))
    same(folder.audit("2026-02-01"),
         Expected("warehouse_lost", "claimable", "5001", "X00L", "SKU-L", 2, "12.40", "24.80", "2026-01-05", "2026-03-06"),
         Expected("warehouse_damaged", "claimable", "5004", "X00L", "SKU-L", 1, "12.40", "12.40", "2026-01-12", "2026-03-13"),
         Expected("warehouse_damaged", "expired", "6001", "X00M", "SKU-M", 1, "5.00", "5.00", "2025-11-20", "2026-01-19"))


def test_reconciled_columns_and_reimbursements_are_not_counted_twice(folder):
    """Amazon's columns say 3002's 3 units are reconciled (the Lost_Warehouse
    reimbursement of 3 units paid for them) and 3001's 2 units are not: the
    reimbursement must not also net 3001. 4001 damaged 1 (E), unreconciled 1.
    3003 lost 2 downloaded before anything was found (unreconciled 2), then 2
    found (F) later: nothing owed.
    Owed: 3001 2 x 10.00 (window 01-05..03-06), 4001 1 x 10.00 (01-06..03-07)."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-W", "10", "6", "3", "in", "1.5", "lb", "10.00", "USD"],
                                          ["SKU-V", "10", "6", "3", "in", "1.5", "lb", "4.00", "USD"]))
    folder.file("ledger.txt", tsv(
        LEDGER_RECONCILED,
        ["01/05/2026", "X00W", "B00W", "SKU-W", "Wok", "Adjustments", "3001", "-2", "PHX7", "SELLABLE", "M", "US", "0", "2"],
        ["01/06/2026", "X00W", "B00W", "SKU-W", "Wok", "Adjustments", "4001", "-1", "PHX7", "SELLABLE", "E", "US", "0", "1"],
        ["01/08/2026", "X00W", "B00W", "SKU-W", "Wok", "Adjustments", "3002", "-3", "PHX7", "SELLABLE", "M", "US", "3", "0"],
        ["01/02/2026", "X00V", "B00V", "SKU-V", "Vase", "Adjustments", "3003", "-2", "PHX7", "SELLABLE", "M", "US", "0", "2"],
    ))
    folder.file("ledger-later.txt", tsv(
        LEDGER_RECONCILED,
        ["01/16/2026", "X00V", "B00V", "SKU-V", "Vase", "Adjustments", "3004", "2", "PHX7", "SELLABLE", "F", "US", "", ""],
    ))
    folder.file("reimbursements.txt", tsv(
        REIMBURSEMENTS, reimbursement("2026-01-12T07:00:00+00:00", "7101", "Lost_Warehouse", "SKU-W", "X00W", "10.00", 3)))
    same(folder.audit("2026-01-20"),
         Expected("warehouse_lost", "claimable", "3001", "X00W", "SKU-W", 2, "10.00", "20.00", "2026-01-05", "2026-03-06"),
         Expected("warehouse_damaged", "claimable", "4001", "X00W", "SKU-W", 1, "10.00", "10.00", "2026-01-06", "2026-03-07"))


def test_header_spellings_column_orders_encodings_and_wrappings(folder):
    """Three ledger files, one loss each: "Event Type" in a quoted CSV with columns
    shuffled and unknown extras; "event-type" in a gzipped TSV; "EventType" in a
    cp1252 TSV with a non-ASCII title. Each loss is 1 unit of SKU-H at 8.00,
    claimable on 2026-02-01."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-H", "10", "6", "3", "in", "1.5", "lb", "8.00", "USD"]))
    folder.file("a.csv", quoted_csv(
        ["Reason", "Quantity", "Unknown Column", "Event Type", "Reference ID", "MSKU", "FNSKU", "ASIN", "Date",
         "Disposition", "Fulfillment Center", "Country", "Title"],
        ["M", "-1", "x, y", "Adjustments", "8001", "SKU-H", "X00H", "B00H", "01/10/2026", "SELLABLE", "PHX7", "US",
         "Hat, \"wool\"\tgrey"]))
    folder.file("b.tsv.gz", tsv(
        ["date", "fnsku", "asin", "msku", "title", "event-type", "reference-id", "quantity", "fulfillment-center",
         "disposition", "reason", "country", "store"],
        ["2026-01-11", "X00H", "B00H", "SKU-H", "Hat", "Adjustments", "8002", "-1", "PHX7", "SELLABLE", "M", "US", ""]),
        gz=True)
    folder.file("c.txt", tsv(
        ["DATE", "FNSKU", "ASIN", "MSKU", "Title", "EventType", "ReferenceID", "Quantity", "FulfillmentCenter",
         "Disposition", "Reason", "Country"],
        ["01/12/2026", "X00H", "B00H", "SKU-H", "Chapéau été – grey", "Adjustments", "8003", "-1", "PHX7", "SELLABLE",
         "M", "US"]), encoding="cp1252")
    lost = [Expected("warehouse_lost", "claimable", ref, "X00H", "SKU-H", 1, "8.00", "8.00", day, closes)
            for ref, day, closes in (("8001", "2026-01-10", "2026-03-11"), ("8002", "2026-01-11", "2026-03-12"),
                                     ("8003", "2026-01-12", "2026-03-13"))]
    same(folder.audit("2026-02-01"), *lost)


def test_missing_unit_cost_is_estimated_from_recent_orders_and_flagged(folder):
    """SKU-N has no unit_cost: its value is the mean item price a unit of its
    orders in the 90 days before the as-of date (2025-11-03 on): 24.00, 26.00 and
    a 2-unit line of 50.00 -> 100 / 4 = 25.00. The cancelled order and the order
    older than 90 days do not count. Lost 2 -> 50.00, flagged as an estimate."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-N", "10", "6", "3", "in", "1.5", "lb", "", "USD"]))
    folder.file("ledger.txt", tsv(
        LEDGER, ["01/15/2026", "X00N", "B00N", "SKU-N", "Net", "Adjustments", "9001", "-2", "PHX7", "SELLABLE", "M", "US"]))

    def order(oid, day, status, qty, price):
        return [oid, "", day, day, status, "Amazon", "Amazon.com", "", "", "Standard", "Net", "SKU-N", "B00N",
                "Shipped" if status != "Cancelled" else "Cancelled", qty, "USD", price, "0.00", "", ""]

    folder.file("orders.txt", tsv(
        ORDERS,
        order("112-0000000-0000001", "2025-12-01T10:00:00+00:00", "Shipped", "1", "24.00"),
        order("112-0000000-0000002", "2025-12-15T10:00:00-08:00", "Shipped", "1", "26.00"),
        order("112-0000000-0000003", "2026-01-05T10:00:00+00:00", "Shipped", "2", "50.00"),
        order("112-0000000-0000004", "2026-01-06T10:00:00+00:00", "Cancelled", "1", "90.00"),
        order("112-0000000-0000005", "2025-08-01T10:00:00+00:00", "Shipped", "1", "10.00"),
    ))
    same(folder.audit("2026-02-01"),
         Expected("warehouse_lost", "claimable", "9001", "X00N", "SKU-N", 2, "25.00", "50.00", "2026-01-15", "2026-03-16",
                  estimated=True))


# --- refunds without a return ------------------------------------------------------


def _refunds_folder(folder: Folder) -> None:
    """Two settlements in one file (two settlement-ids, each with its totals row).
    O1 refund 2 of a 3-unit line (-40.00): 1 back (report 1, ledger 1, the same unit) -> 1 x 20.00.
    O2 refund 3 (-75.00): report shows 1, ledger 2 -> 2 back (the larger, never 3) -> 1 x 25.00.
    O3 refund 1: a reimbursement carries the order id -> nothing.
    O4 refund 1 (-18.00) of SKU-Q: the return is of another SKU -> 1 x 18.00.
    O5 refund 1 (-22.00) posted 2025-11-25: window opens 2026-01-24."""
    rows = [settlement_summary("5001", "2025-11-01 00:00:00 UTC", "2025-11-15 00:00:00 UTC", "USD"),
            settlement_row("5001", "Order", "112-0000001-0000001", "ItemPrice", "Principal", "60.00", "2025-10-20",
                           "SKU-R", "3"),
            *refund("5001", "112-0000001-0000001", "-40.00", "2025-11-03", "SKU-R", "2"),
            *refund("5001", "112-0000002-0000002", "-75.00", "2025-11-04", "SKU-R", "3"),
            settlement_summary("5002", "2025-11-15 00:00:00 UTC", "2025-11-29 00:00:00 UTC", "USD"),
            *refund("5002", "112-0000003-0000003", "-30.00", "2025-11-05", "SKU-R", "1"),
            *refund("5002", "112-0000004-0000004", "-18.00", "2025-11-06", "SKU-Q", "1"),
            *refund("5002", "112-0000005-0000005", "-22.00", "2025-11-25", "SKU-R", "1")]
    folder.file("settlement.txt", tsv(SETTLEMENT, *rows))

    def back(day, order, sku, fnsku):
        return [day, order, sku, "B0" + fnsku, fnsku, "Item", "1", "PHX7", "SELLABLE", "UNWANTED_ITEM",
                "Unit returned to inventory", "LPN" + order[-3:], ""]

    folder.file("returns.txt", tsv(
        RETURNS,
        back("2025-11-10T10:00:00+00:00", "112-0000001-0000001", "SKU-R", "X00R"),
        back("2025-11-11T10:00:00+00:00", "112-0000002-0000002", "SKU-R", "X00R"),
        back("2025-11-12T10:00:00+00:00", "112-0000004-0000004", "SKU-Z", "X00Z"),
    ))
    folder.file("ledger.txt", tsv(
        LEDGER,
        ["11/10/2025", "X00R", "B00R", "SKU-R", "Rug", "CustomerReturns", "112-0000001-0000001", "1", "PHX7", "SELLABLE", "", "US"],
        ["11/11/2025", "X00R", "B00R", "SKU-R", "Rug", "CustomerReturns", "112-0000002-0000002", "1", "PHX7", "SELLABLE", "", "US"],
        ["11/13/2025", "X00R", "B00R", "SKU-R", "Rug", "CustomerReturns", "112-0000002-0000002", "1", "PHX7", "DEFECTIVE", "", "US"],
        ["10/01/2025", "X00Q", "B00Q", "SKU-Q", "Quilt", "Receipts", "FBA15Q", "5", "PHX7", "SELLABLE", "", "US"],
    ))
    folder.file("reimbursements.txt", tsv(
        REIMBURSEMENTS,
        reimbursement("2025-12-01T07:00:00+00:00", "7201", "CustomerReturn", "SKU-R", "X00R", "30.00", 1,
                      order="112-0000003-0000003")))


def test_refunds_partial_lines_larger_of_returns_and_reimbursed_orders(folder):
    _refunds_folder(folder)
    same(folder.audit("2026-01-20"),
         Expected("customer_return_missing", "claimable", "112-0000001-0000001", "X00R", "SKU-R", 1, "20.00", "20.00",
                  "2026-01-02", "2026-03-03"),
         Expected("customer_return_missing", "claimable", "112-0000002-0000002", "X00R", "SKU-R", 1, "25.00", "25.00",
                  "2026-01-03", "2026-03-04"),
         Expected("customer_return_missing", "claimable", "112-0000004-0000004", "X00Q", "SKU-Q", 1, "18.00", "18.00",
                  "2026-01-05", "2026-03-06"),
         Expected("customer_return_missing", "pending", "112-0000005-0000005", "X00R", "SKU-R", 1, "22.00", "22.00",
                  "2026-01-24", "2026-03-25"))


@pytest.mark.parametrize(("as_of", "status"), [("2026-01-01", "pending"), ("2026-01-02", "claimable"),
                                               ("2026-03-03", "claimable"), ("2026-03-04", "expired")])
def test_window_ends_are_inclusive(folder, as_of, status):
    """O1's window (refund posted 2025-11-03): opens 2026-01-02, closes 2026-03-03, both days inside."""
    _refunds_folder(folder)
    [o1] = [f for f in folder.audit(as_of) if f.reference_id == "112-0000001-0000001"]
    assert (o1.window_opens, o1.window_closes, o1.status) == ("2026-01-02", "2026-03-03", status)


def test_refunds_keep_the_currency_of_their_settlement(folder):
    """A US and a Canadian settlement (the currency is given on each settlement's
    totals row only): the Amazon.ca refund is worth 30.00 CAD, not USD; so is
    one that arrives in a later download, audited on top of the first."""
    folder.file("settlement-us.txt", tsv(
        SETTLEMENT, settlement_summary("111", "2025-11-01 00:00:00 UTC", "2025-11-15 00:00:00 UTC", "USD"),
        *refund("111", "112-0000011-0000011", "-25.00", "2025-11-03", "SKU-C", "1")))
    folder.file("settlement-ca.txt", tsv(
        SETTLEMENT, settlement_summary("222", "2025-11-01 00:00:00 UTC", "2025-11-15 00:00:00 UTC", "CAD"),
        *refund("222", "702-0000012-0000012", "-30.00", "2025-11-05", "SKU-C", "1", marketplace="Amazon.ca")))
    us = Expected("customer_return_missing", "claimable", "112-0000011-0000011", None, "SKU-C", 1, "25.00", "25.00",
                  "2026-01-02", "2026-03-03")
    ca = Expected("customer_return_missing", "claimable", "702-0000012-0000012", None, "SKU-C", 1, "30.00", "30.00",
                  "2026-01-04", "2026-03-05", currency="CAD")
    same(folder.audit("2026-01-20"), us, ca)
    folder.file("settlement-ca-2.txt", tsv(
        SETTLEMENT, settlement_summary("223", "2025-11-15 00:00:00 UTC", "2025-11-29 00:00:00 UTC", "CAD"),
        *refund("223", "702-0000013-0000013", "-12.00", "2025-11-20", "SKU-C", "1", marketplace="Amazon.ca")))
    later = Expected("customer_return_missing", "claimable", "702-0000013-0000013", None, "SKU-C", 1, "12.00", "12.00",
                     "2026-01-19", "2026-03-20", currency="CAD")
    same(folder.audit("2026-01-20"), us, ca, later)


def test_eu_settlement_with_dotted_dates_and_decimal_commas(folder):
    """Amazon.de settlement, cp1252, DD.MM.YYYY and 1.019,90 style amounts,
    audited under the DE policy (45-105 days): refund of 1.019,90 posted
    03.11.2025 -> 1019.90 EUR, window 2025-12-18..2026-02-16; a 19,99 refund
    posted 04.11.2025 -> window 2025-12-19..2026-02-17."""
    rows = [settlement_summary("333", "01.11.2025 00:00:00 UTC", "15.11.2025 00:00:00 UTC", "EUR"),
            settlement_row("333", "Order", "302-0000009-0000009", "ItemPrice", "Principal", "1.019,90", "02.11.2025",
                           "SKU-E", "1", "Amazon.de"),
            *refund("333", "302-0000001-0000001", "-1.019,90", "03.11.2025", "SKU-E", "1", "Amazon.de"),
            *refund("333", "302-0000002-0000002", "-19,99", "04.11.2025", "SKU-E", "1", "Amazon.de")]
    rows[1][SETTLEMENT.index("promotion-id")] = "Frühlingsrabatt – 5 €"
    text = tsv(SETTLEMENT, *rows).replace("-1.50", "-1,50").replace("2.40", "2,40")
    folder.file("Abrechnung Gebühren.txt", text, encoding="cp1252")
    same(folder.audit("2026-01-10", marketplace="DE"),
         Expected("customer_return_missing", "claimable", "302-0000001-0000001", None, "SKU-E", 1, "1019.90",
                  "1019.90", "2025-12-18", "2026-02-16", currency="EUR"),
         Expected("customer_return_missing", "claimable", "302-0000002-0000002", None, "SKU-E", 1, "19.99", "19.99",
                  "2025-12-19", "2026-02-17", currency="EUR"))


# --- inbound shortages -------------------------------------------------------------


def test_inbound_shortages_net_only_reimbursements_after_first_receipt(folder):
    """Inbound items as a CSV export with the API's field names, in another order.
    X00I: FBA1 (first receipt 12-01) short 1, FBA2 (first receipt 12-20, last
    12-22) short 3. Lost_Inbound 2 units on 12-10: after FBA1's first receipt,
    before FBA2's -> nets FBA1 only. Damaged_Inbound 1 unit on 12-28 nets FBA2.
    FBA2 owed 2 x 9.00, window 2026-01-06..2026-02-20. FBA3 WORKING: nothing.
    X00J: FBA4 short 3 (receipts 12-05, 12-09); Lost_Inbound 5 units on 11-15
    (before its first receipt, not netted) and 2 on 12-15 -> 1 x 7.50 owed,
    window 12-24..2026-02-07."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-I", "10", "6", "3", "in", "1.5", "lb", "9.00", "USD"],
                                          ["SKU-J", "10", "6", "3", "in", "1.5", "lb", "7.50", "USD"]))
    folder.file("shipments.csv", plain_csv(
        ["ShipmentStatus", "ShipmentId", "FulfillmentNetworkSKU", "SellerSKU", "QuantityReceived", "QuantityShipped",
         "QuantityInCase", "ShipmentName"],
        ["CLOSED", "FBA1", "X00I", "SKU-I", "5", "6", "0", "FBA (11/28/2025 10:01) - 1"],
        ["CLOSED", "FBA2", "X00I", "SKU-I", "5", "8", "0", "FBA (12/15/2025 10:01) - 2"],
        ["WORKING", "FBA3", "X00I", "SKU-I", "0", "4", "0", "FBA (01/10/2026 10:01) - 3"],
        ["CLOSED", "FBA4", "X00J", "SKU-J", "7", "10", "0", "FBA (12/01/2025 10:01) - 4"],
    ))
    def receipt(day, fnsku, sku, shipment, qty):
        return [day, fnsku, "B0" + fnsku, sku, "Item", "Receipts", shipment, qty, "PHX7", "SELLABLE", "", "US"]

    folder.file("ledger.txt", tsv(
        LEDGER,
        receipt("12/01/2025", "X00I", "SKU-I", "FBA1", "5"),
        receipt("12/20/2025", "X00I", "SKU-I", "FBA2", "3"),
        receipt("12/22/2025", "X00I", "SKU-I", "FBA2", "2"),
        receipt("12/05/2025", "X00J", "SKU-J", "FBA4", "4"),
        receipt("12/09/2025", "X00J", "SKU-J", "FBA4", "3"),
    ))
    folder.file("reimbursements.txt", tsv(
        REIMBURSEMENTS,
        reimbursement("2025-12-10T07:00:00+00:00", "7301", "Lost_Inbound", "SKU-I", "X00I", "9.00", 2),
        reimbursement("2025-12-28T07:00:00+00:00", "7302", "Damaged_Inbound", "SKU-I", "X00I", "9.00", 1),
        reimbursement("2025-11-15T07:00:00+00:00", "7303", "Lost_Inbound", "SKU-J", "X00J", "7.50", 5),
        reimbursement("2025-12-15T07:00:00+00:00", "7304", "Lost_Inbound", "SKU-J", "X00J", "7.50", 2),
    ))
    same(folder.audit("2026-01-20"),
         Expected("inbound_shortage", "claimable", "FBA2", "X00I", "SKU-I", 2, "9.00", "18.00", "2026-01-06", "2026-02-20"),
         Expected("inbound_shortage", "claimable", "FBA4", "X00J", "SKU-J", 1, "7.50", "7.50", "2025-12-24", "2026-02-07"))


# --- fees ------------------------------------------------------------------------


def test_fee_reports_with_older_and_newer_column_names(folder):
    """SKU-F1 (older fee file: product-size-tier, expected-fulfillment-fee-per-unit):
    sides listed 0.6 / 14 / 11 in, 6 oz -> small standard (14 x 11 x 0.6, 0.375 lb),
    fee 3.24 + 0.25 (the 2026-01-15 change) = 3.49; charged Large Standard 3.90 -> 0.41 a
    unit. Shipped in the 90 days up to 2026-01-31 (from 2025-11-02 on): 1 + 2 = 3 units
    (5 on 2025-10-15 are older) -> 1.23, window 2025-11-02..2026-01-31.
    SKU-F2 (newer file: product-size-weight-band, expected-domestic-fulfilment-fee-per-unit):
    10 x 40 x 30 cm, 1.2 kg -> 15.75 x 11.81 x 3.94 in, dimensional weight 5.27 lb
    > 2.65 lb -> large standard, fee 6.92 + 0.05 + 10 x 0.08 = 7.77; charged Large Bulky
    12.00 -> 4.23 a unit x 4 shipped = 16.92, window 2026-01-10..2026-04-10.
    SKU-F3: 17 x 13 x 1 in, 500 g -> large standard, charged large standard: nothing
    (its fee row has "--" where Amazon has no measurement: an empty cell, not an error)."""
    folder.file("products.csv", plain_csv(
        ["sku", "unit_cost", "weight", "weight_unit", "length", "width", "height", "dimension_unit", "currency"],
        ["SKU-F1", "3.00", "6", "oz", "0.6", "14", "11", "in", "USD"],
        ["SKU-F2", "9.00", "1.2", "kg", "10", "40", "30", "cm", "USD"],
        ["SKU-F3", "4.00", "500", "g", "1", "17", "13", "in", "USD"],
    ))
    folder.file("fees-2023.txt", tsv(
        ["sku", "fnsku", "asin", "product-name", "product-group", "brand", "fulfilled-by", "your-price", "sales-price",
         "longest-side", "median-side", "shortest-side", "length-and-girth", "unit-of-dimension", "item-package-weight",
         "unit-of-weight", "product-size-tier", "currency", "estimated-fee-total", "estimated-referral-fee-per-unit",
         "estimated-variable-closing-fee", "estimated-order-handling-fee-per-order", "estimated-pick-pack-fee-per-unit",
         "estimated-weight-handling-fee-per-unit", "expected-fulfillment-fee-per-unit"],
        ["SKU-F1", "X0F1", "B0F1", "Folder", "Office", "Acme", "AFN", "20.00", "20.00", "14.00", "11.00", "0.60",
         "36.20", "inches", "0.38", "pounds", "Large Standard", "USD", "6.90", "3.00", "0.00", "--", "--", "--", "3.90"],
        ["SKU-F3", "X0F3", "B0F3", "Frame", "Home", "Acme", "AFN", "30.00", "30.00", "17.00", "--", "--",
         "--", "inches", "--", "pounds", "Large Standard", "USD", "9.60", "4.50", "0.00", "--", "--", "--", "5.10"],
    ))
    folder.file("fees-2025.txt", tsv(
        ["sku", "fnsku", "asin", "product-name", "product-group", "brand", "fulfilled-by", "your-price", "sales-price",
         "longest-side", "median-side", "shortest-side", "length-and-girth", "unit-of-dimension", "item-package-weight",
         "unit-of-weight", "product-size-weight-band", "currency", "estimated-fee-total",
         "estimated-referral-fee-per-unit", "estimated-variable-closing-fee", "expected-domestic-fulfilment-fee-per-unit"],
        ["SKU-F2", "X0F2", "B0F2", "Fan", "Home", "Acme", "AFN", "40.00", "40.00", "15.80", "11.90", "4.00", "47.60",
         "inches", "5.30", "pounds", "Large Bulky", "USD", "18.00", "6.00", "0.00", "12.00"],
    ))
    def ship(day, fnsku, sku, qty):
        return [day, fnsku, "B0" + fnsku[1:], sku, "Item", "Shipments", "112-" + day[:2] + fnsku, qty, "PHX7",
                "SELLABLE", "", "US"]

    folder.file("ledger.txt", tsv(
        LEDGER,
        ship("10/15/2025", "X0F1", "SKU-F1", "-5"),
        ship("11/02/2025", "X0F1", "SKU-F1", "-1"),
        ship("01/20/2026", "X0F1", "SKU-F1", "-2"),
        ship("01/10/2026", "X0F2", "SKU-F2", "-4"),
        ship("01/11/2026", "X0F3", "SKU-F3", "-3"),
    ))
    same(folder.audit("2026-01-31"),
         Expected("fee_overcharge", "claimable", "X0F1", "X0F1", "SKU-F1", 3, "0.41", "1.23", "2025-11-02", "2026-01-31"),
         Expected("fee_overcharge", "claimable", "X0F2", "X0F2", "SKU-F2", 4, "4.23", "16.92", "2026-01-10", "2026-04-10"))


# --- underpaid reimbursements ---------------------------------------------------------


def test_underpaid_reimbursements_around_the_valuation_date_and_the_tolerance(folder):
    """unit_cost 20.00. Approved 2025-03-09 (before valuation): nothing.
    2025-03-10 Lost_Warehouse 15.00 x 2 cash (+1 inventory unit) -> 5.00 x 2 = 10.00,
    window 03-10..05-09. 19.80 (exactly 1% short): nothing. Damaged_Inbound 19.79
    (beyond 1%) -> 0.21 x 1, window 03-15..05-14. Lost_Inbound 19.90: nothing.
    CustomerReturn 5.00: not a warehouse or inbound reason, nothing."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-U", "10", "6", "3", "in", "1.5", "lb", "20.00", "USD"]))
    folder.file("reimbursements.txt", tsv(
        REIMBURSEMENTS,
        reimbursement("2025-03-09T23:00:00+00:00", "8101", "Lost_Warehouse", "SKU-U", "X00U", "10.00", 1),
        reimbursement("2025-03-10T01:00:00+00:00", "8102", "Lost_Warehouse", "SKU-U", "X00U", "15.00", 2, inventory=1),
        reimbursement("2025-03-15T01:00:00+00:00", "8103", "Damaged_Warehouse", "SKU-U", "X00U", "19.80", 1),
        reimbursement("2025-03-15T01:00:00+00:00", "8104", "Damaged_Inbound", "SKU-U", "X00U", "19.79", 1),
        reimbursement("2025-03-20T01:00:00+00:00", "8105", "Lost_Inbound", "SKU-U", "X00U", "19.90", 1),
        reimbursement("2025-03-20T01:00:00+00:00", "8106", "CustomerReturn", "SKU-U", "X00U", "5.00", 1,
                      order="112-0000099-0000099"),
    ))
    same(folder.audit("2025-04-01"),
         Expected("reimbursement_underpaid", "claimable", "8102", "X00U", "SKU-U", 2, "5.00", "10.00", "2025-03-10",
                  "2025-05-09"),
         Expected("reimbursement_underpaid", "claimable", "8104", "X00U", "SKU-U", 1, "0.21", "0.21", "2025-03-15",
                  "2025-05-14"))
