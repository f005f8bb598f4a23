"""The modules whose models live in the operational store.

Importing them registers their tables on ``Base.metadata``; Alembic's
autogenerate compares that metadata with the database.
"""

from __future__ import annotations

import importlib

MODEL_MODULES: tuple[str, ...] = (
    "claimpilot.tools.cases.models",
    "claimpilot.accounts.models",
    "claimpilot.tools.buyers.models",
    "claimpilot.tools.logistics.models",
    "claimpilot.jobs.models",
    "claimpilot.db.versions",
)


def load_models() -> None:
    """Import every registered model module."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
