"""The second wave of claim types: what it finds that the first wave leaves on the table, and what it costs.

- Precision and recall of the claimable findings on generated demo sellers (several seeds and as-of dates),
  against each seller's truth: every rule (both waves) against the first wave's six rules alone (the
  baseline, run over the same store in the same run). A finding counts as found when its key, quantity,
  amount, window and status equal the truth's; any other claimable finding is a false claim. Per second-wave
  type, its own precision and recall are in the note.
- Audit time and peak memory on the large seller of bench_audit (its store, with removal shipments and
  receipts in it), every rule against the first wave's rules, each in a fresh process over its own copy of the
  store, without kept digests or findings (the whole work of a first audit).

    python -m benchmarks second_wave --scale small
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import duckdb

SELLERS = {"small": [(3, 0), (11, -20), (7, 15)], "full": [(3, 0), (11, -20), (7, 15), (21, 5), (42, -10), (5, 30)]}
ANCHOR = date(2026, 11, 27)


def _audit(con: duckdb.DuckDBPyConnection, as_of: date, rules: tuple[str, ...]) -> list[tuple]:
    """(key fields..., status) of every finding of ``rules``, over the store on ``con``."""
    from claimpilot.tools.audit.engine import prepare, rules_query
    from claimpilot.tools.audit.materialize import build_findings, fetch_findings

    prepare(con, as_of, "US")
    con.execute(f"CREATE OR REPLACE TEMP TABLE bench_findings AS {rules_query(rules)}")
    packed, _ = fetch_findings(con, "bench_findings")
    return [(f.key, f.type, f.quantity, f.amount, f.window_opens, f.window_closes, f.status)
            for f in build_findings(packed, "US")]


def _score(found: list[tuple], truth: list[tuple]) -> tuple[Counter, Counter, Counter]:
    """Per type: exact claimable findings (true positives), other claimable findings, claimable truths missed."""
    want = {t for t in truth if t[-1] == "claimable"}
    got = {f for f in found if f[-1] == "claimable"}
    tp, fp, fn = Counter(), Counter(), Counter()
    for f in got:
        (tp if f in want else fp)[f[1]] += 1
    for t in want - got:
        fn[t[1]] += 1
    return tp, fp, fn


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _accuracy(scale: str) -> list[dict]:
    from claimpilot.sandbox.demo_seller import generate
    from claimpilot.tools.audit.engine import RULES
    from claimpilot.tools.audit.policy_schema import RULE_TYPES
    from claimpilot.tools.reports.store import ReportStore

    first_wave = RULES[:6]
    second = tuple(r for r in RULE_TYPES if r not in first_wave)
    totals = {name: (Counter(), Counter(), Counter()) for name in ("all", "first")}
    for seed, shift in SELLERS[scale]:
        seller = generate(seed=seed, as_of=ANCHOR + timedelta(days=shift), skus=100)
        truth = [(t.key, t.type, t.quantity, t.amount, t.window_opens, t.window_closes, t.status)
                 for t in seller.truth.findings]
        with tempfile.TemporaryDirectory() as tmp:
            seller.write(Path(tmp) / "reports")
            store = ReportStore(Path(tmp) / "w.duckdb", Path(tmp) / "evidence")
            store.import_path(Path(tmp) / "reports")
            with store.connect() as con:
                for name, rules in (("all", RULES), ("first", first_wave)):
                    for total, part in zip(totals[name], _score(_audit(con, seller.as_of, rules), truth), strict=True):
                        total.update(part)
    rows = []
    (tp, fp, fn), (tp1, fp1, fn1) = totals["all"], totals["first"]
    n = len(SELLERS[scale])
    per_type = "; ".join(f"{t} P {_ratio(tp[t], tp[t] + fp[t]):.0%} R {_ratio(tp[t], tp[t] + fn[t]):.0%} "
                         f"({tp[t]} found)" for t in second)
    recall, recall1 = _ratio(sum(tp.values()), sum(tp.values()) + sum(fn.values())), \
        _ratio(sum(tp1.values()), sum(tp1.values()) + sum(fn1.values()))
    precision, precision1 = _ratio(sum(tp.values()), sum(tp.values()) + sum(fp.values())), \
        _ratio(sum(tp1.values()), sum(tp1.values()) + sum(fp1.values()))
    rows.append({"benchmark": "second_wave", "metric": "recall of claimable losses", "value": recall, "unit": "share",
                 "baseline": recall1, "ratio": recall / recall1 if recall1 else None,
                 "note": f"{n} demo sellers (seed, as-of shift): {SELLERS[scale]}; baseline: the first wave's six "
                         f"rules; per second-wave type: {per_type}"})
    rows.append({"benchmark": "second_wave", "metric": "precision of claimable findings", "value": precision,
                 "unit": "share", "baseline": precision1, "ratio": precision / precision1 if precision1 else None,
                 "note": f"{sum(fp.values())} false claims with every rule, {sum(fp1.values())} with the first wave"})
    return rows


def _child(db: str, as_of: str, which: str) -> None:
    import resource

    from claimpilot.tools.audit.engine import RULES

    con = duckdb.connect(db)
    con.execute("SET memory_limit = '1GB'")
    con.execute("SET threads = 2")
    started = time.perf_counter()
    found = _audit(con, date.fromisoformat(as_of), RULES if which == "all" else RULES[:6])
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "findings": len(found)}))


def _timed(db: Path, which: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_second_wave", "--child", str(db),
                           ANCHOR.isoformat(), which], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _speed(scale: str) -> list[dict]:
    from benchmarks.bench_audit import OUT, _prepared

    _, store_db, _ = _prepared(scale)
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        results = {}
        for which in ("first", "all"):
            db = Path(tmp) / f"{which}.duckdb"
            shutil.copyfile(store_db, db)
            results[which] = _timed(db, which)
            db.unlink()
    first, every = results["first"], results["all"]
    return [
        {"benchmark": "second_wave", "metric": f"audit time, every rule ({scale} seller)", "value": every["seconds"],
         "unit": "s", "baseline": first["seconds"], "ratio": every["seconds"] / first["seconds"],
         "note": f"{every['findings']:,} findings against {first['findings']:,} with the first wave's rules alone; "
                 "fresh process, no kept digests or findings, DuckDB memory_limit 1GB, 2 threads"},
        {"benchmark": "second_wave", "metric": f"audit peak RSS, every rule ({scale} seller)",
         "value": every["peak_mb"], "unit": "MB", "baseline": first["peak_mb"],
         "ratio": every["peak_mb"] / first["peak_mb"],
         "note": "goal < 2048 MB"},
    ]


def run(scale: str) -> list[dict]:
    return _accuracy(scale) + _speed(scale)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        for row in run(sys.argv[1] if len(sys.argv) > 1 else "small"):
            print(row)
