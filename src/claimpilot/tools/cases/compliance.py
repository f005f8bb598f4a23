"""The check every case and appeal text passes before a seller files it.

No links, no threats or promises, no claims the reports cannot show; every
claim's identifiers and event date named; each claim's quantity stated on its
own item line and the total consistent; the ask stated; the invoice asked for
or offered where a unit value is estimated. Rules: ``compliance.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimpilot.tools.cases.models import Claim
from claimpilot.tools.cases.policy import compliance_rules


@dataclass
class ComplianceResult:
    ok: bool
    issues: list[str] = field(default_factory=list)


def _any(patterns: list[str], text: str) -> str | None:
    for p in patterns:
        m = re.search(p, text, re.I)
        if m:
            return m.group(0)
    return None


def _numbers(line: str) -> set[str]:
    return set(re.findall(r"(?<![\w.,])\d+(?![\w]|[.,]\d)", line))


HASH = re.compile(r"\b[0-9a-f]{64}\b", re.I)
HAN = re.compile(r"[\u4e00-\u9fff]")


def _foreign_words(text: str, language: str, seller_words: str | None) -> str | None:
    """Words that do not belong in a text for Amazon: the seller's own note pasted in, Chinese in a text that
    is not Japanese, a file hash instead of a report citation."""
    note = " ".join((seller_words or "").split())
    if len(note) >= 12 and note in " ".join(text.split()):
        return "the seller's own note is pasted in; restate the reason instead"
    if language != "ja" and HAN.search(text):
        return f"contains Chinese in a {language} text"
    if HASH.search(text):
        return "cites a file hash; cite the report, the date and the row instead"
    return None


def check_text(text: str, language: str, claims: list[Claim], total_quantity: int | None = None,
               require_item_lines: bool = True, seller_words: str | None = None) -> ComplianceResult:
    """Check ``text`` (in ``language``) against the claims it is about (and, for an appeal, the seller's note of
    the denial, which must not appear in it)."""
    from claimpilot.tools.cases.policy import case_form_limit

    rules = compliance_rules()
    issues: list[str] = []
    if len(text) > case_form_limit():
        issues.append(f"longer than the case form allows ({len(text)} > {case_form_limit()} characters)")
    foreign = _foreign_words(text, language, seller_words)
    if foreign:
        issues.append(foreign)
    if re.search(rules["links"], text, re.I):
        issues.append("contains a link")
    hit = _any(rules["forbidden_any"] + rules["forbidden"].get(language, []), text)
    if hit:
        issues.append(f"contains wording Amazon rejects: '{hit}'")
    if not _any(rules["ask"].get(language, rules["ask"]["en"]), text):
        issues.append("does not state what is asked")
    if any(c.unit_value_estimated for c in claims) and not _any(rules["invoice"].get(language, []), text):
        issues.append("unit value is estimated but the text does not ask for the invoice (proof of cost)")
    lines = text.splitlines()
    for c in claims:
        ids = [c.reference_id] + ([c.fnsku] if c.fnsku else [])
        missing = [i for i in ids if i not in text]
        if missing:
            issues.append(f"claim {c.id}: identifier(s) missing: {', '.join(missing)}")
            continue
        if c.event_date.isoformat() not in text and c.window_opens.isoformat() not in text:
            issues.append(f"claim {c.id}: date {c.event_date.isoformat()} missing")
        if not require_item_lines:
            continue
        item = [ln for ln in lines if all(i in ln for i in ids)]
        if not item:
            issues.append(f"claim {c.id}: no line names all of its identifiers")
        elif not any(str(c.quantity) in _numbers(ln) for ln in item):
            issues.append(f"claim {c.id}: quantity {c.quantity} not stated on its line")
    if total_quantity is not None and claims:
        if total_quantity != sum(c.quantity for c in claims):
            issues.append(f"total {total_quantity} is not the sum of the items' quantities")
        elif str(total_quantity) not in _numbers(text):
            issues.append(f"total quantity {total_quantity} not stated")
    return ComplianceResult(ok=not issues, issues=issues)
