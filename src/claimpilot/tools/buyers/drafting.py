"""A reply in the buyer's language: by the configured LLM (the agent's model factory), else from templates.

Templates live in ``claimpilot/prompts/buyers/<lang>.yaml`` (one per intent,
plus greeting and closing); a language without templates gets English, which
the compliance check then holds. The LLM gets the buyer's text as data inside
tags, the order facts as JSON, and ``reply.system.md``; whatever it writes is
checked like any other draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import jinja2
import yaml

from claimpilot.config import Settings

TEMPLATE_LANGUAGES = ("en", "de", "fr", "es", "it", "ja", "zh")
# How much a template can answer each intent by itself: the draft's confidence is scaled by it.
TEMPLATE_FIT = {"where_is_my_order": 1.0, "return_refund": 0.95, "damaged_wrong": 0.95, "cancellation": 0.9,
                "address_change": 0.9, "product_question": 0.4, "other": 0.5}
LLM_FIT = 0.85


@dataclass
class Draft:
    body: str
    subject: str
    drafted_by: str  # template | llm
    confidence: float


def _folder():
    return resources.files("claimpilot.prompts") / "buyers"


@cache
def templates(lang: str) -> dict[str, str]:
    lang = lang if lang in TEMPLATE_LANGUAGES else "en"
    return yaml.safe_load((_folder() / f"{lang}.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.ChainableUndefined)


def _values(order_id: str | None, name: str, context: dict[str, Any], lang: str) -> dict[str, Any]:
    order = context.get("order") or None
    items = (order or {}).get("items") or []
    tracking = context.get("tracking") or None
    wording = templates(lang).get("tracking_statuses") or {}
    return {"order_id": order_id or "", "name": name, "order": order, "tracking": tracking,
            "tracking_status": wording.get((tracking or {}).get("status") or "", ""),
            "item": items[0]["title"] if items and items[0].get("title") else ""}


def subject_for(original: str, order_id: str | None) -> str:
    subject = (original or "").strip()
    if not subject:
        subject = f"Order {order_id}" if order_id else "Your message"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"[:500]


def template_draft(intent: str, lang: str, order_id: str | None, name: str, context: dict[str, Any],
                   certainty: float, subject: str) -> Draft:
    """The template reply; confidence = how sure the intent and language are x how well a template answers it."""
    t = templates(lang)
    values = _values(order_id, name, context, lang)
    parts = [_env().from_string(t[k]).render(**values).strip() for k in ("greeting", intent, "closing")]
    body = "\n\n".join(p for p in parts if p)
    fit = TEMPLATE_FIT.get(intent, 0.5) * (1.0 if context.get("order") else 0.6)
    return Draft(body, subject_for(subject, order_id), "template", round(certainty * fit, 3))


def _prompt(name: str) -> str:
    return (_folder() / name).read_text("utf-8")


def llm_draft(settings: Settings, intent: str, lang: str, order_id: str | None, name: str, message: str,
              context: dict[str, Any], certainty: float, subject: str) -> Draft:
    """The configured model's reply (the same factory the agent uses)."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from claimpilot.agent.model import make_chat_model

    facts = json.dumps({"order": context.get("order"), "tracking": context.get("tracking"), "buyer_name": name},
                       ensure_ascii=False, default=str)
    safe_message = message.replace("</buyer_message>", "</ buyer_message>")
    user = _prompt("reply.user.md").format(language=lang, order_id=order_id or "(none)", intent=intent,
                                           facts=facts, message=safe_message[:4000])
    model = make_chat_model(settings)
    reply = model.invoke([SystemMessage(_prompt("reply.system.md")), HumanMessage(user)])
    body = (reply.text if hasattr(reply, "text") else str(reply.content)).strip()
    return Draft(body, subject_for(subject, order_id), "llm", round(certainty * LLM_FIT, 3))


def draft_reply(settings: Settings, *, intent: str, lang: str, order_id: str | None, name: str, message: str,
                context: dict[str, Any], certainty: float, subject: str) -> Draft:
    """The LLM's draft when one is configured, else the template's."""
    if settings.llm.configured:
        return llm_draft(settings, intent, lang, order_id, name, message, context, certainty, subject)
    return template_draft(intent, lang, order_id, name, context, certainty, subject)
