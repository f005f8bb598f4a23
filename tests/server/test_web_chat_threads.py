"""Chat threads kept across a reload, in headless Chromium against uvicorn serving the real app (the offline
router answers): the last conversation is shown again after a reload, a new one starts empty, and the list
reopens an earlier one with its messages."""

from __future__ import annotations

from server_utils import PASSWORD, LiveServer, add_member, seed_claims

from browser import ARGS, CHROMIUM, log_in, sync_playwright_or_skip


def ask(page, question: str) -> str:
    before = page.locator(".msg-assistant").count()
    page.fill("#chat-input", question)
    page.click("#chat-form button[type=submit]")
    page.wait_for_function("(n) => document.querySelectorAll('.msg-assistant:not(.streaming)').length > n "
                           "&& document.querySelector('.msg-assistant:last-child .msg-text').innerText", arg=before,
                           timeout=120_000)
    return page.locator(".msg-assistant .msg-text").last.inner_text()


def test_conversations_are_kept_listed_and_resumed_after_a_reload(app, server_settings):
    sync_playwright = sync_playwright_or_skip()
    seed_claims(server_settings, "acme", 3)
    alice = add_member(app, "alice@acme.test", "acme", "admin")
    errors: list[str] = []
    with LiveServer(app) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="en-US")
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            log_in(page, server.url, alice.email, PASSWORD)
            page.click("#nav a[href='#/chat']")
            page.wait_for_selector("body[data-rendered='chat.en']")
            assert page.inner_text("#chat-threads") == "No conversations yet."
            first = ask(page, "list my claimable claims")
            assert "3 claims" in first

            page.reload()
            page.wait_for_selector("body[data-rendered='chat.en']")
            page.wait_for_selector(".msg-assistant")
            assert page.locator(".msg-user .msg-text").all_inner_texts() == ["list my claimable claims"]
            assert page.locator(".msg-assistant .msg-text").last.inner_text() == first
            assert page.locator("#chat-threads button.thread").count() == 1

            page.click("#chat-new")
            assert page.locator("#chat-log .msg").count() == 0
            ask(page, "which claims close this week?")
            threads = page.locator("#chat-threads button.thread")
            assert threads.count() == 2
            assert "which claims close this week?" in threads.first.inner_text()  # newest first

            threads.nth(1).click()
            page.wait_for_function("() => document.querySelector('.msg-user .msg-text')?.innerText"
                                   " === 'list my claimable claims'")
            assert page.locator(".msg-assistant .msg-text").last.inner_text() == first
        finally:
            browser.close()
    assert not errors, errors
