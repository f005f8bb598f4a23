"""``claimpilot sellers add|list|remove|set-credentials|schedule``: the seller accounts scheduled jobs run for."""

from __future__ import annotations

import getpass
import os

import typer

sellers_app = typer.Typer(help="Seller accounts, their SP-API credentials and their job schedules.",
                          no_args_is_help=True)


def _fail(message: str) -> None:
    typer.secho(message, fg="red", err=True)
    raise typer.Exit(1)


def _session():
    from claimpilot.config import get_settings
    from claimpilot.db import session_factory
    from claimpilot.jobs.runner import ensure_schema

    settings = get_settings()
    ensure_schema(settings)
    return settings, session_factory(settings)()


def _secret(label: str, env: str, prompt: bool) -> str | None:
    """A secret from the named environment variable, else (if ``prompt``) typed without echo."""
    if env:
        value = os.environ.get(env)
        if not value:
            _fail(f"environment variable {env} is not set")
        return value
    if not prompt:
        return None
    return getpass.getpass(f"{label}: ") or None


@sellers_app.command("add")
def add(seller_id: str = typer.Argument(..., help="the seller account id its data is filed under"),
        name: str = typer.Option("", help="display name"),
        marketplace: str = typer.Option("US", help="marketplace: US, CA, MX, UK, DE, FR, IT, ES, JP, ...")) -> None:
    """Add a seller account, with the default schedule of each job kind."""
    from claimpilot.sellers import service

    settings, db = _session()
    with db:
        try:
            service.add_seller(db, seller_id, name, marketplace)
        except service.SellerError as exc:
            _fail(str(exc))
        db.commit()
        view = next(v for v in service.list_sellers(db) if v.seller_id == seller_id)
    typer.echo(f"seller {seller_id} ({view.marketplace}): " + ", ".join(f"{k} {v}" for k, v in view.schedules.items()))


@sellers_app.command("list")
def list_() -> None:
    """Every seller account: marketplace, region, whether a refresh token is stored, schedules."""
    from claimpilot.sellers import service

    _, db = _session()
    with db:
        for v in service.list_sellers(db):
            token = "refresh token stored" if v.has_refresh_token else "no refresh token"
            sched = ", ".join(f"{k} {s}" for k, s in v.schedules.items()) or "no schedules"
            typer.echo(f"{v.seller_id}\t{v.marketplace}\t{v.region or '-'}\t{token}\t{sched}")


@sellers_app.command("remove")
def remove(seller_id: str = typer.Argument(...),
           yes: bool = typer.Option(False, "--yes", help="do not ask for confirmation")) -> None:
    """Remove a seller account: its credentials, memberships and schedules (claims and files are kept)."""
    from claimpilot.sellers import service

    if not yes and not typer.confirm(f"remove seller {seller_id}?"):
        raise typer.Exit(1)
    _, db = _session()
    with db:
        try:
            service.remove_seller(db, seller_id)
        except service.SellerError as exc:
            _fail(str(exc))
        db.commit()
    typer.echo(f"removed {seller_id}")


@sellers_app.command("set-credentials")
def set_credentials(
    seller_id: str = typer.Argument(...),
    lwa_app_id: str = typer.Option(None, help="the LWA client id of the SP-API application"),
    region: str = typer.Option(None, help="NA, EU or FE"),
    endpoint: str = typer.Option(None, help="a different SP-API endpoint (the local emulator)"),
    refresh_token_env: str = typer.Option("", help="read the refresh token from this environment variable"),
    client_secret_env: str = typer.Option("", help="read the LWA client secret from this environment variable"),
    prompt: bool = typer.Option(True, help="ask for secrets not given by environment variable"),
) -> None:
    """Store a seller's SP-API credentials; the refresh token and client secret are encrypted, never echoed."""
    from claimpilot.sellers import service

    settings, db = _session()
    refresh = _secret("Refresh token (input hidden, empty keeps the stored one)", refresh_token_env, prompt)
    secret = _secret("LWA client secret (input hidden, empty keeps the stored one)", client_secret_env, prompt)
    with db:
        try:
            service.set_credentials(settings, db, seller_id, refresh_token=refresh, lwa_app_id=lwa_app_id,
                                    lwa_client_secret=secret, region=region, endpoint=endpoint)
        except service.SellerError as exc:
            _fail(str(exc))
        db.commit()
    typer.echo(f"credentials of {seller_id} stored (secrets encrypted)")


@sellers_app.command("schedule")
def schedule(seller_id: str = typer.Argument(...), kind: str = typer.Argument(..., help="scan, digest, ..."),
             at: str = typer.Option(None, "--at", help="daily at HH:MM (UTC)"),
             every: int = typer.Option(None, "--every", help="every N minutes"),
             off: bool = typer.Option(False, "--off", help="switch this job off")) -> None:
    """Set when a job kind runs for a seller."""
    from claimpilot.sellers import service

    _, db = _session()
    with db:
        try:
            row = service.set_schedule(db, seller_id, kind, at_utc=at, every_minutes=every, enabled=not off)
        except (service.SellerError, ValueError) as exc:
            _fail(str(exc))
        db.commit()
        typer.echo(f"{seller_id} {kind}: {service.describe(row)}")


def register(app: typer.Typer) -> None:
    app.add_typer(sellers_app, name="sellers")
