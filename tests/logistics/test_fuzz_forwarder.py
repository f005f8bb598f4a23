"""Fuzzing the forwarder-file parser: any cells under a forwarder header give legs or a ForwarderFileError;
a workbook that would inflate past the report bounds is refused by name."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimpilot.tools.logistics.forwarder import ForwarderFileError, read_forwarder_file

HEADER = ["Bill of Lading", "Container No", "Mode", "Carrier", "POL", "POD", "ETD", "ETA", "Milestone",
          "Milestone Date", "Location", "FBA Shipment ID"]
cell = st.one_of(st.sampled_from(["", "COSU6331234560", "MSKU1234567", "sea", "air", "truck", "2026-09-01",
                                  "2026/09/01 10:00", "01.09.2026", "Discharged", "Customs hold", "FBA15XYZ"]),
                 st.text(max_size=20))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=st.permutations(HEADER), rows=st.lists(st.lists(cell, min_size=0, max_size=13), max_size=6),
       raw=st.booleans(), junk=st.binary(max_size=200))
def test_any_forwarder_file_gives_legs_or_a_named_error(tmp_path, header, rows, raw, junk):
    path = tmp_path / "forwarder.csv"
    if raw:
        path.write_bytes(junk)
    else:
        out = io.StringIO()
        csv.writer(out).writerows([header, *rows])
        path.write_text(out.getvalue(), encoding="utf-8")
    try:
        legs = read_forwarder_file(path)
    except ForwarderFileError as exc:
        assert "forwarder.csv" in str(exc)
        return
    assert all(leg.ref for leg in legs)


def test_a_workbook_bomb_is_refused_by_name(tmp_path):
    import zipfile

    path = tmp_path / "forwarder-bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
        for _ in range(256):
            sheet.write(b" " * (1 << 20))  # 256 MB of nothing in a few hundred KB
    assert path.stat().st_size < 2 << 20
    with pytest.raises(ForwarderFileError, match=r"^forwarder-bomb.xlsx: decompresses .*reports\.max_ratio"):
        read_forwarder_file(path)
