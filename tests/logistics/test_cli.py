"""``claimpilot track``: add, refresh, list, show, alerts and import, configured from the environment."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from typer.testing import CliRunner

from claimpilot.cli import app
from claimpilot.db.engine import dispose_all

NUMBER = "9400111899223344556677"


def test_track_commands(track17, tmp_path, monkeypatch):
    for name, value in {"BASE_URL": track17.url, "API_KEY": track17.state.api_key, "BACKOFF_S": "0.01"}.items():
        monkeypatch.setenv(f"CLAIMPILOT_LOGISTICS__TRACK17__{name}", value)
    monkeypatch.setenv("CLAIMPILOT_LOGISTICS__STALL_DAYS", "3")
    run = CliRunner()
    try:
        added = run.invoke(app, ["track", "add", NUMBER, "--order", "112-0000000-0000001", "--json"])
        assert added.exit_code == 0, added.output
        assert json.loads(added.stdout)["registered"] is True
        track17.state.scan(NUMBER, datetime(2026, 11, 10, 12, tzinfo=UTC), "InTransit_Other",
                           "Arrived at USPS facility", "Chicago, IL")
        refreshed = run.invoke(app, ["track", "refresh", "--today", "2026-11-20", "--json"])
        assert refreshed.exit_code == 0, refreshed.output
        assert json.loads(refreshed.stdout)["new_alerts"]

        listed = run.invoke(app, ["track", "list"])
        assert NUMBER in listed.stdout and "in_transit" in listed.stdout
        shown = run.invoke(app, ["track", "show", NUMBER])
        assert "Arrived at USPS facility" in shown.stdout and "已 10 天没有新的物流扫描" in shown.stdout
        alerts = json.loads(run.invoke(app, ["track", "alerts", "--json"]).stdout)
        assert [a["kind"] for a in alerts] == ["stalled"]

        legs = tmp_path / "legs.csv"
        legs.write_text("MBL,Container,ETA,Event,Event Date\nONEYSZX123456,TGHU1234567,2026-12-01,Departed,2026-11-15\n"
                        "ONEYSZX123456,TGHU1234567,2026-12-01,Arrived,someday\n", encoding="utf-8")
        bad = run.invoke(app, ["track", "import", str(legs)])
        assert bad.exit_code == 1 and "legs.csv: row 3, column 'Event Date'" in bad.output
        legs.write_text("MBL,Container,ETA,Event,Event Date\nONEYSZX123456,TGHU1234567,2026-12-01,Departed,2026-11-15\n",
                        encoding="utf-8")
        good = run.invoke(app, ["track", "import", str(legs)])
        assert good.exit_code == 0 and "ONEYSZX123456 in_transit" in good.stdout
        missing = run.invoke(app, ["track", "show", "NOPE12345"])
        assert missing.exit_code == 1 and "no shipment" in missing.output
    finally:
        dispose_all()
