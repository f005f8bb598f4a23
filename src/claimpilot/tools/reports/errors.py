"""Errors of the report intake, each naming the file (and the row and column) at fault."""

from __future__ import annotations

from collections.abc import Sequence

from claimpilot.errors import Invalid


class ReportError(Invalid):
    """A report file, or one of its cells, that cannot be read.

    ``row`` counts the header as row 1 (so the first data row is row 2);
    ``row`` and ``column`` are ``None`` where the fault is the whole file;
    ``value`` is the cell as written, where one cell is at fault.
    """

    def __init__(self, file: str, row: int | None, column: str | None, message: str,
                 value: str | None = None) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.message = message
        self.value = value
        super().__init__(str(self))

    def answer(self) -> dict[str, object]:
        return {"message": str(self), "file": self.file, "row": self.row, "column": self.column, "value": self.value}

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class UnknownReportError(ReportError):
    """A file whose header row matches no report kind (or more than one)."""

    def __init__(self, file: str, header: Sequence[str], message: str | None = None) -> None:
        self.header = list(header)
        shown = ", ".join(repr(h) for h in self.header[:40]) or "(empty)"
        more = f" and {len(self.header) - 40} more" if len(self.header) > 40 else ""
        text = message or "is not a known report; its header row matches no report kind"
        super().__init__(file, None, None, f"{text}. Header seen: {shown}{more}")
