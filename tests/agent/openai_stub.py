"""A local OpenAI-compatible server for the agent's tests: /v1/chat/completions, plain and SSE streaming.

It replays the tool-call wire formats of three providers (``flavor``):
- ``openai``: ids ``call_…``, ``content: null`` beside tool calls; streamed, each call's id and
  name come first and its JSON arguments follow in fragments;
- ``deepseek``: ids ``call_0_…``, the first delta carries ``content: ""`` with the role, usage in
  the last chunk;
- ``qwen`` (DashScope compatible mode): every streamed tool-call delta repeats ``id``, ``type`` and
  an empty ``name`` after the first, arguments in fragments, ``content: ""`` rather than null.
Several calls in one reply are parallel calls (``index`` 0, 1, ...). Arguments are always JSON strings.

``script(messages)`` decides the reply: ``{"tool_calls": [(name, args), ...]}`` or ``{"content": text}``.
The default asks for ``list_claims`` when the conversation has no tool result yet, then answers in
words that quote the tool result's claim count.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FLAVORS = ("openai", "deepseek", "qwen")


def default_script(messages: list[dict]) -> dict:
    tool_results = [m for m in messages if m["role"] == "tool"]
    if not tool_results:
        return {"tool_calls": [("list_claims", {"status": "claimable"})]}
    count = re.search(r'"count": (\d+)', tool_results[-1]["content"])
    return {"content": f"You have {count.group(1) if count else 'no'} claimable claims right now."}


def _pieces(text: str, size: int = 7) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)] or [""]


class StubOpenAI:
    def __init__(self, flavor: str = "openai", script: Callable[[list[dict]], dict] | None = None) -> None:
        assert flavor in FLAVORS
        self.flavor = flavor
        self.script = script or default_script
        self.requests: list[dict] = []
        self.auth: list[str] = []
        self._calls = 0
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
                empty = "" if stub.flavor == "qwen" else None
                message = {"role": "assistant", "content": reply.get("content", empty)}
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

                def send(delta, finish=None, usage=None):
                    chunk = {"id": "cmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model,
                             "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                    if usage:
                        chunk["usage"] = usage
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()

                first = {"role": "assistant", "content": None if stub.flavor == "openai" else ""}
                if "tool_calls" in reply:
                    send(first)
                    for i, call in enumerate(reply["tool_calls"]):
                        fn = call["function"]
                        send({"tool_calls": [{"index": i, "id": call["id"], "type": "function",
                                              "function": {"name": fn["name"], "arguments": ""}}]})
                        for piece in _pieces(fn["arguments"]):
                            if stub.flavor == "qwen":
                                part = {"index": i, "id": "", "type": "function",
                                        "function": {"name": "", "arguments": piece}}
                            else:
                                part = {"index": i, "function": {"arguments": piece}}
                            send({"tool_calls": [part]})
                    send({}, "tool_calls", {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}
                         if stub.flavor == "deepseek" else None)
                else:
                    send(first)
                    for word in re.findall(r"\S+\s*", reply["content"]):
                        send({"content": word})
                    send({}, "stop")
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _id(self) -> str:
        self._calls += 1
        return {"openai": f"call_stub{self._calls}", "deepseek": f"call_0_stub{self._calls}",
                "qwen": f"call_{self._calls:024x}"}[self.flavor]

    def reply(self, messages: list[dict]) -> dict:
        out = self.script(messages)
        if "tool_calls" not in out:
            return out
        return {"tool_calls": [{"id": self._id(), "type": "function",
                                "function": {"name": name, "arguments": json.dumps(args, ensure_ascii=False)}}
                               for name, args in out["tool_calls"]]}

    def __enter__(self) -> StubOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
