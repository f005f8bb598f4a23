"""Findings kept in the seller's store between audits, re-run only where new rows reach.

The first audit (or one after the policy in force, the rule SQL or the report
columns changed: the kept tables are then made anew, for every marketplace)
runs every rule over everything and keeps the findings, without status, in
``audit_findings``, with the files they reflect (``audit_findings_files``),
the unit value of each SKU and the FNSKU of each SKU they used. A later audit
looks at the files imported since, works out the FNSKUs and orders their rows
(or a changed unit value or FNSKU) touch (sql/scope.sql), and re-runs
warehouse_lost / warehouse_damaged for those FNSKUs and customer_return_missing
for those orders; the three rules over small tables re-run whole. Statuses are
never kept: they follow the as-of date."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb

from claimpilot.tools.reports.kinds import KINDS

from .inputs import Columns, bind_inputs

HERE = Path(__file__).parent
FNSKU_RULES = ("warehouse_lost", "warehouse_damaged")
ORDER_RULES = ("customer_return_missing",)
WHOLE_RULES = ("inbound_shortage", "fee_overcharge", "reimbursement_underpaid",
               "return_damaged_unreimbursed",
               "refund_above_paid", "refund_commission_short", "reimbursement_reversed_unfound",
               "removal_shipment_short")
IN_SCOPE = "IN (SELECT key FROM audit_scope WHERE kind = '{}')"
FNSKU_INPUTS = {"ledger": "fnsku " + IN_SCOPE.format("fnsku"), "reimbursements": "fnsku " + IN_SCOPE.format("fnsku")}
ORDER_INPUTS = {
    "settlement": "order_id " + IN_SCOPE.format("order"),
    "customer_returns": "order_id " + IN_SCOPE.format("order"),
    "ledger": "reference_id " + IN_SCOPE.format("order"),
    "orders": "amazon_order_id " + IN_SCOPE.format("order"),
}
POLICY_TABLES = ("policy_window", "policy_reason", "policy_param", "policy_size_tier", "policy_tier_label",
                 "policy_fee", "policy_market")
MARKET = "marketplace = getvariable('audit_marketplace')"
KEPT = ("audit_findings", "audit_findings_files", "audit_findings_unit_value", "audit_findings_sku_fnsku")
RulesQuery = Callable[[tuple[str, ...]], str]


def _fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """The policy in force, the audit SQL and the report columns: a change in any re-runs every rule."""
    h = hashlib.sha256()
    for table in POLICY_TABLES:
        h.update(repr(con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()).encode())
    for path in sorted([*HERE.glob("rules/*.sql"), *HERE.glob("sql/*.sql")]):
        h.update(path.read_bytes())
    h.update(repr([k.columns for k in KINDS.values()]).encode())
    return h.hexdigest()


def _usable(con: duckdb.DuckDBPyConnection) -> bool:
    """A writable store that records its imported files."""
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND table_name = 'raw_files'"
    ).fetchone()
    assert row is not None  # an aggregate answers one row
    if not row[0]:
        return False
    try:
        con.execute("CREATE TABLE IF NOT EXISTS audit_findings_state "
                    "(marketplace VARCHAR PRIMARY KEY, fingerprint VARCHAR)")
    except duckdb.Error:  # a read-only connection: audit without kept findings
        return False
    return True


def _tables_present(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
        f"AND table_catalog = current_database() AND table_name IN ({', '.join(repr(t) for t in KEPT)})"
    ).fetchone()
    assert row is not None  # an aggregate answers one row
    found: int = row[0]
    return found == len(KEPT)


def _create_tables(con: duckdb.DuckDBPyConnection, rules_query: RulesQuery) -> None:
    """The kept tables, made anew in the shape the rules give now; every marketplace starts over."""
    con.execute("CREATE OR REPLACE TABLE audit_findings_files (marketplace VARCHAR, sha256 VARCHAR)")
    con.execute(
        "CREATE OR REPLACE TABLE audit_findings AS "
        f"SELECT CAST(NULL AS VARCHAR) AS marketplace, * FROM ({rules_query(FNSKU_RULES + ORDER_RULES + WHOLE_RULES)}) "
        "WHERE false"
    )
    for table in ("unit_value", "sku_fnsku"):
        con.execute(f"CREATE OR REPLACE TABLE audit_findings_{table} AS "
                    f"SELECT CAST(NULL AS VARCHAR) AS marketplace, * FROM {table} WHERE false")
    con.execute("DELETE FROM audit_findings_state")


def _replace(con: duckdb.DuckDBPyConnection, rules_query: RulesQuery, rules: tuple[str, ...], where: str) -> None:
    types = ", ".join(repr(r) for r in rules)
    con.execute(f"DELETE FROM audit_findings WHERE {MARKET} AND type IN ({types}) AND ({where})")
    con.execute(f"INSERT INTO audit_findings SELECT getvariable('audit_marketplace'), * FROM ({rules_query(rules)})")


def _changed_skus(con: duckdb.DuckDBPyConnection) -> None:
    """audit_changed_skus: SKUs whose unit value or FNSKU differs from the last audit's (a row of either
    table, one a SKU, compared whole with the kept one; a row on one side only is a change)."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE audit_changed_skus AS
        WITH was_value AS (SELECT * EXCLUDE (marketplace) FROM audit_findings_unit_value WHERE {MARKET}),
             was_fnsku AS (SELECT * EXCLUDE (marketplace) FROM audit_findings_sku_fnsku WHERE {MARKET}),
             value_diff AS (SELECT coalesce(n.sku, o.sku) AS sku FROM unit_value n
                            FULL JOIN was_value o ON n.sku IS NOT DISTINCT FROM o.sku WHERE n IS DISTINCT FROM o),
             fnsku_diff AS (SELECT coalesce(n.sku, o.sku) AS sku FROM sku_fnsku n
                            FULL JOIN was_fnsku o ON n.sku IS NOT DISTINCT FROM o.sku WHERE n IS DISTINCT FROM o)
        SELECT sku, bool_or(unit_value) AS unit_value, bool_or(fnsku) AS fnsku FROM (
            SELECT sku, true AS unit_value, false AS fnsku FROM value_diff
            UNION ALL SELECT sku, false, true FROM fnsku_diff
        ) GROUP BY sku""")


def _remember_lookups(con: duckdb.DuckDBPyConnection) -> None:
    for table in ("unit_value", "sku_fnsku"):
        con.execute(f"DELETE FROM audit_findings_{table} WHERE {MARKET}")
        con.execute(f"INSERT INTO audit_findings_{table} SELECT getvariable('audit_marketplace'), * FROM {table}")


def _update(con: duckdb.DuckDBPyConnection, rules_query: RulesQuery, columns: Columns, source: dict[str, str]) -> bool:
    """Re-run the rules where rows imported since the last audit reach; whether a unit value or FNSKU changed."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE audit_new_files AS SELECT DISTINCT sha256, kind FROM raw_files "
        f"WHERE sha256 NOT IN (SELECT sha256 FROM audit_findings_files WHERE {MARKET})"
    )
    _changed_skus(con)
    row = con.execute("SELECT count(*) FROM audit_changed_skus").fetchone()
    assert row is not None  # an aggregate answers one row
    changed: bool = row[0] > 0
    con.execute((HERE / "sql" / "scope.sql").read_text(encoding="utf-8"))
    _replace(con, rules_query, WHOLE_RULES, "true")
    row = con.execute("SELECT count(*) FROM audit_scope").fetchone()
    assert row is not None  # an aggregate answers one row
    if row[0] == 0:
        return changed
    try:
        bind_inputs(con, columns, source, FNSKU_INPUTS, only=FNSKU_INPUTS)
        _replace(con, rules_query, FNSKU_RULES, "fnsku " + IN_SCOPE.format("fnsku"))
        bind_inputs(con, columns, source, ORDER_INPUTS, only=FNSKU_INPUTS.keys() | ORDER_INPUTS.keys())
        _replace(con, rules_query, ORDER_RULES, "reference_id " + IN_SCOPE.format("order"))
    finally:
        bind_inputs(con, columns, source, only=FNSKU_INPUTS.keys() | ORDER_INPUTS.keys())
    return changed


def refresh_findings(con: duckdb.DuckDBPyConnection, marketplace: str, rules_query: RulesQuery, columns: Columns,
                     source: dict[str, str] | None) -> str | None:
    """Bring the kept findings of ``marketplace`` up to date; the name of a view over them, or None
    where the store cannot keep them (read-only, or no record of imported files)."""
    if not _usable(con):
        return None
    con.execute("SET VARIABLE audit_marketplace = ?", [marketplace])
    fingerprint = _fingerprint(con)
    source = source or {}
    con.execute("BEGIN TRANSACTION")
    try:
        state = con.execute("SELECT fingerprint FROM audit_findings_state WHERE marketplace = ?",
                            [marketplace]).fetchone()
        if not _tables_present(con) or (state is not None and state[0] != fingerprint):
            _create_tables(con, rules_query)
            state = None
        if state is None:
            con.execute(f"DELETE FROM audit_findings_files WHERE {MARKET}")
            _replace(con, rules_query, FNSKU_RULES + ORDER_RULES + WHOLE_RULES, "true")
            _remember_lookups(con)
        elif _update(con, rules_query, columns, source):
            _remember_lookups(con)
        con.execute(
            "INSERT INTO audit_findings_files SELECT DISTINCT getvariable('audit_marketplace'), sha256 FROM raw_files "
            f"WHERE sha256 NOT IN (SELECT sha256 FROM audit_findings_files WHERE {MARKET})"
        )
        con.execute("INSERT OR REPLACE INTO audit_findings_state VALUES (?, ?)", [marketplace, fingerprint])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("CREATE OR REPLACE TEMP VIEW audit_kept AS "
                f"SELECT * EXCLUDE (marketplace) FROM main.audit_findings WHERE {MARKET}")
    return "audit_kept"
