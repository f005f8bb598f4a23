"""Offline understanding: tool accuracy on held-out utterances (zh and en), against a keyword-only
baseline in the same run.

The held-out set (benchmarks/data/router_utterances.yaml) shares no line with
the router's examples or the tests' labelled set. The baseline picks the tool
whose keyword list (the same status/type words plus a few verbs per tool)
matches most words of the utterance.
"""

from __future__ import annotations

from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "router_utterances.yaml"

KEYWORDS: dict[str, tuple[str, ...]] = {
    "fetch_reports": ("fetch", "download", "pull", "sync", "report", "reports", "refresh", "拉取", "下载", "同步", "报告", "报表", "数据"),
    "run_audit": ("audit", "owe", "owes", "discrepanc", "check", "scan", "审计", "欠", "检查", "扫描", "差异"),
    "claims_summary": ("summary", "total", "overview", "recovered", "how much", "汇总", "总共", "概览", "追回", "统计"),
    "list_claims": ("list", "show", "which", "claims", "列出", "显示", "哪些"),
    "get_claim": ("detail", "details", "status of", "详情", "状态", "情况"),
    "draft_case": ("draft", "case", "write", "prepare", "起草", "案件", "准备"),
    "draft_appeal": ("appeal", "denied", "rejected", "dispute", "申诉", "被拒", "驳回", "异议"),
    "mark_case_submitted": ("submitted", "filed", "mark", "已提交", "标记", "案件号"),
    "search_policy": ("policy", "rule", "window", "deadline", "evidence", "how long", "政策", "规定", "期限", "证据", "多久"),
    "_help": ("hello", "hi", "help", "你好", "帮助"),
    "_cannot": ("poem", "translate", "joke", "weather", "诗", "翻译", "笑话", "天气"),
}


def keyword_route(text: str) -> str:
    low = text.lower()
    hits = {name: sum(w in low for w in words) for name, words in KEYWORDS.items()}
    best = max(hits, key=lambda n: hits[n])
    return best if hits[best] else "_help"


def _items() -> list[tuple[str, str, str]]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return [(t, name, lang) for name, langs in data.items() for lang, texts in langs.items() for t in texts]


def run(scale: str) -> list[dict]:
    from claimpilot.agent.understanding import understand

    items = _items()
    rows = []
    for lang in ("zh", "en"):
        mine = [it for it in items if it[2] == lang]
        right = sum(_label(understand(t)) == want for t, want, _ in mine)
        base = sum(keyword_route(t) == want for t, want, _ in mine)
        acc, base_acc = right / len(mine), base / len(mine)
        rows.append({"benchmark": "router", "metric": f"routing accuracy ({lang}, held-out)", "value": acc,
                     "unit": "fraction", "baseline": base_acc, "ratio": acc / base_acc if base_acc else None,
                     "note": f"{right}/{len(mine)} utterances; baseline = keyword-only ({base}/{len(mine)})"})
    return rows


def _label(u) -> str:
    """The understanding's tool, with the set's old name for a declined request."""
    return "_cannot" if u.tool == "_decline" else u.tool
