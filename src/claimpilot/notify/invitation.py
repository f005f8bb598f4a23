"""An invitation link by e-mail (bilingual), through an SMTP server the caller chose."""

from __future__ import annotations

import uuid
from typing import Literal

from claimpilot.config import AlertChannelSettings, SmtpSettings
from claimpilot.notify.dispatch import Notice
from claimpilot.notify.email import send_email
from claimpilot.notify.http import DeliveryError


def send_invitation(smtp: SmtpSettings, email: str, seller_name: str, link: str,
                    days: int) -> Literal["sent", "failed"]:
    """Send the link to ``email``: "sent", or "failed" (the link is still shown to the admin)."""
    notice = Notice(event_id=f"invite-{uuid.uuid4().hex[:12]}", kind="invitation",
                    title=f"claimpilot: 邀请加入 {seller_name} / invitation to {seller_name}",
                    text=f"你被邀请加入 claimpilot 店铺 {seller_name}。"
                         f"打开下面的链接设置密码（{days} 天内有效，只能用一次）：\n"
                         f"You are invited to the claimpilot seller account {seller_name}. Open this link to set "
                         f"your password (valid {days} days, once):\n\n{link}\n")
    try:
        send_email(AlertChannelSettings(email_to=[email]), smtp, notice)
    except DeliveryError:
        return "failed"
    return "sent"
