"""From an utterance to a decision: which tool, with which arguments, or which plain answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from benchmarks.baseline_router.entities import extract
from benchmarks.baseline_router.intents import THRESHOLD, IntentIndex, default_index, pick
from benchmarks.baseline_router.language import detect_language

# A tool whose required ids the utterance gives gets a small lift; one missing them a small drop.
ARGS_FOUND_BONUS = 0.012
ARGS_MISSING_PENALTY = 0.012
# Arguments that take the utterance itself.
TEXT_ARGS = ("query", "question", "message", "text")


@dataclass
class ToolSpec:
    """What the router needs to know of a tool: its parameters and which are required."""

    name: str
    params: tuple[str, ...]
    required: tuple[str, ...]


@dataclass
class Route:
    kind: str  # "tool", "help", "cannot", "missing"
    lang: str
    tool: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    score: float = 0.0


def _fill(spec: ToolSpec, text: str, found: dict[str, Any]) -> dict[str, Any]:
    args = {p: found[p] for p in spec.params if p in found}
    for p in TEXT_ARGS:
        if p in spec.params:
            args[p] = text
    return args


class Router:
    """Picks among the bound tools; ``remembered`` supplies ids from earlier turns."""

    def __init__(self, specs: list[ToolSpec], index: IntentIndex | None = None):
        self.specs = {s.name: s for s in specs}
        self.index = index or default_index()

    def route(self, text: str, remembered: dict[str, Any] | None = None) -> Route:
        return self.route_scored(text, self.index.score_texts([text])[0], remembered)

    def route_scored(self, text: str, scores: dict[str, float], remembered: dict[str, Any] | None = None) -> Route:
        lang = detect_language(text)
        found = extract(text)
        bonus = {}
        for name, spec in self.specs.items():
            needed = [p for p in spec.required if p not in TEXT_ARGS]
            if needed:
                have = sum(p in found for p in needed)
                bonus[name] = ARGS_FOUND_BONUS * have if have == len(needed) else -ARGS_MISSING_PENALTY
        intent = pick(scores, set(self.specs), bonus)
        if intent.score < THRESHOLD or intent.name == "_help":
            return Route("help", lang, score=intent.score)
        if intent.name == "_cannot":
            return Route("cannot", lang, score=intent.score)
        spec = self.specs[intent.name]
        args = _fill(spec, text, {**(remembered or {}), **found})
        missing = [p for p in spec.required if p not in args]
        kind = "missing" if missing else "tool"
        return Route(kind, lang, intent.name, args, missing, intent.score)
