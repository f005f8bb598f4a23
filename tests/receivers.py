"""Local HTTP receivers for the alert channels: each records what it was sent and answers as scripted."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """POSTs land in ``received``; ``answers`` (status, JSON) are served in order, then ``default``;
    the first ``refuse[path]`` POSTs on a path are answered 400 whatever else is scripted."""

    default: tuple[int, dict] = (200, {"errcode": 0, "errmsg": "ok"})
    answers: list[tuple[int, dict]] = field(default_factory=list)
    refuse: dict[str, int] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    url: str = ""

    def start(self) -> Receiver:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                if outer.refuse.get(self.path, 0) > 0:
                    outer.refuse[self.path] -= 1
                    status, answer = 400, {"errcode": 400, "errmsg": "refused"}
                else:
                    status, answer = outer.answers.pop(0) if outer.answers else outer.default
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
