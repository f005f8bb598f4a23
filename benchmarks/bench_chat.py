"""The chat on its evaluation set (benchmarks/data/chat_eval.yaml), against today's router frozen
in benchmarks/baseline_router, in the same run; and how fast an offline answer comes.

- tools / slots: share of utterances reaching the labelled tool, with exactly the labelled slots;
  value: the understanding layer through the real graph, threads and all, on the evaluation
  seller (claimpilot.sandbox.chat_seller); baseline: the frozen router on the same utterances
  (it remembers ids from earlier turns, as it did).
- held-out: the same three scores on benchmarks/data/chat_heldout.yaml (150 lines written apart
  from the first set and from the router), against the same frozen router.
- unseen: the same on benchmarks/data/chat_unseen.yaml, seller lines written after the understanding
  layer's last change and never fixed from (its header gives the score it had when written).
- language: share of answers wholly in the asker's language with no raw code or glued text
  (claimpilot.agent.answer_check); the frozen router is not scored on it (it had no such check).
- warm p95: seconds per offline answer, 95th percentile over the set, after a first answer;
  baseline: the previous path (benchmarks/chat_latency.py) on the same turns, in a fresh process.
- first answer: a fresh Python process, from before the first claimpilot import to the answer;
  baseline: the previous path, same message, runs alternating.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from benchmarks.chat_latency import measure, p95

DATA = Path(__file__).parent / "data" / "chat_eval.yaml"
HELDOUT = Path(__file__).parent / "data" / "chat_heldout.yaml"  # a second held-out set, scored on its own
UNSEEN = Path(__file__).parent / "data" / "chat_unseen.yaml"  # lines written after the last change, never fixed from
APART = (("held-out", HELDOUT), ("unseen", UNSEEN))

def _baseline(threads) -> list[tuple[bool, bool]]:
    from langchain_core.utils.function_calling import convert_to_openai_tool

    from benchmarks.baseline_router.entities import extract
    from benchmarks.baseline_router.route import Router, ToolSpec
    from claimpilot.agent.evaluation import slots_of
    from claimpilot.agent.tools import load_tools

    specs = []
    for t in load_tools():
        fn = convert_to_openai_tool(t)["function"]
        specs.append(ToolSpec(fn["name"], tuple(fn["parameters"].get("properties", {})),
                              tuple(fn["parameters"].get("required", []))))
    router = Router(specs)
    marks: list[tuple[bool, bool]] = []
    keep = ("claim_id", "case_id", "fnsku", "order_id", "asin", "shipment_id", "tracking_number")
    for turns in threads:
        remembered: dict = {}
        for turn in turns:
            route = router.route(turn.say, remembered=dict(remembered))
            got = {"help": "_help", "cannot": "_decline"}.get(route.kind, route.tool)
            args = slots_of(route.args) if route.kind == "tool" else {}
            ok = got == turn.tool
            marks.append((ok, ok and (args == turn.args or (route.kind == "missing" and not turn.args))))
            remembered.update({k: v for k, v in extract(turn.say).items() if k in keep})
            remembered.update({k: v for k, v in route.args.items() if k in ("claim_id", "case_id")})
    return marks


def _per_category(outcomes, marks) -> list[dict]:
    """Tool and slots right per labelled tool, and for each group of held-out lines, against the baseline."""
    parts: dict[str, list[int]] = {}
    for i, o in enumerate(outcomes):
        for name in (f"tool {o.turn.tool}", *([f"group {o.turn.group}"] if o.turn.group else [])):
            parts.setdefault(name, []).append(i)
    rows = []
    for name, idx in sorted(parts.items(), key=lambda kv: (not kv[0].startswith("group"), kv[0])):
        value = sum(outcomes[i].slots_ok for i in idx) / len(idx)
        base = sum(marks[i][1] for i in idx) / len(idx)
        tools = sum(outcomes[i].tool_ok for i in idx) / len(idx)
        rows.append({"benchmark": "chat", "metric": f"eval {name}: tool and slots right", "value": value,
                     "unit": "fraction", "baseline": base, "ratio": value / base if base else None,
                     "note": f"{len(idx)} utterances; right tool {tools:.3f}; baseline: the frozen router"})
    return rows


def _held_out(report, marks, name: str, path: Path) -> list[dict]:
    """A set apart's tools, slots and language, against the frozen router."""
    scores, n = report.scores, report.scores["n"]
    base_tools = sum(t for t, _ in marks) / len(marks)
    base_slots = sum(s for _, s in marks) / len(marks)
    lang = "; ".join(sorted({i for o in report.outcomes for i in o.issues}))[:300]
    return [
        {"benchmark": "chat", "metric": f"{name} tools right", "value": scores["tools"], "unit": "fraction",
         "baseline": base_tools, "ratio": scores["tools"] / base_tools if base_tools else None,
         "note": f"{n} utterances of {path.name}; goal >= 0.95; baseline: the frozen router"},
        {"benchmark": "chat", "metric": f"{name} slots right", "value": scores["slots"], "unit": "fraction",
         "baseline": base_slots, "ratio": scores["slots"] / base_slots if base_slots else None,
         "note": f"{n} utterances of {path.name}; goal >= 0.95"},
        {"benchmark": "chat", "metric": f"{name} answers in the asker's language, no codes",
         "value": scores["language"], "unit": "fraction", "note": f"goal 1.0{'; ' + lang if lang else ''}"},
    ]


def run(scale: str) -> list[dict]:
    from claimpilot.agent.evaluation import evaluate, load_set
    from claimpilot.agent.service import Agent
    from claimpilot.config import Settings
    from claimpilot.sandbox.chat_seller import seed_chat_seller

    today, threads = load_set(DATA)
    if scale == "small":
        threads = threads[::4]
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), _env_file=None)
        seed_chat_seller(settings, today)
        with Agent(settings, today=today) as agent:
            agent.chat("help", "warm-up")
            report = evaluate(agent, threads, offline=True)
            apart = []
            for name, path in APART:
                set_today, set_threads = load_set(path)
                assert set_today == today, "every set is labelled against the same day and seller"
                apart.append((name, path, set_threads, evaluate(agent, set_threads, offline=True)))
    scores = report.scores
    marks = _baseline(threads)
    base_tools = sum(t for t, _ in marks) / len(marks)
    base_slots = sum(s for _, s in marks) / len(marks)
    n = scores["n"]
    times = [o.seconds for o in report.outcomes]
    before = measure("warm", "previous", scale)["times"]
    firsts, previous = [], []
    for message in ("哪些索赔快过期了", "which claims expire this week?"):
        previous.append(measure("first", "previous", message)["seconds"])
        firsts.append(measure("first", "now", message)["seconds"])
    lang = "; ".join(sorted({i for o in report.outcomes for i in o.issues}))[:300]
    apart_rows = [row for name, path, set_threads, set_report in apart
                  for row in _held_out(set_report, _baseline(set_threads), name, path)]
    return _per_category(report.outcomes, marks) + apart_rows + [
        {"benchmark": "chat", "metric": "eval tools right", "value": scores["tools"], "unit": "fraction",
         "baseline": base_tools, "ratio": scores["tools"] / base_tools if base_tools else None,
         "note": f"{n} utterances; goal >= 0.95; baseline: the frozen router"},
        {"benchmark": "chat", "metric": "eval slots right", "value": scores["slots"], "unit": "fraction",
         "baseline": base_slots, "ratio": scores["slots"] / base_slots if base_slots else None,
         "note": f"{n} utterances; goal >= 0.95"},
        {"benchmark": "chat", "metric": "answers in the asker's language, no codes", "value": scores["language"],
         "unit": "fraction", "note": f"goal 1.0{'; ' + lang if lang else ''}"},
        {"benchmark": "chat", "metric": "warm offline answer p95", "value": p95(times), "unit": "s",
         "baseline": p95(before), "ratio": p95(times) / p95(before),
         "note": f"median {statistics.median(times):.3f} s over {len(times)} answers (previous path "
                 f"{statistics.median(before):.3f} s); goal < 0.3 s; lower is better"},
        {"benchmark": "chat", "metric": "first answer in a fresh process", "value": max(firsts), "unit": "s",
         "baseline": max(previous), "ratio": max(firsts) / max(previous),
         "note": f"slowest of {len(firsts)} (zh, en), empty home; baseline: the previous path; goal < 3 s"},
    ]
