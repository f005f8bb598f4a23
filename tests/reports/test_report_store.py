"""The store keeps every row once, replaces snapshots, keeps evidence, and is all-or-nothing per file."""

from __future__ import annotations

import gzip
import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from report_layouts import LAYOUTS, encode, files, refused, render, store  # noqa: F401 (fixtures)


def ledger_rows(n: int, start: int = 0) -> list[list[str]]:
    header, row = LAYOUTS["ledger"]
    out = []
    for i in range(start, start + n):
        r = dict(zip(header, row, strict=False))
        r.update({"Reference ID": str(9000000 + i), "Date": f"03/{1 + i % 28:02d}/2025"})
        out.append([r[h] for h in header])
    return out


def snapshot(store) -> tuple[dict, list]:
    return store.counts(), store.vault.list()


def test_bad_cell_names_file_row_column_and_stores_nothing(store, files):
    header, _ = LAYOUTS["ledger"]
    store.import_path(files("first.tsv", header, ledger_rows(5)))
    rh, rr = LAYOUTS["reimbursements"]
    store.import_path(files("reimb.txt", rh, [rr]))
    before = snapshot(store)

    rows = ledger_rows(2000, start=100)
    rows[1832][header.index("Quantity")] = "abc"
    bad = files("ledger_2024.tsv.gz", header, rows, gz=True)
    err = refused(store.import_path(bad))
    assert str(err) == "ledger_2024.tsv.gz, row 1834, column 'Quantity': 'abc' is not a whole number"
    assert (err.file, err.row, err.column) == ("ledger_2024.tsv.gz", 1834, "Quantity")
    assert snapshot(store) == before


def test_first_bad_cell_is_reported(store, files):
    header, _ = LAYOUTS["ledger"]
    rows = ledger_rows(10)
    rows[6][header.index("Date")] = "31/31/2025"
    rows[3][header.index("Reconciled Quantity")] = "1.5"
    err = refused(store.import_path(files("l.tsv", header, rows)))
    assert (err.row, err.column) == (5, "Reconciled Quantity")
    assert "'1.5' is not a whole number" in str(err)


@pytest.mark.parametrize("value", ["12,5", "1e3", "12.50.1", "twelve"])
def test_malformed_us_amounts_are_refused_not_misread(value, store, files):
    header, row = LAYOUTS["reimbursements"]
    rows = [row, [value if h == "amount-total" else v for h, v in zip(header, row, strict=False)]]
    err = refused(store.import_path(files("r.txt", header, rows)))
    assert (err.row, err.column) == (3, "amount-total")


def test_a_folder_imports_file_by_file_and_a_bad_file_is_refused_whole(store, files, tmp_path):
    header, _ = LAYOUTS["ledger"]
    files("a_good.tsv", header, ledger_rows(20))
    ph, pr = LAYOUTS["products"]
    files("b_products.csv", ph, [pr], delimiter=",")
    rows = ledger_rows(3, start=50)
    rows[2][header.index("Date")] = "soon"
    files("c_bad.tsv", header, rows)
    result = store.import_path(tmp_path / "downloads")
    assert [f.name for f in result.files] == ["a_good.tsv", "b_products.csv"] and not result.skipped
    [bad] = result.refused
    assert str(bad.error).startswith("c_bad.tsv, row 4, column 'Date': 'soon' is not a date")
    assert (bad.error.file, bad.error.row, bad.error.column, bad.error.value) == ("c_bad.tsv", 4, "Date", "soon")
    counts = store.counts()
    assert (counts["ledger"], counts["products"], counts["raw_files"]) == (20, 1, 2)
    assert len(store.vault.list()) == 2


def test_a_ragged_row_is_refused_with_its_row(store, files):
    header, _ = LAYOUTS["ledger"]
    rows = ledger_rows(4)
    rows[2] = rows[2] + ["extra"]
    refused(store.import_path(files("l.tsv", header, rows)), match="l.tsv, row [34]")
    assert store.counts()["ledger"] == 0


def test_reimporting_a_file_adds_nothing(store, files):
    header, _ = LAYOUTS["ledger"]
    path = files("l.tsv", header, ledger_rows(30))
    assert store.import_path(path).rows_added == 30
    again = store.import_path(path)
    assert (again.rows_added, again.duplicates_skipped) == (0, 30)
    regz = files("same_rows.tsv.gz", header, ledger_rows(30), delimiter=",", gz=True)
    assert store.import_path(regz).rows_added == 0
    assert store.counts()["ledger"] == 30


def test_overlapping_ledger_downloads_add_only_new_rows(store, files):
    header, _ = LAYOUTS["ledger"]
    store.import_path(files("yesterday.tsv", header, ledger_rows(100)))
    result = store.import_path(files("today.tsv", header, ledger_rows(100, start=60)))
    assert (result.rows_added, result.duplicates_skipped) == (60, 40)
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT reference_id) FROM ledger").fetchone()[0] == 160


def test_identical_rows_inside_one_file_are_kept(store, files):
    header, _ = LAYOUTS["ledger"]
    same = ledger_rows(1)[0]
    first = store.import_path(files("a.tsv", header, [same, same]))
    assert first.rows_added == 2
    second = store.import_path(files("b.tsv", header, [same, same, same] + ledger_rows(1, start=5)))
    assert (second.rows_added, second.duplicates_skipped) == (2, 2)
    with store.connect(read_only=True) as con:
        rows = con.execute("SELECT _row, _occ FROM ledger WHERE reference_id = ? ORDER BY _occ", [same[6]]).fetchall()
    assert [occ for _row, occ in rows] == [1, 2, 3]


def test_both_files_of_one_call_are_deduplicated_against_each_other(store, files, tmp_path):
    header, _ = LAYOUTS["ledger"]
    files("one.tsv", header, ledger_rows(10))
    files("two.tsv", header, ledger_rows(10, start=5))
    result = store.import_path(tmp_path / "downloads")
    assert result.rows_added == 15 and result.duplicates_skipped == 5


def test_snapshot_rows_are_replaced_by_key(store, files):
    header, row = LAYOUTS["fee_estimates"]
    other = ["SCARF-01" if h == "sku" else v for h, v in zip(header, row, strict=False)]
    store.import_path(files("fees_jan.txt", header, [row, other]))
    newer = [("Small Standard-Size" if h == "product-size-weight-band" else "3.22" if h ==
              "expected-fulfillment-fee-per-unit" else v) for h, v in zip(header, row, strict=False)]
    result = store.import_path(files("fees_feb.txt", header, [newer]))
    assert (result.files[0].rows_added, result.files[0].rows_replaced) == (1, 1)
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT sku, product_size_tier, expected_fulfillment_fee_per_unit FROM fee_estimates "
                          "ORDER BY sku").fetchall()
    assert got == [("BOTTLE-750", "Small Standard-Size", Decimal("3.22")),
                   ("SCARF-01", "Large Standard-Size", Decimal("6.74"))]


def test_snapshot_key_with_an_empty_part_is_still_replaced(store, files):
    header, row = LAYOUTS["removal_orders"]
    row = ["" if h == "disposition" else v for h, v in zip(header, row, strict=False)]
    store.import_path(files("removals_1.txt", header, [row]))
    newer = ["Completed" if h == "order-status" else "5" if h == "shipped-quantity" else v for h, v in zip(header, row, strict=False)]
    store.import_path(files("removals_2.txt", header, [newer]))
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT disposition, shipped_quantity FROM removal_orders").fetchall() == [(None, 5)]


def test_row_numbers_count_the_header_as_row_one(store, files):
    header, _ = LAYOUTS["ledger"]
    path = files("l.tsv", header, ledger_rows(5))
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    store.import_path(path)
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT _file, _row, reference_id FROM ledger ORDER BY _row").fetchall()
    assert got == [(sha, i + 2, str(9000000 + i)) for i in range(5)]


def test_row_numbers_hold_in_a_file_read_in_parallel_parts(store, files):
    """300,000 rows span several of DuckDB's row groups, read by parallel threads: each stored row and the
    first bad cell still carry their own line of the file, and a second import adds after the first."""
    header, _ = LAYOUTS["ledger"]
    store.import_path(files("first.tsv", header, ledger_rows(7)))
    rows = ledger_rows(300_000, start=100)
    path = files("big.tsv", header, rows)
    store.import_path(path)
    with store.connect(read_only=True) as con:
        wrong = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE CAST(reference_id AS BIGINT) - 9000100 + 2 <> _row) "
            "FROM ledger WHERE _file = ?", [hashlib.sha256(path.read_bytes()).hexdigest()]).fetchone()
    assert wrong == (300_000, 0)
    rows[271_313][header.index("Quantity")] = "x"
    err = refused(store.import_path(files("bad.tsv", header, rows)))
    assert (err.row, err.column) == (271_315, "Quantity")


def test_raw_file_is_kept_as_evidence_under_its_sha256(store, files):
    header, _ = LAYOUTS["ledger"]
    path = files("Inventory Ledger (3).tsv.gz", header, ledger_rows(3), gz=True)
    raw = path.read_bytes()
    result = store.import_path(path)
    key = f"{hashlib.sha256(raw).hexdigest()}.tsv.gz"
    evidence = Path(result.files[0].evidence)
    assert evidence.name == key and store.vault.get(key) == raw
    assert evidence.read_bytes() == raw and gzip.decompress(evidence.read_bytes()).startswith(b"Date\tFNSKU")
    store.import_path(files("copy.bin", header, ledger_rows(3), gz=False))
    store.import_bytes(raw, "again.tsv.gz", source="upload")
    assert len(store.vault.list()) == 2
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT name, kind, source, rows FROM raw_files ORDER BY imported_at").fetchall()
    assert got[0] == ("Inventory Ledger (3).tsv.gz", "ledger", "file", 3)


def test_import_bytes(store):
    header, row = LAYOUTS["orders"]
    result = store.import_bytes(encode(render(header, [row], ","), bom=True), "orders.csv", source="sp-api")
    assert [(f.kind, f.rows_added) for f in result.files] == [("orders", 1)]
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT purchase_date, item_price FROM orders").fetchone()[1] == Decimal("24.99")
        assert con.execute("SELECT source FROM raw_files").fetchone() == ("sp-api",)


def test_typed_columns(store):
    with store.connect(read_only=True) as con:
        types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_name = 'reimbursements'").fetchall())
    assert types["approval_date"] == "DATE" and types["amount_per_unit"] == "DECIMAL(18,4)"
    assert types["quantity_reimbursed_total"] == "BIGINT" and types["_row"] == "BIGINT"
    assert types["_file"] == "VARCHAR"
