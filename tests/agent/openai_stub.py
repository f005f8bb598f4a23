"""A local OpenAI-compatible server for the agent's tests: /v1/chat/completions, plain and SSE streaming.

It asks for ``list_claims`` when the conversation has no tool result yet, then
answers in words that quote the tool result's claim count.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.auth: list[str] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                stub.requests.append(body)
                stub.auth.append(self.headers.get("Authorization", ""))
                if self.path != "/v1/chat/completions":
                    self.send_error(404)
                    return
                reply = stub.reply(body["messages"])
                if body.get("stream"):
                    self._sse(body["model"], reply)
                else:
                    self._json(body["model"], reply)

            def _json(self, model, reply):
                message = {"role": "assistant", "content": reply.get("content")}
                if "tool_calls" in reply:
                    message["tool_calls"] = reply["tool_calls"]
                data = json.dumps({"id": "cmpl-1", "object": "chat.completion", "created": 0, "model": model,
                                   "choices": [{"index": 0, "message": message,
                                                "finish_reason": "tool_calls" if "tool_calls" in reply else "stop"}],
                                   "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _sse(self, model, reply):
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()

                def send(delta, finish=None):
                    chunk = {"id": "cmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model,
                             "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()

                if "tool_calls" in reply:
                    calls = [{**c, "index": i} for i, c in enumerate(reply["tool_calls"])]
                    send({"role": "assistant", "content": None, "tool_calls": calls})
                    send({}, "tool_calls")
                else:
                    send({"role": "assistant", "content": ""})
                    for word in re.findall(r"\S+\s*", reply["content"]):
                        send({"content": word})
                    send({}, "stop")
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def reply(self, messages: list[dict]) -> dict:
        tool_results = [m for m in messages if m["role"] == "tool"]
        if not tool_results:
            args = json.dumps({"status": "claimable"})
            return {"tool_calls": [{"id": "call_stub_1", "type": "function",
                                    "function": {"name": "list_claims", "arguments": args}}]}
        count = re.search(r'"count": (\d+)', tool_results[-1]["content"])
        return {"content": f"You have {count.group(1) if count else 'no'} claimable claims right now."}

    def __enter__(self) -> StubOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
