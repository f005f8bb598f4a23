"""Invitations from the page, in headless Chromium against uvicorn serving the real app: an admin invites a
person from Settings and copies the link; the invitee opens it in a browser of their own (Chinese, 390 px),
sets a password and lands signed in on the seller's dashboard; the link then works no more."""

from __future__ import annotations

import httpx
from server_utils import PASSWORD, LiveServer, add_member

from browser import ARGS, AXE, CHROMIUM, log_in, serious_violations, sideways_overflow, sync_playwright_or_skip


def test_an_invitee_opens_the_link_sets_a_password_and_sees_the_sellers_page(app):
    sync_playwright = sync_playwright_or_skip()
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    errors: list[str] = []

    def watch(page):
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "422" not in m.text else None)
        return page

    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            admin = watch(browser.new_page(viewport={"width": 1366, "height": 900}, locale="en-US"))
            log_in(admin, server.url, alice.email, PASSWORD)
            admin.click("#nav a[href='#/settings']")
            admin.wait_for_selector("body[data-rendered='settings.en']")
            assert "No pending invitations." in admin.inner_text("#invite-pending")
            admin.fill("#invite-form input[name=email]", "bob@acme.test")
            admin.select_option("#invite-form select[name=role]", "operator")
            admin.click("#invite-form button[type=submit]")
            admin.wait_for_selector("#invite-link")
            link = admin.input_value("#invite-link")
            assert link.startswith(f"{server.url}/#/accept?token=")
            assert "No mail server is set" in admin.inner_text("#invite-made")
            admin.click("#invite-copy")
            admin.wait_for_selector("#toast:not([hidden])")
            admin.set_viewport_size({"width": 390, "height": 844})
            assert sideways_overflow(admin) == 0
            admin.set_viewport_size({"width": 1366, "height": 900})
            pending = admin.locator("#invite-pending tbody tr", has_text="bob@acme.test")
            assert "Operator" in pending.inner_text() or "operator" in pending.inner_text().lower()

            invitee = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
            page = watch(invitee.new_page())
            page.goto(link)
            page.wait_for_selector("body[data-rendered='accept.zh']")
            assert "加入店铺" in page.inner_text("#view-accept") and sideways_overflow(page) == 0
            if AXE.exists():
                assert not serious_violations(page, AXE.read_text("utf-8"))
            page.fill("#accept-form input[name=name]", "Bob")
            page.fill("#accept-form input[name=password]", "bob-own-pass-1")
            page.click("#accept-form button[type=submit]")
            page.wait_for_selector("body[data-rendered='dashboard.zh']")
            assert page.eval_on_selector("#seller", "s => [...s.options].map((o) => o.value)") == ["acme"]
            assert "#/dashboard" in page.url and "token" not in page.url
            invitee.close()

            again = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN").new_page()
            again.goto(link)
            again.wait_for_selector("body[data-rendered='accept.zh']")
            again.fill("#accept-form input[name=password]", "someone-else-1")
            again.click("#accept-form button[type=submit]")
            again.wait_for_selector("#accept-error:has-text('已经用过')")

            admin.click("#nav a[href='#/dashboard']")
            admin.wait_for_selector("body[data-rendered='dashboard.en']")
            admin.click("#nav a[href='#/settings']")
            admin.wait_for_selector("body[data-rendered='settings.en']")
            assert "No pending invitations." in admin.inner_text("#invite-pending")
            assert "bob@acme.test" in admin.inner_text("#settings-members tbody")
        finally:
            browser.close()
        login = httpx.post(f"{server.url}/api/auth/login", json={"email": "bob@acme.test", "password": "bob-own-pass-1"})
        assert login.status_code == 200
    assert not errors, errors


def test_an_existing_user_signed_in_accepts_and_lands_on_the_account_joined(app):
    sync_playwright = sync_playwright_or_skip()
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    mallory = add_member(app, "mallory@globex.test", "globex", "admin")
    errors: list[str] = []
    with LiveServer(app) as server, sync_playwright() as pw:
        link = httpx.post(f"{server.url}/api/sellers/acme/members/invitations", headers=alice.headers,
                          json={"email": mallory.email, "role": "viewer"}).json()["link"]
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844}, locale="en-US")
            page.on("pageerror", lambda e: errors.append(str(e)))
            log_in(page, server.url, mallory.email, PASSWORD)
            assert page.input_value("#seller") == "globex"
            page.goto(link)
            page.wait_for_selector("body[data-rendered='accept.en']")
            assert "signed in as mallory@globex.test" in page.inner_text("#accept-form")
            page.click("#accept-form button[type=submit]")
            page.wait_for_selector("body[data-rendered='dashboard.en']")
            assert page.input_value("#seller") == "acme"
        finally:
            browser.close()
    assert not errors, errors
