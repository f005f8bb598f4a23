"""Fixtures every test shares: each test gets its own claimpilot home."""

from __future__ import annotations

import pytest

from claimpilot.config import Settings, get_settings


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the user's real ~/.claimpilot or a stray .env."""
    home = tmp_path_factory.mktemp("claimpilot-home")
    monkeypatch.setenv("CLAIMPILOT_HOME", str(home))
    for var in ("CLAIMPILOT_LLM__BASE_URL", "CLAIMPILOT_LLM__API_KEY", "CLAIMPILOT_LLM__MODEL",
                "CLAIMPILOT_DATABASE_URL", "OPENAI_API_KEY", "SP_API_DEFAULT_MARKETPLACE"):
        monkeypatch.delenv(var, raising=False)
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture
def settings(isolated_home) -> Settings:
    """Settings rooted in the test's own home, with no .env file read."""
    return Settings(home=isolated_home, _env_file=None)
