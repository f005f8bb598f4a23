"""The agent's list_claims runs the cases package's own listing: date range, page and total."""

from __future__ import annotations

import json
from datetime import timedelta

from agent_helpers import AS_OF, call, make_finding, scripted, seed

from claimpilot.agent.service import Agent


def _tool_data(model) -> list[dict]:
    texts = [m.content for m in model.seen[-1] if m.type == "tool"]
    return [json.loads(t[t.index(">") + 1:t.rindex("<")]) for t in texts]


def test_list_claims_pages_with_the_total_and_filters_by_fnsku_and_dates(settings):
    seed(settings, [make_finding("LOST-1", "X001AAAAAA", 3), make_finding("LOST-2", "X001BBBBBB", 1),
                    make_finding("LOST-3", "X001CCCCCC", 2)])
    day = (AS_OF - timedelta(days=15)).isoformat()  # the claims' events are 10 days before AS_OF
    model = scripted(call("list_claims", {"limit": 1, "offset": 1}),
                     call("list_claims", {"fnsku": "x001bbbbbb", "since": day}, "call_2"),
                     call("list_claims", {"until": "2000-01-01"}, "call_3"), "done")
    with Agent(settings, model=model) as agent:
        agent.chat("list my claims", "t-list")
    page, by_fnsku, none = _tool_data(model)
    assert (page["count"], page["offset"], len(page["claims"])) == (3, 1, 1)
    assert [c["reference_id"] for c in by_fnsku["claims"]] == ["LOST-2"] and by_fnsku["count"] == 1
    assert none["count"] == 0 and none["claims"] == []


def test_claimable_includes_claims_whose_case_is_drafted_but_not_filed(settings):
    from claimpilot.tools.cases.service import CaseService

    seed(settings, [make_finding("LOST-1", "X001AAAAAA", 3), make_finding("LOST-2", "X001BBBBBB", 1)])
    cases = CaseService(settings)
    drafted = cases.list_claims()[0]
    cases.draft_case(drafted["id"], as_of=AS_OF)
    assert cases.get_claim(drafted["id"])["status"] == "drafted"

    model = scripted(call("list_claims", {"status": "claimable"}), "done")
    with Agent(settings, model=model) as agent:
        agent.chat("what can I claim?", "t-claimable")
    (listing,) = _tool_data(model)
    statuses = {c["status"] for c in listing["claims"]}
    assert listing["count"] == 2 and "drafted" in statuses and statuses <= {"claimable", "drafted"}


def test_filters_are_applied_exactly_window_amount_order_case_and_status_groups(settings):
    from datetime import date

    from claimpilot.tools.cases.service import CaseService

    soon = make_finding("113-4982716-5501234", "X001AAAAAA", 3)  # 37.50, closes 50 days after AS_OF - 10
    big = make_finding("LOST-BIG", "X001BBBBBB", 4, "60.00")  # 240.00
    seed(settings, [soon, big, make_finding("LOST-3", "X001CCCCCC", 1)])
    cases = CaseService(settings)
    by_ref = {c["reference_id"]: c["id"] for c in cases.list_claims()}
    cases.mark_submitted(by_ref["LOST-BIG"], "18344556677")
    closes = date.fromisoformat(cases.list_claims()[0]["window_closes"])
    model = scripted(call("list_claims", {"status": "claimable", "closes_from": closes.isoformat(),
                                          "closes_by": closes.isoformat()}),
                     call("list_claims", {"amount_min": 100}, "c2"),
                     call("list_claims", {"order_id": "113-4982716-5501234"}, "c3"),
                     call("list_claims", {"case_id": "18344556677"}, "c4"),
                     call("list_claims", {"status": "awaiting"}, "c5"),
                     call("list_claims", {"closes_by": (closes - timedelta(days=1)).isoformat()}, "c6"), "done")
    with Agent(settings, model=model) as agent:
        agent.chat("filters", "t-filters")
    window, amount, order, case, awaiting, none = _tool_data(model)
    assert window["count"] == 2 and {c["status"] for c in window["claims"]} == {"claimable"}
    assert [c["reference_id"] for c in amount["claims"]] == ["LOST-BIG"]
    assert [c["reference_id"] for c in order["claims"]] == ["113-4982716-5501234"]
    assert [c["reference_id"] for c in case["claims"]] == ["LOST-BIG"]
    assert [c["status"] for c in awaiting["claims"]] == ["submitted"]
    assert none["count"] == 0


def test_how_much_a_claim_type_is_worth_lists_that_type_with_its_totals(settings):
    """"丢件的那几个能赔多少钱": the lost-inventory claims and what they add up to, not every claim's totals;
    an expired one counts in the total but not in what can be filed now."""
    seed(settings, [make_finding("LOST-1", "X001AAAAAA", 3), make_finding("LOST-2", "X001BBBBBB", 1, "40.00"),
                    make_finding("LOST-3", "X001CCCCCC", 1, "5.00", status="expired"),
                    make_finding("DMG-1", "X001DDDDDD", 1, "99.00", type="warehouse_damaged")])
    with Agent(settings) as agent:
        zh = agent.chat("丢件的那几个能赔多少钱", "t-zh")
        en = agent.chat("which lost inventory claims do I have?", "t-en")
    assert zh.tool_calls == [{"name": "list_claims", "args": {"status": "claimable", "type": "warehouse_lost"}}]
    assert "合计 US$77.50" in zh.answer and "99.00" not in zh.answer
    assert en.tool_calls == [{"name": "list_claims", "args": {"type": "warehouse_lost"}}]
    assert "Total $82.50; claimable now: 2, worth $77.50." in en.answer


def test_a_shipments_claims_are_its_inbound_shortages_and_a_mistyped_shipment_gets_a_suggestion(settings):
    seed(settings, [make_finding("FBA15K2WQ8ZN", "X001AAAAAA", 3, type="inbound_shortage"),
                    make_finding("FBA15XXXXXXX", "X001BBBBBB", 1, type="inbound_shortage"),
                    make_finding("LOST-3", "X001CCCCCC", 2)])
    model = scripted(call("list_claims", {"shipment_id": "fba15k2wq8zn"}),
                     call("list_claims", {"shipment_id": "FBA15K2WQ8ZM"}, "call_2"), "done")
    with Agent(settings, model=model) as agent:
        agent.chat("FBA15K2WQ8ZN 入库少了 能不能赔", "t-shipment")
    shipment, typo = _tool_data(model)
    assert [(c["reference_id"], c["type"]) for c in shipment["claims"]] == [("FBA15K2WQ8ZN", "inbound_shortage")]
    assert typo["count"] == 0 and typo["did_you_mean"] == [{"field": "shipment_id", "value": "FBA15K2WQ8ZN"}]
