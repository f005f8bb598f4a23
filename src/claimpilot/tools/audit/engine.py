"""Run the audit: policy in, rules over the normalised tables, findings out."""

from __future__ import annotations

import json

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from .finding import Evidence, Finding
from .cache import refresh_digests
from .inputs import bind_inputs, input_columns
from .policy_loader import load_policy
from .policy_tables import install_policy
from .summary import summarize

HERE = Path(__file__).parent
BASE_SQL = ("macros.sql", "size_tier.sql")  # before the digests: the fee rule's mismatch set decides what they keep
SHARED_SQL = ("unit_value.sql", "loss_netting.sql")
RULES = (
    "warehouse_lost",
    "warehouse_damaged",
    "customer_return_missing",
    "inbound_shortage",
    "fee_overcharge",
    "reimbursement_underpaid",
)
FINDING_COLUMNS = (
    "type, reference_id, fnsku, sku, quantity, unit_value, amount, currency, event_date, "
    "window_opens, window_closes, evidence, unit_value_estimated"
)


@dataclass
class AuditResult:
    as_of: date
    findings: list[Finding]
    summary: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "findings": [f.to_json() for f in self.findings],
            "summary": self.summary,
        }


def rule_sql(name: str) -> str:
    return (HERE / "rules" / f"{name}.sql").read_text(encoding="utf-8")


def _run_script(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    for statement in path.read_text(encoding="utf-8").split(";\n"):
        if statement.strip() and not all(l.strip().startswith("--") or not l.strip() for l in statement.splitlines()):
            con.execute(statement)


def prepare(con: duckdb.DuckDBPyConnection, as_of: date, marketplace: str, digests: bool = False) -> None:
    """Policy tables, input views, shared macros, views and tables on ``con``; with ``digests``
    (and a writable store) the big event tables are read through their digests (cache.py)."""
    install_policy(con, load_policy(marketplace), as_of)
    con.execute("SET VARIABLE audit_as_of = ?::DATE", [as_of])
    columns = input_columns(con)
    bind_inputs(con, columns)
    for name in BASE_SQL:
        _run_script(con, HERE / "sql" / name)
    source = refresh_digests(con, columns) if digests else None
    if source:
        bind_inputs(con, columns, source)
    for name in SHARED_SQL:
        _run_script(con, HERE / "sql" / name)


def rules_query(rules: tuple[str, ...]) -> str:
    """One query: the findings of ``rules``, without status."""
    return "\nUNION ALL\n".join(f"SELECT {FINDING_COLUMNS} FROM ({rule_sql(r)})" for r in rules)


def with_status(con: duckdb.DuckDBPyConnection, source: str) -> str:
    """The temp table audit_found: ``source``'s findings with their status against audit_as_of."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE audit_found AS SELECT {FINDING_COLUMNS}, "
        f"finding_status(getvariable('audit_as_of'), window_opens, window_closes) AS status FROM {source}"
    )
    return "audit_found"


def findings_from(con: duckdb.DuckDBPyConnection, table: str, marketplace: str) -> list[Finding]:
    """The findings of ``table`` as Finding objects (evidence and money cross as text: it is much
    faster than DuckDB's struct and decimal conversion at tens of thousands of findings)."""
    columns = FINDING_COLUMNS.replace("unit_value,", "CAST(unit_value AS DECIMAL(18, 2))::VARCHAR,")
    columns = columns.replace("amount,", "CAST(amount AS DECIMAL(18, 2))::VARCHAR,")
    columns = columns.replace("evidence,", "to_json(evidence)::VARCHAR,")
    rows = con.execute(
        f"SELECT {columns}, status FROM {table} ORDER BY type, event_date, reference_id, fnsku"
    ).fetchall()
    market = marketplace.upper()
    out = []
    for (t, ref, fnsku, sku, qty, uv, amt, cur, ev_date, opens, closes, evidence, est, status) in rows:
        out.append(
            Finding(
                type=t, status=status, reference_id=str(ref), fnsku=fnsku, sku=sku, quantity=int(qty),
                unit_value=Decimal(uv), amount=Decimal(amt), currency=cur, event_date=ev_date,
                window_opens=opens, window_closes=closes,
                evidence=[Evidence(e["report"], e["file"], int(e["row"])) for e in json.loads(evidence or "[]")],
                marketplace=market, unit_value_estimated=bool(est),
            )
        )
    return out


def _connection(store_or_conn: Any) -> duckdb.DuckDBPyConnection:
    if isinstance(store_or_conn, duckdb.DuckDBPyConnection):
        return store_or_conn
    if hasattr(store_or_conn, "connect"):
        return store_or_conn.connect()
    raise TypeError(f"run_audit needs a ReportStore or a DuckDB connection, not {type(store_or_conn).__name__}")


def run_audit(store_or_conn: Any, as_of: date, marketplace: str = "US", *, cache: bool = True) -> AuditResult:
    """Audit the seller's normalised reports as of ``as_of`` under ``marketplace``'s policy.

    With ``cache`` (and a writable store that records its imported files), the
    rows of the ledger and settlement that rules read are kept in digests in the
    store, and a later audit adds only newly imported rows to them (cache.py)."""
    con = _connection(store_or_conn)
    try:
        prepare(con, as_of, marketplace, digests=cache)
        con.execute(f"CREATE OR REPLACE TEMP TABLE audit_raw AS {rules_query(RULES)}")
        findings = findings_from(con, with_status(con, "audit_raw"), marketplace)
    finally:
        if con is not store_or_conn:
            con.close()
    return AuditResult(as_of=as_of, findings=findings, summary=summarize(findings, as_of))
