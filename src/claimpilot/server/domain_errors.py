"""The domain's errors as HTTP answers: not found 404, a move the lifecycle forbids 409, bad input 422."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from claimpilot.server.problems import Problem
from claimpilot.vocabulary import ClaimStatus


@contextmanager
def service_errors() -> Iterator[None]:
    from claimpilot.tools.cases.service import ClaimNotFound
    from claimpilot.tools.cases.states import TransitionError

    try:
        yield
    except ClaimNotFound:
        raise Problem(404, "claim_not_found") from None
    except TransitionError as exc:
        if exc.move is not None:
            claim_id, current, new = exc.move
            raise Problem(409, "claim_move_refused", claim_id=claim_id, current=ClaimStatus(current),
                          new=ClaimStatus(new)) from None
        raise Problem(409, "conflict", reason=str(exc)) from None
    except ValueError as exc:
        raise Problem(422, "invalid_input", reason=str(exc)) from None
