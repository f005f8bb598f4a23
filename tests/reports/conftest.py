"""An emulator serving a tiny seller, and Settings pointed at it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from claimpilot.sandbox.emulator import start_emulator
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from spapi_seller import AS_OF, TinySeller, settings_for


@pytest.fixture
def seller():
    return TinySeller()


@pytest.fixture
def emulator(seller):
    forget_access_tokens()
    with start_emulator(seller, rate_scale=1000, today=AS_OF + timedelta(days=1)) as emu:
        yield emu
    forget_access_tokens()


@pytest.fixture
def sp_settings(emulator, isolated_home):
    return settings_for(emulator, isolated_home)
