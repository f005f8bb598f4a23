"""Invitations to a seller account through the API, as its admin and the invitee use them: an admin invites by
e-mail and role and gets the link (e-mailed too when the seller has an SMTP server), lists and revokes pending
ones; the invitee sets a password and is signed in. A link works once and for 7 days; refusals are in the
reader's language; the token is never listed nor logged; only admins invite. On SQLite and PostgreSQL."""

from __future__ import annotations

import logging
import socket
from datetime import timedelta
from email import message_from_bytes, policy
from urllib.parse import parse_qs, urlsplit

import pytest
from aiosmtpd.controller import Controller
from server_utils import PASSWORD, add_member

from claimpilot.accounts import sellers

pytestmark = pytest.mark.parametrize("server_settings", ["sqlite", "postgres"], indirect=True)

BASE = "/api/sellers/acme/members/invitations"
ACCEPT = "/api/auth/invitations/accept"
ZH = {"Accept-Language": "zh-CN"}


def _token(link: str) -> str:
    fragment = urlsplit(link).fragment  # "/accept?token=..."
    assert fragment.startswith("/accept?")
    return parse_qs(fragment.split("?", 1)[1])["token"][0]


def _invite(client, admin, email="bob@acme.test", role="operator"):
    r = client.post(BASE, json={"email": email, "role": role}, headers=admin.headers)
    assert r.status_code == 201, r.text
    return r.json()


def test_an_invitee_sets_a_password_and_lands_signed_in_with_the_role(client, alice, caplog):
    caplog.set_level(logging.DEBUG)
    made = _invite(client, alice, "Bob@Acme.test")
    assert (made["email"], made["role"], made["emailed"]) == ("bob@acme.test", "operator", "off")
    assert made["link"].startswith("http://testserver/#/accept?token=")
    token = _token(made["link"])
    listed = client.get(BASE, headers=alice.headers)
    assert [i["email"] for i in listed.json()] == ["bob@acme.test"] and token not in listed.text

    r = client.post(ACCEPT, json={"token": token, "password": "bob-own-pass", "name": "Bob"})
    assert r.status_code == 200, r.text
    assert [(s["seller_id"], s["role"]) for s in r.json()["sellers"]] == [("acme", "operator")]
    assert client.get("/api/auth/session").json()["user"]["email"] == "bob@acme.test"
    client.cookies.clear()
    assert client.post("/api/auth/login", json={"email": "bob@acme.test", "password": "bob-own-pass"}).status_code == 200
    client.cookies.clear()

    assert client.get(BASE, headers=alice.headers).json() == []
    members = client.get("/api/sellers/acme/members", headers=alice.headers).json()
    assert {m["email"]: m["role"] for m in members} == {"alice@acme.test": "admin", "bob@acme.test": "operator"}

    again = client.post(ACCEPT, json={"token": token, "password": "another-pass"}, headers=ZH)
    assert again.status_code == 422 and again.json()["code"] == "invitation_used"
    assert again.json()["detail"] == "这个邀请链接已经用过；请直接登录，或请管理员重新邀请"
    assert token not in caplog.text and "bob-own-pass" not in caplog.text


def test_an_expired_revoked_or_unknown_link_is_refused_in_the_readers_language(client, alice, clock):
    expired = _token(_invite(client, alice, "carol@acme.test")["link"])
    revoked = _invite(client, alice, "dave@acme.test")
    assert client.delete(f"{BASE}/{revoked['id']}", headers=alice.headers).status_code == 204
    assert client.delete(f"{BASE}/{revoked['id']}", headers=alice.headers).status_code == 404
    assert client.get(BASE, headers=alice.headers).json()[0]["email"] == "carol@acme.test"

    r = client.post(ACCEPT, json={"token": _token(revoked["link"]), "password": "dave-own-pass"})
    assert r.status_code == 422 and r.json()["code"] == "invitation_unknown"
    r = client.post(ACCEPT, json={"token": "not-a-token", "password": "eve-own-pass"}, headers=ZH)
    assert r.status_code == 422 and r.json()["detail"].startswith("这个邀请链接无效")

    clock.shift(timedelta(days=6, hours=23))
    short = client.post(ACCEPT, json={"token": expired, "password": "short"})
    assert short.status_code == 422 and short.json()["code"] == "password_too_short"
    clock.shift(timedelta(hours=2))
    assert client.get(BASE, headers=alice.headers).json() == []
    r = client.post(ACCEPT, json={"token": expired, "password": "carol-own-pass"}, headers=ZH)
    assert r.status_code == 422 and r.json() == {"code": "invitation_expired",
                                                 "detail": "这个邀请链接已过期（有效期 7 天）；请管理员重新邀请"}
    assert client.post("/api/auth/login", json={"email": "carol@acme.test", "password": "carol-own-pass"}).status_code == 401


def test_an_existing_user_accepts_only_when_signed_in_as_that_email(app, client, alice, mallory):
    token = _token(_invite(client, alice, "mallory@globex.test", "viewer")["link"])
    r = client.post(ACCEPT, json={"token": token, "password": "guessed-password"}, headers=ZH)
    assert r.status_code == 403 and r.json()["code"] == "invitation_sign_in"
    assert client.post("/api/auth/login", json={"email": "alice@acme.test", "password": PASSWORD}).status_code == 200
    assert client.post(ACCEPT, json={"token": token}).status_code == 403
    client.cookies.clear()

    assert client.post("/api/auth/login", json={"email": "mallory@globex.test", "password": PASSWORD}).status_code == 200
    r = client.post(ACCEPT, json={"token": token})
    assert r.status_code == 200
    assert {s["seller_id"]: s["role"] for s in r.json()["sellers"]} == {"acme": "viewer", "globex": "admin"}


def test_only_admins_invite_list_or_revoke_and_members_are_not_invited_twice(app, client, alice):
    bob = add_member(app, "bob@acme.test", "acme", "approver")
    made = _invite(client, alice, "carol@acme.test")
    assert client.post(BASE, json={"email": "x@acme.test", "role": "admin"}, headers=bob.headers).status_code == 403
    assert client.get(BASE, headers=bob.headers).status_code == 403
    assert client.delete(f"{BASE}/{made['id']}", headers=bob.headers).status_code == 403
    other = add_member(app, "mallory@globex.test", "globex", "admin")
    assert client.get(BASE, headers=other.headers).status_code in (403, 404)
    assert client.delete(f"/api/sellers/globex/members/invitations/{made['id']}", headers=other.headers).status_code == 404
    r = client.post(BASE, json={"email": "bob@acme.test", "role": "admin"}, headers={**alice.headers, **ZH})
    assert r.status_code == 409 and r.json()["detail"] == "bob@acme.test 已经是这个店铺的成员"
    r = client.post(BASE, json={"email": "not-an-address", "role": "viewer"}, headers=alice.headers)
    assert r.status_code == 422 and r.json()["code"] == "invitation_email_invalid"


class Inbox:
    def __init__(self, port: int) -> None:
        self.port, self.messages = port, []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


def test_the_link_is_emailed_when_the_seller_has_an_smtp_server(app, client, alice):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        inbox = Inbox(probe.getsockname()[1])
    controller = Controller(inbox, hostname="127.0.0.1", port=inbox.port)
    controller.start()
    try:
        with app.state.sessions() as db:
            sellers.set_alert_channels(app.state.settings, db, "acme", email_to=["ops@acme.test"],
                                       smtp={"host": "127.0.0.1", "port": inbox.port, "security": "plain",
                                             "from_address": "claims@acme.test"})
            db.commit()
        made = _invite(client, alice, "bob@acme.test")
    finally:
        controller.stop()
    assert made["emailed"] == "sent"
    [mail] = inbox.messages
    body = message_from_bytes(mail.content, policy=policy.default).get_content()
    assert mail.rcpt_tos == ["bob@acme.test"] and made["link"] in body and "7 天内有效" in body
