"""Schema migrations, run programmatically (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine

from claimpilot.config import Settings
from claimpilot.db.engine import engine_for, make_engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(settings: Settings | str, revision: str = "head", engine: Engine | None = None) -> None:
    """Bring the operational store of ``settings`` (or a URL) up to ``revision``."""
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
        upgrade(settings)
        _MIGRATED.add(settings.operational_url)


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
