"""Watch the pages the policy knowledge rests on, and say which changed since a person last reviewed them.

Every source of ``sources.yaml`` with a URL is fetched (https, or plain http to this machine only, redirects
checked hop by hop); its page is reduced to its readable text (scripts, styles, navigation, the copyright
line and whitespace left out) and kept as a sha256 digest in ``<home>/policy_watch.json``:

* ``baseline``: the digest a person accepted (the first fetch sets it);
* ``last``: the digest of the latest fetch.

A page whose latest text differs from its baseline is reported ``changed`` at every run until someone has
read it, updated the corpus or the policy data, and accepted it (``claimpilot kb watch --accept KEY``).
Nothing here runs without being asked: ``claimpilot kb watch`` (for a cron) or the ``policy_watch`` job kind,
which no seller has on a schedule until one is set.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx

from claimpilot import clock, outbound
from claimpilot.knowledge.sources import Source, load_sources
from claimpilot.outbound import OutboundRefused

STATE_FILE = "policy_watch.json"
SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "header", "footer", "iframe", "form"}
COPYRIGHT = re.compile(r"©\s*\d{4}(?:\s*[-–]\s*\d{4})?[^.\n]*(?:\.|$)")
STATUSES = ("unchanged", "changed", "first_seen", "unreachable", "refused")


class _Text(HTMLParser):
    """The readable text of a page: inside <main> or <article> when the page has one, else the body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.main_depth = 0
        self.all: list[str] = []
        self.main: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in ("main", "article"):
            self.main_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP and self.skipping:
            self.skipping -= 1
        elif tag in ("main", "article") and self.main_depth:
            self.main_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.all.append(data)
            if self.main_depth:
                self.main.append(data)


def page_text(html: str) -> str:
    """What a person reads on the page, normalised: a cosmetic change to the markup leaves it equal."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = " ".join(parser.main or parser.all)
    return " ".join(COPYRIGHT.sub(" ", text).split())


def digest(html: str) -> str:
    return hashlib.sha256(page_text(html).encode("utf-8")).hexdigest()


Refused = OutboundRefused  # an address the watcher does not connect to


def check_url(url: str) -> None:
    """The codebase's one outbound guard (``claimpilot.outbound``), for a watched page."""
    outbound.check_url(url, "a watched policy page")


@dataclass
class PageReport:
    key: str
    url: str
    status: str
    checked: str  # the day claimpilot's text was last checked against this page (sources.yaml)
    first_seen: str = ""
    changed_since: str = ""
    error: str = ""


@dataclass
class WatchReport:
    at: str
    pages: list[PageReport]

    def by_status(self, status: str) -> list[PageReport]:
        return [p for p in self.pages if p.status == status]

    def to_json(self) -> dict[str, Any]:
        counts = {s: len(self.by_status(s)) for s in STATUSES}
        return {"at": self.at, "counts": counts, "pages": [asdict(p) for p in self.pages]}


def state_path(home: Path) -> Path:
    return Path(home) / STATE_FILE


def _load_state(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_state(path: Path, state: dict[str, dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(path)  # whole or not at all


def _fetch(client: httpx.Client, url: str) -> str:
    for _ in range(6):
        check_url(url)
        response = client.get(url)
        if response.is_redirect and response.headers.get("location"):
            url = str(response.url.join(response.headers["location"]))
            continue
        response.raise_for_status()
        return response.text
    raise httpx.TooManyRedirects(f"too many redirects from {url}")


def watch(home: Path, sources: dict[str, Source] | None = None, timeout: float = 20.0,
          client: httpx.Client | None = None) -> WatchReport:
    """Fetch every watched page, compare it with its baseline, keep what was seen; nothing is sent anywhere."""
    sources = sources if sources is not None else load_sources()
    path = state_path(home)
    state = _load_state(path)
    now = clock.now_utc().isoformat(timespec="seconds")
    pages: list[PageReport] = []
    own = client is None
    client = client or httpx.Client(timeout=timeout, follow_redirects=False,
                                    headers={"User-Agent": "claimpilot-policy-watch"})
    try:
        for key, source in sorted(sources.items()):
            if not source.url:
                continue
            report = PageReport(key, source.url, "unchanged", source.checked.isoformat())
            kept = state.get(source.url, {})
            try:
                seen = digest(_fetch(client, source.url))
            except Refused as exc:
                report.status, report.error = "refused", str(exc)
            except httpx.HTTPError as exc:
                report.status, report.error = "unreachable", f"{type(exc).__name__}: {exc}"[:300]
            else:
                if not kept.get("baseline"):
                    kept = {"baseline": seen, "first_seen": now}
                    report.status = "first_seen"
                elif seen != kept["baseline"]:
                    report.status = "changed"
                    if kept.get("last") != seen or not kept.get("changed_since"):
                        kept["changed_since"] = now
                kept.update(last=seen, last_seen=now)
                state[source.url] = kept
            report.first_seen = kept.get("first_seen", "")
            report.changed_since = kept.get("changed_since", "") if report.status == "changed" else ""
            pages.append(report)
    finally:
        if own:
            client.close()
    _save_state(path, state)
    return WatchReport(now, pages)


def accept(home: Path, keys: list[str], sources: dict[str, Source] | None = None) -> list[str]:
    """Take the latest text of these pages (keys of sources.yaml, or "all") as reviewed; the keys accepted."""
    sources = sources if sources is not None else load_sources()
    unknown = [k for k in keys if k != "all" and k not in sources]
    if unknown:
        raise KeyError(f"unknown source(s) {unknown}")
    path = state_path(home)
    state = _load_state(path)
    done = []
    for key, source in sorted(sources.items()):
        kept = state.get(source.url)
        if ("all" in keys or key in keys) and kept and kept.get("last"):
            kept["baseline"] = kept["last"]
            kept.pop("changed_since", None)
            kept["accepted"] = clock.now_utc().isoformat(timespec="seconds")
            done.append(key)
    _save_state(path, state)
    return done

