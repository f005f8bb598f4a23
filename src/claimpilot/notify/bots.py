"""WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书) group bots, in their own JSON formats.

- WeCom: ``{"msgtype": "markdown", "markdown": {"content": ...}}``; answer ``errcode`` 0.
- DingTalk: ``{"msgtype": "markdown", "markdown": {"title", "text"}}``; with a secret the URL gets
  ``&timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256(secret, "<ms>\\n<secret>")>``; answer ``errcode`` 0.
- Feishu: ``{"msg_type": "text", "content": {"text": ...}}``; with a secret the body gets ``timestamp`` (s)
  and ``sign`` = base64 HMAC-SHA256 keyed by ``"<s>\\n<secret>"`` over nothing; answer ``code`` 0.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from urllib.parse import quote_plus

from claimpilot.config import AlertChannelSettings
from claimpilot.notify.http import post_json

RATE_LIMITED = {45009, 130101, 9499, 11232}  # WeCom, DingTalk, Feishu "too many requests" codes


def _check(field: str):
    def check(res) -> str | None:
        try:
            answer = res.json()
        except ValueError:
            return "answer is not JSON"
        code = answer.get(field, answer.get("StatusCode"))
        if code in (0, None):
            return None
        if code in RATE_LIMITED:
            return "retry"
        return f"code {code}: {answer.get('errmsg') or answer.get('msg') or ''}".strip()
    return check


def dingtalk_sign(secret: str, timestamp_ms: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest).decode())


def feishu_sign(secret: str, timestamp_s: str) -> str:
    digest = hmac.new(f"{timestamp_s}\n{secret}".encode(), b"", hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _dumps(obj: dict) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


def send_wecom(cfg: AlertChannelSettings, notice) -> None:
    body = {"msgtype": "markdown", "markdown": {"content": f"**{notice.title}**\n{notice.text}"}}
    post_json(cfg, cfg.wecom_url.get_secret_value(), _dumps(body), {}, "WeCom bot", _check("errcode"))


def send_dingtalk(cfg: AlertChannelSettings, notice) -> None:
    url = cfg.dingtalk_url.get_secret_value()
    if cfg.dingtalk_secret is not None:
        stamp = str(int(time.time() * 1000))
        url += ("&" if "?" in url else "?") + f"timestamp={stamp}&sign=" + \
            dingtalk_sign(cfg.dingtalk_secret.get_secret_value(), stamp)
    body = {"msgtype": "markdown", "markdown": {"title": notice.title, "text": f"### {notice.title}\n{notice.text}"}}
    post_json(cfg, url, _dumps(body), {}, "DingTalk bot", _check("errcode"))


def send_feishu(cfg: AlertChannelSettings, notice) -> None:
    body: dict = {"msg_type": "text", "content": {"text": f"{notice.title}\n{notice.text}"}}
    if cfg.feishu_secret is not None:
        stamp = str(int(time.time()))
        body = {"timestamp": stamp, "sign": feishu_sign(cfg.feishu_secret.get_secret_value(), stamp), **body}
    post_json(cfg, cfg.feishu_url.get_secret_value(), _dumps(body), {}, "Feishu bot", _check("code"))
