"""Alembic environment for the operational store.

Runs on the connection handed in by ``claimpilot.db.migrate.upgrade`` or, from
the command line, on an engine built from the configured URL.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from claimpilot.db.base import Base
from claimpilot.db.engine import make_engine
from claimpilot.db.registry import load_models

load_models()
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
