"""Findings kept in the seller's store between audits, refreshed only where new rows reach.

The first audit (or one under different policy numbers) runs every rule over
everything and stores the findings, without status, in ``audit_cache_findings``
along with the files it has seen. A later audit looks at the files imported
since (``raw_files``), works out which FNSKUs and orders their rows touch
(sql/scope.sql), and re-runs the two heavy rules only there: warehouse
lost/damaged per FNSKU (the netting is per FNSKU) and customer_return_missing
per order. The light rules (inbound, fee, underpaid; small tables, and the fee
rule follows the as-of date) re-run whole. Statuses are never cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb

from .inputs import bind_inputs, input_columns

HERE = Path(__file__).parent
FNSKU_RULES = ("warehouse_lost", "warehouse_damaged")
ORDER_RULES = ("customer_return_missing",)
WHOLE_RULES = ("inbound_shortage", "fee_overcharge", "reimbursement_underpaid")
IN_SCOPE = "IN (SELECT key FROM audit_scope WHERE kind = '{}')"
FNSKU_INPUTS = {"ledger": "fnsku " + IN_SCOPE.format("fnsku"), "reimbursements": "fnsku " + IN_SCOPE.format("fnsku")}
ORDER_INPUTS = {
    "settlement": "order_id " + IN_SCOPE.format("order"),
    "customer_returns": "order_id " + IN_SCOPE.format("order"),
    "ledger": "reference_id " + IN_SCOPE.format("order"),
}
POLICY_TABLES = ("policy_window", "policy_reason", "policy_param", "policy_size_tier", "policy_tier_label",
                 "policy_fee", "policy_market")
DDL = (
    "CREATE TABLE IF NOT EXISTS audit_cache_state (marketplace VARCHAR PRIMARY KEY, fingerprint VARCHAR)",
    "CREATE TABLE IF NOT EXISTS audit_cache_files (marketplace VARCHAR, sha256 VARCHAR)",
)
RulesQuery = Callable[[tuple[str, ...]], str]


def _fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """The policy numbers in force, and the rule and shared SQL: a change in either invalidates the cache."""
    h = hashlib.sha256()
    for table in POLICY_TABLES:
        h.update(repr(con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()).encode())
    for path in sorted([*HERE.glob("rules/*.sql"), *HERE.glob("sql/*.sql")]):
        h.update(path.read_bytes())
    return h.hexdigest()


def _usable(con: duckdb.DuckDBPyConnection, rules_query: RulesQuery) -> bool:
    """A writable store that records its imported files."""
    has_files = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND table_name = 'raw_files'"
    ).fetchone()[0]
    if not has_files:
        return False
    try:
        for ddl in DDL:
            con.execute(ddl)
        con.execute(
            "CREATE TABLE IF NOT EXISTS audit_cache_findings AS "
            f"SELECT CAST(NULL AS VARCHAR) AS marketplace, * FROM ({rules_query(('warehouse_lost',))}) WHERE false"
        )
    except duckdb.Error:  # a read-only connection: audit without the cache
        return False
    return True


def _replace(con: duckdb.DuckDBPyConnection, rules_query: RulesQuery, rules: tuple[str, ...], where: str) -> None:
    con.execute(
        f"DELETE FROM audit_cache_findings WHERE marketplace = getvariable('audit_marketplace') "
        f"AND type IN ({', '.join(repr(r) for r in rules)}) AND ({where})"
    )
    con.execute(
        f"INSERT INTO audit_cache_findings SELECT getvariable('audit_marketplace'), * FROM ({rules_query(rules)})"
    )


def refresh_cache(con: duckdb.DuckDBPyConnection, marketplace: str, rules_query: RulesQuery) -> str | None:
    """Bring the cached findings of ``marketplace`` up to date; the name of a view over them, or None."""
    if not _usable(con, rules_query):
        return None
    con.execute("SET VARIABLE audit_marketplace = ?", [marketplace])
    fingerprint = _fingerprint(con)
    columns = input_columns(con)
    con.execute("BEGIN TRANSACTION")
    try:
        state = con.execute("SELECT fingerprint FROM audit_cache_state WHERE marketplace = ?", [marketplace]).fetchone()
        if state is None or state[0] != fingerprint:
            con.execute("DELETE FROM audit_cache_files WHERE marketplace = ?", [marketplace])
            _replace(con, rules_query, FNSKU_RULES + ORDER_RULES + WHOLE_RULES, "true")
        else:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE audit_new_files AS SELECT DISTINCT sha256 FROM raw_files "
                "WHERE sha256 NOT IN (SELECT sha256 FROM audit_cache_files WHERE marketplace = ?)",
                [marketplace],
            )
            con.execute((HERE / "sql" / "scope.sql").read_text(encoding="utf-8"))
            _replace(con, rules_query, WHOLE_RULES, "true")
            bind_inputs(con, columns, FNSKU_INPUTS)
            _replace(con, rules_query, FNSKU_RULES, "fnsku " + IN_SCOPE.format("fnsku"))
            bind_inputs(con, columns, ORDER_INPUTS)
            _replace(con, rules_query, ORDER_RULES, "reference_id " + IN_SCOPE.format("order"))
            bind_inputs(con, columns)
        con.execute(
            "INSERT INTO audit_cache_files SELECT DISTINCT ?, sha256 FROM raw_files "
            "WHERE sha256 NOT IN (SELECT sha256 FROM audit_cache_files WHERE marketplace = ?)",
            [marketplace, marketplace],
        )
        con.execute("INSERT OR REPLACE INTO audit_cache_state VALUES (?, ?)", [marketplace, fingerprint])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        bind_inputs(con, columns)
        raise
    con.execute(
        "CREATE OR REPLACE TEMP VIEW audit_cached AS SELECT * EXCLUDE (marketplace) FROM main.audit_cache_findings "
        f"WHERE marketplace = '{marketplace.replace(chr(39), '')}'"
    )
    return "audit_cached"
