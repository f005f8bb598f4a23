"""Days said in passing: a day that bounds the seller's own work or plans, not the claims or goods asked about.

"the client wants an update before Friday", "今天下班前要处理完", "月底对账要用", "让运营今天全部提掉", "for the Q3
reconciliation", "an end-of-month snapshot", "need stock for black friday", a day that comes back (每个月底, every
Friday): none of them filters a list.
"""

from __future__ import annotations

import re

_IN_PASSING_ZH = re.compile(r"\s*(?:(?:晚上|早上|上午|下午|中午|半夜)?(?:我|我们|老板)?(?:在)?后台(?:里|上)?看到"
                            r"|看到有|(?:一早|早上)?就(?:提|交|去提)"
                            r"|下班前?|(?:之)?前要(?:处理|弄|搞|做|交|给)|要(?:处理|弄|搞|做)完"
                            r"|(?:之)?前(?:给|发)我|(?:上午|下午|晚上|早上)?(?:要)?(?:跟|和|给)(?:客户|老板|领导|财务|运营)|对账|对(?:了|着)?(?:结算|赔偿|退货)?(?:报告|报表|数据|账单)|看(?:了)?(?:结算|赔偿|退货)(?:报告|报表|数据|账单)|要?做账|又?在群里|又?催|要开会|要用|第[一二三四五六七八九十\d]+次|(?:上午|下午|晚上|早上)?要(?:看|用|开会|汇报|对账)"
                            r"|(?:一定|必须|得|要|就|全部|全|都|统一|赶紧|尽快|马上|抓紧|先)*\s*(?:搞定|弄好|做好|处理好|弄完"
                            r"|做完|处理完|提掉|交掉|提交掉|提完|交完|全部提|全部交|弄掉|搞掉|处理掉|做掉)"
                            r"|(?:上午|下午|晚上|早上|中午)?(?:统一|一起|集中|赶紧|尽快|马上|抓紧|再)\s*(?:去(?:后台)?)?\s*"
                            r"(?:申述|申诉|提交?|处理|弄|搞|跟进)"
                            r"|再(?:说|看|弄|处理|提)|了(?![的吗么])|要(?:排(?!队|名)|安排|跟进|整理)"
                            r"|[^,，。;；\d]{0,12}(?:开会|开个会|出差|汇报|见客户|拜访|请假|放假|离职|辞职|入职|休假|交接"
                            r"|换了个?(?:运营|人|员工|助理|会计|财务))"
                            r"|(?:开始|起)?[^,，。;；\d]{0,8}?都?是[^,，。;；\d]{1,4}在(?:跟|做|管|弄|负责|处理))")
# "让运营今天全部提掉", "明天统一申述", "下礼拜再说", "月底了": the seller's work or the day it is, no filter;
# "九月份开始申述都是小李在跟": who has done the work since then
# A day that bounds something other than the claims: when the seller wants an answer, a call, the work done.
_IN_PASSING = re.compile(r"\b(?:an? (?:update|call|meeting|catch-?up|answer|reply|response|report back)"
                         r"|back to (?:me|us|them)|(?:let|tell) (?:me|us) know"
                         r"|(?:needs?|wants?|have) (?:it|this|that|them|these|those|everything)"
                         r"(?: (?:sorted|done|ready|finished|filed))?"
                         r"(?: for (?:the |our |my |a )?[a-z]+(?: [a-z]+)?)?"  # "needs it for the reconciliation today"
                         r"|(?:sorted|done|finished|ready) (?:by|before)"
                         r"|(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)|another|one more) time)"
                         r"\s+(?:(?:on|by|before|until|till|no later than)\s+)?(?:this\s+|next\s+)?$", re.I)
# The day the seller means to do the work ("need to do the appeals today itself"): not of the claims.
_WORK_ON = re.compile(r"\b(?:need|have|got|want) to (?:do|finish|complete|sort|clear)(?: \w+){0,4}\s+$"
                      r"|[?.!]\s*(?:i |we )?(?:need|have|got|want)(?: to)? (?:file|submit|lodge)(?: \w+){0,3}\s+$",
                      re.I)
# ("which claims close before Nov 20? need file them this week": the week is the seller's work, after the question)
# A day of the seller's own meeting or call ("for the Q4 meeting tomorrow", "client call at 10").
_MEETING = re.compile(r"\b(?:meeting|call|catch-?up|presentation)\s+(?:is\s+)?(?:on\s+|at\s+)?(?:this\s+|next\s+)?$",
                      re.I)
# A period that names the seller's own work, not the claims ("need them for the Q3 reconciliation").
_FOR_THE = re.compile(r"\bfor (?:the|our|my)\s+$", re.I)
_PURPOSE = re.compile(r"\s*(?:reconciliation|recon|books|bookkeeping|accounts|close|review|meeting|board meeting"
                      r"|planning|report|reporting|audit)\b", re.I)
_SNAPSHOT = re.compile(r"\s*snapshots?\b", re.I)
# A day naming an event of the seller's story ("after the September re-measure"), not when the claims arose.
_THE = re.compile(r"\b(?:after|since|before|during|from) the\s+$", re.I)
_EVENT = re.compile(r"\s*(?:re[- ]?measure(?:ment)?s?|measurements?|stock ?takes?|inventory counts?|fee changes?"
                    r"|price changes?"
                    r"|promos?|promotions?|updates?)\b", re.I)
# A day the seller's own plans are for ("need stock for black friday"), or one that comes back (每个月底, every Friday).
_STOCK_FOR = re.compile(r"\b(?:stock|inventory|ready|prepared|prep|restock|sales?|promos?|deals?)\s+"
                        r"(?:for|before|ahead of|in time for)\s+(?:the\s+)?$|(?:每个?|\bevery\s+|\beach\s+)$", re.I)


# "Up to now" said of what has not happened yet ("货到现在都没回仓", "still not back till now"): no period asked.
_UP_TO_NOW = re.compile(r"(?:到现在|至今|迄今|到目前|\b(?:till|until|up to) now\b|\bso far\b)\s*$", re.I)
_STILL_NOT = re.compile(r"\s*(?:都|还|也|一直|仍然?|依然)\s*(?:没|未|不)"
                        r"|\s*(?:still\s+)?(?:not|never|hasn't|haven't)\b", re.I)


def said_in_passing(text: str, start: int, end: int) -> bool:
    """Whether the day said at ``text[start:end]`` is of the seller's own work or plans (no filter)."""
    before, after = text[:start], text[end:]
    if _UP_TO_NOW.search(text[start:end]) and _STILL_NOT.match(after):
        return True
    return bool(_IN_PASSING.search(before) or _WORK_ON.search(before) or _MEETING.search(before)
                or _IN_PASSING_ZH.match(after)
                or _STOCK_FOR.search(before)
                or (_FOR_THE.search(before) and _PURPOSE.match(after)) or _SNAPSHOT.match(after)
                or (_THE.search(before) and _EVENT.match(after)))
