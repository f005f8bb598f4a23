"""Run every ``benchmarks/bench_*.py`` and print one table of results.

Each module exposes ``run(scale: str) -> list[dict]``; a dict is one
measurement: ``benchmark``, ``metric``, ``value``, ``unit`` and, where the
measurement has a baseline taken in the same run, ``baseline`` and ``ratio``
(value / baseline), plus a free ``note``. Results also go to
``benchmarks/out/results.json``.

    python -m benchmarks                 # every benchmark, full scale
    python -m benchmarks --scale small   # quick pass
    python -m benchmarks audit import    # only the named ones
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return f"{v:,.3f}" if abs(v) < 100 else f"{v:,.0f}"
    return "" if v is None else str(v)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("names", nargs="*", help="benchmark names (default: all)")
    parser.add_argument("--scale", default="full", choices=["small", "full"])
    args = parser.parse_args(argv)

    names = sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(HERE)]) if m.name.startswith("bench_"))
    chosen = [n for n in names if not args.names or n in args.names]
    results: list[dict] = []
    failed = 0
    for name in chosen:
        started = time.perf_counter()
        print(f"== {name} ({args.scale})", flush=True)
        try:
            rows = importlib.import_module(f"benchmarks.bench_{name}").run(args.scale)
        except Exception as exc:  # one broken benchmark must not hide the others
            failed += 1
            print(f"   FAILED: {type(exc).__name__}: {exc}", flush=True)
            continue
        for row in rows:
            results.append(row)
            ratio = f"  ratio {row['ratio']:.2f}x" if row.get("ratio") is not None else ""
            base = f"  (baseline {_fmt(row.get('baseline'))})" if row.get("baseline") is not None else ""
            note = f"  {row['note']}" if row.get("note") else ""
            print(f"   {row['metric']}: {_fmt(row['value'])} {row.get('unit', '')}{base}{ratio}{note}", flush=True)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps({"scale": args.scale, "results": results}, indent=2, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
