"""Follow-up tasks a reply promises on the seller's behalf ("we are checking with the carrier"): stored once per
message and kind, listed with their Chinese and English text, closed by a person."""

from __future__ import annotations

import json
from datetime import timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.errors import NotFound
from claimpilot.tools.buyers.models import BuyerTask


@lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, Any]]:
    """What each task asks of the seller, in Chinese and English, and within how many days (``data/tasks.yaml``)."""
    data: dict[str, dict[str, Any]] = yaml.safe_load(
        (resources.files("claimpilot.tools.buyers") / "data" / "tasks.yaml").read_text("utf-8"))
    return data


class TaskNotFound(NotFound):
    """No such task in this seller account."""

    public = "no such buyer task in this seller account"


def raise_task(settings: Settings, message_id: int, order_id: str | None, kind: str, detail: dict[str, Any]) -> None:
    """Store the task unless the message has it already."""
    days = int(_texts()[kind]["days"])
    row = BuyerTask(seller_id=settings.seller_id, message_id=message_id, order_id=order_id, kind=kind,
                    detail=json.dumps(detail, ensure_ascii=False, default=str), status="open",
                    due_on=clock.today() + timedelta(days=days))
    try:
        with session_factory(settings).begin() as db:
            db.add(row)
    except IntegrityError:
        pass  # raised before for this message


def task_row(t: BuyerTask) -> dict[str, Any]:
    text = _texts().get(t.kind) or {"zh": t.kind, "en": t.kind}
    zh, en = text["zh"], text["en"]
    return {"id": t.id, "message_id": t.message_id, "order_id": t.order_id, "kind": t.kind, "zh": zh, "en": en,
            "status": t.status, "due_on": t.due_on.isoformat() if t.due_on else None,
            "detail": json.loads(t.detail or "{}"), "done_by": t.done_by,
            "created_at": t.created_at.isoformat() if t.created_at else None}


def list_tasks(settings: Settings, status: str | None = "open", message_id: int | None = None) -> list[dict[str, Any]]:
    with session_factory(settings, read_only=True)() as db:
        q = select(BuyerTask).where(BuyerTask.seller_id == settings.seller_id)
        if status:
            q = q.where(BuyerTask.status == status)
        if message_id is not None:
            q = q.where(BuyerTask.message_id == message_id)
        return [task_row(t) for t in db.scalars(q.order_by(BuyerTask.due_on, BuyerTask.id))]


def close_task(settings: Settings, task_id: int, by: str) -> dict[str, Any]:
    with session_factory(settings).begin() as db:
        t = db.get(BuyerTask, task_id)
        if t is None or t.seller_id != settings.seller_id:
            raise TaskNotFound(f"no buyer task {task_id} in this seller account")
        t.status, t.done_by, t.done_at = "done", by[:120], clock.now_utc()
        return task_row(t)
