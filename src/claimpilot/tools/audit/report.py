"""The audit as a terminal table: by type and status, what to claim now, what expires, what was lost."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from .engine import AuditResult
from .summary import CellSummary

STATUSES = ("claimable", "pending", "expired")


def _money(amounts: dict[str, str]) -> str:
    return ", ".join(f"{amount} {cur}" for cur, amount in amounts.items()) or "0"


def _cell(c: CellSummary, single_currency: bool) -> str:
    amount = next(iter(c["amount"].values())) if single_currency else _money(c["amount"])
    return f"{c['count']} · {c['quantity']}u · {amount}"


def render(result: AuditResult, console: Console) -> None:
    s = result.summary
    currencies = {cur for cells in s["by_type"].values() for c in cells.values() for cur in c["amount"]}
    single = len(currencies) == 1
    unit = f", {next(iter(currencies))}" if single else ""
    table = Table(title=f"Audit as of {result.as_of.isoformat()} (findings · units · amount{unit})",
                  title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("type", no_wrap=True)
    for status in STATUSES:
        table.add_column(status, justify="right")
    for type_, cells in s["by_type"].items():
        row = [type_]
        for status in STATUSES:
            c = cells.get(status)
            row.append(_cell(c, single) if c else "-")
        table.add_row(*row)
    console.print(table)
    claimable = s["claimable"]
    console.print(f"Claimable now: {claimable['count']} findings, {_money(claimable['amount'])}", highlight=False)
    console.print(
        f"Expiring in the next 7 days: {s['expiring_7d']['count']} findings, {_money(s['expiring_7d']['amount'])}",
        highlight=False,
    )
    console.print(
        f"Lost to expired windows: {s['lost_to_expiry']['count']} findings, {_money(s['lost_to_expiry']['amount'])}",
        highlight=False,
    )
