"""Fuzzing every report parser: whatever bytes arrive under a report's header, the import either stores the
file or raises a ReportError naming it, and a refused file leaves the store as it was."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimpilot.tools.reports.errors import ReportError
from claimpilot.tools.reports.kinds import KINDS
from claimpilot.tools.reports.store import ReportStore

FUZZ = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])

# cells the way real and broken files hold them: numbers, dates, money in several spellings, quotes, separators
cell = st.one_of(
    st.sampled_from(["", "0", "-2", "1.234,56", "1,234.56", "$12.50", "€3,40", "2026-09-01", "09/01/2026",
                     "01.09.2026", "2026-09-01T10:00:00+00:00", "--", "N/A", '"', '""', "a\tb", "x,y", "é", "保温杯",
                     "=HYPERLINK(\"http://x\")", "9" * 40, "\r", "\n"]),
    st.text(max_size=30),
)


def _render(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    return "".join(delimiter.join(r) + "\r\n" for r in [header, *rows])


@st.composite
def report_file(draw, kind_name: str) -> tuple[bytes, str]:
    kind = KINDS[kind_name]
    header = [c.name if draw(st.booleans()) else next(iter(c.folded_names()), c.name) for c in kind.columns]
    header = draw(st.permutations(header))
    width = len(header) + draw(st.integers(-1, 1))
    rows = draw(st.lists(st.lists(cell, min_size=max(0, width), max_size=max(0, width)), max_size=6))
    text = _render(header, rows, draw(st.sampled_from(["\t", ",", ";"])))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]  # cut anywhere
    if draw(st.booleans()):
        data = gzip.compress(data)
        if draw(st.booleans()):
            data = data[: draw(st.integers(0, len(data)))]
    return data, f"{kind_name}-fuzz.{'txt' if draw(st.booleans()) else 'csv'}"


def _import(store: ReportStore, data: bytes, name: str) -> None:
    before = store.counts()
    try:
        store.import_bytes(data, name)
    except ReportError as exc:
        assert str(exc).startswith(name), exc  # the file is named
        assert store.counts() == before  # nothing half-stored


@pytest.mark.parametrize("kind_name", sorted(KINDS))
def test_any_file_under_a_report_header_is_stored_or_refused_by_name(kind_name, tmp_path):
    store = ReportStore(tmp_path / "warehouse.duckdb", tmp_path / "evidence")

    @FUZZ
    @given(report_file(kind_name))
    def run(case):
        _import(store, *case)

    run()


@FUZZ
@given(st.binary(max_size=400), st.booleans())
def test_any_bytes_are_stored_or_refused_by_name(tmp_path, data, gz):
    store = ReportStore(tmp_path / "warehouse.duckdb", tmp_path / "evidence")
    _import(store, gzip.compress(data) if gz else data, "download.bin")
