"""Fixtures for the agent tests."""

from __future__ import annotations

import pytest
from agent_helpers import make_finding, seed

from claimpilot.config import Settings


@pytest.fixture
def seeded(settings) -> tuple[Settings, list[dict]]:
    """Two claimable claims in the real case service (SQLite in the test's home)."""
    claims = seed(settings, [make_finding("LOST-1", "X001AAAAAA", 3), make_finding("LOST-2", "X001BBBBBB", 1, "40.00")])
    return settings, claims
