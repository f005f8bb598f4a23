"""A seller's whole journey in headless Chromium against uvicorn serving the real app, with the SP-API emulator
as Amazon: log in, connect the Amazon account through the (emulated) consent page, ask for a scan (the
scheduler fetches the reports over HTTP and audits them), file a couple of claims one at a time entering the
case ids Amazon returned, Amazon pays one of them, the next scan reads the reimbursement, and the claim shows
reimbursed. In Chinese on a phone (390 px) and in English on a laptop (1366 px); no console error and no
sideways scroll on any page of the way."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal

import httpx
import pytest
from server_utils import PASSWORD, LiveServer, add_member

from browser import ARGS, CHROMIUM, sideways_overflow, sync_playwright_or_skip
from claimpilot.config import Settings
from claimpilot.db.engine import dispose_all
from claimpilot.sandbox.demo import EMULATOR_RATE_SCALE
from claimpilot.sandbox.demo_seller import generate
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.scheduler.embedded import EmbeddedScheduler
from claimpilot.server.app import create_app
from claimpilot.server.page_strings import page_strings
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from claimpilot.vocabulary import ClaimStatus, label

WORDS = {
    "zh": {"connect": "连接亚马逊账号", "connected": "已连接", "done": "亚马逊账号已连接"},
    "en": {"connect": "Connect Amazon account", "connected": "Connected", "done": "Amazon account connected"},
}


@pytest.fixture(scope="module")
def demo_seller():
    """The demo seller on its own day (its timeline is fixed, so the journey runs on that day whatever the
    date: a year later its claims would all have expired)."""
    return generate(seed=11, skus=80)


@pytest.fixture
def emulator(demo_seller):
    forget_access_tokens()
    with start_emulator(demo_seller, rate_scale=EMULATOR_RATE_SCALE) as emu:
        yield emu
    forget_access_tokens()


@pytest.fixture
def journey_settings(isolated_home, emulator):
    creds = emulator.credentials
    return Settings(home=isolated_home, _env_file=None, server={"rate_limit_per_minute": 100_000},
                    sp_api={"endpoint": emulator.url, "lwa_app_id": creds.client_id,
                            "lwa_client_secret": creds.client_secret, "application_id": creds.application_id,
                            "seller_central_url": emulator.url, "lwa_url": emulator.url, "draft_app": True,
                            "poll_interval_s": 0.05})


@pytest.fixture
def journey_app(journey_settings):
    yield create_app(journey_settings)
    dispose_all()


class Reader:
    """What the person at the screen checks on every page: no script error, nothing wider than the screen."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def shown(self, view: str, lang: str) -> None:
        self.page.wait_for_selector(f"body[data-rendered='{view}.{lang}']", timeout=30_000)
        assert sideways_overflow(self.page) == 0, f"{view}: wider than the screen"


def open_view(reader: Reader, view: str, lang: str, width: int) -> None:
    page = reader.page
    if width < 700:  # on a phone the navigation sits behind the menu button
        page.click("#menu-toggle")
    page.click(f"#nav a[href='#/{view}']")
    reader.shown(view, lang)


def run_now(reader: Reader, lang: str, width: int) -> None:
    """Ask for a scan now on the jobs page."""
    open_view(reader, "jobs", lang, width)
    reader.page.click("button.run-now[data-kind='scan']")
    asked = page_strings(lang)["jobs.run_asked"].split("{")[0]
    reader.page.wait_for_selector(f"#toast:has-text('{asked}')")


def scan(settings: Settings) -> None:
    """The scheduler's round: the scan the page asked for (fetch over HTTP from Amazon, audit, claims)."""
    outcomes = EmbeddedScheduler(settings).tick()
    assert outcomes and {(o.kind, o.status) for o in outcomes} == {("scan", "succeeded")}, outcomes


@pytest.mark.parametrize(("lang", "width"), [("zh", 390), ("en", 1366)])
def test_from_connecting_amazon_to_a_reimbursement_arriving(lang, width, journey_app, journey_settings, emulator,
                                                             demo_seller, clock):
    sync_playwright = sync_playwright_or_skip()
    clock.move_to(datetime.combine(demo_seller.as_of, time(8), tzinfo=UTC))
    alice = add_member(journey_app, "alice@acme.test", "acme", "admin")
    with LiveServer(journey_app) as server, sync_playwright() as pw:
        api = f"{server.url}/api/sellers/acme"
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          locale="zh-CN" if lang == "zh" else "en-US")
            page = context.new_page()
            reader = Reader(page)
            page.goto(server.url)
            page.wait_for_selector("body[data-ready='1']")
            page.evaluate(f"localStorage.setItem('claimpilot.lang', '{lang}')")
            page.reload()
            reader.shown("login", lang)
            page.fill("input[name=email]", alice.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("#login-form button")
            reader.shown("dashboard", lang)

            # connect the Amazon account: Seller Central's consent page, confirm, back on the settings page
            open_view(reader, "settings", lang, width)
            assert httpx.get(f"{api}/settings", headers=alice.headers).json()["amazon"]["connected"] is False
            connect = page.locator("#amazon-connect")
            assert connect.inner_text() == WORDS[lang]["connect"]
            connect.click()
            page.wait_for_url(f"{emulator.url}/apps/authorize/consent?*")
            assert "version=beta" in page.url and "state=" in page.url
            page.click("#confirm")
            page.wait_for_selector(f"#toast:has-text('{WORDS[lang]['done']}')")
            reader.shown("settings", lang)
            assert page.url.endswith("#/settings")  # the code and state are off the address
            assert page.inner_text("#amazon-status").startswith(WORDS[lang]["connected"])
            assert httpx.get(f"{api}/settings", headers=alice.headers).json()["amazon"]["connected"] is True

            # schedule the daily scan, then ask for one now on the jobs page; the scheduler fetches the reports
            # from Amazon and audits them
            words = page_strings(lang)
            row = page.locator("#settings-schedules tbody tr", has_text=words["jobs.kind.scan"])
            row.locator("select[name=mode]").select_option("daily")
            row.locator("button").click()
            page.wait_for_selector(f"#toast:has-text('{words['settings.saved']}')")
            reader.shown("settings", lang)
            run_now(reader, lang, width)
            scan(journey_settings)
            ready = [httpx.get(f"{api}/claims", headers=alice.headers, params={"status": s}).json()["total"]
                     for s in ("claimable", "drafted")]
            assert sum(ready) >= 2, ready

            # file two claims, one at a time, entering the case id Amazon gave each
            open_view(reader, "file", lang, width)
            case_ids = ["7100000001", "7100000002"]
            for case_id in case_ids:
                shown = page.inner_text("#file-step h2")
                page.fill("#file-case-id", case_id)
                page.click("#file-submit button[type=submit]")
                page.wait_for_selector(f"#toast:has-text('{case_id}')")
                page.wait_for_function("(s) => document.querySelector('#file-step h2')?.innerText !== s", arg=shown)
                assert sideways_overflow(page) == 0
            submitted = httpx.get(f"{api}/claims", headers=alice.headers,
                                  params={"status": "submitted", "limit": 200}).json()["items"]
            by_case: dict[str, list[dict]] = {}
            for claim in submitted:
                by_case.setdefault(claim["amazon_case_id"], []).append(claim)
            assert set(by_case) == set(case_ids)

            # the next day Amazon approves the first case: one of its claims is paid in full
            clock.shift(timedelta(days=1))
            paid = by_case[case_ids[0]][0]
            product = next(p for p in demo_seller.world.products if p.fnsku == paid["fnsku"])
            quantity = int(paid["quantity"])
            per_unit = (Decimal(paid["amount"]) / quantity).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
            emulator.post_reimbursement(case_id=case_ids[0], sku=product.sku, fnsku=product.fnsku, asin=product.asin,
                                        title=product.title, quantity=quantity, amount_per_unit=per_unit,
                                        currency=paid["currency"], approved=clock.now() - timedelta(hours=1))

            # the next scan reads it; the claim shows reimbursed on its page
            run_now(reader, lang, width)
            scan(journey_settings)
            page.goto(f"{server.url}/#/case/{paid['id']}")
            reader.shown("case", lang)
            status = page.evaluate("""(k) => [...document.querySelectorAll('#case dl.facts dt')]
                .find((d) => d.innerText.trim() === k)?.nextElementSibling?.innerText.trim()""",
                                   page_strings(lang)["col.status"])
            assert status == label(ClaimStatus.REIMBURSED, lang)
            statuses = {httpx.get(f"{api}/claims/{c['id']}", headers=alice.headers).json()["claim"]["status"]
                        for c in by_case[case_ids[1]]}
            assert statuses == {ClaimStatus.SUBMITTED.value}  # the case Amazon has not paid waits
        finally:
            browser.close()
    assert not reader.errors, reader.errors
