"""Fetching a seller's reports from the SP-API (or the local emulator) into
the report store: ``fetch_reports(settings, start, end, kinds, progress)``.

The service (HTTP client, report store) loads on first use of ``fetch_reports`` or ``FETCHABLE``, so that
the ``claimpilot`` command registering ``fetch`` does not pay for it on every other command.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import AuthError, FetchError
from .model import FetchResult, FetchTask, ReportOutcome

if TYPE_CHECKING:
    from .service import FETCHABLE, fetch_reports

__all__ = ["AuthError", "FETCHABLE", "FetchError", "FetchResult", "FetchTask", "ReportOutcome", "fetch_reports"]


def __getattr__(name: str) -> Any:
    if name in ("FETCHABLE", "fetch_reports"):
        return getattr(import_module(".service", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
