"""The claims workspace in headless Chromium against uvicorn serving the real app: each claim shows its
product (title and ASIN from the seller's ledger, else its SKU); ticked claims are exported and marked
submitted together, one case ID for the batch or one per claim, and a claim that cannot be filed is named
with why. In English at 1366 px and in Chinese at 390 px (cards, no sideways scroll, no raw code)."""

from __future__ import annotations

import httpx
from claims_products import BY_SKU, TITLES, import_product_ledger
from server_utils import PASSWORD, LiveServer, add_member, seed_claims
from test_web_chinese import PAGE_WORDS_JS, latin_words

from browser import ARGS, CHROMIUM, log_in, sideways_overflow, sync_playwright_or_skip
from claimpilot.vocabulary import ClaimStatus, label


def _claims(server, alice) -> dict[str, dict]:
    items = httpx.get(f"{server.url}/api/sellers/acme/claims", params={"limit": 500}, headers=alice.headers).json()
    return {c["reference_id"]: c for c in items["items"]}


def _watch(page, errors: list[str]) -> None:
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)


def test_a_seller_files_ticked_claims_in_english_on_a_desktop(app, server_settings):
    sync_playwright = sync_playwright_or_skip()
    seed_claims(server_settings, "acme", 6)
    import_product_ledger(server_settings, "acme")
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    errors: list[str] = []
    with LiveServer(app) as server, sync_playwright() as pw:
        ids = {ref: c["id"] for ref, c in _claims(server, alice).items()}
        httpx.post(f"{server.url}/api/sellers/acme/claims/{ids['REF00003']}/submitted", json={"case_id": "1000000003"},
                   headers=alice.headers).raise_for_status()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="en-US")
            _watch(page, errors)
            log_in(page, server.url, alice.email, PASSWORD)
            page.click("#nav a[href='#/claims']")
            page.wait_for_selector("body[data-rendered='claims.en']")
            row = page.locator(f"#claims-table tbody tr:has(input[data-claim='{ids['REF00000']}'])")
            assert row.locator("td[data-label=Product]").inner_text().split("\n") == [TITLES[0][1], f"ASIN {TITLES[0][0]}"]
            by_sku = page.locator(f"#claims-table tbody tr:has(input[data-claim='{ids['REF00002']}'])")
            assert BY_SKU[2][1] in by_sku.locator("td[data-label=Product]").inner_text()
            unnamed = page.locator(f"#claims-table tbody tr:has(input[data-claim='{ids['REF00004']}'])")
            assert unnamed.locator("td[data-label=Product]").inner_text() == "SKU SKU-4"

            for ref in ("REF00000", "REF00001", "REF00003"):
                page.check(f"#claims-table input[data-claim='{ids[ref]}']")
            assert page.inner_text("#ticked-count") == "3 ticked"
            assert page.locator("body[data-rendered='claims.en']").count() == 1  # ticking opens no claim
            href = page.get_attribute("#export-ticked", "href")
            assert all(f"id={ids[r]}" in href for r in ("REF00000", "REF00001", "REF00003"))
            exported = httpx.get(server.url + href, headers=alice.headers).text
            assert TITLES[1][1] in exported and "REF00002" not in exported

            page.click("#bulk-submit details summary")
            page.fill(f"#bulk-submit input[data-claim='{ids['REF00000']}']", "1000000000")
            page.fill("#bulk-submit input[name=batch_case]", "2000000000")
            page.click("#mark-submitted")
            page.wait_for_selector("#claims-bulk-result:not([hidden])")
            refused = page.inner_text("#claims-bulk-result")
            assert f"Claim {ids['REF00003']} is Submitted" in refused, refused
            assert page.inner_text("#ticked-count") == "0 ticked"
            after = _claims(server, alice)
            assert [(after[r]["status"], after[r]["amazon_case_id"]) for r in ("REF00000", "REF00001", "REF00003")] == [
                ("submitted", "1000000000"), ("submitted", "2000000000"), ("submitted", "1000000003")]
            shown = page.locator(f"#claims-table tbody tr:has(input[data-claim='{ids['REF00001']}']) td[data-label='Case ID']")
            assert shown.inner_text() == "2000000000"
            assert sideways_overflow(page) == 0
        finally:
            browser.close()
    assert errors == []


def test_a_chinese_seller_ticks_and_files_claims_on_a_phone(app, server_settings):
    sync_playwright = sync_playwright_or_skip()
    seed_claims(server_settings, "acme", 6)
    import_product_ledger(server_settings, "acme")
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    errors: list[str] = []
    with LiveServer(app) as server, sync_playwright() as pw:
        ids = {ref: c["id"] for ref, c in _claims(server, alice).items()}
        httpx.post(f"{server.url}/api/sellers/acme/claims/{ids['REF00005']}/submitted", json={"case_id": "1000000005"},
                   headers=alice.headers).raise_for_status()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
            _watch(page, errors)
            page.goto(server.url)
            page.wait_for_selector("body[data-rendered='login.zh']")
            page.fill("input[name=email]", alice.email)
            page.fill("input[name=password]", PASSWORD)
            page.click("#login-form button")
            page.wait_for_selector("body[data-rendered='dashboard.zh']")
            page.goto(f"{server.url}/#/claims")
            page.wait_for_selector("body[data-rendered='claims.zh']")
            card = page.locator(f"#claims-table tbody tr:has(input[data-claim='{ids['REF00001']}'])")
            assert card.evaluate("tr => getComputedStyle(tr).display") == "block"  # a card, not a table row
            assert TITLES[1][1] in card.locator("td[data-label='商品']").inner_text()
            for ref in ("REF00001", "REF00005"):
                page.check(f"#claims-table input[data-claim='{ids[ref]}']")
            assert page.inner_text("#ticked-count") == "已勾选 2 条"
            page.click("#mark-submitted")
            page.wait_for_selector("#toast.error:has-text('整批的案件编号')")  # no case id yet: nothing sent
            assert _claims(server, alice)["REF00001"]["status"] == "claimable"
            page.fill("#bulk-submit input[name=batch_case]", "3000000000")
            page.click("#mark-submitted")
            page.wait_for_selector("#claims-bulk-result:not([hidden])")
            refused = page.inner_text("#claims-bulk-result")
            assert f"索赔 {ids['REF00005']} 当前是“{label(ClaimStatus.SUBMITTED, 'zh')}”" in refused, refused
            assert _claims(server, alice)["REF00001"]["amazon_case_id"] == "3000000000"
            assert latin_words(page.evaluate(PAGE_WORDS_JS)) == set()
            assert sideways_overflow(page) == 0
        finally:
            browser.close()
    assert errors == []
