"""The capabilities: what the agent, the jobs, the CLI and the server can do, one package each.

- ``reports/``: SP-API fetching, report file import, the seller's DuckDB store (``ReportStore``).
- ``audit/``: the claim rules (CLAIM_RULES.md) as SQL over the reports, policy windows as data.
- ``cases/``: claims, case packets, appeals, reimbursement matching, money, the claims spreadsheet;
  ``cases/refresh.py`` audits, syncs claims and matches reimbursements in one call.
- ``buyers/``: buyer messages: intake, intent, drafts, compliance, approval, sending.
- ``logistics/``: shipments from the factory to Amazon and to the buyer, and their alerts.

Dependencies inside: logistics and buyers -> cases -> audit -> reports (``pyproject.toml`` contracts).
"""
