"""Appeal drafts for denied claims, entirely in the marketplace's language.

An appeal restates the denial's reason (``vocabulary.DenialReason``, classified by ``denials.py``) in that
language, never pasting the seller's own note; answers that reason with the evidence that refutes it; names
the item's identifiers, dates and quantities, what the reports show, the policy the claim rests on and the
exact ask; cites the evidence as a seller cites it (the report's name, the date, the reference and the row,
never a file hash); and stays inside Seller Central's case form (``packet_policy.yaml``: evidence lines are
trimmed, never the facts). With a model configured, a polished version is kept only if it passes the same
checks.

Which answer a reason gets (``answer_source``), first that exists:
1. the claim type's own answer, section ``answer_<reason>`` of ``{type}.{lang}.txt``;
2. the answer every claim type shares, section ``<reason>`` of ``appeal.{lang}.txt`` (the claim window,
   an earlier reimbursement, missing information, proof of cost);
3. for a reason that does not fit the claim type (a customer return named for a fee overcharge), the
   answer that says what the case is about instead (``not_applicable`` with ``about_<reason>``);
4. ``other``: what the reports show, and a request to name the fact in doubt.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from claimpilot.config import Settings
from claimpilot.tools.cases import policy
from claimpilot.tools.cases.compliance import ComplianceResult, check_text
from claimpilot.tools.cases.evidence import fetch_rows
from claimpilot.tools.cases.facts import Rows, item_facts
from claimpilot.tools.cases.models import Claim, Denial
from claimpilot.tools.cases.packets import fmt
from claimpilot.tools.cases.templates import render, sections
from claimpilot.vocabulary import ReportKind, label

if TYPE_CHECKING:
    from claimpilot.tools.reports.warehouse import WarehouseConnection

log = logging.getLogger(__name__)
_GAP = re.compile(r"(?<=\S) {2,}")
# Reasons whose answer states the claim window itself (the policy line then leaves it out).
WINDOW_REASONS = ("outside_window", "too_early")
# Files the seller keeps, not Amazon's reports: a reviewer cannot look them up, so they are not cited.
SELLERS_OWN = frozenset({"products", "removal_receipts"})
# Where each report kind's own date is, to cite a row by it.
ROW_DATES = {"ledger": "date", "settlement": "posted_date", "customer_returns": "return_date",
             "reimbursements": "approval_date", "removal_orders": "request_date", "orders": "purchase_date",
             "removal_shipments": "shipment_date", "removal_receipts": "received_date"}


def restated(code: str, language: str) -> str:
    """The denial's reason in the marketplace's language, from its code."""
    name = f"denials.{language}"
    return render(name, code if code in sections(name) else "other")


def answer_source(claim_type: str, code: str, language: str) -> tuple[str, str]:
    """(template, section) of the answer to denial reason ``code`` for a claim of ``claim_type``."""
    own, shared = f"{claim_type}.{language}", f"appeal.{language}"
    if f"answer_{code}" in sections(own):
        return own, f"answer_{code}"
    if code != "other" and code in sections(shared):
        return shared, code
    if f"about_{code}" in sections(shared):
        return shared, "not_applicable"
    return shared, "other"


def _row_date(claim: Claim, ref: tuple[str, str, int], rows: Rows) -> str:
    value = rows.get(ref, {}).get(ROW_DATES.get(ref[0], ""))
    if value is None:
        return claim.event_date.isoformat()
    return value.date().isoformat() if hasattr(value, "date") else str(value)[:10]


def evidence_lines(claim: Claim, language: str, limit: int | None = None, rows: Rows | None = None) -> str:
    """The evidence rows as a seller cites them: report, date, reference, row (at most ``limit`` lines). A row's
    own date is cited when the stored row is at hand (``rows``), else the claim's event date."""
    lines = []
    for e in claim.evidence or []:
        try:
            report = label(ReportKind(e["report"]), "en")
        except ValueError:
            report = str(e["report"])
        ref = (e["report"], e["file"], int(e["row"]))
        if e["report"] in SELLERS_OWN:  # the seller's own file: what it says is stated on the item line
            continue
        lines.append(render(f"common.{language}", "evidence", report=report, date=_row_date(claim, ref, rows or {}),
                            reference=claim.reference_id, row=e["row"]))
    if limit is not None and len(lines) > limit:
        lines = lines[:limit] + [f"(+{len(lines) - limit} ... evidence.csv)"]
    return "\n".join(lines) or "-"


def _filed(claim: Claim, language: str) -> str:
    name = f"appeal.{language}"
    case = claim.case
    on = case.submitted_on if case is not None else None
    if on is None:
        return render(name, "filed_unknown")
    if on > claim.window_closes:
        return render(name, "filed_late", submitted_on=on.isoformat())
    if on < claim.window_opens:
        return render(name, "filed_early", submitted_on=on.isoformat())
    return render(name, "filed_on", submitted_on=on.isoformat())


def _values(claim: Claim, language: str, rows: Rows) -> dict[str, Any]:  # the templates' values (render's)
    case = claim.case
    paid = [m for m in claim.reimbursements if m.kind == "payment"]
    paid_total = sum((Decimal(m.amount) for m in paid), Decimal(0))
    return dict(
        case_id=(case.amazon_case_id if case and case.amazon_case_id else ""), reference_id=claim.reference_id,
        fnsku=claim.fnsku or "-", sku=claim.sku or "-", quantity=claim.quantity,
        event_date=claim.event_date.isoformat(), window_opens=claim.window_opens.isoformat(),
        window_closes=claim.window_closes.isoformat(),
        submitted_on=(case.submitted_on.isoformat() if case and case.submitted_on else ""),
        amount=fmt(claim.amount), unit_value=fmt(claim.unit_value), currency=claim.currency,
        paid=", ".join(f"{m.reimbursement_id} ({fmt(m.amount)} {m.currency})" for m in paid),
        paid_total=fmt(paid_total), remaining=fmt(Decimal(claim.amount) - paid_total),
        note=item_facts(claim, rows, language),
    )


def _render_appeal(claim: Claim, denial: Denial, language: str, rows: Rows, evidence_rows: int) -> str:
    name, own = f"appeal.{language}", f"{claim.type}.{language}"
    values = _values(claim, language, rows)
    values["filed"] = _filed(claim, language)
    values["fact"] = render(own, "fact", **values)
    code = denial.reason_code
    if code == "already_reimbursed" and values["paid"] and f"answer_{code}" not in sections(own):
        source = (name, "already_reimbursed_partly")
    else:
        source = answer_source(claim.type, code, language)
    about = render(name, f"about_{code}") if source[1] == "not_applicable" else ""
    item = render(own, "item", n=1, **values).split(". ", 1)[1]
    known = "" if values["case_id"] else "_none"
    case_ref, subject_ref = render(name, f"case_ref{known}", **values), render(name, f"subject_ref{known}", **values)
    ids = render(name, "ids_fnsku" if claim.reference_id == claim.fnsku else "ids", **values)
    text = render(
        name, case_ref=case_ref, subject_ref=subject_ref, ids=ids, denial=restated(code, language), item=item,
        answer=render(*source, about=about, **values),
        policy=render(own, "policy"), window="" if code in WINDOW_REASONS else render(name, "window", **values),
        evidence_lines=evidence_lines(claim, language, evidence_rows, rows), ask=render(own, "appeal_ask", **values),
        **{k: v for k, v in values.items() if k not in ("note",)},
    )
    return "\n".join(_GAP.sub(" ", line).rstrip() for line in text.strip().splitlines()) + "\n"


def template_appeal(claim: Claim, denial: Denial, store_conn: WarehouseConnection | None = None) -> tuple[str, str]:
    """(language, text) of the template appeal answering ``denial``, inside the case form's limit (with
    ``store_conn``, the evidence rows' own dates and what they show are cited)."""
    language = policy.language_for(claim.marketplace)
    rows = fetch_rows(store_conn, [(e["report"], e["file"], int(e["row"])) for e in claim.evidence or []])
    limit = policy.case_form_limit()
    count = len(claim.evidence or [])
    while True:
        text = _render_appeal(claim, denial, language, rows, count)
        if len(text) <= limit or count == 0:
            return language, text
        count -= 1


def explanation_zh(claim: Claim, denial: Denial) -> str:
    """For the seller, in Chinese: what Amazon said, what the appeal answers, what to attach and where to file."""
    name = "appeal.zh"
    code = denial.reason_code
    found = sections(name)
    source = answer_source(claim.type, code, policy.language_for(claim.marketplace))[1]
    if source == "not_applicable":
        body = found["not_applicable"]
    else:
        body = found.get(f"{claim.type}__{code}") or found.get(code) or found["other"]
    case = claim.case
    late = case is not None and case.submitted_on is not None and case.submitted_on > claim.window_closes
    language = policy.language_for(claim.marketplace)
    parts = [render(name, "body", reason=restated(code, "zh"), language=policy.language_name_zh(language)),
             body.strip()]
    if late:
        assert case is not None and case.submitted_on is not None  # what makes it late
        parts.append(render(name, "filed_late", submitted_on=case.submitted_on.isoformat(),
                            window_closes=claim.window_closes.isoformat()))
    elif code in WINDOW_REASONS and (case is None or case.submitted_on is None):
        parts.append(render(name, "filed_unknown"))
    note = policy.language_note_zh(claim.marketplace)
    if note:
        parts.append(note)
    parts.append(render(name, "where"))
    return "\n".join(p for p in parts if p) + "\n"


def polish(text: str, language: str, settings: Settings) -> str:
    """The text edited by the configured OpenAI-compatible model."""
    from langchain_core.messages import HumanMessage, SystemMessage
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    from claimpilot.outbound import llm_http_clients

    llm = settings.llm
    assert llm.model is not None  # a configured model has a name
    model = ChatOpenAI(**llm_http_clients(settings), model=llm.model, base_url=llm.base_url,
                       api_key=(llm.api_key if llm.api_key else SecretStr("not-needed")),
                       temperature=llm.temperature, timeout=llm.timeout_s, max_retries=1)
    system = render("appeal_polish.en", language=language)
    reply = model.invoke([SystemMessage(system), HumanMessage(text)])
    return str(reply.content).strip() + "\n"


def draft(claim: Claim, denial: Denial, settings: Settings,
          store_conn: WarehouseConnection | None = None) -> tuple[str, str, bool, ComplianceResult]:
    """(language, text, polished, compliance) of the appeal for ``claim``'s ``denial``.

    The polished text is kept only if it passes the compliance check; otherwise
    (or if the model cannot be reached) the template text stands.
    """
    language, text = template_appeal(claim, denial, store_conn)
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
