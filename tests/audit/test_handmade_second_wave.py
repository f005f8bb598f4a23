"""Hand-made report folders for the second wave of claim types, shaped the way sellers download them and
audited through ``claimpilot audit --json``; every finding is worked out by hand from CLAIM_RULES.md
("The second wave") next to its case, with each window's edges, and the whole list is compared, so
nothing else (no decoy) may be found."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import (
    PRODUCTS,
    REIMBURSEMENTS,
    RETURNS,
    SETTLEMENT,
    Expected,
    Folder,
    plain_csv,
    reimbursement,
    same,
    settlement_row,
    settlement_summary,
    tsv,
)
from typer.testing import CliRunner

from claimpilot.cli import app


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Folder:
    return Folder(tmp_path, monkeypatch)


# --- return_damaged_unreimbursed -------------------------------------------------


def damaged_return(day: str, order: str, sku: str, fnsku: str, qty: int, grade: str, lpn: str) -> list[str]:
    return [day, order, sku, "B0" + fnsku, fnsku, "Item " + sku, str(qty), "PHX7", grade, "DAMAGED_BY_CARRIER"
            if grade == "CARRIER_DAMAGED" else "UNWANTED_ITEM", "Unit returned to inventory - unsellable", lpn, ""]


def write_damaged_returns(folder) -> None:
    """Returns report (SP-API TSV, ISO dates with offsets) and reimbursements:
    111-0000001 DAMAGED 2 on 03-02, 1 reimbursed for the order -> 1 x 9.00, window 03-02..05-01.
    111-0000002 CARRIER_DAMAGED 1 on 03-10 -> 1 x 9.00, window 03-10..05-09.
    111-0000003 DAMAGED 1 on 01-05 -> expired at 03-20 (window closed 03-06).
    111-0000004 DAMAGED 1, reimbursed in full for the order -> nothing.
    111-0000005/6/7 CUSTOMER_DAMAGED, DEFECTIVE, SELLABLE -> nothing (the seller's loss or back in stock).
    111-0000008 DAMAGED 1 of a SKU without unit_cost and no order -> no value, nothing claimed."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-R", "8", "6", "2", "in", "0.8", "lb", "9.00", "USD"]))
    folder.file("returns.txt", tsv(
        RETURNS,
        damaged_return("2026-03-02T10:14:07-08:00", "111-0000001", "SKU-R", "X00R", 2, "DAMAGED", "LPNR1"),
        damaged_return("2026-03-10T09:00:00-08:00", "111-0000002", "SKU-R", "X00R", 1, "CARRIER_DAMAGED", "LPNR2"),
        damaged_return("2026-01-05T09:00:00-08:00", "111-0000003", "SKU-R", "X00R", 1, "DAMAGED", "LPNR3"),
        damaged_return("2026-02-20T09:00:00-08:00", "111-0000004", "SKU-R", "X00R", 1, "DAMAGED", "LPNR4"),
        damaged_return("2026-03-01T09:00:00-08:00", "111-0000005", "SKU-R", "X00R", 1, "CUSTOMER_DAMAGED", "LPNR5"),
        damaged_return("2026-03-01T09:00:00-08:00", "111-0000006", "SKU-R", "X00R", 1, "DEFECTIVE", "LPNR6"),
        damaged_return("2026-03-01T09:00:00-08:00", "111-0000007", "SKU-R", "X00R", 1, "SELLABLE", "LPNR7"),
        damaged_return("2026-03-01T09:00:00-08:00", "111-0000008", "SKU-Q", "X00Q", 1, "DAMAGED", "LPNR8"),
    ))
    folder.file("reimbursements.txt", tsv(
        REIMBURSEMENTS,
        reimbursement("2026-03-12T00:00:00+00:00", "7001", "CustomerReturn", "SKU-R", "X00R", "9.00", 1,
                      order="111-0000001"),
        reimbursement("2026-03-05T00:00:00+00:00", "7002", "CustomerReturn", "SKU-R", "X00R", "9.00", 1,
                      order="111-0000004"),
    ))


def test_damaged_returns_never_reimbursed(folder):
    write_damaged_returns(folder)
    same(folder.audit("2026-03-20"),
         Expected("return_damaged_unreimbursed", "claimable", "111-0000001", "X00R", "SKU-R", 1, "9.00", "9.00",
                  "2026-03-02", "2026-05-01"),
         Expected("return_damaged_unreimbursed", "claimable", "111-0000002", "X00R", "SKU-R", 1, "9.00", "9.00",
                  "2026-03-10", "2026-05-09"),
         Expected("return_damaged_unreimbursed", "expired", "111-0000003", "X00R", "SKU-R", 1, "9.00", "9.00",
                  "2026-01-05", "2026-03-06"))


@pytest.mark.parametrize(("as_of", "status"), [("2026-03-06", "claimable"), ("2026-03-07", "expired")])
def test_damaged_return_window_ends_on_its_sixtieth_day(folder, as_of, status):
    write_damaged_returns(folder)
    [old] = [f for f in folder.audit(as_of) if f.reference_id == "111-0000003"]
    assert old.status == status


# --- refund_above_paid -------------------------------------------------------------


def order(sid: str, oid: str, principal: str, commission: str, posted: str, sku: str, qty: str) -> list[list[str]]:
    """An order line as the settlement shows it: principal and the referral fee charged."""
    return [settlement_row(sid, "Order", oid, "ItemPrice", "Principal", principal, posted, sku, qty),
            settlement_row(sid, "Order", oid, "ItemFees", "Commission", commission, posted, sku, qty)]


def refunded(sid: str, oid: str, principal: str, commission: str, admin: str, posted: str, sku: str,
             qty: str) -> list[list[str]]:
    """A refund line: the principal paid back, the referral fee returned and the administration fee kept."""
    return [settlement_row(sid, "Refund", oid, "ItemPrice", "Principal", principal, posted, sku, qty),
            settlement_row(sid, "Refund", oid, "ItemFees", "Commission", commission, posted, sku, qty),
            settlement_row(sid, "Refund", oid, "ItemFees", "RefundCommission", admin, posted, sku, qty)]


def of_type(found: list[Expected], claim_type: str) -> list[Expected]:
    return [f for f in found if f.type == claim_type]


def write_refunds_above_paid(folder) -> None:
    """Two settlements (the currency on each totals row only):
    113-01: 2 units charged 40.00; refunds 20.00 (01-10, 1 unit) and 25.00 (02-01, 1 unit): 45.00 > 40.00
            -> the excess 5.00 once, 2 units refunded, window from the last refund 02-01..05-02.
    113-02: charged 30.00, refunded 36.00 on 2025-11-01 -> 6.00, window 2025-11-01..2026-01-30.
    113-03: 2 units charged 40.00, one refunded (20.00) -> nothing (a partial refund within the price).
    113-04: charged 30.00, refunded 30.00 -> nothing.
    113-05: refunded 50.00 with no Order row in the seller's files -> not judged."""
    folder.file("settlement-1.txt", tsv(
        SETTLEMENT, settlement_summary("501", "2025-10-20 00:00:00 UTC", "2025-11-03 00:00:00 UTC", "USD"),
        *order("501", "113-02", "30.00", "-4.50", "2025-10-21", "SKU-P", "1"),
        *refunded("501", "113-02", "-36.00", "5.40", "-1.08", "2025-11-01", "SKU-P", "1")))
    folder.file("settlement-2.txt", tsv(
        SETTLEMENT, settlement_summary("502", "2026-01-05 00:00:00 UTC", "2026-02-02 00:00:00 UTC", "USD"),
        *order("502", "113-01", "40.00", "-6.00", "2026-01-06", "SKU-P", "2"),
        *order("502", "113-03", "40.00", "-6.00", "2026-01-06", "SKU-P", "2"),
        *order("502", "113-04", "30.00", "-4.50", "2026-01-06", "SKU-P", "1"),
        *refunded("502", "113-01", "-20.00", "3.00", "-0.60", "2026-01-10", "SKU-P", "1"),
        *refunded("502", "113-03", "-20.00", "3.00", "-0.60", "2026-01-10", "SKU-P", "1"),
        *refunded("502", "113-04", "-30.00", "4.50", "-0.90", "2026-01-11", "SKU-P", "1"),
        *refunded("502", "113-01", "-25.00", "3.75", "-0.75", "2026-02-01", "SKU-P", "1"),
        *refunded("502", "113-05", "-50.00", "7.50", "-1.50", "2026-01-12", "SKU-P", "1")))


def test_refunds_above_the_price_paid(folder):
    write_refunds_above_paid(folder)
    same(of_type(folder.audit("2026-02-10"), "refund_above_paid"),
         Expected("refund_above_paid", "claimable", "113-01", None, "SKU-P", 2, "5.00", "5.00", "2026-02-01",
                  "2026-05-02"),
         Expected("refund_above_paid", "expired", "113-02", None, "SKU-P", 1, "6.00", "6.00", "2025-11-01",
                  "2026-01-30"))


@pytest.mark.parametrize(("as_of", "status"), [("2026-01-30", "claimable"), ("2026-01-31", "expired")])
def test_refund_above_paid_window_ends_on_its_ninetieth_day(folder, as_of, status):
    write_refunds_above_paid(folder)
    [old] = [f for f in of_type(folder.audit(as_of), "refund_above_paid") if f.reference_id == "113-02"]
    assert old.status == status


def test_a_refund_line_refunded_above_its_price_is_left_to_that_rule(folder):
    """The refunds of write_refunds_above_paid return the referral fee as the formula says (113-03, 113-04) or are
    above the price (113-01, 113-02) or without an Order row (113-05): no referral-fee claim."""
    write_refunds_above_paid(folder)
    assert of_type(folder.audit("2026-02-10"), "refund_commission_short") == []


# --- refund_commission_short ----------------------------------------------------------


def write_commission_refunds(folder) -> None:
    """Fee to return = Commission charged x refunded share; the seller nets that less min(5.00, 20% of it):
    114-01: 30.00 charged, commission 4.50; refunded in full (01-15), nothing returned -> 4.50 - 0.90 = 3.60 short.
    114-02: 8 units, 200.00, commission 30.00; refunded in full (01-20), 6.00 kept (20%, above the 5.00 cap)
            -> should net 25.00, netted 24.00 -> 1.00 short.
    114-03: as 114-02 with 5.00 kept -> nothing.
    114-04: 3 units, 60.00, commission 9.00; 1 unit refunded 01-10 with 1.50 returned, 0.30 kept (should be
            3.00 and 0.60: 1.20 short); 1 unit refunded 02-01 as it should be -> 1.20 short, 2 units,
            window 02-01 (last refund) .. 04-10 (first refund + 90).
    114-05: 1 cent short on 9.99 of 29.97 -> within the tolerance, nothing.
    114-06: refunded 2025-11-12, nothing returned -> 1.20 short (commission 1.50), window closes 2026-02-10."""
    folder.file("settlement-3.txt", tsv(
        SETTLEMENT, settlement_summary("601", "2025-11-01 00:00:00 UTC", "2026-02-02 00:00:00 UTC", "USD"),
        *order("601", "114-06", "10.00", "-1.50", "2025-11-02", "SKU-C", "1"),
        *refunded("601", "114-06", "-10.00", "0.00", "0.00", "2025-11-12", "SKU-C", "1"),
        *order("601", "114-01", "30.00", "-4.50", "2026-01-05", "SKU-C", "1"),
        *order("601", "114-02", "200.00", "-30.00", "2026-01-05", "SKU-C", "8"),
        *order("601", "114-03", "200.00", "-30.00", "2026-01-05", "SKU-C", "8"),
        *order("601", "114-04", "60.00", "-9.00", "2026-01-05", "SKU-C", "3"),
        *order("601", "114-05", "29.97", "-4.50", "2026-01-05", "SKU-C", "3"),
        *refunded("601", "114-01", "-30.00", "0.00", "0.00", "2026-01-15", "SKU-C", "1"),
        *refunded("601", "114-02", "-200.00", "30.00", "-6.00", "2026-01-20", "SKU-C", "8"),
        *refunded("601", "114-03", "-200.00", "30.00", "-5.00", "2026-01-20", "SKU-C", "8"),
        *refunded("601", "114-04", "-20.00", "1.50", "-0.30", "2026-01-10", "SKU-C", "1"),
        *refunded("601", "114-04", "-20.00", "3.00", "-0.60", "2026-02-01", "SKU-C", "1"),
        *refunded("601", "114-05", "-9.99", "1.49", "-0.30", "2026-01-12", "SKU-C", "1")))


def test_referral_fees_returned_short_on_refunds(folder):
    write_commission_refunds(folder)
    same(of_type(folder.audit("2026-02-10"), "refund_commission_short"),
         Expected("refund_commission_short", "claimable", "114-01", None, "SKU-C", 1, "3.60", "3.60", "2026-01-15",
                  "2026-04-15"),
         Expected("refund_commission_short", "claimable", "114-02", None, "SKU-C", 8, "1.00", "1.00", "2026-01-20",
                  "2026-04-20"),
         Expected("refund_commission_short", "claimable", "114-04", None, "SKU-C", 2, "1.20", "1.20", "2026-02-01",
                  "2026-04-10"),
         Expected("refund_commission_short", "claimable", "114-06", None, "SKU-C", 1, "1.20", "1.20", "2025-11-12",
                  "2026-02-10"))


@pytest.mark.parametrize(("as_of", "status"), [("2026-02-10", "claimable"), ("2026-02-11", "expired")])
def test_referral_fee_window_ends_on_its_ninetieth_day(folder, as_of, status):
    write_commission_refunds(folder)
    [old] = [f for f in of_type(folder.audit(as_of), "refund_commission_short") if f.reference_id == "114-06"]
    assert old.status == status


def test_without_a_cap_for_its_currency_the_whole_rate_is_allowed(folder):
    """Amazon.co.uk: no page read gives the cap in GBP, so up to 20% may be kept: 114-02's 6.00 kept is no claim
    there, while 114-01 (nothing returned) still is."""
    write_commission_refunds(folder)
    found = {f.reference_id for f in of_type(folder.audit("2026-02-10", marketplace="UK"), "refund_commission_short")}
    assert found == {"114-01", "114-04", "114-06"}


# --- reimbursement_reversed_unfound -----------------------------------------------------


def reversal(day: str, rid: str, original: str, original_type: str, sku: str, fnsku: str, per_unit: str,
             units: int) -> list[str]:
    """A reversal row as the reimbursements report shows it: negative units and total, the original named."""
    return [day, rid, "", "", "Reimbursement_Reversal", sku, fnsku, "B0" + fnsku, "Item " + sku, "New", "USD",
            per_unit, f"{-float(per_unit) * units:.2f}", str(-units), "0", str(-units), original, original_type]


def adjustment(day: str, fnsku: str, sku: str, ref: str, qty: int, reason: str) -> list[str]:
    return [day, fnsku, "B0" + fnsku, sku, "Item " + sku, "Adjustments", ref, str(qty), "PHX7", "SELLABLE", reason,
            "US"]


def write_reversals(folder) -> None:
    """Ledger (Seller Central CSV, MM/DD/YYYY) and reimbursements (SP-API TSV):
    X00V1: lost 2 (M) 01-02, Lost_Warehouse 2 x 11.00 (8001, 01-20), reversed (9001, 02-01), never found
           -> 2 x 11.00, window 03-03..05-02.
    X00V2: lost 3 01-02, 3 reimbursed (8002), 1 found (F) 01-25, all 3 reversed (9002, 02-01) -> 2 x 11.00.
    X00V3: lost 1 01-02, reimbursed (8003, 01-10), found 01-12, reversed (9003, 01-15) -> nothing: found.
    X00V4: lost 1 12-01 never reimbursed, found 12-05 (that found unit nets the first loss); lost 1 01-02,
           reimbursed (8004), reversed (9004, 02-01), not found again -> 1 x 11.00.
    X00V5: Damaged_Warehouse (8005) reversed (9005, 2025-10-01), never found -> expired (window closed 12-30).
    X00V6: reversal 9006 (02-05) of 8006, not in these files (Lost_Warehouse by its original-reimbursement-type),
           a unit found 02-20, within 30 days after it -> nothing.
    X00V7: a CustomerReturn reimbursement reversed (9007) -> not this rule."""
    ledger = ["Date", "FNSKU", "ASIN", "MSKU", "Title", "Event Type", "Reference ID", "Quantity",
              "Fulfillment Center", "Disposition", "Reason", "Country"]
    folder.file("ledger.csv", plain_csv(
        ledger,
        adjustment("01/02/2026", "X00V1", "SKU-V1", "2001", -2, "M"),
        adjustment("01/02/2026", "X00V2", "SKU-V2", "2002", -3, "M"),
        adjustment("01/25/2026", "X00V2", "SKU-V2", "2012", 1, "F"),
        adjustment("01/02/2026", "X00V3", "SKU-V3", "2003", -1, "M"),
        adjustment("01/12/2026", "X00V3", "SKU-V3", "2013", 1, "F"),
        adjustment("12/01/2025", "X00V4", "SKU-V4", "2004", -1, "M"),
        adjustment("12/05/2025", "X00V4", "SKU-V4", "2014", 1, "F"),
        adjustment("01/02/2026", "X00V4", "SKU-V4", "2024", -1, "M"),
        adjustment("02/20/2026", "X00V6", "SKU-V6", "2016", 1, "F"),
    ))
    folder.file("reimbursements.txt", tsv(
        REIMBURSEMENTS,
        reimbursement("2026-01-20T00:00:00+00:00", "8001", "Lost_Warehouse", "SKU-V1", "X00V1", "11.00", 2),
        reimbursement("2026-01-20T00:00:00+00:00", "8002", "Lost_Warehouse", "SKU-V2", "X00V2", "11.00", 3),
        reimbursement("2026-01-10T00:00:00+00:00", "8003", "Lost_Warehouse", "SKU-V3", "X00V3", "11.00", 1),
        reimbursement("2026-01-20T00:00:00+00:00", "8004", "Lost_Warehouse", "SKU-V4", "X00V4", "11.00", 1),
        reimbursement("2025-09-01T00:00:00+00:00", "8005", "Damaged_Warehouse", "SKU-V5", "X00V5", "11.00", 1),
        reimbursement("2026-01-20T00:00:00+00:00", "8007", "CustomerReturn", "SKU-V7", "X00V7", "11.00", 1,
                      order="111-0000077"),
        reversal("2026-02-01T00:00:00+00:00", "9001", "8001", "Lost_Warehouse", "SKU-V1", "X00V1", "11.00", 2),
        reversal("2026-02-01T00:00:00+00:00", "9002", "8002", "Lost_Warehouse", "SKU-V2", "X00V2", "11.00", 3),
        reversal("2026-01-15T00:00:00+00:00", "9003", "8003", "Lost_Warehouse", "SKU-V3", "X00V3", "11.00", 1),
        reversal("2026-02-01T00:00:00+00:00", "9004", "8004", "Lost_Warehouse", "SKU-V4", "X00V4", "11.00", 1),
        reversal("2025-10-01T00:00:00+00:00", "9005", "8005", "Damaged_Warehouse", "SKU-V5", "X00V5", "11.00", 1),
        reversal("2026-02-05T00:00:00+00:00", "9006", "8006", "Lost_Warehouse", "SKU-V6", "X00V6", "11.00", 1),
        reversal("2026-02-01T00:00:00+00:00", "9007", "8007", "CustomerReturn", "SKU-V7", "X00V7", "11.00", 1),
    ))


def test_reversals_of_units_never_found(folder):
    write_reversals(folder)
    same(of_type(folder.audit("2026-03-10"), "reimbursement_reversed_unfound"),
         Expected("reimbursement_reversed_unfound", "claimable", "9001", "X00V1", "SKU-V1", 2, "11.00", "22.00",
                  "2026-03-03", "2026-05-02"),
         Expected("reimbursement_reversed_unfound", "claimable", "9002", "X00V2", "SKU-V2", 2, "11.00", "22.00",
                  "2026-03-03", "2026-05-02"),
         Expected("reimbursement_reversed_unfound", "claimable", "9004", "X00V4", "SKU-V4", 1, "11.00", "11.00",
                  "2026-03-03", "2026-05-02"),
         Expected("reimbursement_reversed_unfound", "expired", "9005", "X00V5", "SKU-V5", 1, "11.00", "11.00",
                  "2025-10-31", "2025-12-30"))


@pytest.mark.parametrize(("as_of", "status"), [("2026-03-02", "pending"), ("2026-03-03", "claimable"),
                                               ("2026-05-02", "claimable"), ("2026-05-03", "expired")])
def test_a_reversal_is_claimable_from_its_thirtieth_to_its_ninetieth_day(folder, as_of, status):
    write_reversals(folder)
    [v1] = [f for f in of_type(folder.audit(as_of), "reimbursement_reversed_unfound") if f.reference_id == "9001"]
    assert v1.status == status


# --- removal_shipment_short ---------------------------------------------------------------

REMOVAL_SHIPMENTS = ["request-date", "order-id", "shipment-date", "sku", "fnsku", "disposition", "shipped-quantity",
                     "carrier", "tracking-number", "removal-order-type"]


def write_removals(folder) -> None:
    """Amazon's removal shipment detail (SP-API TSV, ISO dates with offsets) and the seller's own
    removal_receipts.csv as a warehouse keeps it (Excel CSV with a BOM, its own column order, a note):
    R1: X00S1 shipped 5 on 02-01, 3 received -> 2 x 6.50, window 02-16..04-17.
    R2: X00S2 shipped 4, received 1, 1 reimbursed for the removal order -> 2 x 6.50.
    R3: shipped 2, received 2 -> nothing.  R4: shipped 3, no receipts row for the order -> not judged.
    R5: X00S1 shipped 2 on 2025-11-20, received 0 of it (its row lists 0) -> expired (closed 2026-02-03).
    R6: a Disposal order's row -> not this rule."""
    folder.file("products.csv", plain_csv(PRODUCTS, ["SKU-S1", "8", "6", "2", "in", "0.8", "lb", "6.50", "USD"],
                                          ["SKU-S2", "8", "6", "2", "in", "0.8", "lb", "6.50", "USD"]))
    folder.file("removal_shipments.txt", tsv(
        REMOVAL_SHIPMENTS,
        ["2026-01-25T08:00:00-08:00", "R1", "2026-02-01T10:00:00-08:00", "SKU-S1", "X00S1", "SELLABLE", "5", "UPS",
         "1Z0000000000000001", "Return"],
        ["2026-01-25T08:00:00-08:00", "R2", "2026-02-01T10:00:00-08:00", "SKU-S2", "X00S2", "SELLABLE", "4", "UPS",
         "1Z0000000000000002", "Return"],
        ["2026-01-25T08:00:00-08:00", "R3", "2026-02-01T10:00:00-08:00", "SKU-S2", "X00S2", "SELLABLE", "2", "UPS",
         "1Z0000000000000003", "Return"],
        ["2026-01-25T08:00:00-08:00", "R4", "2026-02-01T10:00:00-08:00", "SKU-S2", "X00S2", "SELLABLE", "3", "UPS",
         "1Z0000000000000004", "Return"],
        ["2025-11-15T08:00:00-08:00", "R5", "2025-11-20T10:00:00-08:00", "SKU-S1", "X00S1", "DEFECTIVE", "2", "USPS",
         "9400000000000000000005", "Return"],
        ["2026-01-25T08:00:00-08:00", "R6", "2026-02-01T10:00:00-08:00", "SKU-S2", "X00S2", "DEFECTIVE", "2", "UPS",
         "1Z0000000000000006", "Disposal"],
    ))
    folder.file("removal_receipts.csv", "\ufeff" + plain_csv(
        ["received-date", "order-id", "fnsku", "received-quantity", "note"],
        ["2026-02-08", "R1", "X00S1", "3", "carton 1 of 2 only"],
        ["2026-02-08", "R2", "X00S2", "1", ""],
        ["2026-02-08", "R3", "X00S2", "2", ""],
        ["2025-11-28", "R5", "X00S1", "0", "box empty"],
    ).replace("\n", "\r\n"))
    folder.file("reimbursements.txt", tsv(
        REIMBURSEMENTS,
        reimbursement("2026-02-20T00:00:00+00:00", "8101", "RemovalOrderLost", "SKU-S2", "X00S2", "6.50", 1,
                      order="R2")))


def test_removal_shipments_that_arrived_short(folder):
    write_removals(folder)
    same(of_type(folder.audit("2026-03-01"), "removal_shipment_short"),
         Expected("removal_shipment_short", "claimable", "R1", "X00S1", "SKU-S1", 2, "6.50", "13.00", "2026-02-16",
                  "2026-04-17"),
         Expected("removal_shipment_short", "claimable", "R2", "X00S2", "SKU-S2", 2, "6.50", "13.00", "2026-02-16",
                  "2026-04-17"),
         Expected("removal_shipment_short", "expired", "R5", "X00S1", "SKU-S1", 2, "6.50", "13.00", "2025-12-05",
                  "2026-02-03"))


@pytest.mark.parametrize(("as_of", "status"), [("2026-02-15", "pending"), ("2026-02-16", "claimable"),
                                               ("2026-04-17", "claimable"), ("2026-04-18", "expired")])
def test_a_removal_claim_opens_on_day_fifteen_and_closes_on_day_seventy_five(folder, as_of, status):
    write_removals(folder)
    [r1] = [f for f in of_type(folder.audit(as_of), "removal_shipment_short") if f.reference_id == "R1"]
    assert r1.status == status


def test_a_bad_receipts_cell_names_the_file_row_and_column(folder, tmp_path):
    folder.file("removal_receipts.csv", plain_csv(["order-id", "fnsku", "received-quantity", "received-date"],
                                                  ["R1", "X00S1", "3", "2026-02-08"],
                                                  ["R2", "X00S2", "three", "2026-02-08"]))
    out = CliRunner().invoke(app, ["audit", "--as-of", "2026-03-01", "--reports", str(folder.pending)])
    assert out.exit_code != 0
    assert "removal_receipts.csv, row 3, column 'received-quantity': 'three'" in out.output


def test_an_order_refunded_in_a_later_download_is_judged_against_its_earlier_charge(folder):
    """Day 1's settlement holds only the orders; the audit keeps what it read. Day 2's settlement brings the
    refunds: 115-01 refunded 35.00 of 30.00 charged (5.00 above, and nothing of the referral fee returned:
    4.50 - 0.90 = 3.60 short), 115-02 refunded as charged. Found on day 2 from the kept day-1 rows, once."""
    folder.file("settlement-1.txt", tsv(
        SETTLEMENT, settlement_summary("701", "2026-01-01 00:00:00 UTC", "2026-01-15 00:00:00 UTC", "USD"),
        *order("701", "115-01", "30.00", "-4.50", "2026-01-03", "SKU-D", "1"),
        *order("701", "115-02", "30.00", "-4.50", "2026-01-03", "SKU-D", "1")))
    assert of_type(folder.audit("2026-01-20"), "refund_above_paid") == []
    folder.file("settlement-2.txt", tsv(
        SETTLEMENT, settlement_summary("702", "2026-01-15 00:00:00 UTC", "2026-01-29 00:00:00 UTC", "USD"),
        *refunded("702", "115-01", "-35.00", "0.00", "0.00", "2026-01-20", "SKU-D", "1"),
        *refunded("702", "115-02", "-30.00", "4.50", "-0.90", "2026-01-20", "SKU-D", "1")))
    found = folder.audit("2026-01-30")
    same(of_type(found, "refund_above_paid"),
         Expected("refund_above_paid", "claimable", "115-01", None, "SKU-D", 1, "5.00", "5.00", "2026-01-20",
                  "2026-04-20"))
    assert of_type(found, "refund_commission_short") == []  # refunded above its price: left to the rule above
    assert of_type(folder.audit("2026-01-31"), "refund_above_paid") == of_type(found, "refund_above_paid")
