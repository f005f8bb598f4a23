"""Logistics: every shipment from the factory to Amazon and to the buyer, with alerts before it hurts.

Providers behind one form (``update.TrackingUpdate``): a 17TRACK-compatible
API for parcels (``track17/``: register, gettrackinfo, signed webhooks), the
SP-API Fulfillment Inbound API for FBA shipments (``fba.py``: status, units
shipped against received), and a forwarder's CSV/Excel file of sea and air
legs (``forwarder.py``). Statuses are normalised (``status.Status``) with the
provider's own kept; ETA changes are kept as history; alerts (``alerts.py``)
are raised once by key and delivered through ``claimpilot.notify``.

Entry points:
- ``LogisticsService(settings, seller_id=None)``: ``add``, ``list``, ``late``, ``show``,
  ``alerts``, ``import_forwarder``, ``take_track17_push``, ``refresh``.
- ``tracking_for_order(settings, order_id) -> TrackingView | None``: the newest
  tracked shipment of an Amazon order (status, provider status, ETA, last scan),
  for buyer replies to "where is my order".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimpilot.config import Settings

if TYPE_CHECKING:  # the view (and the store's models under it) loads on first use, not with the package
    from claimpilot.tools.logistics.view import TrackingView


def __getattr__(name: str) -> Any:
    if name == "TrackingView":
        from claimpilot.tools.logistics.view import TrackingView

        return TrackingView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def tracking_for_order(settings: Settings, order_id: str) -> TrackingView | None:
    """The tracking of an Amazon order for the settings' seller, or None when none is tracked."""
    from claimpilot.tools.logistics.service import LogisticsService

    return LogisticsService(settings).tracking_for_order(order_id)


__all__ = ["TrackingView", "tracking_for_order"]
