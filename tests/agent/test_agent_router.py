"""The offline router picks the right tool in Chinese and English and fills ids from patterns."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from claimpilot.agent.router.intents import load_examples
from claimpilot.agent.router.route import Router, ToolSpec
from claimpilot.agent.service import Agent
from claimpilot.agent.tools import load_tools

DATA = yaml.safe_load((Path(__file__).parent / "data" / "router_utterances.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def router() -> Router:
    from langchain_core.utils.function_calling import convert_to_openai_tool

    specs = []
    for t in load_tools():
        fn = convert_to_openai_tool(t)["function"]
        specs.append(ToolSpec(fn["name"], tuple(fn["parameters"].get("properties", {})),
                              tuple(fn["parameters"].get("required", []))))
    return Router(specs)


def _label(route) -> str:
    return route.tool if route.kind in ("tool", "missing") else f"_{route.kind}"


def test_labelled_set_is_not_in_the_examples():
    examples = {t for texts in load_examples().values() for t in texts}
    labelled = {t for name, langs in DATA.items() if name != "with_args" for ts in langs.values() for t in ts}
    held_out = yaml.safe_load((Path(__file__).parents[2] / "benchmarks" / "data" / "router_utterances.yaml")
                              .read_text(encoding="utf-8"))
    held = {t for langs in held_out.values() for ts in langs.values() for t in ts}
    assert not examples & labelled and not examples & held and not labelled & held


def test_accuracy_in_each_language(router):
    items = [(t, name, lang) for name, langs in DATA.items() if name != "with_args"
             for lang, texts in langs.items() for t in texts]
    scores = router.index.score_texts([t for t, _, _ in items])
    right, total, wrong = Counter(), Counter(), []
    for (text, want, lang), s in zip(items, scores):
        got = _label(router.route_scored(text, s))
        total[lang] += 1
        right[lang] += got == want
        if got != want:
            wrong.append((lang, text, want, got))
    for lang in ("zh", "en"):
        assert total[lang] >= 70
        assert right[lang] / total[lang] >= 0.9, wrong


def test_ids_and_filters_are_extracted(router):
    cases = DATA["with_args"]
    for case, scores in zip(cases, router.index.score_texts([c["text"] for c in cases])):
        route = router.route_scored(case["text"], scores)
        assert (route.tool, route.args) == (case["tool"], case["args"]), case["text"]


def test_missing_id_is_asked_for_not_guessed(router):
    route = router.route("draft an appeal please")
    assert route.kind == "missing" and route.tool == "draft_appeal" and route.missing == ["claim_id"]


def test_offline_turns_in_both_languages(seeded):
    settings, claims = seeded
    with Agent(settings) as agent:
        zh = agent.chat("列出可以索赔的", "t-zh")
        en = agent.chat(f"show claim {claims[1]['id']}", "t-en")
        poem = agent.chat("write me a poem about my warehouse", "t-poem")
        ask = agent.chat("给索赔写申诉", "t-ask")
    assert zh.tool_calls == [{"name": "list_claims", "args": {"status": "claimable"}}]
    assert "共 2 条索赔" in zh.answer and "X001AAAAAA" in zh.answer
    assert en.tool_calls[0]["name"] == "get_claim" and "40.00" in en.answer and "X001BBBBBB" in en.answer
    assert poem.tool_calls == [] and "without a language model" in poem.answer
    assert ask.tool_calls == [] and "索赔编号" in ask.answer


def test_saved_example_embeddings_are_those_of_the_examples_file():
    import hashlib
    from importlib import resources

    import numpy as np

    from claimpilot.agent.router.intents import EXAMPLES, embed, saved_vectors

    text = (resources.files("claimpilot.agent.router") / EXAMPLES).read_text(encoding="utf-8")
    vectors = saved_vectors(hashlib.sha256(text.encode()).hexdigest())
    assert vectors is not None, "run: python -m claimpilot.agent.router.intents"
    examples = load_examples(text)
    first = [t for name in sorted(examples) for t in examples[name]][:3]
    assert np.allclose(vectors[:3], embed(first), atol=1e-5)


def test_streaming_variant_yields_the_answer_in_pieces(seeded):
    from claimpilot.agent.service import chat

    settings, _ = seeded
    events = list(chat("列出可以索赔的", thread_id="t-stream", settings=settings, stream=True))
    kinds = [e["type"] for e in events]
    assert kinds[0] == "tool_call" and kinds[-1] == "done" and "tool_result" in kinds
    tokens = [e["text"] for e in events if e["type"] == "token"]
    assert len(tokens) > 1 and "".join(tokens) == events[-1]["result"].answer
