"""Relay e-mails read right: encodings, HTML-only bodies, Amazon's frame, order ids; languages; bad input refused."""

from __future__ import annotations

import pytest
from relay_mail import relay_mail

from claimpilot.netsafety import require_secure_or_local
from claimpilot.tools.buyers import relay
from claimpilot.tools.buyers.language import detect
from claimpilot.tools.buyers.mime import MailError, parse_mail

OID = "205-1234567-7654321"


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
@pytest.mark.parametrize("html", [False, True])
def test_every_encoding_gives_the_same_buyer_words(cte, html):
    text = "Grüße! Wo bleibt mein Paket? Bestellung " + OID + " – „dringend“."
    mail = parse_mail(relay_mail(text, OID, cte=cte, html=html, lang="de", name="Björn Groß"))
    words = relay.buyer_words(mail.text)
    assert words == text
    assert mail.from_address == "k7x2m9q4wz1@marketplace.amazon.com"
    assert relay.buyer_name(mail.from_name) == "Björn Groß"
    assert relay.find_order_id(mail.subject, mail.text) == OID


def test_order_id_from_the_body_when_the_subject_has_none():
    mail = parse_mail(relay_mail(f"About my order {OID}: it is late.", None))
    assert relay.find_order_id(mail.subject, mail.text) == OID
    assert relay.find_order_id("tracking 1234567890123456", "no order here") is None


def test_relay_addresses():
    assert relay.is_relay_address("abc123@marketplace.amazon.co.jp")
    assert relay.is_relay_address("X.Y+z@marketplace.amazon.de")
    for bad in ("abc@amazon.com", "abc@marketplace.amazon.com.evil.io", "abc@gmail.com", ""):
        assert not relay.is_relay_address(bad)


def test_quoted_history_is_not_the_buyers_words():
    body = "Still nothing arrived.\n\nOn Mon, 2 Nov 2026, Seller wrote:\n> Your order has shipped."
    assert relay.buyer_words(body) == "Still nothing arrived."


def test_bad_mail_is_refused_with_a_reason():
    with pytest.raises(MailError, match="empty"):
        parse_mail(b"  ")
    with pytest.raises(MailError, match="sender"):
        parse_mail(b"Subject: hi\r\n\r\nno sender here\r\n")


@pytest.mark.parametrize("text,lang", [
    ("Where is my order? It has not arrived yet.", "en"),
    ("Wo ist meine Bestellung? Sie ist noch nicht da.", "de"),
    ("Où est ma commande ? Je ne l'ai pas reçue.", "fr"),
    ("¿Dónde está mi pedido? Todavía no ha llegado.", "es"),
    ("Dov'è il mio ordine? Non è ancora arrivato.", "it"),
    ("注文した商品がまだ届きません。", "ja"),
    ("我的订单还没有到。", "zh"),
])
def test_languages(text, lang):
    assert detect(text).code == lang


def test_plain_mail_protocols_only_to_this_machine():
    require_secure_or_local("plain", "127.0.0.1", "IMAP")
    require_secure_or_local("plain", "localhost", "SMTP")
    require_secure_or_local("ssl", "imap.example.com", "IMAP")
    with pytest.raises(ValueError, match="only to this machine"):
        require_secure_or_local("plain", "imap.example.com", "IMAP")
    with pytest.raises(ValueError, match="must be one of"):
        require_secure_or_local("tls13", "127.0.0.1", "SMTP")


def test_orders_api_on_the_emulator(emulator, order_ids, isolated_home):
    from claimpilot.tools.buyers.order_context import fetch_order, order_context
    from spapi_seller import settings_for

    settings = settings_for(emulator, isolated_home)
    shipped = fetch_order(settings, order_ids["Shipped"])
    assert shipped["order"]["AmazonOrderId"] == order_ids["Shipped"]
    assert shipped["order"]["OrderStatus"] == "Shipped" and shipped["order"]["FulfillmentChannel"] == "AFN"
    assert shipped["items"] and shipped["items"][0]["SellerSKU"]
    assert fetch_order(settings, order_ids["Cancelled"])["order"]["OrderStatus"] == "Canceled"
    missing = order_context(settings, "999-0000000-0000000")
    assert missing["order"] is None and "NotFound" in missing["order_error"]
    assert emulator.count("getOrder", 200) >= 2 and emulator.count("getOrder", 404) == 1


def test_an_access_token_the_api_refuses_is_renewed_once(emulator, order_ids, isolated_home):
    """The library keeps access tokens process-wide: one revoked (or issued by another endpoint) is refused with 403,
    and the order is read again with a new token instead of failing the reply."""
    from sp_api.auth import access_token_client as token_module

    from claimpilot.tools.buyers.order_context import fetch_order
    from spapi_seller import settings_for

    settings = settings_for(emulator, isolated_home)
    fetch_order(settings, order_ids["Shipped"])  # a token is cached
    for key in list(token_module.cache):
        token_module.cache[key] = {**token_module.cache[key], "access_token": "Atza|revoked"}
    shipped = fetch_order(settings, order_ids["Shipped"])
    assert shipped["order"]["AmazonOrderId"] == order_ids["Shipped"]
    assert emulator.count("getOrder", 403) >= 1
