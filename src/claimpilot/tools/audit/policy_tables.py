"""Put validated policy data into the audit connection as ``policy_*`` temp tables.

Each table keeps every entry of the policy with its ``effective`` date, its
``source`` (as cited), ``certainty`` and ``checked`` date; ``in_force`` marks
the entries that apply on the as-of date: for each group, the latest default
entry effective on or before it (an alternative reading kept beside the default
is never in force). Rule SQL filters ``in_force`` and never carries a policy
number itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

import duckdb

from .policy_loader import Policy

# table -> (section, columns, group key for "latest effective wins" or None = every entry in force)
TABLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...] | None]] = {
    "policy_window": ("windows", ("type", "anchor", "opens_days", "closes_days", "opens_months", "closes_months",
                                  "default"), ("type",)),
    "policy_valuation": ("valuation", ("type", "basis"), ("type",)),
    "policy_size_tier": (
        "size_tiers",
        ("tier", "rank", "longest_in", "median_in", "shortest_in", "length_girth_in", "weight_lb", "weight_basis"),
        ("tier",),
    ),
    "policy_tier_label": ("tier_labels", ("label", "tier"), None),
    "policy_fee": (
        "fees",
        ("tier", "weight_from_lb", "weight_to_lb", "base_fee", "above_lb", "step_lb", "step_fee"),
        ("tier",),
    ),
}
SQL_TYPES = {
    "type": "VARCHAR", "anchor": "VARCHAR", "opens_days": "INTEGER", "closes_days": "INTEGER", "default": "BOOLEAN",
    "opens_months": "INTEGER", "closes_months": "INTEGER", "basis": "VARCHAR",
    "tier": "VARCHAR", "rank": "INTEGER", "weight_basis": "VARCHAR", "label": "VARCHAR",
    "base_fee": "DECIMAL(12,4)", "step_fee": "DECIMAL(12,4)",
}


def install_policy(con: duckdb.DuckDBPyConnection, policy: Policy, as_of: date) -> None:
    """(Re)create the ``policy_*`` temp tables for ``policy`` as of ``as_of``."""
    for table, (section, cols, group) in TABLES.items():
        entries = policy.sections[section]
        if table == "policy_window":
            assert group is not None  # windows are grouped by claim type
            in_force = _latest(entries, group, as_of, lambda e: e["default"])
        elif table == "policy_valuation":
            assert group is not None  # valuations are grouped by claim type
            in_force = _latest(entries, group, as_of) if entries else []
        else:
            in_force = _latest(entries, group, as_of) if group else [e["effective"] <= as_of for e in entries]
        col_sql = ", ".join(f'"{c}" {SQL_TYPES.get(c, "DOUBLE")}' for c in cols)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} ({col_sql}, effective DATE, source VARCHAR, "
                    "certainty VARCHAR, checked DATE, in_force BOOLEAN)")
        rows = [[e[c] for c in cols] + [e["effective"], e["source"], e["certainty"], e["checked"], f]
                for e, f in zip(entries, in_force, strict=False)]
        _insert(con, table, rows)
    _install_reasons(con, policy, as_of)
    _install_params(con, policy, as_of)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[list[object]]) -> None:
    """All rows in one statement (one round trip, not one a row)."""
    if rows:
        one = "(" + ", ".join("?" * len(rows[0])) + ")"
        con.execute(f"INSERT INTO {table} VALUES {', '.join([one] * len(rows))}", [v for r in rows for v in r])


def _latest(entries: list[dict[str, Any]], group: tuple[str, ...], as_of: date,
            eligible: Callable[[dict[str, Any]], bool] = lambda e: True) -> list[bool]:
    best: dict[tuple[object, ...], date] = {}
    for e in entries:
        if eligible(e) and e["effective"] <= as_of:
            k = tuple(e[g] for g in group)
            best[k] = max(best.get(k, e["effective"]), e["effective"])
    return [eligible(e) and best.get(tuple(e[g] for g in group)) == e["effective"] for e in entries]


def _install_reasons(con: duckdb.DuckDBPyConnection, policy: Policy, as_of: date) -> None:
    entries = policy.sections["reasons"]
    flags = _latest(entries, ("type", "role"), as_of)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE policy_reason "
        "(type VARCHAR, role VARCHAR, code VARCHAR, effective DATE, source VARCHAR, in_force BOOLEAN)"
    )
    rows = [[e["type"], e["role"], c, e["effective"], e["source"], f]
            for e, f in zip(entries, flags, strict=False) for c in e["codes"]]
    _insert(con, "policy_reason", rows)


def _install_params(con: duckdb.DuckDBPyConnection, policy: Policy, as_of: date) -> None:
    entries = [e for e in policy.sections["params"] if e["default"]]
    flags = _latest(entries, ("name",), as_of)
    # A parameter in force on as_of, else its earliest default entry (a valuation
    # date in the future is still the valuation date).
    by_name: dict[str, list[tuple[dict[str, Any], bool]]] = defaultdict(list)
    for e, f in zip(entries, flags, strict=False):
        by_name[e["name"]].append((e, f))
    chosen: list[dict[str, Any]] = []
    for items in by_name.values():
        live = [e for e, f in items if f]
        chosen.append(live[0] if live else min((e for e, _ in items), key=lambda e: e["effective"]))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE policy_param "
        "(name VARCHAR, value_num DOUBLE, value_date DATE, effective DATE, source VARCHAR, certainty VARCHAR)"
    )
    _insert(
        con,
        "policy_param",
        [
            [e["name"], None if isinstance(e["value"], date) else float(e["value"]),
             e["value"] if isinstance(e["value"], date) else None, e["effective"], e["source"], e["certainty"]]
            for e in chosen
        ],
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE policy_market AS SELECT ? AS marketplace, ? AS currency",
        [policy.marketplace, policy.currency],
    )
