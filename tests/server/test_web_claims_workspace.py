"""The claims workspace, through the API and in headless Chromium against uvicorn serving the real app:
search by FNSKU, SKU, reference or case id; sort by a column; the total of what is filtered; the selection
kept in the address across a reload; days left in each claim's window."""

from __future__ import annotations

from decimal import Decimal

import httpx
from server_utils import PASSWORD, LiveServer, add_member, seed_claims

from browser import ARGS, CHROMIUM, log_in, sync_playwright_or_skip


def test_claims_are_searched_sorted_and_totalled(client, alice, server_settings):
    seed_claims(server_settings, "acme", 12)
    base = "/api/sellers/acme/claims"
    every = client.get(base, params={"limit": 500, "totals": "true"}, headers=alice.headers).json()
    assert every["totals"] == {"USD": f"{sum(Decimal(c['amount']) for c in every['items']):.2f}"}
    one = every["items"][5]
    for needle in (one["fnsku"], one["fnsku"].lower(), one["sku"], one["reference_id"]):
        found = client.get(base, params={"q": needle}, headers=alice.headers).json()
        assert [c["id"] for c in found["items"]] == [one["id"]], needle
    client.post(f"{base}/{one['id']}/submitted", json={"case_id": "7777777777"}, headers=alice.headers)
    by_case = client.get(base, params={"q": "7777777777"}, headers=alice.headers).json()["items"]
    assert one["id"] in [c["id"] for c in by_case]
    amounts = [Decimal(c["amount"]) for c in
               client.get(base, params={"sort": "-amount", "limit": 500}, headers=alice.headers).json()["items"]]
    assert amounts == sorted(amounts, reverse=True) and amounts[0] > amounts[-1]
    assert client.get(base, params={"sort": "password"}, headers=alice.headers).status_code == 422
    assert client.get(base, headers=alice.headers).json()["totals"] is None  # only when asked


def test_a_seller_searches_sorts_and_keeps_the_selection_across_a_reload(app, server_settings):
    sync_playwright = sync_playwright_or_skip()
    seed_claims(server_settings, "acme", 12)
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    with LiveServer(app) as server, sync_playwright() as pw:
        items = httpx.get(f"{server.url}/api/sellers/acme/claims", headers=alice.headers).json()["items"]
        target = items[3]
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="en-US")
            log_in(page, server.url, alice.email, PASSWORD)
            page.click("#nav a[href='#/claims']")
            page.wait_for_selector("#claims-table tbody tr")
            assert page.inner_text("#claims-totals").startswith("Selected 12, total $")
            days = page.locator("#claims-table td[data-label='Days left']").all_inner_texts()
            assert [int(d) for d in days] == sorted(int(d) for d in days) and int(days[0]) >= 0

            page.click("th button[data-sort=amount]")
            page.wait_for_function("() => location.hash.includes('sort=amount')")
            page.wait_for_selector("th[aria-sort=ascending] button[data-sort=amount]")
            page.click("th button[data-sort=amount]")
            page.wait_for_selector("th[aria-sort=descending] button[data-sort=amount]")
            shown = page.locator("#claims-table td[data-label='Amount']").all_inner_texts()
            values = [Decimal(v.replace("$", "").replace(",", "")) for v in shown]
            assert values == sorted(values, reverse=True)

            page.fill("#claim-filters input[name=q]", target["fnsku"])
            page.click("#claim-filters button[type=submit]")
            page.wait_for_selector("#claims-totals:has-text('Selected 1, total')")
            page.reload()
            page.wait_for_selector("body[data-rendered='claims.en']")
            assert page.input_value("#claim-filters input[name=q]") == target["fnsku"]
            assert page.locator("#claims-table tbody tr").count() == 1
            assert page.inner_text("#claims-table tbody tr td[data-label=FNSKU]") == target["fnsku"]
            assert f"q={target['fnsku']}" in page.get_attribute("#export-csv", "href")
        finally:
            browser.close()
