"""Report uploads: a multipart body streamed straight to files on disk, chunk by chunk.

Nothing is held in memory beyond one chunk; the body-limit middleware cuts the
stream at the configured cap. File names are reduced to a safe base name.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import Request
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from claimpilot.server.problems import Problem

SAFE_NAME = re.compile(r"[^\w.\-]+")  # \w: letters of any script (a seller's 结算报告.txt keeps its name)

UPLOAD_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {"multipart/form-data": {"schema": {
            "type": "object", "required": ["files"],
            "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
        }}},
    }
}


def safe_filename(raw: str, taken: set[str]) -> str:
    """A base name with only safe characters, unique among ``taken``."""
    base = SAFE_NAME.sub("_", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip("._") or "report"
    base = base[:120]
    name, n = base, 1
    while name in taken:
        stem, dot, ext = base.rpartition(".")
        name = f"{stem}-{n}.{ext}" if dot else f"{base}-{n}"
        n += 1
    taken.add(name)
    return name


class _PartWriter:
    """Callbacks for the multipart parser that write each file part to ``dest``."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.saved: list[Path] = []
        self._taken: set[str] = set()
        self._headers: dict[str, bytes] = {}
        self._field = b""
        self._value = b""
        self._out = None

    def on_part_begin(self) -> None:
        self._headers = {}

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._field.decode("latin-1").lower()] = self._value
        self._field, self._value = b"", b""

    def on_headers_finished(self) -> None:
        _, params = parse_options_header(self._headers.get("content-disposition", b""))
        filename = params.get(b"filename")
        if filename is None:
            self._out = None  # a plain form field: ignored
            return
        path = self.dest / safe_filename(filename.decode("utf-8", "replace"), self._taken)
        self._out = path.open("wb")
        self.saved.append(path)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._out is not None:
            self._out.write(data[start:end])

    def on_part_end(self) -> None:
        self.close()

    def close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None

    def callbacks(self) -> dict:
        return {name: getattr(self, name) for name in (
            "on_part_begin", "on_header_field", "on_header_value", "on_header_end",
            "on_headers_finished", "on_part_data", "on_part_end")}


async def receive_files(request: Request, dest: Path) -> list[Path]:
    """Stream the request's multipart files into ``dest``; returns the files written."""
    content_type, params = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in params:
        raise Problem(415, "upload_not_multipart")
    dest.mkdir(parents=True, exist_ok=True)
    writer = _PartWriter(dest)
    try:
        parser = MultipartParser(params[b"boundary"], writer.callbacks())
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except MultipartParseError as exc:
        raise Problem(400, "upload_malformed", reason=str(exc)) from None
    finally:
        writer.close()
    files = [p for p in writer.saved if p.stat().st_size > 0]
    if not files:
        raise Problem(422, "upload_empty")
    return files
