"""The size-tier tables of sql/size_tier.sql, kept in the seller's store between audits.

``product_size_tier`` (each product's tier from its own dimensions and
weight) and ``fee_tier_mismatch`` (SKUs the fee report over-tiers) read only
the products and fee reports, the policy's size tiers, fees, labels and
parameters, and the audit SQL. A writable store that records its imported
files keeps both tables with a key over all of those (the files by their
sha256); an audit whose key matches reads them (temp views over the kept
tables) instead of computing them again. The script's views (``tier_fee``, ``fee_report_tier``) are made every
time, as the script makes them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

from claimpilot.tools.reports.kinds import KINDS

from .cache import state_table
from .inputs import Columns

HERE = Path(__file__).parent
SCRIPT = HERE / "sql" / "size_tier.sql"
KEPT_TABLES = ("product_size_tier", "fee_tier_mismatch")
INPUT_TABLES = ("products", "fee_estimates")
POLICY_TABLES = ("policy_size_tier", "policy_fee", "policy_tier_label", "policy_param", "policy_market")
CREATES = re.compile(r"CREATE OR REPLACE TEMP TABLE (\w+)")


def _statements() -> list[str]:
    return [s for s in SCRIPT.read_text(encoding="utf-8").split(";\n")
            if s.strip() and not all(line.strip().startswith("--") or not line.strip() for line in s.splitlines())]


def _key(con: duckdb.DuckDBPyConnection, columns: Columns) -> str:
    h = hashlib.sha256(SCRIPT.read_bytes())
    h.update((HERE / "sql" / "macros.sql").read_bytes())
    for table in POLICY_TABLES:
        h.update(repr(con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()).encode())
    h.update(repr([sorted(columns[t] or ()) for t in INPUT_TABLES]).encode())
    kinds = [k.name for k in KINDS.values() if k.table in INPUT_TABLES]
    files = con.execute(
        f"SELECT DISTINCT kind, sha256 FROM raw_files WHERE kind IN ({', '.join('?' * len(kinds))}) ORDER BY ALL", kinds
    ).fetchall()
    h.update(repr(files).encode())
    return h.hexdigest()


def _writable(con: duckdb.DuckDBPyConnection) -> bool:
    """A writable store that records its imported files."""
    return state_table(con, "CREATE TABLE IF NOT EXISTS audit_tier_state (key VARCHAR)")


def _kept(con: duckdb.DuckDBPyConnection, key: str) -> bool:
    state = con.execute("SELECT key FROM audit_tier_state").fetchone()
    if state is None or state[0] != key:
        return False
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND table_name IN "
        f"({', '.join(repr(f'audit_kept_{t}') for t in KEPT_TABLES)})"
    ).fetchone()
    assert row is not None  # an aggregate answers one row
    found: int = row[0]
    return found == len(KEPT_TABLES)


def _drop_temp(con: duckdb.DuckDBPyConnection) -> None:
    """Drop this connection's temp tables or views of the kept names (an earlier audit's), whichever they are."""
    names = ", ".join(repr(t) for t in KEPT_TABLES)
    for kind, name in con.execute(
        f"SELECT 'VIEW', view_name FROM duckdb_views() WHERE temporary AND view_name IN ({names}) "
        f"UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary AND table_name IN ({names})"
    ).fetchall():
        con.execute(f"DROP {kind} temp.main.{name}")


def install_size_tiers(con: duckdb.DuckDBPyConnection, columns: Columns, keep: bool) -> None:
    """Run sql/size_tier.sql on ``con``; with ``keep`` (and a writable store), its tables come from
    the store when their inputs are those it was kept for, and are kept for the next audit otherwise."""
    _drop_temp(con)
    if not keep or not _writable(con):
        for statement in _statements():
            con.execute(statement)
        return
    key = _key(con, columns)
    hit = _kept(con, key)
    for statement in _statements():
        made = CREATES.search(statement)
        if hit and made and made.group(1) in KEPT_TABLES:
            table = made.group(1)
            con.execute(f"CREATE TEMP VIEW {table} AS SELECT * FROM main.audit_kept_{table}")
        else:
            con.execute(statement)
    if hit:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for table in KEPT_TABLES:
            con.execute(f"CREATE OR REPLACE TABLE main.audit_kept_{table} AS SELECT * FROM temp.{table}")
        con.execute("DELETE FROM audit_tier_state")
        con.execute("INSERT INTO audit_tier_state VALUES (?)", [key])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
