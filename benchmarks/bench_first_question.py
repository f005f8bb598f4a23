"""First policy question in a fresh home: seconds until the answer, with the corpus embeddings
shipped in the package (value) against embedding the whole corpus live (baseline), same run.

Each measurement is a fresh Python process with an empty home, timed from before
the first knowledge import to the answer (model load, Chroma creation, ingestion
and the question itself). Runs alternate between the two ways.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile

from benchmarks.chat_latency import installed_bytecode

QUESTION = "How long do I have to dispute an FBA fee?"
_PROBE = """
import json, sys, time
from pathlib import Path
started = time.perf_counter()
from claimpilot.config import Settings
from claimpilot.knowledge import answer_policy_question
from claimpilot.knowledge.ingest import ingest
settings = Settings(home=Path(sys.argv[1]), _env_file=None)
embedded = None
if sys.argv[2] == "live":
    embedded = len(ingest(settings, use_shipped=False).embedded)
answer = answer_policy_question(sys.argv[3], settings)["answer"]
print(json.dumps({"seconds": time.perf_counter() - started, "embedded": embedded, "answered": bool(answer)}))
"""


def _first_question(way: str) -> dict:
    installed_bytecode()  # as an installed claimpilot has it
    with tempfile.TemporaryDirectory() as home:
        out = subprocess.run([sys.executable, "-c", _PROBE, home, way, QUESTION],
                             capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(scale: str) -> list[dict]:
    rounds = 1 if scale == "small" else 2
    shipped, live = [], []
    for _ in range(rounds):
        live.append(_first_question("live"))
        shipped.append(_first_question("shipped"))
    value = statistics.median(r["seconds"] for r in shipped)
    base = statistics.median(r["seconds"] for r in live)
    return [{
        "benchmark": "first_question", "metric": "first policy answer in a fresh home", "value": value,
        "unit": "s", "baseline": base, "ratio": value / base if base else None,
        "note": (f"median of {rounds}; value: shipped corpus embeddings; baseline: the corpus embedded live "
                 f"({live[0]['embedded']} passages); lower is better"),
    }]
