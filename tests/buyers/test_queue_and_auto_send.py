"""The approval queue and auto-send, on messages posted through the API-side entry and polled from the mailbox."""

from __future__ import annotations

from datetime import date
from email import message_from_bytes, policy

import pytest
from mailbox_helpers import append
from relay_mail import relay_mail

from claimpilot.tools.buyers.queue import QueueError
from claimpilot.tools.buyers.service import BuyerService


def test_edit_reject_and_held_drafts(mail_settings, smtp, order_ids):
    svc = BuyerService(mail_settings)
    oid = order_ids["Pending"]
    mid = svc.add_message(relay_address="b1@marketplace.amazon.fr",
                          body=f"Bonjour, je voudrais annuler ma commande {oid}, je l'ai passée par erreur.").message_id
    shown = svc.show(mid)
    assert (shown["language"], shown["intent"], shown["status"]) == ("fr", "cancellation", "queued")
    assert "Annuler des articles" in shown["reply"]["body"]  # the order is not shipped yet

    held = svc.edit(mid, f"Bonjour, commande {oid} annulée. Voir www.ma-boutique.fr pour un code promo.", by="anna")
    assert held["status"] == "held" and any("link" in i for i in held["reply"]["compliance_issues"])
    with pytest.raises(QueueError, match="held"):
        svc.approve(mid, by="anna")
    fixed = svc.edit(mid, f"Bonjour, merci pour votre message. Vous pouvez annuler la commande {oid} dans "
                          "« Vos commandes » sur Amazon. Cordialement", by="anna")
    assert fixed["status"] == "queued" and fixed["reply"]["drafted_by"] == "person"
    svc.approve(mid, by="anna")
    assert len(svc.send().sent) == 1
    sent = message_from_bytes(smtp.received[0].content, policy=policy.default)
    assert "« Vos commandes »" in sent.get_content() and "promo" not in sent.get_content()
    with pytest.raises(QueueError):
        svc.reject(mid, by="anna")  # already sent

    other = svc.add_message(relay_address="b2@marketplace.amazon.com", body=f"Is order {oid} waterproof?").message_id
    svc.reject(other, by="anna", reason="answered by phone")
    assert svc.show(other)["status"] == "rejected" and svc.send().sent == []


def test_auto_send_only_for_the_intents_the_seller_chose(mail_settings, dovecot, smtp, order_ids):
    buyers = mail_settings.buyers.model_copy(update={"auto_send_intents": ["where_is_my_order"],
                                                     "auto_send_min_confidence": 0.3})
    settings = mail_settings.model_copy(update={"buyers": buyers})
    oid = order_ids["Shipped"]
    append(dovecot, relay_mail(f"Hi, where is my package? Order {oid} still has not arrived.", oid))
    append(dovecot, relay_mail(f"Does the lamp from order {oid} work with 230 volts?", oid, relay="q9@marketplace.amazon.com"))
    svc = BuyerService(settings)
    svc.poll()
    by_intent = {r["intent"]: r for r in svc.list()}
    assert by_intent["where_is_my_order"]["status"] == "approved"
    question = svc.show(by_intent["product_question"]["id"])  # no product sheet answers it: held, with a note
    assert question["status"] == "held" and "电压" in question["reply"]["note_zh"]
    assert [t["kind"] for t in question["tasks"]] == ["answer_question"]
    report = svc.send()
    assert report.sent and len(smtp.received) == 1
    assert smtp.received[0].rcpt_tos == ["k7x2m9q4wz1@marketplace.amazon.com"]
    assert svc.show(by_intent["where_is_my_order"]["id"])["reply"]["auto"] is True


def test_tracking_from_logistics_in_the_buyers_language(mail_settings, order_ids):
    from claimpilot.tools.logistics.service import LogisticsService
    from claimpilot.tools.logistics.status import Mapped, Status
    from claimpilot.tools.logistics.update import TrackingUpdate

    oid = order_ids["Shipped"]
    logistics = LogisticsService(mail_settings)
    logistics.add("1Z999AA10123456784", kind="parcel", order_id=oid)
    logistics.apply([TrackingUpdate("1Z999AA10123456784", "track17", mapped=Mapped(Status.OUT_FOR_DELIVERY, False,
                                    "OutForDelivery"), eta=date(2026, 11, 21), carrier="UPS")])
    svc = BuyerService(mail_settings)
    mid = svc.add_message(relay_address="t1@marketplace.amazon.de",
                          body=f"Hallo, wo ist mein Paket? Die Bestellung {oid} ist noch nicht da.").message_id
    reply = svc.show(mid)["reply"]
    assert reply["context"]["tracking"]["status"] == "out_for_delivery"
    assert "heute in der Zustellung" in reply["body"] and "(UPS)" in reply["body"]
    assert reply["compliance_ok"]


def test_threads_group_by_order(mail_settings, order_ids):
    svc = BuyerService(mail_settings)
    a, b = order_ids["Shipped"], order_ids["Pending"]
    svc.add_message(relay_address="x1@marketplace.amazon.com", body=f"Where is order {a}?")
    svc.add_message(relay_address="x1@marketplace.amazon.com", body=f"Any news on {a}? Still waiting.")
    svc.add_message(relay_address="x2@marketplace.amazon.com", body=f"Please cancel {b}.")
    again = svc.add_message(relay_address="x2@marketplace.amazon.com", body=f"Please cancel {b}.")
    assert again.created is False  # the same text from the same buyer is one message
    threads = {t["thread"]: t["messages"] for t in svc.threads()}
    assert threads == {a: 2, b: 1}
    with pytest.raises(ValueError, match="relay"):
        svc.add_message(relay_address="someone@gmail.com", body="hi")
