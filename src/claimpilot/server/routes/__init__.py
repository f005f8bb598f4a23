"""Every router, gathered in one place.

``seller_router`` holds the routes of one seller account, under
``/api/sellers/{seller_id}``; each of its routes declares ``SellerAccess`` (or
a role-checking variant), so membership is checked on every one of them.
A new capability (buyer messages, shipments) adds its router to
``SELLER_ROUTERS``.

Routes are matched in the order they are included, and no two routers' paths overlap: the order only decides
how soon a path is found. The seller routes come before the account routes and the claims router first
among them, since the claims list is what a page asks for most.
"""

from __future__ import annotations

from fastapi import APIRouter

from claimpilot.server.routes import (
    audit,
    auth,
    buyers,
    chat,
    claims,
    health,
    invitations,
    jobs,
    jobs_page,
    members,
    reports,
    sellers,
    settings,
    shipments,
    web,
)

SELLER_ROUTERS = (claims.router, reports.router, audit.router, chat.router, shipments.router, jobs.router,
                  buyers.router, settings.router, invitations.router,
                  members.router)

seller_router = APIRouter(prefix="/api/sellers/{seller_id}")
for _router in SELLER_ROUTERS:
    seller_router.include_router(_router)

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(seller_router)
api_router.include_router(auth.router)
api_router.include_router(invitations.accept_router)
api_router.include_router(sellers.router)
api_router.include_router(web.router)
api_router.include_router(jobs_page.router)
