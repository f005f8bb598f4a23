"""Case packets: claims grouped as Amazon wants them, with the case text in the
marketplace's language, the seller's Chinese explanation and the compliance check.

A packet holds claims of one marketplace, type and group field (``packet_policy.yaml``), at most
``max_items`` of them, and no more than its text can carry inside the case form's limit: where the text
of a group would be longer, the group is split into packets of fewer items (``fitting``). A text is
never cut; a single claim whose text alone exceeds the limit keeps it whole and fails the compliance
check, which names the length."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.tools.audit.policy_facts import PolicyFacts, Window
from claimpilot.tools.cases import policy
from claimpilot.tools.cases import states as S
from claimpilot.tools.cases.compliance import ComplianceResult, check_text
from claimpilot.tools.cases.evidence import fetch_rows
from claimpilot.tools.cases.facts import Rows, item_facts
from claimpilot.tools.cases.models import Case, Claim
from claimpilot.tools.cases.sync import move
from claimpilot.tools.cases.templates import render, sections

if TYPE_CHECKING:
    from claimpilot.tools.reports.warehouse import WarehouseConnection


@dataclass
class PacketText:
    language: str
    text: str
    explanation_zh: str
    compliance: ComplianceResult


def fmt(value: Decimal) -> str:
    return f"{Decimal(value):.2f}"


def group_key(c: Claim) -> str:
    field = policy.group_field(c.type)
    return f"{c.marketplace}|{c.type}|{getattr(c, field) if field else ''}"


def group_claims(claims: list[Claim]) -> list[list[Claim]]:
    """Split claims into packets: same marketplace, type and group field, at most max_items each."""
    ordered = sorted(claims, key=lambda c: (group_key(c), c.window_closes, c.id))
    packets: list[list[Claim]] = []
    for _, group in groupby(ordered, key=group_key):
        members = list(group)
        size = policy.max_items(members[0].type)
        packets += [members[i:i + size] for i in range(0, len(members), size)]
    return packets


def _item_note(c: Claim, language: str, rows: Rows | None) -> str:
    note = item_facts(c, rows, language)
    if c.unit_value_estimated:
        note += render(f"common.{language}", "estimated")
    return note


def policy_words(claims: list[Claim], facts: PolicyFacts) -> dict[str, str]:
    """What the templates say about time, from the marketplace's own policy (never a literal in a template):
    ``return_wait_days`` (days after the refund a customer-return claim opens), ``fee_window_days`` (how far
    back a fee can be disputed), ``valuation_date`` (from when reimbursements are at cost). A claim's own
    window gives them where it can; else the policy in force."""
    def days(w: Window | None) -> int:
        return w.opens_days if w is not None else 0

    first = claims[0]
    returns = facts.windows.get("customer_return_missing")
    fee = facts.windows.get("fee_overcharge")
    wait = (min((c.window_opens - c.event_date).days for c in claims) if first.type == "customer_return_missing"
            else days(returns))
    fee_days = (max((c.window_closes - c.window_opens).days for c in claims) if first.type == "fee_overcharge"
                else (fee.closes_days if fee else 0))
    valued = facts.valuation_date.isoformat() if facts.valuation_date else ""
    return {"return_wait_days": str(wait), "fee_window_days": str(fee_days), "valuation_date": valued}


def _policy_lines_zh(claims: list[Claim], facts: PolicyFacts) -> str:
    """The seller's lines on the window (and how sure it is) and on what the value rests."""
    lines = []
    window = facts.windows.get(claims[0].type)
    if window is not None:
        note = "；此时限不是亚马逊原文，为推断" if window.certainty == "inferred" else ""
        lines.append(f"时限：{window.describe('zh')}（{facts.marketplace} 站政策数据{note}）。")
    rests = policy.basis(claims[0].type, facts, "zh")
    if rests:
        lines.append(f"估值依据：{rests}。")
    return "\n".join(lines)


def render_packet(claims: list[Claim], store_conn: WarehouseConnection | None = None) -> PacketText:
    """The case text, the Chinese explanation and the compliance result for one packet
    (with ``store_conn``, each item also says what its evidence rows show)."""
    first = claims[0]
    language = policy.language_for(first.marketplace)
    facts = policy.facts_for(first.marketplace, clock.today())
    words = policy_words(claims, facts)
    name = f"{first.type}.{language}"
    rows = fetch_rows(store_conn, [(e["report"], e["file"], int(e["row"])) for c in claims for e in c.evidence or []])
    items = "\n".join(
        render(name, "item", n=i, reference_id=c.reference_id, fnsku=c.fnsku or "-", sku=c.sku or "-",
               event_date=c.event_date.isoformat(), window_opens=c.window_opens.isoformat(),
               window_closes=c.window_closes.isoformat(), quantity=c.quantity, unit_value=fmt(c.unit_value),
               amount=fmt(c.amount), currency=c.currency, note=_item_note(c, language, rows))
        for i, c in enumerate(claims, 1))
    total_q = sum(c.quantity for c in claims)
    total_a = sum((Decimal(c.amount) for c in claims), Decimal(0))
    estimated = any(c.unit_value_estimated for c in claims)
    evidence_count = sum(len(c.evidence or []) for c in claims)
    text = render(name, items=items, item_count=len(claims), total_quantity=total_q, total_amount=fmt(total_a),
                  currency=first.currency, evidence_count=evidence_count, policy=render(name, "policy"),
                  invoice_request=("\n" + render(f"common.{language}", "invoice") + "\n") if estimated else "",
                  **words)
    text = "\n".join(line.rstrip() for line in text.splitlines()).strip() + "\n"
    refs = sorted({c.reference_id for c in claims})
    explanation = render(f"{first.type}.zh", item_count=len(claims), total_quantity=total_q,
                         total_amount=fmt(total_a), currency=first.currency, references="、".join(refs),
                         filing_zh=policy.filing(first.type, first.marketplace)["zh"],
                         deadline=min(c.window_closes for c in claims).isoformat(),
                         invoice_zh=("\n" + sections("common.zh")["invoice"]) if estimated else "", **words)
    explanation = explanation.strip() + "\n" + _policy_lines_zh(claims, facts)
    note = policy.language_note_zh(first.marketplace)
    if note:
        explanation = explanation.rstrip() + "\n" + note
    compliance = check_text(text, language, claims, total_quantity=total_q)
    return PacketText(language, text, explanation.strip() + "\n", compliance)


def fitting(claims: list[Claim], store_conn: WarehouseConnection | None = None) -> list[tuple[list[Claim], PacketText]]:
    """``claims`` (one group, in order) as packets whose text fits the case form, each with its text: every
    packet takes as many of the remaining claims as fit."""
    limit = policy.case_form_limit()
    out: list[tuple[list[Claim], PacketText]] = []
    rest = list(claims)
    while rest:
        size = len(rest)
        text = render_packet(rest[:size], store_conn)
        while size > 1 and len(text.text) > limit:
            size -= 1
            text = render_packet(rest[:size], store_conn)
        out.append((rest[:size], text))
        rest = rest[size:]
    return out


def _store_text(case: Case, p: PacketText) -> Case:
    case.language, case.text, case.explanation_zh = p.language, p.text, p.explanation_zh
    case.compliance_ok, case.compliance_issues = p.compliance.ok, list(p.compliance.issues)
    return case


def attach_text(case: Case, claims: list[Claim], store_conn: WarehouseConnection | None = None) -> Case:
    """Render the packet's text for ``claims`` as they are (``refit`` also splits one that has outgrown the form)."""
    return _store_text(case, render_packet(claims, store_conn))


def refit(session: Session, case: Case, store_conn: WarehouseConnection | None = None) -> list[Case]:
    """Re-render an unsubmitted packet from its claims' current figures; where its text no longer fits the
    case form, the claims that do not fit move to new packets of the same group. Returns every packet."""
    members = sorted(case.claims, key=lambda c: (c.window_closes, c.id))
    parts = fitting(members, store_conn)
    _store_text(case, parts[0][1])
    out = [case]
    for claims, text in parts[1:]:
        extra = Case(seller_id=case.seller_id, marketplace=case.marketplace, type=case.type,
                     group_key=case.group_key, language=case.language)
        session.add(extra)
        session.flush()
        for c in claims:
            c.case_id = extra.id
        session.flush()
        session.refresh(extra)
        out.append(_store_text(extra, text))
    if len(out) > 1:
        session.flush()
        session.refresh(case)
    return out


def draft_packets(session: Session, seller_id: str, marketplace: str, as_of: date | None,
                  claim_ids: list[int] | None = None, exact: bool = False,
                  store_conn: WarehouseConnection | None = None) -> list[Case]:
    """Packets for claimable claims not yet in one (all, or those grouping with ``claim_ids``;
    with ``exact``, only the claims ``claim_ids`` themselves).

    Each claim drafted moves claimable -> drafted. Existing unsubmitted packets
    are re-rendered so their text matches the claims' current figures.
    """
    q = select(Claim).where(Claim.seller_id == seller_id, Claim.marketplace == marketplace,
                            Claim.status == S.CLAIMABLE, Claim.case_id.is_(None))
    free = list(session.scalars(q))
    if claim_ids is not None and exact:
        free = [c for c in free if c.id in set(claim_ids)]
    elif claim_ids is not None:
        wanted = {group_key(c) for c in free if c.id in set(claim_ids)}
        free = [c for c in free if group_key(c) in wanted]
    cases = []
    for group in group_claims(free):
        for members, text in fitting(group, store_conn):
            case = Case(seller_id=seller_id, marketplace=marketplace, type=members[0].type,
                        group_key=group_key(members[0]), language=policy.language_for(marketplace))
            session.add(case)
            session.flush()
            for c in members:
                c.case_id = case.id
                move(session, c, S.DRAFTED, as_of, note=f"packet {case.id}")
            session.flush()
            session.refresh(case)
            cases.append(_store_text(case, text))
    return cases
