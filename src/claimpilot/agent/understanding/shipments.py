"""Shipment words of a list: where the goods stand (清关, 派送中, 已签收 ...) and how they travel
(海运, 空派, FBA货件, 小包 ...), as ShipmentState and ShipmentKind values."""

from __future__ import annotations

import re

from claimpilot.agent.understanding.lexicon import find, first
from claimpilot.vocabulary import ShipmentKind, ShipmentState


def shipment_state(text: str) -> ShipmentState | None:
    value = first("shipment_states", text)
    return ShipmentState(value) if value else None


# A way of travel set aside ("空运的先不用管"): the list is of the others.
_SET_ASIDE = re.compile(r"(?:的|那些|那批)?\s*(?:先|就|暂时)?\s*(?:不用管|不管|不用看|不看|不要|除外|不算)")

def shipment_kind(text: str) -> ShipmentKind | None:
    """How the goods travel, if one way is said ("海运空运都算上": both, no one kind; "海运有哪些 空运的先不用管":
    sea)."""
    hits = [h for h in find("shipment_kinds", text) if not _SET_ASIDE.match(text, h[2])]
    if len({h[0] for h in hits}) != 1:
        return None
    return ShipmentKind(hits[0][0])
