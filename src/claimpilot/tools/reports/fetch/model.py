"""What a fetch plans, and what it reports back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from .ranges import DayRange

Status = Literal["fetched", "skipped", "failed"]


@dataclass(frozen=True)
class FetchTask:
    """One report (type + range), the inbound snapshot, or one finances range."""

    kind: str
    report_type: str | None
    range: DayRange | None
    key: str
    report_id: str | None = None  # known ahead for reports Amazon made itself
    document_id: str | None = None

    @property
    def label(self) -> str:
        return f"{self.kind} {self.range}" if self.range else self.kind


@dataclass
class ReportOutcome:
    """How one task ended: fetched (rows loaded), skipped (fetched before), or failed."""

    kind: str
    range: DayRange | None
    status: Status
    rows: int = 0
    rows_added: int = 0
    report_type: str | None = None
    report_id: str | None = None
    sha256: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ByHand:
    """Reports the SP-API no longer hands out (past Amazon's retention): the seller downloads them."""

    kind: str
    before: date

    def text(self, lang: str) -> str:
        if lang == "zh":
            return (f"{self.before} 之前结算的结算报告已超过亚马逊 90 天的保留期，无法通过 SP-API 获取："
                    f"请在卖家平台 报告 > 付款 > 所有结算 中手动下载（平面文件 V2），再用 claimpilot import 导入")
        return (f"settlement reports closed before {self.before} are past Amazon's 90-day retention and cannot be "
                f"fetched: download them by hand in Seller Central (Reports > Payments > All Statements, Flat File "
                f"V2) and import them with claimpilot import")


@dataclass
class FetchResult:
    reports: list[ReportOutcome] = field(default_factory=list)
    by_hand: list[ByHand] = field(default_factory=list)

    def with_status(self, status: Status) -> list[ReportOutcome]:
        return [r for r in self.reports if r.status == status]

    @property
    def fetched(self) -> list[ReportOutcome]:
        return self.with_status("fetched")

    @property
    def skipped(self) -> list[ReportOutcome]:
        return self.with_status("skipped")

    @property
    def failed(self) -> list[ReportOutcome]:
        return self.with_status("failed")

    @property
    def ok(self) -> bool:
        return not self.failed

    def rows_by_kind(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.fetched:
            out[r.kind] = out.get(r.kind, 0) + r.rows
        return out


Progress = Callable[[FetchTask, str], None]
"""Called with a task and its stage: planned, requested, waiting, downloading,
fetched, skipped or failed."""
