"""Relay e-mails polled from a real Dovecot mailbox: parsed, stored once, read, drafted."""

from __future__ import annotations

from mailbox_helpers import append
from relay_mail import relay_mail

from claimpilot.tools.buyers.service import BuyerService


def test_relay_mails_become_drafts_in_the_buyers_language(mail_settings, dovecot, order_ids):
    shipped = order_ids["Shipped"]
    append(dovecot, relay_mail(f"Hello, my order {shipped} has not arrived yet. Where is it?", shipped))
    append(dovecot, relay_mail("Hallo, der Artikel ist leider kaputt angekommen, das Glas ist gesprungen. "
                               "Was kann ich tun?", shipped, name="Jürgen", cte="base64", lang="de",
                               relay="p0o9i8u7@marketplace.amazon.de"))
    append(dovecot, relay_mail("ご注文の商品はいつ届きますか？まだ届いていません。", shipped, name="Sato", html=True,
                               relay="zz11yy22@marketplace.amazon.co.jp"))
    svc = BuyerService(mail_settings)
    result = svc.poll()
    assert result.seen == 3 and len(result.stored) == 3 and not result.skipped

    rows = {r["language"]: svc.show(r["id"]) for r in svc.list()}
    assert set(rows) == {"en", "de", "ja"}
    en, de, ja = rows["en"], rows["de"], rows["ja"]
    assert en["intent"] == "where_is_my_order" and en["order_id"] == shipped
    assert "Begin message" not in en["message"] and "For Your Information" not in en["message"]
    assert de["intent"] == "damaged" and de["buyer"] == "Jürgen"
    assert "gesprungen" in de["message"]  # base64 decoded
    assert ja["intent"] == "where_is_my_order" and "<p>" not in ja["message"] and "color" not in ja["message"]
    for row in (en, de, ja):
        reply = row["reply"]
        assert reply["compliance_ok"], reply["compliance_issues"]
        assert shipped in reply["body"]
        assert row["status"] == "queued"  # auto-send is off by default
        assert reply["context"]["order"]["status"] == "Shipped"  # fetched from the Orders API
    assert "Ersatz" in de["reply"]["body"] and "Es tut uns sehr leid" in de["reply"]["body"]
    # the order's promised window has passed: no date is promised, the carrier is asked, a task is raised
    assert "配送業者に確認" in ja["reply"]["body"] and ja["tasks"][0]["kind"] == "check_carrier"


def test_a_message_seen_twice_is_stored_once(mail_settings, dovecot, order_ids):
    oid = order_ids["Shipped"]
    raw = relay_mail(f"Can I return the item from order {oid}?", oid, message_id="<same-1@marketplace.amazon.com>")
    append(dovecot, raw)
    svc = BuyerService(mail_settings)
    assert len(svc.poll().stored) == 1
    assert svc.poll().seen == 0  # the cursor moved past it
    append(dovecot, raw)  # the same message delivered again under a new UID
    again = svc.poll()
    assert again.seen == 1 and again.duplicates == 1 and not again.stored
    assert len(svc.list()) == 1


def test_mail_that_is_not_from_the_relay_is_skipped(mail_settings, dovecot, order_ids):
    oid = order_ids["Shipped"]
    append(dovecot, relay_mail(f"Order {oid} question", oid, relay="someone@gmail.com"))
    result = BuyerService(mail_settings).poll()
    assert result.stored == [] and "not from Amazon's buyer relay" in result.skipped[0]


def test_cursor_restarts_when_uidvalidity_changes(mail_settings, dovecot, order_ids):
    from claimpilot.db import session_factory
    from claimpilot.tools.buyers.models import MailCursor

    oid = order_ids["Shipped"]
    append(dovecot, relay_mail(f"Where is order {oid}?", oid))
    svc = BuyerService(mail_settings)
    svc.poll()
    with session_factory(mail_settings).begin() as db:
        cursor = db.query(MailCursor).one()
        cursor.uid_validity += 1  # as if the server had rebuilt the mailbox
    again = svc.poll()
    assert again.seen == 1 and again.duplicates == 1 and len(svc.list()) == 1
