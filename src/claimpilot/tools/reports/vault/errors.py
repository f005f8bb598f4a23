"""Errors of the evidence vault; none names a credential."""

from __future__ import annotations

from claimpilot.errors import DomainError, Invalid, NotFound


class EvidenceUnavailable(DomainError):
    """The evidence storage refused or failed a read or write (unreachable, no such bucket, access denied)."""

    http_status = 503
    public = "the evidence storage is unavailable; try again later"


class EvidenceMissing(NotFound):
    """No evidence file under that key in this seller's vault."""


class InvalidEvidenceKey(Invalid):
    """A key that is not a plain relative name (``..``, an absolute path, odd characters)."""
