"""A claim's lifecycle: the statuses and the moves allowed between them.

    pending --(window opens)--> claimable --draft--> drafted --submit--> submitted
    submitted/appealed --> reimbursed | partly_reimbursed | denied
    denied --appeal--> appealed ;  reimbursed/partly_reimbursed --clawback--> reversed
    pending/claimable/drafted --(window closed)--> expired
    pending/claimable/drafted/expired --(loss gone from the audit)--> withdrawn
"""

from __future__ import annotations

from claimpilot.errors import Conflict

PENDING = "pending"
CLAIMABLE = "claimable"
DRAFTED = "drafted"
SUBMITTED = "submitted"
REIMBURSED = "reimbursed"
PARTLY_REIMBURSED = "partly_reimbursed"
DENIED = "denied"
APPEALED = "appealed"
REVERSED = "reversed"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"

STATUSES = (PENDING, CLAIMABLE, DRAFTED, SUBMITTED, REIMBURSED, PARTLY_REIMBURSED,
            DENIED, APPEALED, REVERSED, EXPIRED, WITHDRAWN)

# Not yet filed: the audit still decides these claims' figures and status.
UNFILED = frozenset({PENDING, CLAIMABLE, DRAFTED, EXPIRED, WITHDRAWN})
# Filed with Amazon and awaiting an answer.
AWAITING = frozenset({SUBMITTED, APPEALED})
# Filed at some point (money claimed).
FILED = frozenset({SUBMITTED, APPEALED, REIMBURSED, PARTLY_REIMBURSED, DENIED, REVERSED})

ALLOWED: dict[str, frozenset[str]] = {
    PENDING: frozenset({CLAIMABLE, EXPIRED, WITHDRAWN}),
    CLAIMABLE: frozenset({PENDING, DRAFTED, SUBMITTED, EXPIRED, WITHDRAWN}),
    DRAFTED: frozenset({CLAIMABLE, PENDING, SUBMITTED, EXPIRED, WITHDRAWN}),
    SUBMITTED: frozenset({REIMBURSED, PARTLY_REIMBURSED, DENIED}),
    APPEALED: frozenset({REIMBURSED, PARTLY_REIMBURSED, DENIED}),
    DENIED: frozenset({APPEALED, REIMBURSED, PARTLY_REIMBURSED}),
    REIMBURSED: frozenset({REVERSED, PARTLY_REIMBURSED}),
    PARTLY_REIMBURSED: frozenset({REIMBURSED, REVERSED}),
    REVERSED: frozenset({REIMBURSED, PARTLY_REIMBURSED}),
    EXPIRED: frozenset({CLAIMABLE, PENDING, WITHDRAWN}),
    WITHDRAWN: frozenset({PENDING, CLAIMABLE, EXPIRED}),
}


class TransitionError(Conflict):
    """A claim was asked to move where its lifecycle does not allow; ``move`` is (claim id, from, to) when the
    refusal is a move between two statuses."""

    def __init__(self, message: str, move: tuple[int, str, str] | None = None) -> None:
        super().__init__(message)
        self.move = move


def check_move(claim_id: int, current: str, new: str) -> None:
    """Raise ``TransitionError`` unless ``current -> new`` is allowed."""
    if new not in ALLOWED.get(current, frozenset()):
        raise TransitionError(f"claim {claim_id}: cannot move from {current} to {new}", (claim_id, current, new))
