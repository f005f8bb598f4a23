"""Data versions: counters the database moves on every change (triggers of migration 0010), read to tell
whether something read before still holds.

A seller's row moves with any insert, update or delete of its claims or cases; the ``#accounts`` row with
any of people, seller accounts, memberships, API keys and web sessions. Whichever process or statement makes
the change, the counter moves in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from claimpilot.db.base import Base

ACCOUNTS = "#accounts"


class DataVersion(Base):
    """A counter per seller (its claims and cases) and one for the accounts (``#accounts``)."""

    __tablename__ = "claims_versions"

    seller_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


def versions(db: Session, *names: str) -> dict[str, int]:
    """The counters named (a seller id, ``ACCOUNTS``), 0 for one never moved."""
    rows = db.execute(select(DataVersion.seller_id, DataVersion.version).where(DataVersion.seller_id.in_(names)))
    found = {str(name): int(version) for name, version in rows}
    return {name: found.get(name, 0) for name in names}
