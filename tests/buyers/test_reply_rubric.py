"""Every intent in every language, read as a customer-service lead reads a reply before it is sent: the
buyer's language, the order id, that language's greeting and closing, an apology where one is due, the
facts as they are today, and no date promised that has already passed."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from claimpilot.tools.buyers.compliance import check_reply
from claimpilot.tools.buyers.compose import LANGUAGES, compose, fmt_date
from claimpilot.tools.buyers.facts import OrderFacts
from claimpilot.tools.buyers.language import detect
from claimpilot.vocabulary import BuyerIntent

OID = "302-4417023-8816374"
TODAY = date(2026, 12, 5)
# How each language opens and closes a letter to a customer.
CUSTOMS = {
    "en": (r"^Hello Anna,", r"Kind regards,\nCustomer Service$"),
    "de": (r"^Guten Tag Anna,\n\nvielen Dank", r"Mit freundlichen Grüßen\nIhr Kundenservice$"),
    "fr": (r"^Bonjour Anna,", r"Bien cordialement,\nLe service client$"),
    "it": (r"^Gentile Anna,\n\ngrazie", r"Cordiali saluti,\nIl servizio clienti$"),
    "es": (r"^Hola, Anna:", r"Un cordial saludo,\nAtención al cliente$"),
    "nl": (r"^Beste Anna,", r"Met vriendelijke groet,\nDe klantenservice$"),
    "pl": (r"^Dzień dobry Anna,\n\ndziękujemy", r"Z poważaniem\nObsługa klienta$"),
    "sv": (r"^Hej Anna,\n\ntack", r"Med vänliga hälsningar\nKundtjänst$"),
    "ja": (r"^Anna様\n\nこの度は", r"今後ともよろしくお願いいたします。\nカスタマーサービス$"),
    "zh": (r"^Anna，您好！", r"祝您生活愉快！\n客服团队$"),
}
APOLOGY = {"en": "sorry", "de": "leid|entschuldigen", "fr": "désolés", "it": "spiacenti|scusiamo",
           "es": "Sentimos|disculpas",
           "nl": "spijt|excuses", "pl": "przykro|Przepraszamy", "sv": "beklagar|ursäkt", "ja": "申し訳",
           "zh": "抱歉|歉意"}
CHECKING = {"en": "checking with the carrier", "de": "mit dem Versanddienstleister", "fr": "auprès du transporteur",
            "it": "verificando con il corriere", "es": "comprobando con el transportista",
            "nl": "uit met de vervoerder", "pl": "u przewoźnika", "sv": "kontrollerar med transportören",
            "ja": "配送業者に確認", "zh": "与承运商核实"}

SITUATIONS = {
    "on_time": OrderFacts(OID, known=True, status="Shipped", shipped=True, ship_date=TODAY - timedelta(days=2),
                          delivery_from=TODAY - timedelta(days=1), delivery_to=TODAY + timedelta(days=3),
                          items=[{"title": "Glass carafe", "asin": "B0CHX1W2Y3"}], today=TODAY),
    "late": OrderFacts(OID, known=True, status="Shipped", shipped=True, delivery_from=TODAY - timedelta(days=6),
                       delivery_to=TODAY - timedelta(days=3), today=TODAY),
    "stalled": OrderFacts(OID, known=True, status="Shipped", shipped=True, carrier="DHL", tracking_status="in_transit",
                          last_scan=TODAY - timedelta(days=6), delivery_to=TODAY + timedelta(days=1), today=TODAY),
    "unshipped": OrderFacts(OID, known=True, status="Unshipped", ship_by=TODAY + timedelta(days=1),
                            delivery_from=TODAY + timedelta(days=3), delivery_to=TODAY + timedelta(days=6),
                            today=TODAY),
}


def _dates_in(text: str, lang: str, facts: OrderFacts) -> dict[date, str]:
    out = {}
    for d in (facts.ship_by, facts.ship_date, facts.delivery_from, facts.delivery_to, facts.last_scan, facts.eta):
        if d and fmt_date(d, lang) in text:
            out[d] = fmt_date(d, lang)
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("intent", [i.value for i in BuyerIntent])
@pytest.mark.parametrize("state", sorted(SITUATIONS))
def test_every_intent_in_every_language_reads_as_sent(lang, intent, state):
    facts = SITUATIONS[state]
    reply = compose(intent, lang, OID, "Anna", facts, angry=intent == "other",
                    answer="Yes." if intent == "product_question" else None)
    body = reply.body
    assert detect(body).code == lang, body
    assert OID in body
    opening, closing = CUSTOMS[lang]
    assert re.search(opening, body), body[:80]
    assert re.search(closing, body), body[-80:]
    verdict = check_reply(body, order_id=OID, language=lang)
    assert verdict.ok, verdict.issues
    late = intent == "where_is_my_order" and state not in ("on_time", "unshipped")
    if intent in ("damaged", "wrong_item") or intent == "other" or late:
        assert re.search(APOLOGY[lang], body), (intent, state, body)
    # a promised date lies ahead: the only past dates a reply names are facts (shipped on, last scan)
    for d in _dates_in(body, lang, facts):
        assert d >= TODAY or d in (facts.ship_date, facts.last_scan), (d, body)
    if intent == "where_is_my_order" and state in ("late", "stalled"):
        assert CHECKING[lang] in body and reply.tasks == ["check_carrier"]
        assert fmt_date(facts.delivery_to, lang) not in body or facts.delivery_to >= TODAY


def test_a_window_that_has_passed_is_never_promised():
    for lang in LANGUAGES:
        body = compose("where_is_my_order", lang, OID, "", SITUATIONS["late"]).body
        for d in (SITUATIONS["late"].delivery_from, SITUATIONS["late"].delivery_to):
            assert fmt_date(d, lang) not in body
        on_time = compose("where_is_my_order", lang, OID, "", SITUATIONS["on_time"]).body
        assert fmt_date(SITUATIONS["on_time"].delivery_to, lang) in on_time
        assert fmt_date(SITUATIONS["on_time"].delivery_from, lang) not in on_time  # already past: "by", not "between"


def test_returned_and_refunded_orders_say_what_the_reports_show():
    refunded = OrderFacts(OID, known=True, status="Shipped", shipped=True, refunded=True,
                          refund_date=TODAY - timedelta(days=2), refund_amount="24.83 EUR", today=TODAY)
    body = compose("already_returned", "de", OID, "", refunded).body
    assert "24.83 EUR" in body and fmt_date(TODAY - timedelta(days=2), "de") in body
    arrived = OrderFacts(OID, known=True, status="Shipped", shipped=True, returned=True,
                         return_date=TODAY - timedelta(days=1), today=TODAY)
    assert "eingegangen" in compose("already_returned", "de", OID, "", arrived).body
    unseen = compose("already_returned", "en", OID, "", OrderFacts(OID, known=True, status="Shipped", today=TODAY))
    assert "cannot see it at the Amazon warehouse yet" in unseen.body and unseen.tasks == ["check_return"]
    told_how = compose("return_refund", "en", OID, "", arrived).body  # already back: no instructions to return it
    assert "Return or replace items" not in told_how and "arrived at the Amazon warehouse" in told_how


def _say(lang: str, key: str) -> str:
    from claimpilot.tools.buyers.compose import texts

    node = texts(lang)
    for k in key.split("."):
        node = node[k]
    return str(node)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_flagged_message_gets_the_sentence_its_flag_calls_for_and_still_passes(lang):
    flags = ("review_for_refund", "off_amazon_payment", "contact_request", "threat")
    reply = compose("return_refund", lang, OID, "Anna", SITUATIONS["on_time"], flags=flags)
    for key in ("flag_notes.review_for_refund", "flag_notes.off_amazon_payment", "flag_notes.contact_request",
                "sorry_angry"):
        assert _say(lang, key) in reply.body, key
    assert detect(reply.body).code == lang
    verdict = check_reply(reply.body, order_id=OID, language=lang)
    assert verdict.ok, verdict.issues


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_that_speaks_to_an_assistant_gets_the_neutral_reply(lang):
    for intent in ("cancellation", "return_refund", "where_is_my_order"):
        reply = compose(intent, lang, OID, "", SITUATIONS["on_time"], flags=("injection",))
        assert _say(lang, "other.body") in reply.body
        assert _say(lang, "cancellation.shipped") not in reply.body and reply.tasks == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_refund_asked_for_a_parcel_that_has_stopped_is_answered_about_the_parcel(lang):
    stalled = compose("return_refund", lang, OID, "Anna", SITUATIONS["stalled"], angry=True)
    assert CHECKING[lang] in stalled.body and _say(lang, "refund.if_lost") in stalled.body
    assert _say(lang, "return_refund.body") not in stalled.body and stalled.tasks == ["check_carrier"]
    assert re.search(APOLOGY[lang], stalled.body)
    # past its window, no tracking: only the buyer's own words say it has not come
    late = SITUATIONS["late"]
    assert _say(lang, "return_refund.body") in compose("return_refund", lang, OID, "", late).body
    said = compose("cancellation", lang, OID, "", late, not_arrived=True)
    assert CHECKING[lang] in said.body and _say(lang, "refund.if_lost") in said.body
    assert check_reply(said.body, order_id=OID, language=lang).ok


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_reply_drafted_again_as_the_seller_asks_offers_a_replacement_is_shorter_and_still_passes(lang):
    """"改短一点 再客气一点 给他补发一个新的": an apology said, a replacement offered in the buyer's language, the
    closing invitation left out; the rules of buyer messages still hold."""
    from claimpilot.tools.buyers.wishes import wishes_of

    facts = SITUATIONS["on_time"]
    plain = compose("address_change", lang, OID, "", facts).body
    wishes = wishes_of("改短一点 再客气一点 给他补发一个新的")
    assert wishes == ("shorter", "replacement", "polite") and wishes_of("make it shorter pls") == ("shorter",)
    redone = compose("address_change", lang, OID, "", facts, wishes=wishes).body
    assert re.search(APOLOGY[lang], redone) and not re.search(APOLOGY[lang], plain), redone
    assert len(redone.split("\n\n")) == len(plain.split("\n\n")) + 1  # one offer and one apology in, one line out
    assert detect(redone).code == lang and check_reply(redone, order_id=OID, language=lang).ok
