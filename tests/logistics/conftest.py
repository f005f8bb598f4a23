"""The 17TRACK emulator, local alert receivers, and Settings pointed at them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from logistics_helpers import logistics_settings  # noqa: E402

from claimpilot.db.engine import dispose_all  # noqa: E402
from claimpilot.sandbox.track17 import Track17State, start_track17  # noqa: E402
from receivers import Receiver  # noqa: E402


@pytest.fixture
def track17():
    with start_track17(Track17State(rate=1000, burst=1000)) as emu:
        yield emu


@pytest.fixture
def receiver():
    r = Receiver().start()
    yield r
    r.stop()


@pytest.fixture
def lsettings(isolated_home, track17):
    yield logistics_settings(isolated_home, track17)
    dispose_all()
