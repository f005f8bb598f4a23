"""Coverage: which reports and date ranges each claim rule needs, and which of them the store lacks.

``coverage.yaml`` says, for every claim rule, the reports it reads and how many
days back from the audit date each must reach (the latest claim-window close of
that rule); ``None`` is a snapshot, where one file is enough. A gap names the
report, the dates missing, what cannot be checked for lack of them and where in
Seller Central to download it, in Chinese and English. What a store covers is
read from its rows: each imported file covers the days from its earliest to its
latest row, and a stretch of at least ``hole_min_days`` of that report that no
file covers, inside the range the rules need, is a hole named with its first
and last day (returns for January and March, none for February). Reports with
rows too sparse to tell a hole from a quiet month (reimbursements, removals)
are not looked at for holes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TypedDict

import yaml

from claimpilot import clock
from claimpilot.tools.reports.casts import quote_ident
from claimpilot.tools.reports.fetch.limits import listed_since
from claimpilot.tools.reports.kinds import KINDS, SETTLEMENT
from claimpilot.tools.reports.warehouse import WarehouseConnection
from claimpilot.vocabulary import ClaimType, ReportKind, label


class _Spec(TypedDict):
    where: dict[str, dict[str, str]]  # report -> language -> where in Seller Central
    rules: dict[str, dict[str, int | None]]  # claim rule -> report -> days back (None: a snapshot)
    hole_min_days: dict[str, int]  # report -> the shortest stretch between two files' dates named as missing


@cache
def _spec() -> _Spec:
    spec: _Spec = yaml.safe_load(Path(__file__).with_name("coverage.yaml").read_text(encoding="utf-8"))
    return spec


@dataclass(frozen=True)
class Gap:
    """A report (or part of its range) that claim rules need and the store lacks."""

    report: ReportKind
    rules: tuple[ClaimType, ...]
    needed_from: date | None  # None: a snapshot is needed
    have_from: date | None
    have_to: date | None
    present: bool
    by_hand_before: date | None = None  # settlements older than this are past Amazon's retention: by hand only
    missing_from: date | None = None  # a hole inside the range: its first and last day
    missing_to: date | None = None

    def text(self, lang: str) -> str:
        report = label(self.report, lang)
        rules = ("、" if lang == "zh" else ", ").join(label(r, lang) for r in self.rules)
        if self.missing_from is not None:
            if lang == "zh":
                return f"缺少 {self.missing_from} 至 {self.missing_to} 的{report}：这期间的{rules}无法核查"
            return (f"{report} {self.missing_from} – {self.missing_to} are missing: "
                    f"{rules} in those days cannot be checked")
        if not self.present:
            if lang == "zh":
                return f"缺少{report}：无法核查{rules}"
            return f"{report} is missing: {rules} cannot be checked"
        if lang == "zh":
            return f"缺少 {self.have_from} 之前的{report}：这之前的{rules}无法核查"
        return f"{report} before {self.have_from} is missing: {rules} before that date cannot be checked"

    def where(self, lang: str) -> str:
        where = _spec()["where"][self.report.value]["zh" if lang == "zh" else "en"]
        if self.by_hand_before is None:
            return where
        if lang == "zh":
            return (f"{where}（{self.by_hand_before} 之前的结算报告已超过亚马逊 90 天的保留期，claimpilot fetch "
                    f"取不到，请手动下载后用 claimpilot import 导入）")
        return (f"{where} (settlements closed before {self.by_hand_before} are past Amazon's 90-day retention, "
                f"which claimpilot fetch cannot reach: download them by hand and import them with claimpilot import)")

    def to_json(self) -> dict[str, object]:
        return {"report": self.report.value, "rules": [r.value for r in self.rules],
                "needed_from": self.needed_from, "have_from": self.have_from, "have_to": self.have_to,
                "missing_from": self.missing_from, "missing_to": self.missing_to,
                "text": {lang: self.text(lang) for lang in ("zh", "en")},
                "where": {lang: self.where(lang) for lang in ("zh", "en")},
                "by_hand_before": self.by_hand_before}


def _covered(con: WarehouseConnection) -> dict[str, tuple[date | None, date | None, int]]:
    out: dict[str, tuple[date | None, date | None, int]] = {}
    for kind in KINDS.values():
        if kind.date_column:
            col = quote_ident(kind.date_column)
            row = con.execute(f"SELECT min({col}), max({col}), count(*) FROM {quote_ident(kind.table)}").fetchone()
        else:
            row = (None, None, con.execute(f"SELECT count(*) FROM {quote_ident(kind.table)}").fetchone()[0])
        out[kind.name] = (row[0], row[1], int(row[2]))
    return out


# A report whose absence means "none happened" rather than "not known": an audit without it still speaks for the
# rules that read it (no reimbursement row: nothing was reimbursed; no product row: values are estimated).
_ABSENCE_MEANS_NONE = frozenset({"reimbursements", "products"})


def rules_with_reports(con: WarehouseConnection) -> set[str]:
    """The claim rules whose source reports the store holds rows of: an audit speaks for these only, so a claim
    of another rule that the audit does not find is not known to be gone (its reports were never imported)."""
    rows = {name: n for name, (_, _, n) in _covered(con).items()}
    out = set()
    for rule, needs in _spec()["rules"].items():
        source = [r for r in needs if r not in _ABSENCE_MEANS_NONE] or [r for r in needs if r != "products"]
        if all(rows.get(r, 0) > 0 for r in source):
            out.add(rule)
    return out


def _file_ranges(con: WarehouseConnection, report: str) -> list[tuple[date, date]]:
    """The days each imported file of ``report`` covers (its earliest to its latest row), earliest first."""
    kind = KINDS[report]
    if not kind.date_column:
        return []
    col = quote_ident(kind.date_column)
    rows = con.execute(f"SELECT min({col}), max({col}) FROM {quote_ident(kind.table)} WHERE {col} IS NOT NULL "
                       "GROUP BY _file ORDER BY 1, 2").fetchall()
    return [(a, b) for a, b in rows]


def holes(ranges: list[tuple[date, date]], since: date, min_days: int) -> list[tuple[date, date]]:
    """The stretches of at least ``min_days`` between the ``ranges`` (sorted) that no range covers, from
    ``since`` on (a hole that starts before it is cut there)."""
    out: list[tuple[date, date]] = []
    end: date | None = None
    for first, last in ranges:
        if end is not None and (first - end).days - 1 >= min_days:
            a, b = max(end + timedelta(days=1), since), first - timedelta(days=1)
            if a <= b and (b - a).days + 1 >= min_days:
                out.append((a, b))
        end = last if end is None else max(end, last)
    return out


def _by_hand_before(report: str, needed_from: date | None) -> date | None:
    """For settlements needed from before Amazon's retention: the day before which only a download by hand helps."""
    first = listed_since(clock.today())
    if report == SETTLEMENT.name and (needed_from is None or needed_from < first):
        return first
    return None


def gaps(con: WarehouseConnection, as_of: date) -> list[Gap]:
    """The reports missing, or not reaching back far enough, for the rules to see everything still claimable."""
    covered = _covered(con)
    needs: dict[str, dict[str, int | None]] = {}
    for rule, reports in _spec()["rules"].items():
        for report, days in reports.items():
            needs.setdefault(report, {})[rule] = days
    out = []
    for report, by_rule in needs.items():
        have_from, have_to, rows = covered[report]
        if not rows:
            oldest = max((d for d in by_rule.values() if d is not None), default=None)
            needed = None if oldest is None else as_of - timedelta(days=oldest)
            out.append(Gap(ReportKind(report), tuple(ClaimType(r) for r in by_rule), None, None, None, False,
                           _by_hand_before(report, needed) if needed else None))
            continue
        short = {r: as_of - timedelta(days=d) for r, d in by_rule.items()
                 if d is not None and have_from is not None and have_from > as_of - timedelta(days=d)}
        if short:
            out.append(Gap(ReportKind(report), tuple(ClaimType(r) for r in short), min(short.values()),
                           have_from, have_to, True, _by_hand_before(report, min(short.values()))))
        out += _holes(con, report, by_rule, as_of, have_from, have_to)
    return out


def _holes(con: WarehouseConnection, report: str, by_rule: dict[str, int | None], as_of: date,
           have_from: date | None, have_to: date | None) -> list[Gap]:
    """The holes inside the range the rules need of ``report``, each naming the rules that look into it."""
    starts = {r: as_of - timedelta(days=d) for r, d in by_rule.items() if d is not None}
    min_days = _spec()["hole_min_days"].get(report)
    if not starts or min_days is None:
        return []
    out = []
    for first, last in holes(_file_ranges(con, report), min(starts.values()), min_days):
        rules = tuple(ClaimType(r) for r, since in starts.items() if since <= last)
        out.append(Gap(ReportKind(report), rules, max(first, min(starts.values())), have_from, have_to, True,
                       None, first, last))
    return out
