"""The seller's own Settings for the routes that reach outside: SP-API credentials, mailbox, alert channels.

Most routes only read the seller's stores and use ``SellerContext.settings``, which carries no seller
secret. The few that fetch from Amazon, poll or send mail, or deliver alerts (chat, buyer poll/send/
intake, shipment refresh) call ``own_settings`` here: it decrypts the seller's stored credentials and
channels, and teaches the log redactor every secret it hands out.
"""

from __future__ import annotations

from dataclasses import replace

from fastapi import Request

from claimpilot.config import Settings
from claimpilot.server.deps import SellerContext
from claimpilot.server.problems import Problem


def own_settings(request: Request, ctx: SellerContext, base: Settings, db) -> tuple[Settings, dict]:
    """The seller's Settings (``settings_for_seller``) and its stored channel sections (``read_channels``)."""
    from claimpilot.accounts.channels import read_channels
    from claimpilot.accounts.crypto import SecretKeyError
    from claimpilot.accounts.models import SellerCredential
    from claimpilot.accounts.settings import settings_for_seller
    from claimpilot.redact import settings_secrets

    try:
        channels = read_channels(base, db, ctx.seller_id)
        scoped = settings_for_seller(base, ctx.seller, db.get(SellerCredential, ctx.seller_id), channels)
    except SecretKeyError as exc:
        raise Problem(500, "settings_unreadable", reason=str(exc)) from None
    finally:
        db.commit()  # end the read before the services' own sessions write
    for secret in settings_secrets(scoped):
        request.app.state.redactor.add(secret)
    return scoped, channels


def with_own_settings(request: Request, ctx: SellerContext, base: Settings, db) -> SellerContext:
    """``ctx`` whose ``settings`` are the seller's own."""
    return replace(ctx, settings=own_settings(request, ctx, base, db)[0])
