"""Case, explanation and appeal templates: text files under claimpilot/prompts/cases/.

A template file is ``$placeholder`` text (``string.Template``) split into
sections by lines ``--- name ---``; the text before the first such line is the
``body`` section. Names:
- ``{type}.{lang}.txt``, one a claim type and marketplace language: the case text (``body``, one ``item``
  line a claim), and what the appeal says of that type: ``fact`` (what the reports show), ``policy``,
  ``appeal_ask`` and ``answer_<reason>`` for the denials that type meets (``appeals.answer_source``);
- ``{type}.zh.txt``: the seller's Chinese explanation of a packet;
- ``appeal.{lang}.txt``: the appeal's frame and the answers every type shares; ``denials.{lang}.txt``: each
  denial reason restated; ``common.{lang}.txt``: phrases every text uses; ``appeal.zh.txt``: the seller's
  Chinese note on an appeal.
Every language has the sections English has (a test holds them to it).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

import claimpilot.prompts

TEMPLATE_DIR = Path(claimpilot.prompts.__file__).parent / "cases"
_SECTION = re.compile(r"^--- ([a-z_]+) ---\s*$", re.M)


class TemplateMissing(LookupError):
    """No template file or section of that name."""


@cache
def sections(name: str) -> dict[str, str]:
    """The sections of template file ``name`` (without ``.txt``)."""
    path = TEMPLATE_DIR / f"{name}.txt"
    if not path.exists():
        raise TemplateMissing(f"no case template {path.name} in {TEMPLATE_DIR}")
    raw = path.read_text(encoding="utf-8")
    parts = _SECTION.split(raw)
    out = {"body": parts[0].strip("\n")}
    for i in range(1, len(parts), 2):
        out[parts[i]] = parts[i + 1].strip("\n")
    return out


def render(name: str, section: str = "body", **values: Any) -> str:
    """Fill section ``section`` of template ``name``; a missing value is an error."""
    try:
        src = sections(name)[section]
    except KeyError:
        raise TemplateMissing(f"template {name}.txt has no section '{section}'") from None
    return Template(src).substitute(**values)
