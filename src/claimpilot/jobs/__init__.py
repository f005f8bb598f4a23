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

from .scan import ScanResult, run_scan

__all__ = ["ScanResult", "run_scan"]
