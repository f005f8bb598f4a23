"""The operators' alert when a worker is lost: to the installation's alert channels
(``logistics.alerts``: webhook, e-mail, WeCom, DingTalk, Feishu) and to the log."""

from __future__ import annotations

import logging

from claimpilot.config import Settings
from claimpilot.jobs.lease import LostAttempt
from claimpilot.notify.dispatch import Notice, configured_channels, deliver

log = logging.getLogger(__name__)


def lost_notice(lost: LostAttempt) -> Notice:
    data = {"seller_id": lost.seller_id, "job": lost.kind, "cycle": lost.cycle, "attempt": lost.token,
            "worker": lost.worker, "pid": lost.pid, "started_at": lost.started_at.isoformat(),
            "closed_at": lost.closed_at.isoformat()}
    return Notice(event_id=f"worker-lost:{lost.run_id}:{lost.token}", kind="worker_lost",
                  title=f"Worker lost: {lost.seller_id} {lost.kind} {lost.cycle}",
                  text=f"{lost.describe()}. The attempt is closed as failed and the job is queued for another "
                       f"worker (until its retries run out).", data=data)


def alert_lost(settings: Settings, lost: list[LostAttempt]) -> None:
    """Tell the operators about each lost attempt; a channel that fails is logged, never raised."""
    cfg = settings.logistics.alerts
    for attempt in lost:
        log.warning("%s", attempt.describe())
        if not configured_channels(cfg):
            continue
        try:
            outcome = deliver(cfg, lost_notice(attempt))
        except Exception as exc:  # noqa: BLE001 - an alert must never stop the recovery
            outcome = {"all": f"failed: {type(exc).__name__}"}
        failed = {k: v for k, v in outcome.items() if v != "sent"}
        if failed:
            log.warning("alert for run %s attempt %s: %s", attempt.run_id, attempt.token, failed)
