"""The fetch log: which report (type + range) is already in the store, and
which report Amazon is still preparing, so a run never fetches the same
report twice and an interrupted run picks up where it stopped.

It is a small JSON file beside the seller's DuckDB warehouse, rewritten
atomically after every report. A JSON file rather than a warehouse table:
the store's import is idempotent by content hash, so the log only has to be
right "at least once" (a crash between import and log costs one re-download,
never a duplicate row), and keeping it outside DuckDB means the fetcher never
holds the warehouse open beside the store's own transaction. It also reads
at a glance when a seller asks what was fetched.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from claimpilot import clock


class FetchLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._entries: dict[str, dict[str, Any]] = {}
        if path.exists():
            try:
                self._entries = json.loads(path.read_text(encoding="utf-8")).get("reports", {})
            except (ValueError, OSError):
                self._entries = {}

    def done(self, key: str) -> dict[str, Any] | None:
        entry = self._entries.get(key)
        return entry if entry and entry.get("status") == "fetched" else None

    def pending_report_id(self, key: str) -> str | None:
        entry = self._entries.get(key)
        return entry.get("report_id") if entry and entry.get("status") == "requested" else None

    def requested(self, key: str, report_id: str) -> None:
        self._put(key, {"status": "requested", "report_id": report_id})

    def fetched(self, key: str, **facts: Any) -> None:
        self._put(key, {"status": "fetched", **facts})

    def forget(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)
            self._save()

    def _put(self, key: str, entry: dict[str, Any]) -> None:
        entry["at"] = clock.now_utc().isoformat(timespec="seconds")
        with self._lock:
            self._entries[key] = entry
            self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".fetch-log-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"reports": self._entries}, f, indent=1, sort_keys=True)
        os.replace(tmp, self.path)
