"""What Amazon's Buyer-Seller Messaging relay puts around a buyer's words: the relay address, the order id, the frame.

Amazon hides the buyer's real address behind ``<random>@marketplace.amazon.<tld>``
and wraps the buyer's text in its own lines ("------------- Begin message
-------------" ... "End message"), in the marketplace's language; a reply to
that relay address reaches the buyer.
"""

from __future__ import annotations

import re

RELAY_ADDRESS = re.compile(r"^[a-z0-9._+-]+@marketplace\.amazon\.(?:com|ca|com\.mx|com\.br|co\.uk|de|fr|it|es|nl|se|pl|"
                           r"com\.be|com\.tr|ae|sa|eg|in|co\.jp|sg|com\.au)$", re.I)
ORDER_ID = re.compile(r"(?<![\d-])(\d{3}-\d{7}-\d{7})(?![\d-])")
_BEGIN = re.compile(r"^-{3,}\s*[^\n]{0,60}?-{3,}\s*$", re.M)
_END_WORDS = ("end message", "ende der nachricht", "fin du message", "fin del mensaje", "fine del messaggio",
              "メッセージ終了", "end of message")
_QUOTE_LEAD = re.compile(r"^(?:on .{0,200} wrote:|am .{0,200} schrieb .{0,100}:|le .{0,200} a écrit :|"
                         r"el .{0,200} escribió:|il .{0,200} ha scritto:|-{2,} ?original message ?-{2,}|>.*)$",
                         re.I | re.M)
# Amazon's own lines that follow the buyer's text; nothing after them is the buyer's.
_FOOTER = re.compile(r"^(?:for your information|was this email helpful|to respond to this customer|"
                     r"copyright \d{4}|©\s*\d{4}|this email was sent by amazon)", re.I | re.M)


def is_relay_address(address: str) -> bool:
    return bool(RELAY_ADDRESS.match((address or "").strip()))


def find_order_id(*texts: str) -> str | None:
    """The first Amazon order id (3-7-7 digits) in the subject, then the body."""
    for text in texts:
        m = ORDER_ID.search(text or "")
        if m:
            return m.group(1)
    return None


def buyer_words(body: str) -> str:
    """The buyer's own text: inside Amazon's begin/end frame when there is one, quoted history dropped."""
    text = body or ""
    markers = list(_BEGIN.finditer(text))
    if len(markers) >= 2:
        start = markers[0].end()
        end = next((m.start() for m in markers[1:] if any(w in m.group(0).lower() for w in _END_WORDS)),
                   markers[1].start())
        text = text[start:end]
    else:
        footer = _FOOTER.search(text)
        if footer:
            text = text[:footer.start()]
    quote = _QUOTE_LEAD.search(text)
    if quote and quote.start() > 0:
        text = text[:quote.start()]
    return text.strip()


def buyer_name(display_name: str) -> str:
    """The buyer's name from the relay's display name ("Jane - Amazon Marketplace" -> "Jane")."""
    name = re.split(r"\s+[-–]\s+amazon|\s+via\s+amazon|\s+über\s+amazon|\s+par\s+amazon", display_name or "",
                    flags=re.I)[0]
    return name.strip().strip('"')[:200]
