"""Downloads folders as sellers hand them over (benchmarks/data/downloads_eval.yaml), imported as they are.

Score: the share of files whose outcome is what the seller expects (imported as the right kind,
skipped as not needed, or refused with the bad cell named). Baseline, in the same run: the previous
all-or-nothing import, where one unrecognised or bad file kept the whole folder out; it is credited
here as if it had known every layout the current import knows (an optimistic baseline).
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

import yaml

from claimpilot.sandbox.demo_seller import generate
from claimpilot.tools.reports.store import ReportStore

DATA = Path(__file__).resolve().parent / "data" / "downloads_eval.yaml"
BAD_CELL = {"orders": "item-price", "ledger": "Quantity"}
FIXED = {"pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "png": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"}


class _GbkName(zipfile.ZipInfo):
    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's own name)
        return self.filename.encode("gbk"), self.flag_bits


def _xlsx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def _bad(raw: bytes, column: str) -> bytes:
    text = raw.decode("utf-8-sig")
    delimiter = "\t" if "\t" in text.splitlines()[0] else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    rows[min(2, len(rows) - 1)][rows[0].index(column)] = "n/a?"
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n",
               quoting=csv.QUOTE_ALL if text.startswith('"') else csv.QUOTE_MINIMAL).writerows(rows)
    return out.getvalue().encode()


def _content(source: str, seller, spec: dict) -> bytes:
    if source in FIXED:
        return FIXED[source]
    if source == "xlsx":
        return _xlsx()
    if source in spec["headers"]:
        body = spec["rows"][source]
        return (spec["headers"][source] + "\r\n" + (body + "\r\n" if body else "")).encode("utf-8")
    if source.startswith("bad:"):
        kind = source[4:]
        return _bad(seller.report(kind), BAD_CELL[kind])
    return seller.report(source)


def _write(folder: Path, files: list[dict], seller, spec: dict) -> None:
    archives: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for f in files:
        data = _content(f["source"], seller, spec)
        head, sep, member = f["path"].partition(".zip/")
        if sep:
            archives[head + ".zip"].append((member, data))
            continue
        path = folder / f["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for name, members in archives.items():
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as z:
            for member, data in members:
                z.writestr(_GbkName(member), data)


def _outcomes(result) -> dict[str, str]:
    got = {f.name: f.kind for f in result.files}
    got.update({s.name: "skipped" for s in result.skipped})
    got.update({r.name: "refused" for r in result.refused})
    return got


def run(scale: str) -> list[dict]:
    spec = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    seller = generate(seed=11, skus=80)
    right = baseline_right = total = 0
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, case in enumerate(spec["folders"]):
            folder = Path(tmp) / case["name"]
            folder.mkdir()
            _write(folder, case["files"], seller, spec)
            store = ReportStore(Path(tmp) / f"w{i}.duckdb", Path(tmp) / f"e{i}")
            result = store.import_path(folder)
            got = _outcomes(result)
            clean = not result.skipped and not result.refused
            for f in case["files"]:
                total += 1
                name = f["path"]
                if got.get(name) == f["expect"]:
                    right += 1
                else:
                    misses.append(f"{case['name']}/{name}: got {got.get(name)}, expected {f['expect']}")
                baseline_right += clean and f["expect"] not in ("skipped", "refused")
    note = f"{total} files in {len(spec['folders'])} folders" + (f"; missed: {'; '.join(misses)}" if misses else "")
    return [{"benchmark": "downloads", "metric": "files handled as the seller expects", "value": right / total,
             "unit": "share", "baseline": baseline_right / total,
             "ratio": (right / total) / (baseline_right / total) if baseline_right else None, "note": note}]


if __name__ == "__main__":
    for row in run("small"):
        print(row)
