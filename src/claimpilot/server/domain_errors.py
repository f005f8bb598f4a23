"""The domain's errors as HTTP answers: not found 404, a move the lifecycle forbids 409, bad input 422."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import HTTPException


@contextmanager
def service_errors() -> Iterator[None]:
    from claimpilot.tools.cases.service import ClaimNotFound
    from claimpilot.tools.cases.states import TransitionError

    try:
        yield
    except ClaimNotFound:
        raise HTTPException(404, "no such claim in this seller account") from None
    except TransitionError as exc:
        raise HTTPException(409, str(exc)) from None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
