"""What one import brought in, file by file: imported, skipped with what it is, refused with where and why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from claimpilot.tools.reports.errors import ReportError


@dataclass(frozen=True)
class FileImport:
    """A file stored (or already stored earlier): its kind and rows."""

    name: str
    kind: str
    sha256: str
    rows_read: int
    rows_added: int
    duplicates_skipped: int
    rows_replaced: int
    evidence: str  # where the raw file is kept: a path, or an s3:// address
    already_imported: bool = False
    seconds: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "kind": self.kind, "sha256": self.sha256, "rows_read": self.rows_read,
                "rows_added": self.rows_added, "duplicates_skipped": self.duplicates_skipped,
                "rows_replaced": self.rows_replaced, "already_imported": self.already_imported}


@dataclass(frozen=True)
class SkippedFile:
    """A file claimpilot does not use, with what it is and why it is not needed. Not an error."""

    name: str
    what: str
    what_zh: str = ""  # the same in Chinese

    def describe(self, lang: str) -> str:
        """What the file is, in ``lang`` (zh or en)."""
        return (self.what_zh or self.what) if lang == "zh" else self.what

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "what": self.what, "what_zh": self.what_zh or self.what}


@dataclass(frozen=True)
class RefusedFile:
    """A report that could not be read: nothing of it was stored."""

    error: ReportError

    @property
    def name(self) -> str:
        return self.error.file

    def to_json(self) -> dict[str, object]:
        e = self.error
        return {"name": e.file, "row": e.row, "column": e.column, "value": e.value, "message": str(e),
                "message_zh": e.describe("zh")}


@dataclass
class ImportResult:
    """What one import call brought in. Each file was its own transaction."""

    files: list[FileImport] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    refused: list[RefusedFile] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_added(self) -> int:
        return sum(f.rows_added for f in self.files)

    @property
    def duplicates_skipped(self) -> int:
        return sum(f.duplicates_skipped for f in self.files)

    @property
    def ok(self) -> bool:
        """True when no file was refused (skipped files are not errors)."""
        return not self.refused

    def raise_refused(self) -> ImportResult:
        """Raise the first refusal's error, for callers that must have every file (a fetched document)."""
        if self.refused:
            raise self.refused[0].error
        return self

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "files": [f.to_json() for f in self.files],
            "skipped": [s.to_json() for s in self.skipped],
            "refused": [r.to_json() for r in self.refused],
            "rows_read": self.rows_read,
            "rows_added": self.rows_added,
            "duplicates_skipped": self.duplicates_skipped,
        }


Progress = Callable[[str, str, int], None]
"""(file name, stage, amount): "reading" with the file's size in bytes, "progress" with the bytes read
so far (from the query's progress, while a large file loads), then "done" with its rows, or "skipped" /
"refused" with 0."""
