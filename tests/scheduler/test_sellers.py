"""Seller accounts: credentials encrypted at rest with the installation's key, Settings derived per
seller without touching the base, and the ``claimpilot sellers`` commands (secrets never echoed)."""

from __future__ import annotations

import os
import stat

import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import text
from typer.testing import CliRunner

from claimpilot.accounts import crypto
from claimpilot.accounts import sellers as service
from claimpilot.accounts.models import SellerAccount, SellerCredential
from claimpilot.accounts.settings import settings_for_seller
from claimpilot.cli import app
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.runner import ensure_schema

TOKEN = "Atzr|refresh-token-of-acme-0123456789"
SECRET = "amzn1.oa2-cs.v1.client-secret-of-acme"


def stored(settings: Settings, seller_id: str) -> SellerCredential:
    with session_factory(settings)() as db:
        return db.get(SellerCredential, seller_id)


def test_credentials_are_stored_encrypted_and_read_back_per_seller(settings):
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "acme", marketplace="de")
        service.add_seller(db, "globex")
        service.set_credentials(settings, db, "acme", refresh_token=TOKEN, lwa_client_secret=SECRET,
                                lwa_app_id="amzn1.application-oa2-client.acme", region="eu")
    key_file = settings.home / "secret.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with session_factory(settings)() as db:
        raw = db.execute(text("SELECT refresh_token_enc || lwa_client_secret_enc FROM seller_credentials")).scalar()
    assert TOKEN not in raw and SECRET not in raw
    assert TOKEN.encode() not in (settings.home / "claimpilot.sqlite").read_bytes()

    with session_factory(settings)() as db:
        acme = settings_for_seller(settings, db.get(SellerAccount, "acme"), db.get(SellerCredential, "acme"))
        globex = settings_for_seller(settings, db.get(SellerAccount, "globex"), db.get(SellerCredential, "globex"))
    assert (acme.seller_id, acme.marketplace, acme.sp_api.region) == ("acme", "DE", "EU")
    assert acme.sp_api.refresh_token.get_secret_value() == TOKEN
    assert acme.sp_api.lwa_client_secret.get_secret_value() == SECRET
    assert TOKEN not in repr(acme) and TOKEN not in str(acme.model_dump())
    assert globex.sp_api.refresh_token is None and globex.seller_id == "globex"
    assert acme.warehouse_path() != globex.warehouse_path()
    assert settings.seller_id == "default" and settings.sp_api.refresh_token is None  # the base is untouched


def test_another_key_does_not_open_the_stored_credentials(settings):
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "acme")
        service.set_credentials(settings, db, "acme", refresh_token=TOKEN)
    other = settings.model_copy(update={"scheduler": settings.scheduler.model_copy(
        update={"secret_key": SecretStr(Fernet.generate_key().decode())})})
    with pytest.raises(crypto.SecretKeyError, match="does not open"):
        crypto.decrypt(other, stored(settings, "acme").refresh_token_enc)


def test_a_key_file_readable_by_others_is_refused(settings):
    path = settings.home / "secret.key"
    path.write_bytes(Fernet.generate_key())
    os.chmod(path, 0o644)
    with pytest.raises(crypto.SecretKeyError, match="chmod 600"):
        crypto.encrypt(settings, "x")


def test_an_account_made_for_a_user_is_given_schedules(settings):
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        from claimpilot.accounts import members as accounts

        accounts.ensure_seller(db, "acme", "Acme", "CA")
        service.add_seller(db, "acme")
        [view] = service.list_sellers(db)
    assert (view.seller_id, view.name, view.marketplace) == ("acme", "Acme", "CA")
    assert view.schedules["scan"] == "daily 06:00 UTC"


def test_bad_requests_are_refused_with_the_reason(settings):
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "acme")
        with pytest.raises(service.SellerError, match="already exists"):
            service.add_seller(db, "acme")
        with pytest.raises(service.SellerError, match="letters, digits"):
            service.add_seller(db, "bad id!")
        with pytest.raises(service.SellerError, match="unknown region"):
            service.set_credentials(settings, db, "acme", region="XX")
        with pytest.raises(service.SellerError, match="unknown job kind"):
            service.set_schedule(db, "acme", "mine_bitcoin", at_utc="01:00")
        with pytest.raises(ValueError, match="HH:MM"):
            service.set_schedule(db, "acme", "scan", at_utc="25:99")
        with pytest.raises(service.SellerError, match="exactly one"):
            service.set_schedule(db, "acme", "scan", at_utc="01:00", every_minutes=5)


def test_the_sellers_commands_never_echo_a_secret(isolated_home):
    runner = CliRunner()
    env = {"CLAIMPILOT_HOME": str(isolated_home), "ACME_TOKEN": TOKEN, "ACME_SECRET": SECRET}
    out = runner.invoke(app, ["sellers", "add", "acme", "--marketplace", "UK", "--name", "Acme Ltd"], env=env)
    assert out.exit_code == 0, out.output
    assert "scan daily 06:00 UTC" in out.output
    out = runner.invoke(app, ["sellers", "set-credentials", "acme", "--region", "EU", "--lwa-app-id", "app-1",
                              "--refresh-token-env", "ACME_TOKEN", "--client-secret-env", "ACME_SECRET"], env=env)
    assert out.exit_code == 0, out.output
    out_list = runner.invoke(app, ["sellers", "list"], env=env)
    assert "acme\tUK\tEU\trefresh token stored" in out_list.output
    out_sched = runner.invoke(app, ["sellers", "schedule", "acme", "scan", "--every", "240"], env=env)
    assert "acme scan: every 240 min" in out_sched.output
    missing = runner.invoke(app, ["sellers", "set-credentials", "acme", "--refresh-token-env", "NOPE"], env=env)
    assert missing.exit_code == 1 and "NOPE is not set" in missing.output
    for result in (out, out_list, out_sched, missing):
        assert TOKEN not in result.output and SECRET not in result.output
    gone = runner.invoke(app, ["sellers", "remove", "acme", "--yes"], env=env)
    assert gone.exit_code == 0
    assert "acme" not in runner.invoke(app, ["sellers", "list"], env=env).output
