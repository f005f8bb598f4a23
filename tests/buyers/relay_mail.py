"""Buyer e-mails the way Amazon's Buyer-Seller Messaging relay sends them."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

FRAME = {
    "en": ("------------- Begin message -------------", "------------- End message -------------",
           "For Your Information: To help arrive at a resolution, we encourage you to respond within 24 hours."),
    "de": ("------------- Beginn der Nachricht -------------", "------------- Ende der Nachricht -------------",
           "Zur Information: Bitte antworten Sie innerhalb von 24 Stunden."),
}


def relay_mail(text: str, order_id: str | None, *, name: str = "Jane",
               relay: str = "k7x2m9q4wz1@marketplace.amazon.com",
               to: str = "seller@example.com", cte: str = "quoted-printable", html: bool = False, lang: str = "en",
               message_id: str | None = None, subject: str | None = None) -> bytes:
    begin, end, footer = FRAME.get(lang, FRAME["en"])
    body = f"{begin}\n\n{text}\n\n{end}\n\n{footer}\n"
    mail = EmailMessage()
    mail["From"] = f'"{name} - Amazon Marketplace" <{relay}>'
    mail["To"] = to
    mail["Subject"] = subject if subject is not None else (
        f"Inquiry from Amazon customer {name} (Order: {order_id})" if order_id
        else f"Inquiry from Amazon customer {name}")
    mail["Date"] = formatdate(usegmt=True)
    mail["Message-ID"] = message_id or make_msgid(domain="marketplace.amazon.com")
    if html:
        markup = "<html><head><style>p{color:red}</style></head><body>" + "".join(
            f"<p>{line}</p>" for line in body.split("\n") if line) + "</body></html>"
        mail.set_content(markup, subtype="html", charset="utf-8", cte=cte)
    else:
        mail.set_content(body, charset="utf-8", cte=cte)
    return bytes(mail)
