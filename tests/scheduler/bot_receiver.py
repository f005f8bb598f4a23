"""A local HTTP receiver standing in for a webhook or a group bot: records every POST, answers as a bot."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class BotReceiver(BaseHTTPRequestHandler):
    """Records every POST as (path, headers, body); answers 400 to the first ``refuse[path]`` posts on a path."""

    posts: list = []
    refuse: dict = {}

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        BotReceiver.posts.append((self.path, dict(self.headers), body))
        if BotReceiver.refuse.get(self.path, 0) > 0:
            BotReceiver.refuse[self.path] -= 1
            self.send_response(400)
            self.end_headers()
            return
        answer = json.dumps({"errcode": 0, "errmsg": "ok"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@contextmanager
def bot_receiver(refuse: dict | None = None):
    """A started receiver's base URL; ``BotReceiver.posts`` holds what it got."""
    BotReceiver.posts, BotReceiver.refuse = [], dict(refuse or {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), BotReceiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
