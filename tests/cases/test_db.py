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


def test_a_reader_is_not_held_up_by_a_writer(db_settings):
    from sqlalchemy import text

    from claimpilot.db import session_factory
    from claimpilot.tools.cases.service import CaseService

    svc = CaseService(db_settings)
    with session_factory(db_settings).begin() as writer:
        writer.execute(text("UPDATE claims SET status = status WHERE 1 = 0"))
        assert svc.list_claims() == [] and svc.summary()["total"]["open"] == "0.00"
