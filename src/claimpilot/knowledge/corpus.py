"""The policy corpus: markdown passages with YAML front matter, read and checked.

Each file under ``corpus/<language>/`` holds one passage::

    ---
    id: window-warehouse-lost.en
    title: ...
    source: Seller Central help G4FKT5KQWFFJ7LDN
    effective: 2024-10-23
    marketplaces: [US]
    topic: claim-windows
    language: en
    ---
    Passage text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
REQUIRED_FIELDS = ("id", "title", "source", "effective", "marketplaces", "topic", "language")
LANGUAGES = ("en", "zh")
MARKETPLACES = ("ALL", "US", "CA", "MX", "EU", "UK", "DE", "FR", "IT", "ES", "JP")
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

    @property
    def pair_key(self) -> str:
        """The id without its language suffix: the same facts in the other language share it."""
        return self.id.rsplit(".", 1)[0]

    @property
    def content_hash(self) -> str:
        body = "\n".join([self.title, self.source, self.effective, ",".join(self.marketplaces),
                          self.topic, self.language, self.text])
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


def _effective(path: Path, value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CorpusError(path, "effective", f"{value!r} is not a date (YYYY-MM-DD)") from None


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
    for field in ("id", "title", "source", "topic", "language"):
        if not isinstance(meta[field], str):
            raise CorpusError(path, field, f"must be text, got {meta[field]!r}")
    language = meta["language"]
    if language not in LANGUAGES:
        raise CorpusError(path, "language", f"{language!r} is not one of {', '.join(LANGUAGES)}")
    if not _ID_PATTERN.match(meta["id"]) or not meta["id"].endswith("." + language):
        raise CorpusError(path, "id", f"{meta['id']!r} must look like 'some-slug.{language}'")
    if not text:
        raise CorpusError(path, "(body)", "the passage has no text")
    return CorpusPassage(
        id=meta["id"], title=meta["title"].strip(), source=meta["source"].strip(),
        effective=_effective(path, meta["effective"]),
        marketplaces=_marketplaces(path, meta["marketplaces"]),
        topic=meta["topic"], language=language, text=text, path=path,
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
