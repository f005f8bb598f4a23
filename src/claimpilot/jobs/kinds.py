"""The job kinds a seller can be scheduled for, each a function ``(settings, ctx) -> dict``.

``settings`` is the seller's own (``settings_for_seller``); the returned dict
is the run's result, kept in the operational store. A capability that gains a
scheduled entry point (buyer mail polling, tracking refresh) is added here in
one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from claimpilot.config import Settings
from claimpilot.vocabulary import JobKind


@dataclass(frozen=True)
class JobContext:
    """Which run a job function is doing: seller, kind, cycle, the as-of date, the schedule's options."""

    seller_id: str
    kind: str
    cycle: str
    as_of: date
    options: dict = field(default_factory=dict)


JobFunction = Callable[[Settings, JobContext], dict]


def scan_job(settings: Settings, ctx: JobContext) -> dict:
    """Fetch (when the seller has SP-API credentials), audit, sync claims, match money, draft packets."""
    from claimpilot.jobs.scan import run_scan

    fetch = ctx.options.get("fetch", settings.sp_api.refresh_token is not None)
    since_days = ctx.options.get("since_days")
    since = ctx.as_of - timedelta(days=int(since_days)) if since_days else None
    result = run_scan(settings, ctx.as_of, fetch=bool(fetch), since=since)
    if result.fetch is not None and not result.fetch.ok:
        failed = "; ".join(f"{r.kind} {r.range}: {r.error}" for r in result.fetch.failed)
        raise RuntimeError(f"fetch incomplete: {failed}")
    out = result.to_json()
    out["findings"] = len(result.audit.findings)
    return out


def digest_job(settings: Settings, ctx: JobContext) -> dict:
    """The daily digest and alerts, delivered to the configured channels."""
    from claimpilot.jobs.digest import send_digest

    return send_digest(settings, ctx.as_of, cycle=ctx.cycle)


def buyer_mail_job(settings: Settings, ctx: JobContext) -> dict:
    """New buyer messages from the seller's mailbox, stored with their reply drafts; approved replies sent."""
    from claimpilot.tools.buyers.service import scheduled_run

    return scheduled_run(settings)


def tracking_job(settings: Settings, ctx: JobContext) -> dict:
    """Every open shipment's news from its provider; the alerts due raised and delivered."""
    from claimpilot.tools.logistics.service import LogisticsService

    result = LogisticsService(settings).refresh(today=ctx.as_of).to_dict()
    if result["errors"]:
        failed = "; ".join(f"{k}: {v}" for k, v in result["errors"].items())
        raise RuntimeError(f"tracking refresh incomplete: {failed}")
    return result


def policy_watch_job(settings: Settings, ctx: JobContext) -> dict:
    """Fetch the pages the policy knowledge cites; which changed since a person reviewed them (kb watch).
    No seller has it on a schedule until one is set: it needs the installation to reach the internet."""
    from pathlib import Path

    from claimpilot.knowledge.sources import load_sources
    from claimpilot.knowledge.watch import watch

    sources = load_sources(Path(ctx.options["sources"]) if ctx.options.get("sources") else None)
    report = watch(settings.home, sources, timeout=float(ctx.options.get("timeout", 20)))
    out = report.to_json()
    return {"at": out["at"], "counts": out["counts"],
            "changed": [p.key for p in report.by_status("changed")],
            "unreachable": [p.key for p in report.by_status("unreachable")]}


JOB_KINDS: dict[str, JobFunction] = {
    JobKind.SCAN: scan_job,
    JobKind.DIGEST: digest_job,
    JobKind.BUYER_MAIL: buyer_mail_job,
    JobKind.TRACKING: tracking_job,
    JobKind.POLICY_WATCH: policy_watch_job,
}
"""What each job kind does; every ``JobKind`` has one (tests/jobs check)."""
