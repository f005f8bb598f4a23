"""Run the 17TRACK emulator with uvicorn in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from datetime import datetime, timezone

import uvicorn

from .app import create_app
from .payloads import push_body
from .state import Track17State


class RunningTrack17:
    """A started emulator: ``url``, ``state`` (parcels, faults, keys, call log), ``push_body()``, ``stop()``."""

    def __init__(self, state: Track17State, server: uvicorn.Server, thread: threading.Thread, url: str) -> None:
        self.state, self.url, self.faults = state, url, state.faults
        self._server, self._thread = server, thread

    def count(self, operation: str | None = None, status: int | None = None) -> int:
        return self.state.count(operation, status)

    def push_body(self, number: str, event: str = "TRACKING_UPDATED") -> bytes:
        """The webhook body 17TRACK would POST now for ``number``."""
        return push_body(self.state.parcel(number), datetime.now(timezone.utc), event)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> RunningTrack17:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start_track17(state: Track17State | None = None, port: int = 0, host: str = "127.0.0.1") -> RunningTrack17:
    """Serve a 17TRACK-compatible API on ``host:port`` (0: any free port)."""
    state = state or Track17State()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    url = f"http://{host}:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(state), log_level="warning", access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="track17-emulator", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the 17TRACK emulator did not start on {url}")
        time.sleep(0.01)
    return RunningTrack17(state, server, thread, url)
