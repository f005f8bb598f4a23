"""Keep LWA secrets and access tokens out of python-amazon-sp-api's own logs.

The library logs every request's headers (the access token among them) at
DEBUG; whoever turns its logging up must still not see a token there."""

from __future__ import annotations

import logging
import re

TOKEN = re.compile(r"(Atz[ar]\|)[^'\"\s,}]+")
HEADER = re.compile(r"('x-amz-access-token':\s*')[^']*(')")
LOGGERS = ("sp_api", "sp_api.base.client", "sp_api.auth.access_token_client")


class SecretFilter(logging.Filter):
    """Rewrites a record's message with access and refresh tokens masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: let logging report it as usual
            return True
        masked = HEADER.sub(r"\1***\2", TOKEN.sub(r"\1***", message))
        if masked != message:
            record.msg, record.args = masked, None
        return True


_FILTER = SecretFilter()


def guard_library_logs() -> None:
    """Attach the filter to the library's loggers (once)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
