"""What every tool face shares: compact JSON-able output, wrapped as data, and the approval mark."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from langchain_core.tools import BaseTool

from claimpilot.config import Settings

MAX_ITEMS = 25
MAX_TEXT = 6000


def settings_of(runtime: Any) -> Settings:
    """The Settings handed to this run (LangGraph runtime context)."""
    return runtime.context.settings


def to_data(obj: Any, depth: int = 0) -> Any:
    """A compact JSON-able copy of a domain value: dataclasses, models, dates, decimals, long lists cut."""
    if depth > 6:
        return str(obj)
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj[:MAX_TEXT] if isinstance(obj, str) else obj
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, (date, datetime)):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Path):
        return str(obj)
    for method in ("to_dict", "to_json", "model_dump"):
        if callable(getattr(obj, method, None)):
            return to_data(getattr(obj, method)(), depth + 1)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name), depth + 1) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_data(v, depth + 1) for k, v in obj.items() if not str(k).startswith("_")}
    if isinstance(obj, (list, tuple, set, frozenset)):
        items = [to_data(v, depth + 1) for v in list(obj)[:MAX_ITEMS]]
        if len(obj) > MAX_ITEMS:
            items.append({"more": len(obj) - MAX_ITEMS})
        return items
    columns = getattr(getattr(obj, "__table__", None), "columns", None)
    if columns is not None:  # an SQLAlchemy row object
        return {c.key: to_data(getattr(obj, c.key, None), depth + 1) for c in columns}
    return str(obj)


def wrap(name: str, payload: Any) -> str:
    """The text the model sees: JSON inside <tool_output> tags that no payload can close."""
    text = json.dumps(payload, ensure_ascii=False, default=str).replace("</", "<\\/")
    return f'<tool_output tool="{name}">\n{text}\n</tool_output>'


def answer(name: str, produce: Callable[[], Any],
           suggest: Callable[[Exception], list[dict]] | None = None) -> tuple[str, Any]:
    """Run a face's domain call; return (wrapped text for the model, the data as artifact).

    A domain error becomes ``{"error": ...}`` data so that the model can say what went wrong;
    ``suggest`` adds the known ids close to a mistyped one (``did_you_mean``).
    """
    try:
        payload = to_data(produce())
    except Exception as exc:  # noqa: BLE001 - any domain failure is reported to the model as data
        payload = {"error": f"{type(exc).__name__}: {exc}", "error_type": type(exc).__name__}
        move = getattr(exc, "move", None)  # a refused status change: (claim id, its status, the status asked)
        if move:
            payload["claim_id"], payload["status"] = move[0], move[1]
        if suggest is not None:
            try:
                close = suggest(exc)
            except Exception:  # noqa: BLE001 - a suggestion must never hide the error itself
                close = []
            if close:
                payload["did_you_mean"] = close
    return wrap(name, payload), payload


def needs_approval(tool: BaseTool) -> BaseTool:
    """Mark a tool as one that writes: each call waits for the person's approval."""
    tool.metadata = {**(tool.metadata or {}), "writes": True}
    return tool


def writes(tool: BaseTool) -> bool:
    return bool((tool.metadata or {}).get("writes"))


def parse_date(value: str | None) -> date | None:
    """An ISO date argument, or None; a wrong one raises a clear ValueError."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None
