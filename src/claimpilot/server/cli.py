"""``claimpilot serve`` and the account admin commands ``claimpilot users`` / ``claimpilot keys``."""

from __future__ import annotations

import getpass
import os

import typer

users_app = typer.Typer(help="People who may log in, and the seller accounts they belong to.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys for scripts (sent as 'Authorization: Bearer KEY' or 'X-API-Key').",
                       no_args_is_help=True)


def _session():
    from claimpilot.config import get_settings
    from claimpilot.db import ensure_schema, session_factory

    settings = get_settings()
    ensure_schema(settings)
    return session_factory(settings)()


def _fail(message: str) -> None:
    typer.secho(message, fg="red", err=True)
    raise typer.Exit(1)


def serve(host: str = typer.Option(None, help="address to listen on (default: settings server.host)"),
          port: int = typer.Option(None, help="port (default: settings server.port)"),
          node: str = typer.Option(None, help="the home node this web server is on, in the node's own home: the "
                                              "other web servers forward here the pages that read its sellers' "
                                              "reports (default: settings scheduler.node)"),
          node_url: str = typer.Option(None, "--node-url", help="with --node: this server's address as the other "
                                                                "web servers reach it, e.g. http://10.0.0.5:8800 "
                                                                "(default: settings server.node_url)")) -> None:
    """Serve the API and the web page with uvicorn."""
    import uvicorn

    from claimpilot.config import get_settings
    from claimpilot.server.app import create_app

    settings = get_settings()
    node = node or settings.scheduler.node
    if node:
        settings = _as_node(settings, node, node_url or settings.server.node_url)
    elif node_url:
        _fail("--node-url needs --node: the node whose sellers this web server serves")
    app = create_app(settings)
    uvicorn.run(app, host=host or settings.server.host, port=port or settings.server.port, log_level="info")


def _as_node(settings, node: str, url: str | None):
    """``settings`` of a web server on ``node``, registered with its address (where one is given)."""
    from claimpilot.accounts.nodes import NodeError, register_node
    from claimpilot.db import ensure_schema, session_factory

    if not settings.database_url:
        _fail("a home node's web server needs the installation's shared database (CLAIMPILOT_DATABASE_URL)")
    if url and not url.startswith(("http://", "https://")):
        _fail(f"--node-url must be an http:// or https:// address, not {url!r}")
    ensure_schema(settings)
    try:
        with session_factory(settings).begin() as db:
            register_node(db, node, str(settings.home.resolve()), url=url)
    except NodeError as exc:
        _fail(str(exc))
    return settings.model_copy(update={"scheduler": settings.scheduler.model_copy(update={"node": node})})


@users_app.command("add")
def users_add(
    email: str = typer.Argument(..., help="the person's email, used to log in"),
    seller: list[str] = typer.Option([], "--seller", "-s", help="seller account id, repeatable (an existing one, "
                                                                   "`claimpilot sellers add`; or --create)"),
    role: str = typer.Option("operator", help="role in those seller accounts: viewer, operator, approver, admin"),
    name: str = typer.Option("", help="display name"),
    password_env: str = typer.Option("", help="read the password from this environment variable, not a prompt"),
    create: bool = typer.Option(False, "--create", help="create the seller accounts that do not exist yet (no "
                                                        "schedules: `claimpilot sellers add` gives them later)"),
) -> None:
    """Add a user (or give an existing one a role in more seller accounts)."""
    from claimpilot.accounts import members as accounts
    from claimpilot.accounts.models import SellerAccount

    with _session() as db:
        unknown = [s for s in seller if db.get(SellerAccount, s) is None]
        if unknown and not create:
            _fail(f"no such seller account: {', '.join(unknown)} (add it with `claimpilot sellers add "
                  f"{unknown[0]}`, or pass --create to create it without schedules); nothing changed")
        user = accounts.get_user_by_email(db, email)
        try:
            if user is None:
                password = os.environ.get(password_env, "") if password_env else getpass.getpass("Password: ")
                user = accounts.create_user(db, email, password, name)
            for seller_id in seller:
                accounts.grant(db, user, seller_id, role)
        except accounts.AccountError as exc:
            _fail(str(exc))
        db.commit()
        typer.echo(f"user {user.email} (id {user.id})" + (f": {role} in {', '.join(seller)}" if seller else ""))


@users_app.command("list")
def users_list() -> None:
    """Every user and their roles."""
    from sqlalchemy import select

    from claimpilot.accounts import members as accounts
    from claimpilot.accounts.models import User

    with _session() as db:
        for user in db.scalars(select(User).order_by(User.id)):
            roles = ", ".join(f"{m.seller_id}:{m.role}" for m in accounts.memberships_of(db, user.id)) or "-"
            state = "" if user.is_active else " (inactive)"
            typer.echo(f"{user.id}\t{user.email}{state}\t{roles}")


@keys_app.command("create")
def keys_create(email: str = typer.Argument(..., help="the user the key acts as"),
                name: str = typer.Option("", help="what the key is for")) -> None:
    """Make an API key; it is printed once and never again."""
    from claimpilot.accounts import members as accounts

    with _session() as db:
        user = accounts.get_user_by_email(db, email)
        if user is None:
            _fail(f"no such user: {email}")
        key, token = accounts.create_api_key(db, user, name)
        db.commit()
        typer.echo(f"key {key.prefix} (id {key.id}) for {user.email}; keep it now, it is not shown again:",
                   err=True)
        typer.echo(token)


@keys_app.command("revoke")
def keys_revoke(key: str = typer.Argument(..., help="the key's visible prefix (cp_xxxxxxxx) or id")) -> None:
    """Revoke an API key at once."""
    from claimpilot.accounts import members as accounts

    with _session() as db:
        try:
            row = accounts.revoke_api_key(db, key)
        except accounts.AccountError as exc:
            _fail(str(exc))
        db.commit()
        typer.echo(f"revoked {row.prefix} (id {row.id})")


@keys_app.command("list")
def keys_list() -> None:
    """Every API key, by prefix (never the key itself)."""
    from claimpilot.accounts import members as accounts
    from claimpilot.accounts.models import User

    with _session() as db:
        for key in accounts.list_api_keys(db):
            owner = db.get(User, key.user_id)
            state = "revoked" if key.revoked_at else "active"
            typer.echo(f"{key.id}\t{key.prefix}\t{owner.email if owner else '?'}\t{state}\t{key.name}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")
    app.add_typer(keys_app, name="keys")
