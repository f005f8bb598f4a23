"""answer_policy_question: a cited answer to a policy question, offline or with an LLM."""

from __future__ import annotations

import re

from claimpilot.config import Settings, get_settings
from claimpilot.knowledge.extract import pick_quotes
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


COVERAGE_FLOOR = 0.87
"""A question whose best sentence and best passage are both less similar than this (e5 cosine) is not
covered by the policy notes: the answer says so instead of quoting the nearest passage. Measured on
questions in and out of the corpus: covered ones score 0.90 and up, PPC, brand registry or
Brazilian hazmat questions 0.82 to 0.87."""
_HELP_PAGE = re.compile(r"Seller Central help\s+([A-Z0-9]{8,20})\b")
HELP_URL = "https://sellercentral.amazon.com/help/hub/reference/external/{}"


def source_of(p: Passage) -> dict:
    """How an answer names a passage: its title, where it comes from, since when, the help page.
    Fields a passage may carry beyond these (checked date, certainty, url) are passed on as they are."""
    out = {"title": p.title, "source": p.source, "effective": p.effective, "marketplace": p.marketplace}
    for extra in ("url", "checked", "certainty"):
        value = getattr(p, extra, None)
        if value:
            out[extra] = value
    m = _HELP_PAGE.search(p.source)
    if "url" not in out and m:
        out["url"] = HELP_URL.format(m.group(1))
    if "url" not in out and _first_link(p.source):
        out["url"] = _first_link(p.source)
    out["name"] = _short_source(p.source)
    return out


def _citations(passages: list[Passage]) -> list[dict]:
    return [{**source_of(p), "id": p.id, "text": p.text} for p in passages]


def render_sources(sources: list[dict], language: str) -> str:
    """The sources under an answer, one a line: title, source, effective date, help page."""
    lines = ["来源：" if language == "zh" else "Sources:"]
    for s in sources:
        when = (f"，{s['effective']} 起生效" if language == "zh" else f", effective {s['effective']}") \
            if s.get("effective") else ""
        checked = ""
        if s.get("checked"):
            checked = f"，{s['checked']} 核对" if language == "zh" else f", checked {s['checked']}"
        url = s.get("url")
        page = f"（{url}）" if language == "zh" and url else (f" ({url})" if url else "")
        source = s.get("name", "") if language != "zh" or re.search(r"[\u4e00-\u9fff]", s.get("name", "")) else ""
        sep = ("：" if language == "zh" else ": ") if source else ""
        lines.append(f"- {s['title']}{sep}{source}{when}{checked}{page}")
    return "\n".join(lines)


_LINK = re.compile(r"<(https?://[^>\s]+)>")
SOURCE_WORDS = 60


def _first_link(source: str) -> str:
    m = _LINK.search(source)
    return m.group(1) if m else ""


def _short_source(source: str) -> str:
    """The source's own words when they are short; a list of announcements with their links is left
    to the title and the page linked."""
    return "" if not source or "<http" in source or len(source) > SOURCE_WORDS else source


def not_covered(language: str) -> str:
    return ("我的政策资料里没有这方面的内容，无法确定答案；请以 Seller Central 帮助页面或卖家支持的答复为准。"
            if language == "zh" else
            "My policy notes don't cover this, so I can't say for sure; "
            "check Seller Central help or ask Seller Support.")


def _extractive(question: str, passages: list[Passage], language: str,
                marketplace: str) -> tuple[str, list[Passage], bool]:
    """The sentences that answer the question, the asked fact first, the passages they come from
    first among the sources; ``covered`` False when no sentence is close enough to the question."""
    quotes = pick_quotes(question, passages, marketplace)
    covered = bool(quotes) and max(quotes[0].score, passages[0].score) >= COVERAGE_FLOOR
    quoted = [p for p in passages if p.id in {q.passage.id for q in quotes}]
    quoted.sort(key=lambda p: next(i for i, q in enumerate(quotes) if q.passage.id == p.id))
    if not covered:
        return not_covered(language), [], False
    sep = "" if language == "zh" else " "
    order = [p.id for p in quoted]
    rest = sorted(quotes[1:], key=lambda q: (order.index(q.passage.id), q.position))
    return sep.join(q.sentence for q in [quotes[0], *rest]), quoted, True


def policy_answer(question: str, settings: Settings | None = None, marketplace: str | None = None,
                  k: int = TOP_K) -> dict:
    """The offline answer's parts: ``answer`` (the sentences holding the asked fact, best first, no
    passage ids), ``sources`` (title, source, effective date, help page), ``covered``, ``language``."""
    settings = settings or get_settings()
    language = question_language(question)
    marketplace = marketplace or mentioned_marketplace(question)
    local, args = answer_passages(question, settings, marketplace)
    if not local:
        return {"question": question, "language": language, "covered": False, "answer": not_covered(language),
                "sources": [], "passages": [], "search": args}
    text, cited, covered = _extractive(question, local, language, marketplace or settings.marketplace)
    return {"question": question, "language": language, "covered": covered, "answer": text,
            "sources": [source_of(p) for p in cited[:CITED]], "passages": _citations(cited[:CITED]),
            "search": args}


def _quote(text: str) -> str:
    """Passage text made safe to sit between passage tags."""
    return re.sub(r"</?passages?\b", lambda m: m.group(0).replace("<", "&lt;"), text)


def _with_llm(question: str, passages: list[Passage], settings: Settings) -> tuple[str, list[Passage]]:
    from openai import OpenAI

    from claimpilot.outbound import llm_http_clients

    llm = settings.llm
    client = OpenAI(http_client=llm_http_clients(settings)["http_client"], base_url=llm.base_url,
                    timeout=llm.timeout_s, max_retries=1,
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
        return {"answer": not_covered(language), "tool_calls": tool_calls, "citations": []}
    note = ""
    if settings.llm.configured:
        try:
            answer, cited = _with_llm(question, local, settings)
            answer = f"{answer}\n\n{render_sources([source_of(p) for p in cited[:CITED]], language)}"
            return {"answer": answer, "tool_calls": tool_calls, "citations": _citations(cited[:CITED])}
        except Exception as exc:  # an unreachable or failing model must not cost the user the answer
            note = ("（语言模型不可用：{}，以下答案直接摘自政策资料）" if language == "zh"
                    else "(The language model failed: {}; this answer is quoted from the passages.) ")
            note = note.format(type(exc).__name__)
    answer, cited, covered = _extractive(question, local, language, marketplace or settings.marketplace)
    if covered:
        answer = f"{note}{answer}\n\n{render_sources([source_of(p) for p in cited[:CITED]], language)}"
    return {"answer": answer, "tool_calls": tool_calls, "citations": _citations(cited[:CITED])}
