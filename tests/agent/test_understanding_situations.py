"""A claim type told as a situation is read by meaning; claims asked for without one get no type."""

from __future__ import annotations

from datetime import date

import pytest

from claimpilot.agent.evaluation import slots_of
from claimpilot.agent.understanding import understand
from claimpilot.agent.understanding.situations import _text, saved

TODAY = date(2026, 11, 4)


def test_the_packaged_embeddings_are_those_of_the_situations_file():
    assert saved(_text()) is not None, "run: python -m claimpilot.agent.understanding.situations"


@pytest.mark.parametrize("said, claim_type", [
    ("头程发了两百件过去 仓库那边只收了一百八十几件 这种能提的有哪些", "inbound_shortage"),
    ("客户退款都快三个月了 东西还是没寄回仓库 这种的列一下", "customer_return_missing"),
    ("they measured the box way bigger than it is so every order costs me more in fba fees", "fee_overcharge"),
    ("we pulled stock back to our 3PL and fewer units showed up than amazon said it shipped", "removal_shipment_short"),
    ("之前丢件赔过的钱又被亚马逊收回去了 货其实也没找到", "reimbursement_reversed_unfound"),
])
def test_a_situation_names_its_claim_type(said, claim_type):
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args).get("type")) == ("list_claims", claim_type)


@pytest.mark.parametrize("said", ["还有哪些能赔的 帮我列一下吧 谢谢", "which of my claims are still waiting on amazon right now",
                                  "德国站上个月新增的那些索赔都给我看看", "我那批空运的货到底到仓了没有啊"])
def test_claims_asked_for_without_a_situation_get_no_type(said):
    assert "type" not in slots_of(understand(said, today=TODAY).args)
