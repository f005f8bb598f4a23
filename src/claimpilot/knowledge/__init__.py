"""The policy knowledge base: a bilingual corpus with sources and dates, in Chroma, searched offline."""

from claimpilot.knowledge.passage import Passage
from claimpilot.knowledge.retrieve import search_policy

__all__ = ["Passage", "search_policy", "answer_policy_question"]


def answer_policy_question(question: str, settings=None) -> dict:
    """A cited answer to a policy question (see claimpilot.knowledge.answer)."""
    from claimpilot.knowledge.answer import answer_policy_question as _answer

    return _answer(question, settings)
