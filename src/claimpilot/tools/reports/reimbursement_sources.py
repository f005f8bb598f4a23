"""The reimbursements as one relation over both sources: the Reimbursements report and Finances'
adjustment events (loaded as report rows whose reimbursement-id starts ``FE-``), each reimbursement
once (sql/reimbursements_once.sql). The audit's ``in_reimbursements`` and the claim matching read it."""

from __future__ import annotations

from pathlib import Path

EVENT_ID_PREFIX = "FE-"
"""The reimbursement-id of a row taken from a Finances adjustment event."""
SAME_REIMBURSEMENT_DAYS = 3
"""An event is posted on or within a few days of the report's approval date of the same reimbursement."""
_SQL = (Path(__file__).parent / "sql" / "reimbursements_once.sql").read_text(encoding="utf-8")


def reimbursements_once(table: str = 'main."reimbursements"') -> str:
    """A SELECT of ``table``'s rows with each reimbursement once, and ``_twin``: the event row a report
    row stands for (NULL where none)."""
    return _SQL.format(table=table, prefix=EVENT_ID_PREFIX, days=SAME_REIMBURSEMENT_DAYS)
