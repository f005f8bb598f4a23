"""Appeal drafts for denied claims, entirely in the marketplace's language: the denial's reason, classified
(``vocabulary.DenialReason``), restated in that language (the seller's own note of it is never pasted in);
the answer to that reason; the evidence cited as a seller cites it (the report's name, the date, the
reference and the row, never a file hash); inside Seller Central's case form limit (``packet_policy.yaml``:
evidence lines are trimmed, never the facts). Polished by the configured LLM if any, kept only if the
polished text passes the same checks."""

from __future__ import annotations

import logging
import re

from claimpilot.config import Settings
from claimpilot.tools.cases import policy
from claimpilot.tools.cases.compliance import ComplianceResult, check_text
from claimpilot.tools.cases.models import Claim, Denial
from claimpilot.tools.cases.packets import fmt
from claimpilot.tools.cases.templates import render, sections

log = logging.getLogger(__name__)
LINK = re.compile(r"(https?://\S+|www\.\S+)", re.I)


def restated(code: str, language: str) -> str:
    """The denial's reason in the marketplace's language, from its code."""
    name = f"denials.{language}"
    return render(name, code if code in sections(name) else "other")


def evidence_lines(claim: Claim, language: str, limit: int | None = None) -> str:
    """The evidence rows as a seller cites them: report, date, reference, row (at most ``limit`` lines)."""
    from claimpilot.vocabulary import ReportKind, label

    lines = []
    for e in claim.evidence or []:
        try:
            report = label(ReportKind(e["report"]), "en")
        except ValueError:
            report = str(e["report"])
        lines.append(render(f"common.{language}", "evidence", report=report, date=claim.event_date.isoformat(),
                            reference=claim.reference_id, row=e["row"]))
    if limit is not None and len(lines) > limit:
        lines = lines[:limit] + [f"(+{len(lines) - limit} ... evidence.csv)"]
    return "\n".join(lines) or "-"


def template_appeal(claim: Claim, denial: Denial) -> tuple[str, str]:
    """(language, text) of the template appeal answering ``denial``, inside the case form's limit."""
    language = policy.language_for(claim.marketplace)
    if f"appeal.{language}" not in _available():
        language = "en"
    limit = policy.case_form_limit()
    rows = len(claim.evidence or [])
    while True:
        text = _render_appeal(claim, denial, language, rows)
        if len(text) <= limit or rows == 0:
            return language, text
        rows -= 1


def _available() -> set[str]:
    from claimpilot.tools.cases.templates import TEMPLATE_DIR

    return {p.stem for p in TEMPLATE_DIR.glob("appeal.*.txt")}


def _render_appeal(claim: Claim, denial: Denial, language: str, rows: int) -> str:
    name = f"appeal.{language}"
    case = claim.case
    paid = [m for m in claim.reimbursements if m.kind == "payment"]
    values = dict(
        case_id=(case.amazon_case_id if case and case.amazon_case_id else "-"), reference_id=claim.reference_id,
        fnsku=claim.fnsku or "-", sku=claim.sku or "-", quantity=claim.quantity,
        event_date=claim.event_date.isoformat(), window_opens=claim.window_opens.isoformat(),
        window_closes=claim.window_closes.isoformat(),
        submitted_on=(case.submitted_on.isoformat() if case and case.submitted_on else "-"),
        amount=fmt(claim.amount), unit_value=fmt(claim.unit_value), currency=claim.currency,
        denial=restated(denial.reason_code, language),
        reimbursed_note=(" (" + ", ".join(f"{m.reimbursement_id}: {fmt(m.amount)}" for m in paid) + ")"
                         if paid else ""),
        evidence_lines=evidence_lines(claim, language, rows),
    )
    code = denial.reason_code if denial.reason_code in sections(name) else "other"
    answer = render(name, code, **values)
    return render(name, answer=answer, **values).strip() + "\n"


def polish(text: str, language: str, settings: Settings) -> str:
    """The text edited by the configured OpenAI-compatible model."""
    from langchain_core.messages import HumanMessage, SystemMessage
    from langchain_openai import ChatOpenAI

    llm = settings.llm
    model = ChatOpenAI(model=llm.model, base_url=llm.base_url,
                       api_key=(llm.api_key.get_secret_value() if llm.api_key else "not-needed"),
                       temperature=llm.temperature, timeout=llm.timeout_s, max_retries=1)
    system = render("appeal_polish.en", language=language)
    reply = model.invoke([SystemMessage(system), HumanMessage(text)])
    return str(reply.content).strip() + "\n"


def draft(claim: Claim, denial: Denial, settings: Settings) -> tuple[str, str, bool, ComplianceResult]:
    """(language, text, polished, compliance) of the appeal for ``claim``'s ``denial``.

    The polished text is kept only if it passes the compliance check; otherwise
    (or if the model cannot be reached) the template text stands.
    """
    language, text = template_appeal(claim, denial)
    result = check_text(text, language, [claim], require_item_lines=True, seller_words=denial.reason_text)
    if settings.llm.configured:
        try:
            polished = polish(text, language, settings)
        except Exception as exc:  # noqa: BLE001 - the model is optional
            log.warning("appeal polish skipped: %s", exc.__class__.__name__)
        else:
            checked = check_text(polished, language, [claim], require_item_lines=True,
                                 seller_words=denial.reason_text)
            if checked.ok:
                return language, polished, True, checked
            log.warning("polished appeal rejected: %s", "; ".join(checked.issues))
    return language, text, False, result
