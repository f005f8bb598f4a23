"""Fetching a seller's reports from the SP-API (or the local emulator) into
the report store: ``fetch_reports(settings, start, end, kinds, progress)``."""

from .errors import AuthError, FetchError
from .model import FetchResult, FetchTask, ReportOutcome
from .service import FETCHABLE, fetch_reports

__all__ = ["AuthError", "FETCHABLE", "FetchError", "FetchResult", "FetchTask", "ReportOutcome", "fetch_reports"]
