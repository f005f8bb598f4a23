"""Work folders that a crash cannot leave behind for good.

An upload (``<seller>/uploads/<id>/``) or an import's scratch folder
(``<seller>/tmp*``) is made by ``work_dir``, which holds an exclusive ``flock``
on a marker file inside it for as long as it is in use; the kernel drops that
lock the moment its process dies, however it dies. ``collect`` (at server
start-up and in the daily housekeeping) removes every such folder whose lock
nobody holds, and, for folders made without a marker, partial evidence copies
and snapshot copies, those untouched for ``GRACE_S``.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)
MARK = ".in-use"  # a dot name: an import of the folder skips it
GRACE_S = 6 * 3600.0


@contextmanager
def work_dir(parent: Path, prefix: str = "tmp") -> Iterator[Path]:
    """A new folder in ``parent``, marked in use by this process until the block ends, then removed."""
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    fd = os.open(path / MARK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        os.close(fd)


def _abandoned(path: Path, now: float, grace_s: float) -> bool:
    mark = path / MARK
    if not mark.exists():
        return now - path.stat().st_mtime > grace_s
    fd = os.open(mark, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # releases the probe's lock
    return True


def _candidates(seller_dir: Path) -> Iterator[Path]:
    uploads = seller_dir / "uploads"
    if uploads.is_dir():
        yield from (p for p in uploads.iterdir() if p.is_dir())
    yield from (p for p in seller_dir.glob("tmp*") if p.is_dir())
    yield from seller_dir.glob("*.snapshot.part")
    evidence = seller_dir / "evidence"
    if evidence.is_dir():
        yield from evidence.rglob("*.part")  # financial-events/ too


def collect(home: Path, grace_s: float = GRACE_S) -> list[Path]:
    """Remove the work folders and partial files that crashed processes left in every seller's folder."""
    removed: list[Path] = []
    now = time.time()
    for seller_dir in sorted((home / "sellers").glob("*")):
        if not seller_dir.is_dir():
            continue
        for path in list(_candidates(seller_dir)):
            try:
                if path.is_dir():
                    if not _abandoned(path, now, grace_s):
                        continue
                    shutil.rmtree(path)
                elif now - path.stat().st_mtime > grace_s:
                    path.unlink()
                else:
                    continue
            except FileNotFoundError:  # its owner finished meanwhile
                continue
            except OSError as exc:
                log.warning("could not remove the leftover %s: %s", path, exc)
                continue
            removed.append(path)
    if removed:
        log.info("removed %d leftover upload or work folder(s)", len(removed))
    return removed
