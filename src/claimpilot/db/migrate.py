"""Schema migrations, run programmatically (no alembic.ini needed).

Alembic loads only when a store needs upgrading: a store already at the packaged head (read from the
revision files' ``revision`` / ``down_revision`` lines) is left as it is without it, and an empty SQLite
store is made from the schema snapshot taken at that head (``claimpilot.db.snapshot``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from claimpilot.config import Settings
from claimpilot.db.engine import READ_ONLY, engine_for, make_engine
from claimpilot.db.snapshot import create_from_snapshot

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_ASSIGNED = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)\s*$", re.M)


def alembic_config(url: str) -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(settings: Settings | str, revision: str = "head", engine: Engine | None = None) -> None:
    """Bring the operational store of ``settings`` (or a URL) up to ``revision``."""
    from alembic import command

    url = settings if isinstance(settings, str) else settings.operational_url
    if engine is None:
        engine = make_engine(url) if isinstance(settings, str) else engine_for(settings)
    cfg = alembic_config(url)
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # a table a batch migration rebuilds must not cascade-delete the rows that point at it
            _foreign_keys(conn, False)
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() if sqlite else []
                if broken:
                    raise RuntimeError(f"the migration left rows pointing at nothing: {broken[:5]}")
        finally:
            if sqlite:
                _foreign_keys(conn, True)


_MIGRATED: set[str] = set()


def ensure_schema(settings: Settings) -> None:
    """Bring the operational store of ``settings`` to the newest revision, once a process per database."""
    if settings.operational_url not in _MIGRATED:
        engine = engine_for(settings)
        if _at_head(engine) or create_from_snapshot(engine, packaged_head()):
            from claimpilot.db.registry import load_models

            load_models()  # what the migration environment would have registered on Base.metadata
        else:
            upgrade(settings)
        _MIGRATED.add(settings.operational_url)


@cache
def packaged_head() -> str | None:
    """The head revision of the packaged migrations, from the revision files; None unless one linear chain."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(2)) for m in _ASSIGNED.finditer(path.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions[found["revision"]] = found.get("down_revision")
    heads = set(revisions) - {down for down in revisions.values() if down}
    return heads.pop() if len(heads) == 1 else None


def _at_head(engine: Engine) -> bool:
    """Whether the store already stands at the packaged head (False when it has no version table yet)."""
    head = packaged_head()
    if head is None:
        return False
    try:
        with engine.execution_options(**{READ_ONLY: True}).connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:  # no version table yet: the migration creates it
        return False
    return rows == [head]


def _foreign_keys(conn: Connection, on: bool) -> None:
    """SQLite's foreign key enforcement, set outside any transaction (inside one it is ignored)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    finally:
        cursor.close()


def current_heads() -> tuple[str, ...]:
    """The head revision(s) of the packaged migrations."""
    from alembic.script import ScriptDirectory

    return tuple(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())
