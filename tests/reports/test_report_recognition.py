"""Every report kind is recognised from its header row alone, whatever the file is called."""

from __future__ import annotations

import pytest
from report_layouts import LAYOUTS, files, refused, store  # noqa: F401 (fixtures)

from claimpilot.tools.reports.errors import UnknownReportError
from claimpilot.tools.reports.kinds import KINDS


@pytest.mark.parametrize("kind", sorted(LAYOUTS))
def test_each_kind_is_recognised_by_its_header(kind, store, files):
    header, row = LAYOUTS[kind]
    path = files(f"download ({kind[::-1]}) 2025.txt", header, [row])
    result = store.import_path(path)
    assert [(f.kind, f.rows_read, f.rows_added) for f in result.files] == [(kind, 1, 1)]
    assert store.counts()[KINDS[kind].table] == 1


def test_every_kind_has_a_layout():
    assert set(LAYOUTS) == set(KINDS)


@pytest.mark.parametrize(
    "spelling", [["Event Type", "Reference ID"], ["event-type", "reference-id"], ["EventType", "ReferenceId"],
                 ["EVENT_TYPE", "reference_id"]]
)
def test_header_spelling_variants_match(spelling, store, files):
    header, row = LAYOUTS["ledger"]
    header = [spelling[0] if h == "Event Type" else spelling[1] if h == "Reference ID" else h for h in header]
    store.import_path(files("l.tsv", header, [row]))
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT event_type, reference_id FROM ledger").fetchall() == [("Adjustments", "8841230917")]


def test_older_and_newer_column_names_are_aliases(store, files):
    header, row = LAYOUTS["fee_estimates"]
    older = ["product-size-tier" if h == "product-size-weight-band" else
             "expected-domestic-fulfilment-fee-per-unit" if h == "expected-fulfillment-fee-per-unit" else h
             for h in header]
    store.import_path(files("fees.txt", older, [row]))
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT product_size_tier, expected_fulfillment_fee_per_unit FROM fee_estimates").fetchone()
    assert got[0] == "Large Standard-Size" and str(got[1]) == "6.7400"


def test_columns_in_another_order_land_in_the_right_place(store, files):
    header, row = LAYOUTS["products"]
    order = list(reversed(range(len(header))))
    store.import_path(files("p.csv", [header[i] for i in order], [[row[i] for i in order]], delimiter=","))
    with store.connect(read_only=True) as con:
        assert con.execute("SELECT sku, weight_unit, CAST(unit_cost AS VARCHAR) FROM products").fetchone() == (
            "BOTTLE-750", "kg", "6.4000")


def test_a_file_that_is_no_report_is_skipped_and_named_with_its_header(store, files):
    path = files("notes.csv", ["customer", "phone", "city"], [["Li", "123", "Shenzhen"]], delimiter=",")
    result = store.import_path(path)
    assert result.ok and not result.files and not result.refused
    [skipped] = result.skipped
    assert skipped.name == "notes.csv" and "not an Amazon report" in skipped.what
    assert "'customer', 'phone', 'city'" in skipped.what
    assert store.counts()["raw_files"] == 0


def test_an_empty_file_is_skipped_as_empty(store, tmp_path):
    path = tmp_path / "empty.tsv"
    path.write_bytes(b"")
    result = store.import_path(path)
    assert [(s.name, s.what) for s in result.skipped] == [("empty.tsv", "an empty file")] and result.ok


def test_a_header_matching_two_kinds_is_refused(store, files):
    ledger, _ = LAYOUTS["ledger"]
    products, _ = LAYOUTS["products"]
    err = refused(store.import_path(files("both.tsv", ledger + products, [])), match="more than one report kind")
    assert isinstance(err, UnknownReportError)


def test_a_missing_required_column_is_named(store, files):
    header, row = LAYOUTS["ledger"]
    i = header.index("Quantity")
    err = refused(store.import_path(files("l.tsv", header[:i] + header[i + 1:], [row[:i] + row[i + 1:]])))
    assert err.file == "l.tsv" and err.row == 1 and err.column == "quantity"
