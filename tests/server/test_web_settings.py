"""Settings from the page, in headless Chromium against uvicorn serving the real app: an admin schedules the
daily scan, sets a webhook alert channel and sends a test to a local receiver, adds a member, changes their
role and removes them, and changes their own password."""

from __future__ import annotations

import httpx
from server_utils import PASSWORD, LiveServer, add_member

from browser import ARGS, CHROMIUM, log_in, sync_playwright_or_skip
from receivers import Receiver


def test_an_admin_configures_the_seller_account_from_the_page(app):
    sync_playwright = sync_playwright_or_skip()
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    receiver = Receiver().start()
    errors: list[str] = []
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="en-US")
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("dialog", lambda d: d.accept())
            log_in(page, server.url, alice.email, PASSWORD)
            page.click("#nav a[href='#/settings']")
            page.wait_for_selector("body[data-rendered='settings.en']")
            assert "Not connected" in page.inner_text("#settings-amazon")

            scan = page.locator("#settings-schedules tbody tr", has_text="Audit scan")
            scan.locator("select[name=mode]").select_option("daily")
            scan.locator("input[name=at_utc]").fill("07:15")
            scan.locator("button").click()
            page.wait_for_selector("#settings-schedules tbody tr:has-text('Daily at 07:15 UTC')")
            job = httpx.get(f"{server.url}/api/sellers/acme/jobs", headers=alice.headers).json()[0]
            assert (job["kind"], job["at_utc"], job["enabled"]) == ("scan", "07:15", True)

            page.fill("#alerts-form input[name=webhook_url]", f"{receiver.url}/hook")
            page.click("#alerts-form button[type=submit]")
            page.wait_for_selector("#settings-alerts p:has-text('On: Webhook')")
            assert receiver.url not in page.content()  # the stored URL is not shown back
            page.click("#alerts-test")
            page.wait_for_selector("#settings-alerts-outcome li:has-text('Webhook: sent')")
            assert [r.path for r in receiver.received] == ["/hook"]

            page.fill("#member-form input[name=email]", "bob@acme.test")
            page.select_option("#member-form select[name=role]", "operator")
            page.fill("#member-form input[name=first_password]", "bob-first-pass")
            page.click("#member-form button[type=submit]")
            bob = page.locator("#settings-members tbody tr", has_text="bob@acme.test")
            bob.wait_for()
            bob.locator("select").select_option("approver")
            page.wait_for_selector("#toast:has-text('Saved')")
            roles = {m["email"]: m["role"] for m in
                     httpx.get(f"{server.url}/api/sellers/acme/members", headers=alice.headers).json()}
            assert roles == {"alice@acme.test": "admin", "bob@acme.test": "approver"}
            page.locator("#settings-members tbody tr", has_text="bob@acme.test").locator("button").click()
            page.locator("#settings-members tbody tr", has_text="bob@acme.test").wait_for(state="detached")

            page.fill("#password-form input[name=current]", PASSWORD)
            page.fill("#password-form input[name=new]", "a-new-horse-11")
            page.click("#password-form button[type=submit]")
            page.wait_for_selector("#toast:has-text('Password changed')")
        finally:
            browser.close()
            receiver.stop()
        login = httpx.post(f"{server.url}/api/auth/login", json={"email": alice.email, "password": "a-new-horse-11"})
        assert login.status_code == 200
    assert not errors, errors
