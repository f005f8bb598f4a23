"""The shipments panel of the web page in headless Chromium (skipped, saying why, without chromium or playwright)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "server"))

from server_utils import PASSWORD, LiveServer, add_member  # noqa: E402

from browser import ARGS, CHROMIUM, log_in, sync_playwright_or_skip  # noqa: E402
from claimpilot.server.app import create_app  # noqa: E402
from claimpilot.tools.logistics.service import LogisticsService  # noqa: E402


def test_the_board_lists_shipments_and_alerts(lsettings, track17, tmp_path):
    sync_playwright = sync_playwright_or_skip()
    app = create_app(lsettings)
    alice = add_member(app, "alice@acme.test", "acme", "operator")
    svc = LogisticsService(lsettings.model_copy(update={"seller_id": "acme"}))
    svc.add("1Z999AA10123456784")
    track17.state.scan("1Z999AA10123456784", datetime(2026, 11, 2, tzinfo=UTC),
                       "InTransit_CustomsRequiringInformation", "Held by customs", "JFK")
    legs = tmp_path / "legs.csv"
    legs.write_text("BL,ETA,Milestone,Milestone Date\nMAEU123456789,2026-12-20,Departed,2026-11-20\n", encoding="utf-8")
    svc.import_forwarder(legs)
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(locale="en-US").new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            log_in(page, server.url, alice.email, PASSWORD)
            page.click("a[href='#/shipments']")
            page.wait_for_selector("#shipments-table td:has-text('MAEU123456789')")
            page.click("#shipments-refresh")
            page.wait_for_selector("#shipments-table td:has-text('Customs · customs hold')")
            page.wait_for_selector("#shipments-alerts li:has-text('held by customs')")
            page.check("#shipments-late")
            page.locator("#shipments-table td", has_text="MAEU123456789").wait_for(state="detached")
            assert "1Z999AA10123456784" in page.text_content("#shipments-table")
        finally:
            browser.close()
    assert errors == []
