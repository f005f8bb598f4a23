"""``settings_for_seller``: the Settings one seller's jobs run with, derived, never mutated in place."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import SecretStr
from sqlalchemy.orm import object_session

from claimpilot.config import Settings
from claimpilot.sellers import crypto
from claimpilot.sellers.channels import ALERTS, MAILBOX, alert_settings, mailbox_settings, read_channels
from claimpilot.sellers.models import SellerCredential
from claimpilot.server.models import SellerAccount


def _sp_api(base: Settings, credential: SellerCredential | None):
    sp_api = base.sp_api.model_copy()
    if credential is None:
        return sp_api
    update: dict = {"region": credential.region}
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
                        channels: Mapping[str, dict] | None = None) -> Settings:
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
    update: dict = {"seller_id": account.id, "marketplace": account.marketplace, "sp_api": _sp_api(base, credential)}
    if MAILBOX in channels:
        update["buyers"] = mailbox_settings(base.buyers, account.id, channels[MAILBOX])
    if ALERTS in channels:
        update["logistics"] = base.logistics.model_copy(
            update={"alerts": alert_settings(base.logistics.alerts, channels[ALERTS])})
    return base.model_copy(update=update)
