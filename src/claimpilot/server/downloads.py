"""The ``Content-Disposition`` of a file download whose name may be Chinese (RFC 6266 / RFC 5987)."""

from __future__ import annotations

from urllib.parse import quote


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 name as the seller knows it."""
    plain = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in name) or "report"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
