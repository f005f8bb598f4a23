"""Buyer messages of one seller account: the queue, one message with its draft, the decisions, sending;
intake from the mailbox and from other sources.

Viewers read; operators add messages, poll, edit and reject; approvers approve,
settle uncertain sends and send. Polling, sending and drafting (the reply's sender
address) use the seller's own mailbox and sender when it has one (``claimpilot
sellers mailbox``), else those configured in Settings, which belong to one seller
account (``Settings.buyers.seller_id``); polling and sending answer 409 for a
seller that has neither.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from claimpilot.config import Settings
from claimpilot.server.answers.buyers import (
    BuyerMessage,
    BuyerMessageDetail,
    BuyerTask,
    BuyerThread,
    MessageAdded,
    Polled,
    ProductSheet,
    Sent,
    SheetStored,
)
from claimpilot.server.deps import DbDep, SellerAccess, SellerApprover, SellerContext, SellerOperator, SettingsDep
from claimpilot.server.problems import Problem
from claimpilot.server.seller_settings import own_settings

router = APIRouter(prefix="/buyers", tags=["buyers"])
Status = Literal["held", "queued", "approved", "rejected", "reserved", "transmitting", "sent", "uncertain", "failed"]
MessageId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="buyer message id")]
NOT_FOUND = {404: {"description": "no such buyer message in this seller account"}}
CONFLICT = {409: {"description": "the reply's state does not allow this"}}


class MessageIn(BaseModel):
    relay_address: str = Field(max_length=254, description="the buyer's relay address, like x@marketplace.amazon.com")
    body: str = Field(min_length=1, max_length=20_000)
    subject: str = Field(default="", max_length=500)
    order_id: str | None = Field(default=None, pattern=r"^\d{3}-\d{7}-\d{7}$")
    buyer_name: str = Field(default="", max_length=200)
    external_id: str | None = Field(default=None, max_length=200, description="the source's own id (deduplicates)")


class EditIn(BaseModel):
    body: str = Field(min_length=1, max_length=20_000)


class RejectIn(BaseModel):
    reason: str = Field(default="", max_length=500)


class ResolveIn(BaseModel):
    delivered: bool


class SendIn(BaseModel):
    message_ids: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] | None = Field(default=None, max_length=500)


def _svc(ctx: SellerContext):
    from claimpilot.tools.buyers.service import BuyerService

    return BuyerService(ctx.settings)


def _who(ctx: SellerContext) -> str:
    return ctx.user.email


def _mailbox_settings(request: Request, ctx: SellerContext, base: Settings, db, required: bool = True) -> Settings:
    """The seller's Settings with its own mailbox and sender, else the installation's, which only their
    owner may use (``required``: 409 when the seller has neither). Read only by the routes that poll,
    send or draft (the reply's sender address), so that other requests decrypt nothing."""
    from claimpilot.accounts.channels import MAILBOX

    scoped, own = own_settings(request, ctx, base, db)
    if required and MAILBOX not in own and ctx.seller_id != base.buyers.seller_id:
        raise Problem(409, "mailbox_missing")
    return scoped


@router.get("")
def list_messages(ctx: SellerAccess, status: Annotated[Status | None, Query()] = None,
                  order_id: Annotated[str | None, Query(pattern=r"^\d{3}-\d{7}-\d{7}$")] = None,
                  limit: Annotated[int, Query(ge=1, le=500)] = 50,
                  offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> list[BuyerMessage]:
    """Buyer messages, newest first, with intent, language and the state of their replies."""
    return _svc(ctx).list(status=status, order_id=order_id, limit=limit, offset=offset)


@router.get("/threads")
def list_threads(ctx: SellerAccess, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[BuyerThread]:
    """Messages grouped by order id, latest first."""
    return _svc(ctx).threads(limit)


@router.get("/tasks")
def list_tasks(ctx: SellerAccess,
               status: Annotated[Literal["open", "done"] | None, Query()] = "open") -> list[BuyerTask]:
    """Follow-ups the replies promised (check with the carrier, find a return, upload an invoice, answer a
    product question), each with its Chinese and English text."""
    from claimpilot.tools.buyers.tasks import list_tasks as tasks_of

    return [BuyerTask.model_validate(t) for t in tasks_of(ctx.settings, status)]


@router.post("/tasks/{task_id}/done", responses=NOT_FOUND)
def task_done(task_id: MessageId, ctx: SellerOperator) -> BuyerTask:
    """Mark a follow-up task done."""
    from claimpilot.tools.buyers.tasks import close_task

    return BuyerTask.model_validate(close_task(ctx.settings, task_id, _who(ctx)))


class SheetIn(BaseModel):
    sheet: str = Field(min_length=1, max_length=200_000, description="the product sheet as YAML (asin, title, "
                       "specs, faq, compatibility)")


@router.get("/products")
def list_product_sheets(ctx: SellerAccess) -> list[ProductSheet]:
    """The seller's product sheets: ASIN, title, number of entries."""
    from claimpilot.tools.buyers.products import list_sheets

    return list_sheets(ctx.settings)


@router.get("/products/{asin}", responses={404: {"description": "no sheet for this ASIN"}})
def show_product_sheet(asin: Annotated[str, PathParam(pattern=r"^[A-Z0-9]{10}$")], ctx: SellerAccess) -> ProductSheet:
    """One ASIN's product sheet."""
    from claimpilot.tools.buyers.products import load_sheet

    sheet = load_sheet(ctx.settings, asin)
    if sheet is None:
        raise Problem(404, "product_sheet_not_found", asin=asin)
    return sheet


@router.put("/products/{asin}", responses={422: {"description": "the sheet cannot be read"}})
def put_product_sheet(asin: Annotated[str, PathParam(pattern=r"^[A-Z0-9]{10}$")], body: SheetIn,
                      ctx: SellerOperator) -> SheetStored:
    """Store the ASIN's product sheet (replacing the previous one); product questions are answered from it."""
    from claimpilot.tools.buyers.products import SheetError, parse_sheet, save_sheet

    if parse_sheet(body.sheet)["asin"] != asin:
        raise SheetError(f"the sheet is for another ASIN than {asin}")
    sheet = save_sheet(ctx.settings, body.sheet)
    return SheetStored(stored=sheet["asin"])


@router.get("/{message_id}", responses=NOT_FOUND)
def show_message(message_id: MessageId, ctx: SellerAccess) -> BuyerMessageDetail:
    """One message, its reply draft, the compliance verdict, the order context and the sending state."""
    return _svc(ctx).show(message_id)


@router.post("/messages", status_code=201)
async def add_message(request: Request, body: MessageIn, ctx: SellerOperator, base: SettingsDep,
                      db: DbDep) -> MessageAdded:
    """A buyer message from a source other than the mailbox; stored once, drafted (to be sent from the
    seller's own address when it has a mailbox of its own), queued or held."""
    from claimpilot.tools.buyers.service import BuyerService

    def run() -> MessageAdded:
        settings = _mailbox_settings(request, ctx, base, db, required=False)
        result = BuyerService(settings).add_message(**body.model_dump())
        return MessageAdded(id=result.message_id, created=result.created, skipped=result.skipped)

    return await run_in_threadpool(run)


@router.post("/poll", responses={409: {"description": "no mailbox for this seller account"}})
async def poll(request: Request, ctx: SellerOperator, base: SettingsDep, db: DbDep) -> Polled:
    """Fetch new relay e-mails from the seller's mailbox (its own, else the installation's if it is this
    seller's) and draft their replies."""
    from claimpilot.tools.buyers.imap_intake import ImapError
    from claimpilot.tools.buyers.service import BuyerService

    settings = await run_in_threadpool(lambda: _mailbox_settings(request, ctx, base, db))
    try:
        r = await run_in_threadpool(lambda: BuyerService(settings).poll())
    except (ImapError, ValueError) as exc:
        raise Problem(502, "upstream_failed", reason=str(exc)) from None
    return Polled(seen=r.seen, stored=r.stored, duplicates=r.duplicates, skipped=r.skipped)


@router.post("/{message_id}/approve", responses={**NOT_FOUND, **CONFLICT})
def approve(message_id: MessageId, ctx: SellerApprover) -> BuyerMessageDetail:
    """Let a queued reply leave with the next send."""
    return _svc(ctx).approve(message_id, _who(ctx))


@router.post("/{message_id}/edit", responses={**NOT_FOUND, **CONFLICT})
def edit(message_id: MessageId, body: EditIn, ctx: SellerOperator) -> BuyerMessageDetail:
    """Replace the reply's text; it is checked again and waits for approval (or is held)."""
    return _svc(ctx).edit(message_id, body.body, _who(ctx))


@router.post("/{message_id}/reject", responses={**NOT_FOUND, **CONFLICT})
def reject(message_id: MessageId, body: RejectIn, ctx: SellerOperator) -> BuyerMessageDetail:
    """Never send this reply."""
    return _svc(ctx).reject(message_id, _who(ctx), body.reason)


@router.post("/{message_id}/resolve", responses={**NOT_FOUND, **CONFLICT})
def resolve(message_id: MessageId, body: ResolveIn, ctx: SellerApprover) -> BuyerMessageDetail:
    """Settle an uncertain send: delivered (sent), or not (sent again with the same Message-ID)."""
    return _svc(ctx).resolve(message_id, body.delivered, _who(ctx))


@router.post("/send", responses={409: {"description": "no sender for this seller account"}})
async def send(request: Request, body: SendIn, ctx: SellerApprover, base: SettingsDep, db: DbDep) -> Sent:
    """Send the approved replies (all, or those of the given messages), each exactly once, through the
    seller's sender (its own, else the installation's if it is this seller's)."""
    from claimpilot.tools.buyers.service import BuyerService

    settings = await run_in_threadpool(lambda: _mailbox_settings(request, ctx, base, db))
    try:
        r = await run_in_threadpool(lambda: BuyerService(settings).send(body.message_ids))
    except (OSError, ValueError, RuntimeError) as exc:
        raise Problem(502, "upstream_failed", reason=f"{type(exc).__name__}: {exc}") from None
    return {"sent": r.sent, "retry_later": r.retry_later, "failed": r.failed, "uncertain": r.uncertain,
            "recovered": r.recovered}
