"""The language to answer in: Chinese when the person wrote Chinese (a few Han characters among
ids and English product words are enough), else English. Answers are in Chinese or English only."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_QUOTED = re.compile(r"[:：]\s*[\"“']?[A-Za-z][^\u4e00-\u9fff]*$")


def answer_language(text: str) -> str:
    """'zh' or 'en'. A buyer's English words quoted after a colon do not make a Chinese request English."""
    return "zh" if _HAN.search(text or "") else "en"
