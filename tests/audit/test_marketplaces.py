"""The demo seller moved to each marketplace claimpilot accepts: the same losses are found, in that
marketplace's currency, dated by its own windows, and packed in its packet language with time claims that
are true there."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

import pytest

from claimpilot.sandbox.demo_seller import generate
from claimpilot.tools.audit import run_audit
from claimpilot.tools.cases.models import Claim
from claimpilot.tools.cases.packets import render_packet
from claimpilot.tools.reports.store import ReportStore

AS_OF = date(2026, 11, 27)
# marketplace -> (currency, packet language, days after the refund a customer-return claim opens and closes,
# inbound window: (opens, closes) days after the last receipt, or months after the first receipt)
MARKETS = {
    "US": ("USD", "en", (60, 120), ("days", 15, 60)), "CA": ("CAD", "en", (60, 120), ("days", 15, 60)),
    "MX": ("MXN", "es", (60, 120), ("days", 15, 60)), "BR": ("BRL", "en", (60, 120), ("days", 15, 60)),
    "AU": ("AUD", "en", (60, 120), ("days", 15, 60)), "JP": ("JPY", "ja", (45, 105), ("days", 15, 60)),
    "UK": ("GBP", "en", (45, 105), ("months", 0, 6)), "DE": ("EUR", "de", (45, 105), ("months", 0, 6)),
    "FR": ("EUR", "fr", (45, 105), ("months", 0, 6)), "IT": ("EUR", "it", (45, 105), ("months", 0, 6)),
    "ES": ("EUR", "es", (45, 105), ("months", 0, 6)), "NL": ("EUR", "nl", (45, 105), ("months", 0, 6)),
    "SE": ("SEK", "sv", (45, 105), ("months", 0, 6)), "PL": ("PLN", "pl", (45, 105), ("months", 0, 6)),
    "BE": ("EUR", "fr", (45, 105), ("months", 0, 6)), "IE": ("EUR", "en", (45, 105), ("months", 0, 6)),
}
GREETING = {"en": "Hello", "de": "Guten Tag", "fr": "Bonjour", "it": "Buongiorno", "es": "Hola",
            "ja": "お世話になっております", "nl": "Goedendag", "pl": "Dzień dobry", "sv": "Hej"}


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    seller = generate(seed=3, as_of=AS_OF, skus=80)
    folder = tmp_path_factory.mktemp("demo") / "reports"
    seller.write(folder)
    return seller, folder


def audited(demo, tmp_path: Path, market: str):
    """The demo seller's reports with the marketplace's currency, imported and audited under its policy."""
    seller, folder = demo
    moved = tmp_path / "reports"
    moved.mkdir()
    for f in folder.iterdir():
        (moved / f.name).write_bytes(f.read_bytes().replace(b"USD", MARKETS[market][0].encode()))
    store = ReportStore(tmp_path / "w.duckdb", tmp_path / "evidence")
    store.import_path(moved)
    with store.connect() as con:
        return run_audit(con, seller.truth.as_of, market)


@pytest.fixture(scope="module")
def us(demo, tmp_path_factory):
    return audited(demo, tmp_path_factory.mktemp("us"), "US")


def claim(f, i: int) -> Claim:
    return Claim(id=i, seller_id="s", marketplace=f.marketplace, key=f.key, type=f.type, status=f.status,
                 reference_id=f.reference_id, fnsku=f.fnsku, sku=f.sku, quantity=f.quantity, unit_value=f.unit_value,
                 amount=f.amount, currency=f.currency, unit_value_estimated=f.unit_value_estimated,
                 event_date=f.event_date, window_opens=f.window_opens, window_closes=f.window_closes,
                 evidence=[{"report": e.report, "file": e.file, "row": e.row} for e in f.evidence], detail={})


@pytest.mark.parametrize("market", sorted(MARKETS))
def test_the_demo_seller_audited_in_each_marketplace(demo, us, tmp_path, market):
    currency, _, (cr_opens, cr_closes), (unit, in_opens, in_closes) = MARKETS[market]
    result = audited(demo, tmp_path, market) if market != "US" else us
    found = {(f.type, f.reference_id) for f in result.findings}
    for kind in ("warehouse_lost", "warehouse_damaged", "customer_return_missing", "inbound_shortage"):
        assert {k for k in found if k[0] == kind} == {(f.type, f.reference_id) for f in us.findings
                                                       if f.type == kind}, kind  # the same losses, found anywhere
        assert any(t == kind for t, _ in found)
    for f in result.findings:
        assert f.currency == currency
        assert f.status == ("pending" if AS_OF < f.window_opens else "claimable" if AS_OF <= f.window_closes
                            else "expired")
        if f.type in ("warehouse_lost", "warehouse_damaged"):
            assert (f.window_opens, f.window_closes) == (f.event_date, f.event_date + timedelta(days=60))
        elif f.type == "customer_return_missing":
            assert f.window_opens - f.event_date == timedelta(days=cr_opens)
            assert f.window_closes - f.window_opens <= timedelta(days=cr_closes - cr_opens)
        elif f.type == "inbound_shortage" and unit == "days":
            assert (f.window_opens - f.event_date, f.window_closes - f.event_date) == (
                timedelta(days=in_opens), timedelta(days=in_closes))
        elif f.type == "inbound_shortage":  # six months from the first receipt, which is on or before the last
            assert f.window_opens <= f.event_date and f.window_closes == add_months(f.window_opens, in_closes)
    fees = [f for f in result.findings if f.type == "fee_overcharge"]
    assert bool(fees) == (market == "US")  # size tiers and fee tables are modelled for the US only


@pytest.mark.parametrize("market", ["US", "DE", "JP", "CA", "SE"])
def test_packets_of_the_moved_demo_are_in_the_marketplace_language_and_currency(demo, us, tmp_path, market):
    currency, language, (cr_opens, _), _ = MARKETS[market]
    result = audited(demo, tmp_path, market) if market != "US" else us
    claimable = [f for f in result.findings if f.status == "claimable"]
    for kind in sorted({f.type for f in claimable}):
        claims = [claim(f, i) for i, f in enumerate(claimable) if f.type == kind][:3]
        packet = render_packet(claims)
        assert packet.language == language and GREETING[language] in packet.text
        assert packet.compliance.ok, (kind, packet.compliance.issues)
        assert all(f"{c.amount:.2f} {currency}" in packet.text for c in claims)
        if kind == "customer_return_missing":
            assert f"{cr_opens} " in packet.text.split("\n\n")[2]
            assert f"{cr_opens} 天" in packet.explanation_zh


def test_an_eu_inbound_claim_made_after_sixty_days_is_still_claimable(demo, tmp_path):
    """The EU window is six months from verified delivery: a shortage 90 days after its last receipt is
    expired under the US reading and claimable in Germany."""
    seller, _ = demo
    later = seller.truth.as_of + timedelta(days=90)

    def inbound(market, folder):
        store = ReportStore(folder / "w.duckdb", folder / "evidence")
        store.import_path(demo[1])
        with store.connect() as con:
            return {f.reference_id: f.status for f in run_audit(con, later, market).findings
                    if f.type == "inbound_shortage"}

    (tmp_path / "us").mkdir()
    (tmp_path / "de").mkdir()
    us_status, de_status = inbound("US", tmp_path / "us"), inbound("DE", tmp_path / "de")
    assert us_status.keys() == de_status.keys() and us_status
    assert any(us_status[k] == "expired" and de_status[k] == "claimable" for k in us_status)
