"""Answers of the claims, packet, audit, dashboard and report routes."""

from __future__ import annotations

from typing import Any

from claimpilot.server.answers.base import Answer
from claimpilot.vocabulary import ClaimStatus, ClaimType


class Claim(Answer):
    """A claim: money Amazon owes for one reference (order, shipment, adjustment)."""

    id: int
    type: ClaimType
    status: ClaimStatus
    marketplace: str
    reference_id: str
    fnsku: str | None
    sku: str | None
    quantity: int
    unit_value: str
    amount: str
    currency: str
    event_date: str | None
    window_opens: str | None
    window_closes: str | None
    packet_id: int | None
    amazon_case_id: str | None
    asin: str | None = None
    title: str | None = None


class Refused(Answer):
    """A claim a batch did not file: ``not_found``, ``not_claimable`` (its ``status`` does not allow it) or
    ``filed_elsewhere`` (under another case id)."""

    claim_id: int
    reason: str
    status: ClaimStatus | None


class BatchFiled(Answer):
    """The claims a batch filed, and those it refused with the reason."""

    submitted: list[int]
    refused: list[Refused]


class ClaimPage(Answer):
    total: int
    limit: int
    offset: int
    items: list[Claim]
    totals: dict[str, str] | None = None


class Packet(Answer):
    """A case packet: the text to file, the Chinese explanation, where and how to file it."""

    packet_id: int
    type: ClaimType
    marketplace: str
    language: str
    amazon_case_id: str | None
    submitted_on: str | None
    claim_ids: list[int]
    text: str
    explanation_zh: str
    file_at: str
    how_to_file: str
    compliance_ok: bool
    compliance_issues: list[str]


class FiledPacket(Packet):
    filing: str


class Appeal(Answer):
    id: int
    language: str
    text: str
    polished: bool
    compliance_ok: bool
    compliance_issues: list[str]
    created_at: str | None


class ClaimDetail(Answer):
    """One claim with its packet, history, denials, appeals and evidence rows, and what the caller may do."""

    claim: Claim
    case: FiledPacket | None
    events: list[dict[str, Any]]
    denials: list[dict[str, Any]]
    appeals: list[Appeal]
    evidence: list[dict[str, Any]]
    can_draft: bool
    can_submit: bool
    can_deny: bool
    can_appeal: bool


class AuditRun(Answer):
    """An audit as of a day; with ``sync``, the claims it made or moved and the reimbursements it matched."""

    as_of: str
    findings: int
    summary: dict[str, Any]
    sync: dict[str, Any] | None
    reimbursements_matched: int


class Money(Answer):
    claimable: str
    recovered: str
    lost_to_expiry: str
    claimed: str
    pending: str


class MoneyBy(Money):
    """One claim type's (``type``) or one month's (``month``) money."""


class Totals(Money):
    denied: str


class Dashboard(Answer):
    currency: str
    totals: Totals
    by_type: list[MoneyBy]
    by_month: list[MoneyBy]
    claims_by_status: dict[str, int]
    deadlines: list[Claim]


class ImportedFile(Answer):
    name: str
    kind: str
    sha256: str
    rows_read: int
    rows_added: int
    duplicates_skipped: int


class ReportUpload(Answer):
    """What an upload brought in, file by file: imported, skipped (with what it is), refused (file, row,
    column, value), and the date ranges the rules still lack."""

    ok: bool
    files: list[ImportedFile]
    skipped: list[dict[str, Any]]
    refused: list[dict[str, Any]]
    rows_read: int
    rows_added: int
    duplicates_skipped: int
    coverage: list[dict[str, Any]]


class ReportFile(Answer):
    sha256: str
    kind: str
    name: str
    source: str
    rows: int
    rows_added: int
    imported_at: Any
    first_date: Any = None
    last_date: Any = None
