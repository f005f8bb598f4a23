"""The operational store: claims and cases, accounts, buyer messages, shipments, job runs.

SQLite file by default (``Settings.operational_url``), PostgreSQL by URL
(``CLAIMPILOT_DATABASE_URL=postgresql+psycopg://user@host:5432/db``).

- ``Base``: the declarative base every operational model derives from.
- ``make_engine(url)`` / ``session_factory(settings)``: engines and sessions.
- ``upgrade(settings)``: brings the schema to the newest revision (Alembic,
  run programmatically; the environment and revisions ship in this package).
- ``ensure_schema(settings)``: ``upgrade`` once a process per database; every
  process and service that opens the store calls this, never ``upgrade``.

Adding models and tables for a new capability:
1. Define the models in the capability's own ``models.py`` on ``Base``.
2. Add the module's dotted path to ``MODEL_MODULES`` in ``db/registry.py``
   (so that Alembic's autogenerate and ``Base.metadata`` see them).
3. Add a revision file under ``db/migrations/versions/`` whose
   ``down_revision`` is the current head (``python -m claimpilot.db heads``
   prints it). With ``CLAIMPILOT_DATABASE_URL`` pointing at a scratch
   database, ``python -m claimpilot.db revision -m "messages" --autogenerate
   --rev-id 0003_messages`` upgrades it to head and writes the difference;
   review the file (SQLite needs ``batch_alter_table`` for column changes).
   Revisions form one linear chain; ``upgrade(settings)`` applies them, and
   ``ensure_schema`` runs it once a process.
4. ``python -m claimpilot.db snapshot`` writes ``sqlite_head.sql`` again: a new
   SQLite store is made from it at once (until then, by the migrations).
"""

from claimpilot.db.base import Base
from claimpilot.db.engine import make_engine, session_factory
from claimpilot.db.migrate import ensure_schema, upgrade

__all__ = ["Base", "ensure_schema", "make_engine", "session_factory", "upgrade"]
