"""Policy questions get an answer that quotes the fact and cites the passage holding it."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from claimpilot.config import LlmSettings
from claimpilot.knowledge import answer_policy_question
from claimpilot.knowledge.extract import asked_kinds, carried


@pytest.mark.parametrize("question, facts, language", [
    ("美国站买家退款后货没退回，多少天内可以索赔？", ["60", "120"], "zh"),
    ("How many days do I have to dispute an FBA fulfillment fee?", ["90 days"], "en"),
    ("When did Amazon start reimbursing lost inventory at manufacturing cost in the US?", ["2025-03-10"], "en"),
    ("美国站的体积重量怎么计算？除以多少？", ["139"], "zh"),
])
def test_offline_answer_quotes_the_fact_and_cites_it(kb_settings, question, facts, language):
    result = answer_policy_question(question, kb_settings)
    assert set(result) == {"answer", "tool_calls", "citations"}
    assert result["tool_calls"][0]["name"] == "search_policy"
    assert result["tool_calls"][0]["args"]["query"] == question
    assert all(f in result["answer"] for f in facts), result["answer"]
    cited = result["citations"][0]
    assert all(f in cited["text"] for f in facts)
    assert cited["id"].endswith(f".{language}")
    first = result["answer"].splitlines()[0]
    assert all(f in first for f in facts), result["answer"]  # the asked fact comes first
    assert "[" not in result["answer"] and cited["title"] in result["answer"]  # sources by title, no passage ids


@pytest.mark.parametrize("question, language", [
    ("When did manufacturing cost valuation start?", "en"),
    ("制造成本估价是什么时候开始的？", "zh"),
])
def test_answer_quotes_the_sentence_holding_the_date_from_whichever_passage_has_it(kb_settings, question, language):
    result = answer_policy_question(question, kb_settings)
    holder = f"valuation-manufacturing-cost.{language}"
    assert "2025-03-10" in result["answer"].splitlines()[0], result["answer"]
    cited = next(c for c in result["citations"] if c["id"] == holder)
    assert "2025-03-10" in cited["text"] and cited["title"] in result["answer"]


@pytest.mark.parametrize("question, topic, facts, off_topic", [
    ("入库货件短少，最早什么时候可以提交索赔？", "window-inbound-receipt.zh", ["15", "60"], ["18 个月", "移除订单"]),
    ("移除订单丢了多久能索赔", "window-removal-lost.zh", ["15", "75"], ["18 个月"]),
])
def test_answer_quotes_the_asked_topic_first_and_nothing_off_topic(kb_settings, question, topic, facts, off_topic):
    result = answer_policy_question(question, kb_settings)
    body = result["answer"].split("\n\n")[0]
    assert result["citations"][0]["id"] == topic, [c["id"] for c in result["citations"]]
    assert all(f in body for f in facts), body
    assert not any(w in body for w in off_topic), body


def test_sources_name_title_date_and_page_not_raw_source_lists(kb_settings):
    result = answer_policy_question("What evidence do I need for a lost inbound shipment?", kb_settings)
    sources = result["answer"].split("Sources:")[1].strip().splitlines()
    assert sources and all(line.startswith("- ") for line in sources)
    assert "<http" not in result["answer"] and "effective" in sources[0]
    assert "https://sellercentral.amazon.com/help/hub/reference/external/" in sources[0]


@pytest.mark.parametrize("question, kinds", [
    ("When did manufacturing cost valuation start?", {"date", "start"}),
    ("制造成本估价是什么时候开始的？", {"date", "start"}),
    ("How long do I have to dispute an FBA fee?", {"duration"}),
    ("欧洲站退货索赔是退款后多少天？", {"duration"}),
    ("What divisor does Amazon use for dimensional weight?", {"amount"}),
    ("Does manufacturing cost include customs duties?", set()),
])
def test_question_asks_for_a_kind_of_fact(question, kinds):
    assert asked_kinds(question) == kinds


@pytest.mark.parametrize("sentence, kinds, count", [
    ("From 2025-03-10 Amazon reimburses inventory at manufacturing cost.", {"date", "start"}, 2),
    ("该页面 2025 年 1 月下旬上线。", {"date", "start"}, 1),
    ("要在买家退款之日后的第 45 天到第 105 天之间提交。", {"duration"}, 1),
    ("An FBA fulfillment fee can be disputed for 90 days after it was charged.", {"duration"}, 1),
    ("Keep supplier invoices: they are the proof.", {"date", "duration"}, 0),
])
def test_sentence_carries_the_kind_of_fact(sentence, kinds, count):
    assert carried(sentence, kinds) == count


class _StubChat(BaseHTTPRequestHandler):
    """An OpenAI-compatible /chat/completions endpoint that records what it was sent."""

    requests: list[dict] = []

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _StubChat.requests.append(body)
        user = body["messages"][-1]["content"]
        cited = "window-fee-dispute.en" if "window-fee-dispute.en" in user else "none"
        reply = {"id": "x", "object": "chat.completion", "created": 0, "model": body["model"],
                 "choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": f"90 days [{cited}]"}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_llm_answer_gets_passages_as_delimited_data(kb_settings):
    server = HTTPServer(("127.0.0.1", 0), _StubChat)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings = kb_settings.model_copy(update={"llm": LlmSettings(
            base_url=f"http://127.0.0.1:{server.server_port}/v1", model="stub", api_key="sk-test")})
        result = answer_policy_question("How long can I dispute an FBA fee?", settings)
    finally:
        server.shutdown()
    sent = _StubChat.requests[-1]["messages"]
    assert sent[0]["role"] == "system" and "not instructions" in sent[0]["content"]
    assert sent[1]["content"].startswith("<passages>") and "</passages>" in sent[1]["content"]
    model_says, sources = result["answer"].split("\n\nSources:\n")
    assert model_says == "90 days [window-fee-dispute.en]"
    assert sources.startswith("- ") and "sellercentral.amazon.com" in sources  # the page to read, in the answer
    assert [c["id"] for c in result["citations"]] == ["window-fee-dispute.en"]


@pytest.mark.parametrize("question, language", [
    ("How do I set up a PPC campaign?", "en"), ("Can I sell alcohol on Amazon?", "en"), ("广告ACOS怎么优化", "zh")])
def test_a_question_the_notes_do_not_cover_is_said_so(kb_settings, question, language):
    result = answer_policy_question(question, kb_settings)
    said = "don't cover this" if language == "en" else "没有这方面的内容"
    assert said in result["answer"] and result["citations"] == []


def test_unreachable_model_falls_back_to_the_passages(kb_settings):
    settings = kb_settings.model_copy(update={"llm": LlmSettings(
        base_url="http://127.0.0.1:9/v1", model="stub", api_key="sk-secret-value", timeout_s=2)})
    result = answer_policy_question("How long can I dispute an FBA fee?", settings)
    assert "90 days" in result["answer"] and "language model failed" in result["answer"]
    assert "sk-secret-value" not in json.dumps(result)
    assert result["citations"]
