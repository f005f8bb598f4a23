"""Digests of the big event reports, kept in the seller's store between audits.

Most of the ledger (customer shipments) and of the settlement (orders, fees)
is read by no rule. The first audit on a writable store copies the rows some
rule reads (sql/digest.sql) into ``audit_digest_ledger`` and
``audit_digest_settlement``; a later audit appends only the rows of files
imported since (``raw_files``; both reports are append-only) and, for an FNSKU
newly over-tiered by the fee report, its shipments. The rules then read the
digests (plus the small tables as they are), so a new day of reports costs its
own rows, not a re-read of the year; which rules re-run, and for which keys,
is findings_store.py's concern. Statuses are never cached.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from claimpilot.tools.reports.kinds import KINDS

from .inputs import Columns

HERE = Path(__file__).parent
DIGESTS = {"ledger": "digest_ledger_row(event_type, fnsku)",
           "settlement": "digest_settlement_row(transaction_type, order_id)"}
REFUNDED = "fold(transaction_type) = 'refund' AND order_id IS NOT NULL"
NEW_FILES = "_file IN (SELECT sha256 FROM audit_new_files)"


def _version() -> str:
    """The digest rules and the report columns: a change in either rebuilds the digests."""
    h = hashlib.sha256((HERE / "sql" / "digest.sql").read_bytes())
    for table in DIGESTS:
        h.update(repr(KINDS[table].columns).encode())
    return h.hexdigest()


def state_table(con: duckdb.DuckDBPyConnection, ddl: str) -> bool:
    """Whether ``con`` is a writable store that records its imported files (``raw_files``); if so, the
    state table of ``ddl`` (``CREATE TABLE IF NOT EXISTS ...``) is made."""
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND table_name = 'raw_files'"
    ).fetchone()
    assert row is not None  # an aggregate answers one row
    if not row[0]:
        return False
    try:
        con.execute(ddl)
    except duckdb.Error:  # a read-only connection
        return False
    return True


def _writable_store(con: duckdb.DuckDBPyConnection, columns: Columns) -> bool:
    if any((cols := columns[t]) is None or "_file" not in cols for t in DIGESTS):
        return False
    return state_table(con, "CREATE TABLE IF NOT EXISTS audit_digest_state (version VARCHAR)")


def _rebuild(con: duckdb.DuckDBPyConnection, version: str) -> None:
    con.execute("CREATE OR REPLACE TABLE audit_digest_files AS SELECT DISTINCT sha256 FROM raw_files")
    con.execute("CREATE OR REPLACE TABLE audit_digest_fee_fnskus AS SELECT DISTINCT fnsku FROM fee_tier_mismatch")
    con.execute(f"CREATE OR REPLACE TABLE audit_digest_refund_orders AS SELECT DISTINCT order_id FROM main.settlement "
                f"WHERE {REFUNDED}")
    for table, keep in DIGESTS.items():
        con.execute(f"CREATE OR REPLACE TABLE audit_digest_{table} AS SELECT * FROM main.{table} WHERE {keep}")
    con.execute("DELETE FROM audit_digest_state")
    con.execute("INSERT INTO audit_digest_state VALUES (?)", [version])


def _append(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE OR REPLACE TEMP TABLE audit_new_files AS SELECT DISTINCT sha256 FROM raw_files "
        "WHERE sha256 NOT IN (SELECT sha256 FROM audit_digest_files)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE audit_new_fee_fnskus AS SELECT DISTINCT fnsku FROM fee_tier_mismatch "
        "WHERE fnsku NOT IN (SELECT fnsku FROM audit_digest_fee_fnskus)"
    )
    row = con.execute("SELECT count(*) FROM audit_new_fee_fnskus").fetchone()
    assert row is not None  # an aggregate answers one row
    if row[0]:
        con.execute(
            "INSERT INTO audit_digest_ledger SELECT * FROM main.ledger WHERE fold(event_type) = 'shipments' "
            f"AND fnsku IN (SELECT fnsku FROM audit_new_fee_fnskus) AND NOT ({NEW_FILES})"
        )
        con.execute("INSERT INTO audit_digest_fee_fnskus SELECT fnsku FROM audit_new_fee_fnskus")
    _append_refunded_orders(con)
    for table, keep in DIGESTS.items():
        con.execute(f"INSERT INTO audit_digest_{table} SELECT * FROM main.{table} WHERE {NEW_FILES} AND {keep}")
    con.execute("INSERT INTO audit_digest_files SELECT sha256 FROM audit_new_files")


def _append_refunded_orders(con: duckdb.DuckDBPyConnection) -> None:
    """Orders first refunded in the new files: their Order rows of older files join the digest (those of the
    new files join it with the rest of the new rows)."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE audit_new_refund_orders AS SELECT DISTINCT order_id FROM main.settlement "
        f"WHERE {NEW_FILES} AND {REFUNDED} AND order_id NOT IN (SELECT order_id FROM audit_digest_refund_orders)"
    )
    row = con.execute("SELECT count(*) FROM audit_new_refund_orders").fetchone()
    assert row is not None  # an aggregate answers one row
    if row[0]:
        con.execute(
            "INSERT INTO audit_digest_settlement SELECT * FROM main.settlement WHERE fold(transaction_type) = 'order' "
            f"AND order_id IN (SELECT order_id FROM audit_new_refund_orders) AND NOT ({NEW_FILES})"
        )
        con.execute("INSERT INTO audit_digest_refund_orders SELECT order_id FROM audit_new_refund_orders")


def refresh_digests(con: duckdb.DuckDBPyConnection, columns: Columns) -> dict[str, str] | None:
    """Bring the digests up to date; the relation each digested table's rules should read, or None."""
    if not _writable_store(con, columns):
        return None
    sql = (HERE / "sql" / "digest.sql").read_text(encoding="utf-8")
    con.execute("CREATE TABLE IF NOT EXISTS audit_digest_fee_fnskus (fnsku VARCHAR)")
    con.execute("CREATE TABLE IF NOT EXISTS audit_digest_refund_orders (order_id VARCHAR)")
    for statement in sql.split(";\n"):
        if statement.strip():
            con.execute(statement)
    version = _version()
    con.execute("BEGIN TRANSACTION")
    try:
        state = con.execute("SELECT version FROM audit_digest_state").fetchone()
        if state is None or state[0] != version or not _tables_present(con):
            _rebuild(con, version)
        else:
            _append(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {table: f"audit_digest_{table}" for table in DIGESTS}


def _tables_present(con: duckdb.DuckDBPyConnection) -> bool:
    names = {f"audit_digest_{t}" for t in DIGESTS} | {"audit_digest_files"}
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        f"AND table_catalog = current_database() AND table_name IN ({', '.join(repr(n) for n in names)})"
    ).fetchone()
    assert row is not None  # an aggregate answers one row
    found: int = row[0]
    return found == len(names)
