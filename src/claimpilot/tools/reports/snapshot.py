"""The last committed state of a seller's warehouse, for readers while another process writes it.

DuckDB lets one process at a time open a file read-write, and none may read
it meanwhile, not even read-only. So a process that has written a warehouse
publishes, before it lets go of the file, a copy of it (``<file>.snapshot``):
checkpointed first, copied while it still holds the lock, renamed into place
whole. A reader that finds the file held by another process opens that copy
read-only instead and sees the data as it was before the running write.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

SUFFIX = ".snapshot"


def path_for(key: str | Path) -> Path:
    return Path(f"{key}{SUFFIX}")


def publish(root: duckdb.DuckDBPyConnection, key: str) -> None:
    """Checkpoint the file open in ``root`` (read-write, nobody else using it) and copy it into place."""
    root.execute("CHECKPOINT")
    target = path_for(key)
    partial = target.with_name(target.name + ".part")
    shutil.copyfile(key, partial)
    os.replace(partial, target)


def open_read_only(key: str) -> duckdb.DuckDBPyConnection | None:
    """The last published copy of ``key``, read-only; None if there is none."""
    target = path_for(key)
    if not target.exists():
        return None
    return duckdb.connect(str(target), read_only=True)
