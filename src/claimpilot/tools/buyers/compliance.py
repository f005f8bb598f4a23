"""The check every reply passes before it may leave: Amazon's messaging rules plus our own (no secrets).

Rules: no links or web addresses, no e-mail addresses, no phone numbers or
requests to talk off Amazon, no marketing, no review manipulation, only the
attachments Amazon allows, the order id present, the buyer's language used,
no secret of this installation, not empty, not too long. Phrase lists live in
``data/compliance.yaml``, with the knowledge-corpus passage each rule comes
from, cited in the reason. A reply with any issue is held with the reasons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimpilot.config import Settings
from claimpilot.tools.buyers.language import detect
from claimpilot.tools.buyers.relay import ORDER_ID

URL = re.compile(r"(?:https?://|ftp://|www\.)\S+|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|io|co|"
                 r"shop|store|site|online|de|fr|it|es|uk|jp|cn|us|ca|eu|ly|me|link)\b(?:/\S*)?", re.I)
EMAIL = re.compile(r"[a-z0-9._%+-]+\s*(?:@|\[at\]|\(at\))\s*[a-z0-9.-]+\.[a-z]{2,}", re.I)
PHONE = re.compile(r"(?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,5}(?![\w-])")
SECRET_SHAPES = re.compile(r"Atz[ar]\|\S+|amzn1\.application-oa2-client\.\S+|\bsk-[A-Za-z0-9_-]{16,}|"
                           r"-----BEGIN [A-Z ]*PRIVATE KEY-----", re.I)


@dataclass
class ComplianceResult:
    ok: bool
    issues: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    text = (resources.files("claimpilot.tools.buyers") / "data" / "compliance.yaml").read_text("utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def _phrases(text: str, phrases: list[str]) -> list[str]:
    low = text.lower()
    found = []
    for p in phrases:
        p = str(p).lower()
        hit = re.search(r"(?<!\w)" + re.escape(p), low) if re.match(r"[\w%]", p[0]) and p.isascii() else p in low
        if hit:
            found.append(p)
    return found


def installation_secrets(settings: Settings | None) -> list[str]:
    """Every secret value configured here (SP-API, LLM, mail passwords): a reply may hold none of them."""
    if settings is None:
        return []
    values = [settings.sp_api.refresh_token, settings.sp_api.lwa_client_secret, settings.llm.api_key,
              settings.buyers.imap.password, settings.buyers.smtp.password, settings.server.session_secret]
    plain = [v.get_secret_value() if hasattr(v, "get_secret_value") else str(v) for v in values if v is not None]
    return [v for v in plain if len(v) >= 6]


def check_reply(body: str, *, order_id: str | None, language: str, attachments: list[dict[str, Any]] | None = None,
                settings: Settings | None = None) -> ComplianceResult:
    """All issues of ``body`` as a reply to a buyer who wrote in ``language`` about ``order_id``."""
    text = body or ""
    cfg = rules()
    issues: list[str] = []
    if not text.strip():
        return ComplianceResult(False, ["the reply is empty"])
    if len(text) > cfg["max_chars"]:
        issues.append(f"the reply is longer than {cfg['max_chars']} characters")
    cite = cfg.get("sources", {})
    without_ids = ORDER_ID.sub(" ", text)
    if EMAIL.search(text):
        issues.append(f"contains an e-mail address [{cite.get('email')}]")
    link = URL.search(EMAIL.sub(" ", without_ids))
    if link:
        issues.append(f"contains a link or web address: {link.group(0)[:60]} [{cite.get('link')}]")
    if PHONE.search(without_ids):
        issues.append(f"contains a phone number [{cite.get('phone')}]")
    for rule, label in (("marketing", "marketing"), ("review_manipulation", "asks about reviews"),
                        ("off_amazon_contact", "moves the buyer off Amazon")):
        hits = _phrases(text, cfg[rule])
        if hits:
            issues.append(f"{label}: {', '.join(hits[:3])} [{cite.get(rule)}]")
    if SECRET_SHAPES.search(text) or any(s in text for s in installation_secrets(settings)):
        issues.append("contains a credential or secret of this installation")
    if not order_id:
        issues.append("no order id is known for this message; answer it in Seller Central")
    elif order_id not in text:
        issues.append(f"the order id {order_id} is missing from the reply")
    written = detect(text).code
    if written != language:
        issues.append(f"written in '{written}' but the buyer wrote in '{language}'")
    issues.extend(f"{i} [{cite.get('attachments')}]" for i in _attachment_issues(attachments or [], cfg["attachments"]))
    return ComplianceResult(not issues, issues)


def _attachment_issues(attachments: list[dict[str, Any]], allowed: dict[str, Any]) -> list[str]:
    issues = []
    if len(attachments) > allowed["max_count"]:
        issues.append(f"more than {allowed['max_count']} attachments")
    for a in attachments:
        name = a.get("name") or "attachment"
        if a.get("type") not in allowed["allowed_types"]:
            issues.append(f"attachment {name}: type {a.get('type')} is not allowed")
        if int(a.get("size") or 0) > allowed["max_bytes"]:
            issues.append(f"attachment {name} is larger than {allowed['max_bytes']} bytes")
    return issues
