"""Where a fresh draft goes: held (fails compliance), approved to leave on its own, or queued for a person.

A draft that fails compliance, or that a person must complete (a product question the product sheet
cannot answer), is held. A flagged message (``safety.py``: review for refund, payment or contact off
Amazon, threats, injection) is never sent on its own. Auto-send applies only when the seller turned it on
for the message's intent (``Settings.buyers.auto_send_intents``), the draft passes compliance, its
confidence reaches ``auto_send_min_confidence``, and a sender address is configured. Everything else waits.
"""

from __future__ import annotations

import json
from typing import Any

from claimpilot.config import Settings
from claimpilot.tools.buyers.compliance import ComplianceResult

HELD, QUEUED, APPROVED = "held", "queued", "approved"


def initial_status(settings: Settings, message: dict[str, Any], verdict: ComplianceResult,
                   confidence: float, hold: str = "") -> tuple[str, str, bool]:
    """(status, reason, auto) for a new draft."""
    if not verdict.ok:
        return HELD, "; ".join(verdict.issues), False
    if hold:
        return HELD, hold, False
    cfg = settings.buyers
    flags = [f["code"] for f in json.loads(message.get("flags") or "[]")]
    if flags:
        return QUEUED, f"flagged ({', '.join(flags)}): never sent on its own; a person decides", False
    if message["intent"] not in cfg.auto_send_intents:
        return QUEUED, f"auto-send is off for '{message['intent']}'", False
    if message.get("suspicious"):
        return QUEUED, "the buyer's text addresses an assistant or asks for secrets; a person decides", False
    if confidence < cfg.auto_send_min_confidence:
        return QUEUED, f"confidence {confidence:.2f} is below {cfg.auto_send_min_confidence:.2f}", False
    if not cfg.smtp.from_address:
        return QUEUED, "no sender address is configured", False
    return APPROVED, f"auto-send for '{message['intent']}' at confidence {confidence:.2f}", True
