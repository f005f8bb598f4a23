"""Claims and cases: summary, lists, one claim, case and appeal drafts; recording a filing or a denial (approved writes).

A claim is named by its claimpilot number (``claim_id``) or by the Amazon case id it was filed
under (``case_id``, usually 11 digits), which is resolved to its claim here.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, needs_approval, parse_date, settings_of
from claimpilot.vocabulary import ClaimType

STATUSES = ("pending, claimable (window open, not filed: drafted included), drafted, awaiting (submitted or appealed), "
            "submitted, denied, appealed, reimbursed (partly included), partly_reimbursed, reversed, expired, withdrawn")
TYPES = ", ".join(ClaimType)


def _service(runtime: ToolRuntime, marketplace: str | None = None):
    from claimpilot.tools.cases.service import CaseService

    return CaseService(settings_of(runtime), marketplace=marketplace)


def _near(runtime: ToolRuntime, **named):
    """For answer(): on a claim that was not found, the seller's ids close to the one named."""
    def suggest(exc: Exception) -> list[dict]:
        from claimpilot.agent.tools.suggest import for_claim
        from claimpilot.tools.cases.service import ClaimNotFound

        return for_claim(_service(runtime).known_ids(), named) if isinstance(exc, ClaimNotFound) else []
    return suggest


def _claim_id(runtime: ToolRuntime, claim_id: int | None, case_id: str | None) -> int:
    if claim_id is not None:
        return int(claim_id)
    if case_id:
        return _service(runtime).claim_for_case(str(case_id).replace(" ", ""))
    raise ValueError("name the claim: its claim number or the Amazon case id it was filed under")


@tool(response_format="content_and_artifact")
def claims_summary(runtime: ToolRuntime, marketplace: str | None = None) -> tuple[str, dict]:
    """Totals of the seller's claims (the dashboard's figures): how many and how much money is claimable now, filed and awaiting Amazon, recovered, denied and lost to expiry, by status and by type; ``marketplace`` (US, DE, UK...) defaults to the seller's."""
    return answer("claims_summary", lambda: _service(runtime, marketplace).summary())


LIST_CLAIMS = (
    f"List the seller's claims, soonest deadline (window closing) first, filtered exactly by: status ({STATUSES}); "
    f"type ({TYPES}); FNSKU, SKU, ASIN (the FNSKUs the seller's reports list under it), order id, inbound "
    "shipment id (FBA15…: that shipment's inbound shortages), Amazon case id; event date since/until; claim window closing between "
    "closes_from and closes_by (for 'expiring soon / this week': status claimable, closes_from today); amount range "
    "(amount_min, amount_max) and its currency (USD, EUR, GBP, JPY: only claims in that currency); marketplace. "
    "Dates are YYYY-MM-DD. count is how many match in all; offset pages.")


@tool(response_format="content_and_artifact", description=LIST_CLAIMS)
def list_claims(runtime: ToolRuntime, status: str | None = None, type: str | None = None,
                fnsku: str | None = None, sku: str | None = None, asin: str | None = None,
                order_id: str | None = None, shipment_id: str | None = None, case_id: str | None = None,
                since: str | None = None,
                until: str | None = None, closes_from: str | None = None, closes_by: str | None = None,
                amount_min: float | None = None, amount_max: float | None = None, currency: str | None = None,
                marketplace: str | None = None, limit: int = 20, offset: int = 0) -> tuple[str, dict]:
    def produce() -> dict:
        from claimpilot.tools.cases.claims_query import ClaimFilter, statuses_for

        filters = {k: v for k, v in {
            "status": status, "type": type, "fnsku": fnsku, "sku": sku, "asin": asin and asin.upper(),
            "order_id": order_id, "shipment_id": shipment_id and shipment_id.upper(), "case_id": case_id,
            "since": since, "until": until, "closes_from": closes_from, "closes_by": closes_by,
            "amount_min": amount_min, "amount_max": amount_max, "currency": currency and currency.upper(),
            "marketplace": marketplace}.items()
            if v not in (None, "")}
        flt = ClaimFilter.of(statuses_for(status), type=type, fnsku=fnsku, sku=sku, reference_id=order_id or (shipment_id and shipment_id.upper()),
                             case_id=case_id, since=parse_date(since), until=parse_date(until),
                             closes_from=parse_date(closes_from), closes_by=parse_date(closes_by),
                             amount_min=None if amount_min is None else Decimal(str(amount_min)),
                             amount_max=None if amount_max is None else Decimal(str(amount_max)),
                             currency=currency.upper() if currency else None)
        service = _service(runtime, marketplace)
        if asin:
            flt = dataclasses.replace(flt, fnskus=tuple(service.fnskus_for_asin(asin)))
        page = service.claims_page(flt, limit=max(1, min(limit, 50)), offset=max(0, offset))
        out = {"filters": filters, "marketplace": service.marketplace, "count": page.total, "offset": page.offset,
               "claims": page.items, "totals": service.amount_totals(flt) if page.total else {}}
        if page.total and not status:  # "丢件的能赔多少": of what matches, what can be filed now
            open_now = dataclasses.replace(flt, status=statuses_for("claimable"))
            out["claimable"] = {"count": service.claims_page(open_now, limit=1).total,
                                "totals": service.amount_totals(open_now)}
        named = {k: filters[k] for k in ("order_id", "shipment_id", "fnsku", "sku", "case_id") if k in filters}
        if not page.total and named:
            from claimpilot.agent.tools.suggest import for_claim

            out["did_you_mean"] = for_claim(service.known_ids(), named)
        return out

    return answer("list_claims", produce)


@tool(response_format="content_and_artifact")
def get_claim(runtime: ToolRuntime, claim_id: int | None = None, case_id: str | None = None) -> tuple[str, dict]:
    """Everything about one claim, named by its claim number or by the Amazon case id it was filed under: amount, status, window, evidence rows, its case, denials and history."""
    return answer("get_claim", lambda: _service(runtime).get_claim(_claim_id(runtime, claim_id, case_id)),
                  _near(runtime, claim_id=claim_id, case_id=case_id))


@tool(response_format="content_and_artifact")
def draft_case(claim_id: int, runtime: ToolRuntime) -> tuple[str, dict]:
    """Draft the Seller Central case for a claim: the case text, a Chinese explanation, the evidence table and where to file it. Nothing is sent."""
    return answer("draft_case", lambda: _service(runtime).draft_case(claim_id), _near(runtime, claim_id=claim_id))


@tool(response_format="content_and_artifact")
def draft_appeal(runtime: ToolRuntime, claim_id: int | None = None, case_id: str | None = None) -> tuple[str, dict]:
    """Draft an appeal for a denied claim (by claim number or Amazon case id) that answers the denial's reason. Nothing is sent."""
    return answer("draft_appeal", lambda: _service(runtime).draft_appeal(_claim_id(runtime, claim_id, case_id)),
                  _near(runtime, claim_id=claim_id, case_id=case_id))


@needs_approval
@tool(response_format="content_and_artifact")
def mark_case_submitted(claim_id: int, case_id: str, runtime: ToolRuntime) -> tuple[str, dict]:
    """Record that the seller filed the claim's case in Seller Central under Amazon's case id. Needs the person's approval."""
    return answer("mark_case_submitted",
                  lambda: _service(runtime).mark_submitted(claim_id, str(case_id).replace(" ", "")))


@needs_approval
@tool(response_format="content_and_artifact")
def record_denial(reason: str, runtime: ToolRuntime, claim_id: int | None = None, case_id: str | None = None,
                  reason_code: str | None = None) -> tuple[str, dict]:
    """Record that Amazon denied the claim's case (by claim number or Amazon case id), with the reason Amazon gave in the seller's words and, when known, its code (received_in_full, unit_found, outside_window, no_proof_of_cost, already_reimbursed, insufficient_information, other). Needed before an appeal. Needs the person's approval."""
    return answer("record_denial", lambda: _service(runtime).record_denial(
        _claim_id(runtime, claim_id, case_id), reason, reason_code=reason_code),
        _near(runtime, claim_id=claim_id, case_id=case_id))


TOOLS = [claims_summary, list_claims, get_claim, draft_case, draft_appeal, mark_case_submitted, record_denial]
