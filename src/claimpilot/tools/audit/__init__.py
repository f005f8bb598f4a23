"""The audit: the claim rules of CLAIM_RULES.md as SQL over the normalised reports."""

from .engine import AuditResult, run_audit
from .finding import Evidence, Finding

__all__ = ["AuditResult", "Evidence", "Finding", "run_audit"]
