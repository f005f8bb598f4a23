"""Serving a sandbox's ASGI app with uvicorn in a background thread: the SP-API and 17TRACK emulators."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

START_TIMEOUT_S = 15.0


def bind(host: str, port: int) -> tuple[socket.socket, str]:
    """A socket bound to ``host:port`` (0: any free port) and its base URL, known before the app is made."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock, f"http://{host}:{sock.getsockname()[1]}"


class BackgroundServer:
    """``app`` served on ``sock`` from a daemon thread, started when the constructor returns; ``stop()``
    (or leaving the ``with`` block) ends it. ``name`` says what it is in the thread and the start error."""

    def __init__(self, app, sock: socket.socket, url: str, name: str) -> None:
        self.url = url
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, name=name, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self._server.should_exit = True
                raise RuntimeError(f"the {name} did not start on {url}")
            time.sleep(0.01)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
