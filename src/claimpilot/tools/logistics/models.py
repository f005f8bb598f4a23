"""Shipments, their scans, ETA changes, alerts and the provider webhooks already taken, in the operational store."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from claimpilot import clock
from claimpilot.db.base import Base


class Shipment(Base):
    """One tracked leg: a parcel (17TRACK), an FBA inbound shipment (SP-API), or a sea/air leg (forwarder)."""

    __tablename__ = "shipments"
    __table_args__ = (UniqueConstraint("seller_id", "ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64), index=True)
    ref: Mapped[str] = mapped_column(String(64))  # tracking number, FBA shipment id, bill of lading or container
    kind: Mapped[str] = mapped_column(String(12))  # parcel | fba | sea | air
    provider: Mapped[str] = mapped_column(String(16))  # track17 | sp_api | forwarder
    label: Mapped[str] = mapped_column(String(200), default="")
    carrier: Mapped[str | None] = mapped_column(String(80))
    carrier_code: Mapped[int | None] = mapped_column(Integer)
    order_id: Mapped[str | None] = mapped_column(String(32), index=True)
    fba_shipment_id: Mapped[str | None] = mapped_column(String(32), index=True)
    container: Mapped[str | None] = mapped_column(String(32))
    origin: Mapped[str | None] = mapped_column(String(120))
    destination: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(20), default="info_received", index=True)
    provider_status: Mapped[str] = mapped_column(String(120), default="")
    customs_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    etd: Mapped[date | None] = mapped_column(Date)
    planned_eta: Mapped[date | None] = mapped_column(Date)
    eta: Mapped[date | None] = mapped_column(Date)
    last_event_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    registered: Mapped[bool] = mapped_column(Boolean, default=False)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc, onupdate=clock.now_utc)

    events: Mapped[list[ShipmentEvent]] = relationship(
        back_populates="shipment", order_by="ShipmentEvent.at", cascade="all, delete-orphan")
    eta_changes: Mapped[list[EtaChange]] = relationship(
        back_populates="shipment", order_by="EtaChange.id", cascade="all, delete-orphan")


class ShipmentEvent(Base):
    """One scan or milestone, normalised, with the provider's own status and words; ``key`` dedupes."""

    __tablename__ = "shipment_events"
    __table_args__ = (UniqueConstraint("shipment_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20))
    provider_status: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(16))

    shipment: Mapped[Shipment] = relationship(back_populates="events")


class EtaChange(Base):
    """The ETA moved: from what, to what, told by which source, when."""

    __tablename__ = "shipment_eta_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id", ondelete="CASCADE"), index=True)
    old_eta: Mapped[date | None] = mapped_column(Date)
    new_eta: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)

    shipment: Mapped[Shipment] = relationship(back_populates="eta_changes")


class ShipmentAlert(Base):
    """An alert, raised once under its key; where it was delivered is kept per channel."""

    __tablename__ = "shipment_alerts"
    __table_args__ = (UniqueConstraint("seller_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seller_id: Mapped[str] = mapped_column(String(64), index=True)
    key: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(24), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id", ondelete="SET NULL"), index=True)
    ref: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    claim_id: Mapped[int | None] = mapped_column(Integer)
    raised_on: Mapped[date] = mapped_column(Date)
    deliveries: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)


class WebhookReceipt(Base):
    """A provider push already applied (by event hash), so that a repeat changes nothing."""

    __tablename__ = "tracking_webhook_receipts"
    __table_args__ = (UniqueConstraint("provider", "event_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))
    event_key: Mapped[str] = mapped_column(String(64))
    seller_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=clock.now_utc)
