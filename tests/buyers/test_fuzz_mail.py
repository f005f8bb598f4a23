"""Fuzzing the buyer-mail parser: any bytes, and relay mails with arbitrary headers and bodies, give a
message, a reason it is not a relay message, or a MailError; never another exception."""

from __future__ import annotations

from email.message import EmailMessage

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimpilot.tools.buyers.intake import mail_to_incoming
from claimpilot.tools.buyers.mime import MailError

FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
header_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60)


def _outcome(raw: bytes) -> None:
    try:
        got = mail_to_incoming(raw, "fuzz-1")
    except MailError as exc:
        assert str(exc)
        return
    if isinstance(got, str):
        assert got.startswith("not from Amazon's buyer relay")
    else:
        assert isinstance(got.body, str) and got.relay_address.endswith("@marketplace.amazon.com")


@FUZZ
@given(st.binary(max_size=600))
def test_any_bytes_give_a_message_or_a_named_error(raw):
    _outcome(raw)


@FUZZ
@given(name=header_text, subject=header_text, date=header_text, body=st.text(max_size=300),
       html=st.booleans(), cte=st.sampled_from(["quoted-printable", "base64", "8bit", "7bit"]),
       attach=st.binary(max_size=80), charset=st.sampled_from(["utf-8", "gb2312", "iso-8859-1", "utf-16"]))
def test_relay_mails_with_any_headers_and_bodies_are_read_or_refused_by_name(name, subject, date, body, html,
                                                                            cte, attach, charset):
    mail = EmailMessage()
    mail["From"] = f'"{name} - Amazon Marketplace" <k7x2m9q4wz1@marketplace.amazon.com>'
    mail["To"] = "seller@example.com"
    mail["Subject"] = subject
    mail["Date"] = date
    text = f"------------- Begin message -------------\n\n{body}\n\n------------- End message -------------\n"
    try:
        mail.set_content(f"<p>{text}</p>" if html else text, subtype="html" if html else "plain",
                         charset=charset, cte=cte if charset != "utf-16" else "base64")
    except (UnicodeError, ValueError, LookupError):  # a body this charset cannot carry: send it as UTF-8
        mail.set_content(text, cte="base64")
    mail.add_attachment(attach, maintype="application", subtype="octet-stream", filename=f"{name[:20]}.bin")
    raw = mail.as_bytes()
    _outcome(raw)
    _outcome(raw.replace(b"\n", b"\r\n"))
    _outcome(raw[: len(raw) // 2])
