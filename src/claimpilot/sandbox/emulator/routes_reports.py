"""Reports API 2021-06-30: createReport, getReports, getReport,
getReportDocument, and the document download that the document's url points at."""

from __future__ import annotations

import gzip
from datetime import date, datetime, time, timedelta, timezone

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from claimpilot.tools.reports.fetch.limits import (
    MAX_RANGE_DAYS,
    REQUESTABLE,
    SETTLEMENT_PERIOD_DAYS,
    range_exceeded_message,
)
from claimpilot.tools.reports.kinds import BY_REPORT_TYPE, SETTLEMENT

from .state import StoredReport, error_body

SETTLEMENT_EPOCH = date(2020, 1, 6)


def iso(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00") if value else None


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def report_json(report: StoredReport, status: str) -> dict:
    body = {
        "reportId": report.report_id,
        "reportType": report.report_type,
        "dataStartTime": iso(report.start),
        "dataEndTime": iso(report.end),
        "marketplaceIds": report.marketplace_ids,
        "processingStatus": status,
        "createdTime": iso(report.created),
    }
    if status != "IN_QUEUE":
        body["processingStartTime"] = iso(report.created)
    if status in ("DONE", "FATAL", "CANCELLED"):
        body["processingEndTime"] = iso(report.created)
    if status in ("DONE", "FATAL") and report.document_id:
        body["reportDocumentId"] = report.document_id
    return body


def _has_rows(raw: bytes) -> bool:
    return len([line for line in raw.splitlines() if line.strip()]) > 1


def router(state) -> APIRouter:
    api = APIRouter(prefix="/reports/2021-06-30")

    def build(report: StoredReport) -> None:
        """Decide how the report ends and make its document."""
        kind = BY_REPORT_TYPE[report.report_type]
        forced = state.faults.take_report_status(report.report_type)
        start_day = report.start.date() if report.start else None
        end_day = report.end.date() if report.end else None
        limit = MAX_RANGE_DAYS.get(report.report_type)
        if forced:
            report.final_status = forced
            if forced == "FATAL":
                message = f"Report {report.report_type} could not be generated."
                report.document_id = state.new_document(gzip.compress(message.encode()))
        elif limit and start_day and end_day and (end_day - start_day).days + 1 > limit:
            report.final_status = "FATAL"
            message = range_exceeded_message(report.report_type)
            report.document_id = state.new_document(gzip.compress(message.encode()))
        else:
            if limit is None:
                start_day = end_day = None
            raw = state.source.report(kind.name, start_day, end_day)
            report.document_id = state.new_document(gzip.compress(raw))

    @api.post("/reports")
    async def create_report(request: Request):
        denied = await state.gate("createReport", request)
        if denied:
            return denied
        body = await request.json()
        report_type = body.get("reportType")
        if report_type not in REQUESTABLE or report_type not in BY_REPORT_TYPE:
            return state.answer("createReport", 400, error_body(400, f"Report type {report_type} cannot be requested."))
        if not body.get("marketplaceIds"):
            return state.answer("createReport", 400, error_body(400, "marketplaceIds is required."))
        try:
            start, end = parse_time(body.get("dataStartTime")), parse_time(body.get("dataEndTime"))
        except ValueError as exc:
            return state.answer("createReport", 400, error_body(400, f"Invalid date: {exc}"))
        if start and end and end < start:
            return state.answer("createReport", 400, error_body(400, "dataEndTime is before dataStartTime."))
        report = StoredReport(
            report_id=state.next_id(), report_type=report_type, start=start, end=end,
            marketplace_ids=list(body["marketplaceIds"]), created=datetime.now(timezone.utc),
        )
        build(report)
        state.reports[report.report_id] = report
        return state.answer("createReport", 202, {"reportId": report.report_id})

    @api.get("/reports")
    async def get_reports(request: Request):
        denied = await state.gate("getReports", request)
        if denied:
            return denied
        q = request.query_params
        if q.get("nextToken"):
            try:
                types, since, until, offset = _decode_token(q["nextToken"])
            except ValueError:
                return state.answer("getReports", 400, error_body(400, "Invalid nextToken."))
        else:
            types = [t for t in (q.get("reportTypes") or "").split(",") if t]
            if not types:
                return state.answer("getReports", 400, error_body(400, "reportTypes or nextToken is required."))
            today = state.current_day()
            since = parse_time(q.get("createdSince")) or _midnight(today - timedelta(days=90))
            until = parse_time(q.get("createdUntil")) or _midnight(today + timedelta(days=1))
            offset = 0
        page_size = int(q.get("pageSize") or 10)
        found = []
        if SETTLEMENT.report_type in types:
            found += settlements(since, until)
        found += [
            r for r in list(state.reports.values())
            if r.report_type in types and r.report_type != SETTLEMENT.report_type and since <= r.created <= until
        ]
        page = found[offset : offset + page_size]
        body = {"reports": [report_json(r, r.final_status) for r in page]}
        if offset + page_size < len(found):
            body["nextToken"] = _encode_token(types, since, until, offset + page_size)
        return state.answer("getReports", 200, body)

    def settlements(since: datetime, until: datetime) -> list[StoredReport]:
        """Settlement reports Amazon generated on its own: one a closed period."""
        out = []
        today = state.current_day()
        k = max(0, (since.date() - SETTLEMENT_EPOCH).days // SETTLEMENT_PERIOD_DAYS - 1)
        while True:
            p_start = SETTLEMENT_EPOCH + timedelta(days=k * SETTLEMENT_PERIOD_DAYS)
            p_end = p_start + timedelta(days=SETTLEMENT_PERIOD_DAYS - 1)
            created = _midnight(p_end + timedelta(days=1))
            if created > until or p_end >= today:
                break
            k += 1
            if created < since:
                continue
            key = f"settlement-{p_start.isoformat()}"
            with state.lock:
                report = state.reports.get(key)
            if report is None:
                raw = state.source.report(SETTLEMENT.name, p_start, p_end)
                if not _has_rows(raw):
                    continue
                report = StoredReport(
                    report_id=state.next_id(), report_type=SETTLEMENT.report_type,
                    start=_midnight(p_start), end=created - timedelta(seconds=1),
                    marketplace_ids=["ATVPDKIKX0DER"], created=created,
                    document_id=state.new_document(gzip.compress(raw)),
                )
                with state.lock:
                    state.reports[key] = report
                    state.reports[report.report_id] = report
                report.polls = state.polls_to_done
            out.append(report)
        return out

    @api.get("/reports/{report_id}")
    async def get_report(report_id: str, request: Request):
        denied = await state.gate("getReport", request)
        if denied:
            return denied
        report = state.reports.get(report_id)
        if report is None:
            return state.answer("getReport", 404, error_body(404, f"Report {report_id} not found."))
        with state.lock:
            polls = report.polls
            report.polls += 1
        if polls == 0 and state.polls_to_done > 0:
            status = "IN_QUEUE"
        elif polls < state.polls_to_done:
            status = "IN_PROGRESS"
        else:
            status = report.final_status
        return state.answer("getReport", 200, report_json(report, status))

    @api.get("/documents/{document_id}")
    async def get_report_document(document_id: str, request: Request):
        denied = await state.gate("getReportDocument", request)
        if denied:
            return denied
        if document_id not in state.documents:
            return state.answer("getReportDocument", 404, error_body(404, f"Document {document_id} not found."))
        return state.answer(
            "getReportDocument", 200,
            {
                "reportDocumentId": document_id,
                "url": f"{state.base_url}/_documents/{document_id}",
                "compressionAlgorithm": "GZIP",
            },
        )

    return api


def download_router(state) -> APIRouter:
    """The pre-signed document url (S3 in Amazon's case): no access token."""
    api = APIRouter()

    @api.get("/_documents/{document_id}")
    async def download(document_id: str):
        delay = state.faults.take_delay("downloadDocument")
        if delay:
            import asyncio

            await asyncio.sleep(delay)
        data = state.documents.get(document_id)
        if data is None:
            state.record("downloadDocument", 404)
            return Response(b"<Error><Code>NoSuchKey</Code></Error>", status_code=404, media_type="application/xml")
        injected = state.faults.take_http("downloadDocument")
        if injected:
            state.record("downloadDocument", injected)
            return Response(b"<Error><Code>InternalError</Code></Error>", status_code=injected, media_type="application/xml")
        if state.faults.take_truncate():
            data = data[: max(10, len(data) // 2)]
        state.record("downloadDocument", 200)
        return Response(data, media_type="application/octet-stream")

    return api


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc)


def _encode_token(types: list[str], since: datetime, until: datetime, offset: int) -> str:
    import base64
    import json

    raw = json.dumps([types, since.isoformat(), until.isoformat(), offset]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _decode_token(token: str):
    import base64
    import json

    types, since, until, offset = json.loads(base64.urlsafe_b64decode(token.encode()))
    return types, datetime.fromisoformat(since), datetime.fromisoformat(until), int(offset)
