"""A reply in the buyer's language: by the configured LLM (the agent's model factory), else from templates.

Templates (``compose.py``, texts in ``claimpilot/prompts/buyers/<lang>.yaml``) state what is true about the
order now; a language without its own texts gets English, which the compliance check then holds. The LLM
gets the buyer's text as data inside tags, the order facts as JSON (with the dates it may still promise),
the product sheet's answer when there is one, and ``reply.system.md``; whatever it writes is checked like
any other draft. Either way the draft names the follow-up tasks it promises and, for a product question
the seller's sheet cannot answer, why it is held (with a one-line Chinese note).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from claimpilot.config import Settings
from claimpilot.tools.buyers.compose import LANGUAGES, compose
from claimpilot.tools.buyers.facts import OrderFacts, expected_by, from_context, situation
from claimpilot.tools.buyers.intent import keyword_scores
from claimpilot.tools.buyers.wishes import wishes_of

TEMPLATE_LANGUAGES = LANGUAGES
# How much a template can answer each intent by itself: the draft's confidence is scaled by it.
TEMPLATE_FIT = {"where_is_my_order": 1.0, "return_refund": 0.95, "already_returned": 0.95, "damaged": 0.95,
                "wrong_item": 0.95, "cancellation": 0.9, "address_change": 0.9, "invoice_request": 0.85,
                "product_question": 0.85, "other": 0.5}
LLM_FIT = 0.85


@dataclass
class Draft:
    body: str
    subject: str
    drafted_by: str  # template | llm
    confidence: float
    tasks: list[str] = field(default_factory=list)
    hold: str = ""
    note_zh: str = ""
    situation: str = ""


@dataclass
class Request:
    """What a draft is made from."""

    intent: str
    lang: str
    order_id: str | None
    name: str
    message: str
    context: dict[str, Any]
    certainty: float
    subject: str
    angry: bool = False
    flags: tuple[str, ...] = ()
    seller_request: str = ""  # the seller's words for a draft redone ("shorter, and offer a replacement")


def subject_for(original: str, order_id: str | None) -> str:
    subject = (original or "").strip()
    if not subject:
        subject = f"Order {order_id}" if order_id else "Your message"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"[:500]


def _product_answer(settings: Settings | None, r: Request, facts: OrderFacts) -> tuple[str | None, str]:
    """(the sheet's answer in the buyer's language or None, the Chinese note when there is none)."""
    from claimpilot.tools.buyers.products import answer, question_note_zh

    found = None
    if settings is not None:
        try:
            found, _ = answer(settings, facts.asin, r.message, r.lang)
        except ValueError:  # a sheet that cannot be read answers nothing
            found = None
    return found, "" if found else question_note_zh(r.message, facts.asin)


def template_draft(r: Request, settings: Settings | None = None) -> Draft:
    """The template reply; confidence = how sure the intent and language are x how well a template answers it."""
    facts = from_context(r.context)
    answer, note = (None, "")
    if r.intent == "product_question":
        answer, note = _product_answer(settings, r, facts)
    not_arrived = keyword_scores(r.message).get("where_is_my_order", 0) > 0
    c = compose(r.intent, r.lang, r.order_id, r.name, facts, angry=r.angry, flags=r.flags, answer=answer,
                not_arrived=not_arrived, wishes=wishes_of(r.seller_request))
    fit = TEMPLATE_FIT.get(r.intent, 0.5) * (1.0 if facts.known else 0.6)
    return Draft(c.body, subject_for(r.subject, r.order_id), "template", round(r.certainty * fit, 3), c.tasks,
                 c.hold, note, c.situation)


def _prompt(name: str) -> str:
    return (resources.files("claimpilot.prompts") / "buyers" / name).read_text("utf-8")


def _facts_json(f: OrderFacts, context: dict[str, Any], name: str, answer: str | None) -> str:
    start, end = expected_by(f)
    facts = {"today": f.today.isoformat(), "order": context.get("order"), "tracking": context.get("tracking"),
             "reports": context.get("reports"), "where_the_order_stands": situation(f),
             "delivery_date_you_may_promise": {"from": start, "to": end} if end else None,
             "product_sheet_answer": answer, "buyer_name": name}
    return json.dumps(facts, ensure_ascii=False, default=str)


def llm_draft(settings: Settings, r: Request) -> Draft:
    """The configured model's reply (the same factory the agent uses)."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from claimpilot.llm import configured_chat_model

    f = from_context(r.context)
    answer, note = _product_answer(settings, r, f) if r.intent == "product_question" else (None, "")
    safe_message = r.message.replace("</buyer_message>", "</ buyer_message>")
    user = _prompt("reply.user.md").format(language=r.lang, order_id=r.order_id or "(none)", intent=r.intent,
                                           facts=_facts_json(f, r.context, r.name, answer),
                                           message=safe_message[:4000],
                                           seller_request=r.seller_request.strip()[:500] or "(none)")
    model = configured_chat_model(settings)
    reply = model.invoke([SystemMessage(_prompt("reply.system.md")), HumanMessage(user)])
    body = (reply.text if hasattr(reply, "text") else str(reply.content)).strip()
    template = template_draft(r, settings)  # the tasks and the hold follow from the facts, not from the model
    hold = template.hold if r.intent == "product_question" and not answer else ""
    return Draft(body, subject_for(r.subject, r.order_id), "llm", round(r.certainty * LLM_FIT, 3), template.tasks,
                 hold, note, template.situation)


def draft_reply(settings: Settings, r: Request) -> Draft:
    """The LLM's draft when one is configured, else the template's."""
    if settings.llm.configured:
        return llm_draft(settings, r)
    return template_draft(r, settings)
