"""Helpers of the scheduler tests: demo sellers' warehouses built once and copied, and the claims a
single-process scan of each finds (the reference a distributed run is compared with)."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.sandbox.demo_seller import DEFAULT_AS_OF, generate
from claimpilot.tools.cases.models import Case, Claim
from claimpilot.tools.reports.store import ReportStore

AS_OF = DEFAULT_AS_OF
SKUS = 80
REDIS_URL = os.environ.get("CLAIMPILOT_TEST_REDIS", "redis://127.0.0.1:6379/0")
SEEDS = (3, 5, 8)


def build_template(root: Path, seed: int) -> Path:
    """A seller folder (warehouse + evidence) with the demo seller ``seed``'s reports imported."""
    settings = Settings(home=root, seller_id=f"seed{seed}", _env_file=None)
    seller = generate(seed=seed, as_of=AS_OF, skus=SKUS)
    inbox = root / f"inbox{seed}"
    seller.write(inbox)
    ReportStore(settings.warehouse_path(), settings.evidence_dir()).import_path(inbox)
    shutil.rmtree(inbox)
    return settings.seller_dir()


def _link(src: str, dst: str) -> None:
    if not os.path.exists(dst):
        os.link(src, dst)


def scanned_daily(settings: Settings, *seller_ids: str) -> None:
    """Add each seller with a daily scan at 06:00 UTC of the data it already has (no fetch)."""
    from claimpilot.accounts import sellers as service
    from claimpilot.jobs.runner import ensure_schema

    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        for seller_id in seller_ids:
            service.add_seller(db, seller_id, kinds=["scan"])
            service.set_schedule(db, seller_id, "scan", at_utc="06:00", options={"fetch": False})


def install(template: Path, settings: Settings, seller_id: str) -> None:
    """Give ``seller_id`` a copy of a template seller's data under ``settings.home`` (the raw
    evidence files, never written to, are hard links)."""
    target = settings.seller_dir(seller_id)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(template / "warehouse.duckdb", settings.warehouse_path(seller_id))
    shutil.copytree(template / "evidence", settings.evidence_dir(seller_id), copy_function=_link,
                    dirs_exist_ok=True)


def claims_of(settings: Settings, seller_id: str) -> list[tuple]:
    """The seller's claims as comparable tuples (key, type, status, quantity, amount), sorted."""
    with session_factory(settings, read_only=True)() as s:
        rows = s.execute(select(Claim.key, Claim.type, Claim.status, Claim.quantity, Claim.amount)
                         .where(Claim.seller_id == seller_id)).all()
    return sorted((k, t, st, q, str(a)) for k, t, st, q, a in rows)


def cases_of(settings: Settings, seller_id: str) -> int:
    with session_factory(settings, read_only=True)() as s:
        return len(list(s.scalars(select(Case.id).where(Case.seller_id == seller_id))))


def queued(prefix: str) -> int:
    """The run tasks waiting in the test's queue (``<prefix>jobs``), in all its priority lists."""
    import redis

    from claimpilot.workers.app import PRIORITY_STEPS

    queue = f"{prefix}{prefix}jobs"  # the key prefix, then the queue's name
    with redis.Redis.from_url(REDIS_URL) as r:
        return sum(r.llen(queue if step == 0 else f"{queue}\x06\x16{step}") for step in PRIORITY_STEPS)


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    """A moment (UTC) on the demo sellers' as-of date, plus ``day`` days."""
    return datetime.combine(AS_OF + timedelta(days=day), time(hour, minute), tzinfo=UTC)
