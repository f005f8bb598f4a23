"""Bind the normalised report tables to the names the rule SQL reads.

Rules read ``in_<table>`` (``in_ledger``, ``in_settlement``, ...). Each is a
temp view over the seller's table or, for a report never imported, an empty
view with the kinds.py columns, so a seller without fee data gets no fee
findings rather than an error.
"""

from __future__ import annotations

import duckdb

from claimpilot.tools.reports.kinds import KINDS

SQL_TYPE = {"text": "VARCHAR", "int": "BIGINT", "decimal": "DECIMAL(18,4)", "date": "DATE"}


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database()"
    ).fetchall()
    return {r[0] for r in rows}


def bind_inputs(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create ``in_<table>`` for every report kind."""
    present = existing_tables(con)
    for kind in KINDS.values():
        view = f"in_{kind.table}"
        if kind.table in present:
            cols = {r[0] for r in con.execute(f'DESCRIBE "{kind.table}"').fetchall()}
            select = ", ".join(
                f'"{c.name}"' if c.name in cols else f'CAST(NULL AS {SQL_TYPE[c.type]}) AS "{c.name}"'
                for c in kind.columns
            )
            con.execute(f'CREATE OR REPLACE TEMP VIEW {view} AS SELECT {select}, _file, _row FROM main."{kind.table}"')
        else:
            select = ", ".join(f'CAST(NULL AS {SQL_TYPE[c.type]}) AS "{c.name}"' for c in kind.columns)
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW {view} AS SELECT {select}, "
                "CAST(NULL AS VARCHAR) AS _file, CAST(NULL AS BIGINT) AS _row WHERE false"
            )
