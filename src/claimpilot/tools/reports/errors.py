"""Errors of the report intake, each naming the file (and the row and column) at fault."""

from __future__ import annotations

from collections.abc import Sequence

from claimpilot.errors import Invalid


class ReportError(Invalid):
    """A report file, or one of its cells, that cannot be read.

    ``row`` counts the header as row 1 (so the first data row is row 2);
    ``row`` and ``column`` are ``None`` where the fault is the whole file;
    ``value`` is the cell as written, where one cell is at fault;
    ``message_zh`` is the message for a Chinese-speaking seller (the English one where none is given).
    """

    def __init__(self, file: str, row: int | None, column: str | None, message: str,
                 value: str | None = None, message_zh: str | None = None) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.message = message
        self.value = value
        self.message_zh = message_zh
        super().__init__(str(self))

    def answer(self) -> dict[str, object]:
        return {"message": str(self), "file": self.file, "row": self.row, "column": self.column, "value": self.value}

    def __str__(self) -> str:
        return self.describe("en")

    def describe(self, lang: str) -> str:
        """The file, row and column at fault and what is wrong, in ``lang`` (zh or en)."""
        if lang == "zh":
            where = [self.file, *([f"第 {self.row} 行"] if self.row is not None else []),
                     *([f"列“{self.column}”"] if self.column is not None else [])]
            return f"{'，'.join(where)}：{self.message_zh or self.message}"
        where = [self.file, *([f"row {self.row}"] if self.row is not None else []),
                 *([f"column '{self.column}'"] if self.column is not None else [])]
        return f"{', '.join(where)}: {self.message}"


class UnknownReportError(ReportError):
    """A file whose header row matches no report kind (or more than one)."""

    def __init__(self, file: str, header: Sequence[str], message: str | None = None,
                 message_zh: str | None = None) -> None:
        self.header = list(header)
        shown = ", ".join(repr(h) for h in self.header[:40]) or "(empty)"
        more = f" and {len(self.header) - 40} more" if len(self.header) > 40 else ""
        text = message or "is not a known report; its header row matches no report kind"
        text_zh = message_zh or "不是认得的报告：表头和任何一种报告都对不上"
        more_zh = f" 等，另有 {len(self.header) - 40} 列" if len(self.header) > 40 else ""
        super().__init__(file, None, None, f"{text}. Header seen: {shown}{more}",
                         message_zh=f"{text_zh}。看到的表头：{shown}{more_zh}")
