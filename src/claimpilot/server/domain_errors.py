"""The domain's errors as HTTP answers, in one exception handler: each ``claimpilot.errors.DomainError``
answers its ``http_status`` (not found 404, a move the lifecycle forbids 409, bad input 422); any other
``ValueError`` a service raises is bad input, 422. The answer is worded in the reader's language by a stable
code (``server/problems.py``): a known error by its own code (no such claim, a claim's refused move, a report
that cannot be read), any other by its kind, with the service's sentence as the reason."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from claimpilot.errors import Conflict, DomainError, NotFound
from claimpilot.server.problems import Problem, language, report_problem
from claimpilot.vocabulary import ClaimStatus


def problem_for(exc: Exception) -> Problem:
    """The coded refusal for a domain error (or a service's ``ValueError``)."""
    from claimpilot.accounts.nodes import StoreElsewhere
    from claimpilot.tools.buyers.queue import MessageNotFound
    from claimpilot.tools.cases.service import ClaimNotFound, NoPacket
    from claimpilot.tools.cases.states import TransitionError
    from claimpilot.tools.logistics.service import ShipmentNotFound
    from claimpilot.tools.reports.errors import ReportError

    if isinstance(exc, ReportError):
        return report_problem(exc)
    if isinstance(exc, StoreElsewhere):
        return Problem(409, "store_elsewhere", seller=exc.seller_id, node=exc.node)
    if isinstance(exc, TransitionError) and exc.move is not None:
        claim_id, current, new = exc.move
        return Problem(409, "claim_move_refused", claim_id=claim_id, current=ClaimStatus(current), new=ClaimStatus(new))
    for kind, code in ((ClaimNotFound, "claim_not_found"), (NoPacket, "claim_no_packet"),
                       (ShipmentNotFound, "shipment_not_found"), (MessageNotFound, "buyer_message_not_found")):
        if isinstance(exc, kind):
            return Problem(404, code)
    answer = exc.answer() if isinstance(exc, DomainError) else str(exc)
    reason = answer if isinstance(answer, str) else str(answer.get("message", exc))
    status = exc.http_status if isinstance(exc, DomainError) else 422
    code = "missing" if isinstance(exc, NotFound) else "conflict" if isinstance(exc, Conflict) else "invalid_input"
    problem = Problem(status, code, reason=reason)
    if not isinstance(answer, str):
        problem.extra = {k: v for k, v in answer.items() if k != "message"}
    return problem


async def domain_error(request: Request, exc: Exception) -> JSONResponse:
    problem = problem_for(exc)
    return JSONResponse(problem.body(language(request)), status_code=problem.status_code)


def install(app: FastAPI) -> None:
    """Answer the domain's errors (and a service's ``ValueError``) on every route of ``app``."""
    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(ValueError, domain_error)
