"""Cell values: US and EU numbers, thousands marks, currency signs, every date spelling; bad cells are errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from report_layouts import LAYOUTS, files, refused, store  # noqa: F401 (fixtures)


def _ledger_rows(store):
    with store.connect(read_only=True) as con:
        return con.execute("SELECT date, title, quantity, reason FROM ledger ORDER BY _row").fetchall()


@pytest.mark.parametrize(
    "written, expected",
    [
        ("03/14/2025", dt.date(2025, 3, 14)),
        ("3/4/2025", dt.date(2025, 3, 4)),
        ("2025-03-14", dt.date(2025, 3, 14)),
        ("2025-03-14T23:59:59-08:00", dt.date(2025, 3, 14)),
        ("2025-03-14T00:30:00+09:00", dt.date(2025, 3, 14)),
        ("2025-03-14T23:59:59Z", dt.date(2025, 3, 14)),
        ("2025-03-14 07:14:55 UTC", dt.date(2025, 3, 14)),
        ("14.03.2025", dt.date(2025, 3, 14)),
    ],
)
def test_date_formats_keep_the_calendar_date_as_written(written, expected, store, files):
    header, row = LAYOUTS["ledger"]
    store.import_path(files("l.tsv", header, [[written, *row[1:]]]))
    assert _ledger_rows(store)[0][0] == expected


@pytest.mark.parametrize(
    "amount, expected",
    [("7.85", "7.85"), ("-7.85", "-7.85"), ("1,234.56", "1234.56"), ("$12.50", "12.50"), ("12", "12"),
     ("-$3.10", "-3.10"), (".5", "0.5")],
)
def test_us_decimals(amount, expected, store, files):
    header, row = LAYOUTS["reimbursements"]
    row = [amount if h == "amount-per-unit" else v for h, v in zip(header, row, strict=False)]
    store.import_path(files("r.txt", header, [row]))
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT amount_per_unit FROM reimbursements").fetchone()[0] == Decimal(expected)


def test_thousands_separator_in_whole_numbers(store, files):
    header, row = LAYOUTS["inbound_items"]
    row = [("1,234" if h == "QuantityShipped" else v) for h, v in zip(header, row, strict=False)]
    store.import_path(files("inbound.csv", header, [row], delimiter="\t"))
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT quantity_shipped FROM inbound_items").fetchone()[0] == 1234


def test_eu_settlement_with_decimal_comma_and_dotted_dates(store, files):
    header, row = LAYOUTS["settlement"]
    amounts = ["1.234,56", "-12,5", "-0,99", "3"]
    rows = []
    for i, amount in enumerate(amounts):
        r = dict(zip(header, row, strict=False))
        r.update({"amount": amount, "posted-date": f"0{i + 1}.02.2025", "order-item-code": str(i),
                  "posted-date-time": f"0{i + 1}.02.2025 07:14:55 UTC"})
        rows.append([r[h] for h in header])
    store.import_path(files("V2_settlement_DE.csv", header, rows, delimiter=";"))
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT amount, posted_date FROM settlement ORDER BY _row").fetchall()
    assert got == [(Decimal("1234.56"), dt.date(2025, 2, 1)), (Decimal("-12.5"), dt.date(2025, 2, 2)),
                   (Decimal("-0.99"), dt.date(2025, 2, 3)), (Decimal("3"), dt.date(2025, 2, 4))]


def test_eu_decimal_comma_in_a_tab_file(store, files):
    header, row = LAYOUTS["reimbursements"]
    row = [{"amount-per-unit": "7,85", "amount-total": "15,70"}.get(h, v) for h, v in zip(header, row, strict=False)]
    store.import_path(files("erstattungen.txt", header, [row]))
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT amount_per_unit, amount_total FROM reimbursements").fetchone()
    assert got == (Decimal("7.85"), Decimal("15.70"))


def test_three_decimal_weights_in_a_us_file_are_not_taken_for_thousands(store, files):
    header, row = LAYOUTS["fee_estimates"]
    rows = []
    for i, weight in enumerate(["1.102", "0.375", "12.5"]):
        r = dict(zip(header, row, strict=False))
        r.update({"sku": f"S{i}", "item-package-weight": weight, "longest-side": "10.125",
                  "median-side": "3.375", "shortest-side": "3.125"})
        rows.append([r[h] for h in header])
    store.import_path(files("fees.txt", header, rows))
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT item_package_weight, longest_side, expected_fulfillment_fee_per_unit "
                          "FROM fee_estimates ORDER BY sku").fetchall()
    assert got == [(Decimal(w), Decimal("10.125"), Decimal("6.74")) for w in ("1.102", "0.375", "12.5")]


@pytest.mark.parametrize("written, expected", [("007", 7), ("+5", 5), ("-2", -2), ("1,234", 1234), (" 3 ", 3)])
def test_whole_number_spellings(written, expected, store, files):
    header, row = LAYOUTS["ledger"]
    store.import_path(files("l.tsv", header, [[written if h == "Quantity" else v for h, v in zip(header, row, strict=False)]]))
    assert _ledger_rows(store)[0][2] == expected


@pytest.mark.parametrize("column, written", [("Quantity", "0x10"), ("Quantity", "2.5"), ("Quantity", "1e3"),
                                             ("Quantity", "12,34"), ("Date", "2025-13-01"), ("Date", "14/03/2025"),
                                             ("Date", "2025-03-14x"), ("Date", "March 14")])
def test_unreadable_cells_are_errors_not_guesses(column, written, store, files):
    header, row = LAYOUTS["ledger"]
    path = files("l.tsv", header, [row, [written if h == column else v for h, v in zip(header, row, strict=False)]])
    err = refused(store.import_path(path))
    assert (err.row, err.column) == (3, column) and repr(written) in str(err)
    assert store.counts()["ledger"] == 0

