"""Shipment words of a list: where the goods stand (清关, 派送中, 已签收 ...) and how they travel
(海运, 空派, FBA货件, 小包 ...), as ShipmentState and ShipmentKind values."""

from __future__ import annotations

from claimpilot.agent.understanding.lexicon import find, first
from claimpilot.vocabulary import ShipmentKind, ShipmentState


def shipment_state(text: str) -> ShipmentState | None:
    value = first("shipment_states", text)
    return ShipmentState(value) if value else None


def shipment_kind(text: str) -> ShipmentKind | None:
    """How the goods travel, if one way is said ("海运空运都算上": both, no one kind)."""
    if len({h[0] for h in find("shipment_kinds", text)}) > 1:
        return None
    value = first("shipment_kinds", text)
    return ShipmentKind(value) if value else None
