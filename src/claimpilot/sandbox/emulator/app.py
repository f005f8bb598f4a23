"""The emulator's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from . import routes_auth, routes_documents, routes_fba, routes_orders, routes_reports
from .state import EmulatorState


def create_app(state: EmulatorState) -> FastAPI:
    app = FastAPI(title="claimpilot SP-API emulator", docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(routes_auth.router(state))
    app.include_router(routes_reports.router(state))
    app.include_router(routes_documents.download_router(state))
    app.include_router(routes_fba.router(state))
    app.include_router(routes_orders.router(state))
    app.state.emulator = state
    return app
