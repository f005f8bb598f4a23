"""run_audit: find what Amazon owes, and record the findings as claims. With no report stored
the audit does not run: it would find nothing and withdraw every claim not yet filed."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from claimpilot import clock
from claimpilot.agent.tools._face import answer, parse_date, settings_of, to_data

TOP = 10


@tool(response_format="content_and_artifact")
def run_audit(runtime: ToolRuntime, as_of: str | None = None) -> tuple[str, dict]:
    """Audit the stored reports for money Amazon owes (lost, damaged, unreturned, short-received, overcharged, underpaid units) as of a date (YYYY-MM-DD, default today); the findings are kept as claims and new reimbursements are matched to the filed claims."""

    def produce() -> dict:
        from claimpilot.tools.cases.refresh import refresh_claims
        from claimpilot.tools.reports.store import ReportStore

        settings = settings_of(runtime)
        day = parse_date(as_of) or getattr(runtime.context, "today", None) or clock.today()  # the turn's day
        rows = ReportStore.for_seller(settings).counts()
        if not any(n for table, n in rows.items() if table != "raw_files"):
            return {"as_of": day.isoformat(), "no_reports": True}  # an audit of nothing would withdraw every claim
        refreshed = refresh_claims(settings, day)
        result = refreshed.audit
        biggest = sorted(result.findings, key=lambda f: f.amount, reverse=True)[:TOP]
        return {"as_of": day.isoformat(), "findings": len(result.findings), "summary": to_data(result.summary),
                "reimbursements_matched": len(refreshed.matched),
                "largest": [{"type": f.type, "status": f.status, "reference_id": f.reference_id, "fnsku": f.fnsku,
                             "quantity": f.quantity, "amount": str(f.amount), "currency": f.currency,
                             "window_closes": f.window_closes.isoformat()} for f in biggest]}

    return answer("run_audit", produce)


TOOLS = [run_audit]
