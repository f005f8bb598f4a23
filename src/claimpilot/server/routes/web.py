"""The web page: one static HTML page, its script, style and language dictionaries."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, JSONResponse

from claimpilot.server.page_strings import page_strings
from claimpilot.server.problems import Problem
from claimpilot.vocabulary import LANGUAGES

WEB_DIR = Path(__file__).resolve().parent.parent / "web"
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml",
               ".html": "text/html"}

router = APIRouter(include_in_schema=False)


@router.api_route("/", methods=["GET", "HEAD"])
def index() -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html", headers={"Cache-Control": "no-cache"})


@router.api_route("/i18n/{lang}.json", methods=["GET", "HEAD"])
def strings(lang: str) -> JSONResponse:
    """The page's words in ``lang`` (zh or en), the vocabulary's names included."""
    if lang not in LANGUAGES:
        raise Problem(404, "not_found")
    return JSONResponse(page_strings(lang), headers={"Cache-Control": "no-cache"})


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"])
def static(path: str) -> FileResponse:
    target = (WEB_DIR / path).resolve()
    if WEB_DIR not in target.parents or not target.is_file() or target.suffix not in MEDIA_TYPES:
        raise Problem(404, "not_found")
    return FileResponse(target, media_type=MEDIA_TYPES[target.suffix], headers={"Cache-Control": "no-cache"})
