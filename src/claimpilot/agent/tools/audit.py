"""run_audit: find what Amazon owes, and record the findings as claims."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from claimpilot import clock
from claimpilot.agent.tools._face import answer, parse_date, settings_of, to_data

TOP = 10


@tool(response_format="content_and_artifact")
def run_audit(runtime: ToolRuntime, as_of: str | None = None) -> tuple[str, dict]:
    """Audit the stored reports for money Amazon owes (lost, damaged, unreturned, short-received, overcharged, underpaid units) as of a date (YYYY-MM-DD, default today); the findings are kept as claims."""

    def produce() -> dict:
        from claimpilot.tools.audit import run_audit as audit
        from claimpilot.tools.cases.service import CaseService
        from claimpilot.tools.reports.store import ReportStore

        settings = settings_of(runtime)
        day = parse_date(as_of) or clock.today()
        con = ReportStore(settings.warehouse_path(), settings.evidence_dir()).connect()
        try:
            result = audit(con, day, marketplace=settings.marketplace)
        finally:
            con.close()
        CaseService(settings).sync(result.findings, day)
        biggest = sorted(result.findings, key=lambda f: f.amount, reverse=True)[:TOP]
        return {"as_of": day.isoformat(), "findings": len(result.findings), "summary": to_data(result.summary),
                "largest": [{"type": f.type, "status": f.status, "reference_id": f.reference_id, "fnsku": f.fnsku,
                             "quantity": f.quantity, "amount": str(f.amount), "currency": f.currency,
                             "window_closes": f.window_closes.isoformat()} for f in biggest]}

    return answer("run_audit", produce)


TOOLS = [run_audit]
