"""The audit: the claim rules of CLAIM_RULES.md as SQL over the normalised reports.

The engine (and DuckDB under it) loads on first use of ``run_audit`` or ``AuditResult``, so that
readers of the package's small modules (policy facts, tier cache) do not pay for it.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .engine import AuditResult, run_audit
    from .finding import Evidence, Finding

__all__ = ["AuditResult", "Evidence", "Finding", "run_audit"]

_WHERE = {"AuditResult": ".engine", "run_audit": ".engine", "Evidence": ".finding", "Finding": ".finding"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
