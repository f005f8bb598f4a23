"""The 17TRACK emulator, local alert receivers, and Settings pointed at them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from receivers import Receiver  # noqa: E402

from claimpilot.config import Settings  # noqa: E402
from claimpilot.db.engine import dispose_all  # noqa: E402
from claimpilot.sandbox.track17 import Track17State, start_track17  # noqa: E402


@pytest.fixture
def track17():
    with start_track17(Track17State(rate=1000, burst=1000)) as emu:
        yield emu


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


def logistics_settings(home, emu, **extra) -> Settings:
    """Settings whose 17TRACK is ``emu``, with fast retries and the given extra logistics values."""
    track = {"base_url": emu.url, "api_key": emu.state.api_key, "webhook_key": emu.state.webhook_key,
             "backoff_s": 0.01, "backoff_max_s": 0.05, "max_retries": 5}
    alerts = {"backoff_s": 0.01, "max_retries": 3, "timeout_s": 5, **extra.pop("alerts", {})}
    return Settings(home=home, _env_file=None, language=extra.pop("language", "en"),
                    logistics={"track17": track, "alerts": alerts, **extra})


@pytest.fixture
def lsettings(isolated_home, track17):
    yield logistics_settings(isolated_home, track17)
    dispose_all()
