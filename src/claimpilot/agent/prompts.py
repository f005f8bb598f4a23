"""The agent's prompt and answer-template files, loaded by name and language.

Files live in ``claimpilot/prompts/agent/``: ``<name>.<lang>.md`` for system
prompts and ``answers/<name>.<lang>.j2`` for the offline router's answers.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

LANGUAGES = ("zh", "en")


def _folder():
    return resources.files("claimpilot.prompts") / "agent"


def _lang(lang: str) -> str:
    return lang if lang in LANGUAGES else "en"


@cache
def load_prompt(name: str, lang: str = "zh") -> str:
    """A system prompt by name, e.g. ``load_prompt("system", "en")``."""
    return (_folder() / f"{name}.{_lang(lang)}.md").read_text(encoding="utf-8").strip()


@cache
def load_answer_template(name: str, lang: str) -> str | None:
    """The router's answer template for a tool or situation, or None when there is none."""
    path = _folder() / "answers" / f"{name}.{_lang(lang)}.j2"
    return path.read_text(encoding="utf-8") if path.is_file() else None
