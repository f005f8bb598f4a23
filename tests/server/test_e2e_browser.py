"""The web page in headless Chromium against uvicorn serving the real app.

Needs Debian's chromium at /usr/bin/chromium and the ``playwright`` package;
the test is skipped, saying which is missing, when either is absent. Set
``CLAIMPILOT_E2E_SHOTS=/some/folder`` to keep screenshots of each step.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

import httpx
import pytest
from server_utils import PASSWORD, LiveServer, add_member

from browser import ARGS, CHROMIUM, sync_playwright_or_skip


@pytest.fixture
def shots(request):
    folder = os.environ.get("CLAIMPILOT_E2E_SHOTS")

    def take(page, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take


def test_a_seller_logs_in_uploads_audits_opens_a_case_copies_it_and_chats(app, tmp_path, shots):
    sync_playwright = sync_playwright_or_skip()
    from claimpilot.sandbox.demo_seller import generate

    files = generate(seed=7, as_of=date.today(), skus=80).write(tmp_path / "reports")
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US", accept_downloads=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
        page = context.new_page()
        foreign = []
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((server.url, "data:", "blob:")) else None)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(server.url)
            page.wait_for_selector("body[data-ready='1']")
            page.evaluate("localStorage.setItem('claimpilot.lang', 'en')")
            page.reload()
            page.wait_for_selector("#view-login:not([hidden])")
            page.fill("input[name=email]", alice.email)
            page.fill("input[name=password]", "wrong password")
            page.click("#login-form button")
            page.wait_for_selector("#login-error:has-text('Wrong email or password')")
            page.fill("input[name=password]", PASSWORD)
            page.click("#login-form button")
            page.wait_for_selector("#view-dashboard:not([hidden])")
            shots(page, "01-empty-dashboard")

            page.click("a[href='#/upload']")
            page.set_input_files("#upload-files", [str(p) for p in files])
            page.click("#upload-form button")
            page.wait_for_selector(f"#upload-status:has-text('Imported {len(files)} files')", timeout=60_000)
            assert page.eval_on_selector("#upload-progress", "e => e.value") == 100
            assert page.locator("#upload-result tbody tr").count() == len(files)
            shots(page, "02-upload")

            page.click("a[href='#/dashboard']")
            page.click("#run-audit")
            page.wait_for_selector("#audit-note:has-text('Audit done')", timeout=60_000)
            page.locator("#chart-type rect.bar").first.wait_for()
            claimable = page.inner_text(".kpi-claimable .kpi-value")
            assert claimable.startswith("$") and claimable != "$0.00"
            assert page.locator("#chart-month rect.bar").count() > 0
            shots(page, "03-dashboard")

            page.click("a[href='#/claims']")
            page.wait_for_selector("#claims-table tbody tr")
            total = page.locator("#claims-table tbody tr").count()
            page.select_option("#claim-filters select[name=status]", "claimable")
            page.click("#claim-filters button")
            page.wait_for_selector("#page:has-text('of')")
            page.locator("#claims-table tbody tr .status:not(.status-claimable)").first.wait_for(state="detached")
            statuses = page.locator("#claims-table tbody tr .status").all_inner_texts()
            assert statuses and set(statuses) == {"Claimable"} and len(statuses) <= total
            with page.expect_download() as download:
                page.click("#export-csv")
            exported = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
            assert exported and {r["status"] for r in exported} == {"claimable"}
            shots(page, "04-claims")

            reference = page.inner_text("#claims-table tbody tr:first-child td[data-label=Reference]")
            page.click("#claims-table tbody tr:first-child")
            page.wait_for_selector("#view-case:not([hidden]) #draft-case")
            page.click("#draft-case")
            page.wait_for_selector("#case-text")
            case_text = page.inner_text("#case-text")
            assert reference in case_text
            assert page.locator("#case table.data tbody tr").count() > 0  # the evidence rows
            page.click("#case-text-copy")
            page.wait_for_selector("#toast:has-text('Copied')")
            assert page.evaluate("navigator.clipboard.readText()").strip() == case_text.strip()
            shots(page, "05-case")

            page.click("a[href='#/chat']")
            page.fill("#chat-input", "list my claimable claims")
            page.click("#chat-form button[type=submit]")
            page.wait_for_selector(".msg-assistant[data-tokens]:not(.streaming)", timeout=120_000)
            answer = page.inner_text(".msg-assistant .msg-text")
            assert int(page.get_attribute(".msg-assistant", "data-tokens")) >= 2
            # "claimable" to a seller: the window is open and nothing is filed, whether drafted or not
            unfiled = [("status", "claimable"), ("status", "drafted"), ("limit", 500)]
            open_claims = httpx.get(f"{server.url}/api/sellers/acme/claims", headers=alice.headers,
                                    params=unfiled).json()["items"]
            assert open_claims and f"{len(open_claims)} claims" in answer
            assert all(c["fnsku"] in answer for c in open_claims[:5])
            shots(page, "06-chat")

            target = open_claims[0]["id"]
            page.fill("#chat-input", f"mark claim {target} submitted with case id 1234567890")
            page.click("#chat-form button[type=submit]")
            page.click(".pending button.approve", timeout=60_000)
            page.wait_for_selector(".pending", state="detached")
            claim = httpx.get(f"{server.url}/api/sellers/acme/claims/{target}", headers=alice.headers).json()
            assert claim["claim"]["status"] == "submitted" and claim["case"]["amazon_case_id"] == "1234567890"
            shots(page, "06b-approved")

            page.click("#lang")
            page.wait_for_selector("#nav a[href='#/claims']:has-text('索赔')")
            page.click("a[href='#/dashboard']")
            page.wait_for_selector("body[data-rendered='dashboard.zh']")
            assert page.inner_text("#view-dashboard h1") == "索赔概览"
            assert page.locator("#chart-type rect.bar").count() > 0
            assert page.inner_text(".kpi-claimable .kpi-label") == "可索赔"
            shots(page, "07-dashboard-zh")
        finally:
            browser.close()
    assert not errors, errors
    assert not foreign, f"the page fetched from outside the server: {foreign}"
