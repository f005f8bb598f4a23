"""The audit against the demo seller's truth: every injected finding, right to the unit, the cent and the status.

The demo seller's files are imported through the real ReportStore and audited at the truth's as-of date.
"""

from datetime import date, timedelta

import pytest

from claimpilot.sandbox.demo_seller import generate
from claimpilot.tools.audit import run_audit
from claimpilot.tools.reports.store import ReportStore

ANCHOR = date(2026, 11, 27)
CASES = [(3, 0), (11, -30), (7, 12)]


@pytest.mark.parametrize(("seed", "shift"), CASES)
def test_audit_matches_the_demo_truth(tmp_path, seed, shift):
    seller = generate(seed=seed, as_of=ANCHOR + timedelta(days=shift), skus=100)
    seller.write(tmp_path / "reports")
    store = ReportStore(tmp_path / "w.duckdb", tmp_path / "evidence")
    store.import_path(tmp_path / "reports")
    truth = seller.truth
    with store.connect() as con:
        result = run_audit(con, truth.as_of)

    mine = {f.key: f for f in result.findings}
    expected = {t.key: t for t in truth.findings}
    for key, t in expected.items():
        assert key in mine, f"missed {t.type} {t.reference_id}: {t.scenario}"
        f = mine[key]
        got = (f.quantity, f.unit_value, f.amount, f.status, f.event_date, f.window_opens, f.window_closes)
        want = (t.quantity, t.unit_value, t.amount, t.status, t.event_date, t.window_opens, t.window_closes)
        assert got == want, f"{t.type} {t.reference_id} ({t.scenario})"
        assert f.unit_value_estimated == t.unit_value_estimated and f.evidence

    extra = [f for k, f in mine.items() if k not in expected and f.status == "claimable"]
    assert extra == [], "claimable findings the truth does not have"
    decoys = {(d.type, d.reference_id) for d in truth.decoys if d.category not in ("window_not_open", "window_closed")}
    claimed = [f for f in result.findings if f.status == "claimable" and (f.type, f.reference_id) in decoys]
    assert claimed == []
    assert len(truth.findings) >= 10
