"""The demo's closing summary, as a person reads it in a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from claimpilot.sandbox.demo import DemoRun
from claimpilot.tools.audit.report import render as render_audit


def render(run: DemoRun, console: Console) -> None:
    scan = run.scan
    if scan.fetch is not None:
        fetched = Table(title="Reports fetched through the SP-API")
        fetched.add_column("report")
        fetched.add_column("rows", justify="right")
        for kind, rows in sorted(scan.fetch.rows_by_kind().items()):
            fetched.add_row(kind, f"{rows:,}")
        console.print(fetched)
        for failed in scan.fetch.failed:
            console.print(f"[red]not fetched[/] {failed.kind} {failed.range}: {failed.error}", highlight=False)
        for hand in scan.fetch.by_hand:
            console.print(f"[yellow]download by hand[/] {hand.text('en')}", highlight=False, soft_wrap=True)
    console.print(f"Settlements past the 90-day retention, downloaded by hand and imported from {run.by_hand_dir}: "
                  f"{len(run.by_hand.files)} files, {run.by_hand.rows_added:,} rows", highlight=False, soft_wrap=True)

    render_audit(scan.audit, console)

    claims = scan.sync.to_json()
    money = scan.money
    cur = money.get("currency") or ""
    console.print(
        f"\nClaims: {claims['created']} new, {claims['changed']} changed; "
        f"{len(scan.packets)} case packets ready to file; "
        f"{len(scan.reimbursements_matched)} reimbursements matched to filed cases.",
        highlight=False,
    )
    total = money.get("total", {})
    console.print(
        f"Money: open to claim {total.get('open', '0.00')} {cur}, pending with Amazon {total.get('pending', '0.00')} {cur}, "
        f"recovered {total.get('recovered', '0.00')} {cur}, lost to expiry {total.get('lost_to_expiry', '0.00')} {cur}.",
        highlight=False,
    )
    console.print(f"Case packets and the spreadsheet: {run.export_dir}", highlight=False)

    card = run.scorecard
    verdict = "[green]every injected loss found, right to the unit and the cent; nothing false claimed[/]" \
        if card.perfect else "[red]the audit and the truth disagree[/]"
    console.print(
        f"\nAgainst the demo seller's truth: {card.found_exact} of {card.expected} exact; {verdict}",
        highlight=False,
    )
    for label, items in (("missed", card.missed), ("wrong", card.wrong), ("false claim", card.false_claims)):
        for item in items[:10]:
            console.print(f"  [red]{label}[/] {item}", highlight=False)
