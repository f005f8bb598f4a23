"""A seller's stores as the server opens them.

The DuckDB warehouse is opened through ``tools.reports.warehouse`` like
everywhere else in the process: uploads, audits, chats and reads of the same
seller share one database instance, and writers queue on its write lock.
"""

from __future__ import annotations

from claimpilot.config import Settings


def report_store(settings: Settings):
    """The seller's ``ReportStore`` (settings already scoped to the seller)."""
    from claimpilot.tools.reports.store import ReportStore

    return ReportStore.for_seller(settings)


def case_service(settings: Settings):
    """The seller's ``CaseService`` (settings already scoped to the seller)."""
    from claimpilot.tools.cases.service import CaseService

    return CaseService(settings)
