"""``claimpilot sellers add|list|remove|set-credentials|mailbox|alerts|schedule``: the seller accounts scheduled
jobs run for, their SP-API credentials, their own buyer mailbox and alert channels."""

from __future__ import annotations

import getpass
import os
from contextlib import contextmanager
from pathlib import Path

import typer

sellers_app = typer.Typer(help="Seller accounts, their SP-API credentials, mailboxes, alert channels and job "
                               "schedules.",
                          no_args_is_help=True)


def _fail(message: str) -> None:
    typer.secho(message, fg="red", err=True)
    raise typer.Exit(1)


def _session():
    from claimpilot.config import get_settings
    from claimpilot.db import ensure_schema, session_factory

    settings = get_settings()
    ensure_schema(settings)
    return settings, session_factory(settings)()


@contextmanager
def _writing(db, refused: type[Exception] | None = None):
    """``db`` for one change: committed when the block ends; a refusal (the service's ``SellerError``)
    ends the command with its message."""
    from claimpilot.accounts.sellers import SellerError

    caught = refused or SellerError
    with db:
        try:
            yield db
        except caught as exc:
            _fail(str(exc))
        db.commit()


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
    from claimpilot.accounts import sellers as service

    settings, db = _session()
    with _writing(db):
        service.add_seller(db, seller_id, name, marketplace)
    with db:
        view = next(v for v in service.list_sellers(db) if v.seller_id == seller_id)
    home = f"; home node {view.node}" if view.node else ""
    typer.echo(f"seller {seller_id} ({view.marketplace}): " + ", ".join(f"{k} {v}" for k, v in view.schedules.items())
               + home)


@sellers_app.command("list")
def list_() -> None:
    """Every seller account: marketplace, region, whether a refresh token is stored, schedules, whether it
    has its own mailbox and alert channels."""
    from claimpilot.accounts import sellers as service

    _, db = _session()
    with db:
        for v in service.list_sellers(db):
            token = "refresh token stored" if v.has_refresh_token else "no refresh token"
            mailbox = "own mailbox" if v.has_mailbox else "no own mailbox"
            alerts = "own alert channels" if v.has_alert_channels else "installation alert channels"
            sched = ", ".join(f"{k} {s}" for k, s in v.schedules.items()) or "no schedules"
            home = f"\tnode {v.node}" if v.node else ""
            typer.echo(f"{v.seller_id}\t{v.marketplace}\t{v.region or '-'}\t{token}\t{sched}\t{mailbox}\t{alerts}"
                       + home)


@sellers_app.command("remove")
def remove(seller_id: str = typer.Argument(...),
           yes: bool = typer.Option(False, "--yes", help="do not ask for confirmation")) -> None:
    """Remove a seller account: its credentials, memberships and schedules (claims and files are kept)."""
    from claimpilot.accounts import sellers as service

    if not yes and not typer.confirm(f"remove seller {seller_id}?"):
        raise typer.Exit(1)
    _, db = _session()
    with _writing(db):
        service.remove_seller(db, seller_id)
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
    from claimpilot.accounts import sellers as service

    settings, db = _session()
    refresh = _secret("Refresh token (input hidden, empty keeps the stored one)", refresh_token_env, prompt)
    secret = _secret("LWA client secret (input hidden, empty keeps the stored one)", client_secret_env, prompt)
    with _writing(db):
        service.set_credentials(settings, db, seller_id, refresh_token=refresh, lwa_app_id=lwa_app_id,
                                lwa_client_secret=secret, region=region, endpoint=endpoint)
    typer.echo(f"credentials of {seller_id} stored (secrets encrypted)")


def _server(cfg) -> str:
    return f"{cfg.host}:{cfg.port} ({cfg.security})" if cfg.port else f"{cfg.host} ({cfg.security})"


def _given(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


def _clear(db, seller_id: str, forget, removed: str, none: str) -> None:
    """Run ``forget(db, seller_id)`` (a service ``clear_*``), commit, and say whether there was anything."""
    with _writing(db):
        had = forget(db, seller_id)
    typer.echo(removed if had else none)


@sellers_app.command("mailbox")
def mailbox(
    seller_id: str = typer.Argument(...),
    imap_host: str = typer.Option(None, help="IMAP server where Amazon's relay delivers buyer messages"),
    imap_port: int = typer.Option(None, help="IMAP port (default: 993 for ssl, 143 otherwise)"),
    imap_security: str = typer.Option(None, help="ssl, starttls, or plain (only to this machine)"),
    imap_user: str = typer.Option(None, help="IMAP login"),
    imap_password_env: str = typer.Option("", help="read the IMAP password from this environment variable"),
    imap_folder: str = typer.Option(None, help="the folder buyer messages arrive in (INBOX)"),
    imap_sent_folder: str = typer.Option(None, help="the folder sent replies are copied to (settles uncertain sends)"),
    smtp_host: str = typer.Option(None, help="SMTP server replies leave through"),
    smtp_port: int = typer.Option(None, help="SMTP port (default: 465 for ssl, 587 otherwise)"),
    smtp_security: str = typer.Option(None, help="ssl, starttls, or plain (only to this machine)"),
    smtp_user: str = typer.Option(None, help="SMTP login, if the server wants one"),
    smtp_password_env: str = typer.Option("", help="read the SMTP password from this environment variable"),
    from_address: str = typer.Option(None, help="the address the seller registered with Amazon to reply from"),
    prompt: bool = typer.Option(True, help="ask for passwords not given by environment variable"),
    clear: bool = typer.Option(False, "--clear", help="forget the seller's own mailbox"),
) -> None:
    """Give a seller its own buyer mailbox (IMAP) and sender (SMTP); passwords are encrypted, never echoed."""
    from claimpilot.accounts import sellers as service

    settings, db = _session()
    if clear:
        _clear(db, seller_id, service.clear_mailbox, f"mailbox of {seller_id} removed",
               f"{seller_id} had no mailbox of its own")
        return
    imap_password = _secret("IMAP password (input hidden, empty keeps the stored one)", imap_password_env, prompt)
    smtp_password = _secret("SMTP password (input hidden, empty keeps the stored one)", smtp_password_env,
                            prompt and bool(smtp_user))
    imap = _given(host=imap_host, port=imap_port, security=imap_security, username=imap_user, password=imap_password,
                  mailbox=imap_folder, sent_mailbox=imap_sent_folder)
    smtp = _given(host=smtp_host, port=smtp_port, security=smtp_security, username=smtp_user, password=smtp_password,
                  from_address=from_address)
    with _writing(db):
        got_imap, got_smtp = service.set_mailbox(settings, db, seller_id, imap=imap, smtp=smtp)
    with db:
        buyer_mail = service.schedule_of(db, seller_id, "buyer_mail")
    sender = f"; replies from {got_smtp.from_address} via {_server(got_smtp)}" if got_smtp.host else "; no sender"
    typer.echo(f"mailbox of {seller_id} stored (passwords encrypted): {got_imap.username} at {_server(got_imap)}"
               f"{sender}")
    if buyer_mail is None or not buyer_mail.enabled:
        typer.echo(f"switch on its buyer mail job with: claimpilot sellers schedule {seller_id} buyer_mail --every 15")
    else:
        typer.echo(f"its buyer mail job runs {service.describe(buyer_mail)}")


@sellers_app.command("alerts")
def alerts(
    seller_id: str = typer.Argument(...),
    webhook_url: str = typer.Option(None, help="your webhook: gets HMAC-signed JSON (plain http only to this machine)"),
    webhook_secret_env: str = typer.Option("", help="read the webhook's signing secret from this environment variable"),
    email_to: list[str] = typer.Option(None, "--email-to", help="an address to e-mail alerts and digests to (repeat)"),
    wecom_url_env: str = typer.Option("", help="read the WeCom group bot URL from this environment variable"),
    dingtalk_url_env: str = typer.Option("", help="read the DingTalk bot URL from this environment variable"),
    dingtalk_secret_env: str = typer.Option("", help="read the DingTalk signing secret from this environment variable"),
    feishu_url_env: str = typer.Option("", help="read the Feishu bot URL from this environment variable"),
    feishu_secret_env: str = typer.Option("", help="read the Feishu signing secret from this environment variable"),
    remove: list[str] = typer.Option(None, "--remove", help="drop a channel: webhook, email, wecom, dingtalk, feishu"),
    prompt: bool = typer.Option(False, help="ask (input hidden) for each secret not given by environment variable"),
    clear: bool = typer.Option(False, "--clear", help="forget the seller's own channels (back to the installation's)"),
) -> None:
    """Give a seller its own alert and digest channels, used instead of the installation's; secret URLs and
    secrets come from environment variables or a hidden prompt, are encrypted and never echoed. E-mail goes
    through the seller's own sender ('claimpilot sellers mailbox'), else the installation's when that is
    this seller's."""
    from claimpilot.accounts import sellers as service
    from claimpilot.notify import configured_channels

    settings, db = _session()
    if clear:
        _clear(db, seller_id, service.clear_alert_channels,
               f"alert channels of {seller_id} removed; it uses the installation's",
               f"{seller_id} had no alert channels of its own")
        return
    fields: dict = _given(webhook_url=webhook_url, email_to=[a for a in email_to if a] if email_to else None)
    envs = {"webhook_secret": webhook_secret_env, "wecom_url": wecom_url_env, "dingtalk_url": dingtalk_url_env,
            "dingtalk_secret": dingtalk_secret_env, "feishu_url": feishu_url_env, "feishu_secret": feishu_secret_env}
    for name, env in envs.items():
        label = name.replace("_", " ").replace("url", "URL")
        value = _secret(f"{label} (input hidden, empty keeps the stored one)", env, prompt)
        if value is not None:
            fields[name] = value
    for channel in remove or []:
        if channel not in REMOVABLE:
            _fail(f"--remove {channel!r}: one of {', '.join(REMOVABLE)}")
        fields.update({name: "" for name in REMOVABLE[channel]})
    with _writing(db):
        cfg = service.set_alert_channels(settings, db, seller_id, **fields)
    typer.echo(f"alert channels of {seller_id} stored (secrets encrypted): {', '.join(configured_channels(cfg))}")


REMOVABLE = {"webhook": ("webhook_url", "webhook_secret"), "email": ("email_to",),
             "wecom": ("wecom_url",), "dingtalk": ("dingtalk_url", "dingtalk_secret"),
             "feishu": ("feishu_url", "feishu_secret")}
"""What ``sellers alerts --remove CHANNEL`` drops."""


@sellers_app.command("schedule")
def schedule(seller_id: str = typer.Argument(...), kind: str = typer.Argument(..., help="scan, digest, ..."),
             at: str = typer.Option(None, "--at", help="daily at HH:MM (UTC)"),
             every: int = typer.Option(None, "--every", help="every N minutes"),
             off: bool = typer.Option(False, "--off", help="switch this job off")) -> None:
    """Set when a job kind runs for a seller."""
    from claimpilot.accounts import sellers as service

    _, db = _session()
    with _writing(db, refused=ValueError):  # a SellerError, or a time parse_at cannot read
        row = service.set_schedule(db, seller_id, kind, at_utc=at, every_minutes=every, enabled=not off)
        typer.echo(f"{seller_id} {kind}: {service.describe(row)}")


@sellers_app.command("move")
def move(seller_id: str = typer.Argument(...), node: str = typer.Argument(..., help="the new home node"),
         wait: float = typer.Option(0.0, "--wait", help="seconds to wait for a running job of the seller"),
         from_home: Path = typer.Option(None, "--from-home", help="the old node's CLAIMPILOT_HOME as this machine "
                                                                  "sees it (default: as its workers registered it)"),
         to_home: Path = typer.Option(None, "--to-home", help="the new node's CLAIMPILOT_HOME as this machine sees "
                                                              "it (default: as its workers registered it)"),
         rebuild: bool = typer.Option(False, "--rebuild", help="the old node is lost: start the seller afresh on "
                                                               "NODE (re-import its evidence there)")) -> None:
    """Move a seller's DuckDB warehouse to another worker node, and its jobs to that node's queue."""
    from claimpilot.accounts.nodes import NodeError
    from claimpilot.config import get_settings
    from claimpilot.jobs.move import MoveRefused, NoSuchSeller, move_seller

    try:
        moved = move_seller(get_settings(), seller_id, node, from_home=from_home, to_home=to_home, wait_s=wait,
                            rebuild=rebuild)
    except (MoveRefused, NoSuchSeller, NodeError) as exc:
        _fail(str(exc))
    rows = sum(moved.tables.values())
    what = ("started afresh" if moved.rebuilt
            else f"copied {moved.bytes} bytes, {rows} rows in {len(moved.tables)} tables")
    typer.echo(f"moved {seller_id} from node {moved.from_node or '(none)'} to node {node}: {what}, into {moved.target}")


@sellers_app.command("nodes")
def nodes() -> None:
    """The worker nodes (registered by `claimpilot worker --node NAME`), their homes, how many sellers each, and
    the address of each node's web server (`claimpilot serve --node NAME --node-url URL`)."""
    from claimpilot.accounts.nodes import list_nodes, seller_counts

    _, db = _session()
    with db:
        counts = seller_counts(db)
        for n in list_nodes(db):
            typer.echo(f"{n.name}\t{counts.get(n.name, 0)} sellers\t{n.home}\t"
                       f"last start {n.seen_at:%Y-%m-%d %H:%M} UTC\t{n.url or 'no web server'}")


def register(app: typer.Typer) -> None:
    app.add_typer(sellers_app, name="sellers")
