"""Follow-up tasks a reply promises on the seller's behalf ("we are checking with the carrier"): stored once per
message and kind, listed with their Chinese and English text, closed by a person."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.tools.buyers.models import BuyerTask

# What each task asks of the seller, and within how many days (the reply told the buyer "we will write again").
TEXTS = {
    "check_carrier": ("联系承运商核实包裹（物流停滞、延误或异常），再回复买家", "Check the parcel with the carrier (stalled, late or in exception), then write to the buyer", 1),
    "check_shipment": ("订单超过发货时间仍未发出：在后台核实原因，再回复买家", "The order is past its ship-by date: find out why in Seller Central, then write to the buyer", 1),
    "look_up_order": ("查不到订单信息：在后台查看该订单，再回复买家", "No order facts could be read: look the order up in Seller Central, then write to the buyer", 1),
    "check_return": ("买家说已退货，但报告里还没有退货记录：核实退货物流", "The buyer says it was sent back but no return is in the reports yet: check the return's tracking", 2),
    "upload_invoice": ("买家要发票：在后台上传发票", "The buyer asks for an invoice: upload it to the order in Seller Central", 2),
    "answer_question": ("产品资料里没有答案：补充回复后再发送", "The product sheet does not answer the buyer's question: complete the reply before it leaves", 1),
}


class TaskNotFound(LookupError):
    """No such task in this seller account."""


def raise_task(settings: Settings, message_id: int, order_id: str | None, kind: str, detail: dict[str, Any]) -> None:
    """Store the task unless the message has it already."""
    days = TEXTS[kind][2]
    row = BuyerTask(seller_id=settings.seller_id, message_id=message_id, order_id=order_id, kind=kind,
                    detail=json.dumps(detail, ensure_ascii=False, default=str), status="open",
                    due_on=clock.today() + timedelta(days=days))
    try:
        with session_factory(settings).begin() as db:
            db.add(row)
    except IntegrityError:
        pass  # raised before for this message


def task_row(t: BuyerTask) -> dict[str, Any]:
    zh, en, _ = TEXTS.get(t.kind, (t.kind, t.kind, 0))
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
