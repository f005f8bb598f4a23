"""``settings_for_seller``: the Settings one seller's jobs run with, derived, never mutated in place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import SecretStr
from sqlalchemy.orm import object_session

from claimpilot.accounts import crypto
from claimpilot.accounts.channels import ALERTS, MAILBOX, alert_settings, mailbox_settings, read_channels
from claimpilot.accounts.models import SellerAccount, SellerCredential
from claimpilot.config import Settings, SpApiSettings


def _sp_api(base: Settings, account: SellerAccount, credential: SellerCredential | None) -> SpApiSettings:
    """The seller's SP-API settings: its own stored credentials over what the installation lends it
    (``Settings.sp_api_for``: the LWA app, and the refresh token only to the installation's own seller)."""
    sp_api = base.sp_api_for(account.id)
    if credential is None:
        return sp_api
    update: dict[str, Any] = {"region": credential.region}
    if credential.endpoint:
        update["endpoint"] = credential.endpoint
    if credential.lwa_app_id:
        update["lwa_app_id"] = credential.lwa_app_id
    if credential.refresh_token_enc:
        update["refresh_token"] = SecretStr(crypto.decrypt(base, credential.refresh_token_enc))
    if credential.lwa_client_secret_enc:
        update["lwa_client_secret"] = SecretStr(crypto.decrypt(base, credential.lwa_client_secret_enc))
    return sp_api.model_copy(update=update)


def settings_for_seller(base: Settings, account: SellerAccount, credential: SellerCredential | None = None,
                        channels: Mapping[str, dict[str, Any]] | None = None) -> Settings:
    """A copy of ``base`` for ``account``: its seller_id, marketplace, (decrypted) SP-API credentials and
    its own channels.

    ``channels`` (section -> stored settings, as ``read_channels`` gives them) defaults to the rows of
    the account's own database session. The seller's own mailbox becomes ``buyers.imap``/``smtp`` with
    ``buyers.seller_id`` the seller; its own alert channels replace ``logistics.alerts``. A seller without
    them keeps the installation's (whose mailbox still belongs only to ``buyers.seller_id``).
    """
    if channels is None:
        db = object_session(account)
        channels = read_channels(base, db, account.id) if db is not None else {}
    update: dict[str, Any] = {"seller_id": account.id, "marketplace": account.marketplace,
                    "sp_api": _sp_api(base, account, credential)}
    if MAILBOX in channels:
        update["buyers"] = mailbox_settings(base.buyers, account.id, channels[MAILBOX])
    if ALERTS in channels:
        update["logistics"] = base.logistics.model_copy(
            update={"alerts": alert_settings(base.logistics.alerts, channels[ALERTS])})
    return base.model_copy(update=update)


def seller_settings(base: Settings, seller_id: str | None) -> tuple[Settings, Mapping[str, dict[str, Any]], bool]:
    """The Settings a command naming ``--seller`` runs with, the seller's stored channel sections, and
    whether it is a seller account of this installation.

    A seller account (the installation's own, ``Settings.seller_id``, when none is named): its
    ``settings_for_seller``. Any other name: ``base`` for that id, without the installation's refresh
    token, which is its own seller's only; the installation's own id unregistered: ``base`` as configured.
    """
    from claimpilot.db import ensure_schema, session_factory

    seller_id = seller_id or base.seller_id
    ensure_schema(base)
    with session_factory(base)() as db:
        account = db.get(SellerAccount, seller_id)
        if account is not None:
            channels = read_channels(base, db, seller_id)
            credential = db.get(SellerCredential, seller_id)
            return settings_for_seller(base, account, credential, channels), channels, True
    if seller_id == base.seller_id:
        return base, {}, False
    return base.model_copy(update={"seller_id": seller_id, "sp_api": base.sp_api_for(seller_id)}), {}, False
