"""Move a seller to another home node: ``claimpilot sellers move SELLER NODE``.

A seller's DuckDB warehouse lives on its home node's local disk (``sellers/<id>/`` under the node's
``CLAIMPILOT_HOME``), and its jobs go to that node's queue. A move, under the seller's run lock (so no
job of the seller runs meanwhile; a running one is waited for up to ``wait_s``, else the move is
refused):
1. copies the seller's folder from the old home to a temporary folder in the new home;
2. checks the copy: every table of the warehouse opens with the same row count as the original;
3. renames the copy into place and switches the seller's node (one committed write): the next task
   goes to the new node's queue, and a task queued to the old node before is sent on by it (``run_job``
   answers ``moved``);
4. sets the old folder aside as ``sellers/<id>.moved-<stamp>`` (kept, never read: delete it once
   the new node has scanned).

Both homes must be folders this process can reach: on one machine two ``CLAIMPILOT_HOME`` folders; across
machines the command runs on the new node with the old node's home mounted (``sshfs``, NFS read-only
for the copy only), named by ``from_home``. A node that is dead has no folder to copy: ``rebuild``
starts the seller afresh on the new node, from its evidence (``claimpilot import``).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.accounts.models import SellerAccount
from claimpilot.accounts.nodes import check_name, get_node
from claimpilot.config import Settings
from claimpilot.db import ensure_schema, session_factory
from claimpilot.db.seller_lock import seller_lock
from claimpilot.errors import Conflict, NotFound

WAREHOUSE = "warehouse.duckdb"
LOCK_POLL_S = 0.5


class MoveRefused(Conflict):
    """The seller cannot be moved now or there (the message says why; nothing was changed)."""


class NoSuchSeller(NotFound):
    """No seller account of that id."""


@dataclass(frozen=True)
class MoveResult:
    seller_id: str
    from_node: str
    to_node: str
    source: Path
    target: Path
    tables: dict[str, int]
    bytes: int
    rebuilt: bool = False


def _table_rows(path: Path) -> dict[str, int]:
    """Table -> row count of the DuckDB file at ``path``, opened read-only."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
        return {name: int(con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])  # type: ignore[index]
                for name in names}
    finally:
        con.close()


def _homes(db: Session, settings: Settings, seller: SellerAccount, node: str, from_home: Path | None,
           to_home: Path | None) -> tuple[Path, Path]:
    target = get_node(db, node)
    if from_home is None:
        from_home = Path(get_node(db, seller.node).home) if seller.node else settings.home
    return from_home, to_home or Path(target.home)


def _take_lock(settings: Settings, seller_id: str, wait_s: float):
    """The seller's run lock (a context manager already entered), waiting up to ``wait_s`` for a running job."""
    deadline = time.monotonic() + wait_s
    while True:
        held = seller_lock(settings, seller_id)
        lock = held.__enter__()
        if lock is not None:
            return held
        held.__exit__(None, None, None)
        if time.monotonic() >= deadline:
            raise MoveRefused(f"a job of seller {seller_id} is running: not moved (try again when it ends, or "
                              f"wait longer with --wait)")
        time.sleep(LOCK_POLL_S)


def _copy(source: Path, target: Path, stamp: str) -> tuple[dict[str, int], int]:
    """Copy the folder ``source`` to ``target`` (through a temporary folder beside it), checked."""
    if target.exists() and any(target.iterdir()):
        raise MoveRefused(f"{target} exists already: not moved (set it aside first)")
    staging = target.with_name(f".{target.name}.moving-{stamp}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copytree(source, staging, ignore=shutil.ignore_patterns("*.lock"))
        tables: dict[str, int] = {}
        if (source / WAREHOUSE).exists():
            tables = _table_rows(source / WAREHOUSE)
            copied = _table_rows(staging / WAREHOUSE)
            if copied != tables:
                raise MoveRefused(f"the copy of {source / WAREHOUSE} differs from it: not moved "
                                  f"({copied} != {tables})")
        size = sum(p.stat().st_size for p in staging.rglob("*") if p.is_file())
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return tables, size


def move_seller(settings: Settings, seller_id: str, node: str, *, from_home: Path | None = None,
                to_home: Path | None = None, wait_s: float = 0.0, rebuild: bool = False) -> MoveResult:
    """Move ``seller_id``'s warehouse to ``node``'s home and its jobs to ``node``'s queue.

    ``rebuild``: the old home is gone (a dead node): nothing is copied, the seller starts on ``node``
    with an empty folder, to be filled again from its evidence."""
    check_name(node)
    ensure_schema(settings)
    sessions = session_factory(settings)
    with sessions() as db:
        seller = db.get(SellerAccount, seller_id)
        if seller is None:
            raise NoSuchSeller(f"no such seller: {seller_id}")
        if seller.node == node:
            raise MoveRefused(f"seller {seller_id} lives on node {node} already")
        old, new = _homes(db, settings, seller, node, from_home, to_home)
        from_node = seller.node
    source, target = old / "sellers" / seller_id, new / "sellers" / seller_id
    if source.resolve() == target.resolve():
        raise MoveRefused(f"the old and new homes are one folder ({source}): not moved")
    if not rebuild and not source.is_dir():
        raise MoveRefused(f"no folder {source} to move (a dead node's seller: --rebuild starts it afresh)")
    stamp = clock.now_utc().strftime("%Y%m%dT%H%M%SZ")
    held = _take_lock(settings, seller_id, wait_s)
    try:
        tables, size = ({}, 0) if rebuild else _copy(source, target, stamp)
        if rebuild:
            target.mkdir(parents=True, exist_ok=True)
        try:
            with sessions.begin() as db:
                row = db.get(SellerAccount, seller_id)
                if row is None or row.node != from_node:
                    raise MoveRefused(f"seller {seller_id} changed while it was copied: not moved")
                row.node = node
        except BaseException:  # the route did not switch: the copy goes, the old home stays the seller's
            if not rebuild:
                shutil.rmtree(target, ignore_errors=True)
            raise
        if not rebuild and source.is_dir():
            source.rename(source.with_name(f"{seller_id}.moved-{stamp}"))
    finally:
        held.__exit__(None, None, None)
    return MoveResult(seller_id, from_node, node, source, target, tables, size, rebuild)
