"""Delivering a notice to the seller's channels: a signed webhook, email, and WeCom, DingTalk or Feishu group bots.

``deliver(channels, notice, skip=())`` sends a ``Notice`` to every configured
channel (``AlertChannelSettings``) and returns ``{channel: "sent" | "failed: why"}``;
channels named in ``skip`` (already delivered) are left alone. Shipment alerts
use it, and so can any digest. E-mail leaves through the channels' own ``smtp``,
else ``fallback_smtp``: ``alert_email_fallback(settings)`` gives the buyer-message
sender only when it is the seller's own.
"""

from .dispatch import Notice, alert_email_fallback, configured_channels, deliver

__all__ = ["Notice", "alert_email_fallback", "configured_channels", "deliver"]
