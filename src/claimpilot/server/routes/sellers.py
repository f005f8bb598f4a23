"""The seller accounts the caller belongs to."""

from __future__ import annotations

from fastapi import APIRouter

from claimpilot.accounts import members as accounts
from claimpilot.server.deps import CurrentUser, DbDep, SellerAccess
from claimpilot.server.schemas import SellerOut

router = APIRouter(prefix="/api/sellers", tags=["sellers"])


@router.get("")
def list_sellers(user: CurrentUser, db: DbDep) -> list[SellerOut]:
    """Every seller account the caller holds a membership in."""
    return [SellerOut(seller_id=m.seller_id, name=m.seller.name, marketplace=m.seller.marketplace, role=m.role)
            for m in accounts.memberships_of(db, user.id)]


@router.get("/{seller_id}", responses={404: {"description": "not a member of this seller account"}})
def get_seller(ctx: SellerAccess) -> SellerOut:
    """One seller account, with the caller's role in it."""
    return SellerOut(seller_id=ctx.seller.id, name=ctx.seller.name, marketplace=ctx.seller.marketplace, role=ctx.role)
