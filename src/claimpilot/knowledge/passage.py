"""A retrieved policy passage, as handed to the agent, the CLI and the answerer."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Passage:
    """One passage found for a query; ``score`` is cosine similarity (higher is closer)."""

    id: str
    source: str
    title: str
    text: str
    effective: str
    marketplace: str
    language: str
    score: float
    topic: str = ""
    certainty: str = ""
    why: str = ""
    checked: str = ""

    @property
    def citation_source(self) -> str:
        """The source as a reader cites it: where it comes from, since when, how sure, which passage.

        A passage that Amazon does not state word for word says so: "inferred: <why>"."""
        sure = f"; inferred: {self.why}" if self.certainty == "inferred" else ""
        checked = f"; checked {self.checked}" if self.checked else ""
        return f"{self.source} (effective {self.effective}; {self.marketplace}{checked}{sure}) [{self.id}]"

    def to_dict(self) -> dict:
        return asdict(self)
