"""Files arrive as TSV or CSV, gzip or plain, UTF-8 (BOM or not) or cp1252."""

from __future__ import annotations

import datetime as dt
import gzip
from decimal import Decimal

import pytest
from report_layouts import LAYOUTS, files, refused, store  # noqa: F401 (fixtures)

from claimpilot.tools.reports.errors import ReportError


def _ledger_rows(store):
    with store.connect(read_only=True) as con:
        return con.execute("SELECT date, title, quantity, reason FROM ledger ORDER BY _row").fetchall()


@pytest.mark.parametrize("delimiter", ["\t", ","])
@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("bom", [False, True])
def test_tsv_csv_gzip_plain_bom(delimiter, gz, bom, store, files):
    header, row = LAYOUTS["ledger"]
    store.import_path(files("report.bin", header, [row], delimiter=delimiter, bom=bom, gz=gz))
    assert _ledger_rows(store) == [(dt.date(2025, 3, 14), "Water Bottle 750 ml", -2, "M")]


@pytest.mark.parametrize("gz", [False, True])
def test_cp1252_title_is_transcoded(gz, store, files):
    header, row = LAYOUTS["ledger"]
    title = "Café – 2 pcs"
    rows = [row, [title if h == "Title" else v for h, v in zip(header, row, strict=False)]]
    rows[1][header.index("Reference ID")] = "8841230918"
    path = files("ledger_cp1252.csv", header, rows, delimiter=",", encoding="cp1252", gz=gz)
    assert "Café".encode("cp1252") in (gzip.decompress(path.read_bytes()) if gz else path.read_bytes())
    store.import_path(path)
    assert [r[1] for r in _ledger_rows(store)] == ["Water Bottle 750 ml", title]


def test_utf8_title_is_kept(store, files):
    header, row = LAYOUTS["ledger"]
    row = [("保温杯 – Café" if h == "Title" else v) for h, v in zip(header, row, strict=False)]
    store.import_path(files("ledger.tsv", header, [row]))
    assert _ledger_rows(store)[0][1] == "保温杯 – Café"


def test_bytes_that_are_neither_utf8_nor_cp1252_are_refused(store, tmp_path):
    header, row = LAYOUTS["ledger"]
    text = "\t".join(header) + "\n" + "\t".join(row) + "\n"
    path = tmp_path / "odd.tsv"
    path.write_bytes(text.encode() + b"\x81\x8d\x90\n")
    refused(store.import_path(path), match="odd.tsv.*neither UTF-8 nor cp1252")


def test_truncated_gzip_is_refused(store, files):
    header, row = LAYOUTS["ledger"]
    path = files("ledger.tsv.gz", header, [row] * 50, gz=True)
    path.write_bytes(path.read_bytes()[:-20])
    refused(store.import_path(path), match="ledger.tsv.gz.*decompress")
    assert store.counts()["ledger"] == 0


def test_quoted_csv_fields_with_commas(store, files):
    header, row = LAYOUTS["ledger"]
    row = ['"Bottle, 750 ml ""steel"""' if h == "Title" else v for h, v in zip(header, row, strict=False)]
    store.import_path(files("l.csv", header, [row], delimiter=","))
    assert _ledger_rows(store)[0][1] == 'Bottle, 750 ml "steel"'


def test_settlement_summary_row_loads_with_empty_cells(store, files):
    header, row = LAYOUTS["settlement"]
    summary = dict.fromkeys(header, "")
    summary.update({"settlement-id": "11873499021", "settlement-start-date": "2025-01-10 00:00:00 UTC",
                    "settlement-end-date": "2025-01-24 00:00:00 UTC", "deposit-date": "2025-01-26 00:00:00 UTC",
                    "total-amount": "1520.33", "currency": "USD"})
    store.import_path(files("s.txt", header, [[summary[h] for h in header], row]))
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT transaction_type, amount, currency FROM settlement ORDER BY _row").fetchall()
    assert got == [(None, None, "USD"), ("Refund", Decimal("-24.99"), None)]


@pytest.mark.parametrize("gz", [False, True])
def test_encoding_is_decided_on_the_whole_file_across_read_chunks(gz, store, files, monkeypatch):
    from claimpilot.tools.reports import bounded

    monkeypatch.setattr(bounded, "IN_CHUNK", 7)  # multi-byte characters straddle chunk ends
    monkeypatch.setattr(bounded, "OUT_PIECE", 5)  # and the pieces one gzip chunk inflates to
    header, row = LAYOUTS["ledger"]
    rows = [[str(9000 + i) if h == "Reference ID" else v for h, v in zip(header, row, strict=False)] for i in range(40)]
    rows[-1][header.index("Title")] = "保温杯 – Café"
    store.import_path(files("utf8.tsv", header, rows, gz=gz))
    rows[-1][header.index("Title")] = "Café – 2 pcs"
    store.import_path(files("cp1252.tsv", header, [[*r[:6], "x" + r[6], *r[7:]] for r in rows],
                            encoding="cp1252", gz=gz))
    with store.connect(read_only=True) as con:
        titles = [t for (t,) in con.execute("SELECT title FROM ledger WHERE title <> 'Water Bottle 750 ml' "
                                            "ORDER BY reference_id").fetchall()]
    assert titles == ["保温杯 – Café", "Café – 2 pcs"]


def test_a_missing_path_is_named(store, tmp_path):
    with pytest.raises(ReportError, match="nowhere.tsv: no such file or folder"):
        store.import_path(tmp_path / "nowhere.tsv")
