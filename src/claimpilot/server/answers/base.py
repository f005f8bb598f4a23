"""The base of every response model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Answer(BaseModel):
    """A JSON answer: the fields named here, plus any the domain adds."""

    model_config = ConfigDict(extra="allow")
