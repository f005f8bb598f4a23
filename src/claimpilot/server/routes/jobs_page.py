"""``/jobs``: the scheduled jobs are a view of the web page; this address opens it there."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

router = APIRouter(include_in_schema=False)


@router.api_route("/jobs", methods=["GET", "HEAD"])
def jobs_page() -> RedirectResponse:
    return RedirectResponse("/#/jobs", status_code=307)
