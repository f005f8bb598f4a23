"""A reply drafted for pasted buyer text, not stored: what the queue would hold for it."""

from __future__ import annotations

from claimpilot.config import Settings
from claimpilot.tools.buyers.compliance import check_reply
from claimpilot.tools.buyers.drafting import draft_reply
from claimpilot.tools.buyers.intent import classify
from claimpilot.tools.buyers.language import detect
from claimpilot.tools.buyers.order_context import order_context
from claimpilot.tools.buyers.relay import find_order_id
from claimpilot.tools.buyers.safety import suspicious_markers


def preview_reply(settings: Settings, text: str, order_id: str | None = None) -> dict:
    """Language, intent, order facts, the draft and its compliance verdict for ``text``."""
    if not (text or "").strip():
        raise ValueError("no buyer text to answer")
    order_id = order_id or find_order_id(text)
    lang, guess = detect(text), classify(text)
    context = order_context(settings, order_id)
    draft = draft_reply(settings, intent=guess.intent, lang=lang.code, order_id=order_id, name="", message=text,
                        context=context, certainty=guess.confidence * lang.confidence, subject="")
    verdict = check_reply(draft.body, order_id=order_id, language=lang.code, settings=settings)
    return {"order_id": order_id, "language": lang.code, "intent": guess.intent, "confidence": draft.confidence,
            "suspicious": bool(suspicious_markers(text)), "order": context.get("order"),
            "tracking": context.get("tracking"), "order_error": context.get("order_error"),
            "reply": draft.body, "drafted_by": draft.drafted_by, "compliance_ok": verdict.ok,
            "compliance_issues": verdict.issues}
