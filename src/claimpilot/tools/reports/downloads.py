"""What a seller hands over, as it is: a file, or a Downloads folder with sub-folders and zip archives.

``walk`` lists the files to try, oldest first, each with the name the seller
knows it by ("2026-03.zip/结算报告.txt"), and names at once the files that are
plainly no report (a PDF, a picture, an Excel workbook) so that they are skipped
with what they are. Zip archives are unpacked into a work folder, member by
member with a bound on what each may expand to; member names written by Chinese
Windows (GBK, without the UTF-8 flag) keep their Chinese names.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from claimpilot.tools.reports.bounded import Bounds, check_zip

HIDDEN = (".", "~$", "__MACOSX")
FINANCES_EVIDENCE = b'{"FinancialEvents"'
"""How the fetch keeps Finances' listFinancialEvents answers (sorted JSON) in its evidence folder."""
FINANCIAL_EVENTS_FOLDER = "financial-events"
"""The evidence vault's folder (key prefix) of those answers."""
MAX_MEMBER_BYTES = 16 << 30  # what one archive member may expand to
MAX_DEPTH = 2  # a zip inside a zip is opened; deeper ones are named, not opened

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.xls/.doc)"),
    (b"Rar!", "a RAR archive (unpack it, then import the folder)"),
    (b"7z\xbc\xaf", "a 7-Zip archive (unpack it, then import the folder)"),
)
ZIP_MAGIC = b"PK\x03\x04"
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Candidate:
    """A file to read as a report: where it is now and the name the seller knows it by."""

    path: Path
    name: str


@dataclass(frozen=True)
class NotAReport:
    """A file skipped before reading, with what it is."""

    name: str
    what: str


def _hidden(name: str) -> bool:
    return any(part.startswith(HIDDEN) for part in Path(name).parts)


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it: UTF-8 when flagged, else GBK or UTF-8 before cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _what(path: Path) -> str | None:
    """What a file plainly is when it is no text report; None when it may be one."""
    with open(path, "rb") as fh:
        head = fh.read(8192)
    for magic, what in MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("a UTF-16 text file (as Excel saves \"Unicode text\"): use the report as downloaded, "
                "or save it as CSV UTF-8")
    if b"\0" in head and not head.startswith(GZIP_MAGIC):
        return "a binary file, not a text report"
    if head.lstrip().startswith(FINANCES_EVIDENCE):
        return "a fetch's financial events (listFinancialEvents), kept as evidence: not a report"
    return None


def _is_workbook(archive: zipfile.ZipFile) -> bool:
    names = set(archive.namelist())
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def _unpack(path: Path, name: str, work: Path, depth: int, out: list[Candidate | NotAReport],
            bounds: Bounds | None) -> None:
    check_zip(path, name, bounds or Bounds.from_settings())  # a zip bomb is refused before anything is unpacked
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        out.append(NotAReport(name, f"a damaged zip archive ({exc})"))
        return
    with archive:
        if _is_workbook(archive):
            out.append(NotAReport(name, "an Excel workbook: download the report from Seller Central as a text "
                                        "(.txt) or .csv file, or save this sheet as CSV"))
            return
        folder = work / f"zip{len(list(work.iterdir()))}"
        folder.mkdir()
        for i, info in enumerate(archive.infolist()):
            member = _member_name(info)
            if info.is_dir() or _hidden(member):
                continue
            shown = f"{name}/{member}"
            if info.file_size > MAX_MEMBER_BYTES:
                out.append(NotAReport(shown, f"an archive member of {info.file_size:,} bytes, over the "
                                             f"{MAX_MEMBER_BYTES:,}-byte bound"))
                continue
            target = folder / f"{i}{Path(member).suffix[:12]}"
            try:
                _copy_bounded(archive, info, target)
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError) as exc:
                out.append(NotAReport(shown, f"an archive member that cannot be unpacked ({exc})"))
                continue
            _classify(target, shown, work, depth + 1, out, bounds)


def _copy_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
    left = MAX_MEMBER_BYTES
    with archive.open(info) as src, open(target, "wb") as dst:
        while chunk := src.read(1 << 20):
            left -= len(chunk)
            if left < 0:
                raise ValueError(f"expands past {MAX_MEMBER_BYTES:,} bytes")
            dst.write(chunk)


def _classify(path: Path, name: str, work: Path, depth: int, out: list[Candidate | NotAReport],
              bounds: Bounds | None = None) -> None:
    if path.stat().st_size == 0:
        out.append(NotAReport(name, "an empty file"))
        return
    with open(path, "rb") as fh:
        zipped = fh.read(4) == ZIP_MAGIC
    if zipped:
        if depth >= MAX_DEPTH:
            out.append(NotAReport(name, "a zip archive inside a zip inside a zip: unpack it first"))
        else:
            _unpack(path, name, work, depth, out, bounds)
        return
    what = _what(path)
    out.append(NotAReport(name, what) if what else Candidate(path, name))


def walk(path: Path, work: Path, bounds: Bounds | None = None) -> list[Candidate | NotAReport]:
    """Every file under ``path`` (a file or a folder), oldest first, zips opened into ``work``; an archive
    that would inflate past ``bounds`` (the settings' by default) raises ``LimitExceeded``."""
    if path.is_dir():
        files = [p for p in path.rglob("*") if p.is_file() and not _hidden(str(p.relative_to(path)))]
        files.sort(key=lambda p: (p.stat().st_mtime, str(p)))
        named = [(p, str(p.relative_to(path))) for p in files]
    else:
        named = [(path, path.name)]
    out: list[Candidate | NotAReport] = []
    for p, name in named:
        _classify(p, name, work, 0, out, bounds)
    return out


def remove(work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
