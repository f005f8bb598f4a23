"""A few demo parcels for the 17TRACK emulator: one delivered, one stalled, one held by customs, one on its way."""

from __future__ import annotations

from datetime import datetime, timedelta

from claimpilot import clock

from .state import Track17State

DEMO_PARCELS = ("1Z999AA10123456784", "9400111899223344556677", "YT2430121234567890", "LP00123456789012")


def demo_state(now: datetime | None = None) -> Track17State:
    """An emulator state whose parcels tell a small story relative to ``now``."""
    now = now or clock.now_utc()
    state = Track17State()
    ups, usps, yun, cainiao = DEMO_PARCELS
    state.parcel(ups, 100002)
    state.scan(ups, now - timedelta(days=4), "InTransit_PickedUp", "Picked up", "Ontario, CA")
    state.scan(ups, now - timedelta(days=2), "OutForDelivery_Other", "Out for delivery", "Tracy, CA")
    state.scan(ups, now - timedelta(days=1, hours=20), "Delivered_Other", "Delivered, dock door 12", "Tracy, CA")
    state.parcel(usps, 21051)
    state.scan(usps, now - timedelta(days=9), "InTransit_Other", "Arrived at USPS regional facility", "Chicago, IL")
    state.parcel(yun, 190008)
    state.scan(yun, now - timedelta(days=6), "InTransit_Departure", "Departed from origin", "Shenzhen")
    state.scan(yun, now - timedelta(days=1), "InTransit_CustomsRequiringInformation", "Customs: documents required", "JFK")
    state.parcel(cainiao, 190271).eta = (now + timedelta(days=5)).date()
    state.scan(cainiao, now - timedelta(hours=10), "InTransit_PickedUp", "Accepted by carrier", "Yiwu")
    return state
