"""A notice, and sending it to every configured channel."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from claimpilot.config import AlertChannelSettings, Settings, SmtpSettings
from claimpilot.notify.bots import send_dingtalk, send_feishu, send_wecom
from claimpilot.notify.email import NO_ALERT_SMTP, send_email
from claimpilot.notify.http import DeliveryError
from claimpilot.notify.webhook import send_webhook

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """What is told: a stable ``event_id`` (receivers drop repeats by it), a kind, a title, text and data."""

    event_id: str
    kind: str
    title: str
    text: str
    data: dict = field(default_factory=dict)


def configured_channels(cfg: AlertChannelSettings) -> list[str]:
    out = []
    if cfg.webhook_url:
        out.append("webhook")
    if cfg.email_to:
        out.append("email")
    for name in ("wecom", "dingtalk", "feishu"):
        if getattr(cfg, f"{name}_url") is not None:
            out.append(name)
    return out


def alert_email_fallback(settings: Settings) -> SmtpSettings | None:
    """The SMTP server alert e-mail of ``settings.seller_id`` may fall back to when its alert channels have
    no ``smtp`` of their own: the buyer-message sender, only when that sender is this seller's
    (``buyers.seller_id``); None otherwise, so that no alert leaves from another seller's address."""
    if settings.buyers.seller_id == settings.seller_id:
        return settings.buyers.smtp
    cfg = settings.logistics.alerts
    if cfg.email_to and not cfg.smtp.host:
        log.warning("seller %s: %s: its alert channels have no smtp of their own and the buyer-message sender "
                    "belongs to seller account %r", settings.seller_id, NO_ALERT_SMTP, settings.buyers.seller_id)
    return None


def deliver(cfg: AlertChannelSettings, notice: Notice, skip: tuple[str, ...] | set[str] = (),
            fallback_smtp: SmtpSettings | None = None) -> dict[str, str]:
    """Send ``notice`` to each configured channel not in ``skip``; returns each channel's outcome."""
    smtp = cfg.smtp if cfg.smtp.host else (fallback_smtp or cfg.smtp)
    senders = {"webhook": lambda: send_webhook(cfg, notice), "email": lambda: send_email(cfg, smtp, notice),
               "wecom": lambda: send_wecom(cfg, notice), "dingtalk": lambda: send_dingtalk(cfg, notice),
               "feishu": lambda: send_feishu(cfg, notice)}
    outcome: dict[str, str] = {}
    for name in configured_channels(cfg):
        if name in skip:
            continue
        try:
            senders[name]()
            outcome[name] = "sent"
        except DeliveryError as exc:
            outcome[name] = f"failed: {exc}"
    return outcome
