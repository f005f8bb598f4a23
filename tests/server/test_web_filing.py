"""Guided batch filing in headless Chromium against uvicorn serving the real app: the seller goes through the
claims ready to file, most urgent first, copies the case text, downloads the evidence packet, enters the case
id Amazon returned (the claim is then submitted with that id), skips one, and finds the progress kept after a
reload."""

from __future__ import annotations

import io
import zipfile

import httpx
from server_utils import LiveServer, add_member, seed_claims

from browser import ARGS, CHROMIUM, log_in, sync_playwright_or_skip


def test_a_seller_files_a_batch_one_claim_at_a_time_and_the_progress_survives_a_reload(app, server_settings):
    sync_playwright = sync_playwright_or_skip()
    seed_claims(server_settings, "acme", 4)
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    with LiveServer(app) as server, sync_playwright() as pw:
        api = f"{server.url}/api/sellers/acme/claims"
        claims = httpx.get(api, headers=alice.headers, params={"limit": 50}).json()["items"]
        urgent = min(claims, key=lambda c: c["window_closes"])
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        errors: list[str] = []
        try:
            context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="en-US",
                                          accept_downloads=True)
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            log_in(page, server.url, alice.email, "correct-horse-9")
            page.click("#nav a[href='#/file']")
            page.wait_for_selector("body[data-rendered='file.en']")
            assert page.inner_text("#file-count") == "0 of 4 filed · 4 left"
            assert urgent["reference_id"] in page.inner_text("#file-step h2")  # the most urgent first
            assert "days left" in page.inner_text("#file-step")

            help_links = page.locator("#file-step .filing a")
            assert help_links.count() >= 1
            assert help_links.first.get_attribute("href").startswith("https://sellercentral.amazon.com/help/")
            page.click("#file-step .field:has-text('FNSKU') button")
            assert page.evaluate("navigator.clipboard.readText()") == urgent["fnsku"]
            page.click("#file-copy-text")
            assert page.evaluate("navigator.clipboard.readText()").strip() == page.inner_text("#file-case-text").strip()
            with page.expect_download() as download:
                page.click("#file-packet")
            packet = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
            assert any(name.endswith(".csv") for name in packet.namelist())  # the evidence rows to attach

            page.fill("#file-case-id", "1234567890")
            page.click("#file-submit button[type=submit]")
            page.wait_for_selector("#toast:has-text('Recorded case 1234567890')")
            filed = httpx.get(f"{api}/{urgent['id']}", headers=alice.headers).json()
            assert filed["claim"]["status"] == "submitted" and filed["case"]["amazon_case_id"] == "1234567890"
            # the case packet may hold other claims of the same type: filing it files them all
            n = len(httpx.get(api, headers=alice.headers, params={"status": "submitted"}).json()["items"])
            assert n >= 1
            page.wait_for_selector(f"#file-count:text-is('{n} of 4 filed · {4 - n} left')")

            second = page.inner_text("#file-step h2")
            assert urgent["reference_id"] not in second
            page.click("#file-skip")
            page.wait_for_function("(s) => document.querySelector('#file-step h2')?.innerText.includes(s) === false",
                                   arg=second.split(" · ")[-1])
            third = page.inner_text("#file-step h2")

            page.reload()
            page.wait_for_selector("body[data-rendered='file.en']")
            assert page.inner_text("#file-count") == f"{n} of 4 filed · {4 - n} left"
            assert page.inner_text("#file-step h2") == third  # the skipped claim waits for its turn
            page.click("#file-restart")
            page.wait_for_selector(f"#file-count:has-text('0 of {4 - n} filed')")  # a new batch: what is open now
        finally:
            browser.close()
    assert not errors, errors
