"""A seller account's settings, for its admins: job schedules, alert channels (with a test send), the buyer
mailbox, and whether Amazon is connected. Secrets go in and are stored encrypted (``sellers.service``); no
answer ever carries one back: a channel is named as configured, a mailbox by its host and user."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, Field

from claimpilot.server.answers.settings import AlertTest, AmazonConsent, SellerSettings
from claimpilot.server.deps import SellerAdmin, WriteDbDep
from claimpilot.server.problems import Problem

router = APIRouter(prefix="/settings", tags=["settings"])
JobKind = Annotated[str, Path(max_length=32, pattern=r"^[a-z_]+$")]


class ScheduleIn(BaseModel):
    enabled: bool = True
    at_utc: str | None = Field(default=None, max_length=5, pattern=r"^\d\d:\d\d$")
    every_minutes: int | None = Field(default=None, ge=1, le=1440)


class AlertsIn(BaseModel):
    """A field left out keeps its stored value; "" (or [] for ``email_to``) removes it."""

    webhook_url: str | None = Field(default=None, max_length=2000)
    webhook_secret: str | None = Field(default=None, max_length=500)
    email_to: list[Annotated[str, Field(max_length=254)]] | None = Field(default=None, max_length=20)
    wecom_url: str | None = Field(default=None, max_length=2000)
    dingtalk_url: str | None = Field(default=None, max_length=2000)
    dingtalk_secret: str | None = Field(default=None, max_length=500)
    feishu_url: str | None = Field(default=None, max_length=2000)
    feishu_secret: str | None = Field(default=None, max_length=500)


class ImapIn(BaseModel):
    host: str | None = Field(default=None, max_length=255)
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Literal["ssl", "starttls", "plain"] | None = None
    username: str | None = Field(default=None, max_length=254)
    password: str | None = Field(default=None, max_length=500)


class SmtpIn(ImapIn):
    from_address: str | None = Field(default=None, max_length=254)


class MailboxIn(BaseModel):
    imap: ImapIn = Field(default_factory=ImapIn)
    smtp: SmtpIn = Field(default_factory=SmtpIn)


def _refused(exc: ValueError) -> Problem:
    return Problem(422, "invalid_input", reason=str(exc))


def _view(ctx, db) -> SellerSettings:
    from claimpilot.accounts import channels
    from claimpilot.accounts.models import SellerCredential
    from claimpilot.accounts.sellers import schedule_of
    from claimpilot.jobs.kinds import JOB_KINDS
    from claimpilot.notify.dispatch import configured_channels

    settings = ctx.settings
    stored = channels.read_channels(settings, db, ctx.seller_id)
    cred = db.get(SellerCredential, ctx.seller_id)
    alerts = stored.get(channels.ALERTS)
    mailbox = stored.get(channels.MAILBOX) or {}
    schedules = []
    for kind in JOB_KINDS:
        row = schedule_of(db, ctx.seller_id, kind)
        schedules.append({"kind": kind, "enabled": bool(row and row.enabled),
                          "at_utc": row.at_utc if row else None, "every_minutes": row.every_minutes if row else None})
    own_alerts = channels.alert_settings(settings.logistics.alerts, alerts) if alerts else None
    return SellerSettings.model_validate({
        "amazon": {"connected": bool(cred and cred.refresh_token_enc), "region": cred.region if cred else None},
        "mailbox": {"configured": bool(mailbox),
                    **{f"{side}_{k}": (mailbox.get(side) or {}).get(k) for side in ("imap", "smtp")
                       for k in ("host", "port", "username")}},
        "alerts": {"channels": configured_channels(own_alerts) if own_alerts else [],
                   "email_to": list(own_alerts.email_to) if own_alerts else []},
        "schedules": schedules,
    })


@router.get("")
def read_settings(ctx: SellerAdmin, db: WriteDbDep) -> SellerSettings:
    """What is set for this seller account (no secret in it)."""
    return _view(ctx, db)


@router.post("/amazon/connect")
def connect_amazon(request: Request, ctx: SellerAdmin, db: WriteDbDep) -> AmazonConsent:
    """Start connecting this seller account by Amazon's website authorization: the Seller Central consent
    URL, with a state value bound to the caller and this account (single use, expiring)."""
    from claimpilot.accounts.amazon_consent import ConsentRefused, begin

    redirect_uri = ctx.settings.sp_api.redirect_uri or str(request.url_for("amazon_callback"))
    try:
        url = begin(ctx.settings, db, ctx.seller_id, ctx.user.id, redirect_uri)
    except ConsentRefused as exc:
        raise Problem(409, exc.code, **exc.params) from None
    db.commit()
    return AmazonConsent(consent_url=url)


@router.put("/schedules/{kind}")
def put_schedule(kind: JobKind, body: ScheduleIn, ctx: SellerAdmin, db: WriteDbDep) -> SellerSettings:
    """Run ``kind`` daily at ``at_utc`` (HH:MM, UTC) or every ``every_minutes``, or switch it off."""
    from claimpilot.accounts.sellers import SellerError, set_schedule

    try:
        set_schedule(db, ctx.seller_id, kind, at_utc=body.at_utc, every_minutes=body.every_minutes,
                     enabled=body.enabled)
    except SellerError as exc:
        raise _refused(exc) from None
    db.commit()
    return _view(ctx, db)


@router.put("/alerts")
def put_alerts(body: AlertsIn, request: Request, ctx: SellerAdmin, db: WriteDbDep) -> SellerSettings:
    """Set the seller's own alert and digest channels (webhook, e-mail, WeCom, DingTalk, Feishu)."""
    from claimpilot.accounts.sellers import SellerError, set_alert_channels

    given = body.model_dump(exclude_unset=True)
    for value in given.values():
        if isinstance(value, str) and value:
            request.app.state.redactor.add(value)
    try:
        set_alert_channels(ctx.settings, db, ctx.seller_id, **given)
    except SellerError as exc:
        raise _refused(exc) from None
    db.commit()
    return _view(ctx, db)


@router.post("/alerts/test")
def test_alerts(request: Request, ctx: SellerAdmin, db: WriteDbDep) -> AlertTest:
    """Send a test notice to each of the seller's own channels; each channel's outcome (sent or failed, why
    with any secret taken out)."""
    from claimpilot.accounts import channels
    from claimpilot.notify.dispatch import Notice, deliver

    stored = channels.read_channels(ctx.settings, db, ctx.seller_id).get(channels.ALERTS)
    db.commit()
    if not stored:
        raise Problem(409, "alerts_missing")
    cfg = channels.alert_settings(ctx.settings.logistics.alerts, stored).model_copy(update={"max_retries": 0})
    notice = Notice(event_id=f"test-{uuid.uuid4().hex[:12]}", kind="test", title="claimpilot test / 测试通知",
                    text=f"claimpilot: a test notice for seller account {ctx.seller_id}. "
                         f"这是店铺 {ctx.seller_id} 的测试通知。", data={"seller_id": ctx.seller_id})
    outcome = deliver(cfg, notice)
    redact = request.app.state.redactor.redact
    return AlertTest(channels={name: ("sent" if result == "sent" else "failed") for name, result in outcome.items()},
                     errors={name: redact(result.removeprefix("failed: ")) for name, result in outcome.items()
                             if result != "sent"})


@router.put("/mailbox")
def put_mailbox(body: MailboxIn, request: Request, ctx: SellerAdmin, db: WriteDbDep) -> SellerSettings:
    """Set the seller's own buyer mailbox (IMAP) and sender (SMTP); a password left out keeps the stored one."""
    from claimpilot.accounts.sellers import SellerError, set_mailbox

    for side in (body.imap, body.smtp):
        if side.password:
            request.app.state.redactor.add(side.password)
    try:
        set_mailbox(ctx.settings, db, ctx.seller_id, imap=body.imap.model_dump(exclude_unset=True),
                    smtp=body.smtp.model_dump(exclude_unset=True))
    except SellerError as exc:
        raise _refused(exc) from None
    db.commit()
    return _view(ctx, db)
