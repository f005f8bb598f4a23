"""How fast the offline chat answers, now and on the previous path, each in a fresh process.

The previous path is the same code with what it used to pay put back: the embedding model's
OpenMP threads spinning while they wait (``OMP_WAIT_POLICY=active``, the library's default before
claimpilot set it passive), Chroma, openpyxl, DuckDB and pypinyin's phrase dictionary loaded by any
claims question, and the policy keyword index rebuilt for every question. ``now`` runs the code as it is.

    python -m benchmarks.chat_latency first now "哪些索赔快过期了"
    python -m benchmarks.chat_latency warm previous small

Before a measurement the package's bytecode is compiled, as an installed claimpilot has it (pip compiles it
at install): a checkout run with PYTHONDONTWRITEBYTECODE set would otherwise compile every module it loads
again in each fresh process.
"""

from __future__ import annotations

import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "chat_eval.yaml"


def _previous_path() -> None:
    """Put back what the previous path paid (see the module's docstring). Call before any import."""
    os.environ["OMP_WAIT_POLICY"] = "active"
    os.environ.pop("PYPINYIN_NO_PHRASES", None)
    import chromadb  # noqa: F401
    import duckdb  # noqa: F401
    import openpyxl  # noqa: F401
    import pypinyin  # noqa: F401

    from claimpilot.knowledge import retrieve

    cached = retrieve._keyword_index

    def rebuilt(collection):
        retrieve._keyword_indexes.clear()
        return cached(collection)

    retrieve._keyword_index = rebuilt


def first(message: str) -> dict:
    """Seconds from before the first claimpilot import to the answer, with an empty home."""
    from claimpilot.agent.service import Agent
    from claimpilot.config import Settings

    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), _env_file=None)
        with Agent(settings) as agent:
            answer = agent.chat(message, "first").answer
    return {"answered": bool(answer)}


def warm(scale: str) -> dict:
    """Seconds per answer over the evaluation set (every 4th thread at small scale), after a first one."""
    from claimpilot.agent.evaluation import evaluate, load_set
    from claimpilot.agent.service import Agent
    from claimpilot.config import Settings
    from claimpilot.sandbox.chat_seller import seed_chat_seller

    today, threads = load_set(DATA)
    if scale == "small":
        threads = threads[::4]
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), _env_file=None)
        seed_chat_seller(settings, today)
        with Agent(settings, today=today) as agent:
            agent.chat("help", "warm-up")
            report = evaluate(agent, threads, offline=True)
    return {"times": [o.seconds for o in report.outcomes]}


@cache
def installed_bytecode() -> None:
    """Compile the package's modules that have no up-to-date bytecode, as ``pip install`` does."""
    import claimpilot

    compileall.compile_dir(Path(claimpilot.__file__).parent, quiet=1)


def measure(kind: str, way: str, arg: str) -> dict:
    """Run one measurement in a fresh Python process; ``way`` is "now" or "previous"."""
    installed_bytecode()
    out = subprocess.run([sys.executable, "-m", "benchmarks.chat_latency", kind, way, arg],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main(argv: list[str]) -> None:
    started = time.perf_counter()
    kind, way, arg = argv
    if way == "previous":
        _previous_path()
    result = first(arg) if kind == "first" else warm(arg)
    result["seconds"] = time.perf_counter() - started
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
