"""The operational store: migrations from nothing to head, re-run safely, one chain."""

from __future__ import annotations

from sqlalchemy import inspect

from claimpilot.db import upgrade
from claimpilot.db.engine import engine_for
from claimpilot.db.migrate import current_heads


def test_migrations_create_the_tables_and_rerun_harmlessly(db_settings):
    upgrade(db_settings)
    upgrade(db_settings)
    insp = inspect(engine_for(db_settings))
    tables = set(insp.get_table_names())
    assert {"claims", "cases", "claim_events", "reimbursement_matches", "denials", "appeals",
            "alembic_version"} <= tables
    uniques = [u["column_names"] for u in insp.get_unique_constraints("claims")]
    assert ["seller_id", "marketplace", "key"] in uniques


def test_one_linear_chain_of_revisions():
    assert len(current_heads()) == 1
