"""The router's answers, rendered from the templates in claimpilot/prompts/agent/answers/.

Every code a tool returns (status, claim type, shipment state and kind, alert, denial reason,
report kind, buyer intent) reaches the person as its name in their language
(``claimpilot.vocabulary.label``); money, numbers and dates are formatted for their locale
(Babel). Long lists are cut, with how many more there are.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import jinja2

from claimpilot import yamlfile
from claimpilot.agent.prompts import load_answer_template
from claimpilot.vocabulary import (
    AlertKind,
    BuyerIntent,
    ClaimStatus,
    ClaimType,
    DenialReason,
    ReportKind,
    ShipmentKind,
    ShipmentState,
    label,
)

LOCALES = {"zh": "zh_CN", "en": "en_US"}
SHOWN = 10  # items of a list shown before "and N more"
_ENUMS = {"status": ClaimStatus, "ctype": ClaimType, "reason": DenialReason, "shipstate": ShipmentState,
          "shipkind": ShipmentKind, "alert": AlertKind, "report": ReportKind, "intent": BuyerIntent}


@cache
def _extra_names() -> dict[str, dict[str, dict[str, str]]]:
    """Names the vocabulary does not hold (tools, report groups, statuses groups, languages)."""
    from importlib import resources

    text = (resources.files("claimpilot.prompts") / "agent" / "names.yaml").read_text(encoding="utf-8")
    data: dict[str, dict[str, dict[str, str]]] = yamlfile.safe_load(text)
    return data


def name_of(kind: str, value: Any, lang: str) -> str:
    """The person's word for a code of ``kind`` in ``lang``; never the raw code."""
    text = str(value or "")
    enum = _ENUMS.get(kind)
    if enum is not None:
        try:
            return label(enum(text), lang)
        except ValueError:
            pass
    extra = _extra_names().get(kind, {}).get(text)
    if extra:
        return extra.get(lang) or extra["en"]
    if lang == "zh":
        return _extra_names()["fallback"]["other"]["zh"]
    return text.replace("_", " ")


_PROPER = re.compile(r"^(?:Amazon|Seller|Central|Support|[A-Z0-9]{2,}\w*)$")


def in_running_text(name: Any) -> str:
    """A name as it reads inside a sentence: lower case, proper names and acronyms kept
    ("Damaged in an Amazon warehouse" -> "damaged in an Amazon warehouse", "FBA inbound" kept)."""
    return " ".join(w if _PROPER.match(w) else w.lower() for w in str(name or "").split(" "))


def money(value: Any, currency: str | None, lang: str) -> str:
    from babel.numbers import format_currency

    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError):
        return str(value)
    code = currency if currency and currency != "mixed" and re.fullmatch(r"[A-Z]{3}", currency) else None
    if code is None:
        from babel.numbers import format_decimal

        return format_decimal(amount, format="#,##0.00", locale=LOCALES[lang])
    return format_currency(amount, code, locale=LOCALES[lang])


def day(value: Any, lang: str) -> str:
    from babel.dates import format_date

    if not value:
        return ""
    try:
        d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return format_date(d, format="long" if lang == "zh" else "medium", locale=LOCALES[lang])


def number(value: Any, lang: str) -> str:
    from babel.numbers import format_decimal

    try:
        return format_decimal(Decimal(str(value)), locale=LOCALES[lang])
    except (InvalidOperation, TypeError):
        return str(value)


def more(total: int, shown: int, lang: str) -> str:
    """'and 3 more' / '以及另外 3 条' for a list cut at ``shown`` of ``total``."""
    left = int(total or 0) - int(shown or 0)
    if left <= 0:
        return ""
    return f"……以及另外 {left} 条。" if lang == "zh" else f"…and {left} more."


@cache
def _env(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.ChainableUndefined)
    for kind in (*_ENUMS, "tool", "language", "field", "ref_kind", "marketplace"):
        env.filters[kind] = lambda v, _k=kind: name_of(_k, v, lang)
    env.filters["lower"] = in_running_text
    env.filters["money"] = lambda v, currency=None: money(v, currency, lang)
    env.filters["day"] = lambda v: day(v, lang)
    env.filters["num"] = lambda v: number(v, lang)
    env.filters["quote"] = lambda text: "\n".join("> " + line if line.strip() else ">" for line in
                                                  str(text or "").strip().splitlines())
    env.tests["han"] = lambda text: bool(re.search(r"[\u4e00-\u9fff]", str(text or "")))
    env.globals["more"] = lambda total, shown: more(total, shown, lang)
    env.globals["SHOWN"] = SHOWN
    return env


@cache
def _template(name: str, lang: str) -> jinja2.Template:
    """A named answer's template, read and compiled once (compiling took longer than rendering)."""
    source = load_answer_template(name, lang)
    if source is None:
        source = load_answer_template("_generic", lang) or ""
    return _env(lang).from_string(source)


def render(name: str, lang: str, **values: Any) -> str:
    """A named answer (a tool's name, or _help, _decline, _missing, _rejected, _error, _generic)."""
    text = _template(name, lang).render(lang=lang, **values).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def render_tool(name: str, data: Any, lang: str, args: dict | None = None) -> str:
    """A tool's result as an answer; its error as a plain sentence in the person's language."""
    if isinstance(data, dict) and "error" in data:
        return render("_error", lang, tool=name, error=data["error"], kind=data.get("error_type", ""),
                      args=args or {}, detail=_error_detail(data), near=data.get("did_you_mean", []))
    return render(name, lang, tool=name, data=data, args=args or {})


def _error_detail(data: dict) -> dict[str, str]:
    """What an error says that a person can read: the claim and its status (given with a refused status
    change, else read from the message); the message itself only when it holds no code."""
    message = str(data["error"])
    text = message.split(": ", 1)[-1]
    out = {"message": "" if re.search(r"[a-z0-9]_[a-z0-9]|/", text) else text}
    if "status" in data:
        out.update(claim_id=str(data["claim_id"]), status=str(data["status"]))
    elif m := re.search(r"claim (\d+) is (\w+)", message):
        out.update(claim_id=m.group(1), status=m.group(2))
    return out
