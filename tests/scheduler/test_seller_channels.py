"""A seller's own channels: alert and digest channels and a buyer mailbox kept per seller, encrypted at rest,
merged into that seller's Settings only (the base untouched, other sellers on the installation's), removed
with the seller, and set by ``claimpilot sellers mailbox|alerts`` without a secret ever echoed."""

from __future__ import annotations

import json

import pytest
from scheduler_utils import AS_OF
from sqlalchemy import func, select, text
from typer.testing import CliRunner

from claimpilot.accounts import sellers as service
from claimpilot.accounts.models import SellerAccount, SellerChannel
from claimpilot.accounts.settings import settings_for_seller
from claimpilot.cli import app
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.runner import ensure_schema, run_job
from claimpilot.netsafety import NotThisSellersMailbox, require_mailbox_owner
from claimpilot.notify.webhook import signature
from claimpilot.tools.logistics.models import ShipmentAlert
from receivers import Receiver

ACME_HOOK_SECRET = "acme-hook-secret-0123456789"
INSTALL_HOOK_SECRET = "installation-hook-secret-0123"
IMAP_PASSWORD = "imap-pass-of-acme-0123456789"
WECOM_KEY = "wecom-key-of-globex-0123456789"


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, isolated_home):
    """The operational store's URL: SQLite under the test's home, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield None
        return
    from pg_schema import fresh_schema

    with fresh_schema("cp_channels") as url:
        yield url


def installation(home, store, **values) -> Settings:
    settings = Settings(home=home, _env_file=None, database_url=store, language="en", **values)
    ensure_schema(settings)
    return settings


def mailbox(user: str, password: str | None = IMAP_PASSWORD, **imap) -> dict:
    return {"imap": {"host": "127.0.0.1", "port": 1143, "security": "plain", "username": user,
                     "password": password, **imap},
            "smtp": {"host": "127.0.0.1", "port": 2525, "security": "plain", "from_address": "support@acme.example"}}


def seller_settings(base: Settings, seller_id: str) -> Settings:
    with session_factory(base)() as db:
        return settings_for_seller(base, db.get(SellerAccount, seller_id))


def test_a_digest_goes_to_the_sellers_own_channels_only(isolated_home, store, receiver):
    base = installation(isolated_home, store, logistics={"alerts": {
        "webhook_url": f"{receiver.url}/installation", "webhook_secret": INSTALL_HOOK_SECRET, "max_retries": 1}})
    with session_factory(base).begin() as db:
        for seller in ("acme", "globex", "initech"):
            service.add_seller(db, seller, kinds=[])
            db.add(ShipmentAlert(seller_id=seller, key=f"late-{seller}", kind="eta_slip", ref=f"1Z{seller}",
                                 message=f"1Z{seller}: ETA 5 days past the plan", data={}, raised_on=AS_OF,
                                 deliveries={}))
        service.set_alert_channels(base, db, "acme", webhook_url=f"{receiver.url}/acme",
                                   webhook_secret=ACME_HOOK_SECRET)
        service.set_alert_channels(base, db, "globex", wecom_url=f"{receiver.url}/wecom?key={WECOM_KEY}")

    for seller in ("acme", "globex", "initech"):
        run = run_job(base, seller, "digest", AS_OF.isoformat())
        assert run.status == "succeeded" and run.result["sent"] is True, run
    assert sorted(hit.path for hit in receiver.received) == ["/acme", "/installation", f"/wecom?key={WECOM_KEY}"]
    posted = {hit.path.split("?")[0]: (hit.headers, hit.body) for hit in receiver.received}
    assert json.loads(posted["/installation"][1])["data"]["seller_id"] == "initech"
    wecom = json.loads(posted["/wecom"][1])["markdown"]["content"]
    assert "globex" in wecom and "1Zglobex" in wecom and "1Zacme" not in wecom

    headers, body = posted["/acme"]
    assert json.loads(body)["data"]["seller_id"] == "acme" and "1Zacme" in json.loads(body)["text"]
    assert headers["x-claimpilot-event"] == f"digest:acme:{AS_OF.isoformat()}"
    assert headers["x-claimpilot-signature"] == signature(ACME_HOOK_SECRET, headers["x-claimpilot-timestamp"], body)
    assert run_job(base, "acme", "digest", AS_OF.isoformat()).status == "skipped"  # that cycle is done
    assert base.logistics.alerts.webhook_url == f"{receiver.url}/installation"  # the base is untouched

    with session_factory(base)() as db:
        raw = " ".join(db.execute(text("SELECT settings_enc FROM seller_channels")).scalars())
    assert ACME_HOOK_SECRET not in raw and WECOM_KEY not in raw and "/acme" not in raw


def test_the_seller_settings_take_its_own_channels_and_keep_stored_secrets(isolated_home, store):
    base = installation(isolated_home, store, buyers={
        "seller_id": "default", "imap": {"host": "mail.example.com", "username": "home", "password": "home-pass"},
        "smtp": {"host": "mail.example.com", "from_address": "home@example.com"}},
        logistics={"alerts": {"email_to": ["ops@example.com"], "max_retries": 2}})
    with session_factory(base).begin() as db:
        for seller in ("acme", "globex"):
            service.add_seller(db, seller)
        service.set_mailbox(base, db, "acme", **mailbox("acme@example.com"))
        service.set_alert_channels(base, db, "acme", webhook_url="https://hooks.acme.example/claimpilot")
    acme, globex = seller_settings(base, "acme"), seller_settings(base, "globex")

    assert (acme.buyers.seller_id, acme.buyers.imap.username) == ("acme", "acme@example.com")
    assert acme.buyers.imap.password.get_secret_value() == IMAP_PASSWORD
    assert acme.buyers.smtp.from_address == "support@acme.example"
    require_mailbox_owner(acme)  # its own mailbox is its own
    assert globex.buyers == base.buyers  # no mailbox of its own: the installation's, which is 'default''s
    with pytest.raises(NotThisSellersMailbox):
        require_mailbox_owner(globex)
    assert acme.logistics.alerts.webhook_url == "https://hooks.acme.example/claimpilot"
    assert acme.logistics.alerts.email_to == [] and acme.logistics.alerts.max_retries == 2
    assert globex.logistics.alerts == base.logistics.alerts
    assert IMAP_PASSWORD not in repr(acme) and IMAP_PASSWORD not in str(acme.model_dump())
    assert (base.buyers.seller_id, base.buyers.imap.username) == ("default", "home")  # the base is untouched

    with session_factory(base).begin() as db:
        service.set_mailbox(base, db, "acme", imap={"port": 1993, "password": None})  # no password: kept
        [view] = [v for v in service.list_sellers(db) if v.seller_id == "acme"]
        assert (view.has_mailbox, view.has_alert_channels) == (True, True)
        assert IMAP_PASSWORD not in repr(view)
    again = seller_settings(base, "acme")
    assert again.buyers.imap.port == 1993 and again.buyers.imap.password.get_secret_value() == IMAP_PASSWORD

    with session_factory(base).begin() as db:
        assert service.clear_mailbox(db, "acme") and service.clear_alert_channels(db, "acme")
        assert not service.clear_mailbox(db, "acme")
    cleared = seller_settings(base, "acme")
    assert cleared.buyers == base.buyers and cleared.logistics.alerts == base.logistics.alerts


def test_the_channel_rows_go_with_the_seller(isolated_home, store):
    base = installation(isolated_home, store)
    with session_factory(base).begin() as db:
        for seller in ("acme", "globex"):
            service.add_seller(db, seller)
            service.set_mailbox(base, db, seller, **mailbox(f"{seller}@example.com"))
            service.set_alert_channels(base, db, seller, email_to=[f"ops@{seller}.example"])
    with session_factory(base).begin() as db:
        service.remove_seller(db, "acme")
    with session_factory(base)() as db:
        left = db.execute(select(SellerChannel.seller_id, func.count()).group_by(SellerChannel.seller_id)).all()
    assert [tuple(r) for r in left] == [("globex", 2)]


def test_bad_channel_settings_are_refused_with_the_reason(settings):
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "acme")
        refused = {
            "no such seller: nobody": lambda: service.set_mailbox(settings, db, "nobody", **mailbox("a@b.example")),
            "username, password missing": lambda: service.set_mailbox(settings, db, "acme",
                                                                      imap={"host": "imap.acme.example"}),
            "allowed only to this machine": lambda: service.set_mailbox(
                settings, db, "acme", **mailbox("a@b.example", host="imap.acme.example")),
            "security must be one of": lambda: service.set_mailbox(
                settings, db, "acme", **mailbox("a@b.example", security="tls9")),
            "port must be 1..65535": lambda: service.set_mailbox(settings, db, "acme",
                                                                 **mailbox("a@b.example", port=70000)),
            "unknown setting hots": lambda: service.set_mailbox(settings, db, "acme", imap={"hots": "x"}),
            "IMAP: port: Input should be a valid integer": lambda: service.set_mailbox(
                settings, db, "acme", **mailbox("a@b.example", port="nine")),
            "from_address are needed": lambda: service.set_mailbox(
                settings, db, "acme", imap=mailbox("a@b.example")["imap"], smtp={"host": "127.0.0.1"}),
            "no channel left": lambda: service.set_alert_channels(settings, db, "acme"),
            "webhook_url over plain http": lambda: service.set_alert_channels(
                settings, db, "acme", webhook_url="http://hooks.acme.example/x"),
            "wecom_url is not an http(s) URL": lambda: service.set_alert_channels(
                settings, db, "acme", wecom_url="qyapi.weixin.qq.com/send?key=abc"),
            "not an e-mail address: 'ops'": lambda: service.set_alert_channels(settings, db, "acme", email_to=["ops"]),
            "unknown setting pager": lambda: service.set_alert_channels(settings, db, "acme", pager="555"),
        }
        for reason, attempt in refused.items():
            with pytest.raises(service.SellerError, match=reason.replace("(", r"\(").replace(")", r"\)")
                               .replace(".", r"\.")):
                attempt()
        assert db.scalar(select(func.count()).select_from(SellerChannel)) == 0  # nothing half-stored


def test_the_channel_commands_never_echo_a_secret(isolated_home):
    runner = CliRunner()
    env = {"CLAIMPILOT_HOME": str(isolated_home), "ACME_IMAP": IMAP_PASSWORD, "ACME_HOOK": ACME_HOOK_SECRET,
           "ACME_WECOM": f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}"}
    results = [runner.invoke(app, ["sellers", "add", "acme"], env=env)]
    results.append(runner.invoke(app, [
        "sellers", "mailbox", "acme", "--imap-host", "127.0.0.1", "--imap-port", "1143", "--imap-security", "plain",
        "--imap-user", "acme@example.com", "--imap-password-env", "ACME_IMAP", "--smtp-host", "127.0.0.1",
        "--smtp-port", "2525", "--smtp-security", "plain", "--from-address", "support@acme.example"], env=env))
    assert results[-1].exit_code == 0, results[-1].output
    assert "mailbox of acme stored (passwords encrypted): acme@example.com at 127.0.0.1:1143" in results[-1].output
    assert "claimpilot sellers schedule acme buyer_mail --every 15" in results[-1].output
    runner.invoke(app, ["sellers", "schedule", "acme", "buyer_mail", "--every", "15"], env=env)
    results.append(runner.invoke(app, ["sellers", "mailbox", "acme", "--imap-port", "1993", "--no-prompt"], env=env))
    assert results[-1].exit_code == 0 and "its buyer mail job runs every 15 min" in results[-1].output
    results.append(runner.invoke(app, ["sellers", "alerts", "acme", "--webhook-url", "https://hooks.acme.example/x",
                                       "--webhook-secret-env", "ACME_HOOK", "--email-to", "ops@acme.example",
                                       "--wecom-url-env", "ACME_WECOM"], env=env))
    assert results[-1].exit_code == 0, results[-1].output
    assert "alert channels of acme stored (secrets encrypted): webhook, email, wecom" in results[-1].output
    results.append(runner.invoke(app, ["sellers", "alerts", "acme", "--remove", "webhook"], env=env))
    assert "stored (secrets encrypted): email, wecom" in results[-1].output
    results.append(runner.invoke(app, ["sellers", "list"], env=env))
    assert "\town mailbox\town alert channels" in results[-1].output

    results.append(runner.invoke(app, ["sellers", "alerts", "acme", "--remove", "pager"], env=env))
    assert results[-1].exit_code == 1 and "--remove 'pager': one of webhook, email" in results[-1].output
    results.append(runner.invoke(app, ["sellers", "mailbox", "acme", "--imap-password-env", "NOPE"], env=env))
    assert results[-1].exit_code == 1 and "NOPE is not set" in results[-1].output
    results.append(runner.invoke(app, ["sellers", "mailbox", "acme", "--imap-host", "imap.acme.example",
                                       "--no-prompt"], env=env))
    assert results[-1].exit_code == 1 and "allowed only to this machine" in results[-1].output
    for result in results:
        for secret in (IMAP_PASSWORD, ACME_HOOK_SECRET, WECOM_KEY):
            assert secret not in result.output
    assert IMAP_PASSWORD.encode() not in (isolated_home / "claimpilot.sqlite").read_bytes()

    results = [runner.invoke(app, ["sellers", "mailbox", "acme", "--clear"], env=env),
               runner.invoke(app, ["sellers", "alerts", "acme", "--clear"], env=env)]
    assert [r.output.strip() for r in results] == [
        "mailbox of acme removed", "alert channels of acme removed; it uses the installation's"]
    assert "\tno own mailbox\tinstallation alert channels" in runner.invoke(app, ["sellers", "list"], env=env).output
