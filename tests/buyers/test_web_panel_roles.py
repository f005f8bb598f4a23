"""The buyer messages panel by role, in headless Chromium against uvicorn, with the real Dovecot and SMTP servers:
what each role is shown, polling the mailbox, sending once, settling an uncertain send, and the server's refusals.
(Skipped, saying why, without chromium or playwright.)"""

from __future__ import annotations

import email
import smtplib

import httpx
import pytest
from mailbox_helpers import append
from relay_mail import relay_mail

from browser import ARGS, CHROMIUM, server_utils, sync_playwright_or_skip
from claimpilot.server.app import create_app

ACTIONS = ("#buyers-poll", "#buyers-send", "#buyer-save", "#buyer-approve", "#buyer-reject", "#buyer-reject-reason")


class Panel:
    """The app on a live uvicorn, a Chromium to open pages in, and the seller's buyer API with an owner's key."""

    def __init__(self, app, server, pw, utils, seller: str) -> None:
        self.app, self.server, self.utils, self.seller = app, server, utils, seller
        self.browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        self.errors: list[str] = []
        owner = utils.add_member(app, "owner@seller.test", seller, "admin")
        self.api = httpx.Client(base_url=f"{server.url}/api/sellers/{seller}/buyers",
                                headers={"X-API-Key": owner.token})

    def member(self, email: str, role: str, seller: str | None = None):
        return self.utils.add_member(self.app, email, seller or self.seller, role)

    def message(self, order_id: str, text: str, n: int) -> int:
        """A buyer message added through the API (drafted and queued for approval), by id."""
        r = self.api.post("/messages", json={"relay_address": f"buyer{n}@marketplace.amazon.com", "body": text,
                                             "order_id": order_id, "external_id": f"roles-{n}"})
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def open(self, member, hash_: str = "#/buyers"):
        """A page at ``hash_`` in English, logged in as ``member``, once the buyers view has drawn."""
        context = self.browser.new_context(locale="en-US")
        context.add_init_script("localStorage.setItem('claimpilot.lang', 'en')")
        page = context.new_page()
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(f"{self.server.url}/{hash_}")
        page.wait_for_selector("body[data-rendered='login.en']")
        page.fill("input[name=email]", member.email)
        page.fill("input[name=password]", self.utils.PASSWORD)
        page.click("#login-form button")
        page.wait_for_selector("body[data-rendered='buyers.en']")
        return page

    def close(self) -> None:
        self.api.close()
        self.browser.close()


@pytest.fixture
def panel(mail_settings):
    sync_playwright = sync_playwright_or_skip()
    utils = server_utils()
    app = create_app(mail_settings)
    with utils.LiveServer(app) as server, sync_playwright() as pw:
        p = Panel(app, server, pw, utils, mail_settings.seller_id)
        try:
            yield p
        finally:
            p.close()
    assert p.errors == []


def shown(page, selector: str) -> bool:
    return page.locator(selector).is_visible()


def test_a_viewer_reads_without_actions_and_the_buttons_follow_the_selected_seller(panel, order_ids):
    oid = order_ids["Shipped"]
    mid = panel.message(oid, f"Hello, where is my order {oid}? It has not arrived yet.", 1)
    vic = panel.member("vic@seller.test", "viewer")
    panel.member("vic@seller.test", "operator", seller="globex")  # and operator of a seller with no mailbox
    page = panel.open(vic, f"#/buyers/{mid}")
    page.wait_for_selector("#buyer-message:has-text('where is my order')")
    assert oid in page.input_value("#buyer-draft")
    assert page.eval_on_selector("#buyer-draft", "e => e.readOnly")
    assert [a for a in ACTIONS if shown(page, a)] == []
    assert not shown(page, "#buyer-settle")
    assert "your role in this seller account cannot edit, approve or send" in page.text_content("#buyers-read-only")
    assert shown(page, "#buyers-refresh")

    page.click("a[href='#/buyers']")
    page.wait_for_selector("#buyer-thread", state="hidden")
    page.select_option("#seller", "globex")  # operator there: poll, but no send
    page.wait_for_selector("body[data-rendered='buyers.en'] #buyers-table:has-text('No buyer messages')")
    assert shown(page, "#buyers-poll") and not shown(page, "#buyers-send")
    assert not shown(page, "#buyers-read-only")
    page.click("#buyers-poll")
    page.wait_for_selector("#buyers-note:has-text('has no mailbox set up')")
    assert not shown(page, "#toast.error")


def test_an_operator_polls_the_real_mailbox_and_the_message_lands_in_the_queue(panel, dovecot, order_ids):
    oid = order_ids["Shipped"]
    append(dovecot, relay_mail(f"Hi, my order {oid} has not arrived. Where is it?", oid, name="Olga",
                               relay="olga1234@marketplace.amazon.com"))
    ops = panel.member("ops@seller.test", "operator")
    page = panel.open(ops)
    page.wait_for_selector("#buyers-table:has-text('No buyer messages')")
    assert shown(page, "#buyers-poll") and not shown(page, "#buyers-send")

    page.click("#buyers-poll")
    page.wait_for_selector("#buyers-note:has-text('1 new message(s)')")
    page.wait_for_selector(f"#buyers-table td:has-text('{oid}')")
    assert page.locator("#buyers-table tbody tr").count() == 1
    assert "Awaiting approval" in page.text_content("#buyers-table")

    page.click(f"#buyers-table td:has-text('{oid}')")
    page.wait_for_selector("#buyer-message:has-text('has not arrived')")
    assert not page.eval_on_selector("#buyer-draft", "e => e.readOnly")
    assert shown(page, "#buyer-save") and shown(page, "#buyer-reject") and not shown(page, "#buyer-approve")

    page.click("#buyers-poll")  # nothing new the second time
    page.wait_for_selector("#buyers-note:has-text('0 new message(s)')")
    assert page.locator("#buyers-table tbody tr").count() == 1


def test_an_approver_approves_and_sends_and_the_buyer_gets_the_reply_once(panel, smtp, order_ids):
    oid = order_ids["Shipped"]
    mid = panel.message(oid, f"Hello, where is my order {oid}? It has not arrived yet.", 1)
    other = panel.message(oid, f"Hi, can I still change the address of order {oid}?", 2)
    ann = panel.member("ann@seller.test", "approver")
    page = panel.open(ann, f"#/buyers/{mid}")
    page.wait_for_selector("#buyer-message:has-text('where is my order')")
    assert all(shown(page, a) for a in ACTIONS)
    assert not shown(page, "#buyers-read-only")

    page.click("#buyer-approve")
    page.wait_for_selector("#toast:has-text('Reply approved')")
    page.wait_for_selector("#buyer-meta:has-text('Approved')")
    page.click("#buyers-send")
    page.wait_for_selector("#buyers-note:has-text('Send finished: 1 sent, 0 failed')")
    page.wait_for_selector("#buyer-meta:has-text('Sent')")
    assert page.is_enabled("#buyers-send")  # usable again once the send has answered
    assert [e.rcpt_tos for e in smtp.received] == [["buyer1@marketplace.amazon.com"]]

    page.click("#buyers-send")  # nothing approved is left: nothing goes out twice
    page.wait_for_selector("#buyers-note:has-text('Send finished: 0 sent')")
    assert len(smtp.received) == 1
    assert panel.api.get(f"/{mid}").json()["status"] == "sent"

    # The role is taken away while the page is open: the server refuses, and the page says so.
    panel.member("ann@seller.test", "viewer")
    page.goto(f"{panel.server.url}/#/buyers/{other}")
    page.wait_for_selector("#buyer-message:has-text('change the address')")
    page.click("#buyer-approve")
    page.wait_for_selector("#toast.error:has-text(\"your role 'viewer' may not do this\")")
    assert panel.api.get(f"/{other}").json()["status"] == "queued"
    assert len(smtp.received) == 1


class _PowerCut(BaseException):
    """The process dies right after the mail server accepted the message."""


def _crash_after_data():
    class CrashingSMTP(smtplib.SMTP):
        def data(self, msg):
            super().data(msg)
            raise _PowerCut("power cut after the server accepted the message")

    return CrashingSMTP


def _uncertain(panel, mail_settings, order_id: str, text: str, n: int) -> int:
    """A buyer message whose approved reply reached the mail server just before the process died, then restarted."""
    from claimpilot.tools.buyers.service import BuyerService

    mid = panel.message(order_id, text, n)
    svc = BuyerService(mail_settings)
    svc.approve(mid, by="owner@seller.test")
    with pytest.raises(_PowerCut):
        svc.send(factory=_crash_after_data())
    svc.send()  # the restart finds a send whose outcome nobody knows
    assert svc.show(mid)["status"] == "uncertain"
    return mid


def test_uncertain_sends_are_settled_by_an_approver_after_a_confirm(panel, mail_settings, smtp, order_ids):
    oid = order_ids["Shipped"]
    mid = _uncertain(panel, mail_settings, oid, f"Hello, where is my order {oid}? It has not arrived yet.", 1)
    lost = _uncertain(panel, mail_settings, oid, f"Hi, can I still change the address of order {oid}?", 2)
    assert len(smtp.received) == 2

    ops = panel.member("ops@seller.test", "operator")
    page = panel.open(ops, f"#/buyers/{mid}")
    page.wait_for_selector("#buyer-meta:has-text('Delivery uncertain')")
    assert not shown(page, "#buyer-settle")  # settling is for approvers
    page.context.close()

    ann = panel.member("ann@seller.test", "approver")
    page = panel.open(ann, f"#/buyers/{mid}")
    page.wait_for_selector("#buyer-meta:has-text('Delivery uncertain')")
    assert shown(page, "#buyer-settle") and not shown(page, "#buyer-decide")
    assert page.eval_on_selector("#buyer-draft", "e => e.readOnly")
    asked: list[str] = []

    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.click("#buyer-delivered")  # changed their mind: nothing happens
    assert asked == ["Mark this reply as delivered? It will not be sent again."]
    assert panel.api.get(f"/{mid}").json()["status"] == "uncertain"

    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.click("#buyer-delivered")
    page.wait_for_selector("#toast:has-text('Marked as delivered')")
    page.wait_for_selector("#buyer-meta:has-text('Sent')")
    assert not shown(page, "#buyer-settle")
    assert len(asked) == 2 and panel.api.get(f"/{mid}").json()["status"] == "sent"

    # The other one never reached the buyer, says Seller Central: settled in Chinese, it goes out again.
    page.goto(f"{panel.server.url}/#/buyers/{lost}")
    page.wait_for_selector("#buyer-message:has-text('change the address')")
    page.click("#lang")
    page.wait_for_selector("body[data-rendered='buyers.zh'] #buyer-meta:has-text('投递未确认')")
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.click("#buyer-not-delivered:has-text('买家未收到')")
    page.wait_for_selector("#toast:has-text('已标记为买家未收到')")
    page.wait_for_selector("#buyer-meta:has-text('已批准')")
    assert asked[-1] == "确认这条回复买家没有收到吗？确认后它会在下一次发送时重新发出。"
    page.click("#buyers-send:has-text('发送已批准的回复')")
    page.wait_for_selector("#buyers-note:has-text('成功 1 条')")
    page.wait_for_selector("#buyer-meta:has-text('已发送')")
    assert len(smtp.received) == 3
    again = [e for e in smtp.received if e.rcpt_tos == ["buyer2@marketplace.amazon.com"]]
    ids = {email.message_from_bytes(e.original_content)["Message-ID"] for e in again}
    assert len(again) == 2 and len(ids) == 1  # sent again under the same Message-ID
