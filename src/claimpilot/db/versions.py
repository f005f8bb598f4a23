"""Data versions: counters the database moves on every change (triggers of migration 0010), read to tell
whether something read before still holds.

A seller's row moves with any insert, update or delete of its claims or cases; the ``#accounts`` row with
any of people, seller accounts, memberships, API keys and web sessions. Whichever process or statement makes
the change, the counter moves in the same transaction.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import BigInteger, Engine, String, bindparam, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.elements import BindParameter

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


@lru_cache(maxsize=16)
def _read_statement(dialect: Dialect, count: int) -> tuple[str, tuple[str, ...] | None]:
    """The SQL that reads ``count`` counters, as the driver takes it, and its parameters' order (None: by name)."""
    names: list[BindParameter[str]] = [bindparam(f"n{i}") for i in range(count)]
    compiled = select(DataVersion.seller_id, DataVersion.version).where(
        DataVersion.seller_id.in_(names)).compile(dialect=dialect)
    order = compiled.positiontup if compiled.positional else None
    return compiled.string, tuple(order) if order is not None else None


def read_versions(engine: Engine, *names: str) -> dict[str, int]:
    """``versions`` in one statement on a pooled driver connection, without a session: for a request that
    only asks whether what it kept still holds (``engine``: ``engine.counters_engine_for``). One statement
    reads one committed state of every counter. A pooled connection found dead is dropped with the rest of the
    pool and the read made once more on a fresh one."""
    sql, order = _read_statement(engine.dialect, len(names))
    given = {f"n{i}": name for i, name in enumerate(names)}
    params = tuple(given[k] for k in order) if order is not None else given
    for attempt in (1, 2):
        conn = engine.raw_connection()
        try:
            cursor = conn.cursor()
            try:
                cursor.execute(sql, params)
                found = {str(name): int(version) for name, version in cursor.fetchall()}
            finally:
                cursor.close()
            conn.commit()  # ends the driver's transaction where it began one
        except engine.dialect.loaded_dbapi.Error as exc:
            if attempt == 2 or not engine.dialect.is_disconnect(exc, conn.dbapi_connection, None):
                raise
            conn.invalidate(exc)
            engine.dispose()  # its other pooled connections went the same way (a restart): all are replaced
            continue
        finally:
            conn.close()  # back to the pool
        return {name: found.get(name, 0) for name in names}
    raise AssertionError("unreachable")
