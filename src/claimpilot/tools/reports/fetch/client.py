"""python-amazon-sp-api clients built from Settings alone.

With ``settings.sp_api.endpoint`` unset they talk to Amazon's endpoint for the
seller's marketplace; set to ``http://127.0.0.1:PORT`` they talk to the local
emulator, the LWA token exchange included. Credentials are handed to the
library in code only, so it never falls back to environment variables, AWS
secrets or its own config file.
"""

from __future__ import annotations

import functools
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
import sp_api.auth.access_token_client as token_module
from sp_api.api import Finances, FulfillmentInbound, Reports
from sp_api.auth import AccessTokenClient
from sp_api.base import Marketplaces
from sp_api.base.credential_provider import FromCodeCredentialProvider

from claimpilot.config import Settings

from .errors import FetchError
from .redact import guard_library_logs


@dataclass(frozen=True)
class Endpoint:
    """What the library reads from its ``marketplace`` argument."""

    endpoint: str
    marketplace_id: str
    region: str


def marketplace_for(settings: Settings) -> Endpoint:
    try:
        amazon = Marketplaces[settings.marketplace.upper()]
    except KeyError:
        raise FetchError(f"unknown marketplace {settings.marketplace!r}") from None
    endpoint = (settings.sp_api.endpoint or amazon.endpoint).rstrip("/")
    return Endpoint(endpoint, amazon.marketplace_id, amazon.region)


def token_client_for(endpoint: str) -> type[AccessTokenClient]:
    """Amazon's LWA host for Amazon; for any other endpoint, that host itself."""
    parts = urlsplit(endpoint)
    if "amazon.com" in parts.netloc or not parts.netloc:
        return AccessTokenClient  # type: ignore[no-any-return]  # python-amazon-sp-api ships no types

    class LocalAccessTokenClient(AccessTokenClient):  # type: ignore[misc]  # python-amazon-sp-api ships no types
        scheme = f"{parts.scheme}://"
        host = parts.netloc

    return LocalAccessTokenClient


def _credentials(settings: Settings) -> dict[str, str]:
    sp = settings.sp_api
    missing = [
        name for name, value in (
            ("CLAIMPILOT_SP_API__LWA_APP_ID", sp.lwa_app_id),
            ("CLAIMPILOT_SP_API__LWA_CLIENT_SECRET", sp.lwa_client_secret),
            ("CLAIMPILOT_SP_API__REFRESH_TOKEN", sp.refresh_token),
        ) if not value
    ]
    if missing:
        raise FetchError(f"SP-API credentials of seller account '{settings.seller_id}' are not set: "
                         + ", ".join(missing) + f" (or store them: claimpilot sellers set-credentials "
                         f"{settings.seller_id}; the installation's refresh token serves only its own account)")
    assert sp.lwa_app_id and sp.lwa_client_secret and sp.refresh_token  # each checked above
    return {
        "lwa_app_id": sp.lwa_app_id,
        "lwa_client_secret": sp.lwa_client_secret.get_secret_value(),
        "refresh_token": sp.refresh_token.get_secret_value(),
    }


class SpApiClients:
    """The three clients a fetch uses, sharing one marketplace and token client."""

    def __init__(self, settings: Settings, timeout: float = 60.0) -> None:
        guard_library_logs()
        self.marketplace = marketplace_for(settings)
        kwargs = dict(
            marketplace=self.marketplace,
            credentials=_credentials(settings),
            credential_providers=(FromCodeCredentialProvider,),
            auth_token_client_class=token_client_for(self.marketplace.endpoint),
            timeout=timeout,
            verify=tls_context(),
        )
        self.reports = Reports(**kwargs)
        self.inbound = FulfillmentInbound(version="v0", **kwargs)
        self.finances = Finances(version="v0", **kwargs)

    @property
    def marketplace_id(self) -> str:
        return self.marketplace.marketplace_id

    def close(self) -> None:
        for client in (self.reports, self.inbound, self.finances):
            client.close()

    def __repr__(self) -> str:
        return f"SpApiClients(endpoint={self.marketplace.endpoint!r})"


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The trusted CAs, loaded once a process as httpx would load them for each client (a fetch has seven:
    three APIs, their token exchanges, the document downloads; ~20 ms of CPU each)."""
    return httpx.create_ssl_context()


def forget_access_tokens() -> None:
    """Drop the library's module-wide access-token cache (keyed by refresh token)."""
    token_module.cache.clear()
    token_module.grantless_cache.clear()
