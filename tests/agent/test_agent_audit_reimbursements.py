"""The agent's run_audit is the same refresh as ``claimpilot cases sync`` and the scheduled scan: besides
auditing, it matches reimbursements Amazon has paid since to the claims the seller filed."""

from __future__ import annotations

from datetime import date

from agent_helpers import AS_OF, call, make_finding, scripted, seed

from claimpilot.agent.service import Agent
from claimpilot.tools.cases.service import CaseService
from claimpilot.tools.reports.store import ReportStore

REIMB_HEADER = ("approval-date\treimbursement-id\tcase-id\tamazon-order-id\treason\tsku\tfnsku\tasin\tcondition\t"
                "currency-unit\tamount-per-unit\tamount-total\tquantity-reimbursed-cash\t"
                "quantity-reimbursed-inventory\tquantity-reimbursed-total\toriginal-reimbursement-id\t"
                "original-reimbursement-type")
PAID = "\t".join(["2026-11-03", "R-5001", "7777", "", "Lost_Warehouse", "SKU-X001AAAAAA", "X001AAAAAA", "B0TESTASIN",
                  "New", "USD", "12.50", "37.50", "3", "0", "3", "", ""])


def test_run_audit_by_chat_matches_a_paid_reimbursement_to_the_filed_claim(settings):
    claim = seed(settings, [make_finding("LOST-1", "X001AAAAAA", 3)])[0]
    cases = CaseService(settings)
    cases.mark_submitted(claim["id"], "7777", date(2026, 11, 2))
    ReportStore.for_seller(settings).import_bytes((REIMB_HEADER + "\n" + PAID + "\n").encode(), "reimb.tsv")

    model = scripted(call("run_audit", {"as_of": AS_OF.isoformat()}), "Audited.")
    with Agent(settings, model=model) as agent:
        result = agent.chat("audit my reports", "t-audit-reimb")

    tool_text = [m.content for m in model.seen[-1] if m.type == "tool"][0]
    assert '"reimbursements_matched": 1' in tool_text
    after = cases.get_claim(claim["id"])
    assert after["status"] == "reimbursed"
    assert after["reimbursements"][0]["amount"] == "37.50"
    assert result.tool_calls == [{"name": "run_audit", "args": {"as_of": AS_OF.isoformat()}}]


def test_the_offline_chat_says_how_many_reimbursements_it_matched(settings):
    claim = seed(settings, [make_finding("LOST-1", "X001AAAAAA", 3)])[0]
    CaseService(settings).mark_submitted(claim["id"], "7777", date(2026, 11, 2))
    ReportStore.for_seller(settings).import_bytes((REIMB_HEADER + "\n" + PAID + "\n").encode(), "reimb.tsv")

    with Agent(settings) as agent:
        result = agent.chat(f"audit as of {AS_OF.isoformat()}", "t-audit-offline")

    assert result.tool_calls[0]["name"] == "run_audit"
    assert "1 new reimbursement matched to filed claims" in result.answer
    assert CaseService(settings).get_claim(claim["id"])["status"] == "reimbursed"
