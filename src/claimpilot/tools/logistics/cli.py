"""``claimpilot track ...``: follow shipments (parcels, FBA inbound, sea and air legs) and their alerts."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from claimpilot.tools.logistics.service import LogisticsService

T = TypeVar("T")

track_app = typer.Typer(help="Shipments: track numbers, FBA inbound, forwarder legs; alerts.", no_args_is_help=True)

Seller = Annotated[str | None, typer.Option(help="Seller id (default: CLAIMPILOT_SELLER_ID).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Today = Annotated[str | None, typer.Option("--today", help="YYYY-MM-DD the alerts are judged on (default: today).")]


def register(app: typer.Typer) -> None:
    app.add_typer(track_app, name="track")


def _service(seller: str | None) -> LogisticsService:
    """The seller's service, with its own SP-API credentials and alert channels when it has them."""
    from claimpilot.accounts.settings import seller_settings
    from claimpilot.config import Settings
    from claimpilot.tools.logistics.service import LogisticsService

    return LogisticsService(seller_settings(Settings(), seller)[0])


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from exc


def _run(fn: Callable[[], T]) -> T:
    from claimpilot.tools.logistics.forwarder import ForwarderFileError
    from claimpilot.tools.logistics.service import LogisticsError
    from claimpilot.tools.logistics.track17 import Track17Error

    try:
        return fn()
    except (LogisticsError, ForwarderFileError, Track17Error) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(code=1) from None


def _print(obj: object) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _table(rows: list[dict[str, Any]]) -> None:
    if not rows:
        typer.echo("no shipments")
        return
    for r in rows:
        eta = r.get("eta") or r.get("planned_eta") or "-"
        extra = f"  {r['received']}/{r['shipped']} received" if r.get("shipped") is not None else ""
        hold = "  CUSTOMS HOLD" if r.get("customs_hold") else ""
        typer.echo(f"{r['ref']:<22} {r['kind']:<6} {r['status']:<16} {r['provider_status'][:28]:<28} "
                   f"ETA {eta}{extra}{hold}")


@track_app.command("add")
def add(ref: str, kind: Annotated[str | None, typer.Option(help="parcel, fba, sea or air (default: guessed).")] = None,
        carrier: Annotated[int | None, typer.Option(help="17TRACK carrier code (default: detected).")] = None,
        order: Annotated[str | None, typer.Option(help="Amazon order id this parcel delivers.")] = None,
        fba: Annotated[str | None, typer.Option(help="FBA shipment id this leg delivers.")] = None,
        plan: Annotated[str | None, typer.Option(help="Planned arrival YYYY-MM-DD.")] = None,
        seller: Seller = None, as_json: AsJson = False) -> None:
    """Track a number: a parcel (registered with 17TRACK) or an FBA shipment id."""
    row = _run(lambda: _service(seller).add(ref, kind=kind, carrier_code=carrier, order_id=order,
                                            fba_shipment_id=fba, planned_eta=_day(plan)))
    _print(row) if as_json else typer.echo(f"tracking {row['ref']} ({row['kind']})")


@track_app.command("list")
def list_(status: Annotated[str | None, typer.Option(help="Only this normalised status.")] = None,
          kind: Annotated[str | None, typer.Option(help="parcel, fba, sea or air.")] = None,
          late: Annotated[bool, typer.Option("--late", help="Only what is late, held or in exception.")] = False,
          today: Today = None, seller: Seller = None, as_json: AsJson = False) -> None:
    """The shipments, newest change first."""
    svc = _service(seller)
    rows = svc.late(_day(today)) if late else svc.list(status=status, kind=kind)
    if late and (status or kind):
        rows = [r for r in rows if (not status or r["status"] == status) and (not kind or r["kind"] == kind)]
    _print(rows) if as_json else _table(rows)


@track_app.command("show")
def show(ref: str, seller: Seller = None, as_json: AsJson = False) -> None:
    """One shipment: scans, ETA history, items (FBA), alerts."""
    data = _run(lambda: _service(seller).show(ref))
    if as_json:
        _print(data)
        return
    _table([data])
    for e in data["events"]:
        typer.echo(f"  {e['at'][:16]}  {e['status']:<16} {e['description']}  {e['location']}")
    for c in data["eta_history"]:
        typer.echo(f"  ETA {c['old_eta'] or '-'} -> {c['new_eta']} ({c['source']}, {c['at'][:10]})")
    for i in data["items"]:
        typer.echo(f"  {i['fnsku']}  shipped {i['shipped']}  received {i['received']}")
    for a in data["alerts"]:
        typer.echo(f"  ! {a['message']}")


@track_app.command("alerts")
def alerts(kind: Annotated[str | None, typer.Option(help="Only this kind of alert.")] = None,
           seller: Seller = None, as_json: AsJson = False) -> None:
    """Alerts raised so far, newest first, with where each was delivered."""
    rows = _service(seller).alerts(kind=kind)
    if as_json:
        _print(rows)
        return
    for a in rows:
        sent = ", ".join(f"{c}: {v}" for c, v in a["deliveries"].items()) or "no channel configured"
        typer.echo(f"{a['raised_on']}  {a['kind']:<15} {a['message']}  [{sent}]")
    if not rows:
        typer.echo("no alerts")


@track_app.command("refresh")
def refresh(today: Today = None, seller: Seller = None, as_json: AsJson = False,
            no_notify: Annotated[bool, typer.Option("--no-notify", help="Raise alerts but send nothing.")] = False,
            ) -> None:
    """Pull news from 17TRACK and the SP-API, raise the alerts due, deliver them."""
    result = _run(lambda: _service(seller).refresh(today=_day(today), notify=not no_notify)).to_dict()
    if as_json:
        _print(result)
    else:
        typer.echo(f"{result['updated']} shipments updated, {result['new_scans']} new scans, "
                   f"{len(result['new_alerts'])} new alerts")
        for source, error in result["errors"].items():
            typer.echo(f"error ({source}): {error}", err=True)
    if result["errors"]:
        raise typer.Exit(code=1)


@track_app.command("import")
def import_(path: Path, seller: Seller = None, as_json: AsJson = False) -> None:
    """A freight forwarder's CSV or Excel file of sea and air legs (all rows or none)."""
    changes = _run(lambda: _service(seller).import_forwarder(path))
    if as_json:
        _print(changes)
    else:
        typer.echo(f"{len(changes)} legs from {path.name}: " + ", ".join(f"{c['ref']} {c['status']}" for c in changes))
