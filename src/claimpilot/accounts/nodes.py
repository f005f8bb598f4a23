"""Worker nodes and the sellers they are home to.

A *node* is a worker machine (or, on one machine, a ``CLAIMPILOT_HOME`` of its own) whose local disk holds
the DuckDB warehouses of the sellers assigned to it; their jobs go to the node's own queue
(``queue_for``), which only that node's workers consume. A worker started with ``--node NAME`` registers
its node (``register_node``); a new seller is given the registered node with the fewest sellers
(``assign_node``); ``claimpilot sellers move`` moves one (``jobs.move``).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.accounts.models import SellerAccount, WorkerNode
from claimpilot.config import Settings
from claimpilot.errors import Conflict, Invalid

NODE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class NodeError(Invalid):
    """A node name that cannot be used, or a node that is not registered."""


def check_name(name: str) -> str:
    if not NODE_NAME.match(name or ""):
        raise NodeError(f"invalid node name {name!r}: lower-case letters, digits, '-' and '_', at most 64")
    return name


def queue_for(queue: str, node: str) -> str:
    """The Celery queue of ``node``'s workers ("": the installation's shared queue ``queue``)."""
    return f"{queue}.node.{node}" if node else queue


def register_node(db: Session, name: str, home: str, now: datetime | None = None,
                  url: str | None = None) -> WorkerNode:
    """Record ``name`` (a worker or web server of it starts now) with its ``CLAIMPILOT_HOME`` and, from its
    web server, the address the other web servers reach it at (``url``; None keeps the one recorded)."""
    check_name(name)
    now = now or clock.now_utc()
    node = db.get(WorkerNode, name)
    if node is None:
        node = WorkerNode(name=name, home=home, created_at=now, seen_at=now, url="")
        db.add(node)
    else:
        node.home, node.seen_at = home, now
    if url is not None:
        node.url = url.rstrip("/")
    db.flush()
    return node


def get_node(db: Session, name: str) -> WorkerNode:
    node = db.get(WorkerNode, check_name(name))
    if node is None:
        known = ", ".join(n.name for n in list_nodes(db)) or "none"
        raise NodeError(f"no such node: {name} (registered: {known}; a worker started with --node registers one)")
    return node


def list_nodes(db: Session) -> list[WorkerNode]:
    return list(db.scalars(select(WorkerNode).order_by(WorkerNode.name)))


def seller_counts(db: Session) -> dict[str, int]:
    """Node -> how many sellers it is home to (every registered node, with 0 where none)."""
    counts = {n.name: 0 for n in list_nodes(db)}
    for node, n in db.execute(select(SellerAccount.node, func.count()).group_by(SellerAccount.node)):
        if node:
            counts[node] = n
    return counts


def assign_node(db: Session, seller: SellerAccount) -> str:
    """Give ``seller`` a home if it has none: the registered node with the fewest sellers (ties: by name).
    No node registered: it keeps none (the shared queue and home)."""
    if not seller.node:
        counts = seller_counts(db)
        if counts:
            seller.node = min(counts, key=lambda name: (counts[name], name))
            db.flush()
    return seller.node


def nodes_of(db: Session, seller_ids: list[str]) -> dict[str, str]:
    """Seller -> its node ("" for none), for the sellers named."""
    if not seller_ids:
        return {}
    rows = db.execute(select(SellerAccount.id, SellerAccount.node).where(SellerAccount.id.in_(sorted(set(seller_ids)))))
    return {seller_id: node for seller_id, node in rows}


def home_of(db: Session, seller_id: str) -> tuple[str, str]:
    """The seller's home node and its web server's address (("", "") for a seller of the shared home; the
    address is "" for a node without a web server of its own)."""
    row = db.execute(select(SellerAccount.node, WorkerNode.url)
                     .outerjoin(WorkerNode, WorkerNode.name == SellerAccount.node)
                     .where(SellerAccount.id == seller_id)).first()
    return (row[0] or "", row[1] or "") if row else ("", "")


class StoreElsewhere(Conflict):
    """The seller's warehouse lives on another node's disk: this process cannot read or write it."""

    def __init__(self, message: str, seller_id: str = "", node: str = "") -> None:
        super().__init__(message)
        self.seller_id, self.node = seller_id, node


def home_elsewhere(settings: Settings, seller_id: str) -> str:
    """The seller's home node if its warehouse lives on another node than this process's
    (``scheduler.node``), else "". Only a shared operational store (``database_url``) knows nodes."""
    if not settings.database_url:
        return ""
    from claimpilot.db import ensure_schema, session_factory

    ensure_schema(settings)
    with session_factory(settings, read_only=True)() as db:
        node = db.scalar(select(SellerAccount.node).where(SellerAccount.id == seller_id))
    return node if node and node != settings.scheduler.node else ""


def check_local_store(settings: Settings, seller_id: str, path: Path) -> None:
    """Refuse (``StoreElsewhere``) to open a warehouse missing here whose seller's home is another node:
    the web server, a command or a worker that is not the seller's home never starts a second, empty store."""
    if path.exists():
        return
    node = home_elsewhere(settings, seller_id)
    if node:
        raise StoreElsewhere(f"the report store of seller {seller_id} lives on node {node}: read it there "
                             f"(its workers run the seller's jobs; `claimpilot jobs run {seller_id}`), or move the "
                             f"seller (`claimpilot sellers move`)", seller_id, node)
