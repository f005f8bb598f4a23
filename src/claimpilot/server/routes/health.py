"""Liveness: answers without touching any store."""

from __future__ import annotations

from fastapi import APIRouter

from claimpilot import __version__
from claimpilot.server.answers.base import Answer

router = APIRouter(tags=["health"])


class Health(Answer):
    status: str
    version: str


@router.get("/healthz")
def healthz() -> Health:
    return Health(status="ok", version=__version__)
