"""Status against the as-of date, policy data validation, and the ``claimpilot audit`` command."""

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimpilot.tools.audit.policy_loader import POLICY_DIR, PolicyError, load_policy


def lost(seller, day=date(2026, 1, 5)):
    seller.product()
    seller.add("ledger", date=day, fnsku="X001", msku="SKU-1", event_type="Adjustments", reference_id="R1",
               quantity=-1, reason="M")


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (date(2026, 1, 4), "pending"),  # the day before the window opens
        (date(2026, 1, 5), "claimable"),  # as_of == window_opens
        (date(2026, 3, 6), "claimable"),  # as_of == window_closes
        (date(2026, 3, 7), "expired"),  # one day after
    ],
)
def test_status_boundaries_are_inclusive(seller, only, as_of, status):
    lost(seller)
    [f] = only(seller.audit(as_of), "warehouse_lost")
    assert f.window_opens == date(2026, 1, 5) and f.window_closes == date(2026, 3, 6)
    assert f.status == status


def test_pending_until_the_inbound_window_opens(seller, only):
    seller.product()
    seller.add("inbound_items", shipment_id="FBA1", shipment_status="CLOSED", seller_sku="SKU-1", fnsku="X001",
               quantity_shipped=10, quantity_received=8)
    seller.add("ledger", date=date(2026, 1, 6), fnsku="X001", msku="SKU-1", event_type="Receipts",
               reference_id="FBA1", quantity=8)
    seller.store.import_path(seller.write())
    assert [f.status for f in only(seller.audit(date(2026, 1, 20)), "inbound_shortage")] == ["pending"]
    assert [f.status for f in only(seller.audit(date(2026, 1, 21)), "inbound_shortage")] == ["claimable"]
    assert [f.status for f in only(seller.audit(date(2026, 3, 8)), "inbound_shortage")] == ["expired"]


def test_summary_counts_claimable_expiring_and_lost(seller):
    lost(seller)
    seller.add("ledger", date=date(2025, 10, 1), fnsku="X001", msku="SKU-1", event_type="Adjustments",
               reference_id="R0", quantity=-2, reason="M")
    s = seller.audit(date(2026, 3, 1)).summary
    assert s["claimable"] == {"count": 1, "amount": {"USD": "10.00"}}
    assert s["expiring_7d"] == {"count": 1, "amount": {"USD": "10.00"}}
    assert s["lost_to_expiry"] == {"count": 1, "amount": {"USD": "20.00"}}
    assert s["by_type"]["warehouse_lost"]["expired"]["quantity"] == 2


def test_empty_store_audits_to_nothing(seller):
    result = seller.audit(date(2026, 1, 1))
    assert result.findings == [] and result.summary["claimable"]["count"] == 0


def test_every_shipped_policy_file_loads():
    for mp, currency in (("US", "USD"), ("CA", "CAD"), ("MX", "MXN"), ("BR", "BRL"), ("UK", "GBP"), ("DE", "EUR"),
                         ("FR", "EUR"), ("IT", "EUR"), ("ES", "EUR"), ("NL", "EUR"), ("SE", "SEK"), ("PL", "PLN"),
                         ("BE", "EUR"), ("IE", "EUR"), ("JP", "JPY"), ("AU", "AUD")):
        assert load_policy(mp).currency == currency
    us = load_policy("US").sections["windows"]
    inbound = [w for w in us if w["type"] == "inbound_shortage"]
    assert len(inbound) == 3 and [w["closes_days"] for w in inbound if w["default"]] == [60]
    assert load_policy("GB").marketplace == "UK"


def _broken(tmp_path: Path, old: str, new: str, name: str = "us.yaml") -> Path:
    for path in POLICY_DIR.glob("_*.yaml"):  # the shared files the marketplace file extends
        (tmp_path / path.name).write_text(path.read_text())
    text = (POLICY_DIR / name).read_text()
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("opens_days: 0, closes_days: 60", "opens_days: 0, closes_days: sixty", "us.yaml: windows[0].closes_days"),
        ("{name: valuation_date, value: 2025-03-10, effective: 2025-03-10",
         "{name: valuation_date, value: 2025-03-10, effective: soon", "us.yaml: params[0].effective"),
        ("{type: warehouse_lost, anchor", "{type: warehouse_lots, anchor", "us.yaml: windows[0].type"),
        ("anchor: reported_lost_or_damaged, opens_days: 0", "anchor: last_receipt, opens_days: 0",
         "us.yaml: windows[0].anchor"),
        ("  - {tier: small_standard, rank: 1", "  - {tier: small_standard, rnk: 1", "us.yaml: size_tiers[0]"),
        ("source: us-ann-claim-windows-2024, certainty: stated}", "source: \"\", certainty: stated}",
         "us.yaml: windows[0].source"),
        ("source: us-ann-claim-windows-2024, certainty: stated}", "source: a-page-nobody-wrote, certainty: stated}",
         "a-page-nobody-wrote"),
        ("source: us-ann-claim-windows-2024, certainty: stated}", "source: us-ann-claim-windows-2024, certainty: sure}",
         "us.yaml: windows[0].certainty"),
        ("source: us-ann-claim-windows-2024, certainty: stated}",
         "source: us-report-valuation-postponed, certainty: stated}", "us.yaml: windows[0].certainty"),
        ("certainty: inferred,\n     why: \"no US page", "certainty: inferred,\n     whyy: \"no US page",
         "us.yaml: windows[3]"),
    ],
)
def test_policy_errors_name_the_file_and_the_key(tmp_path, old, new, message):
    with pytest.raises(PolicyError) as err:
        load_policy("US", _broken(tmp_path, old, new))
    assert str(tmp_path) in str(err.value) and message in str(err.value)


def test_an_error_in_a_shared_file_names_that_file(tmp_path):
    path = _broken(tmp_path, "[US]", "[US]")
    shared = tmp_path / "_shared.yaml"
    shared.write_text(shared.read_text().replace("codes: [M, \"5\"]", "codes: []", 1))
    with pytest.raises(PolicyError, match=r"_shared\.yaml: reasons\[0\]\.codes"):
        load_policy("US", path)


def test_unknown_marketplace_is_refused_by_name_with_the_accepted_ones():
    with pytest.raises(PolicyError) as err:
        load_policy("XX")
    assert "'XX'" in str(err.value)
    for mp in ("US", "CA", "MX", "BR", "UK", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE", "JP", "AU"):
        assert mp in str(err.value)


def test_cli_refuses_an_unknown_marketplace_with_a_message(tmp_path, monkeypatch):
    from claimpilot.cli import app

    monkeypatch.setenv("CLAIMPILOT_HOME", str(tmp_path / "home"))
    out = CliRunner().invoke(app, ["audit", "--as-of", "2026-01-20", "--marketplace", "XX"])
    assert out.exit_code == 1 and "XX" in out.output and "JP" in out.output and "Traceback" not in out.output


def test_cli_imports_a_folder_and_prints_one_json_object(seller, tmp_path, monkeypatch):
    from claimpilot.cli import app

    lost(seller)
    folder = seller.write()
    monkeypatch.setenv("CLAIMPILOT_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    out = runner.invoke(app, ["audit", "--reports", str(folder), "--as-of", "2026-01-20", "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert payload["as_of"] == "2026-01-20"
    [f] = payload["findings"]
    assert (f["type"], f["status"], f["reference_id"], f["quantity"], f["amount"]) == (
        "warehouse_lost", "claimable", "R1", 1, "10.00")
    assert f["evidence"][0]["report"] == "ledger"
    again = runner.invoke(app, ["audit", "--as-of", "2026-03-07"])  # the stored data, as a table
    assert again.exit_code == 0 and "warehouse_lost" in again.stdout and "Lost to expired windows: 1" in again.stdout
    bad = runner.invoke(app, ["audit", "--as-of", "2026-13-01"])
    assert bad.exit_code != 0
