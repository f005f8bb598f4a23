"""Report files in Amazon's real column layouts, written the ways sellers get them."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_layouts import encode, render

from claimpilot.tools.reports.store import ReportStore

@pytest.fixture
def store(tmp_path: Path) -> ReportStore:
    return ReportStore(tmp_path / "warehouse.duckdb", tmp_path / "evidence")


@pytest.fixture
def files(tmp_path: Path):
    """Write a report file: files(name, header, rows, delimiter=, encoding=, bom=, gz=) -> path."""
    folder = tmp_path / "downloads"
    folder.mkdir()

    def write(name: str, header: list[str], rows: list[list[str]], *, delimiter: str = "\t",
              encoding: str = "utf-8", bom: bool = False, gz: bool = False) -> Path:
        path = folder / name
        path.write_bytes(encode(render(header, rows, delimiter), encoding, bom, gz))
        return path

    return write
