"""``claimpilot cases ...``: claims from the audit, case packets, filing, denials, appeals, money."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claimpilot import clock

if TYPE_CHECKING:
    from claimpilot.tools.cases.service import CaseService

cases_app = typer.Typer(help="Claims and cases: sync from the audit, draft, export, follow until paid.",
                        no_args_is_help=True)

Seller = Annotated[str | None, typer.Option(help="Seller id (default: CLAIMPILOT_SELLER_ID).")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: today).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def register(app: typer.Typer) -> None:
    app.add_typer(cases_app, name="cases")


def _service(seller: str | None) -> CaseService:
    from claimpilot.config import Settings
    from claimpilot.tools.cases.service import CaseService

    return CaseService(Settings(), seller_id=seller)


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else clock.today()
    except ValueError as exc:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from exc


def _fail(exc: Exception) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(code=1) from exc


def _print(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


@cases_app.command("sync")
def sync(as_of: AsOf = None, seller: Seller = None,
         findings: Annotated[Path | None, typer.Option(help="An audit's JSON output instead of running the audit.")]
         = None, as_json: AsJson = False) -> None:
    """Audit the seller's stored reports, turn the findings into claims and match new reimbursements."""
    from claimpilot.db.seller_lock import seller_lock
    from claimpilot.tools.reports.warehouse import WarehouseBusy

    svc = _service(seller)
    with seller_lock(svc.settings, svc.seller_id) as held:
        if held is None:
            typer.echo(f"error: another run is working on seller {svc.seller_id} (a cases sync or a scheduled "
                       "scan); nothing was done, try again when it is done", err=True)
            raise typer.Exit(code=1)
        try:
            _sync(svc, as_of, findings, as_json)
        except WarehouseBusy as exc:
            _fail(exc)


def _sync(svc: CaseService, as_of: str | None, findings: Path | None, as_json: bool) -> None:
    from claimpilot.tools.cases.finding_io import read_findings

    day = _day(as_of)
    if findings is not None:
        file_day, found = read_findings(findings, svc.marketplace)
        day = _day(as_of) if as_of else (file_day or day)
        result, matched = svc.sync(found, day), []
    else:
        from claimpilot.tools.cases.refresh import refresh_claims

        refreshed = refresh_claims(svc.settings, day, cases=svc)
        result, matched = refreshed.sync, refreshed.matched
    out = {**result.to_json(), "reimbursements_matched": len(matched)}
    if as_json:
        _print(out)
        return
    moves = ", ".join(f"{k}: {v}" for k, v in sorted(result.moves.items())) or "none"
    typer.echo(f"as of {day}: {result.created} new claim(s), {result.changed} changed, moves: {moves}, "
               f"{len(matched)} reimbursement(s) matched")


@cases_app.command("list")
def list_claims(status: Annotated[list[str] | None, typer.Option(help="Only these statuses.")] = None,
                type: Annotated[str | None, typer.Option(help="Only this claim type.")] = None,
                fnsku: Annotated[str | None, typer.Option(help="Only this FNSKU.")] = None,
                since: Annotated[str | None, typer.Option(help="Event date on or after (YYYY-MM-DD).")] = None,
                until: Annotated[str | None, typer.Option(help="Event date on or before (YYYY-MM-DD).")] = None,
                limit: Annotated[int | None, typer.Option(min=1, help="At most this many claims.")] = None,
                offset: Annotated[int, typer.Option(min=0, help="Skip this many claims first.")] = 0,
                seller: Seller = None, as_json: AsJson = False) -> None:
    """The seller's claims, soonest window closing first."""
    from claimpilot.tools.cases.claims_query import ClaimFilter

    flt = ClaimFilter.of(status, type=type, fnsku=fnsku, since=_day(since) if since else None,
                         until=_day(until) if until else None)
    page = _service(seller).claims_page(flt, limit, offset)
    rows = page.items
    if as_json:
        _print({"claims": rows, "total": page.total})
        return
    from rich.console import Console
    from rich.table import Table

    table = Table()
    for h in ("id", "type", "status", "reference", "fnsku", "qty", "amount", "closes", "case"):
        table.add_column(h)
    for r in rows:
        table.add_row(str(r["id"]), r["type"], r["status"], r["reference_id"], r["fnsku"] or "", str(r["quantity"]),
                      f'{r["amount"]} {r["currency"]}', r["window_closes"], r["amazon_case_id"] or "")
    Console().print(table)
    typer.echo(f"{len(rows)} of {page.total} claim(s)" + (f" from #{offset + 1}" if offset else ""))


@cases_app.command("show")
def show(claim_id: int, seller: Seller = None, as_json: AsJson = False) -> None:
    """One claim with its history, reimbursements, denials and appeals."""
    from claimpilot.tools.cases.service import ClaimNotFound

    try:
        c = _service(seller).get_claim(claim_id)
    except ClaimNotFound as exc:
        _fail(exc)
    if as_json:
        _print(c)
        return
    typer.echo(f'claim {c["id"]}: {c["type"]} {c["status"]} | {c["reference_id"]} | FNSKU {c["fnsku"]} | '
               f'{c["quantity"]} unit(s) | {c["amount"]} {c["currency"]} | window {c["window_opens"]}..'
               f'{c["window_closes"]} | Amazon case {c["amazon_case_id"] or "-"}')
    for e in c["events"]:
        typer.echo(f'  {e["as_of"]} {e["kind"]}: {e["from_status"] or ""}->{e["to_status"] or ""} '
                   f'{e["old_quantity"] if e["old_quantity"] is not None else ""}->'
                   f'{e["new_quantity"] if e["new_quantity"] is not None else ""} {e["note"]}')


@cases_app.command("draft")
def draft(claim_id: int, seller: Seller = None, as_of: AsOf = None, as_json: AsJson = False) -> None:
    """The case packet of a claimable claim: the text to file, the Chinese explanation, where to file (refused once
    its window has closed)."""
    from claimpilot.tools.cases.service import ClaimNotFound
    from claimpilot.tools.cases.states import TransitionError

    try:
        p = _service(seller).draft_case(claim_id, _day(as_of))
    except (ClaimNotFound, TransitionError) as exc:
        _fail(exc)
    if as_json:
        _print(p)
        return
    typer.echo(p["text"])
    typer.echo("-" * 60)
    typer.echo(p["explanation_zh"])
    typer.echo(f'File at: {p["file_at"]}\n{p["how_to_file"]}')
    typer.echo("Compliance: " + ("passed" if p["compliance_ok"] else "FAILED: " + "; ".join(p["compliance_issues"])))


@cases_app.command("export")
def export(target: Annotated[Path, typer.Argument(help="A folder, or a file name ending in .zip.")],
           seller: Seller = None, as_of: AsOf = None) -> None:
    """Every claimable claim's packet, plus claims.xlsx and claims.csv, to a folder or zip."""
    r = _service(seller).export(target, _day(as_of))
    typer.echo(f"{r.packets} packet(s), {r.claims} claim(s) -> {r.path}")


@cases_app.command("mark-submitted")
def mark_submitted(claim_id: int, case_id: Annotated[str, typer.Option("--case-id", help="Amazon's case id.")],
                   on: AsOf = None, seller: Seller = None) -> None:
    """Record that the claim's packet (or its appeal) was filed as an Amazon case."""
    from claimpilot.tools.cases.service import ClaimNotFound
    from claimpilot.tools.cases.states import TransitionError

    try:
        c = _service(seller).mark_submitted(claim_id, case_id, _day(on))
    except (ClaimNotFound, TransitionError, ValueError) as exc:
        _fail(exc)
    typer.echo(f'claim {c["id"]} is {c["status"]} (Amazon case {c["amazon_case_id"]})')


@cases_app.command("deny")
def deny(claim_id: int, reason: Annotated[str, typer.Option(help="Amazon's answer, as written.")],
         on: AsOf = None, seller: Seller = None) -> None:
    """Record Amazon's denial of a claim, with its reason."""
    from claimpilot.tools.cases.service import ClaimNotFound
    from claimpilot.tools.cases.states import TransitionError

    try:
        c = _service(seller).record_denial(claim_id, reason, _day(on))
    except (ClaimNotFound, TransitionError) as exc:
        _fail(exc)
    typer.echo(f'claim {c["id"]} is {c["status"]} (reason: {c["denials"][-1]["reason_code"]})')


@cases_app.command("appeal")
def appeal(claim_id: int, seller: Seller = None, as_json: AsJson = False) -> None:
    """An appeal draft answering a denied claim's reason."""
    from claimpilot.tools.cases.service import ClaimNotFound
    from claimpilot.tools.cases.states import TransitionError

    try:
        a = _service(seller).draft_appeal(claim_id)
    except (ClaimNotFound, TransitionError) as exc:
        _fail(exc)
    if as_json:
        _print(a)
        return
    typer.echo(a["text"])
    typer.echo("-" * 60)
    typer.echo(a["explanation_zh"])
    typer.echo("Compliance: " + ("passed" if a["compliance_ok"] else "FAILED: " + "; ".join(a["compliance_issues"])))


@cases_app.command("summary")
def summary(seller: Seller = None, as_json: AsJson = False) -> None:
    """Money claimed, recovered, pending, open and lost to expiry, by type and month."""
    s = _service(seller).summary()
    if as_json:
        _print(s)
        return
    t = s["total"]
    typer.echo(f'{s["marketplace"]} ({s["currency"]}): claimed {t["claimed"]}, recovered {t["recovered"]}, '
               f'pending {t["pending"]}, open {t["open"]}, lost to expiry {t["lost_to_expiry"]}, denied {t["denied"]}')
    for typ, v in s["by_type"].items():
        typer.echo(f'  {typ}: ' + ", ".join(f"{k} {val}" for k, val in v.items()))
