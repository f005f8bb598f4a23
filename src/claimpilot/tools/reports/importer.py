"""Load one prepared report file into its typed table, inside the caller's transaction.

The file is read by DuckDB's CSV reader (every cell as text, the delimiter and
quote fixed from the header), cast in SQL into a temporary stage table (a view over
it numbers the rows by their place in the file, from the table's row ids: insertion
order is kept, so no window over the whole file is needed), checked
(the first unreadable cell raises ``ReportError``), then merged: events-mode
kinds skip rows already stored, snapshot-mode kinds replace rows by key.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from claimpilot.tools.reports import casts
from claimpilot.tools.reports.bounded import LimitExceeded
from claimpilot.tools.reports.casts import quote_ident, quote_literal
from claimpilot.tools.reports.errors import ReportError
from claimpilot.tools.reports.sniff import Layout, Prepared
from claimpilot.tools.reports.variants import target
from claimpilot.tools.reports.warehouse import WarehouseConnection

SQL_DIR = Path(__file__).with_name("sql")

STAGE = "_report_stage"
STAGE_ROWS = f"{STAGE}_rows"  # the stage's typed rows; STAGE is the view that numbers them


@dataclass(frozen=True)
class MergeCounts:
    rows_read: int
    rows_added: int
    duplicates_skipped: int
    rows_replaced: int


def _reader(prepared: Prepared, layout: Layout) -> str:
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(layout.header)))
    return (
        f"read_csv({quote_literal(str(prepared.path))}, delim={quote_literal(layout.delimiter)}, "
        f"quote={quote_literal(layout.quote)}, escape={quote_literal(layout.quote)}, header=true, skip={layout.skip}, "
        f"auto_detect=false, columns={{{columns}}}, compression='{prepared.compression}', strict_mode=true, "
        f"null_padding=false, max_line_size={prepared.bounds.max_line_bytes})"
    )


def stage_sql(prepared: Prepared, layout: Layout) -> str:
    """CREATE the stage table: typed columns, the first bad column and its raw value, the row hash."""
    typed, checks, values = [], [], []
    for col in layout.kind.columns:
        pos = layout.columns.get(col.name)
        if pos is None:
            cell = "CAST(NULL AS VARCHAR)"
        elif col.type == "text":
            cell = f"c{pos}"
        else:  # Amazon writes "--" where it has no number (the fee report's unmeasured sides and weights)
            no_value = ", ".join(quote_literal(m) for m in casts.NO_VALUE)
            cell = f"CASE WHEN trim(c{pos}) IN ({no_value}) THEN NULL ELSE c{pos} END"
        expr = casts.cast_expr(col.type, cell, layout.decimal_comma)
        typed.append(f"CAST({expr} AS {casts.SQL_TYPES[col.type]}) AS {quote_ident(col.name)}")
        if col.type != "text" and pos is not None:
            bad = f"{cell} IS NOT NULL AND {quote_ident(col.name)} IS NULL"
            checks.append(f"WHEN {bad} THEN {quote_literal(col.name)}")
            values.append(f"WHEN {bad} THEN {cell}")
    names = [c.name for c in layout.kind.columns]
    bad_col = f"CASE {' '.join(checks)} END" if checks else "CAST(NULL AS VARCHAR)"
    bad_val = f"CASE {' '.join(values)} END" if values else "CAST(NULL AS VARCHAR)"
    raw = ", ".join(f"c{i}" for i in sorted(set(layout.columns.values())))
    return (
        f"CREATE OR REPLACE TEMP TABLE {STAGE_ROWS} AS "
        f"SELECT {', '.join(quote_ident(n) for n in names)}, {bad_col} AS _bad, {bad_val} AS _bad_value, "
        f"{casts.content_hash(names)} AS _hash "
        f"FROM (SELECT {', '.join(typed)}, {raw} FROM {_reader(prepared, layout)})"
    )


def _number_rows(con: WarehouseConnection, layout: Layout) -> None:
    """The stage view: the stage rows with their data row number. A table made by one CREATE ... AS keeps
    the file's order in its row ids, one after another (from 0, or from a base inside a transaction)."""
    count, first, last = con.execute(f"SELECT count(*), min(rowid), max(rowid) FROM {STAGE_ROWS}").fetchone()
    if count and last - first + 1 != count:
        raise RuntimeError(f"the stage's row ids {first}..{last} do not number its {count} rows")
    con.execute(f"CREATE OR REPLACE TEMP VIEW {STAGE} AS "
                f"SELECT *, rowid - {first or 0} + {2 + layout.skip} AS _row FROM {STAGE_ROWS}")


_LINE = re.compile(r"Line: (\d+)")
_FIELDS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


def _csv_reason(text: str) -> tuple[str, str]:
    """The one line of a DuckDB CSV error that says what is wrong with the row, in English and in Chinese."""
    if m := _FIELDS.search(text):
        return (f"has {m.group(2)} fields where the header has {m.group(1)}",
                f"有 {m.group(2)} 个字段，而表头有 {m.group(1)} 个")
    lines = [ln.strip() for ln in text.splitlines()]
    after = next((i for i, ln in enumerate(lines) if ln.startswith("Original Line:")), None)
    if after is not None:
        for ln in lines[after + 1:]:
            if ln and not ln.startswith("Possible"):
                return ln.rstrip("."), f"这一行读不出来（{ln.rstrip('.')}）"
    reason = lines[0].replace("Invalid Input Error: ", "") if lines else "cannot be read"
    return reason, f"这一行读不出来（{reason}）"


def stage(con: WarehouseConnection, prepared: Prepared, layout: Layout) -> int:
    """Read and cast the file into the stage table; raise on the first bad cell."""
    try:
        con.execute(stage_sql(prepared, layout))
    except duckdb.Error as exc:
        text = str(exc)
        line = _LINE.search(text)
        row = int(line.group(1)) if line else None
        if "Maximum line size" in text:
            raise LimitExceeded(prepared.name, "max_line_kb", f"row {row} is longer than "
                                f"{prepared.bounds.max_line_bytes // 1024:,} KB",
                                f"第 {row} 行超过 {prepared.bounds.max_line_bytes // 1024:,} KB") from exc
        reason, reason_zh = _csv_reason(text)
        raise ReportError(prepared.name, row, None, f"{reason} ({layout.kind.title})",
                          message_zh=f"{reason_zh}（{layout.kind.title_zh}）") from exc
    _number_rows(con, layout)
    bad = con.execute(
        f"SELECT _row, _bad, _bad_value FROM {STAGE} WHERE _bad IS NOT NULL ORDER BY _row LIMIT 1"
    ).fetchone()
    if bad:
        row, column, value = bad
        col = layout.kind.column(column)
        shown = layout.header[layout.columns[column]]
        raise ReportError(prepared.name, int(row), shown, f"{value!r} {casts.EXPECTED[col.type]}", value,
                          message_zh=f"{value!r} {casts.EXPECTED_ZH[col.type]}")
    return int(con.execute(f"SELECT count(*) FROM {STAGE}").fetchone()[0])


def derive(con: WarehouseConnection, layout: Layout) -> Layout:
    """For a variant layout, turn the stage rows into its target kind's rows (same file rows);
    the layout returned is the one to merge with."""
    kind = layout.kind
    if not kind.into:
        return layout
    into = target(kind)
    assert kind.derive is not None  # a kind with ``into`` names the SQL that derives its rows
    sql = (SQL_DIR / kind.derive).read_text().format(stage=STAGE)
    names = [c.name for c in into.columns]
    cols = ", ".join(quote_ident(n) for n in names)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGE}_derived AS SELECT {cols}, {casts.content_hash(names)} AS _hash, "
                f"_row FROM ({sql})")
    con.execute(f"DROP VIEW {STAGE}")
    con.execute(f"DROP TABLE {STAGE_ROWS}")
    con.execute(f"ALTER TABLE {STAGE}_derived RENAME TO {STAGE}")
    return dataclasses.replace(layout, kind=into)


def _numbered() -> str:
    """Stage rows with ``_occ``: which copy of an identical row this is, in file order
    (1 for nearly every row, so only repeated rows are numbered by a window)."""
    return (
        f"WITH dup AS (SELECT _hash FROM {STAGE} GROUP BY _hash HAVING count(*) > 1), "
        f"occ AS (SELECT _row, CAST(row_number() OVER (PARTITION BY _hash ORDER BY _row) AS INTEGER) AS _occ "
        f"FROM {STAGE} WHERE _hash IN (SELECT _hash FROM dup)) "
        f"SELECT s.*, coalesce(occ._occ, 1) AS _occ FROM {STAGE} s LEFT JOIN occ ON occ._row = s._row"
    )


def merge(con: WarehouseConnection, layout: Layout, sha256: str, rows_read: int) -> MergeCounts:
    """Move the stage table's rows into the kind's table; count what changed."""
    kind = layout.kind
    table = quote_ident(kind.table)
    cols = ", ".join(quote_ident(c.name) for c in kind.columns)
    select = f"SELECT {cols}, {quote_literal(sha256)}, _row, _hash, _occ FROM ({_numbered()}) s"
    stored = f"EXISTS (SELECT 1 FROM {table} t WHERE t._hash = s._hash AND t._occ = s._occ)"
    if kind.mode == "events":
        empty = con.execute(f"SELECT count(*) = 0 FROM (SELECT 1 FROM {table} LIMIT 1)").fetchone()[0]
        added = con.execute(f"INSERT INTO {table} {select}{'' if empty else f' WHERE NOT {stored}'}").fetchone()[0]
        return MergeCounts(rows_read, int(added), rows_read - int(added), 0)
    identical = con.execute(f"SELECT count(*) FROM ({_numbered()}) s WHERE {stored}").fetchone()[0]
    same_key = " AND ".join(f"{table}.{quote_ident(k)} IS NOT DISTINCT FROM s.{quote_ident(k)}" for k in kind.key)
    removed = con.execute(f"DELETE FROM {table} USING {STAGE} s WHERE {same_key}").fetchone()[0]
    con.execute(f"INSERT INTO {table} {select}")
    identical = int(identical)
    return MergeCounts(rows_read, rows_read - identical, identical, int(removed) - identical)


def drop_stage(con: WarehouseConnection) -> None:
    """Drop the stage: its view and rows, or the table a variant's rows were derived into."""
    view = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND temporary", [STAGE]).fetchone()
    con.execute(f"DROP {'VIEW' if view and view[0] else 'TABLE'} IF EXISTS {STAGE}")
    con.execute(f"DROP TABLE IF EXISTS {STAGE_ROWS}")
    con.execute(f"DROP TABLE IF EXISTS {STAGE}_derived")
