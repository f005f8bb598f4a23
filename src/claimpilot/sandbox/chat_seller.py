"""A seller for the chat's evaluation: 40 claims of every type and status, on a fixed day.

Claim numbers 1..40 (a fresh store numbers them so), filed cases under Amazon case ids, denials,
reimbursements and expired windows, so that the utterances of the evaluation set name claims,
cases, orders and FNSKUs that exist. ``seed_chat_seller(settings, today)`` fills a fresh home.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from claimpilot.config import Settings
from claimpilot.tools.audit.finding import Evidence, Finding
from claimpilot.vocabulary import ClaimType

TYPES = [t.value for t in ClaimType]
FNSKUS = ["X00K7PQ2ZM", "X00B4TRN8Q", "X00PL9MN3B", "X001AAAAAA", "X001BBBBBB"]
ORDERS = ["113-4982716-5501234", "114-2093847-6612093", "112-7730491-2286105", "111-5566778-9900112"]
SKUS = ["YG-MAT-BLK-6MM", "MUG-WHT-11OZ"]
# claim number -> (status to reach, Amazon case id when filed)
FILED = {5: ("denied", "18344556677"), 9: ("denied", "17283940561"), 14: ("denied", "18390012345"),
         19: ("denied", "18351234567"), 22: ("denied", "18352223333"), 21: ("submitted", "18353334444"),
         24: ("submitted", "18354445555"), 25: ("submitted", "18355556666"), 27: ("submitted", "18356667777"),
         28: ("submitted", "18357778888"), 29: ("submitted", "18358889999"), 30: ("submitted", "18359990000"),
         31: ("reimbursed", "18361112222"), 32: ("reimbursed", "18362223333"), 33: ("submitted", "18363334444"),
         16: ("submitted", "18364445555"), 36: ("appealed", "18365556666"), 37: ("partly_reimbursed", "18366667777")}
EXPIRED = {38, 39}
PENDING = {35, 40}


def findings(today: date) -> list[Finding]:
    out = []
    for n in range(1, 41):
        kind = TYPES[(n - 1) % 6] if n in FILED else TYPES[(n - 1) % len(TYPES)]  # filed: first-wave types
        closes = today + timedelta(days=(n * 3) % 45 + 1)
        if n in EXPIRED:
            closes = today - timedelta(days=5 + n)
        opens = today + timedelta(days=10) if n in PENDING else closes - timedelta(days=60)
        event = opens - timedelta(days=1)
        unit = Decimal("12.50") + Decimal(n * 7 % 90)
        qty = 1 + n % 4
        status = "pending" if n in PENDING else "expired" if n in EXPIRED else "claimable"
        out.append(Finding(type=kind, status=status, reference_id=ORDERS[n % len(ORDERS)] if n % 3 == 0 else f"REF-{n}",
                           fnsku=FNSKUS[n % len(FNSKUS)], sku=SKUS[n % len(SKUS)], quantity=qty, unit_value=unit,
                           amount=unit * qty, currency="USD", event_date=event, window_opens=opens,
                           window_closes=closes, evidence=[Evidence("ledger", "a" * 64, n)], marketplace="US"))
    return out


def seed_chat_seller(settings: Settings, today: date) -> None:
    """The evaluation seller's 40 claims in ``settings``' (fresh) store, as of ``today``."""
    from claimpilot.tools.cases.models import Claim, ReimbursementMatch
    from claimpilot.tools.cases.service import CaseService
    from claimpilot.tools.cases.sync import move

    service = CaseService(settings)
    service.sync(findings(today), today)
    filed_on = today - timedelta(days=20)
    for claim_id, (status, case_id) in FILED.items():
        service.mark_submitted(claim_id, case_id, on=filed_on)
        if status in ("denied", "appealed"):
            service.record_denial(claim_id, "No units were found missing.", on=filed_on + timedelta(days=5))
        if status == "appealed":
            service.mark_submitted(claim_id, case_id, on=filed_on + timedelta(days=7))
        if status in ("reimbursed", "partly_reimbursed"):
            with service._sessions.begin() as s:
                claim = s.get(Claim, claim_id)
                paid = claim.amount if status == "reimbursed" else (claim.amount / 2).quantize(claim.amount)
                s.add(ReimbursementMatch(  # the payment the reimbursements report would show: totals agree
                    seller_id=claim.seller_id, marketplace=claim.marketplace, claim_id=claim_id,
                    reimbursement_id=f"R{claim_id:08d}", fnsku=claim.fnsku or "", kind="payment",
                    matched_by="case_id", approval_date=filed_on + timedelta(days=9),
                    quantity=claim.quantity, amount=paid, currency=claim.currency))
                move(s, claim, status, filed_on + timedelta(days=9), note="paid")
