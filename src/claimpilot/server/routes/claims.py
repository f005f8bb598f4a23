"""Claims and their cases: the list with filters, export, detail, packet, and the lifecycle actions."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import Field

from claimpilot import clock
from claimpilot.accounts.roles import allows
from claimpilot.server.answers.claims import Appeal, BatchFiled, ClaimDetail, ClaimPage, Packet
from claimpilot.server.deps import SellerAccess, SellerApprover, SellerContext, SellerOperator, SellerReader
from claimpilot.server.home_node import READS_WAREHOUSE
from claimpilot.server.problems import Problem
from claimpilot.server.schemas import BatchSubmitRequest, DenialRequest, SubmitRequest
from claimpilot.server.workspace import case_service
from claimpilot.tools.cases import spreadsheet
from claimpilot.tools.cases.claims_query import ClaimFilter
from claimpilot.tools.reports.products import store_version
from claimpilot.vocabulary import ClaimStatus, ClaimType

router = APIRouter(prefix="/claims", tags=["claims"])
EXPORT_LIMIT = 100_000
ClaimId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="claim id")]
NOT_FOUND = {404: {"description": "no such claim in this seller account"}}
CONFLICT = {409: {"description": "the claim's status does not allow this"}}


def _filter(type: ClaimType | None, status: list[ClaimStatus] | None, since: date | None,
            until: date | None, q: str | None = None, ids: list[int] | None = None) -> ClaimFilter:
    return ClaimFilter(type=type, status=tuple(status or ()), since=since, until=until, text=q or None,
                       ids=tuple(ids or ()))


TypeQ = Annotated[ClaimType | None, Query(description="claim type")]
StatusQ = Annotated[list[ClaimStatus] | None, Query(description="status (repeat for any of several)")]
SinceQ = Annotated[date | None, Query(description="event date on or after")]
UntilQ = Annotated[date | None, Query(description="event date on or before")]


SortQ = Annotated[Literal["window_closes", "-window_closes", "amount", "-amount", "event_date", "-event_date", "type",
                          "-type", "status", "-status"], Query(description="order ('-' for descending)")]
IdsQ = Annotated[list[Annotated[int, Field(ge=1, le=2**31 - 1)]] | None,
                Query(alias="id", max_length=500, description="only these claims (repeat)")]
SearchQ = Annotated[str | None, Query(max_length=64, description="FNSKU, SKU, reference (order ...) or case id")]


@router.get("", response_model=ClaimPage)
async def list_claims(request: Request, ctx: SellerReader, type: TypeQ = None, status: StatusQ = None,
                      since: SinceQ = None, until: UntilQ = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                      offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0, q: SearchQ = None,
                      sort: SortQ = "window_closes", totals: bool = False) -> Response:
    """Claims, soonest-closing window first (or in ``sort`` order), filtered by type, status, event date and
    ``q`` (an FNSKU, SKU, reference or Amazon case id); ``totals``: the filtered claims' amount per currency.
    Answered from the cache while the seller's claims and reports stand still."""
    flt = _filter(type, status, since, until, q)
    cache = request.app.state.claims_cache
    asked = (ctx.settings.operational_url, ctx.seller_id, ctx.settings.marketplace.upper(), flt, limit, offset, sort,
             totals)
    claims_version = getattr(request.state, "claims_version", None)  # read with the caller's access
    if claims_version is not None:  # a kept answer is served on the loop: no thread, no session
        kept = cache.get(asked, (claims_version, store_version(ctx.settings.warehouse_path(ctx.seller_id))))
        if kept is not None:
            return Response(kept, media_type="application/json")

    def answer() -> bytes:
        svc = case_service(ctx.settings)
        version = (svc.claims_version() if claims_version is None else claims_version, svc.products_version())
        page = svc.claims_page(flt, limit, offset, sort)  # read after the version: a later change is a miss
        body = ClaimPage.model_validate({
            "total": page.total, "limit": limit, "offset": offset, "items": _named(svc, page.items),
            "totals": svc.amount_totals(flt) if totals else None}).model_dump_json().encode()
        cache.put(asked, version, body)
        return body

    return Response(await run_in_threadpool(answer), media_type="application/json")


def _named(svc, claims: list[dict]) -> list[dict]:
    """Claims with the product's ASIN and title as the seller's reports name it (by FNSKU, else SKU)."""
    products = svc.products()
    out = []
    for c in claims:
        found = products.find(c.get("fnsku"), c.get("sku"))
        out.append({**c, "asin": found.asin if found else None, "title": found.title if found else None})
    return out


@router.get("/export", response_class=Response, responses={200: {"content": {
    "text/csv": {}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}})
def export_claims(ctx: SellerAccess, format: Literal["csv", "xlsx"] = "csv", type: TypeQ = None,
                  status: StatusQ = None, since: SinceQ = None, until: UntilQ = None, q: SearchQ = None,
                  sort: SortQ = "window_closes", ids: IdsQ = None) -> Response:
    """The filtered claims table (or only the claims ``id`` names) as CSV or XLSX, in the page's order."""
    svc = case_service(ctx.settings)
    claims = svc.claims_page(_filter(type, status, since, until, q, ids), EXPORT_LIMIT, 0, sort).items
    rows = [spreadsheet.line(c) for c in _named(svc, claims)]
    name = f"claims-{ctx.seller_id}-{clock.today().isoformat()}.{format}"
    if format == "xlsx":
        body, media = spreadsheet.xlsx_bytes(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, media = spreadsheet.csv_bytes(rows), "text/csv; charset=utf-8"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _evidence_rows(ctx: SellerContext, svc, refs: list[dict]) -> list[dict]:
    from claimpilot.tools.cases.evidence import fetch_rows

    conn = svc.store_connection()
    try:
        stored = fetch_rows(conn, [(e["report"], e["file"], int(e["row"])) for e in refs])
    finally:
        if conn is not None:
            conn.close()
    return [{"report": e["report"], "file": e["file"][:12], "row": e["row"],
             **{k: v for k, v in stored.get((e["report"], e["file"], int(e["row"])), {}).items() if v is not None}}
            for e in refs]


def filing_place(claim_type: str, marketplace: str) -> dict:
    """Where a claim of this type is filed in ``marketplace``: the steps in Chinese and the Seller Central help
    page of each path, in the order to try them."""
    from claimpilot.knowledge.answer import HELP_URL
    from claimpilot.tools.cases import policy

    where = policy.filing(claim_type, marketplace)
    return {"zh": where["zh"], "links": [HELP_URL.format(h) for h in dict.fromkeys(where["help"])]}


def _detail(ctx: SellerContext, claim_id: int) -> ClaimDetail:
    from claimpilot.tools.cases import states as S

    svc = case_service(ctx.settings)
    claim = svc.get_claim(claim_id)
    packet = claim.pop("packet")
    status = claim["status"]
    case = None
    if packet:
        where = filing_place(claim["type"], ctx.seller.marketplace)
        case = {**packet, "filing": f"{packet['file_at']} — {packet['how_to_file']}", "filing_zh": where["zh"],
                "filing_links": where["links"]}
    return ClaimDetail.model_validate({
        "claim": {k: v for k, v in claim.items() if k not in ("events", "appeals", "denials", "evidence")},
        "case": case, "events": claim["events"], "denials": claim["denials"], "appeals": claim["appeals"],
        "evidence": _evidence_rows(ctx, svc, claim["evidence"]),
        "can_draft": allows(ctx.role, "operator") and packet is None and status == S.CLAIMABLE,
        "can_submit": allows(ctx.role, "approver") and (S.SUBMITTED in S.ALLOWED.get(status, ())
                                                         or S.APPEALED in S.ALLOWED.get(status, ())),
        "can_deny": allows(ctx.role, "operator") and S.DENIED in S.ALLOWED.get(status, ()),
        "can_appeal": allows(ctx.role, "operator") and status == S.DENIED,
    })


@router.get("/{claim_id}", dependencies=[READS_WAREHOUSE], responses=NOT_FOUND)
def claim_detail(claim_id: ClaimId, ctx: SellerAccess) -> ClaimDetail:
    """One claim: its facts, case packet (text, explanation, where to file), evidence rows, history."""
    return _detail(ctx, claim_id)


@router.post("/{claim_id}/case", dependencies=[READS_WAREHOUSE], responses={**NOT_FOUND, **CONFLICT})
def draft_case(claim_id: ClaimId, ctx: SellerOperator) -> Packet:
    """Draft the case packet holding this claim (a claimable claim), or return the one it has."""
    return case_service(ctx.settings).draft_case(claim_id)


@router.get("/{claim_id}/packet", dependencies=[READS_WAREHOUSE], response_class=Response,
            responses={**NOT_FOUND, 200: {"content": {"application/zip": {}}}})
def packet_zip(claim_id: ClaimId, ctx: SellerAccess) -> Response:
    """The claim's case packet as a zip: case text, Chinese explanation, evidence CSV, README, claims list."""
    case_no, body = case_service(ctx.settings).packet_zip(claim_id)
    return Response(body, media_type="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="packet-{case_no}.zip"'})


@router.post("/submitted")
def mark_batch_submitted(body: BatchSubmitRequest, ctx: SellerApprover) -> BatchFiled:
    """Record several claims as filed with Amazon (approvers only): each under its own ``case_id`` or the
    batch's. Claimable and drafted claims are filed in one transaction; any other claim is refused with its
    reason and status, and left as it was."""
    filed = [(c.id, c.case_id or body.case_id or "") for c in body.claims]
    missing = [i for i, case in filed if not case]
    if missing:
        raise Problem(422, "case_id_missing", claims=", ".join(map(str, missing)))
    done = case_service(ctx.settings).mark_batch_submitted(filed)
    return BatchFiled(submitted=done.submitted, refused=[
        {"claim_id": r.claim_id, "reason": r.reason, "status": r.status} for r in done.refused])


@router.post("/{claim_id}/submitted", dependencies=[READS_WAREHOUSE], responses={**NOT_FOUND, **CONFLICT})
def mark_submitted(claim_id: ClaimId, body: SubmitRequest, ctx: SellerApprover) -> ClaimDetail:
    """Record that the claim's case (or its appeal) was filed with Amazon under ``case_id`` (approvers only)."""
    case_service(ctx.settings).mark_submitted(claim_id, body.case_id)
    return _detail(ctx, claim_id)


@router.post("/{claim_id}/denial", dependencies=[READS_WAREHOUSE], responses={**NOT_FOUND, **CONFLICT})
def record_denial(claim_id: ClaimId, body: DenialRequest, ctx: SellerOperator) -> ClaimDetail:
    """Record Amazon's denial with its reason, as written."""
    case_service(ctx.settings).record_denial(claim_id, body.reason)
    return _detail(ctx, claim_id)


@router.post("/{claim_id}/appeal", dependencies=[READS_WAREHOUSE], responses={**NOT_FOUND, **CONFLICT})
async def draft_appeal(claim_id: ClaimId, ctx: SellerOperator) -> Appeal:
    """An appeal draft answering the latest denial's reason, with the evidence that refutes it."""
    def run() -> dict:
        return case_service(ctx.settings).draft_appeal(claim_id)

    return await run_in_threadpool(run)
