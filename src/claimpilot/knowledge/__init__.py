"""The policy knowledge base: a bilingual corpus with sources and dates, in Chroma, searched offline.

Names are loaded lazily: a module that only reads the corpus's sources (``knowledge.sources``)
must not pay for Chroma and the embedding model.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Passage", "search_policy", "answer_policy_question"]


def answer_policy_question(question: str, settings=None) -> dict:
    """A cited answer to a policy question (see claimpilot.knowledge.answer)."""
    from claimpilot.knowledge.answer import answer_policy_question as _answer

    return _answer(question, settings)


def __getattr__(name: str) -> Any:
    if name == "Passage":
        from claimpilot.knowledge.passage import Passage

        return Passage
    if name == "search_policy":
        from claimpilot.knowledge.retrieve import search_policy

        return search_policy
    raise AttributeError(name)
