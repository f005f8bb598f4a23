"""Scoring the chat on an evaluation set: the tool each utterance reaches, its slots, and whether
the answer is wholly in the asker's language with no raw codes.

The set is YAML (see benchmarks/data/chat_eval.yaml): ``today`` and ``items``, each item an
utterance or a ``thread`` of them, labelled with ``tool``, ``args`` (slots) and ``lang``. Each
thread runs on its own conversation through the real graph, with whatever model the Agent has
(the offline router when none is configured). Writes awaiting approval are declined, so the
seller's data stays as it was.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from claimpilot.agent.answer_check import problems
from claimpilot.agent.router.render import render

FREE_TEXT = ("query", "message", "reason", "question", "text", "limit", "offset", "k", "seller_request")
NO_TOOL = ("_help", "_decline")


@dataclass
class Turn:
    say: str
    tool: str
    args: dict[str, Any]
    lang: str
    group: str = ""  # a part of the set scored on its own (e.g. "issue": held-out lines of one issue)


@dataclass
class Outcome:
    turn: Turn
    tool: str
    args: dict[str, Any]
    answer: str
    issues: list[str]
    seconds: float

    @property
    def tool_ok(self) -> bool:
        if self.turn.tool in NO_TOOL:
            return self.tool in NO_TOOL and (self.tool == self.turn.tool or self.tool == "_none")
        return self.tool == self.turn.tool or (self.tool == "_missing" and not self.turn.args)

    @property
    def slots_ok(self) -> bool:
        return self.tool_ok and (self.args == self.turn.args or self.tool == "_missing")


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def share(self, test) -> float:
        return sum(1 for o in self.outcomes if test(o)) / max(1, len(self.outcomes))

    @property
    def scores(self) -> dict[str, float]:
        return {"tools": self.share(lambda o: o.tool_ok), "slots": self.share(lambda o: o.slots_ok),
                "language": self.share(lambda o: not o.issues), "n": len(self.outcomes)}

    def parts(self) -> dict[str, dict[str, float]]:
        """The scores per labelled tool ("tool list_claims") and per group of lines ("group issue")."""
        names: dict[str, list[Outcome]] = {}
        for o in self.outcomes:
            for name in (f"tool {o.turn.tool}", *([f"group {o.turn.group}"] if o.turn.group else [])):
                names.setdefault(name, []).append(o)
        return {name: Report(list(outcomes)).scores for name, outcomes in sorted(names.items())}


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_set(path: Path) -> tuple[date, list[list[Turn]]]:
    """The set's day and its threads (a single utterance is a thread of one)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    threads = []
    for item in data["items"]:
        turns = item["thread"] if "thread" in item else [item]
        threads.append([Turn(t["say"], t["tool"], {k: _plain(v) for k, v in (t.get("args") or {}).items()},
                             t["lang"], t.get("group", "")) for t in turns])
    return data["today"], threads


def slots_of(args: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in args.items() if k not in FREE_TEXT and v not in (None, "", [])}


def _no_tool_label(answer: str, lang: str, offline: bool) -> str:
    if not offline:
        return "_none"
    if answer.strip() == render("_decline", lang).strip():
        return "_decline"
    if answer.strip() == render("_help", lang).strip():
        return "_help"
    return "_missing"


def evaluate(agent: Any, threads: list[list[Turn]], offline: bool) -> Report:
    """Run every thread through ``agent`` (an open claimpilot.agent.service.Agent)."""
    report = Report()
    for turns in threads:
        thread_id = f"eval-{uuid.uuid4().hex[:10]}"
        for turn in turns:
            started = time.perf_counter()
            result = agent.chat(turn.say, thread_id)
            seconds = time.perf_counter() - started
            if result.tool_calls or result.refused_calls:  # a write on a claim the seller lacks: understood,
                first = (result.tool_calls or result.refused_calls)[0]  # answered "no such claim"
                tool, args = first["name"], slots_of(first["args"])
            else:
                tool, args = _no_tool_label(result.answer, turn.lang, offline), {}
            report.outcomes.append(Outcome(turn, tool, args, result.answer, problems(result.answer, turn.lang),
                                           seconds))
            if result.pending_actions:
                agent.decide(thread_id, approve=False, note="Evaluation: not approved.")
    return report
