"""Ids read out by voice or typed in pieces, with the digits said in Chinese as radio operators and sellers say
them ("柜号 M S C U 七四幺 两洞八三", "ASIN是 B洞 CK七 M两 Q九X", "订单号三洞两杠 幺四七七 两洞九 杠 六六三八
幺洞五"): written as the one id they make. Pieces are joined only where the joined text has the exact shape of an
id, so words and counts said between numbers stay as they were."""

from __future__ import annotations

import re

# 幺 (1), 洞 (0) and 两 (2) are how digits are read out one by one; 杠 is the dash of an order id.
DIGITS = {ch: str(i) for i, ch in enumerate("零一二三四五六七八九")} | {"〇": "0", "幺": "1", "洞": "0", "两": "2"}
_CN = "".join(DIGITS)
# Between pieces: a space or a comma, and the fillers of speech ("F B A 幺八 G 四 T 七，就是说P X 三").
_SEP = r"(?:[ ,，]+(?:(?:就是说|那个|嗯|呃)[ ,，]*)?|(?:就是说|那个|嗯|呃)[ ,，]*)"
_PIECE = rf"[A-Z0-9{_CN}杠-]+"
# Pieces, not glued to the word they begin ("FBA15K8R2TQM 一共发了480个": 一共, no digit); a particle may follow.
_RUN = re.compile(rf"(?<![A-Za-z0-9]){_PIECE}(?:{_SEP}{_PIECE})*(?:(?![\u4e00-\u9fff])|(?=[的呢吧啊了这那]))")
# A seller's SKU spelled out after its name ("S K U是Q Z 杠 R U N 杠 四 二"): its parts joined by dashes.
_SKU_SPELLED = re.compile(rf"(?<![A-Za-z])([Ss] ?[Kk] ?[Uu]\s*(?:是|为|号|:|：)?\s*)({_PIECE}(?: {_PIECE})+)"
                          r"(?![A-Za-z0-9])")
_SHAPES = [re.compile(p) for p in (
    r"\d{3}-?\d{7}-?\d{7}",  # an order
    r"B0[0-9A-Z]{8}", r"X00[0-9A-Z]{7}", r"FBA[0-9A-Z]{8,12}",  # an ASIN, an FNSKU, an inbound shipment
    r"[A-Z]{4}\d{7}", r"1Z[0-9A-Z]{16}",  # a container, a UPS parcel
    r"\d{10,11}",  # an Amazon case
)]


def _as_id(pieces: list[str]) -> str | None:
    joined = "".join(DIGITS.get(ch, ch) for ch in "".join(pieces)).replace("杠", "-")
    if not any(shape.fullmatch(joined) for shape in _SHAPES):
        return None
    digits = joined.replace("-", "")
    return f"{digits[:3]}-{digits[3:10]}-{digits[10:]}" if re.fullmatch(r"\d{17}", digits) else joined


def _joined(run: str) -> str:
    pieces = [p for p in re.split(_SEP, run) if p]
    for size in range(len(pieces), 0, -1):  # the longest stretch of pieces that makes an id
        for start in range(len(pieces) - size + 1):
            said = pieces[start:start + size]
            if not any(ch in _CN for ch in "".join(said)):
                continue  # typed in figures: ids.py reads those
            made = _as_id(said)
            if made:
                return " ".join([_joined(" ".join(pieces[:start])), made,
                                 _joined(" ".join(pieces[start + size:]))]).strip()
    return run


def read_out_ids(text: str) -> str:
    """``text`` with each id read out in pieces or in Chinese digits written as the id."""
    if not any(ch in _CN for ch in text):
        return text  # nothing read out: a SKU is joined only when said in Chinese digits too
    text = _SKU_SPELLED.sub(_sku, text)
    return _RUN.sub(lambda m: _joined(m.group(0)), text)


def _sku(m: re.Match[str]) -> str:
    joined = "".join(DIGITS.get(ch, ch) for ch in m.group(2).replace(" ", "")).replace("杠", "-")
    if not any(ch in _CN for ch in m.group(2)) or "-" not in joined.strip("-") or not re.search(r"[A-Z]", joined):
        return m.group(0)  # said, not typed (杠, 四 二); "sku 一 两 个" has no SKU's shape
    return m.group(1) + joined
