"""Claims and cases: summary, lists, one claim, case and appeal drafts; recording a filing or a denial (approved writes)."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, needs_approval, parse_date, settings_of


def _service(runtime: ToolRuntime):
    from claimpilot.tools.cases.service import CaseService

    return CaseService(settings_of(runtime))


@tool(response_format="content_and_artifact")
def claims_summary(runtime: ToolRuntime) -> tuple[str, dict]:
    """Totals of the seller's claims: how many and how much money by status and by type, recovered so far, and what is claimable now."""
    return answer("claims_summary", lambda: _service(runtime).summary())


OPEN_TO_FILE = ("claimable", "drafted")
"""What a seller means by "claimable": the window is open and nothing is filed yet, drafted or not."""


@tool(response_format="content_and_artifact")
def list_claims(runtime: ToolRuntime, status: str | None = None, type: str | None = None,
                fnsku: str | None = None, since: str | None = None, until: str | None = None,
                limit: int = 20, offset: int = 0) -> tuple[str, dict]:
    """List the seller's claims, soonest deadline (window closing) first, optionally filtered by status (pending, claimable - which includes claims whose case is drafted but not yet filed -, drafted, submitted, denied, appealed, reimbursed, expired...), type (warehouse_lost, warehouse_damaged, customer_return_missing, inbound_shortage, fee_overcharge, reimbursement_underpaid), FNSKU, or event date on or after ``since`` / on or before ``until`` (YYYY-MM-DD); ``count`` is how many match in all, ``offset`` skips that many for the next page."""

    def produce() -> dict:
        from claimpilot.tools.cases.claims_query import ClaimFilter

        filters = {k: v for k, v in {"status": status, "type": type, "fnsku": fnsku, "since": since,
                                     "until": until}.items() if v}
        statuses = OPEN_TO_FILE if status == "claimable" else status
        flt = ClaimFilter.of(statuses, type=type, fnsku=fnsku, since=parse_date(since), until=parse_date(until))
        page = _service(runtime).claims_page(flt, limit=max(1, min(limit, 50)), offset=max(0, offset))
        return {"filters": filters, "count": page.total, "offset": page.offset, "claims": page.items}

    return answer("list_claims", produce)


@tool(response_format="content_and_artifact")
def get_claim(claim_id: int, runtime: ToolRuntime) -> tuple[str, dict]:
    """Everything about one claim by its claimpilot claim id: amount, status, evidence rows, its case and history."""
    return answer("get_claim", lambda: _service(runtime).get_claim(claim_id))


@tool(response_format="content_and_artifact")
def draft_case(claim_id: int, runtime: ToolRuntime) -> tuple[str, dict]:
    """Draft the Seller Central case for a claim: the case text, a Chinese explanation, the evidence table and where to file it. Nothing is sent."""
    return answer("draft_case", lambda: _service(runtime).draft_case(claim_id))


@tool(response_format="content_and_artifact")
def draft_appeal(claim_id: int, runtime: ToolRuntime) -> tuple[str, dict]:
    """Draft an appeal for a denied claim that answers the denial's reason. Nothing is sent."""
    return answer("draft_appeal", lambda: _service(runtime).draft_appeal(claim_id))


@needs_approval
@tool(response_format="content_and_artifact")
def mark_case_submitted(claim_id: int, case_id: str, runtime: ToolRuntime) -> tuple[str, dict]:
    """Record that the seller filed the claim's case in Seller Central under Amazon's case id. Needs the person's approval."""
    return answer("mark_case_submitted", lambda: _service(runtime).mark_submitted(claim_id, case_id))


@needs_approval
@tool(response_format="content_and_artifact")
def record_denial(claim_id: int, reason: str, runtime: ToolRuntime) -> tuple[str, dict]:
    """Record that Amazon denied the claim's case, with the reason Amazon gave (needed before drafting an appeal). Needs the person's approval."""
    return answer("record_denial", lambda: _service(runtime).record_denial(claim_id, reason))


TOOLS = [claims_summary, list_claims, get_claim, draft_case, draft_appeal, mark_case_submitted, record_denial]
