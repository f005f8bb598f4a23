"""Home nodes on one machine: each seller is given the node with the fewest sellers, its tasks go to its
node's queue, and ``claimpilot sellers move`` copies its folder from one home to the other (checked),
switches its node, and refuses while a job of the seller runs."""

from __future__ import annotations

import duckdb
import pytest
from typer.testing import CliRunner

from claimpilot.accounts import sellers as service
from claimpilot.accounts.models import SellerAccount
from claimpilot.accounts.nodes import NodeError, queue_for, register_node
from claimpilot.cli import app
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.db.seller_lock import seller_lock
from claimpilot.jobs.move import MoveRefused, move_seller
from claimpilot.jobs.runner import ensure_schema, run_job


@pytest.fixture
def homes(settings, tmp_path):
    """The installation (SQLite in its home) and two node homes, a and b, registered."""
    ensure_schema(settings)
    a, b = tmp_path / "home-a", tmp_path / "home-b"
    with session_factory(settings).begin() as db:
        register_node(db, "a", str(a))
        register_node(db, "b", str(b))
    return a, b


def node_of(settings: Settings, seller_id: str) -> str:
    with session_factory(settings)() as db:
        return db.get(SellerAccount, seller_id).node


def make_warehouse(home, seller_id: str, rows: int) -> None:
    folder = home / "sellers" / seller_id
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / "report.tsv").write_text("sku\tqty\n")
    con = duckdb.connect(str(folder / "warehouse.duckdb"))
    con.execute("CREATE TABLE inventory AS SELECT range AS n FROM range(?)", [rows])
    con.close()


def test_new_sellers_are_spread_over_the_nodes_by_count(settings, homes):
    with session_factory(settings).begin() as db:
        for seller_id in ("s1", "s2", "s3", "s4", "s5"):
            service.add_seller(db, seller_id)
    nodes = [node_of(settings, s) for s in ("s1", "s2", "s3", "s4", "s5")]
    assert nodes == ["a", "b", "a", "b", "a"]
    listed = CliRunner().invoke(app, ["sellers", "nodes"])
    assert listed.exit_code == 0, listed.output
    assert "a\t3 sellers" in listed.output and "b\t2 sellers" in listed.output


def test_no_node_registered_keeps_the_shared_queue(settings):
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "solo")
    assert node_of(settings, "solo") == ""
    assert queue_for("claimpilot", "") == "claimpilot"
    assert queue_for("claimpilot", "a") == "claimpilot.node.a"


def test_a_node_name_must_be_plain(settings):
    ensure_schema(settings)
    with session_factory(settings).begin() as db, pytest.raises(NodeError, match="invalid node name"):
        register_node(db, "A b/c", "/tmp")


def test_move_copies_the_folder_checks_it_and_switches_the_node(settings, homes):
    a, b = homes
    with session_factory(settings).begin() as db:
        service.add_seller(db, "s1")
    assert node_of(settings, "s1") == "a"
    make_warehouse(a, "s1", 1234)

    result = CliRunner().invoke(app, ["sellers", "move", "s1", "b"])
    assert result.exit_code == 0, result.output
    assert "moved s1 from node a to node b" in result.output and "1234 rows" in result.output
    assert node_of(settings, "s1") == "b"
    con = duckdb.connect(str(b / "sellers" / "s1" / "warehouse.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM inventory").fetchone() == (1234,)
    con.close()
    assert (b / "sellers" / "s1" / "evidence" / "report.tsv").exists()
    assert not (a / "sellers" / "s1").exists()  # set aside, never read again
    assert [p.name.split(".moved-")[0] for p in (a / "sellers").iterdir()] == ["s1"]

    again = CliRunner().invoke(app, ["sellers", "move", "s1", "b"])
    assert again.exit_code == 1 and "lives on node b already" in again.output
    unknown = CliRunner().invoke(app, ["sellers", "move", "s1", "zz"])
    assert unknown.exit_code == 1 and "no such node: zz" in unknown.output


def test_a_move_is_refused_while_a_job_of_the_seller_runs(settings, homes):
    a, b = homes
    with session_factory(settings).begin() as db:
        service.add_seller(db, "s1")
    make_warehouse(a, "s1", 10)
    with seller_lock(settings, "s1") as lock:  # a job of the seller holds its run lock
        assert lock is not None
        with pytest.raises(MoveRefused, match="a job of seller s1 is running"):
            move_seller(settings, "s1", "b", wait_s=0.6)
    assert node_of(settings, "s1") == "a"
    assert (a / "sellers" / "s1" / "warehouse.duckdb").exists() and not (b / "sellers" / "s1").exists()


def test_a_move_into_an_occupied_folder_changes_nothing(settings, homes):
    a, b = homes
    with session_factory(settings).begin() as db:
        service.add_seller(db, "s1")
    make_warehouse(a, "s1", 10)
    make_warehouse(b, "s1", 99)
    with pytest.raises(MoveRefused, match="exists already"):
        move_seller(settings, "s1", "b")
    assert node_of(settings, "s1") == "a" and (a / "sellers" / "s1" / "warehouse.duckdb").exists()


def test_a_task_on_the_old_node_is_sent_on_not_run(settings, homes):
    with session_factory(settings).begin() as db:
        service.add_seller(db, "s1", kinds=["scan"])
    on_b = settings.model_copy(update={"scheduler": settings.scheduler.model_copy(update={"node": "b"})})
    outcome = run_job(on_b, "s1", "scan", "2026-12-05")  # s1 lives on a
    assert outcome.status == "moved" and outcome.result == {"node": "a"}


@pytest.mark.postgres
def test_a_store_on_another_node_is_refused_not_created_empty(isolated_home, tmp_path, pg_url):
    from claimpilot.accounts.nodes import StoreElsewhere
    from claimpilot.tools.cases.service import CaseService
    from claimpilot.tools.reports.store import ReportStore

    web = Settings(home=isolated_home, _env_file=None, database_url=pg_url)  # the web server: no node, no stores
    ensure_schema(web)
    with session_factory(web).begin() as db:
        register_node(db, "a", str(tmp_path / "home-a"))
        service.add_seller(db, "s1")
        service.add_seller(db, "plain")
        db.get(SellerAccount, "plain").node = ""  # a seller of the shared home
    with pytest.raises(StoreElsewhere, match="seller s1 lives on node a"):
        ReportStore.for_seller(web, "s1")
    with pytest.raises(StoreElsewhere, match="node a"):
        CaseService(web, "s1").store_connection()
    assert not web.warehouse_path("s1").exists()
    assert CaseService(web, "plain").store_connection() is None  # no store yet, and none elsewhere

    on_a = Settings(home=tmp_path / "home-a", _env_file=None, database_url=pg_url, scheduler={"node": "a"})
    assert ReportStore.for_seller(on_a, "s1").warehouse_path == on_a.warehouse_path("s1")  # its home opens it
