"""One report: createReport (or a report Amazon made itself), poll getReport,
getReportDocument, download and check the gzip, import into the store."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from sp_api.base.exceptions import SellingApiNotFoundException

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.tools.reports.errors import ReportError
from claimpilot.tools.reports.kinds import KINDS
from claimpilot.tools.reports.store import ReportStore

from .client import SpApiClients
from .documents import DownloadFailed, download
from .errors import FetchError
from .fetchlog import FetchLog
from .model import FetchTask, Progress, ReportOutcome
from .retry import ApiCaller


@dataclass
class FetchContext:
    settings: Settings
    clients: SpApiClients
    store: ReportStore
    log: FetchLog
    call: ApiCaller
    progress: Progress
    sleep: Callable[[float], None] = time.sleep
    http: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=60.0))
    """Downloads documents from the url Amazon hands out (pre-signed, no token)."""


class _NoData(Exception):
    """Amazon CANCELLED the report: it had no data for the range (its answer for an empty window)."""


def describe_task(task: FetchTask) -> str:
    title = KINDS[task.kind].title
    return f"{title} ({task.report_type}) for {task.range}" if task.range else f"{title} ({task.report_type})"


def request_report(ctx: FetchContext, task: FetchTask) -> None:
    """Ask Amazon for the report now, unless it is already asked for; the
    report id goes to the fetch log, and ``run_report`` collects it later."""
    if task.report_id is None and not ctx.log.pending_report_id(task.key):
        _create(ctx, task, describe_task(task))


def run_report(ctx: FetchContext, task: FetchTask) -> ReportOutcome:
    what = describe_task(task)
    report_id, document_id = task.report_id, task.document_id
    if report_id is None:
        report_id = ctx.log.pending_report_id(task.key)
        try:
            if report_id:
                document_id = _poll(ctx, task, report_id, what, resumed=True)
                if document_id is None:
                    report_id = None
            if report_id is None:
                report_id = _create(ctx, task, what)
                document_id = _poll(ctx, task, report_id, what, resumed=False)
        except _NoData as cancelled:  # done and empty: recorded, never asked again
            report_id = cancelled.args[0]
            ctx.log.fetched(task.key, report_id=report_id, sha256=None, rows=0, kind=task.kind, empty=True)
            return ReportOutcome(task.kind, task.range, "fetched", report_type=task.report_type, report_id=report_id)
    ctx.progress(task, "downloading")
    assert document_id is not None  # a new report is polled until it has its document
    data = _document(ctx, document_id, what)
    name = f"{task.kind}-{task.range or 'snapshot'}-{report_id}.txt".replace("..", "_")
    try:
        result = ctx.store.import_bytes(data, name, source="sp-api")
    except ReportError as exc:
        raise FetchError(f"{what}: the document Amazon sent could not be loaded: {exc}") from None
    imported = result.files[0]
    if imported.kind != task.kind:
        raise FetchError(f"{what}: Amazon sent a {imported.kind} report instead")
    ctx.log.fetched(task.key, report_id=report_id, sha256=imported.sha256, rows=imported.rows_read, kind=task.kind)
    return ReportOutcome(
        task.kind, task.range, "fetched", rows=imported.rows_read, rows_added=imported.rows_added,
        report_type=task.report_type, report_id=report_id, sha256=imported.sha256,
    )


def _create(ctx: FetchContext, task: FetchTask, what: str) -> str:
    body = {"reportType": task.report_type, "marketplaceIds": [ctx.clients.marketplace_id]}
    if task.range and task.range.start_time() > clock.now_utc():  # Amazon answers InvalidInput: never sent
        raise FetchError(f"{what}: starts in the future; not asked for")
    if task.range:
        body["dataStartTime"] = task.range.start_time().isoformat()
        body["dataEndTime"] = task.range.end_time().isoformat()
    res = ctx.call("createReport", what, ctx.clients.reports.create_report, **body)
    report_id = str(res.payload["reportId"])
    ctx.log.requested(task.key, report_id)
    ctx.progress(task, "requested")
    return report_id


def _poll(ctx: FetchContext, task: FetchTask, report_id: str, what: str, resumed: bool) -> str | None:
    """Wait for DONE; the document id. None: a resumed report Amazon no longer has.
    CANCELLED raises ``_NoData``: Amazon's answer when the range holds no data, not a failure."""
    sp = ctx.settings.sp_api
    deadline = time.monotonic() + sp.poll_timeout_s
    while True:
        try:
            res = ctx.call("getReport", what, ctx.clients.reports.get_report, report_id)
        except FetchError as exc:
            if resumed and isinstance(exc.__context__, SellingApiNotFoundException):
                ctx.log.forget(task.key)
                return None
            raise
        report = res.payload
        if resumed and not _same_request(task, report):
            ctx.log.forget(task.key)  # not the report this task asked for
            return None
        status = report.get("processingStatus")
        if status == "DONE":
            document_id: str = report["reportDocumentId"]
            return document_id
        if status == "CANCELLED":
            raise _NoData(report_id)
        if status == "FATAL":
            ctx.log.forget(task.key)
            reason = ""
            if report.get("reportDocumentId"):
                try:
                    text = _document(ctx, report["reportDocumentId"], what)
                    reason = ": " + text.decode("utf-8", "replace").strip()[:300]
                except FetchError:
                    reason = ""
            raise FetchError(f"{what}: Amazon ended report {report_id} {status}{reason}")
        if time.monotonic() > deadline:
            raise FetchError(f"{what}: report {report_id} still {status} after {sp.poll_timeout_s:g}s")
        ctx.progress(task, "waiting")
        ctx.sleep(sp.poll_interval_s)


def _same_request(task: FetchTask, report: dict[str, Any]) -> bool:
    if report.get("reportType") != task.report_type:
        return False
    if task.range is None:
        return True
    started = report.get("dataStartTime") or ""
    return started[:10] == task.range.start.isoformat()


def _document(ctx: FetchContext, document_id: str, what: str) -> bytes:
    sp = ctx.settings.sp_api
    meta = ctx.call("getReportDocument", what, ctx.clients.reports.get_report_document, document_id).payload
    attempts = max(1, sp.max_retries)
    for attempt in range(1, attempts + 1):
        try:
            return download(ctx.http, meta["url"], meta.get("compressionAlgorithm"))
        except DownloadFailed as exc:
            if attempt == attempts:
                raise FetchError(f"{what}: document {document_id} could not be downloaded whole "
                                 f"after {attempts} attempts ({exc})") from None
            ctx.sleep(min(sp.backoff_max_s, sp.backoff_s * 2 ** (attempt - 1)))
    raise AssertionError("unreachable")
