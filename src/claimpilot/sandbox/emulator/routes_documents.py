"""The report document itself, at the url getReportDocument hands out (a
pre-signed S3 url at Amazon: no access token, no rate-limit header)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import Response


def download_router(state) -> APIRouter:
    """The pre-signed document url (S3 in Amazon's case): no access token."""
    api = APIRouter()

    @api.get("/_documents/{document_id}")
    async def download(document_id: str):
        delay = state.faults.take_delay("downloadDocument")
        if delay:
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
