"""``settings_for_seller``: the Settings one seller's jobs run with, derived, never mutated in place."""

from __future__ import annotations

from pydantic import SecretStr

from claimpilot.config import Settings
from claimpilot.sellers import crypto
from claimpilot.sellers.models import SellerCredential
from claimpilot.server.models import SellerAccount


def settings_for_seller(base: Settings, account: SellerAccount, credential: SellerCredential | None = None) -> Settings:
    """A copy of ``base`` for ``account``: its seller_id, marketplace and (decrypted) SP-API credentials."""
    sp_api = base.sp_api.model_copy()
    if credential is not None:
        update: dict = {"region": credential.region}
        if credential.endpoint:
            update["endpoint"] = credential.endpoint
        if credential.lwa_app_id:
            update["lwa_app_id"] = credential.lwa_app_id
        if credential.refresh_token_enc:
            update["refresh_token"] = SecretStr(crypto.decrypt(base, credential.refresh_token_enc))
        if credential.lwa_client_secret_enc:
            update["lwa_client_secret"] = SecretStr(crypto.decrypt(base, credential.lwa_client_secret_enc))
        sp_api = sp_api.model_copy(update=update)
    return base.model_copy(update={"seller_id": account.id, "marketplace": account.marketplace, "sp_api": sp_api})
