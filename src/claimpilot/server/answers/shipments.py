"""Answers of the shipment routes."""

from __future__ import annotations

from typing import Any

from claimpilot.server.answers.base import Answer


class Shipment(Answer):
    """A tracked shipment: a parcel, an FBA inbound shipment, or a sea or air leg."""

    ref: str
    kind: str
    status: str
    customs_hold: bool
    order_id: str | None
    fba_shipment_id: str | None
    planned_eta: str | None
    eta: str | None
    last_event_at: str | None
    delivered_at: str | None


class Alert(Answer):
    """Why a shipment needs the seller's attention, and where the alert was delivered."""

    id: int
    kind: str
    ref: str
    message: str
    claim_id: int | None
    raised_on: str | None
    deliveries: dict[str, Any]


class ShipmentList(Answer):
    items: list[Shipment]
    counts: dict[str, int]
    alerts: list[Alert]


class ShipmentDetail(Shipment):
    items: list[dict[str, Any]]
    events: list[dict[str, Any]]
    eta_history: list[dict[str, Any]]
    alerts: list[Alert]


class Refreshed(Answer):
    """What a refresh pulled in: shipments updated, new scans, ETAs moved, alerts raised and delivered."""

    updated: int
    new_scans: int
    eta_moved: list[str]
    new_alerts: Any
    deliveries: dict[str, Any]


class PushTaken(Answer):
    event: Any
    duplicate: bool
    applied: int
