"""Faults a test can inject into the emulator, each for the next N calls.

Operations are named as Amazon names them (``createReport``, ``getReport``,
``getReportDocument``, ``getShipments``, ``getShipmentItemsByShipmentId``,
``listFinancialEvents``, ``getReports``), plus ``downloadDocument`` for the
document bytes themselves and ``token`` for the LWA exchange.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass


@dataclass
class _Queued:
    count: int
    value: object


class Faults:
    """A thread-safe queue of faults; the emulator consumes one per call."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._http: dict[str, list[_Queued]] = defaultdict(list)
        self._delays: dict[str, list[_Queued]] = defaultdict(list)
        self._report_status: dict[str, list[_Queued]] = defaultdict(list)
        self._truncate = 0

    # --- arranging faults ---------------------------------------------
    def throttle(self, operation: str, count: int = 1) -> Faults:
        """The next ``count`` calls of ``operation`` answer 429, bucket or not."""
        return self._push(self._http, operation, count, 429)

    def fail(self, operation: str, count: int = 1, status: int = 500) -> Faults:
        """The next ``count`` calls of ``operation`` answer ``status`` (500, 503, ...)."""
        return self._push(self._http, operation, count, status)

    def delay(self, operation: str, seconds: float, count: int = 1) -> Faults:
        """The next ``count`` calls of ``operation`` wait ``seconds`` before answering."""
        return self._push(self._delays, operation, count, seconds)

    def end_report(self, report_type: str, status: str = "FATAL", count: int = 1) -> Faults:
        """The next ``count`` reports of ``report_type`` end FATAL or CANCELLED."""
        if status not in ("FATAL", "CANCELLED"):
            raise ValueError(f"a report can end FATAL or CANCELLED, not {status!r}")
        return self._push(self._report_status, report_type, count, status)

    def truncate_document(self, count: int = 1) -> Faults:
        """The next ``count`` document downloads are cut off half-way."""
        with self._lock:
            self._truncate += count
        return self

    def clear(self) -> None:
        with self._lock:
            self._http.clear()
            self._delays.clear()
            self._report_status.clear()
            self._truncate = 0

    # --- consuming them (the emulator) --------------------------------
    def take_http(self, operation: str) -> int | None:
        return self._pop(self._http, operation)

    def take_delay(self, operation: str) -> float:
        return self._pop(self._delays, operation) or 0.0

    def take_report_status(self, report_type: str) -> str | None:
        return self._pop(self._report_status, report_type)

    def take_truncate(self) -> bool:
        with self._lock:
            if self._truncate > 0:
                self._truncate -= 1
                return True
            return False

    def _push(self, table: dict, key: str, count: int, value: object) -> Faults:
        if count < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            table[key].append(_Queued(count, value))
        return self

    def _pop(self, table: dict, key: str):
        with self._lock:
            queue = table.get(key)
            if not queue:
                return None
            head = queue[0]
            head.count -= 1
            if head.count == 0:
                queue.pop(0)
            return head.value
