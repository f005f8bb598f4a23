"""Server-sent events: one ``event:``/``data:`` frame per item, JSON payloads."""

from __future__ import annotations

import json
from typing import Any

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def frame(event: str, data: Any) -> bytes:
    """One SSE frame; the JSON payload keeps to a single line."""
    payload = json.dumps(data, ensure_ascii=False, default=str)
    return f"event: {event}\ndata: {payload}\n\n".encode()
