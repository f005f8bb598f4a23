"""draft_buyer_reply: a reply to a buyer's message, in the buyer's language, checked against Amazon's messaging rules.

A stored message (by its id) shows its queued draft; pasted text gets a fresh
draft that is not stored. Either way nothing is sent: sending waits for the
person's approval in the buyer queue. The buyer's text is data here too.
"""

from __future__ import annotations

import re

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, settings_of

# "draft a reply to this buyer: <their text>" -> the buyer's text
_LEAD = re.compile(r"^[^:：\n]{0,80}(?:buyer|customer|message|reply|answer|respond|买家|客户|回复|答复|消息|留言)"
                   r"[^:：\n]{0,40}[:：]\s*", re.I)


_MESSAGE_REF = re.compile(r"(?:message|消息|留言)\s*(?:_?id|#|＃|no\.?|number|编号|号)?\s*[:：#＃]?\s*(\d{1,9})(?!\d)", re.I)
SHORT_REQUEST = 60  # a request this short that names a message is about that stored message


def _stored_message_id(message: str) -> int | None:
    """'reply to buyer message 12' names a message in the queue; a long text is the buyer's own words."""
    m = _MESSAGE_REF.search(message or "")
    return int(m.group(1)) if m and len(message) <= SHORT_REQUEST else None


def _buyer_text(message: str) -> str:
    text = (message or "").strip()
    m = _LEAD.match(text)
    return text[m.end():].strip() if m and text[m.end():].strip() else text


@tool(response_format="content_and_artifact")
def draft_buyer_reply(message: str, runtime: ToolRuntime, order_id: str | None = None,
                      message_id: int | None = None, seller_request: str | None = None) -> tuple[str, dict]:
    """Draft a reply to an Amazon buyer's message in the buyer's language (en, de, fr, es, it, ja, zh): its intent (where is my order, return or refund, damaged or wrong item, product question, cancellation, address change), the order's facts from the Orders API and its tracking, and the compliance check (no links, e-mail addresses, marketing or review requests; the order id present). Give the buyer's text, or message_id for a message in the buyer queue; to draft a reply again as the seller asks ("shorter, and offer a replacement"), the same buyer's text and the seller's words as seller_request. Nothing is sent."""

    def produce() -> dict:
        from claimpilot.tools.buyers.preview import preview_reply
        from claimpilot.tools.buyers.service import BuyerService

        settings = settings_of(runtime)
        stored_id = message_id or _stored_message_id(message)
        if stored_id:
            shown = BuyerService(settings).show(int(stored_id))
            reply = shown.get("reply") or {}
            return {"stored": True, "message_id": shown["id"], "order_id": shown["order_id"],
                    "language": shown["language"], "intent": shown["intent"], "status": shown["status"],
                    "buyer_message": shown["message"], "reply": reply.get("body", ""),
                    "compliance_ok": reply.get("compliance_ok", False),
                    "compliance_issues": reply.get("compliance_issues", []), "confidence": shown["confidence"],
                    "suspicious": shown["suspicious"], "flags": shown["flags"]}
        return {"stored": False, **preview_reply(settings, _buyer_text(message), order_id, seller_request or "")}

    return answer("draft_buyer_reply", produce)


TOOLS = [draft_buyer_reply]
