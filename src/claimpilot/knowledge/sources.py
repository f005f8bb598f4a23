"""The pages claimpilot's policy knowledge rests on (``sources.yaml``), read and checked.

Every corpus passage and every entry of the audit's policy data names one or
more of these by key. A source is an Amazon help page (its id and URL), an
Amazon announcement (with the date it gives the change), an undated post by
Amazon on its Seller Forums, Amazon developer documentation, a third party's
report of what Amazon said, or claimpilot's own rule. Each records the day its
text was last checked. ``claimpilot kb watch`` fetches every URL here and
reports the pages that changed since.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

SOURCES_FILE = Path(__file__).resolve().parent / "sources.yaml"
KINDS = ("help", "announcement", "forum", "reference", "third_party", "claimpilot")
AMAZON_KINDS = ("help", "announcement", "forum", "reference")
CERTAINTIES = ("stated", "inferred")
_LOCAL_HTTP = re.compile(r"^http://(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?/")  # a page served on this machine


class SourceError(ValueError):
    """A sources file or a reference to a source that cannot be used; the message names file and key."""


@dataclass(frozen=True)
class Source:
    key: str
    kind: str
    title: str
    marketplace: str
    checked: dt.date
    states: str
    url: str = ""
    id: str = ""
    date: dt.date | None = None

    @property
    def by_amazon(self) -> bool:
        return self.kind in AMAZON_KINDS

    def cite(self) -> str:
        """How a reader cites it: what it is, its id or date, and where to read it."""
        if self.kind == "help":
            head = f"Seller Central help {self.id} ({self.marketplace}): {self.title}"
        elif self.kind == "announcement":
            when = f", {self.date.isoformat()}" if self.date else ""
            head = f"Amazon announcement ({self.marketplace}{when}): {self.title}"
        elif self.kind == "forum":
            head = f"Amazon Seller Forums post ({self.marketplace}, undated): {self.title}"
        elif self.kind == "reference":
            head = f"Amazon developer documentation: {self.title}"
        elif self.kind == "third_party":
            head = f"Not Amazon, third-party report: {self.title}"
        else:
            return f"{self.title}; no Amazon page"
        return f"{head} <{self.url}>"


def _date(where: str, value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SourceError(f"{where}: expected a date YYYY-MM-DD, got {value!r}") from None


def _source(path: Path, key: str, raw: Any) -> Source:
    where = f"{path}: sources.{key}"
    if not isinstance(raw, dict):
        raise SourceError(f"{where}: expected a mapping")
    unknown = set(raw) - {"kind", "id", "marketplace", "title", "url", "date", "checked", "states"}
    if unknown:
        raise SourceError(f"{where}: unknown key(s) {sorted(unknown)}")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise SourceError(f"{where}.kind: {kind!r} is not one of {', '.join(KINDS)}")
    for field in ("title", "marketplace", "states"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise SourceError(f"{where}.{field}: missing or empty")
    url = str(raw.get("url") or "")
    if kind != "claimpilot" and not (url.startswith("https://") or _LOCAL_HTTP.match(url)):
        raise SourceError(f"{where}.url: every page needs its https URL")
    page_id = str(raw.get("id") or "")
    if kind == "help" and not page_id:
        raise SourceError(f"{where}.id: a help page needs its help-page id")
    if kind == "announcement" and "date" not in raw:
        raise SourceError(f"{where}.date: an announcement needs the date it gives the change")
    when = _date(f"{where}.date", raw["date"]) if raw.get("date") is not None else None
    return Source(key=key, kind=kind, title=raw["title"].strip(), marketplace=raw["marketplace"],
                  checked=_date(f"{where}.checked", raw.get("checked")), states=" ".join(raw["states"].split()),
                  url=url, id=page_id, date=when)


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int) -> dict[str, Source]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SourceError(f"{path}: cannot read sources: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), dict) or not data["sources"]:
        raise SourceError(f"{path}: expected a mapping 'sources' of key: source")
    return {str(k): _source(path, str(k), v) for k, v in data["sources"].items()}


def load_sources(path: Path | None = None) -> dict[str, Source]:
    """Every source of ``path`` (default: the shipped sources.yaml), by key."""
    path = Path(path or SOURCES_FILE)
    return _load(path, path.stat().st_mtime_ns if path.exists() else 0)


def resolve(keys: list[str] | tuple[str, ...], where: str, path: Path | None = None) -> list[Source]:
    """The sources named by ``keys``; an unknown key is a SourceError naming ``where``."""
    known = load_sources(path)
    missing = [k for k in keys if k not in known]
    if missing:
        raise SourceError(f"{where}: unknown source(s) {missing}; sources are listed in {path or SOURCES_FILE}")
    return [known[k] for k in keys]
