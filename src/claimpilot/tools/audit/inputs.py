"""Bind the normalised report tables to the names the rule SQL reads.

Rules read ``in_<table>`` (``in_ledger``, ``in_settlement``, ...). Each is a
temp view over the seller's table, or over a digest of it that holds every row
a rule reads (cache.py), optionally narrowed to some FNSKUs or orders (an
incremental audit, findings_store.py), or, for a report never imported, an
empty view with the kinds.py columns, so a seller without fee data gets no fee
findings rather than an error. ``in_reimbursements`` reads each reimbursement once from
the report and Finances' adjustment events (reports/reimbursement_sources.py).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from claimpilot.tools.reports.kinds import KINDS
from claimpilot.tools.reports.reimbursement_sources import reimbursements_once

SQL_TYPE = {"text": "VARCHAR", "int": "BIGINT", "decimal": "DECIMAL(18,4)", "date": "DATE"}
Columns = dict[str, set[str] | None]  # table -> its columns, None where the table is missing


def input_columns(con: duckdb.DuckDBPyConnection) -> Columns:
    """The columns of each report table in the seller's database."""
    rows = con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_catalog = current_database()"
    ).fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return {k.table: found.get(k.table) for k in KINDS.values()}


def bind_inputs(con: duckdb.DuckDBPyConnection, columns: Columns, source: dict[str, str] | None = None,
                where: dict[str, str] | None = None, only: Iterable[str] | None = None) -> None:
    """(Re)create ``in_<table>`` for every report kind (or the tables ``only`` names); ``source`` reads
    some tables from another relation, ``where`` narrows some tables to the rows a predicate keeps."""
    source, where = source or {}, where or {}
    tables = None if only is None else set(only)
    for kind in KINDS.values():
        if tables is not None and kind.table not in tables:
            continue
        view, cols = f"in_{kind.table}", columns[kind.table]
        if cols is not None:
            select = ", ".join(
                f'"{c.name}"' if c.name in cols else f'CAST(NULL AS {SQL_TYPE[c.type]}) AS "{c.name}"'
                for c in kind.columns
            )
            relation = f'main."{source.get(kind.table, kind.table)}"'
            if kind.table == "reimbursements" and kind.table not in source:
                relation = f"({reimbursements_once()}) AS once"  # the report and the adjustment events, once
            narrow = f" WHERE {where[kind.table]}" if kind.table in where else ""
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {select}, _file, _row FROM {relation}{narrow}"
            )
        else:
            select = ", ".join(f'CAST(NULL AS {SQL_TYPE[c.type]}) AS "{c.name}"' for c in kind.columns)
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {select}, "
                "CAST(NULL AS VARCHAR) AS _file, CAST(NULL AS BIGINT) AS _row WHERE false"
            )
