"""Buyer text is data: messages that address an assistant or ask for secrets are marked suspicious.

Marking changes no action (a buyer message never triggers anything but a
draft); it only keeps the reply from leaving without a person's approval.
Markers live in ``data/injection_markers.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def markers() -> list[str]:
    text = (resources.files("claimpilot.tools.buyers") / "data" / "injection_markers.yaml").read_text("utf-8")
    return [str(m).lower() for m in yaml.safe_load(text)["markers"]]


def suspicious_markers(text: str) -> list[str]:
    """The markers found in ``text`` (empty when none)."""
    low = (text or "").lower()
    found = []
    for m in markers():
        hit = re.search(r"(?<!\w)" + re.escape(m), low) if m.isascii() else m in low
        if hit:
            found.append(m)
    return found
