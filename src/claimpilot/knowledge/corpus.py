"""The policy corpus: markdown passages with YAML front matter, read and checked.

Each file under ``corpus/<language>/`` holds one passage::

    ---
    id: window-warehouse-lost.en
    title: ...
    sources: [us-ann-claim-windows-2024]     # keys of knowledge/sources.yaml
    effective: 2024-10-23                    # the date the rule took effect
    checked: 2026-12-05                      # the day the passage was last checked against its sources
    certainty: stated                        # stated by Amazon, or inferred (then `why` says why)
    marketplaces: [US]
    topic: claim-windows
    language: en
    ---
    Passage text.

A passage none of whose sources is Amazon's own says so in its text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimpilot.knowledge.sources import CERTAINTIES, Source, SourceError, resolve

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
REQUIRED_FIELDS = ("id", "title", "sources", "effective", "checked", "certainty", "marketplaces", "topic",
                   "language")
OPTIONAL_FIELDS = ("why",)
LANGUAGES = ("en", "zh")
EU_MARKETPLACES = ("DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE")
MARKETPLACES = ("ALL", "US", "CA", "MX", "BR", "EU", "UK", *EU_MARKETPLACES, "JP", "AU")
# How a passage without an Amazon source says so (one of these must be in its text).
NO_AMAZON_SOURCE = {
    "en": re.compile(r"\bno Amazon (?:page|source|help page|announcement|rule)", re.IGNORECASE),
    "zh": re.compile(r"没有(?:找到|查到)?(?:任何)?亚马逊(?:自己)?(?:的)?(?:页面|来源|帮助页面|公告|规定)"),
}
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*\.(en|zh)$")


class CorpusError(ValueError):
    """A corpus file that cannot be used; the message names the file and the field."""

    def __init__(self, path: Path, field: str, problem: str) -> None:
        super().__init__(f"{path}: front matter field '{field}': {problem}")
        self.path = path
        self.field = field


@dataclass(frozen=True)
class CorpusPassage:
    """One passage as written in the corpus."""

    id: str
    title: str
    source: str
    effective: str
    marketplaces: tuple[str, ...]
    topic: str
    language: str
    text: str
    path: Path
    sources: tuple[str, ...] = ()
    checked: str = ""
    certainty: str = ""
    why: str = ""

    @property
    def pair_key(self) -> str:
        """The id without its language suffix: the same facts in the other language share it."""
        return self.id.rsplit(".", 1)[0]

    @property
    def content_hash(self) -> str:
        body = "\n".join([self.title, self.source, self.effective, ",".join(self.marketplaces),
                          self.topic, self.language, self.text, self.checked, self.certainty, self.why])
        return hashlib.sha256(body.encode("utf-8")).hexdigest()

    def embedding_text(self) -> str:
        """What the model reads: the title, then the passage."""
        return f"{self.title}\n{self.text}"


def _split_front_matter(path: Path, raw: str) -> tuple[dict, str]:
    if not raw.startswith("---"):
        raise CorpusError(path, "(front matter)", "the file must start with a '---' line")
    parts = raw.split("\n---", 1)
    if len(parts) != 2:
        raise CorpusError(path, "(front matter)", "no closing '---' line")
    try:
        meta = yaml.safe_load(parts[0][3:]) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(path, "(front matter)", f"not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise CorpusError(path, "(front matter)", "must be a mapping of field: value")
    body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return meta, body.strip()


def _date(path: Path, field: str, value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CorpusError(path, field, f"{value!r} is not a date (YYYY-MM-DD)") from None


def _sources(path: Path, value: object) -> list[Source]:
    keys = [value] if isinstance(value, str) else value
    if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
        raise CorpusError(path, "sources", "must be a non-empty list of source keys (knowledge/sources.yaml)")
    try:
        return resolve(keys, str(path))
    except SourceError as exc:
        raise CorpusError(path, "sources", str(exc)) from None


def _certainty(path: Path, meta: dict, sources: list[Source], language: str, text: str) -> tuple[str, str]:
    certainty, why = meta["certainty"], str(meta.get("why") or "").strip()
    if certainty not in CERTAINTIES:
        raise CorpusError(path, "certainty", f"{certainty!r} is not one of {', '.join(CERTAINTIES)}")
    if certainty == "inferred" and not why:
        raise CorpusError(path, "why", "an inferred passage says why it is inferred")
    if certainty == "stated" and not any(s.by_amazon for s in sources):
        raise CorpusError(path, "certainty", "'stated' needs at least one Amazon source (help, announcement, "
                                             "reference); otherwise it is 'inferred'")
    if not any(s.by_amazon for s in sources) and not NO_AMAZON_SOURCE[language].search(text):
        raise CorpusError(path, "(body)", "no source is Amazon's own, and the text does not say so plainly")
    return certainty, why


def _marketplaces(path: Path, value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise CorpusError(path, "marketplaces", "must be a non-empty list such as [US, EU]")
    unknown = [m for m in items if str(m) not in MARKETPLACES]
    if unknown:
        raise CorpusError(path, "marketplaces", f"unknown {unknown}; known: {', '.join(MARKETPLACES)}")
    return tuple(str(m) for m in items)


def parse_passage(path: Path) -> CorpusPassage:
    """Read one corpus file; raise CorpusError naming the file and the bad field."""
    meta, text = _split_front_matter(path, path.read_text(encoding="utf-8"))
    for field in REQUIRED_FIELDS:
        if meta.get(field) in (None, "", []):
            raise CorpusError(path, field, "missing or empty")
    unknown = set(meta) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)
    if unknown:
        raise CorpusError(path, sorted(unknown)[0], "unknown field")
    for field in ("id", "title", "topic", "language", "certainty"):
        if not isinstance(meta[field], str):
            raise CorpusError(path, field, f"must be text, got {meta[field]!r}")
    language = meta["language"]
    if language not in LANGUAGES:
        raise CorpusError(path, "language", f"{language!r} is not one of {', '.join(LANGUAGES)}")
    if not _ID_PATTERN.match(meta["id"]) or not meta["id"].endswith("." + language):
        raise CorpusError(path, "id", f"{meta['id']!r} must look like 'some-slug.{language}'")
    if not text:
        raise CorpusError(path, "(body)", "the passage has no text")
    sources = _sources(path, meta["sources"])
    certainty, why = _certainty(path, meta, sources, language, text)
    return CorpusPassage(
        id=meta["id"], title=meta["title"].strip(), source="; ".join(s.cite() for s in sources),
        effective=_date(path, "effective", meta["effective"]),
        marketplaces=_marketplaces(path, meta["marketplaces"]),
        topic=meta["topic"], language=language, text=text, path=path,
        sources=tuple(s.key for s in sources), checked=_date(path, "checked", meta["checked"]),
        certainty=certainty, why=why,
    )


def load_corpus(corpus_dir: Path | None = None) -> list[CorpusPassage]:
    """Every passage under ``corpus_dir`` (default: the shipped corpus), ids unique."""
    root = Path(corpus_dir or CORPUS_DIR)
    passages: list[CorpusPassage] = []
    seen: dict[str, Path] = {}
    for path in sorted(root.rglob("*.md")):
        passage = parse_passage(path)
        if passage.id in seen:
            raise CorpusError(path, "id", f"{passage.id!r} is already used by {seen[passage.id]}")
        seen[passage.id] = path
        passages.append(passage)
    return passages
