"""Sellers with a buyer mailbox of their own, on the real Dovecot server: each seller's scheduled buyer job
reads only its own mailbox and replies through its own SMTP server from its own address; the API polls
and sends with the seller's own mailbox and answers 409 to a seller with none; the passwords are stored
only encrypted and never answered."""

from __future__ import annotations

import importlib.util
import itertools
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from mailbox_helpers import append
from mailservers import start_smtp
from relay_mail import relay_mail
from sqlalchemy import text

from claimpilot.accounts import sellers as service
from claimpilot.db import session_factory
from claimpilot.jobs.runner import ensure_schema, run_job
from claimpilot.server.app import create_app
from claimpilot.tools.buyers.service import BuyerService, scheduled_run
from pg_schema import fresh_schema

SELLERS = ("acme", "globex")
RELAY = {"acme": "acme7buyer@marketplace.amazon.com", "globex": "globex7buyer@marketplace.amazon.de",
         "default": "home7buyer@marketplace.amazon.com"}
_spare_users = itertools.count(150)  # the session's Dovecot has users 0..200; the shared fixture hands out from 1


def _server_utils():
    path = Path(__file__).resolve().parents[1] / "server" / "server_utils.py"
    spec = importlib.util.spec_from_file_location("seller_mailbox_server_utils", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def base(request, mail_settings):
    """The installation: its own mailbox (Dovecot) and sender (``smtp``) belong to seller 'default'."""
    buyers = mail_settings.buyers.model_copy(update={"auto_send_intents": ["where_is_my_order"],
                                                     "auto_send_min_confidence": 0.3})
    settings = mail_settings.model_copy(update={"buyers": buyers, "server": mail_settings.server.model_copy(
        update={"rate_limit_per_minute": 100_000})})
    if request.param == "sqlite":
        yield settings
    else:
        with fresh_schema("cp_mailbox") as url:
            yield settings.model_copy(update={"database_url": url})


@pytest.fixture
def mailboxes(dovecot_server):
    """A fresh Dovecot mailbox user for each of acme and globex."""
    return {seller: dovecot_server.mailbox(next(_spare_users)) for seller in SELLERS}


@pytest.fixture
def senders():
    """An SMTP server of its own for each of acme and globex."""
    sinks = {seller: start_smtp() for seller in SELLERS}
    yield sinks
    for sink in sinks.values():
        sink.stop()


def own_mailbox(seller: str, box, sink) -> dict:
    return {"imap": {"host": "127.0.0.1", "port": box.port, "security": "plain", "username": box.user,
                     "password": box.password, "sent_mailbox": "Sent"},
            "smtp": {"host": "127.0.0.1", "port": sink.port, "security": "plain",
                     "from_address": f"support@{seller}.example"}}


def add_sellers(settings, mailboxes, senders) -> None:
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        for seller in (*SELLERS, "initech"):
            service.add_seller(db, seller)
        for seller in SELLERS:
            service.set_mailbox(settings, db, seller, **own_mailbox(seller, mailboxes[seller], senders[seller]))
            service.set_schedule(db, seller, "buyer_mail", every_minutes=15)


def where_is(oid: str, seller: str) -> bytes:
    return relay_mail(f"Hello, where is my order {oid}? It has not arrived yet.", oid, relay=RELAY[seller],
                      to=f"support@{seller}.example")


def test_each_sellers_job_reads_its_own_mailbox_and_replies_from_its_own_address(
        base, mailboxes, senders, dovecot, smtp, order_ids):
    add_sellers(base, mailboxes, senders)
    oid = order_ids["Shipped"]
    for seller in SELLERS:
        append(mailboxes[seller], where_is(oid, seller))
    append(dovecot, where_is(oid, "default"))  # the installation's mailbox, seller 'default''s

    with session_factory(base)() as db:
        raw = " ".join(db.execute(text("SELECT settings_enc FROM seller_channels")).scalars())
    for seller in SELLERS:
        assert mailboxes[seller].password not in raw and mailboxes[seller].user not in raw
    if base.database_url.startswith("sqlite"):
        assert mailboxes["acme"].password.encode() not in Path(base.database_url[len("sqlite:///"):]).read_bytes()

    for seller in SELLERS:
        run = run_job(base, seller, "buyer_mail", "2026-11-20T09:00")
        assert run.status == "succeeded", run
        assert (run.result["seen"], run.result["stored"], run.result["sent"]) == (1, 1, 1)
    for seller in SELLERS:
        [mail] = senders[seller].received
        assert mail.mail_from == f"support@{seller}.example" and mail.rcpt_tos == [RELAY[seller]]
        assert f"From: support@{seller}.example" in mail.content.decode()
        [row] = BuyerService(base.model_copy(update={"seller_id": seller})).list()
        assert (row["relay_address"], row["status"]) == (RELAY[seller], "sent")
    assert smtp.received == []  # nothing of theirs left through the installation's sender

    assert run_job(base, "initech", "buyer_mail", "2026-11-20T09:00").result == {
        "skipped": "the mailbox belongs to seller account 'default'"}
    assert BuyerService(base.model_copy(update={"seller_id": "initech"})).list() == []
    home = scheduled_run(base)  # the installation's mailbox still serves its owner, and only its own buyer
    assert (home["stored"], home["sent"]) == (1, 1)
    assert [r["relay_address"] for r in BuyerService(base).list()] == [RELAY["default"]]
    assert [m.mail_from for m in smtp.received] == ["support@seller.example"]
    again = run_job(base, "acme", "buyer_mail", "2026-11-20T09:15")
    assert (again.result["seen"], again.result["sent"]) == (0, 0) and len(senders["acme"].received) == 1


def test_the_api_uses_the_sellers_own_mailbox_and_refuses_a_seller_with_none(
        base, mailboxes, senders, smtp, order_ids):
    add_sellers(base, mailboxes, senders)
    app = create_app(base)
    utils = _server_utils()
    keys = {seller: {"X-API-Key": utils.add_member(app, f"boss@{seller}.test", seller, "admin").token}
            for seller in (*SELLERS, "initech")}
    oid = order_ids["Shipped"]
    append(mailboxes["acme"], where_is(oid, "acme"))
    answers = []
    with TestClient(app) as client:
        acme = "/api/sellers/acme/buyers"
        answers.append(client.post(f"{acme}/poll", headers=keys["acme"]))
        assert answers[-1].status_code == 200, answers[-1].text
        [polled] = answers[-1].json()["stored"]
        [row] = client.get(acme, headers=keys["acme"]).json()
        assert (row["id"], row["relay_address"]) == (polled, RELAY["acme"])
        answers.append(client.get(f"{acme}/{row['id']}", headers=keys["acme"]))
        assert answers[-1].json()["reply"]["from"] == "support@acme.example"
        answers.append(client.post(f"{acme}/messages", headers=keys["acme"], json={
            "relay_address": "api7buyer@marketplace.amazon.com", "order_id": oid,
            "body": f"Where is my order {oid}? Please tell me."}))
        api_id = answers[-1].json()["id"]
        assert client.get(f"{acme}/{api_id}", headers=keys["acme"]).json()["reply"]["from"] == "support@acme.example"
        for mid in (row["id"], api_id):
            if client.get(f"{acme}/{mid}", headers=keys["acme"]).json()["status"] == "queued":
                assert client.post(f"{acme}/{mid}/approve", headers=keys["acme"]).status_code == 200
        answers.append(client.post(f"{acme}/send", json={}, headers=keys["acme"]))
        assert answers[-1].status_code == 200 and sorted(answers[-1].json()["sent"]) == sorted([row["id"], api_id])
        assert sorted(m.rcpt_tos[0] for m in senders["acme"].received) == sorted(
            [RELAY["acme"], "api7buyer@marketplace.amazon.com"])
        assert {m.mail_from for m in senders["acme"].received} == {"support@acme.example"}
        assert senders["globex"].received == [] and smtp.received == []

        for path in ("poll", "send"):
            refused = client.post(f"/api/sellers/initech/buyers/{path}", json={}, headers=keys["initech"])
            assert refused.status_code == 409 and "no mailbox" in refused.json()["detail"]
            answers.append(refused)
        assert client.post("/api/sellers/globex/buyers/poll", headers=keys["acme"]).status_code == 404
        answers.append(client.post("/api/sellers/globex/buyers/poll", headers=keys["globex"]))
        assert answers[-1].json() == {"seen": 0, "stored": [], "duplicates": 0, "skipped": []}
    for answer in answers:
        for seller in SELLERS:
            assert mailboxes[seller].password not in answer.text
