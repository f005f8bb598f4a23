"""Run the emulator with uvicorn in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date, timedelta

import uvicorn

from .app import create_app
from .faults import Faults
from .ratelimit import RateLimiter, UsagePlan
from .source import SellerSource
from .state import EmulatorState, LwaCredentials


class RunningEmulator:
    """A started emulator: ``url``, ``faults``, ``credentials``, the call log
    (``count(operation, status)``), and ``stop()``; also a context manager."""

    def __init__(self, state: EmulatorState, server: uvicorn.Server, thread: threading.Thread, url: str) -> None:
        self.state = state
        self.url = url
        self.faults = state.faults
        self.credentials = state.credentials
        self._server = server
        self._thread = thread

    def count(self, operation: str | None = None, status: int | None = None) -> int:
        """How many calls of ``operation`` were answered with ``status``."""
        return self.state.count(operation, status)

    @property
    def calls(self) -> list[tuple[str, int]]:
        return list(self.state.calls)

    def rate(self, operation: str) -> float:
        """The (scaled) rate the emulator allows for ``operation``, requests/s."""
        return self.state.limiter.plans[operation].rate

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> RunningEmulator:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"RunningEmulator(url={self.url!r})"


def start_emulator(
    source: SellerSource,
    port: int = 0,
    faults: Faults | None = None,
    *,
    host: str = "127.0.0.1",
    rate_scale: float = 1.0,
    plans: dict[str, UsagePlan] | None = None,
    polls_to_done: int = 2,
    page_size: int = 50,
    today: date | None = None,
    credentials: LwaCredentials | None = None,
) -> RunningEmulator:
    """Serve ``source`` as Amazon's SP-API on ``host:port`` (0: any free port).

    ``rate_scale`` multiplies every operation's rate (tests use a fast clock),
    ``plans`` overrides single usage plans, ``polls_to_done`` is how many
    getReport polls a report spends IN_QUEUE/IN_PROGRESS, ``today`` the day
    the emulator believes it is (settlements close only before it; default: the
    day after the source's ``as_of`` where it has one, else the real date).
    """
    if today is None and isinstance(getattr(source, "as_of", None), date):
        today = source.as_of + timedelta(days=1)  # the demo seller's world ends on its as-of day
    state = EmulatorState(
        source=source,
        faults=faults or Faults(),
        limiter=RateLimiter(rate_scale, plans),
        credentials=credentials or LwaCredentials(),
        polls_to_done=polls_to_done,
        page_size=page_size,
        today=today,
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    bound = sock.getsockname()[1]
    state.base_url = f"http://{host}:{bound}"
    config = uvicorn.Config(create_app(state), log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="sp-api-emulator", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the SP-API emulator did not start on {host}:{bound}")
        time.sleep(0.01)
    return RunningEmulator(state, server, thread, state.base_url)
