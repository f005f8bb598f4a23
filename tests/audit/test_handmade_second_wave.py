"""Hand-made report folders for the second wave of claim types, shaped the way sellers download them and
audited through ``claimpilot audit --json``; every finding is worked out by hand from CLAIM_RULES.md
("The second wave") next to its case, with each window's edges, and the whole list is compared, so
nothing else (no decoy) may be found."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_handmade_cases import PRODUCTS, REIMBURSEMENTS, RETURNS, Expected, Folder, plain_csv, reimbursement, same, tsv


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
