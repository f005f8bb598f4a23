"""fetch_reports: pull the seller's reports from Amazon (SP-API) into the local store."""

from __future__ import annotations

from langchain.tools import ToolRuntime, tool

from claimpilot.agent.tools._face import answer, parse_date, settings_of


@tool(response_format="content_and_artifact")
def fetch_reports(runtime: ToolRuntime, start: str | None = None, end: str | None = None,
                  kinds: list[str] | None = None) -> tuple[str, dict]:
    """Download the seller's FBA reports (inventory ledger, reimbursements, returns, fees, inbound shipments, settlements) from Amazon into the local store. Dates are YYYY-MM-DD (default: the last 365 days); all kinds when none are named."""

    def produce() -> dict:
        from claimpilot.tools.reports.fetch import fetch_reports as fetch

        result = fetch(settings_of(runtime), start=parse_date(start), end=parse_date(end), kinds=kinds)
        return {"fetched": len(result.fetched), "skipped": len(result.skipped),
                "rows_by_kind": result.rows_by_kind(),
                "rows_added": sum(r.rows_added for r in result.fetched),
                "failed": [{"kind": r.kind, "error": r.error} for r in result.failed]}

    return answer("fetch_reports", produce)


TOOLS = [fetch_reports]
