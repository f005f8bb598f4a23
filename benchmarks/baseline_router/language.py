"""Which language an utterance is in: Chinese when it holds Han characters, else English."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def detect_language(text: str) -> str:
    return "zh" if _HAN.search(text or "") else "en"
