"""The utterance made plain: full-width forms folded (NFKC), traditional characters written as simplified (OpenCC)
and same-pinyin typos corrected.

Pinyin input picks a character that sounds like the one meant (索陪 for 索赔, 损怀 for 损坏,
申述 for 申诉, 以经 for 已经, 案列 for 案例). A run of characters is replaced by a word of the
lexicon when their pinyin matches the word's (initials zh/ch/sh and z/c/s and finals in/ing,
en/eng, an/ang taken as the same), or, for a two-character word with one character right, when
the other's pinyin is one letter away. Only words of the lexicon are ever written in.

English words typed with one letter dropped or two neighbours swapped ("expirng", "denid",
"recieved") are written back as the lexicon's English word.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache

from opencc import OpenCC
from rapidfuzz.distance import Levenshtein

from claimpilot.agent.understanding.amounts import CURRENCY_WORDS
from claimpilot.agent.understanding.dates import cn_number
from claimpilot.agent.understanding.dialects import in_mandarin
from claimpilot.agent.understanding.lexicon import all_words
from claimpilot.agent.understanding.readout import DIGITS, read_out_ids

_HAN = re.compile(r"[\u4e00-\u9fff]")
_NUMERALS = frozenset("零一二两三四五六七八九十百千万")
_PARTICLES = frozenset("的了吗呢吧啊么嘛就都也才又只")  # "的账" is never 德站, "就赔了" never 拒赔了: no typo there
_SINGLE = {"帐": "账"}  # a one-character typo that pinyin alone cannot tell from a word
_FUZZY = [(re.compile(r"^(z|c|s)h"), r"\1"), (re.compile(r"ing$"), "in"), (re.compile(r"eng$"), "en"),
          (re.compile(r"ang$"), "an"),
          (re.compile(r"^n(?=[aeiouv])"), "l")]  # southern accents: n and l one sound (棱不棱 for 能不能)


def _fuzzy(syllable: str) -> str:
    for pattern, repl in _FUZZY:
        syllable = pattern.sub(repl, syllable)
    return syllable


@cache
def _pinyin(char: str) -> str:
    # One character at a time: pypinyin's phrase dictionary (half its import time) is never used,
    # so it is not loaded (its documented PYPINYIN_NO_PHRASES switch; claimpilot reads pinyin only here).
    os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
    from pypinyin import lazy_pinyin

    return lazy_pinyin(char)[0]


@cache
def _index() -> tuple[dict[str, str], dict[tuple[int, str], list[str]]]:
    """Fuzzy-pinyin key -> word; and (position, character) -> two-character words holding it there."""
    keys: dict[str, str] = {}
    by_char: dict[tuple[int, str], list[str]] = {}
    for word in all_words():
        if len(word) < 2 or not all(_HAN.match(c) for c in word):
            continue
        keys.setdefault(" ".join(_fuzzy(_pinyin(c)) for c in word), word)
        if len(word) == 2:
            by_char.setdefault((0, word[0]), []).append(word)
            by_char.setdefault((1, word[1]), []).append(word)
    return keys, by_char


def _near(run: str, words: set[str], loose: bool = True) -> str | None:
    keys, by_char = _index()
    key = " ".join(_fuzzy(_pinyin(c)) for c in run)
    word = keys.get(key)
    if word and word != run:
        return word
    if len(run) == 2 and loose:
        for pos in (0, 1):
            other = 1 - pos
            if run[pos] in _PARTICLES:
                continue  # 低的 is no 丢的: a particle shared is no sign of a word
            for cand in by_char.get((pos, run[pos]), []):
                if Levenshtein.distance(_pinyin(cand[other]), _pinyin(run[other])) == 1 \
                        and _pinyin(run[other])[0] == _pinyin(cand[other])[0]:
                    return cand
    return None


@cache
def _dictionary() -> frozenset[str]:
    """The Chinese words of pypinyin's phrase dictionary (read on the first correction only)."""
    from pypinyin.phrases_dict import phrases_dict

    return frozenset(phrases_dict)


def _inside_word(text: str, i: int, fixed: str, words: set[str]) -> bool:
    """Whether a character the correction of the run at ``i`` to ``fixed`` would change is part of a word of the
    dictionary that is neither a lexicon word nor a typo sellers make (申述): 过去 is no typo of 过期, 派送 none
    of 赔; but in 没有成本正明 only 正 changes, and 有成 is no reason to keep it."""
    keep = _listed("typos_that_are_words")  # 申述: a word, and the typo sellers make of 申诉
    changed = [i + k for k, ch in enumerate(fixed) if text[i + k] != ch]
    for a in range(max(0, i - 4), i + len(fixed)):
        for b in range(a + 2, min(len(text), a + 5) + 1):  # 计算机网络 is no 结算
            w = text[a:b]
            known = w in _dictionary() or w in _listed("not_typos")  # 还剩几个 is not 审计
            if known and w not in words and w not in keep and any(a <= c < b for c in changed):
                return True
    return False


@cache
def _listed(name: str) -> frozenset[str]:
    """A word list of lexicon.yaml."""
    from claimpilot.agent.understanding.lexicon import lexicon

    return frozenset(lexicon()[name])


def correct_typos(text: str) -> str:
    """``text`` with same-pinyin typos of lexicon words replaced by the words."""
    if not _HAN.search(text):
        return text
    words = set(all_words())
    for typo, right in _SINGLE.items():
        text = text.replace(typo, right)
    out, i = [], 0
    while i < len(text):
        fixed = None
        for size in (5, 4, 3, 2):  # 退款不退获: 退款不退货
            run = text[i:i + size]
            if len(run) < size or not all(_HAN.match(c) for c in run) or run in words:
                if run in words:
                    break
                continue
            nxt = text[i + 1:i + 1 + 4]
            loose = not any(nxt[:k] in words for k in (2, 3, 4))
            fixed = _near(run, words, loose)
            if fixed and any(c in _NUMERALS | _PARTICLES and c != w for c, w in zip(run, fixed, strict=True)):
                fixed = None  # "以十月三十一日": a number of a date is never a typo (以十 is not 遗失), nor 的 of 的账
                continue
            if fixed and _inside_word(text, i, fixed, words):
                fixed = None  # 过去, 意思, 不好意思, 召回 are words, not typos of 过期, 遗失, 找回
                continue
            if fixed:
                out.append(fixed)
                i += size
                break
        if fixed is None:
            if text[i:i + 4] in words or text[i:i + 3] in words or text[i:i + 2] in words:
                size = next(s for s in (4, 3, 2) if text[i:i + s] in words)
                out.append(text[i:i + size])
                i += size
            else:
                out.append(text[i])
                i += 1
    return "".join(out)


_ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z]{5,}(?![A-Za-z0-9_-])")  # a word, not a piece of an id


@cache
def _english_targets() -> frozenset[str]:
    from claimpilot.agent.understanding.lexicon import lexicon

    return frozenset(lexicon()["english_typo_targets"])


def _slip_of(word: str, target: str) -> bool:
    """``word`` is ``target`` with one letter dropped, or with two neighbouring letters swapped."""
    if len(word) == len(target) - 1:
        return any(target[:i] + target[i + 1:] == word for i in range(len(target)))
    if len(word) == len(target) and word != target:
        diff = [i for i in range(len(word)) if word[i] != target[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] \
            and word[diff[1]] == target[diff[0]]
    return False


def correct_english_slips(text: str) -> str:
    """``text`` with each English slip of a lexicon word ("expirng") written as the word; a word with
    no single such target is left as typed."""
    targets = _english_targets()
    words = _listed("english_not_slips")

    def fix(m: re.Match[str]) -> str:
        word = m.group(0).lower()
        if word in targets or word in words:
            return m.group(0)
        found = [t for t in targets if abs(len(t) - len(word)) <= 1 and _slip_of(word, t)]
        return found[0] if len(found) == 1 else m.group(0)

    return _ENGLISH_WORD.sub(fix, text)


_CONTRACTIONS = re.compile(r"\b(have|has|had|did|does|do|is|are|was|were|ca|wo|could|would|should)nt\b", re.I)  # havent
# Chat spellings of English words ("wat about air", "abt claim 12", "pls"), written out.
_EN_CHAT_WORDS = {"wat": "what", "wats": "what's", "wut": "what", "abt": "about", "pls": "please", "plz": "please",
                  "thx": "thanks", "ur": "your", "nxt": "next", "wk": "week", "wks": "weeks", "clm": "claim",
                  "clms": "claims", "reimb": "reimbursement", "reimbs": "reimbursements", "nvm": "never mind",
                  "amz": "amazon", "amzn": "amazon", "n": "and", "smth": "something", "sth": "something",
                  "clam": "claim", "clams": "claims", "whit": "what", "dae": "do", "cannae": "can't",
                  "didnae": "didn't", "na daw": "", "daw": "", "w": "with", "whered": "where'd", "b4": "before",
                  "tmrw": "tomorrow", "tmr": "tomorrow", "rcvd": "received", "recd": "received",
                  "hanggang": "until", "gaano katagal": "how long",
                  # Spanish words in an English line ("the ones over 30 euros from España, más de 30")
                  "más de": "over", "mas de": "over", "menos de": "under", "denegados": "denied", "denegadas": "denied",
                  "rechazados": "denied", "reembolsos": "reimbursements", "reembolso": "reimbursement",
                  "comprador": "buyer", "compradora": "buyer", "cliente": "customer", "días": "days", "dias": "days",
                  "respuesta": "reply", "jefe": "boss", "a parte": "partly",
                  # Nigerian English ("abeg record am", "make you draft appeal for am")
                  "abeg": "please", "wetin": "what", "record am": "record it", "for am": "for it"}  # Scots; a
# Filipino's hearsay (na daw); "n air any w exceptions": and, with
_EN_CHAT = re.compile(r"\b(" + "|".join(w.replace(" ", r"\s+") for w in _EN_CHAT_WORDS if w not in ("n", "w"))
                      + r"|(?<=[A-Za-z0-9] )[nw](?= [A-Za-z])|^n(?= [A-Za-z]))\b", re.I)  # "n", "w" only between words
# A number read out digit by digit, on its own or after a look or a claim ("看下二六三", "索赔幺零五"): 263, 105;
# not inside words (七零八落, 一退六二五) nor one digit said again (六六六).
_CN_DIGITS = re.compile(r"(?:^|(?<=[^\u4e00-\u9fff])|(?<=看下|看看|查下|一下|案子|调出|号码)|(?<=[第是赔查号]))"
                        r"(?!(.)\1\1)([零〇幺洞一二两三四五六七八九]{3,12})"
                        r"(?=$|[^\u4e00-\u9fff]|号|吧|呢|啊|的|那|这|嗯|你|我|调|查|给|帮|写|和|跟|与|或|还有|到|现在|什么|啥|咋|怎么|情况|进度|就是)")
# An id read out by voice in pieces ("案例号幺八 四七 二九 三零 六五 二", "柜号是M S K U 八零四 幺七二 六"): one id.
_CN_DIGIT_GROUPS = re.compile(r"[零〇幺一二三四五六七八九]{1,4}(?: [零〇幺一二三四五六七八九]{1,4}){2,}")
_SPACED_CAPITALS = re.compile(r"(?<![A-Za-z])[A-Z](?: [A-Z]){2,}(?![A-Za-z])")
# A place in a list said with the claim's number ("第二条就是733 给它开个case"): that number.
_PLACE_IS = re.compile(r"第\s*[一二两三四五六七八九十\d]{1,2}\s*(?:条|个|笔)\s*(?:就是|是)\s*"
                       r"(?=(?:索赔|claim)?\s*\d{2,6})")
# A dollar said with its country ("A$50 to A$200", "C$80"): the figure in that currency; British and Sichuan money
# words ("a tenner", "fifty quid" is read as is; 过万的 on the yen store); a hundred spelled.
_COUNTRY_DOLLAR = re.compile(r"(?<![A-Za-z])(A|AU|C|CA|US|M|MX)\$\s*(\d+(?:[.,]\d+)?)")
_COUNTRY_CODE = {"A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "US": "USD", "M": "MXN", "MX": "MXN"}
_MONEY_WORDS = [(re.compile(r"\ba tenner\b", re.I), "10 pounds"), (re.compile(r"\ba fiver\b", re.I), "5 pounds"),
                (re.compile(r"\ba hundred(?! and)\b", re.I), "100"), (re.compile(r"过万(?=的|块|$|\s)"), "10000以上"),
                (re.compile(r"(?<=[看查])哈(?=[\s,，。!！?？]|$)"), "下"), (re.compile(r"噻(?=[\s!！。~]*$)"), "")]
# A request asked politely as a question ("能不能麻烦筛出来", "可不可以帮我拉一下"): the request, no question of a rule.
_POLITE_ASK = re.compile(r"(?:能不能|可不可以|能否|可否)\s*(?=麻烦|帮我|帮忙|给我|请)")
# 索 for 索赔 in WeChat shorthand ("索311 能提了没", "能索了没"), before a claim's number or a question.
_SUO = re.compile(r"索(?!赔|取|引|性|要|尼|马|道|然|求|罗)(?=\s*\d|了|吗|没|不|嘛)")
# Days said twice over ("月初到现在这几天"); a month and a half ("过去一个半月") is read in days.
_DAYS_AGAIN = re.compile(r"(?<=现在|今天)\s*(?:这几天|这些天)")
# A bound typed as a sign (">30usd", "<£50"): said in words, as the amounts are read.
_SIGN_BOUND = re.compile(r"(?<![\w<>=-])([<>])\s*=?\s*(?=[$€£¥]?\s*\d)")
# A weekday shortened after a bound ("by fri", "before wed"): its whole name.
_SHORT_WEEKDAY = re.compile(r"\b(by|before|until|till|since|after|this|next|last|on)\s+"
                            r"(mon|tues?|wed|thur?s?|fri|sat|sun)\b\.?",
                            re.I)
_WEEKDAY_NAMES = {"mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday",
                  "thur": "thursday", "thurs": "thursday", "thus": "thursday", "fri": "friday", "sat": "saturday",
                  "sun": "sunday"}
# A container's owner code (ISO 6346: three letters and U, J or Z) or a carrier's bill-of-lading prefix, then its
# digits, read apart ("MSKU 8041726", "MATS 2084193705"): one number; "CASE 1883…" is no code.
_OWNER_CODE_APART = re.compile(r"(?<![A-Za-z])([A-Z]{3}[UJZ]|MATS|MAEU|COSU|EGLV|ONEY|CMDU|MEDU|HLCU|OOLU)"
                               r" (\d{6,11}|\d{2,5}(?: \d{1,5}){1,3})(?![\d ]*\d)")  # MSCU 482 9173: read in pieces
# Traditional characters (Hong Kong, Taiwan, Malaysia) written as simplified, so that one set of words serves both.
_SIMPLIFIED = OpenCC("t2s")
_MENTION = re.compile(r"(?<![\w.])@[^\s@,，:：]{1,20}[\s,，:：]*")
# A hurry at the end of a Chinese line ("只要UK的 能不能rn", "列一下 能不能快点"): no question whether it can be done.
_URGING = re.compile(r"(?:[\s,，]+(?:能不能|可不可以|可以吗?|麻烦)?|(?:能不能|可不可以|麻烦))\s*"
                     r"(?<![A-Za-z])(?:rn|asap|ASAP|马上|快点|快一点|赶紧)(?![A-Za-z])"
                     r"\s*(?:吗|呀|啊|哈|哦)?\s*[?？!！~]*\s*$")
# Chinese typed in pinyin by sellers without a Chinese keyboard at hand ("我要kai case", "ti jiao le"), with Han around.
_PINYIN = [(re.compile(p, re.I), zh) for p, zh in (
    (r"(?<![A-Za-z])kai\s*(?=case)", "开"), (r"(?<![A-Za-z])xie\s*(?:ge|yi\s*xia)?\s*(?=case)", "写个"),
    (r"(?<![A-Za-z])ti\s*jiao\s*le(?![A-Za-z])", "提交了"), (r"(?<![A-Za-z])ti\s*jiao(?![A-Za-z])", "提交"),
    (r"(?<![A-Za-z])bang\s*wo(?![A-Za-z])", "帮我"), (r"(?<![A-Za-z])suo\s*pei(?![A-Za-z])", "索赔"),
    (r"(?<![A-Za-z])shen\s*su(?![A-Za-z])", "申诉"),
    (r"(?<=case)\s*hao(?![A-Za-z])", "号"), (r"\bb/c\b", "because"),
    (r"\s*(?<![A-Za-z])(?:leh|lah|lor|meh|hor)[?？!！.。\s]*$", "呢"))]  # Singlish "AU 那边 leh": 那边呢


_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = {w: 10 * (k + 2) for k, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_NUMBER_WORD = rf"(?:{'|'.join(_SMALL)}|{'|'.join(_TENS)}|hundred|thousand)"
# A number said in words where a figure is meant: an amount ("fifty bucks", "two hundred dollars") or a claim's
# number ("claim twelve"); "one of my products" is left as typed.
_SPELLED = re.compile(rf"(?:(?<=\bclaim )|(?<=\bnumber ))(?:{_NUMBER_WORD}(?:[ -](?:and )?{_NUMBER_WORD})*)\b(?! of\b)"
                      rf"|(?<=\bbetween )(?:{_NUMBER_WORD}(?:[ -]{_NUMBER_WORD})*)(?= and )"  # between fifty and …
                      rf"|\b(?!one\b){_NUMBER_WORD}(?:[ -]{_NUMBER_WORD})*"
                      rf"(?= to (?:a |{_NUMBER_WORD}|\d))"  # "fifty to a hundred fifty bucks"
                      rf"|\b(?:a |{_NUMBER_WORD})(?:[ -]?(?:and )?{_NUMBER_WORD})*(?= (?:bucks|dollars?|euros?|pounds?"
                      rf"|quid|yen|usd|eur|gbp|cad|aud|canadian|australian)\b)", re.I)


def _spelled_value(words: str) -> str:
    """"two hundred and fifty" -> "250"; the words as they were when they are no number."""
    total, part = 0, 0
    for w in re.split(r"[ -]+", words.lower()):
        if w in _SMALL:
            part += _SMALL.index(w)
        elif w in _TENS:
            part += _TENS[w]
        elif w == "hundred":
            part = (part or 1) * 100
        elif w == "thousand":
            total, part = total + (part or 1) * 1000, 0
        elif w not in ("and", "a"):
            return words
    value = total + part
    return str(value) if value else words


# A number said in Chinese before 号 that no day can be (七十三号): the claim's number, written in figures as sellers
# mostly type it; 十二号 may be a day and stays as said.
_CN_NUMBERED = re.compile(r"(?<![月\d零一二两三四五六七八九十百千])([一二两三四五六七八九十百千零]{2,7})(?=\s*号)")


def _numbered(m: re.Match[str]) -> str:
    value = cn_number(m.group(1))
    return str(value) if value and value > 31 else m.group(1)


# A figure typed half in numerals ("一百50刀", "3百欧", "2千日元"): in numerals.
_MIXED_FIGURE = re.compile(r"(?<![\d一二两三四五六七八九十百千])([一二两三四五六七八九]|\d)\s*([百千])\s*(\d{1,2})?"
                           r"(?![\d百千万])")
# A figure in Chinese numerals after a bound is changed ("金额改成一百以上", "门槛降到五十"): in numerals.
_CN_FIGURE_CHANGED = re.compile(r"(?:(?<=改成)|(?<=换成)|(?<=改为)|(?<=提到)|(?<=降到)|(?<=调到)"
                                r"|(?<=提高到)|(?<=降低到))"
                                r"[一二两三四五六七八九十百千万]+(?=\s*(?:以上|以下|刀|块|美金|欧|镑|日元|的|$))")


def _mixed_figure(m: re.Match[str]) -> str:
    if not any(ch.isdigit() for ch in m.group(0)):
        return m.group(0)  # 一百五: Chinese numerals, read as they are
    head = int(m.group(1)) if m.group(1).isdigit() else (cn_number(m.group(1)) or 0)
    unit = 100 if m.group(2) == "百" else 1000
    tail = m.group(3) or ""
    return str(head * unit + (int(tail) * (unit // 10) if len(tail) == 1 else int(tail or 0)))  # 一百5: 150


# A currency named before its figure ("澳币两百以上", "欧元50以下"): the figure first, as the amounts are read.
_UNIT_FIRST = re.compile(r"(澳币|澳元|加币|加元|欧元|英镑|日元|日圆|美金|美元|比索)"
                         r"\s*([\d一二两三四五六七八九十百千万.]+)"
                         r"(?=\s*(?:以上|以下|以内|多|左右))")
_MONEY_UNIT = "(" + "|".join(sorted((w for w in CURRENCY_WORDS if not w.isascii()), key=lambda w: (-len(w), w))) + ")"
# A rough figure of money: two figures said together ("两三百澳币": 200 to 300), or a round one passed ("上千加币":
# 1,000 or more).
_TWO_FIGURES = re.compile(r"(?<![\d一二两三四五六七八九十百千万])([一二两三四五六七八])([二两三四五六七八九])"
                          rf"([十百千万])(?=\s*{_MONEY_UNIT})")
_PASSED_ROUND = re.compile(rf"上([百千万])\s*{_MONEY_UNIT}")


def _two_figures(m: re.Match[str]) -> str:
    low, high, unit = m.group(1, 2, 3)
    return f"{low}{unit}到{high}{unit}" if int(DIGITS[high]) == int(DIGITS[low]) + 1 else m.group(0)


# A dollar sign written after the figure ("between 20 and 150$ CAD"), as French-speaking Canadians write it.
_SIGN_AFTER = re.compile(r"(?<![\w$.,])(\d+(?:[.,]\d{1,2})?)\s*\$(?![\d$])(?=(\s*(?:cad|aud|usd|mxn)\b)?)", re.I)
# 以下 typed as 一下 after an amount ("三十澳币一下的", "50刀一下").
_BELOW_TYPED = re.compile(r"(?<=币|刀|镑|欧|元|块|金|\d)一下(?=的|不|都|就|$|\s)")


# "my accountant's after last week's report" (British: wants it), not a report from after last week.
_WANTS = re.compile(r"\b(accountant|bookkeeper|boss|manager|client|finance|team|he|she|they)(?:'s| is| are) after\b",
                    re.I)


# "cs" for case, as operators type it before what is done to it ("第二个 cs 写下", "cs号"); not customer service.
_CS = re.compile(r"(?<![A-Za-z])cs(?=\s*(?:写|开|提|号|文案|草稿|内容))", re.I)
# A verb with 下 at the end of the request ("cs 写下 pls", "appeal下"): 一下.
_VERB_XIA = re.compile(r"(?<=[写查看列拉开提记跑])下(?=\s|$|please\b|pls\b|吧|啊|呗|哈|[!！。.,，])")
# Claims that need their case written ("2 claim waiting for draft"): not claims waiting on Amazon.
_TO_DRAFT = re.compile(r"\b(?:waiting|wait|pending) (?:for|on) (?:a |the |their )?(?:case )?draft(?:ing|s)?\b", re.I)


def _owner_code_joined(m: re.Match[str]) -> str:
    digits = m.group(2).replace(" ", "")
    return m.group(1) + digits if 6 <= len(digits) <= 11 else m.group(0)


def normalize(text: str) -> str:
    """Full-width letters, digits and signs folded to ASCII, spaces squeezed, typos corrected, and
    the colloquial question words written out (啥 -> 什么, 咋 -> 怎么) so cues are written once."""
    folded = _SIMPLIFIED.convert(unicodedata.normalize("NFKC", text or ""))  # 這週到期的索賠: 这周到期的索赔
    folded = in_mandarin(folded)
    if _HAN.search(folded) or "b/c" in folded.lower():
        for pattern, zh in _PINYIN:
            folded = pattern.sub(zh, folded)
    folded = _MENTION.sub("", folded)  # "@阿杰 好的 换成法国站": who the chat line is addressed to
    if _HAN.search(folded):
        folded = _URGING.sub("", folded)  # "只要UK的 能不能rn": hurry, not a question
    folded = _CONTRACTIONS.sub(lambda m: f"{m.group(1)}n't", folded.replace("’", "'"))
    folded = _EN_CHAT.sub(lambda m: _EN_CHAT_WORDS[" ".join(m.group(1).lower().split())], folded)
    folded = _SPELLED.sub(lambda m: _spelled_value(m.group(0)), folded)
    folded = read_out_ids(folded)  # 柜号 M S C U 七四幺 两洞八三: MSCU7412083
    folded = _CN_DIGIT_GROUPS.sub(lambda m: m.group(0).replace(" ", ""), folded)
    folded = _SPACED_CAPITALS.sub(lambda m: m.group(0).replace(" ", ""), folded)
    folded = _CN_DIGITS.sub(lambda m: "".join(DIGITS[ch] for ch in m.group(2)), folded)
    folded = _OWNER_CODE_APART.sub(_owner_code_joined, folded)
    folded = _CN_NUMBERED.sub(_numbered, folded)
    folded = re.sub(r"(?<=\d)\s*杠\s*(?=\d)", "-", folded)  # 一一三 杠 七七二零四八一: 113-7720481
    folded = _BELOW_TYPED.sub("以下", folded)  # 三十澳币一下的不用管: 以下, typed by its sound
    folded = _UNIT_FIRST.sub(r"\2\1", folded)  # 澳币两百以上: 两百澳币以上
    folded = _TWO_FIGURES.sub(_two_figures, folded)  # 两三百澳币: 两百到三百澳币
    folded = _PASSED_ROUND.sub(r"一\1\2以上", folded)  # 上千加币: 一千加币以上
    folded = _MIXED_FIGURE.sub(_mixed_figure, folded)  # 一百50刀: 150刀, 3百欧: 300欧
    folded = _CN_FIGURE_CHANGED.sub(lambda m: str(cn_number(m.group(0)) or m.group(0)), folded)  # 改成一百以上
    folded = _SIGN_AFTER.sub(lambda m: m.group(1) if m.group(2) else f"${m.group(1)}", folded)  # 150$ CAD: 150 CAD
    folded = _WANTS.sub(r"\1 wants", folded)
    folded = _TO_DRAFT.sub("to draft", folded)
    folded = _CS.sub("case", folded)
    folded = _VERB_XIA.sub("一下", folded)
    folded = _POLITE_ASK.sub("", folded)
    folded = _SUO.sub("索赔", folded)
    folded = _DAYS_AGAIN.sub("", folded)
    folded = folded.replace("一个半月", "45天")
    folded = _PLACE_IS.sub("", folded)
    folded = _COUNTRY_DOLLAR.sub(lambda m: f"{m.group(2)} {_COUNTRY_CODE[m.group(1)]}", folded)
    for money, meant in _MONEY_WORDS:
        folded = money.sub(meant, folded)
    folded = _SIGN_BOUND.sub(lambda m: "over " if m.group(1) == ">" else "under ", folded)
    folded = _SHORT_WEEKDAY.sub(lambda m: f"{m.group(1)} {_WEEKDAY_NAMES[m.group(2).lower()]}", folded)
    return correct_english_slips(correct_typos(re.sub(r"[ \t]+", " ", folded).strip()))
