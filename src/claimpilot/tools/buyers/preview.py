"""A reply drafted for pasted buyer text, not stored: what the queue would hold for it."""

from __future__ import annotations

from typing import Any

from claimpilot.config import Settings
from claimpilot.tools.buyers.compliance import check_reply
from claimpilot.tools.buyers.drafting import Request, draft_reply
from claimpilot.tools.buyers.intent import classify
from claimpilot.tools.buyers.language import detect
from claimpilot.tools.buyers.order_context import order_context
from claimpilot.tools.buyers.relay import find_order_id
from claimpilot.tools.buyers.safety import flags_for
from claimpilot.tools.buyers.tone import is_angry

MARKETPLACE_LANGUAGE = {"US": "en", "CA": "en", "UK": "en", "GB": "en", "AU": "en", "IN": "en", "SG": "en",
                        "AE": "en", "SA": "en", "IE": "en", "DE": "de", "AT": "de", "FR": "fr", "BE": "fr", "IT": "it",
                        "ES": "es", "MX": "es", "NL": "nl", "PL": "pl", "SE": "sv", "JP": "ja"}
SELLER_LANGUAGE = "zh"


def reply_language(settings: Settings, text: str, context: dict[str, Any]) -> tuple[str, float]:
    """The language to answer in: the buyer's. Text in the seller's own language (Chinese: the seller describing
    the buyer's message, as in chat) is answered in the language of the order's marketplace, never in Chinese
    to a foreign buyer."""
    lang = detect(text)
    if lang.code != SELLER_LANGUAGE:
        return lang.code, lang.confidence
    market = ((context.get("order") or {}).get("marketplace") or settings.marketplace or "US").upper()
    if market in ("CN",):
        return lang.code, lang.confidence
    return MARKETPLACE_LANGUAGE.get(market, "en"), 0.9


def preview_reply(settings: Settings, text: str, order_id: str | None = None,
                  seller_request: str = "") -> dict[str, Any]:
    """Language, intent, order facts, the draft and its compliance verdict for ``text`` (the buyer's words, or
    the seller's description of them in Chinese); ``seller_request``: the seller's wishes for a draft asked again."""
    if not (text or "").strip():
        raise ValueError("no buyer text to answer")
    order_id = order_id or find_order_id(text)
    guess = classify(text)
    context = order_context(settings, order_id)
    language, certainty = reply_language(settings, text, context)
    flags = [f.to_dict() for f in flags_for(text)]
    draft = draft_reply(settings, Request(intent=guess.intent, lang=language, order_id=order_id, name="",
                                          message=text, context=context, certainty=guess.confidence * certainty,
                                          subject="", angry=is_angry(text), flags=tuple(f["code"] for f in flags),
                                          seller_request=seller_request))
    verdict = check_reply(draft.body, order_id=order_id, language=language, settings=settings)
    return {"order_id": order_id, "language": language, "intent": guess.intent, "confidence": draft.confidence,
            "suspicious": bool(flags), "flags": flags, "tasks": draft.tasks, "note_zh": draft.note_zh,
            "order": context.get("order"),
            "tracking": context.get("tracking"), "order_error": context.get("order_error"),
            "reply": draft.body, "drafted_by": draft.drafted_by, "compliance_ok": verdict.ok,
            "compliance_issues": verdict.issues}
