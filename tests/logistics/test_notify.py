"""Alert channels against local receivers: WeCom, DingTalk and Feishu bot payloads and signatures,
rate-limit answers retried, and email over SMTP."""

from __future__ import annotations

import base64
import hashlib
import hmac
import socket
import time
from urllib.parse import parse_qs, unquote_plus, urlsplit

import pytest
from aiosmtpd.controller import Controller

from claimpilot.config import AlertChannelSettings
from claimpilot.notify import Notice, deliver

NOTICE = Notice("evt-1", "customs_hold", "claimpilot 物流提醒", "COSU6331234560：被海关扣留", {"ref": "COSU6331234560"})


def _cfg(**values) -> AlertChannelSettings:
    return AlertChannelSettings(backoff_s=0.01, max_retries=3, timeout_s=5, **values)


def test_wecom_markdown(receiver):
    out = deliver(_cfg(wecom_url=f"{receiver.url}/cgi-bin/webhook/send?key=abc"), NOTICE)
    assert out == {"wecom": "sent"}
    (hit,) = receiver.received
    assert hit.path == "/cgi-bin/webhook/send?key=abc"
    assert hit.json() == {"msgtype": "markdown", "markdown": {"content": "**claimpilot 物流提醒**\nCOSU6331234560：被海关扣留"}}


def test_dingtalk_markdown_signed_with_timestamp_and_secret(receiver):
    secret = "SEC0123456789abcdef"
    receiver.answers = [(200, {"errcode": 130101, "errmsg": "send too fast"})]
    out = deliver(_cfg(dingtalk_url=f"{receiver.url}/robot/send?access_token=tok", dingtalk_secret=secret), NOTICE)
    assert out == {"dingtalk": "sent"}
    assert len(receiver.received) == 2, "the rate-limit answer was retried"
    hit = receiver.received[-1]
    query = parse_qs(urlsplit(hit.path).query)
    stamp = query["timestamp"][0]
    assert abs(int(stamp) / 1000 - time.time()) < 60
    digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    assert unquote_plus(hit.path.split("sign=")[1]) == base64.b64encode(digest).decode()
    assert query["access_token"] == ["tok"]
    body = hit.json()
    assert body["msgtype"] == "markdown" and body["markdown"]["title"] == NOTICE.title
    assert NOTICE.text in body["markdown"]["text"]


def test_feishu_text_signed_in_the_body(receiver):
    secret = "feishu-secret"
    receiver.default = (200, {"code": 0, "msg": "success", "data": {}})
    out = deliver(_cfg(feishu_url=f"{receiver.url}/open-apis/bot/v2/hook/xyz", feishu_secret=secret), NOTICE)
    assert out == {"feishu": "sent"}
    body = receiver.received[0].json()
    assert body["msg_type"] == "text" and body["content"]["text"] == f"{NOTICE.title}\n{NOTICE.text}"
    digest = hmac.new(f"{body['timestamp']}\n{secret}".encode(), b"", hashlib.sha256).digest()
    assert body["sign"] == base64.b64encode(digest).decode()


def test_a_refusing_bot_is_reported_and_the_url_is_not(receiver):
    receiver.default = (200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour"})
    url = f"{receiver.url}/open-apis/bot/v2/hook/secret-token-here"
    out = deliver(_cfg(feishu_url=url, feishu_secret="wrong"), NOTICE)
    assert out["feishu"].startswith("failed: Feishu bot: code 19021")
    assert "secret-token-here" not in out["feishu"]
    assert deliver(_cfg(feishu_url=url), NOTICE, skip={"feishu"}) == {}


class _Inbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, inbox
    controller.stop()


def test_email_over_smtp(smtp):
    controller, inbox = smtp
    port = controller.port
    cfg = _cfg(email_to=["ops@seller.test"],
               smtp={"host": "127.0.0.1", "port": port, "security": "plain", "from_address": "alerts@seller.test"})
    assert deliver(cfg, NOTICE) == {"email": "sent"}
    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["ops@seller.test"] and envelope.mail_from == "alerts@seller.test"
    text = envelope.content.decode()
    assert "Message-ID: <evt-1@claimpilot>" in text and "Subject:" in text
    remote = _cfg(email_to=["a@b.test"], smtp={"host": "smtp.example.com", "security": "plain", "from_address": "x@y"})
    assert "plain SMTP is allowed only to this machine" in deliver(remote, NOTICE)["email"]
