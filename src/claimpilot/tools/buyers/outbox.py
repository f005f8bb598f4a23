"""The outbox: every approved reply leaves by SMTP exactly once, across crashes and retries.

SMTP cannot be undone and has no idempotency key, so the design keeps the one
moment that cannot be made atomic (the server accepting the DATA) inside a
state that is never retried blindly. A reply moves, by conditional UPDATEs
that commit before the next step (``WHERE id = ? AND status = ? AND
reservation = ?``, so two senders can never both win):

    approved --reserve--> reserved --begin DATA--> transmitting --250--> sent
        ^                    |                         |
        |   lease expired,   |                         | connection lost during DATA,
        +---- or the server -+                         | or a crash: the server may
             refused before DATA (4xx)                 | hold the message
                                                       v
    failed <- server refused (5xx)                 uncertain --(a person, or a copy found
                                                                 in the Sent mailbox)--> sent
                                                                 | (a person) --> approved

- reserve: takes the reply for one sender (a random reservation token), and
  fixes its Message-ID the first time, so every attempt carries the same id.
- reserved means no DATA has been sent: MAIL FROM and RCPT TO may have been
  accepted, but a transaction without its final dot delivers nothing. A
  reserved reply whose lease ran out (the sender died) goes back to approved:
  re-sending it is safe.
- transmitting is committed before the DATA command. From here on the
  server may have accepted the message. A definite answer ends it (250: sent;
  a refusal: failed, or approved again for a 4xx). A crash or a lost
  connection leaves it transmitting; once the lease has run out, recovery
  turns it into uncertain, and uncertain is never sent again on its own. It is
  resolved by finding the Message-ID in the seller's Sent mailbox (where the
  mail server keeps a copy) or by a person who checks Seller Central and says
  "sent" or "send again".
- A sender that lost its reservation (recovered while it was slow) finds its
  conditional UPDATE matching no row and aborts before DATA; one whose 250
  arrives after the recovery made its reply uncertain still settles it as
  sent (its reservation token matches).
- The lease (``Settings.buyers.send_lease_s``) must exceed the longest SMTP
  transaction; a shorter one can only make replies uncertain, never send twice.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from email.utils import make_msgid
from typing import Any, cast

from sqlalchemy import CursorResult, select, update

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.tools.buyers.models import BuyerReply

APPROVED, RESERVED, TRANSMITTING, SENT = "approved", "reserved", "transmitting", "sent"
UNCERTAIN, FAILED = "uncertain", "failed"


class LostReservation(RuntimeError):
    """Another sender or the recovery took this reply; this sender must not transmit it."""


@dataclass(frozen=True)
class Reservation:
    reply_id: int
    token: str
    message_id: str



def _domain(settings: Settings) -> str:
    sender = settings.buyers.smtp.from_address or "claimpilot.invalid"
    return sender.rsplit("@", 1)[-1] or "claimpilot.invalid"


def _move(settings: Settings, reply_id: int, from_status: str, token: str | None, **values: object) -> bool:
    cond = [BuyerReply.id == reply_id, BuyerReply.status == from_status]
    if token is not None:
        cond.append(BuyerReply.reservation == token)
    with session_factory(settings).begin() as db:
        done = cast(CursorResult[Any], db.execute(update(BuyerReply).where(*cond).values(**values,
                                                                                         updated_at=clock.now_utc())))
        return done.rowcount == 1


def reserve(settings: Settings, reply_id: int) -> Reservation | None:
    """Take an approved reply for sending; None when it is not approved (sent, taken, rejected...)."""
    Session = session_factory(settings)
    token = secrets.token_hex(16)
    with Session.begin() as db:
        current = db.scalar(select(BuyerReply.outbox_message_id).where(BuyerReply.id == reply_id))
        mid = current or make_msgid(idstring=f"reply{reply_id}", domain=_domain(settings))
        done = cast(CursorResult[Any], db.execute(
            update(BuyerReply).where(BuyerReply.id == reply_id, BuyerReply.status == APPROVED)
            .values(status=RESERVED, reservation=token, reserved_at=clock.now_utc(), outbox_message_id=mid,
                    attempts=BuyerReply.attempts + 1, updated_at=clock.now_utc())))
        if done.rowcount != 1:
            return None
    return Reservation(reply_id, token, mid)


def begin_transmit(settings: Settings, r: Reservation) -> None:
    """Commit 'transmitting' before the DATA command; raises LostReservation when the reply was taken."""
    if not _move(settings, r.reply_id, RESERVED, r.token, status=TRANSMITTING):
        raise LostReservation(f"reply {r.reply_id} is no longer reserved by this sender")


def mark_sent(settings: Settings, r: Reservation) -> bool:
    """The server answered 250. Also settles the reply if a recovery judged this slow sender dead meanwhile."""
    return any(_move(settings, r.reply_id, from_status, r.token, status=SENT, sent_at=clock.now_utc(), last_error="")
               for from_status in (TRANSMITTING, UNCERTAIN))


def release(settings: Settings, r: Reservation, error: str, permanent: bool) -> None:
    """The server refused before or at DATA: nothing was delivered. Retry later (4xx) or fail (5xx)."""
    status = FAILED if permanent else APPROVED
    for from_status in (RESERVED, TRANSMITTING):
        if _move(settings, r.reply_id, from_status, r.token, status=status, reservation=None, last_error=error[:500]):
            return


def mark_uncertain(settings: Settings, r: Reservation, error: str) -> None:
    _move(settings, r.reply_id, TRANSMITTING, r.token, status=UNCERTAIN, last_error=error[:500])


def recover(settings: Settings) -> dict[str, int]:
    """After a crash: stale reservations go back to approved; stale transmissions become uncertain."""
    cutoff = clock.now_utc() - timedelta(seconds=settings.buyers.send_lease_s)
    seller = BuyerReply.seller_id == settings.seller_id
    with session_factory(settings).begin() as db:
        back = cast(CursorResult[Any], db.execute(
            update(BuyerReply).where(seller, BuyerReply.status == RESERVED, BuyerReply.reserved_at <= cutoff)
            .values(status=APPROVED, reservation=None, updated_at=clock.now_utc(),
                    last_error="the sender stopped before transmitting; sent again"))).rowcount
        unsure = cast(CursorResult[Any], db.execute(
            update(BuyerReply).where(seller, BuyerReply.status == TRANSMITTING, BuyerReply.reserved_at <= cutoff)
            .values(status=UNCERTAIN, updated_at=clock.now_utc(),
                    last_error="the sender stopped during transmission; the server may "
                               "have the message"))).rowcount
    return {"released": back, "uncertain": unsure}


def resolve_uncertain(settings: Settings, reply_id: int, delivered: bool, by: str) -> bool:
    """A person's (or the Sent mailbox's) verdict on an uncertain reply: sent, or approved to send again."""
    if delivered:
        return _move(settings, reply_id, UNCERTAIN, None, status=SENT, sent_at=clock.now_utc(), decided_by=by[:120],
                     last_error="confirmed delivered")
    return _move(settings, reply_id, UNCERTAIN, None, status=APPROVED, reservation=None, decided_by=by[:120],
                 last_error="confirmed not delivered; send again")
