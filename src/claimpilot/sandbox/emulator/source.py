"""What the emulator serves: any object shaped like the demo seller."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol


class SellerSource(Protocol):
    """A seller's data, in Amazon's own layouts.

    ``report`` returns the raw report file (header row first) for rows dated
    from ``start`` to ``end``, both days included; ``None`` means unbounded.
    Shipments and items are dicts with the FBA Inbound API's field names;
    financial events are a dict of Finances API event lists
    (``ShipmentEventList``, ``RefundEventList``, ...).
    """

    def report(self, kind: str, start: date | None = None, end: date | None = None) -> bytes: ...

    def inbound_shipments(self) -> list[dict[str, Any]]: ...

    def inbound_items(self, shipment_id: str) -> list[dict[str, Any]]: ...

    def financial_events(self, posted_after: Any, posted_before: Any) -> dict[str, list[dict]]: ...
