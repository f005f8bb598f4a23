"""A logging filter that blanks out known secret values before any handler writes them.

Secrets come from the settings (session secret, SP-API refresh token and client
secret, the LLM key) plus every API key and session token the server hands
out or sees, added at run time with ``SecretRedactor.add``. Bearer tokens and
``cp_`` API keys are also caught by pattern, whether known or not.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import parse_qsl, urlsplit

from pydantic import BaseModel, SecretStr

from claimpilot.config import Settings

MASK = "[redacted]"
TOKEN_PATTERNS = (
    re.compile(r"\bcp_[0-9a-f]{8}_[A-Za-z0-9_\-]{16,}"),
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/\-]{8,}=*"),
    re.compile(r"(?i)(x-api-key['\"]?\s*[:=]\s*['\"]?)[^\s'\",]{8,}"),
    re.compile(r"(?i)(password['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+"),
)


def settings_secrets(settings: Settings) -> list[str]:
    """Every secret value the settings hold: each ``SecretStr``, however deeply nested, and the tokens
    inside a secret URL (a bot's key in the query, a hook id as the last path segment), longest first."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, SecretStr):
            if value.get_secret_value():
                found.append(value.get_secret_value())
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple, set)):
            for item in value:
                walk(item)

    walk(settings)
    values = set(found)
    for value in found:
        if "://" in value:
            url = urlsplit(value)
            values.update(v for _, v in parse_qsl(url.query) if len(v) >= 6)
            last = url.path.rstrip("/").rsplit("/", 1)[-1]
            if len(last) >= 16:
                values.add(last)
    return sorted(values, key=len, reverse=True)


class SecretRedactor(logging.Filter):
    """Rewrites each record's message with secrets masked; never drops a record."""

    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: set[str] = set()
        for s in secrets or []:
            self.add(s)

    def add(self, secret: str) -> None:
        """Mask ``secret`` from now on (values under 6 characters are too common to mask)."""
        if secret and len(secret) >= 6:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        with self._lock:
            known = sorted(self._secrets, key=len, reverse=True)
        for s in known:
            if s in text:
                text = text.replace(s, MASK)
        for pattern in TOKEN_PATTERNS:
            text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + MASK, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self.redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            # The traceback is rendered later by the formatter; render it now, masked.
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text, record.exc_info = self.redact(text), None
        return True


def install(redactor: SecretRedactor, logger_names: tuple[str, ...] = ("", "uvicorn", "uvicorn.access",
                                                                        "uvicorn.error", "claimpilot")) -> None:
    """Attach ``redactor`` to the named loggers and to every handler they have."""
    for name in logger_names:
        logger = logging.getLogger(name)
        if redactor not in logger.filters:
            logger.addFilter(redactor)
        for handler in logger.handlers:
            if redactor not in handler.filters:
                handler.addFilter(redactor)
