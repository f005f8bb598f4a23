"""The domain's errors: what a seller's request can run into, whichever face it came through.

Every capability's own error derives from one of these, so that each face answers it one way: the web
server maps ``http_status`` to the HTTP answer in one exception handler (``server/domain_errors.py``),
the CLI prints the message, the agent hands it to the model as data.

- ``NotFound`` (404): no such claim, message, shipment ... in this seller account.
- ``Conflict`` (409): the thing's state does not allow the move (a claim's lifecycle, a reply's queue).
- ``Invalid`` (422): bad input; the message names what was wrong (file, row, column where there is one).
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of the domain's errors. ``public`` is the sentence a web answer gives instead of the message
    (which may name ids of other sellers); None: the message itself."""

    http_status = 422
    public: str | None = None

    def answer(self) -> str | dict[str, object]:
        """What a web answer's ``detail`` says: the public sentence, else the message (or, for errors that
        name a place, a dict of the message and that place)."""
        return self.public or str(self)


class NotFound(DomainError, LookupError):
    http_status = 404


class Conflict(DomainError, ValueError):
    http_status = 409


class Invalid(DomainError, ValueError):
    http_status = 422
