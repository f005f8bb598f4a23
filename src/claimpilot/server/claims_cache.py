"""Answers kept while the data behind them stands still: the claims list's, and who a caller is.

An answer is kept under what was asked (the seller, the store, the filters, the page) and the version of the
data it was read from: the seller's claims version (moved by the database on every change to a claim or case,
whichever process makes it) and the version of the seller's report store (where products are named). The same
cache keeps a caller's access to a seller account under the accounts' version. A new version is a miss; the
oldest answers give way beyond ``size``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any


class AnswerCache:
    """Bounded, thread-safe: key -> (version, answer)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, version: Hashable) -> Any:
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0] != version:
                return None
            self._kept.move_to_end(key)
            return found[1]

    def put(self, key: Hashable, version: Hashable, body: Any) -> None:
        with self._lock:
            self._kept[key] = (version, body)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
