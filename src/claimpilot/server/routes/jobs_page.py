"""``/jobs``: a small page of every seller account's scheduled jobs (it reads the jobs API as the caller)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

PAGE = Path(__file__).resolve().parents[2] / "scheduler" / "web" / "jobs.html"

router = APIRouter(include_in_schema=False)


@router.api_route("/jobs", methods=["GET", "HEAD"])
def jobs_page() -> FileResponse:
    return FileResponse(PAGE, media_type="text/html", headers={"Cache-Control": "no-cache"})
