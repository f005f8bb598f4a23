"""The language to answer in: Chinese when the person wrote Chinese (a few Han characters among ids and
English product words are enough: "claim 5 帮我写个case"), English when the sentence is English with a few
Chinese words in it, as Malaysian and Singaporean sellers write ("the 退货 come back damaged one, US side got
how many ah"). Answers are in Chinese or English only."""

from __future__ import annotations

import re

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A Japanese sentence (two kana or more: Amazon's Japanese reply, a buyer's message; not a kaomoji's ゝ): its kanji
# are no Chinese of the asker.
_JP_TEXT = r"[^\nA-Za-z。！？!?]*"
_JAPANESE = re.compile(rf"{_JP_TEXT}[\u3040-\u30ff]{_JP_TEXT}?[\u3040-\u30ff]{_JP_TEXT}[。！？!?]?")
_QUOTED = re.compile(r"[:：]\s*[\"“']?[A-Za-z][^\u4e00-\u9fff]*$")  # a buyer's English quoted after a colon
# Words that carry an English sentence (not the loan words a Chinese sentence borrows: case, claim, pending).
_ENGLISH_FRAME = frozenset(
    "the a an my our your is are was were can could will would do does did not no never already how what which "
    "who where when why this that these those me you we i it they and but or of to at in on for with from got "
    "one ones many much back come came please pls help side very have has been any all show give check total "
    "still just only again also".split())
_WORD = re.compile(r"[A-Za-z']+")
# Amazon's words quoted in a Chinese line (an apostrophe inside a word, "Amazon's", opens no quote)
_IN_QUOTES = re.compile(r"(?<![A-Za-z])'[^']*[A-Za-z][^']*'(?![A-Za-z])|\"[^\"]*\"|“[^”]*”|‘[^’]*’"
                        r"|「[^」]*」|『[^』]*』")
# Amazon's own voice in a pasted reply ("Thank you for contacting Seller Support … 记录一下"): not the person's words.
_AMAZON_VOICE = re.compile(r"\b(?:thank you for contacting|seller support|selling partner support|dear seller"
                           r"|regarding your case|our records (?:show|indicate)|per our policy"
                           r"|after (?:further )?investigation"
                           r"|we (?:cannot|can ?not|are unable to|have reviewed|reviewed|located|have located)"
                           r"|your (?:case|request|reimbursement request) (?:has|have|was|is|will|falls))\b", re.I)
_ZH_BEFORE = re.compile(r"^[^A-Za-z]*[\u4e00-\u9fff]{2}")
_ZH_AFTER = re.compile(r"[\u4e00-\u9fff]{2}[^A-Za-z]*$")
# Characters of a Chinese sentence's own grammar (被reject了, reason是…): with one, the sentence is Chinese.
_CHINESE_FRAME = re.compile(r"[了被是吗呢吧把给帮我你说要能没这那就也还都]")


def answer_language(text: str) -> str:
    """'zh' or 'en'. English words quoted after a colon (a buyer's, Amazon's) or pasted from Amazon's reply do not
    make a Chinese request English; a few Chinese words in an English sentence do not make it Chinese."""
    unjapanese = _JAPANESE.sub(" ", text or "")
    own = _QUOTED.sub("", _IN_QUOTES.sub(" ", unjapanese))
    han = len(_HAN.findall(own))
    if han >= 2 and _AMAZON_VOICE.search(own) and (_ZH_BEFORE.match(own) or _ZH_AFTER.search(own)):
        return "zh"  # Amazon's reply pasted, the person's own words Chinese, before or after it
    frame = sum(1 for w in _WORD.findall(own) if w.lower() in _ENGLISH_FRAME)
    if not han and _HAN.search(text or "") and not _HAN.search(unjapanese):
        return "en" if len(_WORD.findall(own)) >= 2 else "zh"  # "JP reply, log it" above Amazon's Japanese: English
    if not han:  # all the Chinese quoted: an English request about a buyer's Japanese message is answered in English
        return "zh" if _HAN.search(text or "") and frame < 2 else "en"
    if _CHINESE_FRAME.search(own) and not (frame >= 4 and han <= 5):
        return "zh"  # but "Those JP claims that 就快过期 la, list out for me pls" is an English sentence
    return "en" if frame >= 2 and han <= max(4, frame) else "zh"


def amazon_voice(text: str) -> bool:
    """Amazon's reply pasted in the line: its own voice, or the lines of a letter."""
    return "\n" in (text or "").strip() or bool(_AMAZON_VOICE.search(text or ""))


def says_no_language(text: str) -> bool:
    """A reply with no words of a language in it: a number, an id, "ok", "yes", "case 18457730921"."""
    return not _HAN.search(text or "") and len([w for w in (text or "").split() if w.isalpha()]) < 2


def thread_language(texts: list[str]) -> str:
    """The language to answer the last of the person's ``texts`` in: its own, or, when it says no language ("12"
    after "which claim?", "yes"), that of the last one that does."""
    for text in reversed(texts):
        if not says_no_language(text):
            return answer_language(text)
    return answer_language(texts[-1] if texts else "")
