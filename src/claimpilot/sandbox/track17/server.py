"""Run the 17TRACK emulator with uvicorn in a background thread."""

from __future__ import annotations

from claimpilot import clock

from ..background import BackgroundServer, bind
from .app import create_app
from .payloads import push_body
from .state import Track17State


class RunningTrack17(BackgroundServer):
    """A started emulator: ``url``, ``state`` (parcels, faults, keys, call log), ``push_body()``, ``stop()``."""

    def __init__(self, state: Track17State, host: str, port: int) -> None:
        self.state, self.faults = state, state.faults
        sock, url = bind(host, port)
        super().__init__(create_app(state), sock, url, "17TRACK emulator")

    def count(self, operation: str | None = None, status: int | None = None) -> int:
        return self.state.count(operation, status)

    def push_body(self, number: str, event: str = "TRACKING_UPDATED") -> bytes:
        """The webhook body 17TRACK would POST now for ``number``."""
        return push_body(self.state.parcel(number), clock.now_utc(), event)


def start_track17(state: Track17State | None = None, port: int = 0, host: str = "127.0.0.1") -> RunningTrack17:
    """Serve a 17TRACK-compatible API on ``host:port`` (0: any free port)."""
    return RunningTrack17(state or Track17State(), host, port)
