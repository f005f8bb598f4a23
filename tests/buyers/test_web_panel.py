"""The buyer messages panel of the web page in headless Chromium (skipped, saying why, without chromium or
playwright)."""

from __future__ import annotations

import httpx

from browser import ARGS, CHROMIUM, log_in, server_utils, sync_playwright_or_skip
from claimpilot.server.app import create_app

HOSTILE = "<img src=x onerror=alert(1)>"


def test_a_buyer_message_is_read_edited_and_approved_in_the_page(mail_settings, order_ids):
    sync_playwright = sync_playwright_or_skip()
    utils = server_utils()
    app = create_app(mail_settings)
    seller = mail_settings.seller_id
    ann = utils.add_member(app, "ann@seller.test", seller, "approver")
    oid = order_ids["Shipped"]
    edited = (f"Hello, thank you for writing. Your order {oid} has shipped and is on its way to you; "
              "it should arrive within three days.")
    with utils.LiveServer(app) as server, sync_playwright() as pw:
        api = httpx.Client(base_url=f"{server.url}/api/sellers/{seller}/buyers", headers={"X-API-Key": ann.token})
        first = api.post("/messages", json={"relay_address": "web1@marketplace.amazon.com",
                                             "body": f"Hello, where is my order {oid}? It has not arrived yet.",
                                             "order_id": oid, "external_id": "web-1"}).json()["id"]
        hostile = api.post("/messages", json={"relay_address": "web2@marketplace.amazon.com",
                                               "body": f"Hi, my order {oid} is late {HOSTILE} please help",
                                               "order_id": oid, "external_id": "web-2"}).json()["id"]
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(locale="en-US").new_page()
        errors: list[str] = []
        dialogs: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            log_in(page, server.url, ann.email, utils.PASSWORD)
            page.click("a[href='#/buyers']")
            page.wait_for_selector(f"#buyers-table td:has-text('{oid}')")
            assert page.locator("#buyers-table tbody tr").count() == 2
            assert "Awaiting approval" in page.text_content("#buyers-table")

            page.goto(f"{server.url}/#/buyers/{hostile}")
            page.wait_for_selector(f"#buyer-message:has-text('{oid} is late')")
            assert HOSTILE in page.text_content("#buyer-message")
            assert page.locator("#view-buyers img").count() == 0

            page.goto(f"{server.url}/#/buyers/{first}")
            page.wait_for_selector("#buyer-message:has-text('where is my order')")
            assert oid in page.input_value("#buyer-draft")
            assert "English · Where is my order" in page.text_content("#buyer-meta")  # names, not codes
            assert "Order status\nShipped" in page.inner_text("#buyer-context")  # the order beside the message
            page.wait_for_selector("#buyer-compliance:has-text('Passes')")
            page.fill("#buyer-draft", edited)
            page.click("#buyer-approve")
            page.wait_for_selector("#toast:has-text('Reply approved')")
            page.wait_for_selector("#buyer-meta:has-text('Approved')")
        finally:
            browser.close()
        shown = api.get(f"/{first}").json()
        still = api.get(f"/{hostile}").json()
        api.close()
    assert shown["status"] == "approved" and shown["reply"]["body"] == edited
    assert shown["reply"]["decided_by"] == ann.email
    assert still["status"] == "queued" and HOSTILE in still["message"]
    assert errors == [] and dialogs == []
