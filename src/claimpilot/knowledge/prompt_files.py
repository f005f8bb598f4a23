"""Prompt files under claimpilot/prompts/, loaded by name."""

from __future__ import annotations

from importlib import resources


def load_prompt(name: str) -> str:
    """The text of ``claimpilot/prompts/<name>.md``."""
    return resources.files("claimpilot.prompts").joinpath(f"{name}.md").read_text(encoding="utf-8")
