"""Moving a seller to another home node: ``jobs.move.move_seller`` against a plain copy of the folder.

Builds (in a temporary folder) a demo seller's store in node a's home, then times, in the same run, (a) a
plain ``shutil.copytree`` of the seller's folder (the baseline: what any copy costs) and (b) the move to
node b (the run lock, the copy through a staging folder, the row-count check of every table, the route
switched in the operational store, the old folder set aside). The ratio is what the move adds to a copy.
Sizes: ``small`` a demo seller of 80 SKUs; ``full`` of 300 SKUs (the demo seller's default).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

SKUS = {"small": 80, "full": 300}


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(scale: str = "full") -> list[dict]:
    from claimpilot.accounts import sellers as service
    from claimpilot.accounts.nodes import register_node
    from claimpilot.config import Settings
    from claimpilot.db import ensure_schema, session_factory
    from claimpilot.db.engine import dispose_all
    from claimpilot.jobs.move import move_seller
    from claimpilot.sandbox.demo_seller import generate
    from claimpilot.tools.reports.store import ReportStore

    root = Path(tempfile.mkdtemp(prefix="cp-bench-move-"))
    try:
        settings = Settings(home=root / "installation", _env_file=None)
        homes = {"a": root / "node-a", "b": root / "node-b"}
        ensure_schema(settings)
        with session_factory(settings).begin() as db:
            for name, home in homes.items():
                register_node(db, name, str(home))
            service.add_seller(db, "mover", kinds=["scan"])
        on_a = Settings(home=homes["a"], _env_file=None, seller_id="mover")
        inbox = root / "inbox"
        generate(seed=7, skus=SKUS[scale]).write(inbox)
        ReportStore(on_a.warehouse_path(), on_a.evidence_dir()).import_path(inbox)
        folder = on_a.seller_dir()
        size = _size(folder)

        started = time.perf_counter()
        shutil.copytree(folder, root / "plain-copy")
        copy_s = time.perf_counter() - started

        started = time.perf_counter()
        moved = move_seller(settings, "mover", "b")
        move_s = time.perf_counter() - started
        rows = sum(moved.tables.values())
    finally:
        dispose_all()
        shutil.rmtree(root, ignore_errors=True)
    note = f"demo seller of {SKUS[scale]} SKUs: {size / 1e6:.1f} MB, {rows:,} rows in {len(moved.tables)} tables"
    row = {"benchmark": "move"}
    return [
        {**row, "metric": "plain copy of the seller's folder (baseline)", "value": copy_s, "unit": "s",
         "baseline": None, "ratio": None, "note": note},
        {**row, "metric": "sellers move (lock, copy, check, switch)", "value": move_s, "unit": "s",
         "baseline": copy_s, "ratio": move_s / copy_s if copy_s else None,
         "note": f"{size / 1e6 / move_s:.0f} MB/s" if move_s else ""},
    ]
