"""The digest's content: new claims, deadlines within 7 days, reimbursements and reversals received,
delayed shipments, in the seller's language; only what happened in its window."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from scheduler_utils import AS_OF, install
from sqlalchemy import select

from claimpilot.accounts import sellers as service
from claimpilot.db import session_factory
from claimpilot.jobs.digest import gather_digest, render_digest, send_digest
from claimpilot.jobs.runner import ensure_schema, run_job
from claimpilot.tools.cases.models import Claim, ReimbursementMatch
from claimpilot.tools.logistics.models import ShipmentAlert


def test_the_digest_tells_what_happened_in_its_window(settings, templates):
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "acme", kinds=[])
        service.set_schedule(db, "acme", "scan", at_utc="06:00", options={"fetch": False})
    install(templates[3], settings, "acme")
    assert run_job(settings, "acme", "scan", AS_OF.isoformat()).status == "succeeded"
    acme = settings.model_copy(update={"seller_id": "acme", "language": "zh"})

    with session_factory(settings).begin() as db:
        first, second = db.scalars(select(Claim).where(Claim.seller_id == "acme").order_by(Claim.id).limit(2))
        for claim, kind, amount, day in ((first, "payment", "12.50", AS_OF), (second, "reversal", "-3.00", AS_OF),
                                         (second, "payment", "9.99", AS_OF - timedelta(days=3))):
            db.add(ReimbursementMatch(seller_id="acme", marketplace="US", claim_id=claim.id,
                                      reimbursement_id=f"R-{kind}-{day}", fnsku=claim.fnsku or "", kind=kind,
                                      matched_by="fnsku", approval_date=day, quantity=1, amount=Decimal(amount),
                                      currency="USD"))
        for key, day in (("late-now", AS_OF), ("late-before", AS_OF - timedelta(days=5))):
            db.add(ShipmentAlert(seller_id="acme", key=key, kind="eta_slip", ref=f"1Z{key}",
                                 message=f"1Z{key}: ETA 5 days past the plan", data={}, raised_on=day,
                                 deliveries={}))
        claims = list(db.scalars(select(Claim).where(Claim.seller_id == "acme")))

    digest = gather_digest(acme, AS_OF)
    assert len(digest["new_claims"]) == len([c for c in claims if c.status != "withdrawn"])
    assert {c["id"] for c in digest["deadlines"]} == {
        c.id for c in claims if c.status in ("pending", "claimable", "drafted")
        and AS_OF <= c.window_closes <= AS_OF + timedelta(days=7)}
    assert [r["amount"] for r in digest["reimbursements"]] == ["12.50"] and digest["reimbursed_total"] == "12.50 USD"
    assert [r["amount"] for r in digest["reversals"]] == ["-3.00"]
    assert [a["ref"] for a in digest["shipments"]] == ["1Zlate-now"]

    text = render_digest(digest, "zh")
    assert text.startswith(f"acme 每日摘要（{AS_OF.isoformat()}）")
    assert "已收到赔付：1 笔，共 12.50 USD" in text and "被追回（冲销）：1 笔" in text
    assert "物流延误与异常：1 条" in text and "1Zlate-now: ETA 5 days past the plan" in text
    assert f"新发现的索赔：{len(digest['new_claims'])} 项" in text

    later = max(c.window_closes for c in claims) + timedelta(days=1)
    quiet = gather_digest(acme, later)  # after every window closed: nothing new, nothing due
    assert not any(quiet[k] for k in ("new_claims", "deadlines", "reimbursements", "reversals", "shipments"))
    assert send_digest(acme, later) == {
        "counts": {"new_claims": 0, "deadlines": 0, "reimbursements": 0, "reversals": 0, "shipments": 0},
        "deliveries": {}, "sent": False}
