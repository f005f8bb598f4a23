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


def test_the_head_read_from_the_revision_files_is_alembics():
    from claimpilot.db.migrate import packaged_head

    assert (packaged_head(),) == current_heads()


def test_a_store_behind_the_head_is_still_upgraded(db_settings):
    from sqlalchemy import text

    from claimpilot.db import ensure_schema
    from claimpilot.db.migrate import _MIGRATED

    upgrade(db_settings, "0011_amazon_consents")
    _MIGRATED.discard(db_settings.operational_url)
    ensure_schema(db_settings)
    with engine_for(db_settings).connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == current_heads()[0]
    assert "claims_versions" in inspect(engine_for(db_settings)).get_table_names()


def test_a_reader_is_not_held_up_by_a_writer(db_settings):
    from sqlalchemy import text

    from claimpilot.db import session_factory
    from claimpilot.tools.cases.service import CaseService

    svc = CaseService(db_settings)
    with session_factory(db_settings).begin() as writer:
        writer.execute(text("UPDATE claims SET status = status WHERE 1 = 0"))
        assert svc.list_claims() == [] and svc.summary()["total"]["open"] == "0.00"


def test_the_migrations_match_the_case_models(db_settings):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from claimpilot.db import Base
    from claimpilot.db.registry import load_models

    load_models()
    upgrade(db_settings)
    ours = {"claims", "cases", "claim_events", "reimbursement_matches", "denials", "appeals"}
    with engine_for(db_settings).connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)

    def table_of(d) -> str | None:
        item = d[0] if isinstance(d, list) else d
        for part in item[1:]:
            name = getattr(part, "name", None) if not isinstance(part, str) else part
            table = getattr(part, "table", None)
            if table is not None and getattr(table, "name", None):
                return table.name
            if isinstance(name, str) and name in ours:
                return name
        return None

    assert [d for d in diff if table_of(d) in ours] == []


def test_the_sqlite_snapshot_is_taken_at_the_head():
    from claimpilot.db.snapshot import snapshot

    assert snapshot()[0] == current_heads()[0], "a revision was added: run `python -m claimpilot.db snapshot`"


def _schema(url: str) -> tuple[set, dict, list]:
    """Tables, indexes and triggers with the lines of their SQL as a set (Alembic's batch migrations write a
    table's constraints in no fixed order), each table's columns in order, and the revision."""
    import sqlite3

    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        rows = list(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        objects = {(t, n, tbl, frozenset(line.strip().rstrip(",").strip() for line in (sql or "").splitlines()))
                   for t, n, tbl, sql in rows}
        columns = {n: list(conn.execute(f'PRAGMA table_info("{n}")')) for t, n, _, _ in rows if t == "table"}
        return objects, columns, conn.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        conn.close()


def test_a_new_sqlite_store_is_made_as_the_migrations_make_it(tmp_path):
    from claimpilot.db.engine import make_engine
    from claimpilot.db.migrate import packaged_head
    from claimpilot.db.snapshot import create_from_snapshot

    migrated, made = (f"sqlite:///{tmp_path / name}" for name in ("migrated.sqlite", "made.sqlite"))
    upgrade(migrated)
    engine = make_engine(made)
    try:
        assert create_from_snapshot(engine, packaged_head())
        assert not create_from_snapshot(engine, packaged_head()), "a store with tables is left to the migrations"
    finally:
        engine.dispose()
    assert _schema(made) == _schema(migrated)

