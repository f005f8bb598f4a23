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

    @property
    def citation_source(self) -> str:
        """The source as a reader cites it: where it comes from, since when, which passage."""
        return f"{self.source} (effective {self.effective}; {self.marketplace}) [{self.id}]"

    def to_dict(self) -> dict:
        return asdict(self)
