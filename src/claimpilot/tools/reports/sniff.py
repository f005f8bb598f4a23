"""Open a report file whatever its wrapping: gzip or plain, UTF-8 (BOM or not)
or cp1252, tab, comma or semicolon separated; recognise its kind from the header.

``prepare`` reads the file once (sha256, streamed and bounded gunzip, whole-content
UTF-8 check; see ``bounded``) and, where DuckDB cannot read the bytes as they
are (cp1252), writes a UTF-8 copy in the work directory, gzip-compressed where
the file was. ``recognise`` then matches the header
row against every layout in ``variants.READABLE``.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import re
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from claimpilot.tools.reports import bounded
from claimpilot.tools.reports.bounded import Bounds, LimitExceeded
from claimpilot.tools.reports.errors import ReportError, UnknownReportError
from claimpilot.tools.reports.kinds import ReportKind, fold
from claimpilot.tools.reports.variants import READABLE, prefer_kinds

GZIP_MAGIC = b"\x1f\x8b"
BOM = "\ufeff"


@dataclass(frozen=True)
class Prepared:
    """A raw file made readable: ``path`` is UTF-8 (BOM allowed), gzip-compressed where ``gzip``."""

    name: str
    source_path: Path
    path: Path
    sha256: str
    gzip: bool
    encoding: str  # of the raw content: "utf-8" or "cp1252"
    bounds: Bounds = field(default_factory=Bounds)

    @property
    def compression(self) -> str:
        """How DuckDB's CSV reader must read ``path``."""
        return "gzip" if self.gzip else "none"


@dataclass(frozen=True)
class Layout:
    """What the header row says about a file."""

    kind: ReportKind
    header: list[str]
    delimiter: str
    quote: str  # "" where fields are not quoted (Amazon's flat files)
    columns: dict[str, int]  # canonical column name -> position in the file
    decimal_comma: bool
    skip: int = 0  # lines above the header row (a Date Range report's notes)

    @property
    def extension(self) -> str:
        return "tsv" if self.delimiter == "\t" else "csv"


def prepare(source: Path, name: str, workdir: Path, bounds: Bounds | None = None) -> Prepared:
    """Hash ``source``, decide its encoding on the whole content, and give a UTF-8 path
    for it: the file itself where it already is one (gzip or not), else a transcoded copy.
    Content over ``bounds`` (the settings' by default) raises ``LimitExceeded``."""
    bounds = bounds or Bounds.from_settings()
    with open(source, "rb") as fh:
        gz = fh.read(2) == GZIP_MAGIC
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    try:
        for raw, data in bounded.chunks(source, gz, name, bounds):
            digest.update(raw)
            if utf8 and data and (not data.isascii() or decoder.getstate()[0]):
                try:
                    decoder.decode(data)
                except UnicodeDecodeError:
                    utf8 = False
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    except (zlib.error, ValueError) as exc:
        if isinstance(exc, ReportError):
            raise
        raise ReportError(name, None, None, f"cannot be decompressed ({exc})",
                          message_zh=f"解压失败（{exc}）") from exc
    if utf8:
        return Prepared(name, source, source, digest.hexdigest(), gz, "utf-8", bounds)
    with tempfile.NamedTemporaryFile(dir=workdir, suffix=".utf8.gz" if gz else ".utf8", delete=False) as made:
        target = Path(made.name)
    try:
        _transcode_cp1252(source, gz, target, name, bounds)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Prepared(name, source, target, digest.hexdigest(), gz, "cp1252", bounds)


def _transcode_cp1252(source: Path, gz: bool, target: Path, name: str, bounds: Bounds) -> None:
    decoder = codecs.getincrementaldecoder("cp1252")()
    with (gzip.open(target, "wb", compresslevel=1) if gz else open(target, "wb")) as out:
        for _raw, data in bounded.chunks(source, gz, name, bounds):
            try:
                out.write(decoder.decode(data).encode("utf-8"))
            except UnicodeDecodeError as exc:
                raise ReportError(name, None, None, "is neither UTF-8 nor cp1252 text",
                                  message_zh="既不是 UTF-8 也不是 cp1252 编码的文本") from exc


def _head_lines(prepared: Prepared, limit: int = 1 << 16) -> list[str]:
    head = bounded.head(prepared.path, prepared.gzip, limit)
    text = head.decode("utf-8", errors="ignore").lstrip(BOM)
    lines = text.splitlines()
    if len(head) == limit and lines:
        lines.pop()  # possibly cut in the middle
    return lines


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in ("\t", ",", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else "\t"


def _match(kind: ReportKind, folded: list[str]) -> dict[str, int] | None:
    """Canonical column -> header position; None if a signature column is absent.
    The canonical spelling wins over an alias when a file carries both."""
    found: dict[str, int] = {}
    taken: set[int] = set()
    for col in kind.columns:
        exact = fold(col.name)
        pos = [i for i, h in enumerate(folded) if h == exact and i not in taken]
        if not pos:
            names = col.folded_names()
            pos = [i for i, h in enumerate(folded) if h in names and i not in taken]
        if pos:
            found[col.name] = pos[0]
            taken.add(pos[0])
    if all(s in found for s in kind.signature):
        return found
    return None


# Only unambiguous spellings vote: "1.234" and "1,234" could be either.
_EU_NUMBER = re.compile(r"^[+-]?(\d{1,3}(\.\d{3})+,\d*|\d+,\d{1,2}|\d+,\d{4,})$")
_US_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+\.\d*|\d+\.\d{1,2}|\d+\.\d{4,})$")
_EU_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.\d{4}")


def _decimal_comma(kind: ReportKind, columns: dict[str, int], rows: list[list[str]], delimiter: str) -> bool:
    """Whether amounts use a decimal comma, judged from the file's first rows."""
    eu = us = dotted_dates = 0
    for col in kind.columns:
        if col.name not in columns:
            continue
        i = columns[col.name]
        cells = [r[i].strip(" $€£¥\u00a0") for r in rows if i < len(r) and r[i]]
        if col.type == "decimal":
            eu += sum(1 for c in cells if _EU_NUMBER.match(c))
            us += sum(1 for c in cells if _US_NUMBER.match(c))
        elif col.type == "date":
            dotted_dates += sum(1 for c in cells if _EU_DATE.match(c))
    if eu or us:
        return eu > us
    return delimiter == ";" or dotted_dates > 0


PREAMBLE_LINES = 12  # Date Range reports put a few lines of notes above their header row


def _read_at(lines: list[str], at: int) -> tuple[str, str, list[list[str]], list[str], dict[str, dict[str, int]]]:
    """Parse ``lines`` from ``at`` as a header row and its data: delimiter, quote, rows, header, matches."""
    first = lines[at]
    delimiter = _delimiter(first)
    quoted = first.lstrip().startswith('"')
    quote = '"' if delimiter != "\t" or quoted else ""
    reader = csv.reader(lines[at:], delimiter=delimiter, quotechar=quote or None,
                        quoting=csv.QUOTE_MINIMAL if quote else csv.QUOTE_NONE)
    try:
        parsed = list(reader)
    except csv.Error:
        parsed = [first.split(delimiter)]
    header = [h.strip() for h in parsed[0]]
    folded = [fold(h) for h in header]
    matches = {k.name: m for k in READABLE.values() if (m := _match(k, folded)) is not None}
    matches = {k: matches[k] for k in prefer_kinds(list(matches))}
    return delimiter, quote, parsed, header, matches


def recognise(prepared: Prepared) -> Layout:
    """Match the header row (the first line, or one below a few lines of notes) to exactly one
    report kind and check its columns."""
    lines = _head_lines(prepared)
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    if not filled:
        raise UnknownReportError(prepared.name, [], "is empty", "是空文件")
    skip = filled[0]
    delimiter, quote, parsed, header, matches = _read_at(lines, skip)
    for at in filled[1:PREAMBLE_LINES] if not matches else ():
        found = _read_at(lines, at)
        if found[4]:
            skip, (delimiter, quote, parsed, header, matches) = at, found
            break
    if len(header) > prepared.bounds.max_columns:
        raise LimitExceeded(prepared.name, "max_columns",
                            f"has {len(header):,} columns, more than {prepared.bounds.max_columns:,}",
                            f"有 {len(header):,} 列，超过 {prepared.bounds.max_columns:,} 列")
    if not matches:
        raise UnknownReportError(prepared.name, header)
    if len(matches) > 1:
        raise UnknownReportError(
            prepared.name, header, f"matches more than one report kind ({', '.join(sorted(matches))})",
            f"同时对得上几种报告（{', '.join(sorted(matches))}）"
        )
    kind_name, columns = next(iter(matches.items()))
    kind = READABLE[kind_name]
    for col in kind.columns:
        if col.required and col.name not in columns:
            raise ReportError(
                prepared.name, skip + 1, col.name, f"the {kind.title} header lacks the required column '{col.name}'",
                message_zh=f"{kind.title_zh}的表头缺少必需的列“{col.name}”"
            )
    return Layout(kind, header, delimiter, quote, columns, _decimal_comma(kind, columns, parsed[1:200], delimiter),
                  skip)
