"""A template reply in the buyer's language, built from what is true about the order now.

The sentences live in ``claimpilot/prompts/buyers/<lang>.yaml`` (Jinja2), one set per language: the
greeting and closing of that language, the apologies (damaged, wrong item, late, an angry buyer), and per
intent the sentences for each situation of the order (``facts.situation``). Dates are written the
language's way (``dates`` in the same file); a date is promised only while it lies ahead. Where the order
needs the seller to look (a stalled parcel, a late one, a return not seen yet, an invoice to upload, a
product question the product sheet cannot answer), the reply says what is being done and the composition
names the follow-up task. A refund or cancellation asked for a parcel that is late or has stopped moving
(by its tracking, or past its window with the buyer saying it has not come) is answered about the parcel. A
flagged message gets the sentence its flag calls for (refunds only through Amazon and never tied to a review;
help only in Amazon's messages); a threat is met with an apology; text that addresses an assistant gets the
neutral reply, acting on nothing it asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import jinja2
import yaml

from claimpilot.tools.buyers.facts import NEEDS_CHECK, OrderFacts, expected_by, situation

LANGUAGES = ("en", "de", "fr", "it", "es", "nl", "pl", "sv", "ja", "zh")
APOLOGY = {"damaged": "sorry_damaged", "wrong_item": "sorry_wrong"}


@dataclass
class Composed:
    body: str
    language: str
    situation: str = ""
    tasks: list[str] = field(default_factory=list)  # follow-up task kinds for the seller
    hold: str = ""  # why a person must complete the draft before it may leave (empty: complete)


@cache
def texts(lang: str) -> dict[str, Any]:
    lang = lang if lang in LANGUAGES else "en"
    raw = (resources.files("claimpilot.prompts") / "buyers" / f"{lang}.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    return data


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.ChainableUndefined)


def fmt_date(d: date | None, lang: str) -> str:
    """``d`` written the way ``lang`` writes dates (month names from the language's file)."""
    if d is None:
        return ""
    spec = texts(lang)["dates"]
    month = spec["months"][d.month - 1]
    return str(spec["format"]).format(day=d.day, month=month, year=d.year, m=d.month)


class _Writer:
    def __init__(self, lang: str, values: dict[str, Any]) -> None:
        self.t = texts(lang)
        self.values = values
        self.parts: list[str] = []

    def say(self, key: str, **extra: Any) -> None:
        node: Any = self.t
        for k in key.split("."):
            node = node[k]
        text = _env().from_string(str(node)).render(**self.values, **extra).strip()
        if text:
            self.parts.append(text)


def _values(f: OrderFacts, lang: str, name: str, order_id: str | None) -> dict[str, Any]:
    d: Callable[[date | None], str] = lambda v: fmt_date(v, lang)  # noqa: E731
    start, end = expected_by(f)
    status_words = texts(lang).get("tracking_statuses") or {}
    return {"name": name.strip(), "order_id": order_id or "", "item": f.item, "carrier": f.carrier or "",
            "tracking_status": status_words.get(f.tracking_status or "", ""),
            "ship_by": d(f.ahead(f.ship_by)), "ship_date": d(f.ship_date), "delivered_on": d(f.delivered_on),
            "expected_from": d(start), "expected_to": d(end), "last_scan": d(f.last_scan),
            "refund_date": d(f.refund_date), "refund_amount": f.refund_amount or "", "return_date": d(f.return_date),
            "shipped": f.shipped, "status": f.status or ""}


LATE = ("late", "ship_late", "stalled", "exception", "customs")
# A parcel on its way that has not arrived in time, or has stopped: a buyer asking for a refund or a
# cancellation is answered about the parcel (we are checking with the carrier; a full refund if it never
# arrives), never told how to send back an item they do not have.
OVERDUE = ("late", "stalled", "exception", "customs")


def _where_is_my_order(w: _Writer, f: OrderFacts, sit: str) -> None:
    w.say(f"where_is_my_order.{sit}")
    if sit == "in_transit" or sit == "not_shipped":
        w.say("where_is_my_order.expected")


def _returns(w: _Writer, f: OrderFacts, intent: str) -> list[str]:
    tasks: list[str] = []
    if f.refunded:
        w.say("refund.done")
        return tasks
    if intent == "already_returned":
        if f.returned:
            w.say("refund.return_arrived")
        else:
            w.say("refund.return_not_seen")
            tasks.append("check_return")
        return tasks
    if f.returned:
        w.say("refund.return_arrived")
        return tasks
    w.say(f"{intent}.body")
    return tasks


def compose(intent: str, lang: str, order_id: str | None, name: str, facts: OrderFacts, *, angry: bool = False,
            flags: tuple[str, ...] = (), answer: str | None = None, not_arrived: bool = False,
            wishes: tuple[str, ...] = ()) -> Composed:
    """The reply for ``intent`` in ``lang`` (a language without its own texts is answered in English).
    ``not_arrived``: the buyer's words say the parcel has not come (the tracking, when known, says it too).
    ``wishes``: the seller's changes to a reply drafted again (wishes.py): an apology said if none was, a
    replacement offered, the closing invitation left out."""
    lang = lang if lang in LANGUAGES else "en"
    w = _Writer(lang, _values(facts, lang, name, order_id))
    out = Composed("", lang)
    if "injection" in flags:  # text that speaks to an assistant: nothing in it is acted on or answered
        intent = "other"
    angry = angry or "threat" in flags
    overdue = (intent in ("return_refund", "cancellation") and not facts.delivered and situation(facts) in OVERDUE
               and (facts.tracking_status is not None or not_arrived))
    w.say("greeting" if name.strip() else "greeting_plain")
    w.say("thanks")
    if intent == "where_is_my_order" or overdue:
        out.situation = situation(facts)
    if intent in APOLOGY:
        w.say(APOLOGY[intent])
    elif out.situation in LATE:
        w.say("sorry_late")
    elif angry or "polite" in wishes:
        w.say("sorry_angry")
    if intent == "where_is_my_order" or overdue:
        _where_is_my_order(w, facts, out.situation)
        if overdue:
            w.say("refund.if_lost")
        if out.situation in NEEDS_CHECK:
            out.tasks.append(NEEDS_CHECK[out.situation])
    elif intent in ("damaged", "wrong_item", "return_refund", "already_returned"):
        out.tasks += _returns(w, facts, intent)
    elif intent == "cancellation":
        key = "canceled" if facts.status == "Canceled" else "shipped" if facts.shipped else "open"
        w.say(f"cancellation.{key}")
    elif intent == "address_change":
        w.say("address_change.shipped" if facts.shipped else "address_change.open")
    elif intent == "invoice_request":
        w.say("invoice_request.body")
        out.tasks.append("upload_invoice")
    elif intent == "product_question":
        if answer:
            w.say("product_question.answer", answer=answer)
        else:
            w.say("product_question.checking")
            out.tasks.append("answer_question")
            out.hold = "the product sheet does not answer this question"
    else:
        w.say("other.body")
    if "review_for_refund" in flags:
        w.say("flag_notes.review_for_refund")
    if "off_amazon_payment" in flags:
        w.say("flag_notes.off_amazon_payment")
    if "contact_request" in flags:
        w.say("flag_notes.contact_request")
    if "replacement" in wishes:
        w.say("replacement_offer")
    if "shorter" not in wishes:
        w.say("reply_here")
    w.say("closing")
    out.body = "\n\n".join(w.parts).strip()
    return out
