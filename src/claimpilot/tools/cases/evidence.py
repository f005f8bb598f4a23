"""The evidence table of a packet: the report rows its claims rest on, as CSV.

Rows are read from the seller's DuckDB store by (report kind, raw file
sha256, data row), i.e. the normalised tables' ``_file`` and ``_row``.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from claimpilot.tools.cases.models import Claim
from claimpilot.tools.cells import safe_row
from claimpilot.tools.reports.kinds import KINDS

LEAD = ["claim_id", "claim_reference", "report", "file", "row"]


def fetch_rows(store_conn: Any, refs: list[tuple[str, str, int]]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """Stored rows by (report, file, row); refs whose table or row is absent are left out."""
    out: dict[tuple[str, str, int], dict[str, Any]] = {}
    if store_conn is None:
        return out
    wanted: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for report, file, row in refs:
        if report in KINDS:
            wanted[report][file].add(int(row))
    tables = {r[0] for r in store_conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for report, by_file in wanted.items():
        kind = KINDS[report]
        if kind.table not in tables:
            continue
        cols = [c.name for c in kind.columns]
        select_cols = ", ".join(f'"{c}"' for c in cols)
        for file, file_rows in by_file.items():
            marks = ",".join("?" for _ in file_rows)
            sql = f'SELECT {select_cols}, _row FROM "{kind.table}" WHERE _file = ? AND _row IN ({marks})'
            for *values, row in store_conn.execute(sql, [file, *sorted(file_rows)]).fetchall():
                out[(report, file, int(row))] = dict(zip(cols, values, strict=True))
    return out


def evidence_csv(claims: list[Claim], store_conn: Any = None) -> str:
    """One CSV: a line per evidence row of each claim, with the stored report columns."""
    refs = [(e["report"], e["file"], int(e["row"])) for c in claims for e in (c.evidence or [])]
    rows = fetch_rows(store_conn, refs)
    columns: list[str] = []
    for report in dict.fromkeys(r for r, _, _ in refs):
        if report in KINDS:
            columns += [c.name for c in KINDS[report].columns if c.name not in columns]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(LEAD + columns + ["stored"])
    for c in claims:
        for e in c.evidence or []:
            key = (e["report"], e["file"], int(e["row"]))
            data = rows.get(key, {})
            writer.writerow(safe_row([c.id, c.reference_id, *key]
                                     + ["" if data.get(col) is None else str(data.get(col)) for col in columns]
                                     + ["yes" if data else "no"]))
    return buf.getvalue()
