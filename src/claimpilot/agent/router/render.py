"""The router's answers, rendered from the templates in claimpilot/prompts/agent/answers/."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jinja2

from claimpilot.agent.prompts import load_answer_template


def _money(value: Any) -> str:
    try:
        return f"{float(value):,.2f}"
    except (TypeError, ValueError):
        return str(value)


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.ChainableUndefined)
    env.filters["money"] = _money
    env.filters["json"] = lambda v: json.dumps(v, ensure_ascii=False, default=str)
    return env


def render(name: str, lang: str, **values: Any) -> str:
    """A named answer (a tool's name, or _help, _cannot, _missing, _rejected, _error, _generic)."""
    source = load_answer_template(name, lang)
    if source is None:
        source = load_answer_template("_generic", lang) or "{{ data | json }}"
    return _env().from_string(source).render(**values).strip()


def render_tool(name: str, data: Any, lang: str) -> str:
    """A tool's result as an answer; its error as a plain sentence."""
    if isinstance(data, dict) and "error" in data and len(data) == 1:
        return render("_error", lang, tool=name, error=data["error"])
    return render(name, lang, tool=name, data=data)
