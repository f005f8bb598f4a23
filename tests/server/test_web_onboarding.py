"""The first-run checklist on the dashboard, in headless Chromium against uvicorn serving the real app: a new
seller account sees every step to do; after uploading reports and the first audit those steps are done and
the missing report kinds are named; once an alert channel is set the checklist goes away."""

from __future__ import annotations

from datetime import date

import httpx
from server_utils import PASSWORD, LiveServer, add_member

from browser import ARGS, CHROMIUM, log_in, sync_playwright_or_skip
from claimpilot.vocabulary import ReportKind, label
from receivers import Receiver


def steps(page) -> dict[str, str]:
    page.wait_for_selector("body[data-rendered='dashboard.en']")
    return {li.get_attribute("data-step"): li.get_attribute("class")
            for li in page.locator("#checklist li").all()}


def test_a_new_seller_is_walked_through_the_first_steps(app, tmp_path):
    sync_playwright = sync_playwright_or_skip()
    from claimpilot.sandbox.demo_seller import generate

    files = [p for p in generate(seed=5, as_of=date.today(), skus=80).write(tmp_path / "reports")
             if p.name != "products.csv"]  # the costs and sizes sheet not yet uploaded
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    receiver = Receiver().start()
    with LiveServer(app) as server, sync_playwright() as pw:
        base = f"{server.url}/api/sellers/acme"
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(locale="en-US")
            log_in(page, server.url, alice.email, PASSWORD)
            assert steps(page) == {"reports": "todo", "amazon": "todo", "audit": "todo", "alerts": "todo"}
            assert page.get_attribute("#checklist li[data-step=reports] a", "href") == "#/upload"

            upload = [("files", (p.name, p.read_bytes())) for p in files]
            assert httpx.post(f"{base}/reports", files=upload, headers=alice.headers, timeout=120).status_code == 200
            assert httpx.post(f"{base}/audit", json={}, headers=alice.headers, timeout=120).status_code == 200
            page.reload()
            assert steps(page) == {"reports": "done", "amazon": "done", "audit": "done", "alerts": "todo"}
            kinds = {r["kind"] for r in httpx.get(f"{base}/reports", headers=alice.headers).json()}
            assert "products" not in kinds
            note = page.inner_text("#checklist li[data-step=reports] .note")
            assert label(ReportKind.PRODUCTS, "en") in note and label(ReportKind.LEDGER, "en") not in note

            httpx.put(f"{base}/settings/alerts", json={"webhook_url": f"{receiver.url}/hook"}, headers=alice.headers)
            page.reload()
            page.wait_for_selector("body[data-rendered='dashboard.en']")
            assert page.locator("#checklist").is_hidden()
        finally:
            browser.close()
            receiver.stop()
