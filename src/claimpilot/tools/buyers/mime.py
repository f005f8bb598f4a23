"""From a raw e-mail to its parts: sender, subject, Message-ID, plain text (HTML converted), attachments."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from typing import cast


class MailError(ValueError):
    """A message that cannot be read as an e-mail."""


@dataclass
class ParsedMail:
    message_id: str | None
    from_address: str
    from_name: str
    to: list[str]
    subject: str
    date: datetime | None
    text: str
    attachments: list[dict[str, object]] = field(default_factory=list)


class _TextOfHtml(HTMLParser):
    """Visible text of an HTML body: blocks become lines, scripts and styles are dropped."""

    BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote", "hr"}
    HIDDEN = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    return normalise_text(html.unescape("".join(parser.parts)))


def normalise_text(text: str) -> str:
    """Line endings unified, runs of spaces and blank lines collapsed, ends trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):  # an unknown or lying charset
        payload = cast(bytes | None, part.get_payload(decode=True))  # a body part decodes to its bytes
        content = (payload or b"").decode("utf-8", errors="replace")
    return html_to_text(content) if part.get_content_subtype() == "html" else normalise_text(content)


def _attachments(msg: EmailMessage) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        out.append({"name": part.get_filename() or "", "type": part.get_content_type(), "size": len(payload)})
    return out


def parse_mail(raw: bytes) -> ParsedMail:
    """Parse ``raw`` (RFC 5322 bytes); quoted-printable, base64 and encoded words are decoded."""
    if not raw or not raw.strip():
        raise MailError("empty message")
    try:
        msg = message_from_bytes(raw, policy=policy.default)
    except Exception as exc:  # noqa: BLE001 - the parser's own errors vary
        raise MailError(f"not an e-mail: {exc}") from None
    senders = getaddresses([str(msg.get("From", ""))])
    name, address = senders[0] if senders else ("", "")
    if not address or "@" not in address:
        raise MailError("the message has no sender address (From)")
    try:
        when = parsedate_to_datetime(str(msg["Date"])) if msg["Date"] else None
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    except (TypeError, ValueError):
        when = None
    mid = str(msg.get("Message-ID", "")).strip() or None
    return ParsedMail(message_id=mid, from_address=address.lower(), from_name=name.strip(),
                      to=[a for _, a in getaddresses([str(msg.get("To", ""))]) if a],
                      subject=normalise_text(str(msg.get("Subject", ""))), date=when,
                      text=_body(msg), attachments=_attachments(msg))
