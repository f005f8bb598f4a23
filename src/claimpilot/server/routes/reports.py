"""Report upload (streamed to disk, then the same import as the CLI) and the list of files imported.

Each file is its own transaction: the answer lists what was imported, what was
skipped (with what it is) and what was refused (file, row, column, value); it is
422 when a file was refused, with the same summary (the other files are stored).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder

from claimpilot.server.answers.claims import ReportFile, ReportUpload
from claimpilot.server.deps import SellerAccess, SellerOperator
from claimpilot.server.downloads import content_disposition
from claimpilot.server.home_node import READS_WAREHOUSE
from claimpilot.server.uploads import UPLOAD_OPENAPI, receive_files
from claimpilot.server.workspace import report_store
from claimpilot.tools.reports import workdirs

router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[READS_WAREHOUSE])


def _import_folder(settings, folder) -> dict:
    from claimpilot import clock
    from claimpilot.tools.reports.coverage import gaps
    from claimpilot.tools.reports.errors import ReportError

    store = report_store(settings)
    try:
        result = store.import_path(folder, source="upload")
    except ReportError as exc:  # the upload as a whole refused (an archive over the bounds)
        raise HTTPException(422, {"message": str(exc), "file": exc.file, "row": exc.row,
                                  "column": exc.column}) from None
    body = result.to_json()
    with store.connect(read_only=True) as con:
        body["coverage"] = [g.to_json() for g in gaps(con, clock.today())]
    if result.refused:
        first = result.refused[0].error
        raise HTTPException(422, jsonable_encoder({**body, "message": str(first), "file": first.file,
                                                   "row": first.row, "column": first.column, "value": first.value}))
    return body


@router.post("", openapi_extra=UPLOAD_OPENAPI, responses={
    413: {"description": "upload over the size limit"}, 415: {"description": "not multipart/form-data"},
    422: {"description": "a file was refused (the summary names the file, row, column and value); "
                         "the other files were imported"}})
async def upload_reports(request: Request, ctx: SellerOperator) -> ReportUpload:
    """Upload report files (multipart, one ``files`` part each, zips allowed); each is imported on its own."""
    with workdirs.work_dir(ctx.settings.seller_dir() / "uploads", prefix="") as folder:  # gone even after a crash
        await receive_files(request, folder)
        return ReportUpload.model_validate(await run_in_threadpool(_import_folder, ctx.settings, folder))


@router.get("")
def list_reports(ctx: SellerAccess) -> list[ReportFile]:
    """The raw report files imported for this seller, newest first, with the dates each one's rows cover."""
    return [ReportFile.model_validate(f) for f in report_store(ctx.settings).imported_files()]


Sha256 = Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="the file's sha256, as the list names it")]


@router.get("/{sha256}/file", response_class=Response, responses={
    404: {"description": "no such file imported for this seller"},
    200: {"content": {"application/octet-stream": {}}}})
def download_report(sha256: Sha256, ctx: SellerAccess) -> Response:
    """One imported report file as it came in, read back from the evidence storage (local or S3)."""
    name, body = report_store(ctx.settings).raw_file(sha256)
    return Response(body, media_type="application/octet-stream",
                    headers={"Content-Disposition": content_disposition(name)})
