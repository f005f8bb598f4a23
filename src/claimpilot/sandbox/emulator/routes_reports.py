"""Reports API 2021-06-30: createReport, getReports, getReport and
getReportDocument; the documents themselves are served by routes_documents."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime, timedelta

from fastapi import APIRouter, Request

from claimpilot import clock
from claimpilot.tools.reports.fetch.limits import MAX_RANGE_DAYS, REQUESTABLE, range_exceeded_message
from claimpilot.tools.reports.kinds import BY_REPORT_TYPE, SETTLEMENT

from .settlements import list_settlements, midnight
from .state import StoredReport, error_body


def iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00") if value else None


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


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
            if kind.name == "reimbursements":
                raw = state.with_posted_reimbursements(raw, start_day, end_day)
            if len(raw.strip().splitlines()) <= 1:  # Amazon cancels a report that holds no data, with no document
                report.final_status = "CANCELLED"
                return
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
        if start and start >= midnight(state.current_day() + timedelta(days=1)):
            return state.answer("createReport", 400, error_body(400, "dataStartTime cannot be in the future."))
        if start and end and end < start:
            return state.answer("createReport", 400, error_body(400, "dataEndTime is before dataStartTime."))
        report = StoredReport(
            report_id=state.next_id(), report_type=report_type, start=start, end=end,
            marketplace_ids=list(body["marketplaceIds"]), created=clock.now_utc(),
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
        if q.get("nextToken") and set(q) - {"nextToken"}:
            return state.answer("getReports", 400, error_body(
                400, "nextToken must be the only parameter when it is given."))
        if q.get("pageSize") and not (q["pageSize"].isdigit() and 1 <= int(q["pageSize"]) <= 100):
            return state.answer("getReports", 400, error_body(400, "pageSize must be between 1 and 100."))
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
            since = parse_time(q.get("createdSince")) or midnight(today - timedelta(days=90))
            until = parse_time(q.get("createdUntil")) or midnight(today + timedelta(days=1))
            offset = 0
        page_size = int(q.get("pageSize") or 10)
        found = []
        if SETTLEMENT.report_type in types:
            found += list_settlements(state, since, until)
        found += [
            r for r in list(state.reports.values())
            if r.report_type in types and r.report_type != SETTLEMENT.report_type and since <= r.created <= until
        ]
        page = found[offset : offset + page_size]
        body = {"reports": [report_json(r, r.final_status) for r in page]}
        if offset + page_size < len(found):
            body["nextToken"] = _encode_token(types, since, until, offset + page_size)
        return state.answer("getReports", 200, body)

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


def _encode_token(types: list[str], since: datetime, until: datetime, offset: int) -> str:
    raw = json.dumps([types, since.isoformat(), until.isoformat(), offset]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _decode_token(token: str):
    types, since, until, offset = json.loads(base64.urlsafe_b64decode(token.encode()))
    return types, datetime.fromisoformat(since), datetime.fromisoformat(until), int(offset)
