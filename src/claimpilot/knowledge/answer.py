"""answer_policy_question: a cited answer to a policy question, offline or with an LLM."""

from __future__ import annotations

import re

from claimpilot.config import Settings, get_settings
from claimpilot.knowledge.extract import pick_quotes, render_quotes
from claimpilot.knowledge.passage import Passage
from claimpilot.knowledge.prompt_files import load_prompt
from claimpilot.knowledge.retrieve import passage_in_language, search_policy

TOP_K = 4
CITED = 3
MARKETPLACE_BONUS = 0.03
_MARKETPLACE_WORDS = [
    (mp, re.compile(p)) for mp, p in (
        ("UK", r"英国|\bUK\b|\bco\.uk\b|United Kingdom|Britain"),
        ("DE", r"德国|Germany|\bamazon\.de\b"),
        ("FR", r"法国|France|\bamazon\.fr\b"),
        ("IT", r"意大利|Italy|\bamazon\.it\b"),
        ("ES", r"西班牙|Spain|\bamazon\.es\b"),
        ("EU", r"欧洲|欧盟|\bEU\b|Europe"),
        ("JP", r"日本|Japan|\bco\.jp\b"),
        ("US", r"美国|\bUS\b|\bU\.S\.|United States|amazon\.com\b"),
    )
]
_CJK = re.compile(r"[\u4e00-\u9fff]")


def question_language(text: str) -> str:
    """'zh' when the text is mostly Chinese, else 'en'."""
    cjk = len(_CJK.findall(text))
    letters = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk and cjk * 2 >= letters / 3 else "en"


def mentioned_marketplace(question: str) -> str | None:
    """The marketplace a question names, if it names one."""
    for marketplace, pattern in _MARKETPLACE_WORDS:
        if pattern.search(question):
            return marketplace
    return None


def _prefer_marketplace(passages: list[Passage], marketplace: str, k: int) -> list[Passage]:
    """Re-rank so that, at near-equal scores, passages for the seller's marketplace come first."""
    def applies(p: Passage) -> bool:
        return bool({marketplace.upper(), "ALL"} & set(p.marketplace.split(",")))
    return sorted(passages, key=lambda p: -(p.score + (MARKETPLACE_BONUS if applies(p) else 0.0)))[:k]


def _citations(passages: list[Passage]) -> list[dict]:
    return [{"source": p.citation_source, "text": p.text} for p in passages]


def _extractive(question: str, passages: list[Passage], language: str,
                marketplace: str) -> tuple[str, list[Passage]]:
    """The sentences that answer the question, each citing its passage; quoted passages are cited first."""
    quotes = pick_quotes(question, passages, marketplace)
    quoted = [p for p in passages if p.id in {q.passage.id for q in quotes}]
    quoted.sort(key=lambda p: next(i for i, q in enumerate(quotes) if q.passage.id == p.id))
    return render_quotes(quotes, language), quoted + [p for p in passages if p not in quoted]


def _quote(text: str) -> str:
    """Passage text made safe to sit between passage tags."""
    return re.sub(r"</?passages?\b", lambda m: m.group(0).replace("<", "&lt;"), text)


def _with_llm(question: str, passages: list[Passage], settings: Settings) -> tuple[str, list[Passage]]:
    from openai import OpenAI

    llm = settings.llm
    client = OpenAI(base_url=llm.base_url, timeout=llm.timeout_s, max_retries=1,
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


def answer_passages(question: str, settings: Settings, marketplace: str | None) -> tuple[list[Passage], dict]:
    """The passages an answer draws on, best first, in the question's language where the corpus
    has it, and the search_policy arguments used to find them."""
    language = question_language(question)
    args: dict = {"query": question, "k": TOP_K}
    if marketplace:
        args["marketplace"] = marketplace
        found = search_policy(question, k=TOP_K, settings=settings, marketplace=marketplace)
    else:
        args["k"] = 2 * TOP_K
        found = _prefer_marketplace(search_policy(question, k=2 * TOP_K, settings=settings),
                                    settings.marketplace, TOP_K)
    local: list[Passage] = []
    for p in found:
        p = passage_in_language(p, language, settings)
        if p.id not in {q.id for q in local}:
            local.append(p)
    return local, args


def answer_policy_question(question: str, settings: Settings | None = None,
                           marketplace: str | None = None) -> dict:
    """``{"answer", "tool_calls", "citations"}`` for a policy question.

    Offline the answer is extracted from the top passages (in the question's
    language where the corpus has that version); with an LLM configured the
    model writes it from the passages only.
    """
    settings = settings or get_settings()
    language = question_language(question)
    marketplace = marketplace or mentioned_marketplace(question)
    local, args = answer_passages(question, settings, marketplace)
    tool_calls = [{"name": "search_policy", "args": args}]
    if not local:
        none = "知识库中没有找到相关政策。" if language == "zh" else "No policy passage was found for this question."
        return {"answer": none, "tool_calls": tool_calls, "citations": []}
    if settings.llm.configured:
        try:
            answer, cited = _with_llm(question, local, settings)
        except Exception as exc:  # an unreachable or failing model must not cost the user the answer
            answer, cited = _extractive(question, local, language, marketplace or settings.marketplace)
            note = ("（语言模型不可用：{}，以下答案直接摘自政策资料）" if language == "zh"
                    else "(The language model failed: {}; this answer is quoted from the passages.) ")
            answer = note.format(type(exc).__name__) + answer
    else:
        answer, cited = _extractive(question, local, language, marketplace or settings.marketplace)
    return {"answer": answer, "tool_calls": tool_calls, "citations": _citations(cited[:CITED])}
