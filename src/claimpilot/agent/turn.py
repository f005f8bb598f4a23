"""Reading a finished turn: yes/no replies to a pending write, the approval note, the citations."""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.messages import BaseMessage, ToolMessage

from claimpilot.agent.state import PendingAction

_YES = {"y", "yes", "ok", "okay", "approve", "approved", "confirm", "go ahead", "do it",
        "是", "是的", "好", "好的", "确认", "同意", "批准", "可以", "行"}
_NO = {"n", "no", "reject", "cancel", "don't", "stop", "否", "不", "不要", "不用", "拒绝", "取消", "算了"}


def verdict(message: str) -> bool | None:
    """True for a plain yes, False for a plain no, None for anything else."""
    text = re.sub(r"[\s.!。！,，]+$", "", message.strip().lower())
    if text in _YES:
        return True
    if text in _NO:
        return False
    return None


def describe(action: PendingAction, lang: str) -> str:
    """One pending write in words: what it does, to which claim, with which case id or reason."""
    from claimpilot.agent.router.render import name_of

    a = action.args
    parts = []
    if a.get("claim_id") is not None:
        parts.append(f"索赔 {a['claim_id']}" if lang == "zh" else f"claim {a['claim_id']}")
    if a.get("case_id"):
        parts.append(f"亚马逊案件号 {a['case_id']}" if lang == "zh" else f"Amazon case {a['case_id']}")
    if a.get("reason_code"):
        reason = name_of("reason", a["reason_code"], lang)
        parts.append(f"理由：{reason}" if lang == "zh" else f"reason: {reason}")
    sep = "，" if lang == "zh" else ", "
    head = name_of("tool", action.name, lang)
    return f"- {head}{'：' if lang == 'zh' else ': '}{sep.join(parts)}" if parts else f"- {head}"


def approval_note(pending: Sequence[PendingAction], lang: str) -> str:
    """What the person is asked to approve, in their language."""
    lines = [describe(p, lang) for p in pending]
    head = ("以下操作会写入数据，需要你批准（回复“确认”或“取消”）：" if lang == "zh"
            else "These actions write data and need your approval (reply yes or no):")
    return "\n".join([head, *lines])


def citations(turn: Sequence[BaseMessage], answer: str) -> list[dict[str, str]]:
    """The policy passages this turn retrieved; those the answer names, when it names any."""
    found: list[dict[str, str]] = []
    for msg in turn:
        if isinstance(msg, ToolMessage) and msg.name == "search_policy" and isinstance(msg.artifact, dict):
            for p in msg.artifact.get("passages", []):
                item = {"source": p["source"], "text": p["text"]}
                if item not in found:
                    found.append(item)
    named = [c for c in found if _short(c["source"]) in answer]
    return named or found


def _short(source: str) -> str:
    """The part of a citation source that an answer would quote (before the effective-date note)."""
    return source.split(" (")[0].strip()
