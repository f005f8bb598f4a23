"""A freight forwarder's sea and air legs from a CSV or Excel file.

One row a milestone (or a row with only ETD/ETA); rows of the same bill of
lading (else container number) form one leg. Headers are matched by the
aliases below, in English or Chinese, any case. The whole file is read and
checked before anything is stored; the first bad value raises
``ForwarderFileError`` naming the file, the row (header = row 1) and the column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from claimpilot.errors import Invalid
from claimpilot.tools.logistics.status import from_milestone
from claimpilot.tools.logistics.update import ScanIn, TrackingUpdate, as_utc

ALIASES: dict[str, tuple[str, ...]] = {
    "bill_of_lading": ("bill_of_lading", "bill of lading", "bl", "b/l", "b/l no", "bl no", "mbl", "hbl", "awb",
                       "mawb", "hawb", "提单号", "运单号"),
    "container": ("container", "container no", "container_no", "container number", "cntr", "柜号", "集装箱号"),
    "mode": ("mode", "transport", "transport mode", "运输方式"),
    "carrier": ("carrier", "vessel", "airline", "shipping line", "船公司", "航空公司"),
    "origin": ("origin", "pol", "port of loading", "起运港"),
    "destination": ("destination", "pod", "port of discharge", "目的港"),
    "etd": ("etd", "预计离港"),
    "eta": ("eta", "预计到港"),
    "planned_eta": ("planned_eta", "planned eta", "plan eta", "计划到港"),
    "milestone": ("milestone", "event", "status", "节点", "状态"),
    "milestone_time": ("milestone_time", "milestone date", "event_time", "event date", "date", "time",
                       "节点时间", "时间"),
    "location": ("location", "place", "地点"),
    "fba_shipment_id": ("fba_shipment_id", "fba shipment id", "shipment id", "fba", "货件号"),
}
MODES = {"sea": "sea", "ocean": "sea", "海运": "sea", "air": "air", "空运": "air"}


class ForwarderFileError(Invalid):
    """A forwarder file that cannot be read; the message names file, row and column."""


@dataclass
class Leg:
    ref: str
    kind: str
    update: TrackingUpdate
    rows: list[int] = field(default_factory=list)


def _norm(header: object) -> str:
    return " ".join(str(header or "").replace("_", " ").replace("\ufeff", "").lower().split())


def _columns(header: Sequence[object], name: str) -> dict[str, int]:
    wanted = {_norm(a): canon for canon, aliases in ALIASES.items() for a in aliases}
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        canon = wanted.get(_norm(h))
        if canon and canon not in found:
            found[canon] = i
    if "bill_of_lading" not in found and "container" not in found:
        raise ForwarderFileError(f"{name}: row 1: no bill of lading or container column "
                                 f"(headers seen: {', '.join(str(h) for h in header)})")
    return found


def _rows(path: Path) -> Sequence[Sequence[object]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        from claimpilot.tools.reports.bounded import Bounds, LimitExceeded, check_zip

        try:
            check_zip(path, path.name, Bounds.from_settings())
        except LimitExceeded as exc:
            raise ForwarderFileError(str(exc)) from None
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the file's fault
            raise ForwarderFileError(f"{path.name}: not a readable Excel workbook ({type(exc).__name__})") from None
        try:
            return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ForwarderFileError(f"{path.name}: neither UTF-8 nor GB18030 text")
    dialect = "excel-tab" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else "excel"
    return list(csv.reader(io.StringIO(text), dialect=dialect))


def _when(value: object, where: str) -> datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return as_utc(datetime.combine(value, time()))
    text = str(value).strip().replace("/", "-").replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return as_utc(datetime.strptime(text, fmt))
        except ValueError:
            continue
    raise ForwarderFileError(f"{where}: not a date (YYYY-MM-DD, optionally with HH:MM): {value!r}")


def read_forwarder_file(path: Path) -> list[Leg]:
    """Every leg in the file, checked; raises ForwarderFileError on the first bad value."""
    path = Path(path)
    if not path.is_file():
        raise ForwarderFileError(f"{path}: no such file")
    rows = _rows(path)
    if not rows:
        raise ForwarderFileError(f"{path.name}: the file is empty")
    cols = _columns(rows[0], path.name)
    legs: dict[str, Leg] = {}
    for number, row in enumerate(rows[1:], start=2):
        def cell(name: str, row: Sequence[object] = row) -> object:
            i = cols.get(name)
            value = row[i] if i is not None and i < len(row) else None
            return value.strip() if isinstance(value, str) else value

        def where(name: str, number: int = number) -> str:
            return f"{path.name}: row {number}, column {rows[0][cols[name]]!r}"

        if not any(v not in (None, "") for v in row):
            continue
        bl, box = str(cell("bill_of_lading") or "").upper(), str(cell("container") or "").upper()
        ref = bl or box
        if not ref:
            raise ForwarderFileError(f"{path.name}: row {number}: neither a bill of lading nor a container number")
        if len(ref) > 64:
            raise ForwarderFileError(f"{where('bill_of_lading' if bl else 'container')}: longer than 64 characters")
        mode_text = str(cell("mode") or "").strip().lower()
        if mode_text and mode_text not in MODES:
            raise ForwarderFileError(f"{where('mode')}: transport mode must be sea or air, not {mode_text!r}")
        awb = bool(bl) and "awb" in _norm(rows[0][cols["bill_of_lading"]])
        kind = MODES.get(mode_text) or ("air" if awb else "sea")
        leg = legs.setdefault(ref, Leg(ref, kind, TrackingUpdate(ref=ref, source="forwarder")))
        leg.rows.append(number)
        update = leg.update
        for name in ("etd", "planned_eta"):
            if name in cols and (moment := _when(cell(name), where(name))) is not None:
                update.fields[name] = moment.date()
        if "eta" in cols and (moment := _when(cell("eta"), where("eta"))) is not None:
            update.eta = moment.date()
        for name in ("carrier", "origin", "destination", "fba_shipment_id"):
            if name in cols and cell(name):
                update.fields[name] = str(cell(name)).strip()[:120]
        if box:
            update.fields["container"] = box[:32]
        if "carrier" in update.fields:
            update.carrier = update.fields.pop("carrier")
        milestone = str(cell("milestone") or "").strip()
        if milestone:
            mapped = from_milestone(milestone)
            if mapped is None:
                raise ForwarderFileError(f"{where('milestone')}: unknown milestone {milestone!r} "
                                         "(known words are listed in logistics/statuses.yaml)")
            if "milestone_time" not in cols:
                raise ForwarderFileError(f"{path.name}: row {number}: a milestone without a milestone date column")
            at = _when(cell("milestone_time"), where("milestone_time"))
            if at is None:
                raise ForwarderFileError(f"{where('milestone_time')}: the milestone {milestone!r} has no date")
            update.scans.append(ScanIn(at, mapped, milestone, str(cell("location") or "")))
        legs[ref].kind = kind
    if not legs:
        raise ForwarderFileError(f"{path.name}: no legs (only a header row)")
    return list(legs.values())
