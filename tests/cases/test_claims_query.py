"""The one claims listing (CaseService.list_claims / claims_page) and ``claimpilot cases list`` over it."""

from __future__ import annotations

import json
from datetime import date

import pytest
import typer
from cases_helpers import make_finding
from typer.testing import CliRunner

from claimpilot.tools.cases.claims_query import ClaimFilter
from claimpilot.tools.cases.cli import register

AS_OF = date(2026, 10, 20)


def _seed(service):
    service.sync([
        make_finding(reference_id="A", fnsku="X00A", event_date=date(2026, 9, 1), window_days=90),
        make_finding(reference_id="B", fnsku="X00B", event_date=date(2026, 9, 10), window_days=30),
        make_finding(reference_id="C", fnsku="X00C", event_date=date(2026, 9, 20), window_days=60),
        make_finding(type="inbound_shortage", reference_id="D", fnsku="X00D", event_date=date(2026, 10, 1)),
        make_finding(reference_id="E", fnsku="X00E", event_date=date(2026, 10, 5), status="pending"),
    ], AS_OF)


def refs(rows) -> list[str]:
    return [r["reference_id"] for r in rows]


def test_filters_order_page_and_total(service):
    _seed(service)
    assert refs(service.list_claims()) == ["B", "C", "A", "D", "E"]  # soonest-closing window first
    assert refs(service.list_claims(since=date(2026, 9, 10), until=date(2026, 10, 1))) == ["B", "C", "D"]
    assert refs(service.list_claims(type="warehouse_lost", status=["claimable"], since=date(2026, 9, 5))) == ["B", "C"]
    assert refs(service.list_claims(fnsku="x00c")) == ["C"]
    assert refs(service.list_claims(limit=2, offset=1)) == ["C", "A"]
    page = service.claims_page(ClaimFilter.of("claimable", until=date(2026, 9, 30)), limit=1, offset=1)
    assert (page.total, refs(page.items)) == (3, ["C"])
    assert service.claims_page(ClaimFilter(since=date(2026, 12, 1))).to_json() == {
        "total": 0, "limit": 50, "offset": 0, "items": []}
    with pytest.raises(ValueError):
        service.list_claims(offset=-1)


def test_another_seller_or_marketplace_is_never_listed(service, db_settings):
    from claimpilot.tools.cases.service import CaseService

    _seed(service)
    other = CaseService(db_settings, seller_id="someone-else")
    other.sync([make_finding(reference_id="Z")], AS_OF)
    assert refs(other.list_claims()) == ["Z"]
    assert service.claims_page().total == 5
    assert CaseService(db_settings, marketplace="DE").claims_page().total == 0


def test_cli_list_takes_the_date_range_and_pages(service, db_url, monkeypatch):
    _seed(service)
    monkeypatch.setenv("CLAIMPILOT_DATABASE_URL", db_url)
    app = typer.Typer()
    register(app)
    r = CliRunner().invoke(app, ["cases", "list", "--since", "2026-09-10", "--until", "2026-10-01", "--limit", "2",
                                 "--offset", "1", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert (out["total"], refs(out["claims"])) == (3, ["C", "D"])
    r = CliRunner().invoke(app, ["cases", "list", "--since", "2026-9-xx"])
    assert r.exit_code != 0 and "not a date" in r.output
    r = CliRunner().invoke(app, ["cases", "list", "--status", "pending"])
    assert r.exit_code == 0 and "1 of 1 claim(s)" in r.output
