"""Every view of the web page, as a seller sees it in headless Chromium against uvicorn serving the real app:
in Chinese and English, on a phone (390 px) and a laptop (1366 px). Each view draws with no console error
(a Content-Security-Policy refusal is one), no sideways scroll, and no serious accessibility violation
(axe-core); on a phone the navigation and logout are behind the menu button and reachable."""

from __future__ import annotations

import httpx
import pytest
from server_utils import PASSWORD, LiveServer, add_member, seed_claims

from browser import ARGS, CHROMIUM, axe_source_or_skip, serious_violations, sideways_overflow, sync_playwright_or_skip

VIEWS = ["dashboard", "claims", "case", "file", "upload", "shipments", "buyers", "chat", "jobs", "settings"]


def sign_in(page, url: str, email: str, lang: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    page.evaluate(f"localStorage.setItem('claimpilot.lang', '{lang}')")
    page.reload()
    page.wait_for_selector(f"body[data-rendered='login.{lang}']")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button")
    page.wait_for_selector("#view-dashboard:not([hidden])")


def open_view(page, view: str, arg: str, lang: str) -> None:
    page.evaluate(f"location.hash = '#/{view}{'/' + arg if arg else ''}'")
    page.wait_for_selector(f"body[data-rendered='{view}.{lang}']")


@pytest.fixture
def live(app, server_settings):
    seed_claims(server_settings, "acme", 25)
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    with LiveServer(app) as server:
        claims = httpx.get(f"{server.url}/api/sellers/acme/claims", headers=alice.headers).json()["items"]
        yield server, alice, str(claims[0]["id"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_view_fits_a_phone_and_a_laptop_with_no_console_error_or_serious_axe_violation(live, lang):
    sync_playwright = sync_playwright_or_skip()
    axe = axe_source_or_skip()
    server, alice, claim_id = live
    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for width, height in ((390, 844), (1366, 900)):
                context = browser.new_context(viewport={"width": width, "height": height},
                                              locale="zh-CN" if lang == "zh" else "en-US")
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on("console", lambda m, errors=errors: errors.append(f"{m.text} {m.location.get('url', '')}")
                        if m.type == "error" else None)
                sign_in(page, server.url, alice.email, lang)
                for view in VIEWS:
                    open_view(page, view, claim_id if view == "case" else "", lang)
                    where = f"{view} at {width}px in {lang}"
                    if (over := sideways_overflow(page)) > 0:
                        problems.append(f"{where}: {over}px wider than the screen")
                    problems += [f"{where}: {v}" for v in serious_violations(page, axe)]
                if width == 390:
                    assert not page.is_visible("#nav a[href='#/claims']"), "the navigation should fold away"
                    page.click("#menu-toggle")
                    assert page.get_attribute("#menu-toggle", "aria-expanded") == "true"
                    for selector in ("#nav a[href='#/jobs']", "#logout"):
                        box = page.locator(selector).bounding_box()
                        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, selector
                    page.click("#nav a[href='#/claims']")
                    page.wait_for_selector(f"body[data-rendered='claims.{lang}']")
                    assert not page.is_visible("#logout"), "choosing a view closes the menu"
                    page.click("#menu-toggle")
                    page.click("#logout")
                    page.wait_for_selector("#view-login:not([hidden])")
                else:
                    assert page.is_visible("#nav a[href='#/jobs']") and page.is_visible("#logout")
                    assert not page.is_visible("#menu-toggle")
                problems += [f"console at {width}px: {e}" for e in errors]
                context.close()
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


def test_the_old_jobs_address_opens_the_jobs_view_of_the_page(live):
    sync_playwright = sync_playwright_or_skip()
    server, alice, _ = live
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(locale="en-US")
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            sign_in(page, server.url, alice.email, "en")
            page.goto(f"{server.url}/jobs")
            page.wait_for_selector("body[data-rendered='jobs.en']")
            assert page.inner_text("#view-jobs h1") == "Scheduled jobs"
            assert page.get_attribute("#nav a[href='#/jobs']", "aria-current") == "page"
            assert "no scheduled jobs" in page.inner_text("#jobs-table")
        finally:
            browser.close()
    assert not errors, errors


def test_the_jobs_view_offers_run_now_exactly_when_the_server_can_run_a_job_on_request(live, app):
    sync_playwright = sync_playwright_or_skip()
    server, alice, _ = live
    scheduled = httpx.put(f"{server.url}/api/sellers/acme/settings/schedules/scan", json={"at_utc": "06:00"},
                          headers=alice.headers)
    assert scheduled.status_code == 200
    can_run = "post" in app.openapi()["paths"].get("/api/sellers/{seller_id}/jobs/{kind}/run", {})
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(locale="en-US")
            sign_in(page, server.url, alice.email, "en")
            open_view(page, "jobs", "", "en")
            assert "Daily at 06:00 UTC" in page.inner_text("#jobs-table")
            assert page.locator("button.run-now").count() == (1 if can_run else 0)
            if can_run:
                page.click("button.run-now[data-kind='scan']")
                page.wait_for_selector("#toast:has-text('Asked to run Audit scan now')")
        finally:
            browser.close()
