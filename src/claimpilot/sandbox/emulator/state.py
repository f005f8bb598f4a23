"""The emulator's memory: credentials, issued tokens, reports, documents, and
a log of every call; plus the gate every SP-API call passes through."""

from __future__ import annotations

import asyncio
import itertools
import secrets
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from claimpilot import clock

from .faults import Faults
from .ratelimit import RateLimiter
from .source import SellerSource


@dataclass(frozen=True)
class LwaCredentials:
    """The one app and seller authorisation the emulator knows."""

    client_id: str = "amzn1.application-oa2-client.claimpilot-sandbox"
    client_secret: str = "sandbox-client-secret"
    refresh_token: str = "Atzr|sandbox-refresh-token"
    application_id: str = "amzn1.sp.solution.claimpilot-sandbox"
    selling_partner_id: str = "A1SANDBOXSELLER01"

    def __repr__(self) -> str:
        return f"LwaCredentials(client_id={self.client_id!r}, secrets hidden)"


CONSENT_CODE_TTL = timedelta(minutes=5)

ERRORS = {
    400: ("InvalidInput", "Request has missing or invalid parameters and cannot be parsed."),
    403: ("Unauthorized", "Access to requested resource is denied."),
    404: ("NotFound", "The resource specified does not exist."),
    429: ("QuotaExceeded", "You exceeded your quota for the requested resource."),
    500: ("InternalFailure", "We encountered an internal error. Please try again."),
    503: ("ServiceUnavailable", "Service temporarily unavailable. Please try again."),
}


def error_body(status: int, message: str | None = None) -> dict:
    code, default = ERRORS.get(status, ("InternalFailure", "Unexpected error."))
    return {"errors": [{"code": code, "message": message or default, "details": ""}]}


@dataclass
class StoredReport:
    report_id: str
    report_type: str
    start: datetime | None
    end: datetime | None
    marketplace_ids: list[str]
    created: datetime
    final_status: str = "DONE"
    document_id: str | None = None
    polls: int = 0


@dataclass
class EmulatorState:
    source: SellerSource
    faults: Faults
    limiter: RateLimiter
    credentials: LwaCredentials = field(default_factory=LwaCredentials)
    polls_to_done: int = 2
    page_size: int = 50
    today: date | None = None
    base_url: str = ""
    tokens: set[str] = field(repr=False, default_factory=set)
    reports: dict[str, StoredReport] = field(repr=False, default_factory=dict)
    documents: dict[str, bytes] = field(repr=False, default_factory=dict)
    calls: list[tuple[str, int]] = field(repr=False, default_factory=list)
    consent_codes: dict[str, tuple[str, datetime]] = field(repr=False, default_factory=dict)
    posted_reimbursements: list[tuple[date, dict[str, str]]] = field(repr=False, default_factory=list)
    _ids: Any = field(repr=False, default_factory=lambda: itertools.count(secrets.randbelow(8 * 10**10) + 10**10))
    lock: threading.Lock = field(repr=False, default_factory=threading.Lock)

    def next_id(self) -> str:
        with self.lock:
            return str(next(self._ids))

    def new_document(self, gzipped: bytes) -> str:
        doc_id = f"amzn1.spdoc.1.4.na.{secrets.token_hex(16)}"
        with self.lock:
            self.documents[doc_id] = gzipped
        return doc_id

    def record(self, operation: str, status: int) -> None:
        with self.lock:
            self.calls.append((operation, status))

    def count(self, operation: str | None = None, status: int | None = None) -> int:
        with self.lock:
            return sum(
                1 for op, st in self.calls
                if (operation is None or op == operation) and (status is None or st == status)
            )

    def summary(self) -> Counter:
        with self.lock:
            return Counter(self.calls)

    def issue_token(self) -> str:
        token = f"Atza|{secrets.token_urlsafe(24)}"
        with self.lock:
            self.tokens.add(token)
        return token

    def issue_consent_code(self, redirect_uri: str) -> str:
        """An ``spapi_oauth_code`` for ``redirect_uri``: single use, valid for five minutes, as Amazon's."""
        code = f"ANsandbox{secrets.token_urlsafe(18)}"
        with self.lock:
            self.consent_codes[code] = (redirect_uri, clock.now_utc() + CONSENT_CODE_TTL)
        return code

    def take_consent_code(self, code: str, redirect_uri: str) -> bool:
        """Whether ``code`` was issued for ``redirect_uri`` and is still valid; spent either way."""
        with self.lock:
            issued = self.consent_codes.pop(code, None)
        return issued is not None and issued[0] == redirect_uri and clock.now_utc() < issued[1]

    def post_reimbursement(self, approved: date, row: dict[str, str]) -> None:
        """Amazon pays: a row (by the reimbursements report's column names) every later report of its range holds."""
        with self.lock:
            self.posted_reimbursements.append((approved, row))

    def with_posted_reimbursements(self, raw: bytes, start: date | None, end: date | None) -> bytes:
        """``raw`` (a reimbursements report, tab separated) with the posted rows approved within [start, end],
        in the order of ``raw``'s own header."""
        with self.lock:
            rows = [row for day, row in self.posted_reimbursements
                    if (start is None or day >= start) and (end is None or day <= end)]
        if not rows:
            return raw
        text = raw.decode("utf-8")
        header = text.splitlines()[0].split("\t") if text.strip() else list(rows[0])
        if not text.strip():
            text = "\t".join(header)
        if not text.endswith("\n"):
            text += "\n"
        return (text + "".join("\t".join(row.get(c, "") for c in header) + "\n" for row in rows)).encode("utf-8")

    def current_day(self) -> date:
        return self.today or clock.now_utc().date()

    # --- the gate -----------------------------------------------------
    async def gate(self, operation: str, request: Request) -> JSONResponse | None:
        """Delay, check the access token, inject faults, enforce the usage plan.
        Returns the error answer, or None when the call may proceed."""
        delay = self.faults.take_delay(operation)
        if delay:  # a slow answer: the request is read and served, only late
            await request.body()
            await asyncio.sleep(delay)
        token = request.headers.get("x-amz-access-token")
        if not token or token not in self.tokens:
            return self.answer(operation, 403, error_body(403))
        injected = self.faults.take_http(operation)
        if injected:
            return self.answer(operation, injected, error_body(injected))
        if not self.limiter.allow(operation):
            return self.answer(operation, 429, error_body(429))
        return None

    def answer(self, operation: str, status: int, body: dict) -> JSONResponse:
        self.record(operation, status)
        headers = {"x-amzn-RequestId": secrets.token_hex(8)}
        if status != 429:  # Amazon names the rate on its answers, not on a 429 (QuotaExceeded)
            headers["x-amzn-RateLimit-Limit"] = self.limiter.header(operation)
        return JSONResponse(body, status_code=status, headers=headers)
