"""Jobs that chain the capabilities for one seller account, and the bookkeeping of their runs.

- ``kinds``: what each ``JobKind`` does (scan, digest, buyer mail, tracking, policy watch).
- ``scan``: the daily scan: fetch the reports, audit, sync claims, match reimbursements.
- ``digest``: the daily digest of claims, money and shipment alerts.
- ``runner``: run one job for one seller under its lock, as a recorded, fenced attempt.
- ``models``: the ``job_runs`` and ``job_attempts`` tables; ``slots``: schedule arithmetic;
  ``dispatch``: which runs are due; ``lock``: the per-seller lock; ``retention``: pruning old runs;
  ``status``: each seller's last and next runs.

The scheduler and the Celery workers (the faces) call these; the schedules themselves are seller
settings (``accounts``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["ScanResult", "run_scan"]


def __getattr__(name: str) -> Any:
    # Loaded on use: the operational store imports ``jobs.models`` for its tables, and a chat answer
    # must not pay for the scan's SP-API client on the way.
    if name in __all__:
        from claimpilot.jobs import scan

        return getattr(scan, name)
    raise AttributeError(name)
