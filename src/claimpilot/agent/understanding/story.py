"""The story told before the request: its days and sums are the goods' history, not filters ("上周开船的那票…到港没",
"10月3号赔了我两件…20号又给倒扣回去了…这种赔了又扣回去的有哪些能提的", "X00…9月盘点说丢了12个…还有能赔的吗")."""

from __future__ import annotations

import re
from typing import Any

from claimpilot.agent.understanding import intent
from claimpilot.agent.understanding.ids import PRODUCT_IDS
from claimpilot.agent.understanding.lexicon import find
from claimpilot.agent.understanding.statuses import status_for

# When the goods left ("上周开船的", "we sent 300 units in back in August", "I send 200 pieces in September" as a seller
# writing a second language says it): no day they are due, nor of a loss.
_SENT_BEFORE = re.compile(r"\b(?:(?:sent|sended|shipped|sailed|dispatched)\b|(?:send|ship)\s+\d)[^.,;!?]{0,25}$",
                          re.I)
_DEPARTED = re.compile(r"^\s*(?:就|已经|才|刚)?\s*(?:开船|发的|发出|发走|出发|起飞|离港|装柜|寄出"
                       r"|发了(?!\s*(?:邮件|消息))|(?:建|创建|做|下|开|提)的?\s*(?:移除单|移除订单|退仓单|弃置单))")
# The seller's own count of goods that came back to them ("昨天海外仓点完数 少了十几辆"): the day of the count, not of
# the loss asked about (Amazon's 盘点 is a loss's day, and stays).
_COUNTED = re.compile(r"^\s*[^,，。!！?？\d]{0,6}?(?:点完数|点了数|点过数|清点完|数完|拆完箱|拆箱点)")
# What was done to the seller's own goods on a day of their story ("X00… 上个月赔了我12件的钱 这个月又给倒扣回去了",
# "X00… 仓丢 上周又少了三个"): paid, taken back, gone again; the days of it are history, not the losses asked about.
_PAID_OR_TAKEN_BACK = re.compile(r"^\s*(?:亚马逊|amazon|amz)?\s*(?:是|又|就|才|先)?\s*(?:给|被)?\s*"
                                 r"(?:仓丢|丢件|丢了|损坏)?\s*"
                                 r"(?:赔了我|赔了\S{0,3}(?:件|个|双|条|只|台|套)|赔了[,，\s]|赔过|倒扣|扣回|扣走|收回)"
                                 r"|^\s*又\s*(?:少了|丢了|不见了|少|丢)")
# The kind of loss pointed at after the story ("…这种赔了又扣回去的有哪些能提的").
_KIND_ASKED = re.compile(r"(?:这种|这类|像这样的|这样的)[^,，。!！?？]{0,14}"
                         r"(?:有哪些|有没有|能提|能赔|还能|都列|列一下)")
STORY_GAP = 20  # a day said this many characters or more before "能赔吗" is of the story told


def _keep(slots: dict[str, Any], key: str, kept: list[Any]) -> None:
    if kept:
        slots[key] = kept
    else:
        slots.pop(key, None)


def drop_departure_days(text: str, slots: dict[str, Any]) -> None:
    """Days the goods left on ("上周开船的那票美森快船 到港没", "上个月发的货…"): when they sailed or were sent, neither
    the day they are due nor the day a loss happened."""
    own_goods = any(k in slots.get("ids", {}) for k in PRODUCT_IDS)
    _keep(slots, "dates", [d for d in slots.get("dates", []) if not _DEPARTED.match(text[d.span[1]:])
                           and not _COUNTED.match(text[d.span[1]:])
                           and not _SENT_BEFORE.search(text[:d.span[0]])
                           and not (own_goods and _PAID_OR_TAKEN_BACK.match(text[d.span[1]:]))])


def drop_told_before_kind(text: str, slots: dict[str, Any]) -> None:
    """The kind of loss pointed at after a story ("10月3号亚马逊赔了我两件…20号又给倒扣回去了…这种赔了又扣回去的
    有哪些能提的"): the days and sums told before it are the story's."""
    m = _KIND_ASKED.search(text)
    if m is None or m.start() < 12:
        return
    for key in ("dates", "amounts"):
        _keep(slots, key, [x for x in slots.get(key, []) if x.span[0] >= m.start()])


def drop_story_before_totals(slots: dict[str, Any]) -> None:
    """The totals asked after a story ("英国那个店我去年才开的…被他们搞丢了好多个 你帮我算下英国店总共还有多少钱可以
    追回来"): the kind, days and sums of the story are not the totals' filters."""
    asked, at = slots.get("asked", ""), slots.get("asked_at", 0)
    if not at or not (intent.has("summary", asked) and intent.has("totals", asked)) \
            or find("claim_types", asked):
        return
    slots.pop("type", None)
    for key in ("dates", "amounts"):
        _keep(slots, key, [x for x in slots.get(key, []) if x.span[0] >= at])


def drop_story_days(text: str, slots: dict[str, Any]) -> None:
    """Asked whether goods or a kind of loss can still be claimed after their story ("X00…这个货的经过是这样的：8月初发
    了200个进仓，9月盘点说丢了12个…就问下这个FNSKU还有能赔的吗", "我们仓上周二收到…退仓回来的货…这种移除少件的还能不
    能赔"): the days told far before the question are their history and leave ``slots``; the question's status wins."""
    asked = intent.first_match("claim_exists", text)
    if asked is None:
        return
    own = any(k in slots["ids"] for k in PRODUCT_IDS)  # an English story of the seller's own goods ("Amazon lost 7 of
    # X00… since September, we fit claim am?"): its days, however near the question; an English word is some three
    # characters of Chinese
    gap = (0 if own else STORY_GAP * 3) if text.isascii() else STORY_GAP
    near = text[max(0, asked - gap):]
    kept = [d for d in slots.get("dates", []) if d.span[1] >= asked - gap]
    if len(kept) < len(slots.get("dates", [])):
        slots["told_story"] = True  # "10月初做了个移除…移除少件的能提吗": the seller's own, told
    _keep(slots, "dates", kept)
    status = status_for(near, slots.get("type"), before=text[:len(text) - len(near)])
    if status:
        slots["status"] = status  # "…买家也不回消息。我就问一句，这单退款没退货的能追吗": the status asked


def drop_story_shipment(text: str, slots: dict[str, Any]) -> None:
    """A shipment told in the story and the seller's goods asked about after it ("货件FBA15… 发了六百个 亚马逊说只收到
    五百四十个 … 就是那个FNSKU X00… 到底能不能索赔"): the goods' claims, wherever they came in."""
    ids = slots["ids"]
    asked = intent.first_match("claim_exists", text)
    if asked is None or "shipment_id" not in ids or not any(k in ids for k in PRODUCT_IDS):
        return
    told = text.find(str(ids["shipment_id"]))
    goods = [text.find(str(ids[k])) for k in PRODUCT_IDS if k in ids]
    if 0 <= told < asked - STORY_GAP and all(told < g for g in goods):
        slots["ids"] = {k: v for k, v in ids.items() if k != "shipment_id"}
