"""``CaseService``: the one door to claims and cases for the CLI, the agent and the server."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.db import ensure_schema, session_factory
from claimpilot.db.versions import versions
from claimpilot.errors import NotFound
from claimpilot.tools.audit.finding import Finding
from claimpilot.tools.cases import appeals, claims_query, money, packets, resolution, views
from claimpilot.tools.cases import states as S
from claimpilot.tools.cases.claims_query import ClaimFilter, ClaimPage
from claimpilot.tools.cases.export import ExportResult, packet_files, write_export, zip_bytes
from claimpilot.tools.cases.models import Appeal, Case, Claim
from claimpilot.tools.cases.sync import SyncResult, expire_lapsed, move, sync_findings
from claimpilot.tools.reports.products import EMPTY, ProductIndex, product_index, store_version

if TYPE_CHECKING:
    from claimpilot.tools.reports.warehouse import WarehouseConnection


class ClaimNotFound(NotFound):
    """No claim with that id for this seller."""

    public = "no such claim in this seller account"


class NoPacket(NotFound):
    """The claim is in no case packet yet."""

    public = "this claim has no case packet yet; draft it first"


@dataclass(frozen=True)
class Refusal:
    """A claim a batch did not file: its id, why (``not_found``, ``not_claimable``, ``filed_elsewhere``) and
    its status."""

    claim_id: int
    reason: str
    status: str | None


@dataclass
class BatchFiling:
    """What a batch filing did: the claims filed and the claims refused."""

    submitted: list[int] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


_PRODUCTS: dict[str, tuple[tuple[int, ...], ProductIndex]] = {}
_PRODUCTS_GUARD = threading.Lock()


class CaseService:
    """Claims and cases of ``settings.seller_id`` in ``settings.marketplace``."""

    def __init__(self, settings: Settings, seller_id: str | None = None, marketplace: str | None = None):
        self.settings = settings
        self.seller_id = seller_id or settings.seller_id
        self.marketplace = (marketplace or settings.marketplace).upper()
        ensure_schema(settings)
        self._sessions = session_factory(settings)
        self._reads = session_factory(settings, read_only=True)

    # --- helpers -------------------------------------------------------
    def _claim(self, s: Session, claim_id: int) -> Claim:
        c = s.get(Claim, int(claim_id))
        if c is None or c.seller_id != self.seller_id:
            raise ClaimNotFound(f"no claim {claim_id} for seller {self.seller_id}")
        return c

    def store_connection(self) -> WarehouseConnection | None:
        """A read-only connection to the seller's report store, shared with this process's other users of
        the file (``tools.reports.warehouse``; its snapshot while another process writes it), or None if the
        seller has no store yet. Raises ``WarehouseBusy`` rather than go on without the evidence rows, and
        ``StoreElsewhere`` where the seller's store lives on another node."""
        from claimpilot.accounts.nodes import check_local_store
        from claimpilot.tools.reports import warehouse

        path = self.settings.warehouse_path(self.seller_id)
        if not path.exists():
            check_local_store(self.settings, self.seller_id, path)  # on another node: refused, never evidence-less
            return None
        return warehouse.connect(path, read_only=True)

    @contextmanager
    def _store(self, store_conn: WarehouseConnection | None = None) -> Iterator[WarehouseConnection | None]:
        own = store_conn is None
        conn = self.store_connection() if own else store_conn
        try:
            yield conn
        finally:
            if own and conn is not None:
                conn.close()

    # --- claims --------------------------------------------------------
    def sync(self, findings: Iterable[Finding], as_of: date, types: Iterable[str] | None = None) -> SyncResult:
        """Findings of one audit into claims, in one transaction."""
        findings = list(findings)
        with self._sessions.begin() as s:
            return sync_findings(s, self.seller_id, self.marketplace, findings, as_of, types)

    def list_claims(self, status: str | Iterable[str] | None = None, type: str | None = None,
                    limit: int | None = None, *, offset: int = 0, since: date | None = None,
                    until: date | None = None, fnsku: str | None = None) -> list[dict[str, Any]]:
        """Claims, soonest-closing window first: any of ``status``, ``type``, ``fnsku``, event date
        ``since``..``until`` (inclusive); ``limit`` None: all."""
        flt = ClaimFilter.of(status, type=type, fnsku=fnsku, since=since, until=until)
        with self._reads() as s:
            return claims_query.page_claims(s, self.seller_id, self.marketplace, flt, limit, offset)

    def claims_page(self, flt: ClaimFilter | None = None, limit: int | None = 50, offset: int = 0,
                    sort: str = "window_closes") -> ClaimPage:
        """One page of the claims ``flt`` selects (in ``sort`` order), with how many it selects in all."""
        with self._reads() as s:
            return claims_query.claims_page(s, self.seller_id, self.marketplace, flt or ClaimFilter(), limit, offset,
                                            sort)

    def claims_version(self) -> int:
        """The seller's claims version: it moves whenever any claim or case of the seller changes."""
        with self._reads() as s:
            return versions(s, self.seller_id)[self.seller_id]

    def products_version(self) -> tuple[int, ...]:
        """The version of the seller's report store as the product names read it (its files' size and time)."""
        return store_version(self.settings.warehouse_path(self.seller_id))

    def amount_totals(self, flt: ClaimFilter | None = None) -> dict[str, str]:
        """Currency -> the summed amount of the claims ``flt`` selects."""
        with self._reads() as s:
            return claims_query.amount_totals(s, self.seller_id, self.marketplace, flt or ClaimFilter())

    def get_claim(self, claim_id: int) -> dict[str, Any]:
        with self._reads() as s:
            return views.claim_detail(self._claim(s, claim_id))

    def claim_for_case(self, case_id: str) -> int:
        """The claim filed under Amazon case ``case_id`` (the first, when the case holds several)."""
        with self._reads() as s:
            found = claims_query.claim_ids_for_case(s, self.seller_id, None, case_id)
        if not found:
            raise ClaimNotFound(f"no claim was filed under Amazon case {case_id}")
        return found[0]

    def fnskus_for_asin(self, asin: str) -> list[str]:
        """The FNSKUs the seller's reports list under ``asin`` (claims keep FNSKUs, reports both)."""
        with self._store() as conn:
            if conn is None:
                return []
            tables = [t for (t,) in conn.execute(
                "SELECT table_name FROM information_schema.columns WHERE column_name IN ('asin', 'fnsku') "
                "GROUP BY table_name HAVING count(DISTINCT column_name) = 2").fetchall()]
            found: set[str] = set()
            for table in tables:
                rows = conn.execute(f'SELECT DISTINCT fnsku FROM "{table}" WHERE upper(asin) = ?',
                                    [asin.strip().upper()]).fetchall()
                found |= {str(f).upper() for (f,) in rows if f}
        return sorted(found)

    def products(self) -> ProductIndex:
        """The products the seller's reports name (title, ASIN by FNSKU and SKU), read once per version of
        the report store (its files' size and modification time) and kept for the process."""
        version = self.products_version()
        if not version:
            return EMPTY
        key = str(self.settings.warehouse_path(self.seller_id))
        cached = _PRODUCTS.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        with _PRODUCTS_GUARD, self._store() as conn:
            index = product_index(conn) if conn is not None else EMPTY
            _PRODUCTS[key] = (version, index)
        return index

    def known_ids(self) -> dict[str, list[str]]:
        """Every claim number, Amazon case id, order, FNSKU and SKU this seller's claims carry."""
        with self._reads() as s:
            return claims_query.known_ids(s, self.seller_id)

    # --- packets -------------------------------------------------------
    def draft_case(self, claim_id: int, as_of: date | None = None,
                   store_conn: WarehouseConnection | None = None) -> dict[str, Any]:
        """The packet holding this claim (drafted now if it has none); only claimable claims are drafted, and
        claims whose window closed before ``as_of`` leave their packets as expired."""
        as_of = self._expire_lapsed(as_of)
        with self._sessions.begin() as s, self._store(store_conn) as conn:
            c = self._claim(s, claim_id)
            if c.case is None:
                if c.status != S.CLAIMABLE:
                    raise S.TransitionError(f"claim {c.id} is {c.status}: only claimable claims get a case")
                packets.draft_packets(s, self.seller_id, self.marketplace, as_of, [c.id],
                                      store_conn=conn)
                s.refresh(c)
            elif c.case.amazon_case_id is None:
                packets.refit(s, c.case, conn)
                s.refresh(c)
            assert c.case is not None  # drafted above, if it had none
            return views.packet_row(c.case)

    def draft_all(self, as_of: date | None = None,
                  store_conn: WarehouseConnection | None = None) -> list[dict[str, Any]]:
        """Packets for every claimable claim; with those already drafted and not yet submitted (less any claim whose
        window closed before ``as_of``)."""
        as_of = self._expire_lapsed(as_of)
        with self._sessions.begin() as s, self._store(store_conn) as conn:
            packets.draft_packets(s, self.seller_id, self.marketplace, as_of, store_conn=conn)
            cases = [part for case in self._open_cases(s) for part in packets.refit(s, case, conn)]
            return [views.packet_row(c) for c in cases]

    def _expire_lapsed(self, as_of: date | None) -> date:
        """Expire the unfiled claims whose window closed before ``as_of`` (today by default), in a transaction of its
        own, so that a refused draft still leaves them expired; returns the day."""
        as_of = as_of or clock.today()
        with self._sessions.begin() as s:
            expire_lapsed(s, self.seller_id, self.marketplace, as_of)
        return as_of

    def _open_cases(self, s: Session) -> list[Case]:
        q = select(Case).where(Case.seller_id == self.seller_id, Case.marketplace == self.marketplace,
                               Case.amazon_case_id.is_(None)).order_by(Case.id)
        return [case for case in s.scalars(q) if case.claims]

    def export(self, target: Path, as_of: date | None = None,
               store_conn: WarehouseConnection | None = None) -> ExportResult:
        """Draft every claimable claim and write all unsubmitted packets to ``target`` (folder or .zip), less any claim
        whose window closed before ``as_of``."""
        as_of = self._expire_lapsed(as_of)
        with self._sessions.begin() as s, self._store(store_conn) as conn:
            packets.draft_packets(s, self.seller_id, self.marketplace, as_of, store_conn=conn)
            cases = [part for case in self._open_cases(s) for part in packets.refit(s, case, conn)]
            return write_export(cases, Path(target), conn)

    def packet_zip(self, claim_id: int) -> tuple[int, bytes]:
        """The packet number and zip (case text, Chinese explanation, evidence CSV, README, claims list) of
        the packet holding the claim; ``ClaimNotFound`` without such a claim, ``NoPacket`` before it has one."""
        with self._reads() as s, self._store() as conn:
            claim = self._claim(s, claim_id)
            if claim.marketplace != self.marketplace:
                raise ClaimNotFound(f"no claim {claim_id} in marketplace {self.marketplace}")
            if claim.case is None:
                raise NoPacket(f"claim {claim_id} has no case packet yet; draft it first")
            return claim.case.id, zip_bytes(packet_files([claim.case], conn))

    # --- lifecycle -----------------------------------------------------
    def mark_submitted(self, claim_id: int, case_id: str, on: date | None = None) -> dict[str, Any]:
        """Record that the claim's packet (or its appeal) was filed as Amazon case ``case_id``."""
        on = on or clock.today()
        case_id = str(case_id).strip()
        if not case_id:
            raise ValueError("an Amazon case id is required")
        with self._sessions.begin() as s:
            c = self._claim(s, claim_id)
            if c.status == S.DENIED:
                move(s, c, S.APPEALED, on, note=f"appeal filed in case {case_id}")
                if c.case is not None and c.case.amazon_case_id != case_id:
                    c.case.amazon_case_id = case_id
                return views.claim_detail(c)
            self._file(s, c, case_id, on)
            return views.claim_detail(c)

    def _file(self, s: Session, c: Claim, case_id: str, on: date) -> None:
        """File a claimable (or drafted) claim's packet as Amazon case ``case_id``: drafted first if it has none."""
        if c.case is None:
            if c.status != S.CLAIMABLE:
                raise S.TransitionError(f"claim {c.id} is {c.status}: only claimable claims can be filed")
            packets.draft_packets(s, self.seller_id, self.marketplace, on, [c.id], exact=True)
            s.refresh(c)
        assert c.case is not None  # drafted above, if it had none
        if c.case.amazon_case_id not in (None, case_id):
            raise S.TransitionError(f"claim {c.id} was filed already as case {c.case.amazon_case_id}")
        c.case.amazon_case_id, c.case.submitted_on = case_id, c.case.submitted_on or on
        for member in c.case.claims:
            if member.status in (S.DRAFTED, S.CLAIMABLE):
                move(s, member, S.SUBMITTED, on, note=f"filed as case {case_id}")
        if c.status != S.SUBMITTED:
            raise S.TransitionError(f"claim {c.id} is {c.status}: it cannot be filed")

    def mark_batch_submitted(self, filed: Iterable[tuple[int, str]], on: date | None = None) -> BatchFiling:
        """Record several claims as filed with Amazon, each under its case id, in one transaction. Only
        claimable or drafted claims of this seller are filed; every other one is refused with its reason
        (``not_found``, ``not_claimable``: its status, ``filed_elsewhere``: filed under another case id) and
        left as it was."""
        on = on or clock.today()
        wanted = [(int(i), str(case).strip()) for i, case in filed]
        result = BatchFiling()
        with self._sessions.begin() as s:
            found = {c.id: c for c in s.scalars(select(Claim).where(
                Claim.id.in_([i for i, _ in wanted]), Claim.seller_id == self.seller_id,
                Claim.marketplace == self.marketplace))}
            for claim_id, case_id in wanted:
                c = found.get(claim_id)
                if c is None:
                    result.refused.append(Refusal(claim_id, "not_found", None))
                elif c.status == S.SUBMITTED and c.case is not None and c.case.amazon_case_id == case_id:
                    result.submitted.append(claim_id)  # filed by this batch with a claim of its packet
                elif c.status not in (S.CLAIMABLE, S.DRAFTED):
                    result.refused.append(Refusal(claim_id, "not_claimable", c.status))
                elif c.case is not None and c.case.amazon_case_id not in (None, case_id):
                    result.refused.append(Refusal(claim_id, "filed_elsewhere", c.status))
                else:
                    self._file(s, c, case_id, on)
                    result.submitted.append(claim_id)
        return result

    def record_denial(self, claim_id: int, reason: str, on: date | None = None,
                      reason_code: str | None = None) -> dict[str, Any]:
        """Amazon's denial with its reason as written; ``reason_code`` when the reason was already classified."""
        with self._sessions.begin() as s:
            c = self._claim(s, claim_id)
            resolution.record_denial(s, c, reason, on or clock.today(), reason_code)
            return views.claim_detail(c)

    def draft_appeal(self, claim_id: int, store_conn: WarehouseConnection | None = None) -> dict[str, Any]:
        """An appeal answering the claim's latest denial (saved with the claim), with the seller's Chinese note
        of what it answers, what to attach and where to file it."""
        with self._sessions.begin() as s, self._store(store_conn) as conn:
            c = self._claim(s, claim_id)
            if c.status not in (S.DENIED, S.APPEALED) or not c.denials:
                raise S.TransitionError(f"claim {c.id} is {c.status}: only a denied claim gets an appeal")
            denial = c.denials[-1]
            language, text, polished, result = appeals.draft(c, denial, self.settings, conn)
            a = Appeal(claim_id=c.id, denial_id=denial.id, language=language, text=text, polished=polished,
                       compliance_ok=result.ok, compliance_issues=list(result.issues))
            s.add(a)
            s.flush()
            return {**views.appeal_row(a), "claim_id": c.id, "reason_code": denial.reason_code,
                    "explanation_zh": appeals.explanation_zh(c, denial)}

    def match_reimbursements(self, store_conn: WarehouseConnection | None = None,
                             as_of: date | None = None) -> list[dict[str, Any]]:
        """Match new reimbursement rows of the seller's store to filed claims."""
        with self._store(store_conn) as conn:
            if conn is None:
                return []
            with self._sessions.begin() as s:
                found = resolution.match_reimbursements(s, self.seller_id, self.marketplace, conn, as_of)
                return [{**views.match_row(m), "claim_id": m.claim_id, "status": m.claim.status} for m in found]

    def summary(self) -> money.MoneySummary:
        with self._reads() as s:
            return money.summary(s, self.seller_id, self.marketplace)
