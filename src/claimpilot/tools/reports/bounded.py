"""Bounded, streamed reading of a raw report file.

A gzip file is inflated piece by piece (``OUT_PIECE`` bytes at most a call), so
memory stays flat whatever the file holds, and reading stops as soon as the
content passes a bound: its decompressed size, its ratio of decompressed to
compressed bytes, or its number of lines. Nothing is written to disk here.
The refusal (``LimitExceeded``) names the file and the bound it passed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimpilot.tools.reports.errors import ReportError

if TYPE_CHECKING:
    from claimpilot.config import Settings

IN_CHUNK = 1 << 20
OUT_PIECE = 1 << 20
MB = 1 << 20


@dataclass(frozen=True)
class Bounds:
    """The most one report file may hold (``Settings.reports``)."""

    max_decompressed_bytes: int = 4096 * MB
    max_ratio: float = 200.0
    max_rows: int = 20_000_000
    max_columns: int = 512
    max_line_bytes: int = 1 * MB
    ratio_floor_bytes: int = 16 * MB  # the ratio is judged once this much has come out

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Bounds:
        if settings is None:
            from claimpilot.config import get_settings

            settings = get_settings()
        r = settings.reports
        return cls(r.max_decompressed_mb * MB, r.max_ratio, r.max_rows, r.max_columns, r.max_line_kb * 1024)


class LimitExceeded(ReportError):
    """A report file over one of its bounds; ``bound`` is the setting that refused it."""

    def __init__(self, file: str, bound: str, message: str, message_zh: str) -> None:
        self.bound = bound
        super().__init__(file, None, None, f"{message} (setting reports.{bound}); nothing was imported",
                         message_zh=f"{message_zh}（设置 reports.{bound}），一行都没有导入")


def _mb(n: float) -> str:
    return f"{n / MB:,.0f} MB"


class _Counter:
    def __init__(self, name: str, bounds: Bounds, gz: bool) -> None:
        self.name, self.bounds, self.gz = name, bounds, gz
        self.out = 0
        self.lines = 0

    def add(self, data: bytes, consumed: int) -> None:
        b = self.bounds
        self.out += len(data)
        self.lines += data.count(b"\n")
        if self.gz and self.out > b.max_decompressed_bytes:
            raise LimitExceeded(self.name, "max_decompressed_mb",
                                f"decompresses to more than {_mb(b.max_decompressed_bytes)}",
                                f"解压后超过 {_mb(b.max_decompressed_bytes)}")
        if self.gz and self.out > b.ratio_floor_bytes and self.out > b.max_ratio * max(consumed, 1):
            raise LimitExceeded(self.name, "max_ratio",
                                f"decompresses to more than {b.max_ratio:g} times its compressed size "
                                f"({_mb(self.out)} out of {consumed:,} bytes so far)",
                                f"解压后超过压缩大小的 {b.max_ratio:g} 倍"
                                f"（目前 {consumed:,} 字节解出 {_mb(self.out)}）")
        if self.lines > b.max_rows + 1:
            raise LimitExceeded(self.name, "max_rows", f"has more than {b.max_rows:,} rows",
                                f"超过 {b.max_rows:,} 行")


def chunks(path: Path, gz: bool, name: str, bounds: Bounds) -> Iterator[tuple[bytes, bytes]]:
    """Yield (raw bytes, content bytes) pairs in file order; gzip members are joined.

    ``raw`` is empty for the further pieces one raw chunk inflates to. Raises
    ``LimitExceeded`` when the content passes a bound, ``ValueError`` for a
    truncated gzip stream and ``zlib.error`` for a broken one.
    """
    count = _Counter(name, bounds, gz)
    with open(path, "rb") as fh:
        if not gz:
            while raw := fh.read(IN_CHUNK):
                count.add(raw, 0)
                yield raw, raw
            return
        inflater = zlib.decompressobj(wbits=31)
        read = 0
        while raw := fh.read(IN_CHUNK):
            read += len(raw)
            yield raw, b""
            pending = raw
            while True:
                if inflater.eof:
                    pending = inflater.unused_data + pending
                    if not pending:
                        break
                    inflater = zlib.decompressobj(wbits=31)
                piece = inflater.decompress(pending, OUT_PIECE)
                pending = inflater.unconsumed_tail
                if piece:
                    count.add(piece, read - len(pending) - len(inflater.unused_data))
                    yield b"", piece
                if not inflater.eof and not pending and len(piece) < OUT_PIECE:
                    break
        if not inflater.eof:
            raise ValueError("the gzip stream is truncated")


def head(path: Path, gz: bool, limit: int = 1 << 16) -> bytes:
    """The first ``limit`` content bytes (inflated where the file is gzip)."""
    with open(path, "rb") as fh:
        if not gz:
            return fh.read(limit)
        inflater = zlib.decompressobj(wbits=31)
        out = bytearray()
        while len(out) < limit and not inflater.eof and (raw := fh.read(1 << 16)):
            pending = raw
            while pending and len(out) < limit and not inflater.eof:
                out += inflater.decompress(pending, limit - len(out))
                pending = inflater.unconsumed_tail
        return bytes(out)


def check_zip(path: Path, name: str, bounds: Bounds) -> None:
    """Raise ``LimitExceeded`` for a zip container (an .xlsx workbook) whose members would inflate past
    the bounds. Python's zip reader never returns more than a member's declared size, so the declared
    sizes bound what reading it can produce."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # not a zip: the reader says what is wrong with it
    out = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if out > bounds.max_decompressed_bytes:
        raise LimitExceeded(name, "max_decompressed_mb",
                            f"decompresses to more than {_mb(bounds.max_decompressed_bytes)}",
                            f"解压后超过 {_mb(bounds.max_decompressed_bytes)}")
    if out > bounds.ratio_floor_bytes and out > bounds.max_ratio * packed:
        raise LimitExceeded(name, "max_ratio", f"decompresses to more than {bounds.max_ratio:g} times its compressed "
                                               f"size ({_mb(out)} out of {packed:,} bytes)",
                            f"解压后超过压缩大小的 {bounds.max_ratio:g} 倍（{packed:,} 字节解出 {_mb(out)}）")
