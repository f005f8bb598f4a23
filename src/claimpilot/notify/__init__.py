"""Delivering a notice to the seller's channels: a signed webhook, email, and WeCom, DingTalk or Feishu group bots.

``deliver(channels, notice, skip=())`` sends a ``Notice`` to every configured
channel (``AlertChannelSettings``) and returns ``{channel: "sent" | "failed: why"}``;
channels named in ``skip`` (already delivered) are left alone. Shipment alerts
use it, and so can any digest.
"""

from .dispatch import Notice, configured_channels, deliver

__all__ = ["Notice", "configured_channels", "deliver"]
