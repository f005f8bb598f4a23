"""answer_policy_question: a cited answer to a policy question, offline or with an LLM."""

from __future__ import annotations

import re

import numpy as np

from claimpilot.config import Settings, get_settings
from claimpilot.knowledge.embeddings import embed_passages, embed_queries
from claimpilot.knowledge.passage import Passage
from claimpilot.knowledge.prompt_files import load_prompt
from claimpilot.knowledge.retrieve import passage_in_language, search_policy

TOP_K = 4
CITED = 3
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[.!?;])\s+(?=[A-Z0-9(\"'])")


def question_language(text: str) -> str:
    """'zh' when the text is mostly Chinese, else 'en'."""
    cjk = len(_CJK.findall(text))
    letters = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk and cjk * 2 >= letters / 3 else "en"


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage (Chinese or English punctuation), blank ones dropped."""
    flat = re.sub(r"\s*\n\s*", " ", text)
    return [s.strip(" -") for s in _SENTENCE_END.split(flat) if s and s.strip(" -")]


def _pick_sentences(question: str, passages: list[Passage], limit: int = 2) -> list[tuple[int, str]]:
    """The sentences of the top passages closest to the question, as (passage index, sentence)."""
    candidates = [(i, s) for i, p in enumerate(passages[:2]) for s in split_sentences(p.text)]
    if not candidates:
        return []
    q = embed_queries([question])[0]
    sentence_vectors = embed_passages([s for _, s in candidates])
    rank_bonus = np.array([0.02 if i == 0 else 0.0 for i, _ in candidates])
    scores = sentence_vectors @ q + rank_bonus
    chosen = sorted(np.argsort(-scores)[:limit])
    return [candidates[j] for j in sorted(chosen, key=lambda j: (candidates[j][0], j))]


def _citations(passages: list[Passage]) -> list[dict]:
    return [{"source": p.citation_source, "text": p.text} for p in passages]


def _extractive(question: str, passages: list[Passage], language: str) -> tuple[str, list[Passage]]:
    picked = _pick_sentences(question, passages)
    used = sorted({i for i, _ in picked})
    sep = "" if language == "zh" else " "
    body = sep.join(s for _, s in picked)
    refs = ", ".join(passages[i].id for i in used)
    lead = "根据政策资料：" if language == "zh" else "From the policy passages: "
    cited = [passages[i] for i in used] + [p for i, p in enumerate(passages) if i not in used]
    return f"{lead}{body} [{refs}]", cited


def _quote(text: str) -> str:
    """Passage text made safe to sit between passage tags."""
    return re.sub(r"</?passages?\b", lambda m: m.group(0).replace("<", "&lt;"), text)


def _with_llm(question: str, passages: list[Passage], settings: Settings) -> tuple[str, list[Passage]]:
    from openai import OpenAI

    llm = settings.llm
    client = OpenAI(base_url=llm.base_url, timeout=llm.timeout_s,
                    api_key=llm.api_key.get_secret_value() if llm.api_key else "not-needed")
    quoted = "\n".join(
        f'<passage id="{p.id}" source="{p.source}" effective="{p.effective}" marketplace="{p.marketplace}">\n'
        f"{_quote(p.text)}\n</passage>" for p in passages)
    user = f"<passages>\n{quoted}\n</passages>\n\nQuestion: {question}"
    reply = client.chat.completions.create(
        model=llm.model, temperature=llm.temperature,
        messages=[{"role": "system", "content": load_prompt("policy_answer.system")},
                  {"role": "user", "content": user}])
    answer = (reply.choices[0].message.content or "").strip()
    cited = [p for p in passages if p.id in answer]
    return answer, cited or passages


def answer_policy_question(question: str, settings: Settings | None = None,
                           marketplace: str | None = None) -> dict:
    """``{"answer", "tool_calls", "citations"}`` for a policy question.

    Offline the answer is extracted from the top passages (in the question's
    language where the corpus has that version); with an LLM configured the
    model writes it from the passages only.
    """
    settings = settings or get_settings()
    language = question_language(question)
    args: dict = {"query": question, "k": TOP_K}
    if marketplace:
        args["marketplace"] = marketplace
    found = search_policy(question, k=TOP_K, settings=settings, marketplace=marketplace)
    tool_calls = [{"name": "search_policy", "args": args}]
    if not found:
        none = "知识库中没有找到相关政策。" if language == "zh" else "No policy passage was found for this question."
        return {"answer": none, "tool_calls": tool_calls, "citations": []}
    local: list[Passage] = []
    for p in found:
        p = passage_in_language(p, language, settings)
        if p.id not in {q.id for q in local}:
            local.append(p)
    if settings.llm.configured:
        answer, cited = _with_llm(question, local, settings)
    else:
        answer, cited = _extractive(question, local, language)
    return {"answer": answer, "tool_calls": tool_calls, "citations": _citations(cited[:CITED])}
