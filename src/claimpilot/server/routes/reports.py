"""Report upload (streamed to disk, then the same import as the CLI) and the list of files imported."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from claimpilot.server.deps import SellerAccess, SellerOperator
from claimpilot.server.uploads import UPLOAD_OPENAPI, receive_files
from claimpilot.server.workspace import report_store

router = APIRouter(prefix="/reports", tags=["reports"])


def _import_folder(settings, folder) -> dict:
    result = report_store(settings).import_path(folder, source="upload")
    files = []
    for f in result.files:
        item = asdict(f)
        item.pop("evidence", None)  # a server path, of no use to the caller
        files.append(item)
    return {"files": files, "rows_read": result.rows_read, "rows_added": result.rows_added,
            "duplicates_skipped": result.duplicates_skipped}


@router.post("", openapi_extra=UPLOAD_OPENAPI, responses={
    413: {"description": "upload over the size limit"}, 415: {"description": "not multipart/form-data"},
    422: {"description": "a file could not be read: names the file, row and column"}})
async def upload_reports(request: Request, ctx: SellerOperator) -> dict:
    """Upload report files (multipart, one ``files`` part each); all are imported or none is."""
    folder = ctx.settings.seller_dir() / "uploads" / uuid.uuid4().hex
    try:
        await receive_files(request, folder)
        return await run_in_threadpool(_import_folder, ctx.settings, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@router.get("")
def list_reports(ctx: SellerAccess) -> list[dict]:
    """The raw report files imported for this seller, newest first."""
    return report_store(ctx.settings).imported_files()
