"""The offline understanding: the development set's tools and slots, typos, ids, dates, and whole turns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from claimpilot.agent.answer_check import problems
from claimpilot.agent.evaluation import load_set, slots_of
from claimpilot.agent.router.intents import load_examples
from claimpilot.agent.service import Agent
from claimpilot.agent.understanding import thread, understand
from claimpilot.agent.understanding.dates import find_dates
from claimpilot.agent.understanding.ids import find_ids
from claimpilot.agent.understanding.normalize import normalize

HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def _says(path: Path) -> set[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {t["say"] for it in data["items"] for t in (it["thread"] if "thread" in it else [it])}


def test_the_sets_are_apart_from_each_other_and_from_the_examples():
    examples = {t for texts in load_examples().values() for t in texts}
    dev, evaluation = _says(HERE / "data" / "chat_dev.yaml"), _says(ROOT / "benchmarks" / "data" / "chat_eval.yaml")
    held = _says(ROOT / "benchmarks" / "data" / "chat_heldout.yaml")
    unseen = _says(ROOT / "benchmarks" / "data" / "chat_unseen.yaml")
    assert len(evaluation) >= 400 and not dev & evaluation and not examples & (dev | evaluation)
    assert len(held) >= 140 and not held & (dev | evaluation | examples)
    assert len(unseen) >= 40 and not unseen & (dev | evaluation | held | examples)


def test_development_set_tools_and_slots_through_the_understanding_layer():
    today, threads = load_set(HERE / "data" / "chat_dev.yaml")
    wrong = []
    for turns in threads:
        subject: dict = {}
        for turn in turns:
            u = understand(turn.say, today=today, subject=subject)
            args = {} if u.kind == "missing" else slots_of(u.args)  # asked for what it lacks: no slots, as scored
            if u.tool != turn.tool or args != turn.args or u.lang != turn.lang:
                wrong.append((turn.say, turn.tool, turn.args, u.tool, args))
            if u.kind == "tool":
                subject = thread.noted(thread.from_calls(subject, [{"name": u.tool, "args": u.args}]), u.named)
    # Its known misses (`claimpilot eval --set tests/agent/data/chat_dev.yaml --misses` lists them): an id corrected by
    # its last character, and the turns after; a shipment story's id read as the one asked; a list after one status's
    # totals; "第一个那个货件" after two shipments; a request taken back after 不对不对; rules asked of the seller's own
    # order or the thread's claim or shipment ("…这种按怎算会当赔无", "它要是入库少了 有…claim 吗"), read as its claims;
    # "退货报告也要 同样时间段" read as both reports; a Cantonese "not that, the awaiting ones" that drops the amount;
    # "on us" for the US store in lowercase chat; a list picked from after "ok got 3:" and the two turns after; Seller
    # Support asking for documents read as a buyer's message; a denial recorded by the pasted case, not the thread's
    # claim; a shipment's shortage told amid other shipments' dates and counts ("9/12发的 9/28到仓 一共三票 … 能索了没",
    # "OK so: 10/02 we sent 3 envíos…"), read as the totals or as a loss in the warehouse; "能就写 快" after a claim's
    # status; "update on it?" after a case was filed for a claim, read as the claim (its label: the case); a claim
    # number typed in pieces with spaces ("索陪 3 18", and the turn after); the store of a shipment told in its story
    # ("十月十二号那批发英国的…"); the days of a stock count told before the question ("9月底盘库存只剩198个 … 现在能不能
    # 提仓丢"); this week's reports asked beside last week's set aside ("这周的订单报告… 上周的她已经有了"); the day a
    # forwarder said the goods reached port, told before the question ("货代上上周就说到港了 现在还卡在青关的有哪些").
    assert len(wrong) <= 26, wrong


@pytest.mark.parametrize("typed, meant", [("仓库损怀的索陪", "仓库损坏的索赔"), ("给索赔9写个申述", "给索赔9写个申诉"),
                                          ("索赔17以经提交", "索赔17已经提交"), ("案列18344556677", "案例18344556677"),
                                          ("5天内到期的退货索赔", "5天内到期的退货索赔"),
                                          ("它被拒了说没有成本正明", "它被拒了说没有成本证明"),
                                          ("11月20号之前能派送到仓的", "11月20号之前能派送到仓的"),
                                          ("only the ones over fifty bucks", "only the ones over 50 bucks"),
                                          ("we were losing stock", "we were losing stock"),
                                          ("有无会当索陪的", "有没有可以索赔的"), ("按怎回伊", "怎么回他"), ("伊朗", "伊朗"),
                                          ("会当赔无", "可以赔吗"), ("这个无法提交", "这个无法提交"),
                                          ("案例号是幺八 四七 二九 三零 六五 二", "案例号是18472930652"),
                                          ("柜号是M S K U 八零四 幺七二 六", "柜号是MSKU8041726"),
                                          ("CASE 18830261947 DENIED", "CASE 18830261947 DENIED"),
                                          ("柜号MSCU 四八二 九幺七三 到哪了", "柜号MSCU4829173 到哪了"),
                                          ("锁赔幺三五现在什么情况", "索赔135现在什么情况"),
                                          ("柜号是 M S C U 七四幺 两洞八三 到哪了", "柜号是 MSCU7412083 到哪了"),
                                          ("订单号三洞两杠 幺四七七 两洞九 杠 六六三八 幺洞五 帮我回",
                                           "订单号302-1477209-6638105 帮我回"),
                                          ("ASIN是 B洞 CK七 M两 Q九X 的配送费", "ASIN是 B0CK7M2Q9X 的配送费"),
                                          ("索赔两洞七 写个case", "索赔207 写个case"),
                                          ("FBA15K8R2TQM 一共发了480个", "FBA15K8R2TQM 一共发了480个"),
                                          ("第一个 三四天", "第一个 三四天"),
                                          ("货件号F B A 幺八 G 四 T 七，就是说P X 三，然后到仓了没有",
                                           "货件号FBA18G4T7PX3,然后到仓了没有"),
                                          ("S K U是Q Z 杠 R U N 杠 四 二", "SKU是QZ-RUN-42"),
                                          ("sku HZ-DR-0412-BLU-M in DE", "sku HZ-DR-0412-BLU-M in DE"),
                                          ("一千零五十号赔下来了没有", "1050号赔下来了没有")])
def test_same_pinyin_typos_are_corrected_and_right_words_left_alone(typed, meant):
    assert normalize(typed) == meant


def test_words_of_the_dictionary_are_never_taken_for_typos():
    """过去 is not 过期, 意思 is not 遗失, 多数 is not 多收: only the typos sellers make of real words
    (``typos_that_are_words``, such as 申述) are corrected."""
    from opencc import OpenCC
    from pypinyin.phrases_dict import phrases_dict

    from claimpilot.agent.understanding.lexicon import lexicon

    allowed = set(lexicon()["typos_that_are_words"])
    simplified = OpenCC("t2s").convert  # a word in traditional characters is read in simplified ones (meant)
    changed = [w for w in phrases_dict if 2 <= len(w) <= 5 and w not in allowed and normalize(w) != simplified(w)
               and not any(ch in simplified(w) for ch in "帐啥咋嘛唔乜甚")
               and not any(fold in w for fold in ("几多", "儿个"))]  # the folds (帐 -> 账, 啥 -> 什么, 干嘛;
    # Cantonese 唔 -> 不, 乜 -> 什么; 甚么 -> 什么; Hunan 几多 -> 多少; Beijing 今儿个 -> 今天) are meant
    assert changed == []
    u = understand("不好意思 过去半个月找到的入库少收有哪些", today=date(2026, 11, 4))
    assert slots_of(u.args) == {"type": "inbound_shortage", "since": "2026-10-20", "until": "2026-11-04"}


@pytest.mark.parametrize("said, tool, slots", [
    ("给33写个case", "draft_case", {"claim_id": 33}),
    ("amz denied 31, said the unit was found", "record_denial", {"claim_id": 31, "reason_code": "unit_found"}),
    ("近30天被拒的", "list_claims", {"status": "denied", "since": "2026-10-05", "until": "2026-11-04"}),
    ("top 5 denied claims", "list_claims", {"status": "denied"}),
    ("over 100 dollars denied", "list_claims", {"status": "denied", "amount_min": 100, "currency": "USD"}),
    ("12.5刀以上的仓丢", "list_claims", {"type": "warehouse_lost", "amount_min": 12.5, "currency": "USD"}),
    ("10.1到10.31的丢件", "list_claims", {"type": "warehouse_lost", "since": "2026-10-01", "until": "2026-10-31"}),
])
def test_a_bare_number_is_a_claim_only_when_something_is_done_to_it(said, tool, slots):
    u = understand(said, today=date(2026, 11, 4))
    assert (u.tool, slots_of(u.args)) == (tool, slots)


@pytest.mark.parametrize("pasted, reason", [
    ("记一下\n\nHello,\n\nWe re-measured the item and the dimensions on file are correct.\n\nCase ID: 19001234567",
     "measurement_correct"),
    ("log it\n\nHola,\n\nEl reembolso al cliente es reciente y todavía está dentro del plazo de devolución.\n\n"
     "ID del caso: 19001234568", "too_early"),
    ("先记上\n\nGuten Tag,\n\ndie Einheiten der Sendung wurden vollständig im Lager empfangen.\n\nFall-ID: 19001234569",
     "received_in_full"),
    ("记一下\n\nこの注文の返品商品は当センターで受領済みです。\n\nケースID: 19001234570", "return_received"),
    ("note it\n\nHello,\n\nThe damage was caused by insufficient packaging, so the seller is responsible.\n\n"
     "Case ID: 19001234571", "seller_responsible"),
])
def test_every_denial_reason_is_read_from_amazons_reply_pasted_in_the_line(pasted, reason):
    """Amazon's reply pasted with "记一下" or "log it": recorded with the reason Amazon's own words give, in any of the
    marketplaces' languages, and the figures inside the reply are no claim numbers."""
    u = understand(pasted, today=date(2026, 11, 4))
    assert (u.tool, slots_of(u.args)) == ("record_denial", {"case_id": pasted[-11:], "reason_code": reason})


def test_a_reason_the_seller_says_amazon_did_not_give_is_not_read():
    u = understand("这单货亚马逊也没说找到 给它开个case追回来", today=date(2026, 11, 4),
                   subject={"claim_id": 207})
    assert (u.tool, slots_of(u.args)) == ("draft_case", {"claim_id": 207})


@pytest.mark.parametrize("typed, meant", [("claims expirng soon", "claims expiring soon"), ("denid ones", "denied ones"),
                                          ("recieved in full", "received in full"), ("it appears so", "it appears so"),
                                          ("the claims that expire", "the claims that expire"),
                                          ("sku SHIPMNET-01", "sku SHIPMNET-01"), ("退货没会仓的", "退货没回仓的")])
def test_english_slips_are_written_as_the_word_and_ids_and_words_left_alone(typed, meant):
    assert normalize(typed) == meant


def test_ids_with_spaces_and_case_ids_resolve():
    assert find_ids("x00 k7pq 2zm 有没有索赔").values == {"fnsku": "X00K7PQ2ZM"}
    assert find_ids("工单号 1839 0012 345 进展如何").values == {"case_id": "18390012345"}
    assert find_ids("12号前到期的有哪些").values == {}
    assert find_ids("113-498271-5501234 这单").values == {"order_id": "113-498271-5501234"}  # a lost digit stays
    assert find_ids("114-39 28475-6650213 这单").values == {"order_id": "114-3928475-6650213"}
    assert find_ids("X00-2KF 97QL 查一下").values == {"fnsku": "X002KF97QL"}
    assert find_ids("FBA15 L8Z-3K2W7 到哪了").values == {"shipment_id": "FBA15L8Z3K2W7"}
    assert find_ids("case号 151-2047-7380 被拒了").values == {"case_id": "15120477380"}
    assert find_ids("the FBA fees on my US stuff").values == {}  # words after FBA are no id
    assert find_ids("下周到期的索赔 500欧以上的").values == {}  # an amount after 索赔 is no claim number


@pytest.mark.parametrize("words, start, end", [
    ("这周", "2026-11-02", "2026-11-08"), ("下周", "2026-11-09", "2026-11-15"), ("上个月", "2026-10-01", "2026-10-31"),
    ("7天内", "2026-11-04", "2026-11-11"), ("next 10 days", "2026-11-04", "2026-11-14"),
    ("since March", "2026-03-01", None), ("月底前", None, "2026-11-30"), ("12号", "2026-11-12", "2026-11-12"),
    ("最近30天", "2026-10-05", "2026-11-04"), ("下周三", "2026-11-11", "2026-11-11"),
    ("上个月底", "2026-10-21", "2026-10-31"), ("end of last month", "2026-10-21", "2026-10-31"),
    ("下礼拜一到礼拜五", "2026-11-09", "2026-11-13"), ("周三到周五", "2026-11-04", "2026-11-06"),
    ("Q3", "2026-07-01", "2026-09-30"), ("第四季度", "2026-10-01", "2026-12-31"),
    ("the first half of October", "2026-10-01", "2026-10-15"), ("十月下半月", "2026-10-16", "2026-10-31"),
    ("since the 15th pls", "2026-10-15", None), ("前天", "2026-11-02", "2026-11-02"),
    ("本月上旬", "2026-11-01", "2026-11-10"), ("since Halloween", "2026-10-31", None),
    ("黑五之后", "2026-11-27", None), ("双十一前", None, "2026-11-11"), ("last christmas", "2025-12-25", "2025-12-25"),
    ("国庆期间", "2026-10-01", "2026-10-07"), ("上半年", "2026-01-01", "2026-06-30"),
    ("since the end of last month", "2026-10-31", None), ("by next Friday", None, "2026-11-13"),
    ("as of the end of October", "2026-10-21", "2026-10-31"), ("up to the 31st", None, "2026-10-31"),
    ("1-15 October", "2026-10-01", "2026-10-15"), ("October 16 through 31", "2026-10-16", "2026-10-31"),
    ("from 1/10 to 30/10", "2026-10-01", "2026-10-30"), ("10/15 to 10/20", "2026-10-15", "2026-10-20"),
    ("本月一日至今", "2026-11-01", "2026-11-04"), ("9月份到现在", "2026-09-01", "2026-11-04"),
    ("between now and the 20th", "2026-11-04", "2026-11-20"), ("1 September through to 15 October", "2026-09-01",
                                                                 "2026-10-15"),
    ("since Oct 1, till Oct 15", "2026-10-01", "2026-10-15"), ("上个月15号以后", "2026-10-15", None),
    ("国庆之后", "2026-10-08", None), ("国庆长假回来到现在", "2026-10-08", "2026-11-04")])
def test_time_expressions_become_date_ranges(words, start, end):
    (found,) = find_dates(words, date(2026, 11, 4))  # one range: "1/10 to 30/10" is two days joined
    assert (str(found.start) if found.start else None, str(found.end) if found.end else None) == (start, end)


def test_expiring_soon_is_the_window_closing_within_the_dashboards_week():
    u = understand("哪些索赔快过期了", today=date(2026, 11, 4))
    assert (u.tool, u.args) == ("list_claims", {"status": "claimable", "closes_from": "2026-11-04",
                                                "closes_by": "2026-11-11"})


def test_out_of_scope_is_declined_and_help_lists_everything(seeded):
    settings, _ = seeded
    with Agent(settings) as agent:
        ppc = agent.chat("Set up a PPC campaign", "t-ppc")
        promo = agent.chat("帮我做个站外推广", "t-promo")
        help_zh = agent.chat("你能干啥", "t-help")
    assert ppc.tool_calls == [] and "outside what claimpilot does" in ppc.answer and len(ppc.answer.splitlines()) == 1
    assert promo.tool_calls == [] and "超出了 claimpilot 的范围" in promo.answer
    for word in ("索赔", "案件", "申诉", "政策", "物流", "买家消息", "报告"):
        assert word in help_zh.answer
    assert not problems(help_zh.answer, "zh")


def test_offline_turns_in_both_languages_have_no_codes(seeded):
    settings, claims = seeded
    with Agent(settings) as agent:
        zh = agent.chat("列出可以索赔的", "t-zh")
        summary = agent.chat("还有多少能赔", "t-sum")
        en = agent.chat(f"show claim {claims[1]['id']}", "t-en")
        ask = agent.chat("给索赔写申诉", "t-ask")
    assert zh.tool_calls == [{"name": "list_claims", "args": {"status": "claimable"}}]
    assert "共 2 条" in zh.answer and "X001AAAAAA" in zh.answer and "仓库丢失" in zh.answer
    assert "US$77.50" in summary.answer  # 3 × 12.50 + 1 × 40.00, the dashboard's "open" figure
    assert en.tool_calls[0]["name"] == "get_claim" and "$40.00" in en.answer
    assert "Lost in an Amazon warehouse" in en.answer
    assert ask.tool_calls == [] and "索赔编号" in ask.answer
    for result, lang in ((zh, "zh"), (summary, "zh"), (en, "en"), (ask, "zh")):
        assert problems(result.answer, lang) == [], result.answer


def test_checker_finds_codes_glued_text_and_the_wrong_language():
    assert problems("索赔 3：warehouse_lost，claimable", "zh")
    assert problems("Open a case in Seller CentralNothing was sent.", "en")
    assert problems("Claim 3 是仓库丢失", "en")
    assert problems("索赔 3：Lost in an Amazon warehouse", "zh")
    assert problems("索赔 3：仓库丢失，可索赔，US$37.50\n> The unit was lost in the warehouse.", "zh") == []
    assert problems("上传移除货件签收记录（removal_receipts.csv）", "zh") == []  # a file name, not a code
    assert problems("报告：removal_receipts", "zh")


def test_streaming_variant_yields_the_answer_in_pieces(seeded):
    from claimpilot.agent.service import chat

    settings, _ = seeded
    events = list(chat("列出可以索赔的", thread_id="t-stream", settings=settings, stream=True))
    kinds = [e["type"] for e in events]
    assert kinds[0] == "tool_call" and kinds[-1] == "done" and "tool_result" in kinds
    tokens = [e["text"] for e in events if e["type"] == "token"]
    assert len(tokens) > 1 and "".join(tokens) == events[-1]["result"].answer


TODAY = date(2026, 11, 4)
SOON = {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-11"}


@pytest.mark.parametrize("said", ["就要到期的索赔", "眼看要过时效的有哪些", "马上截止的case", "which claims are expiring",
                                  "claims that are almost closing"])
def test_an_expiry_word_said_of_the_near_future_is_a_deadline_not_expired(said):
    assert slots_of(understand(said, today=TODAY).args) == SOON


@pytest.mark.parametrize("said, tool, args", [
    ("这个月要到期的入库差异", "list_claims", {"type": "inbound_shortage", "status": "claimable",
                                      "closes_from": "2026-11-04", "closes_by": "2026-11-30"}),
    ("赔了后来又被扣回的", "list_claims", {"type": "reimbursement_reversed_unfound"}),
    ("已经签收了的海运", "track_shipment", {"status": "delivered", "kind": "sea"}),
    ("空派有没有卡在异常的", "track_shipment", {"status": "exception", "kind": "air"}),
    ("尺寸量错了 申请重新测量需要些什么资料", "search_policy", {}),
    ("到目前为止一共赔了多少钱", "claims_summary", {}),
    ("JP claims over 5000 yen", "list_claims", {"marketplace": "JP", "amount_min": 5000, "currency": "JPY"}),
    ("damaged claims from September", "list_claims", {"type": "warehouse_damaged", "since": "2026-09-01",
                                                      "until": "2026-09-30"}),
    ("lost claims since Oct 3", "list_claims", {"type": "warehouse_lost", "since": "2026-10-03"}),
    ("show us the lost ones", "list_claims", {"type": "warehouse_lost"}),
    ("reimburse 了又被倒扣回去的那些 还有能 claim 的吗", "list_claims", {"type": "reimbursement_reversed_unfound",
                                                         "status": "claimable"}),
    ("早 今天有啥能索陪的", "list_claims", {"status": "claimable"}),
    ("yo whats stuck in transit rn", "track_shipment", {}),
    ("退款不退获的有吗", "list_claims", {"type": "customer_return_missing"}),
])
def test_words_inside_a_slot_phrase_or_a_colloquial_form_do_not_change_the_request(said, tool, args):
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("FBA17ABCD123 什么时候能上架", "track_shipment", {"shipment_id": "FBA17ABCD123"}),
    ("1Z999AA10123456784 什么时候到", "track_shipment", {"tracking_number": "1Z999AA10123456784"}),
    ("海关扣了的货有哪些", "track_shipment", {"status": "customs"}),
    ("到仓少了的那几个可以提吗", "list_claims", {"type": "inbound_shortage", "status": "claimable"}),
    ("美国站还能拿回多少", "claims_summary", {"marketplace": "US"}),
    ("案例18355556666 亚马逊说逾期了 不赔", "record_denial", {"case_id": "18355556666",
                                                          "reason_code": "outside_window"}),
    ("which claims could I file", "list_claims", {"status": "claimable"}),
    ("how long do I have to dispute an FBA fulfillment fee", "search_policy", {}),
    ("最近10天要到期的", "list_claims", {"status": "claimable", "closes_from": "2026-11-04",
                                       "closes_by": "2026-11-14"}),
    ("上周过期的", "list_claims", {"status": "expired", "closes_from": "2026-10-26", "closes_by": "2026-11-01"}),
    ("索赔第5条", "get_claim", {"claim_id": 5}),
    ("审核中的索赔", "list_claims", {"status": "awaiting"}),
    ("重新扫一下报表", "run_audit", {}),
    ("本月可以回多少款", "claims_summary", {}),
    ("两百刀以上的仓损", "list_claims", {"type": "warehouse_damaged", "amount_min": 200, "currency": "USD"}),
    ("低于一千五日元的", "list_claims", {"amount_max": 1500, "currency": "JPY"}),
    ("上上个月的货损", "list_claims", {"type": "warehouse_damaged", "since": "2026-09-01", "until": "2026-09-30"}),
])
def test_a_question_with_the_sellers_own_id_or_words_for_their_own_goods_is_about_them(said, tool, args):
    """A shipment id with "when" is that shipment, not the rules; "能拿回多少" is the seller's own total;
    "FBA" in a sentence about fees names no shipment."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


def _last_turn(turns: list[str]) -> tuple[str, dict]:
    """The tool and slots of a thread's last turn, each earlier turn's call kept as the thread's subject."""
    subject: dict = {}
    for said in turns[:-1]:
        u = understand(said, today=TODAY, subject=subject)
        subject = thread.noted(thread.from_calls(subject, [{"name": u.tool, "args": u.args}]), u.named)
    u = understand(turns[-1], today=TODAY, subject=subject)
    return u.tool, slots_of(u.args)


@pytest.mark.parametrize("turns, tool, args", [
    (["柜号OOLU1234567到哪了", "到港了吗"], "track_shipment", {"tracking_number": "OOLU1234567"}),
    (["FBA15ZZ99KK1 到哪了", "delivered yet?"], "track_shipment", {"shipment_id": "FBA15ZZ99KK1"}),
    (["看下索赔 18", "交好了，case 18450001234"], "mark_case_submitted", {"claim_id": 18, "case_id": "18450001234"}),
    (["claim 18 please", "I've opened it: 18450001234"], "mark_case_submitted",
     {"claim_id": 18, "case_id": "18450001234"}),
    (["案例18352223333怎么样了", "亚马逊拒了 说签收数量是对的 全部收到"], "record_denial",
     {"case_id": "18352223333", "reason_code": "received_in_full"}),
    (["claim 7", "Amazon rejected it, not enough information"], "record_denial",
     {"claim_id": 7, "reason_code": "insufficient_information"}),
    (["claim 7", "they turned it down: window closed"], "record_denial", {"claim_id": 7, "reason_code": "outside_window"}),
    (["看下索赔 18", "还剩几天"], "get_claim", {"claim_id": 18}),
    (["货损的有哪些", "这里面50刀以上的"], "list_claims",
     {"type": "warehouse_damaged", "amount_min": 50, "currency": "USD"}),
    (["denied claims in Germany", "only the ones over 20 euros"], "list_claims",
     {"status": "denied", "marketplace": "DE", "amount_min": 20, "currency": "EUR"}),
    (["货损的有哪些", "退款不退货的呢"], "list_claims", {"type": "customer_return_missing"}),
    (["配送费多收的 50刀以上", "同样的条件，英国站那边呢，金额门槛改成40英镑"], "list_claims",
     {"type": "fee_overcharge", "marketplace": "UK", "amount_min": 40, "currency": "GBP"}),
    (["claim 5, draft us the case would you", "what proof do they usually want for damaged bits, in case they knock it "
      "back"], "search_policy", {}),
    (["claim 12 啥情况", "它大概什么时候能到账啊你帮我看看它现在什么状态"], "get_claim", {"claim_id": 12}),
    (["派送中的货件有哪些", "那只看FBA入仓的"], "track_shipment", {"status": "out_for_delivery", "kind": "fba"}),
    (["Buyer message, order 205-3849201-7734511: 'Where is my LED strip??' 回复一下", "查物流"], "track_shipment",
     {"order_id": "205-3849201-7734511"}),
    (["日本站有两个索赔 四五七和四六三 我都想看看 先查四五七", "上面说的第二个也查一下"], "get_claim", {"claim_id": 463}),
    (["claims 12 and 15 please, claim 12 first", "now the other one"], "get_claim", {"claim_id": 15}),
    (["看下索赔3和5", "被拒的有哪些", "第二个索赔"], "get_claim", {"claim_id": 2}),
    (["518 and 522 both inside this list right, write the case text for 518 first",
      "then the other one also same same lah"], "draft_case", {"claim_id": 522}),
    (["eh check for me UK got how many damaged one still can claim ah", "ok now Germany same thing but 40 euro and above",
      "aiyo paiseh, I mean the lost one leh, not damaged. still DE, still 40 euro"], "list_claims",
     {"status": "claimable", "type": "warehouse_lost", "marketplace": "DE", "amount_min": 40, "currency": "EUR"}),
    (["UK那边有两个claim 203和211 先帮我check一下前面那个", "后面那个直接帮我draft case吧"], "draft_case",
     {"claim_id": 211}),
    (["法国站仓丢的能提的 100到300欧之间", "哎呀不对 俺说岔了 是意大利站 不是法国"], "list_claims",
     {"status": "claimable", "type": "warehouse_lost", "marketplace": "IT", "amount_min": 100, "amount_max": 300,
      "currency": "EUR"}),
    (["awaiting claims in the UK over £100", "Thanks. Could you do the same for Germany, with the cutoff at €100 instead?"],
     "list_claims", {"status": "awaiting", "marketplace": "DE", "amount_min": 100, "currency": "EUR"}),
    (["索赔13", 'Amazon support said: "We reviewed the case and our records show all units were received in full." 记录一下'],
     "record_denial", {"claim_id": 13, "reason_code": "received_in_full"}),
    (["any sea freight stuck in customs rn", "n air any w exceptions"], "track_shipment",
     {"kind": "air", "status": "exception"}),
])
def test_a_follow_up_that_names_nothing_is_about_the_threads_subject(turns, tool, args):
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["仓库丢件的话多久之内要提索赔", "那英国站呢 时效一样吗"], "search_policy", {"marketplace": "UK"}),
    (["How long do I have to claim lost stock?", "and for DE?"], "search_policy", {"marketplace": "DE"}),
    (["仓库丢件的话多久之内要提索赔", "英国站有哪些能赔的"], "list_claims", {"status": "claimable", "marketplace": "UK"}),
    (["海运的货到哪了", "哪些在清关"], "track_shipment", {"kind": "sea", "status": "customs"}),
    (["AU side what can claim", "anything closing before 20/11?"], "list_claims",
     {"status": "claimable", "marketplace": "AU", "closes_from": "2026-11-04", "closes_by": "2026-11-20"}),
    (["And the UK shop on its own, how much?", "Go on then, list the ones still pending with Amazon over £100"],
     "list_claims", {"status": "awaiting", "marketplace": "UK", "amount_min": 100, "currency": "GBP"}),
    (["英国站一共能赔多少", "所有站点被拒的有哪些"], "list_claims", {"status": "denied"}),
    (["美国站部分赔付的单子拉一下", "这些加起来多少"], "list_claims", {"status": "partly_reimbursed", "marketplace": "US"}),
    (["Australia side got any claim can make or not", "total for those how much ah"], "list_claims",
     {"status": "claimable", "marketplace": "AU"}),
])
def test_a_thread_keeps_its_rule_question_its_store_and_its_list(turns, tool, args):
    """The last rule question asked of another store; a short turn narrows the list before it; a thread stays on
    its store until another (or every store) is named; "这些加起来多少" is that list's total."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("FBA15K2WQ8ZN 入库少了 能不能赔", "list_claims",
     {"status": "claimable", "type": "inbound_shortage", "shipment_id": "FBA15K2WQ8ZN"}),
    ("快过期的有哪些 这两天赶紧提掉", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-11"}),
    ("@所有人 被拒的移除少件都拉出来 明天统一申述", "list_claims", {"status": "denied", "type": "removal_shipment_short"}),
    ("月底了 美国站部分赔付的单子拉一下", "list_claims", {"status": "partly_reimbursed", "marketplace": "US"}),
    ("德国站回款一共多少 月底要对账", "claims_summary", {"marketplace": "DE"}),
    ("月底对账 10月1号到31号的结算报告跟库存分类账导一下", "fetch_reports",
     {"kinds": ["settlement", "ledger"], "start": "2026-10-01", "end": "2026-10-31"}),
    ("第7个帮我写下case 赶紧提了", "draft_case", {"claim_id": 7}),
    ("case 18273645504被拒了 说货件全部收到了 其实我们POD上是240个他们只收了228", "record_denial",
     {"case_id": "18273645504", "reason_code": "received_in_full"}),
    ("12号那个case以经被驳回了 说货找到了 案例号15039284716", "record_denial",
     {"case_id": "15039284716", "reason_code": "unit_found"}),
    ("X002K9ZL3F 这个明明是小号标准件 被量成大件了 每单多扣3刀多 帮我看下这个fnsku能追多少", "list_claims",
     {"fnsku": "X002K9ZL3F", "type": "fee_overcharge", "status": "claimable"}),
    ("is the claim window for lost stock the same in AU as in the US?", "search_policy", {"marketplace": "AU"}),
    ("能索赔的一共有哪几类", "search_policy", {}),
    ("现在有没有卡住不动或者延误的货", "track_shipment", {}),
    ("我们移除订单退回仓库少了几件 有能索赔的吗", "list_claims", {"status": "claimable", "type": "removal_shipment_short"}),
    ("Amazon reckon we can't have the money as we've no invoice proving cost, case 20398475611. Pop that on the "
     "record, would you?", "record_denial", {"case_id": "20398475611", "reason_code": "no_proof_of_cost"}),
    ("Sir what all you can do? My boss is asking me to check", "_help", {}),
])
def test_the_request_not_the_story_names_the_tool_and_its_slots(said, tool, args):
    """A day of the seller's own plans is no filter (赶紧提掉, 明天统一申述, 月底了, 月底要对账); a count told is no claim
    number (只收了228); a shipment's claims; the store compared with is not the one asked about."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("案例号18237640951 被驳回了 说已经赔过了 哦不是 我看错了 是说入库已经收齐了 记一下", "record_denial",
     {"case_id": "18237640951", "reason_code": "received_in_full"}),
    ("把库存分类账跟退货报告拉一下 从10月15号到10月31号 不对 改成到11月3号", "fetch_reports",
     {"kinds": ["ledger", "customer_returns"], "start": "2026-10-15", "end": "2026-11-03"}),
    ("UPS 1Z8W22E40365019874 这个单到哪了 哦打错了 改成1Z8W22E40365019847", "track_shipment",
     {"tracking_number": "1Z8W22E40365019847"}),
    ("下周能到的海运有哪些 空运的先不用管", "track_shipment",
     {"kind": "sea", "arriving_from": "2026-11-09", "arriving_by": "2026-11-15"}),
    ("索赔 388 法国站回了这个 帮我记一下\n\nBonjour,\n\nCes unités ont été localisées dans notre centre de distribution "
     "et sont de nouveau disponibles à la vente.", "record_denial", {"claim_id": 388, "reason_code": "unit_found"}),
    ("记一下 索赔 319\n\nGentile partner,\n\nla richiesta è stata presentata oltre il periodo di idoneità.",
     "record_denial", {"claim_id": 319, "reason_code": "outside_window"}),
])
def test_a_slip_taken_back_a_kind_set_aside_and_a_reply_pasted_in_french_or_italian(said, tool, args):
    """What follows 哦不是/不对/打错了 replaces the reason, the range's end or the tracking number said before it;
    '空运的先不用管' leaves the sea shipments; Amazon's French and Italian replies give their reason."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("索赔120帮我标一下已提交 哦不对不对 还没提 你先帮我把case写出来", "draft_case", {"claim_id": 120}),
    ("索赔352的case帮我写一下 还有那个铸铁锅listing的标题顺便帮我改改", "draft_case", {"claim_id": 352}),
    ("美国站那个八寸的菜刀 你看价格要不要降到二十九块九 隔壁那家天天打价格战", "_decline", {}),
    ("Show me the warehouse damaged ones from España, más de 30 euros", "list_claims",
     {"type": "warehouse_damaged", "marketplace": "ES", "amount_min": 30, "currency": "EUR"}),
    ("Jefe wants the reembolsos where the comprador never sent back the item, only México, más de 500 pesos each",
     "list_claims", {"type": "customer_return_missing", "marketplace": "MX", "amount_min": 500, "currency": "MXN"}),
    ("US站 过了的 500刀以上 列一下", "list_claims",
     {"status": "expired", "marketplace": "US", "amount_min": 500, "currency": "USD"}),
    ("索311 能提了没", "get_claim", {"claim_id": 311}),
    ("FR 18690012345 又拒 记一笔\n\nBonjour,\n\nNos registres indiquent que vous avez déjà reçu un remboursement "
     "pour ces unités.", "record_denial", {"case_id": "18690012345", "reason_code": "already_reimbursed"}),
])
def test_shorthand_code_switching_a_request_taken_back_and_one_beside_another_matter(said, tool, args):
    """WeChat shorthand (索311, 过了的, 又拒, 记一笔), Spanish words in an English line, the request said after 哦不对
    不对 还没提, and a claim's case asked beside a listing to edit (that part is no claim work)."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["拉一下德国站上个月仓损的 50欧以上的", "去掉金额条件 再拉一次"], "list_claims",
     {"marketplace": "DE", "type": "warehouse_damaged", "since": "2026-10-01", "until": "2026-10-31"}),
    (["美国站到现在一共追回来几多钱，还欠几多", "德国站那边又么样"], "claims_summary", {"marketplace": "DE"}),
    (["索赔318 现在啥情况", "那322呢", "第一个能提的话 帮我出个case文案"], "draft_case", {"claim_id": 318}),
])
def test_a_thread_drops_a_bound_asks_another_store_and_picks_claims_named_one_a_turn(turns, tool, args):
    subject: dict = {}
    for said in turns:
        u = understand(said, today=TODAY, subject=subject)
        subject = thread.noted(thread.from_calls(subject, [{"name": u.tool, "args": u.args}]), u.named)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("這週到期的索賠有哪些 幫我列一下", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-08"}),
    ("給 claim 31145 寫個申訴，倉庫明明弄丟了還說找到了", "draft_appeal", {"claim_id": 31145}),
    ("第15个claim赔了没", "get_claim", {"claim_id": 15}),
    ("那个case有回复吗", "get_claim", {}),
    ("9月15到10月15的退货报告给我", "fetch_reports",
     {"kinds": ["customer_returns"], "start": "2026-09-15", "end": "2026-10-15"}),
    ("赔了又扣回去的有没有 $八十以上的", "list_claims",
     {"type": "reimbursement_reversed_unfound", "amount_min": 80, "currency": "USD"}),
    ("前天跟大前天退回来被亚马逊弄坏的 能赔吗", "list_claims",
     {"type": "return_damaged_unreimbursed", "status": "claimable", "since": "2026-11-01", "until": "2026-11-02"}),
    ("订单114-3948571-2049163 买家退款了没退货 还能追吗", "list_claims",
     {"order_id": "114-3948571-2049163", "type": "customer_return_missing", "status": "claimable"}),
    ("哪些货卡住了 好几天没更新", "track_shipment", {}),
    ("Which drafts are still sitting there not submitted?", "list_claims", {"status": "drafted"}),
    ("Hola! which claims of my Spain store I can still file before 20 of November?", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-20", "marketplace": "ES"}),
    ("Got shorted on inbound FBA17Q2WXY9Z, like 40 units just gone. Can I still claim it?", "list_claims",
     {"type": "inbound_shortage", "shipment_id": "FBA17Q2WXY9Z", "status": "claimable"}),
])
def test_traditional_characters_and_everyday_forms_of_ids_days_and_amounts(said, tool, args):
    """Traditional characters read as simplified; 第15个claim is claim 15; days without 号 in a range, days listed
    in any order; Chinese numerals after a currency sign; 'claimable before X' closes by X."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("仓库说货找到了 但是库存里根本没有 钱还给倒扣了 有哪些单子", "list_claims", {"type": "reimbursement_reversed_unfound"}),
    ("亚马逊丢了我的货 赔下来的钱比进货价还低 这种的都有哪些", "list_claims", {"type": "reimbursement_underpaid"}),
    ("they paid me way less than it's worth for the stuff they lost. which claims are those?", "list_claims",
     {"type": "reimbursement_underpaid"}),
    ("B0C7XK2M9P 明明是小号标准件 fba费一直按大号标准收的 能退回来吗", "list_claims",
     {"type": "fee_overcharge", "asin": "B0C7XK2M9P", "status": "claimable"}),
    ("113-5829374-6601928 这单退了款 货到现在都没回仓", "list_claims",
     {"type": "customer_return_missing", "order_id": "113-5829374-6601928"}),
    ("returns that came back smashed by the carrier and Amazon hasn't reimbursed - can I still claim those?",
     "list_claims", {"type": "return_damaged_unreimbursed", "status": "claimable"}),
    ("退佛没回仓超过60天还棱不棱索陪", "search_policy", {}),
    ("Kindly confirm whether the shortfall in shipment FBA18ZQ4LMNP can still be claimed", "list_claims",
     {"shipment_id": "FBA18ZQ4LMNP", "type": "inbound_shortage", "status": "claimable"}),
])
def test_a_loss_told_in_the_sellers_words_names_its_kind(said, tool, args):
    """A kind of loss told, not named (赔了又倒扣 after 'found', below cost, measured as a bigger size, smashed by the
    carrier); 'up to now … still not' is no period; n and l are one sound (棱不棱 for 能不能)."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["claim 41 got denied, they say the unit was found", "how long do I have to push back on a denial like that on "
      "the US store?"], "search_policy", {"marketplace": "US"}),
    (["case 19283746501 appeal please", "sent the appeal last week... did they pay yet"], "get_claim",
     {"case_id": "19283746501"}),
    (["FBA15K7QX2M9 到哪了", "那它入仓以后有没有少收的"], "list_claims",
     {"shipment_id": "FBA15K7QX2M9", "type": "inbound_shortage"}),
    (["10月的结算报告和赔偿报告拉一下", "同期的退货报告也单独拉一份"], "fetch_reports",
     {"kinds": ["customer_returns"], "start": "2026-10-01", "end": "2026-10-31"}),
])
def test_a_long_thread_answers_what_each_turn_asks(turns, tool, args):
    """A rule asked in a claim's thread; whether the money came after an appeal; 它 as the thread's shipment;
    a report fetched on its own (单独)."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("那个就是说啊我们家那批货啊FBA15K8XJ2M7然后呢是9月25号从深圳走的海派那个就是说发了500个然后呢亚马逊签收只有480个少了20个"
     "我明天还要去顺德跟工厂开会那个就是说你先帮我看一下这个货件入库少的那些能不能索赔", "list_claims",
     {"shipment_id": "FBA15K8XJ2M7", "type": "inbound_shortage", "status": "claimable"}),
    ("FBA15L2M9QX7这票是10月12号深圳空派走的，货代说10天到，29号就送到仓库了，POD也给了，结果后台到现在还是shipped，"
     "一个都没上架，客户天天问。现在到底什么状态", "track_shipment", {"shipment_id": "FBA15L2M9QX7"}),
    ("说下这单的情况：114-3948571-2049163，买家10月2号下的单，10月9号申请退款，亚马逊直接全额退了，说买家会寄回来，结果到现在"
     "退货报告里啥都没有，库存也没加回来，买家也不回消息。我就问一句，这单退款没退货的能追吗", "list_claims",
     {"order_id": "114-3948571-2049163", "type": "customer_return_missing", "status": "claimable"}),
    ("那个就是说我们走海运的那几个柜子啊然后呢美森快船10月中旬开的那个就是说货代讲上周到港了然后呢到现在还没提柜"
     "我就想问一下现在海运的货有哪些还在清关的", "track_shipment", {"kind": "sea", "status": "customs"}),
    ("快到期的有哪些，赶紧提，明天我要去开会", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-11"}),
    ("月底了对下账，目前所有站点已经回款的加起来一共多少", "claims_summary", {}),
    ("10月中旬到月底 仓库损怀的有哪些", "list_claims",
     {"type": "warehouse_damaged", "since": "2026-10-11", "until": "2026-10-31"}),
    ("Abeg check for me if order 205-6611839-4471520 can still be claimed, the customer returned it and I have not "
     "seen any money.", "list_claims", {"order_id": "205-6611839-4471520", "status": "claimable"}),
])
def test_a_story_told_before_a_short_question_filters_nothing_the_question_does_not_ask(said, tool, args):
    """Days of the goods' history told far before "能不能赔" (9月25号从深圳走的), a day with its month (10月12号), days of
    the seller's plans (明天要去开会), arrival told in the story (上周到港了) and 对账 are no filter and no claim number."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["AU claims closing before 20/11?", "only the ones worth more than $50"], "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-20", "marketplace": "AU",
      "amount_min": 50, "currency": "AUD"}),
    (["UK damaged ones I can claim", "Let's double-click on the ones north of £100."], "list_claims",
     {"status": "claimable", "type": "warehouse_damaged", "marketplace": "UK", "amount_min": 100, "currency": "GBP"}),
    (["FBA15N7R2K4W where now", "then that one got short receive right, can claim or not lah"], "list_claims",
     {"shipment_id": "FBA15N7R2K4W", "type": "inbound_shortage", "status": "claimable"}),
    (["FBA15K8XJ2M7 入库少的能不能索赔", "所有入库少件能赔的加起来一共多少钱啊"], "list_claims",
     {"type": "inbound_shortage", "status": "claimable"}),
])
def test_a_follow_up_keeps_the_threads_store_currency_and_shipment(turns, tool, args):
    """'$' in an AU thread is Australian; 'the ones north of £100' narrows; 'that one' is the thread's shipment,
    unless every one (所有) is asked."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("美国站入库少收的还能追吗", "list_claims", {"marketplace": "US", "type": "inbound_shortage", "status": "claimable"}),
    ("is order 114-3948571-2049163 eligible for a refund-but-no-return claim", "list_claims",
     {"order_id": "114-3948571-2049163", "type": "customer_return_missing", "status": "claimable"}),
    ("where's tracking 784512369014 at", "track_shipment", {"tracking_number": "784512369014"}),
    ("工单号 18463920571 有回复没", "get_claim", {"case_id": "18463920571"}),
    ("我们仓上周二收到亚马逊退仓回来的货 箱子上写的60件 点了一下只有56件 这种移除少件的还能不能赔", "list_claims",
     {"type": "removal_shipment_short", "status": "claimable"}),
    ("张会计说10月份赔了好几笔 有三笔赔少了 一双鞋成本38块 他就赔了22块 你给我拉一下上个月那些赔少了的", "list_claims",
     {"type": "reimbursement_underpaid", "since": "2026-10-01", "until": "2026-10-31"}),
    ("Hi po, Sir said some units went missing in the UK warehouse last week, can you check if those can be claimed "
     "already?", "list_claims", {"status": "claimable", "type": "warehouse_lost", "marketplace": "UK",
                                 "since": "2026-10-26", "until": "2026-11-01"}),
])
def test_own_losses_asked_about_and_numbers_said_as_what_they_are(said, tool, args):
    """A kind of loss in a store asked 还能追吗 is the seller's own; a carrier's number after 'tracking', a case
    number after 工单号; 就赔了 is no 拒赔; days of a story far before 还能不能赔 are its history (in English, the
    days of the same sentence are not)."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["claim 136 got denied", "那个就是 要是亚马逊说找到了不给赔 那个申诉就是要怎么弄 美国站那个规定是怎么样的"], "search_policy",
     {"marketplace": "US"}),
    (["case 19827364510 denied, they said it was reimbursed already", "And pull everything else that's been denied"],
     "list_claims", {"status": "denied"}),
    (["denied claims on the US store", "only the ones from September on"], "list_claims",
     {"status": "denied", "marketplace": "US", "since": "2026-09-01"}),
])
def test_a_rule_or_a_list_asked_in_the_thread_of_one_claim(turns, tool, args):
    """要是… 规定 is a rule even after a claim; 'everything else that's been denied' lists; 'from September on' is
    open-ended."""
    assert _last_turn(turns) == (tool, args)


def test_a_state_question_that_lists_is_still_a_list_in_a_shipment_thread():
    subject = thread.remember({}, {"tracking_number": "OOLU1234567"})
    u = understand("有没有扣关的货", today=TODAY, subject=subject)
    assert (u.tool, slots_of(u.args)) == ("track_shipment", {"status": "customs"})


def test_lists_are_cut_with_how_many_more_and_names_read_as_running_text():
    from claimpilot.agent.router.render import in_running_text, more

    assert more(25, 10, "zh") == "……以及另外 15 条。" and more(25, 10, "en") == "…and 15 more."
    assert more(10, 10, "zh") == ""
    assert in_running_text("Damaged in an Amazon warehouse") == "damaged in an Amazon warehouse"
    assert in_running_text("FBA inbound") == "FBA inbound"


def test_an_audit_asked_in_chat_runs_as_of_the_conversations_day_and_never_over_no_reports(seeded):
    from claimpilot.tools.cases.service import CaseService

    settings, claims = seeded  # claims, but no report stored
    with Agent(settings, today=date(2026, 11, 4)) as agent:
        zh = agent.chat("跑一下审计", "t-audit-day")
        en = agent.chat("rerun the audit", "t-audit-en")
    assert zh.tool_calls[0]["name"] == "run_audit" and "2026年11月4日" in zh.answer and "报告" in zh.answer
    assert "No reports are stored" in en.answer and not problems(zh.answer, "zh") and not problems(en.answer, "en")
    assert [CaseService(settings).get_claim(c["id"])["status"] for c in claims] == ["claimable", "claimable"]


def test_the_shao_of_duoshao_is_no_claim_type():
    """多少 asks an amount: 多少赔偿 is no 少赔 (an underpaid reimbursement), while 少赔 said alone is."""
    from claimpilot.agent.understanding.claim_types import claim_type

    assert claim_type("这批货能拿到多少赔偿") is None
    assert claim_type("亚马逊少赔了我两件") == "reimbursement_underpaid"


def test_a_chinese_numeral_is_an_amount_only_with_its_unit():
    from claimpilot.agent.understanding.amounts import find_amounts

    assert [(a.bound, a.value, a.currency) for a in find_amounts("超过一万二日元的")] == [("min", 12000, "JPY")]
    assert [(a.bound, a.value) for a in find_amounts("两千五块以下")] == [("max", 2500)]
    assert find_amounts("超过一周的索赔") == [] and find_amounts("十天内到期") == []



def test_a_day_that_bounds_the_sellers_own_deadline_is_no_filter():
    """"the client wants an update before Friday", "my accountant needs them by Friday": when the seller needs
    an answer, not which claims or reports; "claims closing before Friday" is the list's bound."""
    assert find_dates("the client has asked for an update before Friday", date(2026, 11, 4)) == []
    assert find_dates("reports for last month, my accountant needs them by Friday", date(2026, 11, 4))[0].end \
        == date(2026, 10, 31)
    (bound,) = find_dates("claims closing before Friday", date(2026, 11, 4))
    assert bound.end == date(2026, 11, 6)


@pytest.mark.parametrize("said, slots", [
    ("lost stock claims AU?", {"type": "warehouse_lost", "marketplace": "AU"}),
    ("show denied claims us", {"status": "denied", "marketplace": "US"}),
    ("巴西站被拒的索赔", {"status": "denied", "marketplace": "BR"}),
    ("只要一百澳元以上的仓丢", {"type": "warehouse_lost", "amount_min": 100, "currency": "AUD"}),
    ("partly reimbursed ones above ¥5,000", {"status": "partly_reimbursed", "amount_min": 5000, "currency": "JPY"}),
    ("赔少了的 按成本算不够的那些 加币的", {"type": "reimbursement_underpaid", "currency": "CAD"}),
    ("show me the claims in euros", {"currency": "EUR"}),
    ("de站佣金没退够的", {"type": "refund_commission_short", "marketplace": "DE"}),
    ("LED-STRP-5M-WW这个sku fba费好像多口了", {"type": "fee_overcharge", "sku": "LED-STRP-5M-WW"}),
    ("八九月份丢的 金额在二十到八十刀之间的", {"type": "warehouse_lost", "since": "2026-08-01", "until": "2026-09-30",
                                   "amount_min": 20, "amount_max": 80, "currency": "USD"}),
    ("Only the ones between 20 and 150$ CAD please", {"amount_min": 20, "amount_max": 150, "currency": "CAD"}),
    ("被拒的一百50刀以上的有几个不对是一百80以上", {"status": "denied", "amount_min": 180, "currency": "USD"}),
    ("法国站3百欧以上的仓丢能所赔的有吗", {"status": "claimable", "type": "warehouse_lost", "amount_min": 300,
                               "currency": "EUR", "marketplace": "FR"}),
    ("Could I have the UK claims that were only partly paid out, anything between fifty and two hundred quid?",
     {"status": "partly_reimbursed", "marketplace": "UK", "amount_min": 50, "amount_max": 200, "currency": "GBP"}),
    ("澳洲站 下周窗口就关了的 三十澳币一下的不用管", {"status": "claimable", "closes_from": "2026-11-09",
                                     "closes_by": "2026-11-15", "amount_min": 30, "currency": "AUD",
                                     "marketplace": "AU"}),
])
def test_every_marketplace_of_the_audit_and_its_currency_filter_a_list(said, slots):
    u = understand(said, today=date(2026, 11, 4))
    assert (u.tool, slots_of(u.args)) == ("list_claims", slots)


def test_a_particle_or_a_common_word_is_never_rewritten_as_a_lexicon_word():
    """的账 is not 德站 (a German store), 之前收 is not 之签收 (delivered)."""
    assert normalize("截止到上个月底的帐全部审一遍") == "截止到上个月底的账全部审一遍"
    assert normalize("亚马逊之前收我的那个提成") == "亚马逊之前收我的那个提成"


@pytest.mark.parametrize("turns, tool, args", [
    (["claim 12 where's it at", "done, lodged it, case no 13377421908", "they knocked that case back"],
     "record_denial", {"case_id": "13377421908"}),
    (["Could I please see every UK claim that is still eligible to be filed and is worth at least £50?",
      "Actually, would you mind raising the threshold to £200 instead?"],
     "list_claims", {"status": "claimable", "marketplace": "UK", "amount_min": 200, "currency": "GBP"}),
    (["第23条是什么情况", "它被拒是因为亚马逊说我们信息提供的不全"],
     "record_denial", {"claim_id": 23, "reason_code": "insufficient_information"}),
    (["下周要到期的丢件", "申诉再被拒还能二次申诉吗"], "search_policy", {}),
    (["上个月仓丢的", "意大利"], "list_claims",
     {"type": "warehouse_lost", "since": "2026-10-01", "until": "2026-10-31", "marketplace": "IT"}),
    (["Please list CA claims with amounts of CAD 50.00 or more.", "Same criteria, but cap it at CAD 300.00."],
     "list_claims", {"marketplace": "CA", "amount_min": 50, "amount_max": 300, "currency": "CAD"}),
    (["buyer on 112-4490217-8836251 wants a refund, draft a reply", "wait do we have a claim on that order too?"],
     "list_claims", {"order_id": "112-4490217-8836251"}),
    (["claim 14 status?", "Thank you. In that case, would you please draft an appeal for it?"],
     "draft_appeal", {"claim_id": 14}),
    (["英国站入库少收的 还能提的 金额大于五十英镑的", "那么金额不限的呢"], "list_claims",
     {"status": "claimable", "type": "inbound_shortage", "marketplace": "UK"}),
    (["denied inbound shortage claims since June", "Could we look at France instead, please?"], "list_claims",
     {"status": "denied", "type": "inbound_shortage", "since": "2026-06-01", "marketplace": "FR"}),
])
def test_a_thread_turn_keeps_the_subject_it_points_at(turns, tool, args):
    subject: dict = {}
    for said in turns:
        u = understand(said, today=date(2026, 11, 4), subject=subject)
        subject = thread.noted(thread.from_calls(subject, [{"name": u.tool, "args": u.args}]), u.named)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("said, tool, slots", [
    ("Please pull the settlement report for October so I can tie it out to the general ledger", "fetch_reports",
     {"kinds": ["settlement"], "start": "2026-10-01", "end": "2026-10-31"}),
    ("denied claims of €100 or more", "list_claims", {"status": "denied", "amount_min": 100, "currency": "EUR"}),
    ("Could you convert our EUR reimbursements to USD at the October 31 rate?", "_decline", {}),
    ("Which US claims lapsed unfiled during October?", "list_claims",
     {"status": "expired", "marketplace": "US", "closes_from": "2026-10-01", "closes_by": "2026-10-31"}),
    ("22号那个仓损的我刚提了 案例号 18834920175", "mark_case_submitted", {"claim_id": 22, "case_id": "18834920175"}),
    ("第27个提了没", "get_claim", {"claim_id": 27}),
    ("claim 31的appeal又被拒了 reason写的already reimbursed", "record_denial",
     {"claim_id": 31, "reason_code": "already_reimbursed"}),
    ("what's AUD/USD sitting at today", "_decline", {}),
    ("what's still claimable in Mexico over 500 pesos", "list_claims",
     {"status": "claimable", "marketplace": "MX", "amount_min": 500, "currency": "MXN"}),
    ("美国站仓库里面丢的货 今年六月份以后丢的 一百美金以上 还没有去提交的", "list_claims",
     {"status": "claimable", "type": "warehouse_lost", "marketplace": "US", "since": "2026-06-01", "amount_min": 100,
      "currency": "USD"}),
    ("把美国站还能提的仓损都列出来 下周到期的 今天下班前要处理完", "list_claims",
     {"status": "claimable", "type": "warehouse_damaged", "marketplace": "US", "closes_from": "2026-11-09",
      "closes_by": "2026-11-15"}),
    ("expired claims in mexico from losses between march and may", "list_claims",
     {"status": "expired", "marketplace": "MX", "since": "2026-03-01", "until": "2026-05-31"}),
    ("澳洲站过期了的 赔少了那种 200澳以上的", "list_claims", {"status": "expired", "marketplace": "AU",
                                                 "type": "reimbursement_underpaid", "amount_min": 200, "currency": "AUD"}),
])
def test_the_books_words_and_a_filings_case_number_read_as_meant(said, tool, slots):
    u = understand(said, today=date(2026, 11, 4))
    assert (u.tool, slots_of(u.args)) == (tool, slots)


@pytest.mark.parametrize("said, args", [
    ("我这边管着四个客户的店，每个月底要给客户出一份回款报告，老板今天又在群里催了，问上个月仓库丢的货赔了多少，"
     "麻烦帮我把德国站10月份仓库丢件里面已经赔下来的列一下",
     {"marketplace": "DE", "type": "warehouse_lost", "status": "reimbursed", "since": "2026-10-01",
      "until": "2026-10-31"}),
    ("我们有个客户，10月中旬一批货入仓少了好几箱，想问下从10月1号以来入库少收的、现在能索赔的有哪些",
     {"type": "inbound_shortage", "status": "claimable", "since": "2026-10-01"}),
    ("G'day, reckon Amazon's wrecked a few of my units at the AU warehouse since 1/10, what can I claim",
     {"status": "claimable", "type": "warehouse_damaged", "marketplace": "AU", "since": "2026-10-01"}),
    ("麻烦查一下加拿大站过去30天内发生的、退款佣金没退够、并且下周到期的可索赔记录",
     {"marketplace": "CA", "type": "refund_commission_short", "since": "2026-10-05", "until": "2026-11-04",
      "status": "claimable", "closes_from": "2026-11-09", "closes_by": "2026-11-15"}),
    ("Quick question for you today. Which of my claims are going to expire this week?",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-08"}),
])
def test_the_days_of_the_request_filter_not_those_of_the_story_told_first(said, args):
    """The days said in the request win over those of the reasons told before it, a recurring day (每个月底) or
    one of the seller's own work (老板今天又在群里催了) is none, and a store that writes the day first reads 1/10 so."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == ("list_claims", args)


@pytest.mark.parametrize("said, lang", [
    ("the 退货 come back damaged one, Amazon never pay, US side got how many ah", "en"),
    ("my 空运 shipment stuck at 海关 3 days already leh, which one ah", "en"),
    ("case 13572468024 被reject了 reason是no proof of cost", "zh"),
    ("claim 22 驳回了 说 'Please provide a valid invoice or proof of manufacturing cost for these items'", "zh"),
    ("那些 pending 的 case 加起来多少钱 汇总一下", "zh"),
    ("Thank you for contacting Seller Support. Case ID 12039485761. Our records show all units were received in "
     "full, so we are unable to reimburse. 记录一下", "zh"),
    ("Amazon support told me we cannot reimburse, what does 收齐 mean here", "en"),
])
def test_the_answer_is_in_the_language_the_sentence_is_written_in(said, lang):
    """A few Chinese words in an English sentence (Malaysian, Singaporean sellers) are English; Chinese grammar
    around English words, or Amazon's English quoted, is Chinese."""
    assert understand(said, today=TODAY).lang == lang


@pytest.mark.parametrize("turns, tool, args", [
    (["claim 5", "claim 5 bang wo xie ge case 我要kai case"], "draft_case", {"claim_id": 5}),
    (["claim 18 我ti jiao le case hao 15937702261"], "mark_case_submitted", {"claim_id": 18, "case_id": "15937702261"}),
    (["仓库弄丢的货亚马逊己经陪了多少钱啊"], "list_claims", {"type": "warehouse_lost", "status": "reimbursed"}),
    (["第23个帮我写个申诉", "第24个也一样 顺手弄了"], "draft_appeal", {"claim_id": 24}),
    (["damaged claims on NL over EUR 50", "What is the total for those?"], "list_claims",
     {"type": "warehouse_damaged", "marketplace": "NL", "amount_min": 50, "currency": "EUR"}),
    (["the 退货 come back damaged one, Amazon never pay, US side got how many ah", "AU 那边 leh"], "list_claims",
     {"type": "return_damaged_unreimbursed", "marketplace": "AU"}),
])
def test_pinyin_look_alike_characters_and_the_same_again_read_as_meant(turns, tool, args):
    """Pinyin typed for Chinese (kai case, ti jiao le), characters that look alike (己经, 陪了), "也一样" after an
    action on another claim, and "the total for those" after a list."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("之前仓库弄坏了一批 亚马逊是赔了 但是一个才赔8刀 我们出厂成本都要11刀多 这种赔少了的美国站有几单 帮我列出来",
     "list_claims", {"type": "reimbursement_underpaid", "marketplace": "US"}),
    ("德国站下周到期的索赔 500欧以上的 逐条列出来 最后给个总数", "list_claims",
     {"status": "claimable", "marketplace": "DE", "closes_from": "2026-11-09", "closes_by": "2026-11-15",
      "amount_min": 500, "currency": "EUR"}),
    ("九月底发了一票海运 货件号FBA15K7Q2M9XP 发了600个 签收只收了571个 亚马逊说要等入库对账 这种少收的到底多少天之后才能开"
     "case 要准备什么单据", "search_policy", {}),
    ("Is it possible to have the reimbursements report since the 1st of September until the end of October?",
     "fetch_reports", {"kinds": ["reimbursements"], "start": "2026-09-01", "end": "2026-10-31"}),
])
def test_a_story_told_before_the_request_does_not_change_what_is_asked(said, tool, args):
    """A unit's price told in passing is no filter; the kind pointed at (这种赔少了的) is the type asked for; a list
    asked item by item with its total is the list; a rule asked after a long story is the rule."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)



@pytest.mark.parametrize("said, tool, args", [
    ("Which claims close before 15.11.?", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-15"}),
    ("Lost units on DE from 01.10. to 31.10. please", "list_claims",
     {"type": "warehouse_lost", "marketplace": "DE", "since": "2026-10-01", "until": "2026-10-31"}),
    ("近一个月仓库丢件的", "list_claims", {"type": "warehouse_lost", "since": "2026-10-04", "until": "2026-11-04"}),
    ("What do I need to claim before the 20th?", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-20"}),
    ("英国站单独出个数", "claims_summary", {"marketplace": "UK"}),
    ("they bumped my phone case into large standard, can I still dispute the fee?", "list_claims",
     {"status": "claimable", "type": "fee_overcharge"}),
    ("后台按大号收我配送费 这种多收费的都给我拉出来", "list_claims", {"type": "fee_overcharge"}),
    ("丢的货赔是赔了 但是按很低的价格赔的 连成本都不够 这些有哪些", "list_claims", {"type": "reimbursement_underpaid"}),
    ("FBA15K7XQ2M8 发了200个 签收只收到190 还能提吗", "list_claims",
     {"shipment_id": "FBA15K7XQ2M8", "type": "inbound_shortage", "status": "claimable"}),
    ("buyer returned order 113-2230987-5561209 and Amazon marked it damaged, can we still claim",
     "list_claims", {"order_id": "113-2230987-5561209", "type": "return_damaged_unreimbursed", "status": "claimable"}),
    ("88号 入库少件那个 到哪一步了", "get_claim", {"claim_id": 88}),
    ("上个月中那几天移除少件的有没有", "list_claims",
     {"type": "removal_shipment_short", "since": "2026-10-11", "until": "2026-10-20"}),
    ("要是国庆期间退款的 买家一直不退货 最早啥时候能提", "search_policy", {}),
    ("美国站能提的 上限三百刀", "list_claims",
     {"status": "claimable", "marketplace": "US", "amount_max": 300, "currency": "USD"}),
    ("英国站这周到期的 不到三十镑的也算上", "list_claims",
     {"marketplace": "UK", "status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-08"}),
])
def test_dates_amounts_and_kinds_as_sellers_write_them(said, tool, args):
    """German dotted dates, a month back as a calendar month, 'need to claim before' as a deadline, 出个数 as the
    totals, a size tier or a low payout told in words, 只收到 of a shipment, a return damaged in English, N号 of a
    claim asked where it stands, 上个月中, 最早啥时候能提 as a rule, 上限 as a maximum, an amount let in too (也算上)
    as no filter; 低的 is never read as 丢的."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["周五之前到期的能提的", "放宽到11.15前"], "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-15"}),
    (["UK damaged claims closing next week", "and before the 20th?"], "list_claims",
     {"status": "claimable", "type": "warehouse_damaged", "marketplace": "UK", "closes_from": "2026-11-09",
      "closes_by": "2026-11-20"}),
    (["What's happening with claim 212?", "They've come back saying they need an invoice before they'll pay out"],
     "record_denial", {"claim_id": 212, "reason_code": "no_proof_of_cost"}),
])
def test_a_later_deadline_moves_the_window_and_a_reply_in_words_is_a_denial(turns, tool, args):
    """A new end said after a closing window moves the window's end; 'they've come back saying … invoice' is Amazon's
    no with its reason."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("Sir kindly check FedEx tracking no 7712 3345 9081, buyer is asking", "track_shipment",
     {"tracking_number": "771233459081"}),
    ("the DHL one 5820391746 no update 3 days already", "track_shipment", {"tracking_number": "5820391746"}),
    ("下周要到的货有哪些 海运空运都算上", "track_shipment", {"arriving_from": "2026-11-09", "arriving_by": "2026-11-15"}),
    ("9月上半个月的结算报告", "fetch_reports", {"kinds": ["settlement"], "start": "2026-09-01", "end": "2026-09-15"}),
    ("pull the removal orders and inbound items report for September", "fetch_reports",
     {"kinds": ["removal_orders", "inbound_items"], "start": "2026-09-01", "end": "2026-09-30"}),
    ("买家站内信说收到是坏的 要留差评 订单113-5038216-4409173 帮我会一下", "draft_buyer_reply",
     {"order_id": "113-5038216-4409173"}),
    ("cranky bloke on 114-2290384-6617206 wants to know where his parcel is, whip up a reply", "draft_buyer_reply",
     {"order_id": "114-2290384-6617206"}),
    ("按10月31号的数据从新跑一遍", "run_audit", {"as_of": "2026-10-31"}),
    ("grand total across all the stores, how much have we clawed back so far?", "claims_summary", {}),
])
def test_carriers_numbers_buyers_and_reports_as_sellers_say_them(said, tool, args):
    """A carrier's number after its name or spaced in fours, both ways of travel as no one kind, 上半个月, reports
    named before the report word, 会一下 for 回一下, a bloke to reply to, 从新 for 重新, and what we clawed back as
    money recovered."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["claim 128 where is it", "那131呢"], "get_claim", {"claim_id": 131}),
    (["美国站能提的拉出来看看", "就看仓库丢件的 别的先不管"], "list_claims",
     {"status": "claimable", "marketplace": "US", "type": "warehouse_lost"}),
    (["where is FBA15JR4W8KQ", "那这个货件有没有能赔的"], "list_claims", {"status": "claimable", "shipment_id": "FBA15JR4W8KQ"}),
    (["where is FBA15T9ZC3MN", "any claims under that shipment?"], "list_claims", {"shipment_id": "FBA15T9ZC3MN"}),
    (["CA inbound shortages I can claim", "only the ones over 150 Canadian"], "list_claims",
     {"status": "claimable", "type": "inbound_shortage", "marketplace": "CA", "amount_min": 150, "currency": "CAD"}),
    (["德国站退款不退货的时效多久", "美国站是不是不一样 好像是60天以后才行"], "search_policy", {"marketplace": "US"}),
])
def test_a_thread_turn_names_another_claim_narrows_or_asks_of_the_threads_shipment(turns, tool, args):
    """Another claim's number alone is that claim; 就看… 别的先不管 narrows; 'that shipment' is the thread's; a bare
    'Canadian' after a figure is the currency; 是不是不一样 asks the rule again."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("上周开船的那票快船 到港没", "track_shipment", {"kind": "sea"}),
    ("we sent 200 units in back in September, shipment FBA15M4PX8D3, Amazon only checked in 180. can we still "
     "claim on that?", "list_claims", {"status": "claimable", "shipment_id": "FBA15M4PX8D3"}),
    ("10月3号赔了我两件仓丢的钱 20号又给倒扣回去了 ledger里没有找回来的记录 这种赔了又扣回去的有哪些能提的", "list_claims",
     {"status": "claimable", "type": "reimbursement_reversed_unfound"}),
    ("有个单子买家只付了19.99 亚马逊退了他24块多 这种退多了的 上个月的有哪些", "list_claims",
     {"type": "refund_above_paid", "since": "2026-10-01", "until": "2026-10-31"}),
    ("去年有个赔偿拖过了时效 白白亏了800多刀 快过期的都给我拉出来", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-11"}),
    ("10月初做了个移除 发出来120个 仓库只收到97个 移除少件的能提吗", "list_claims",
     {"status": "claimable", "type": "removal_shipment_short"}),
    ("刚把10月的ledger重新传了一遍 之前少了几天的数据 再跑一遍", "run_audit", {}),
    ("上个月中开的工单 30418572961 到现在都没人回 啥情况", "get_claim", {"case_id": "30418572961"}),
    ("Morning! Pull every denied claim on the US store, client call at 10", "list_claims",
     {"status": "denied", "marketplace": "US"}),
    ("Boss wants numbers for the Q4 meeting tomorrow, give me the rundown", "claims_summary", {}),
    ("要是买家退回来的货被仓库弄坏了 过了三个月才发现 还能赔吗", "search_policy", {}),
    ("Hypothetically, if a removal comes back short and we notice 80 days later, can we still file?",
     "search_policy", {}),
    ("B0C8JK2L5Q 配送费多扣了 还能申请吗", "list_claims",
     {"asin": "B0C8JK2L5Q", "type": "fee_overcharge", "status": "claimable"}),
    ("昨晚把报表都导进去了 帮我重新跑下审计", "run_audit", {}),
])
def test_a_story_told_first_leaves_its_days_sums_and_departures_out(said, tool, args):
    """The days goods left on, the days and sums of a story before 这种…, last year's loss before 快过期, a report's month
    before 再跑一遍, a case opened (开的工单), a client call at 10, the boss's meeting tomorrow are no filters; a
    question opening on 要是 / hypothetically is a rule; 还能申请吗 of one's own ASIN lists its claims."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["where is FBA15M7QK2T8", "这票有能赔得吗"], "list_claims", {"shipment_id": "FBA15M7QK2T8", "status": "claimable"}),
    (["X00K3LMN7R 仓丢的能提的", "那别的sku仓丢的呢"], "list_claims", {"status": "claimable", "type": "warehouse_lost"}),
    (["10月的订单报告拉一下", "换成移除订单的"], "fetch_reports",
     {"kinds": ["removal_orders"], "start": "2026-10-01", "end": "2026-10-31"}),
    (["ledger for October please", "the removal orders instead"], "fetch_reports",
     {"kinds": ["removal_orders"], "start": "2026-10-01", "end": "2026-10-31"}),
    (["US denied claims", "UK leh"], "list_claims", {"status": "denied", "marketplace": "UK"}),
])
def test_a_thread_turn_asks_of_the_threads_shipment_other_goods_or_another_report(turns, tool, args):
    """有能赔得吗 of the thread's shipment lists its claims; 别的sku leaves the goods before; a report named by what it
    holds swaps the report for the same days; a store with a particle changes the store."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("Which claims on the French store close between 6-11 and 21-11?", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-06", "closes_by": "2026-11-21", "marketplace": "FR"}),
    ("Please get me the ledger from 01.10. to 2-11", "fetch_reports",
     {"kinds": ["ledger"], "start": "2026-10-01", "end": "2026-11-02"}),
    ("德国站 11-20前到期的", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-20", "marketplace": "DE"}),
    ("Kindly pull the settlement report from 1st October till date", "fetch_reports",
     {"kinds": ["settlement"], "start": "2026-10-01", "end": "2026-11-04"}),
    ("18473920562 那个case申诉完现在啥状态了", "get_claim", {"case_id": "18473920562"}),
    ("这个sku yw-hairclip-13 有没有能索陪的", "list_claims", {"status": "claimable", "sku": "yw-hairclip-13"}),
    ("amazon lose my product in the warehouse, fnsku X00D9RT2KX. i can ask the money back?", "list_claims",
     {"fnsku": "X00D9RT2KX", "type": "warehouse_lost", "status": "claimable"}),
    ("which sea shipments are still on the water?", "track_shipment", {"kind": "sea", "status": "in_transit"}),
    ("退回来的货 仓库说是承运人弄坏的 这种能赔吗 有没有什么规定 要多久之内提", "search_policy", {}),
    ("九月底发了一批货到美国 货件号FBA15K8R2TQN 发了480个 只收了452个 入库差异能赔吗", "list_claims",
     {"shipment_id": "FBA15K8R2TQN", "type": "inbound_shortage", "status": "claimable"}),
    ("听说欧洲站退货的时效比美国长 德国站具体是多少天", "search_policy", {"marketplace": "DE"}),
    ("帮我把账从头对一遍 看亚马逊到底还欠我多少", "run_audit", {}),
    ("help me adjust my price so I can win back the buy box", "_decline", {}),
    ("所有站加起来总共多少", "claims_summary", {}),
])
def test_dashed_day_first_dates_a_store_compared_and_claims_in_plain_words(said, tool, args):
    """An English line's dashes beside a dotted date or a 20-11 are day first (a Chinese line's 11-20 is not); 'till
    date' is today; a case asked where it stands after its appeal; a lower-case SKU after 这个sku; 'on the water';
    a rule asked with 有没有什么规定; the shipment pins its store; the store compared with (比美国) is not the one asked;
    the buy box is outside claimpilot; 所有站 is every store."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("turns, tool, args", [
    (["AU totals", "righto, and which of the AU ones got knocked back?"], "list_claims",
     {"status": "denied", "marketplace": "AU"}),
    (["the totals for Canada", "righto and the US one?"], "claims_summary", {"marketplace": "US"}),
    (["德国站上个月仓损的能提的", "英国站同样的 30镑以上的"], "list_claims",
     {"status": "claimable", "type": "warehouse_damaged", "marketplace": "UK", "since": "2026-10-01",
      "until": "2026-10-31", "amount_min": 30, "currency": "GBP"}),
])
def test_after_the_totals_a_status_lists_and_the_same_again_keeps_the_filters(turns, tool, args):
    """A status asked after the totals lists those claims; 'righto and the US one?' asks the totals again of the US;
    英国站同样的 keeps the filters before."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("看一下日本站一共追回来多少钱 哦不对不是日本 澳洲站", "claims_summary", {"marketplace": "AU"}),
    ("第41号 呃不是41 是47号那个 帮我写一下case", "draft_case", {"claim_id": 47}),
    ("把这周要到期的都列出来 不对 下周到期的", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-09", "closes_by": "2026-11-15"}),
    ("空运那批 呃 不是空运 海运那批 现在派送中的有哪几个", "track_shipment", {"kind": "sea", "status": "out_for_delivery"}),
    ("昨晚有回款没 赔下来的给我看看", "list_claims", {"status": "reimbursed"}),
    ("which ones are sitting in appeal rn?", "list_claims", {"status": "appealed"}),
    ("case 18273645018 got rejected, they are telling we raised it after the time limit. Kindly update the same",
     "record_denial", {"case_id": "18273645018", "reason_code": "outside_window"}),
    ("又来一个 The reimbursement request was submitted after the eligible period 案件编号30918475563 记一下吧",
     "record_denial", {"case_id": "30918475563", "reason_code": "outside_window"}),
    ("对账发现十月有赔了又扣回去的 有哪些", "list_claims",
     {"type": "reimbursement_reversed_unfound", "since": "2026-10-01", "until": "2026-10-31"}),
    ("上个月买家退了款 货一直没退回来 113-5520714-0938217 这种还能找亚马逊要吗", "list_claims",
     {"order_id": "113-5520714-0938217", "type": "customer_return_missing", "status": "claimable"}),
    ("Removal order 8UZK3TQ9PM came back with 6 pieces missing. Is there a claim for it?", "list_claims",
     {"order_id": "8UZK3TQ9PM", "type": "removal_shipment_short"}),
    ("I upload new reports today. Please check everything again.", "run_audit", {}),
])
def test_a_slip_taken_back_pasted_reasons_and_stories_of_ones_own(said, tool, args):
    """What follows 哦不对不是 / 呃不是…是 / 不对 is meant; 回款 asked is a status, no loss told; Amazon's English reason
    pasted and 记一下 records the denial; 对账 told before 有哪些 is the story; 这种 of one's own order is that order; a
    removal order's id; the day of an upload is not the audit's."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


def test_a_store_taken_back_in_a_thread_turn_keeps_the_lists_filters():
    assert _last_turn(["上上周仓库里丢的货 有哪些能赔的", "德国站那边的 哎说错了 是英国站"]) == (
        "list_claims", {"status": "claimable", "type": "warehouse_lost", "since": "2026-10-19", "until": "2026-10-25",
                        "marketplace": "UK"})


@pytest.mark.parametrize("said, tool, args", [
    ("这礼拜要到期的先挑出来 明天一早就提", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-08"}),
    ("今天后台看到有回款 亚马逊赔下来的都有哪些", "list_claims", {"status": "reimbursed"}),
    ("any claims where amazon only paid out part of it?", "list_claims", {"status": "partly_reimbursed"}),
    ("美国店入库少收的 还在时效内的有哪些", "list_claims",
     {"type": "inbound_shortage", "status": "claimable", "marketplace": "US"}),
    ("德国站买家没退回的 时效跟美国一样吗", "search_policy", {"marketplace": "DE"}),
    ("What do they actually want as proof for a lost stock claim on the AU store? will a supplier invoice do",
     "search_policy", {"marketplace": "AU"}),
    ("If a removal order comes back a few pairs short, is that something I could claim for?", "search_policy", {}),
    ("what FBA inbound shipments are still on the road", "track_shipment", {"kind": "fba", "status": "in_transit"}),
    ("what's the damage overall on the AU account, how much is still owed to us", "claims_summary",
     {"marketplace": "AU"}),
    ("上个月仓库丢的 金额一百刀以上的 啊不是 一百镑 列一下", "list_claims",
     {"type": "warehouse_lost", "since": "2026-10-01", "until": "2026-10-31", "amount_min": 100, "currency": "GBP"}),
    ("上周的库存分类账跟入库货件明细导一下", "fetch_reports",
     {"kinds": ["ledger", "inbound_items"], "start": "2026-10-26", "end": "2026-11-01"}),
    ("X00R4T8MZ3 移除回来的 点了 38个 单子上写的45 这个fnsku能提吗", "list_claims",
     {"fnsku": "X00R4T8MZ3", "type": "removal_shipment_short", "status": "claimable"}),
    ("Kindly share the claims which are pending from Amazon side for reply, US store only", "list_claims",
     {"status": "awaiting", "marketplace": "US"}),
    ("Amazon answer for claim 76: too late, time for claim is finish. Please you save this", "record_denial",
     {"claim_id": 76, "reason_code": "outside_window"}),
    ("Customer get refund but product not come back. This kind is possible claim? I ask in general, not for one "
     "order", "search_policy", {}),
])
def test_plans_seen_in_passing_partial_payouts_rules_and_a_figure_taken_back(said, tool, args):
    """明天一早就提 and 今天后台看到 are no filters; paid part of it; 还在时效内; 时效跟美国一样吗, proof wanted, 'something I could
    claim for' and 'in general' are rules; 'on the road'; 'what's the damage' is the totals; 啊不是 一百镑 takes the figure
    back; 入库货件明细; 写的45 is a count; pending from Amazon's side is awaiting; 'please you save this' records it."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


def test_reports_asked_after_a_list_of_claims_carry_nothing_of_the_list():
    assert _last_turn(["X00R4T8MZ4 移除少件的能提吗", "那把上个月的移除订单报告导给我 我再对一遍"]) == (
        "fetch_reports", {"kinds": ["removal_orders"], "start": "2026-10-01", "end": "2026-10-31"})


def test_a_figure_said_in_euros_after_the_number_is_in_euros():
    assert _last_turn(["lost units in the first half of October", "and only the ones above 50 €"]) == (
        "list_claims", {"type": "warehouse_lost", "since": "2026-10-01", "until": "2026-10-15", "amount_min": 50,
                        "currency": "EUR"})


def test_a_small_claim_number_taken_back_is_the_claim_meant():
    u = understand("第3个 呃不是3 是5号那个 现在啥情况", today=TODAY)
    assert (u.tool, slots_of(u.args)) == ("get_claim", {"claim_id": 5})


def test_a_claim_number_taken_back_in_chinese_numerals_is_the_claim_meant_not_a_day():
    u = understand("看下七十三号 不对 是五号", today=TODAY)
    assert (u.tool, slots_of(u.args)) == ("get_claim", {"claim_id": 5})
    u = understand("调出索赔 二百四 不对 是二百四十七", today=TODAY)
    assert (u.tool, slots_of(u.args)) == ("get_claim", {"claim_id": 247})


def test_a_number_read_out_with_yao_for_one_is_the_claim_or_case_meant():
    """幺 is how 1 is read out in a number (a claim's, a case id's), by voice input too."""
    assert slots_of(understand("锁赔幺零七调出来我看一下", today=TODAY).args) == {"claim_id": 107}
    u = understand("索赔107 以经提交了 案列号是幺幺九八三四五六七二零", today=TODAY)
    assert (u.tool, slots_of(u.args)) == ("mark_case_submitted", {"claim_id": 107, "case_id": "11983456720"})


@pytest.mark.parametrize("said, tool, slots", [
    ("请问下 退货退回来是坏的 这种也能陪吗 我怕提错了被封号", "search_policy", {}),
    ("这周的退货报告和订单报告去哪下载啊 能帮我拉一下吗", "fetch_reports",
     {"kinds": ["customer_returns", "orders"], "start": "2026-11-02", "end": "2026-11-04"}),
    ("英国那个店我去年才开的开始还好后来被他们搞丢了好多个你帮我算下英国店总共还有几多钱可以追回来", "claims_summary",
     {"marketplace": "UK"}),
    ("申述了还没回音的一共几个", "list_claims", {"status": "appealed"}),
    ("九十九号又被拒了那些人一个字都不讲为什么", "record_denial", {"claim_id": 99}),
    ("我跟你说啊昨天晚上我在后台看到好几封邮件都是说不给陪的 你先把所有被拒的索陪都给我拉出来", "list_claims",
     {"status": "denied"}),
    ("师傅 我刚来 想问下 货在亚马逊仓库里弄丢了 这种情况能赔不", "search_policy", {}),
    ("莫得别的事哈 就是这周要到期的还剩好多单 莫等过期了才晓得噻", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-08"}),
    ("Also can yous sort out our GST return for the Aussie store while you're at it", "_decline", {}),
    ("麻烦拉一下10.1-10.31的赔偿报告和结算报告，谢谢～", "fetch_reports",
     {"kinds": ["reimbursements", "settlement"], "start": "2026-10-01", "end": "2026-10-31"}),
    ("近两周（10/22-11/4）的移除订单报告和入库明细", "fetch_reports",
     {"kinds": ["removal_orders", "inbound_items"], "start": "2026-10-22", "end": "2026-11-04"}),
    ("移除订单 入库明细 还有库存分类账 从10月15号拉到今天", "fetch_reports",
     {"kinds": ["removal_orders", "inbound_items", "ledger"], "start": "2026-10-15", "end": "2026-11-04"}),
    ("月中之前要提的美国站有几单", "list_claims",
     {"status": "claimable", "marketplace": "US", "closes_from": "2026-11-04", "closes_by": "2026-11-15"}),
    ("what's the story with that Royal Mail parcel, RM482915337GB", "track_shipment",
     {"tracking_number": "RM482915337GB"}),
    ("移除单号 LR8KQ2ZM5T 系统里有对应的索赔没", "list_claims", {"order_id": "LR8KQ2ZM5T"}),
    ("pls check if theres a claim for order 113-4428891-2207415 po", "list_claims", {"order_id": "113-4428891-2207415"}),
    ("Which of our claims got reimbursed then kena reversed? list out", "list_claims", {"status": "reversed"}),
    ("上上周的订单报告也要 周一到周日那七天", "fetch_reports",
     {"kinds": ["orders"], "start": "2026-10-19", "end": "2026-10-25"}),
    ("all warehouse damaged claims for Germany, items damaged in September (1.09 - 30.09)", "list_claims",
     {"type": "warehouse_damaged", "marketplace": "DE", "since": "2026-09-01", "until": "2026-09-30"}),
])
def test_a_fear_a_story_or_a_count_around_the_request_does_not_change_it(said, tool, slots):
    """A fear of suspension is no account request, a report asked with 能帮我…吗 is fetched, the totals asked after a
    story drop the story's kind and year, a count of a status is its list, and 不讲为什么 asks nothing."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, slots)


def test_look_a_bit_before_next_week_is_next_week_not_the_week_after():
    """看一下下周 is 看一下 + 下周; 下下周 on its own is the week after next."""
    u = understand("你帮我看一下下周到的海运有哪些", today=TODAY)
    assert slots_of(u.args) == {"kind": "sea", "arriving_from": "2026-11-09", "arriving_by": "2026-11-15"}
    u = understand("下下周到期的", today=TODAY)
    assert slots_of(u.args) == {"status": "claimable", "closes_from": "2026-11-16", "closes_by": "2026-11-22"}


def test_amazons_no_told_of_some_goods_with_no_claim_named_asks_which_claim():
    """那几个 is of the goods Amazon found, not a list asked for: the denial is recorded once the claim is known."""
    u = understand("亚马逊回复了 说那几个货在仓库里又找到了 所以不赔", today=TODAY)
    assert (u.tool, u.kind, slots_of(u.args)) == ("record_denial", "missing", {"reason_code": "unit_found"})


@pytest.mark.parametrize("said, lang", [
    ("JP reply, log it\n\nお客様からの返品商品はフルフィルメントセンターで受領済みであることを確認いたしました。\n\n"
     "ケースID: 19001234570", "en"),
    ("日本站这个 帮我记一下\n\nお客様からの返品商品はフルフィルメントセンターで受領済みです。\n\nケースID: 19001234570", "zh"),
    ("FBA15K7W2RTQ 上架了没 ( ´_ゝ`)", "zh"),
])
def test_amazons_japanese_pasted_in_a_line_does_not_decide_its_language(said, lang):
    """The kanji of a Japanese reply are not the asker's Chinese: an English instruction above it is answered in
    English, a Chinese one in Chinese; a kaomoji's kana makes no sentence Japanese."""
    assert understand(said, today=date(2026, 11, 4)).lang == lang


@pytest.mark.parametrize("turns, tool, args", [
    (["加拿大站能提的 五十加币以上", "英国站也看看 30镑"], "list_claims",
     {"status": "claimable", "marketplace": "UK", "amount_min": 30, "currency": "GBP"}),
    (["德国站仓丢能提的 50欧以上", "金额不管了 所有站都看"], "list_claims", {"status": "claimable", "type": "warehouse_lost"}),
    (["日本站入库少收的", "不只日本 三个站都列一下"], "list_claims", {"type": "inbound_shortage"}),
    (["德国站仓丢能提的", "所有站加起来一共能赔多少"], "claims_summary", {}),
])
def test_a_list_moved_to_another_figure_or_widened_to_every_store(turns, tool, args):
    """A figure in another currency said alone moves the list's bound to it, in that currency; "所有站都看" and
    "不只日本" widen the list to every store (and "金额不管了" drops its amount), while the totals of every store
    are still the totals."""
    assert _last_turn(turns) == (tool, args)


@pytest.mark.parametrize("said, order_id", [
    ("订单 2049183375 1026419 退款了没退货 能索赔吗", "204-9183375-1026419"),
    ("order no. 114 39284756 650213 refunded, never returned, can we claim", "114-3928475-6650213"),
    ("订单号是1140392847 5665021 3件", "114-0392847-5665021"),
])
def test_an_order_id_typed_in_pieces_after_its_word_is_the_order(said, order_id):
    assert find_ids(normalize(said)).values.get("order_id") == order_id


def test_a_teochew_verb_and_the_pinyin_inputs_first_candidate_read_as_meant():
    assert normalize("配送费扣甲太多 尺寸两错了") == "配送费扣得太多 尺寸量错了"
    assert normalize("两个错了") == "两个错了"  # a count stays a count


@pytest.mark.parametrize("said, tool", [
    ("Case is in with Amazon now, pls mark it as submitted.", "mark_case_submitted"),
    ("帮我标记成已提交", "mark_case_submitted"),
    ("标记已提交的索赔列一下", "list_claims"),
    ("show me the ones marked as submitted", "list_claims"),
])
def test_asked_to_mark_a_filing_with_no_claim_in_sight_asks_which_claim(said, tool):
    """"Mark it as filed" with no claim named is the filing, whose claim (and case id) is asked next; the claims
    marked so are a list."""
    u = understand(said, today=TODAY)
    assert u.tool == tool and (u.kind == "missing") == (tool == "mark_case_submitted")


@pytest.mark.parametrize("said, tool, args", [
    ("九月初开始这些申诉都是阿强在弄 他下个月休假 现在申诉了还没结果的都列出来", "list_claims", {"status": "appealed"}),
    ("上个礼拜三退回来的那批 昨天仓库点完数 少了八个 移除少件的能提的有吗", "list_claims",
     {"status": "claimable", "type": "removal_shipment_short"}),
    ("九月二十号到仓的那票 FBA15Q8R2W7K 入仓少了20个 客服一直说在查 这票能提少收了吗", "list_claims",
     {"status": "claimable", "type": "inbound_shortage", "shipment_id": "FBA15Q8R2W7K"}),
    ("九月份入库少收的能提的有吗", "list_claims",
     {"status": "claimable", "type": "inbound_shortage", "since": "2026-09-01", "until": "2026-09-30"}),
])
def test_the_days_of_who_did_the_work_and_of_the_sellers_own_count_filter_nothing(said, tool, args):
    """Who has done the appeals since September, the day the seller's warehouse counted the goods back, and the day
    a shipment arrived, told long before "能提少收了吗": the story's, not the list's; a month said with the question
    filters it."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


@pytest.mark.parametrize("said, tool, args", [
    ("FBA15HPX4N8T 少了36盒 能提吗", "list_claims", {"status": "claimable", "shipment_id": "FBA15HPX4N8T"}),
    ("FBA15HPX4N8T 到港了 能提货了吗", "track_shipment", {"shipment_id": "FBA15HPX4N8T"}),
    ("能开 case 么 X00K8P2MQ1 丢了3个", "list_claims",
     {"status": "claimable", "type": "warehouse_lost", "fnsku": "X00K8P2MQ1"}),
    ("被拒了还有没有办法再申诉", "search_policy", {}),
    ("how far back can I dispute fba fees if amazon measured my product wrong", "search_policy", {}),
    ("仓库整烂咗啲货 亚马逊系按售价赔定系按成本价赔㗎", "search_policy", {}),
    ("我们去年做美国站的时候 有批货被仓库弄丢了 今年开了日本站 想问下日本站仓库丢件的话 最晚多少天之内要提",
     "search_policy", {"marketplace": "JP"}),
    ("索赔一千零五十二 帮我起个case草稿 另外有空的话帮我看下那个listing主图要不要换", "draft_case", {"claim_id": 1052}),
    ("加拿大站啲买家退咗款又冇退货嘅 二百加币以上 仲未够时间提嘅有几多单", "list_claims",
     {"marketplace": "CA", "type": "customer_return_missing", "amount_min": 200, "currency": "CAD",
      "status": "pending"}),
    ("有个澳洲客话张折叠凳一坐就散咗 单号 250 4418307 6652913 帮我覆佢", "draft_buyer_reply",
     {"order_id": "250-4418307-6652913"}),
    ("我不太知道它可以幫忙做哪些事 可以簡單介紹一下嗎", "_help", {}),
    ("隔壁家同款已经降到59.9了 你帮我算算要不要跟着降 降多少合适", "_decline", {}),
])
def test_a_request_told_around_by_dialect_a_story_or_an_aside_is_read_as_meant(said, tool, args):
    """能提 of a shipment counted short is its claims (提货 is its pickup); 能开 case 么 typed with spaces; 还有没有办法,
    "how far back", 按…还是按… are rules; the store asked after the story's; a claim said in numerals with 千; Cantonese
    refunds with no return, 仲未够时间, a customer's message to answer (覆佢); help asked in Taiwanese; pricing
    declined."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


def test_a_report_added_after_a_correction_of_its_days_keeps_the_first():
    u = understand("帮我把那个库存分类帐拉一下就是从九月十五号到 哦不对 从十月一号开始到昨天为止的 然后那个移除订单的报告也要一起",
                   today=TODAY)
    assert (u.tool, slots_of(u.args)) == ("fetch_reports", {"kinds": ["ledger", "removal_orders"],
                                                            "start": "2026-10-01", "end": "2026-11-03"})


@pytest.mark.parametrize("said, tool, args", [
    ("顺便看下订单112-6638201-4470935有没有能找亚马逊索陪的", "list_claims",
     {"order_id": "112-6638201-4470935", "status": "claimable"}),
    ("请问有哪些情况是可以找亚马逊索陪的呀 新手完全不懂", "search_policy", {}),
    ("any claims on amazon.co.uk where the reimb came in below what the stock cost us? only ones above 25 quid",
     "list_claims", {"type": "reimbursement_underpaid", "marketplace": "UK", "amount_min": 25, "currency": "GBP"}),
    ("Kindly share the Italy store claims which got refused", "list_claims", {"status": "denied", "marketplace": "IT"}),
    ("hey, first day on this account. what kinda stuff can this thing do for me?", "_help", {}),
    ("rerun audit pls, just uploaded oct settlement + ledger", "run_audit", {}),
])
def test_the_words_of_a_later_batch_of_sellers_are_read_as_meant(said, tool, args):
    """找亚马逊索赔 is claimable, unless the situations that allow it are asked; the reimbursement below what the
    stock cost; refused is denied; "what kinda stuff can this thing do"; a month said of the reports uploaded (the
    days are found in the text as normalised, "pls" as "please") is no day of the audit."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


def test_back_to_the_list_after_a_rule_question_keeps_its_filters():
    subject: dict = {}
    for said in ("g'day, what's still claimable on the AU store closing before the end of the month?",
                 "just the ones that got busted up in the FC",
                 "how long do you get to lodge a damaged stock claim in Oz anyway"):
        u = understand(said, today=TODAY, subject=subject)
        subject = thread.noted(thread.from_calls(subject, [{"name": u.tool, "args": u.args}]), u.named)
    u = understand("righto, back to that list - anything over 100 bucks?", today=TODAY, subject=subject)
    assert (u.tool, slots_of(u.args)) == ("list_claims", {
        "status": "claimable", "marketplace": "AU", "closes_from": "2026-11-04", "closes_by": "2026-11-30",
        "type": "warehouse_damaged", "amount_min": 100, "currency": "AUD"})


@pytest.mark.parametrize("said, tool, args", [
    ("国庆放假回来到现在的 入库货件明细 拉一份 我对下数", "fetch_reports",
     {"kinds": ["inbound_items"], "start": "2026-10-08", "end": "2026-11-04"}),
    ("嗯就是那个 这两天就要到期的 一百二十刀以上的 赶紧给我列出来 我今天弄掉", "list_claims",
     {"status": "claimable", "closes_from": "2026-11-04", "closes_by": "2026-11-06", "amount_min": 120,
      "currency": "USD"}),
    ("which sea containers get to port by the 15th? need to book trucks", "track_shipment",
     {"kind": "sea", "arriving_by": "2026-11-15"}),
])
def test_a_holiday_come_back_from_the_sellers_own_today_and_getting_to_port(said, tool, args):
    """国庆放假回来 starts the day after the holiday; 我今天弄掉 is the seller's work, not the list's days; "get to
    port by" asks when goods arrive."""
    u = understand(said, today=TODAY)
    assert (u.tool, slots_of(u.args)) == (tool, args)


def test_a_kind_of_report_added_by_what_it_holds_keeps_the_days_and_the_kinds_before():
    subject: dict = {}
    u = understand("十月份的移除订单报告和库存分类账拉一下", today=TODAY, subject=subject)
    subject = thread.noted(thread.from_calls(subject, [{"name": u.tool, "args": u.args}]), u.named)
    u = understand("哦还有退货的 也加上 时间不变", today=TODAY, subject=subject)
    assert (u.tool, slots_of(u.args)) == ("fetch_reports", {
        "kinds": ["removal_orders", "ledger", "customer_returns"], "start": "2026-10-01", "end": "2026-10-31"})
