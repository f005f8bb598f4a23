"""17TRACK-compatible tracking API (v2.2): client, track-info reading, webhook signatures."""

from .client import Track17Client, Track17Error
from .parse import read_track_info
from .webhook import WebhookRejected, read_webhook, sign

__all__ = ["Track17Client", "Track17Error", "WebhookRejected", "read_track_info", "read_webhook", "sign"]
