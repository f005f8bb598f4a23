"""Run the audit: policy in, rules over the normalised tables, findings out."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import Any, cast

import duckdb

from claimpilot.tools.reports import warehouse

from .cache import refresh_digests
from .finding import Finding
from .findings_store import refresh_findings
from .inputs import Columns, bind_inputs, input_columns
from .materialize import build_findings, fetch_findings
from .policy_loader import load_policy
from .policy_tables import install_policy
from .summary import Summary, summary_from
from .tier_cache import install_size_tiers

HERE = Path(__file__).parent
BASE_SQL = ("macros.sql",)  # then size_tier.sql (tier_cache.py), before the digests: the fee rule's mismatch
# set decides what they keep
SHARED_SQL = ("unit_value.sql", "loss_netting.sql")
RULES = (
    "warehouse_lost",
    "warehouse_damaged",
    "customer_return_missing",
    "inbound_shortage",
    "fee_overcharge",
    "reimbursement_underpaid",
    "return_damaged_unreimbursed",
    "refund_above_paid",
    "refund_commission_short",
    "reimbursement_reversed_unfound",
    "removal_shipment_short",
)
FINDING_COLUMNS = (
    "type, reference_id, fnsku, sku, quantity, unit_value, amount, currency, event_date, "
    "window_opens, window_closes, evidence, unit_value_estimated"
)


class AuditResult:
    """An audit's as-of date, summary and findings. The Finding objects are built on first use of
    ``findings`` (from the JSON the audit fetched, materialize.py): a caller that needs only the
    summary and ``count`` never pays for tens of thousands of objects."""

    def __init__(self, as_of: date, summary: Summary, packed: str, count: int, marketplace: str = "US") -> None:
        self.as_of, self.summary, self.count = as_of, summary, count
        self._packed, self._marketplace = packed, marketplace
        self._findings: list[Finding] | None = None

    @property
    def findings(self) -> list[Finding]:
        if self._findings is None:
            self._findings = build_findings(self._packed, self._marketplace)
            self._packed = ""
        return self._findings

    def __repr__(self) -> str:
        return f"AuditResult(as_of={self.as_of!r}, count={self.count}, summary={self.summary!r})"

    def to_json(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "findings": [f.to_json() for f in self.findings],
            "summary": self.summary,
        }


def rule_sql(name: str) -> str:
    return (HERE / "rules" / f"{name}.sql").read_text(encoding="utf-8")


def _run_script(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    for statement in path.read_text(encoding="utf-8").split(";\n"):
        lines = [ln.strip() for ln in statement.splitlines()]
        if statement.strip() and not all(ln.startswith("--") or not ln for ln in lines):
            con.execute(statement)


def prepare(con: duckdb.DuckDBPyConnection, as_of: date, marketplace: str,
            digests: bool = False) -> tuple[Columns, dict[str, str] | None]:
    """Policy tables, input views, shared macros, views and tables on ``con``; with ``digests``
    (and a writable store) the big event tables are read through their digests (cache.py) and the
    size-tier tables are kept between audits (tier_cache.py).
    Returns the report tables' columns and the digests the inputs read, if any."""
    install_policy(con, load_policy(marketplace), as_of)
    con.execute("SET VARIABLE audit_as_of = ?::DATE", [as_of])
    columns = input_columns(con)
    bind_inputs(con, columns)
    for name in BASE_SQL:
        _run_script(con, HERE / "sql" / name)
    install_size_tiers(con, columns, keep=digests)
    source = refresh_digests(con, columns) if digests else None
    if source:
        bind_inputs(con, columns, source, only=source)
    for name in SHARED_SQL:
        _run_script(con, HERE / "sql" / name)
    return columns, source


def rules_query(rules: tuple[str, ...]) -> str:
    """One query: the findings of ``rules``, without status."""
    return "\nUNION ALL\n".join(f"SELECT {FINDING_COLUMNS} FROM ({rule_sql(r)})" for r in rules)


def _connection(store_or_conn: Any) -> duckdb.DuckDBPyConnection:
    # A WarehouseConnection is used as the DuckDB connection it forwards every call to.
    if isinstance(store_or_conn, duckdb.DuckDBPyConnection):
        return store_or_conn
    if isinstance(store_or_conn, warehouse.WarehouseConnection):
        return cast(duckdb.DuckDBPyConnection, store_or_conn)
    if hasattr(store_or_conn, "connect"):
        return cast(duckdb.DuckDBPyConnection, store_or_conn.connect())
    raise TypeError(f"run_audit needs a ReportStore or a DuckDB connection, not {type(store_or_conn).__name__}")


def run_audit(store_or_conn: Any, as_of: date, marketplace: str = "US", *, cache: bool = True) -> AuditResult:
    """Audit the seller's normalised reports as of ``as_of`` under ``marketplace``'s policy.

    With ``cache`` (and a writable store that records its imported files), the
    rows of the ledger and settlement that rules read are kept in digests
    (cache.py), and the findings themselves are kept in the store: a later
    audit re-runs the rules only for the FNSKUs and orders that newly imported
    rows touch (findings_store.py). Statuses always follow ``as_of``."""
    con = _connection(store_or_conn)
    cache = cache and not getattr(con, "read_only", False)
    try:
        with warehouse.writing(con) if cache else nullcontext():  # the kept digests and findings are writes
            columns, source = prepare(con, as_of, marketplace, digests=cache)
            kept = refresh_findings(con, marketplace.upper(), rules_query, columns, source) if cache else None
            if kept is None:
                con.execute(f"CREATE OR REPLACE TEMP TABLE audit_raw AS {rules_query(RULES)}")
            relation = kept or "audit_raw"
            packed, count = fetch_findings(con, relation)
            summary = summary_from(con, relation, as_of)
    finally:
        if con is not store_or_conn:
            con.close()
    return AuditResult(as_of, summary, packed, count, marketplace)
