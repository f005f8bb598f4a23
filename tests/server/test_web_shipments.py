"""Shipments on the page, in headless Chromium against uvicorn serving the real app: an operator adds a
tracking number, the shipment opens on its own view; once scans arrive (applied through the logistics
service as a provider's update is) the view shows them on a timeline with the ETA change, in Chinese."""

from __future__ import annotations

from datetime import UTC, date, datetime

from server_utils import PASSWORD, LiveServer, add_member

from browser import ARGS, CHROMIUM, sync_playwright_or_skip
from claimpilot.tools.logistics.status import Mapped
from claimpilot.tools.logistics.update import ScanIn, TrackingUpdate
from claimpilot.vocabulary import ShipmentState, label


def test_a_seller_adds_a_tracking_number_and_reads_its_timeline(app, server_settings):
    sync_playwright = sync_playwright_or_skip()
    from claimpilot.tools.logistics.service import LogisticsService

    alice = add_member(app, "alice@acme.test", "acme", "admin")
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(locale="zh-CN")
            page.goto(server.url)
            page.wait_for_selector("body[data-rendered='login.zh']")
            page.fill("input[name=email]", alice.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("#login-form button")
            page.wait_for_selector("body[data-rendered='dashboard.zh']")
            page.click("#nav a[href='#/shipments']")
            page.wait_for_selector("body[data-rendered='shipments.zh']")
            page.fill("#shipment-add input[name=ref]", "yt2412345678901")
            page.select_option("#shipment-add select[name=kind]", "parcel")
            page.click("#shipment-add button[type=submit]")
            page.wait_for_function("() => location.hash === '#/shipments/YT2412345678901'")
            page.wait_for_selector("body[data-rendered='shipments.zh']")
            assert "YT2412345678901" in page.inner_text("#shipment-detail h2")
            assert "还没有物流扫描记录" in page.inner_text("#shipment-detail")

            settings = server_settings.model_copy(update={"seller_id": "acme"})
            scans = [ScanIn(datetime(2026, 11, 20, 8, tzinfo=UTC), Mapped(ShipmentState.IN_TRANSIT, False,
                                                                                    "InTransit"), "Departed", "Shenzhen"),
                     ScanIn(datetime(2026, 11, 22, 9, tzinfo=UTC), Mapped(ShipmentState.CUSTOMS, False,
                                                                                   "Customs"), "Customs", "Los Angeles")]
            LogisticsService(settings).apply([TrackingUpdate("YT2412345678901", "track17", scans[-1].mapped,
                                                             eta=date(2026, 12, 1), scans=scans)])
            page.reload()
            page.wait_for_selector("#shipment-detail .timeline li")
            steps = page.locator("#shipment-detail .timeline li").all_inner_texts()
            assert len(steps) == 2 and label(ShipmentState.CUSTOMS, "zh") in steps[0] and "Shenzhen" in steps[1]
            assert "2026年12月1日" in page.inner_text("#shipment-detail")
        finally:
            browser.close()
