"""The normalised shipment status, and how each provider's own status maps onto it (statuses.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimpilot.vocabulary import ShipmentState

Status = ShipmentState
"""The normalised shipment status is the vocabulary's ShipmentState (one enum, with its Chinese and English
names); ``Status`` is its name in the logistics code."""


FINAL = frozenset({Status.DELIVERED, Status.EXPIRED})
RANK = {s: i for i, s in enumerate(Status)}


@dataclass(frozen=True)
class Mapped:
    """A provider status read: the normalised status, whether customs holds the goods, and the original."""

    status: Status
    hold: bool
    original: str


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    text = (resources.files("claimpilot.tools.logistics") / "statuses.yaml").read_text(encoding="utf-8")
    table: dict[str, Any] = yaml.safe_load(text)
    return table


def from_track17(status: str | None, sub_status: str | None = None) -> Mapped:
    """A 17TRACK status (and sub status) as a normalised status."""
    table = _table()["track17"]
    original = "/".join(p for p in (status, sub_status) if p) or "NotFound"
    if sub_status and sub_status in table["sub_status"]:
        return Mapped(Status(table["sub_status"][sub_status]), sub_status in table["hold"], original)
    return Mapped(Status(table["status"].get(status or "NotFound", "in_transit")), False, original)


def from_sp_api(shipment_status: str) -> Mapped:
    """An FBA Inbound ShipmentStatus as a normalised status."""
    table = _table()["sp_api"]
    return Mapped(Status(table["status"].get(shipment_status, "in_transit")), False, shipment_status)


def checked_in(shipment_status: str | None) -> bool:
    """Whether Amazon has checked an inbound shipment in (receiving has begun or ended)."""
    return (shipment_status or "") in _table()["sp_api"]["checked_in"]


def from_milestone(text: str) -> Mapped | None:
    """A forwarder's milestone wording as a normalised status; None when no word is known."""
    table = _table()["forwarder"]
    low = " ".join(text.lower().split())
    for word, status in table["milestone"]:
        if word in low:
            return Mapped(Status(status), any(h in low for h in table["hold"]), text.strip())
    return None
