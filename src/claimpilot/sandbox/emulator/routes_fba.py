"""FBA Inbound v0 (getShipments, getShipmentItemsByShipmentId) and
Finances v0 (listFinancialEvents)."""

from __future__ import annotations

import base64
import json
from collections import OrderedDict
from datetime import datetime, timedelta

from fastapi import APIRouter, Request

from claimpilot import clock
from claimpilot.tools.reports.fetch.limits import FINANCES_MAX_RANGE_DAYS

from .routes_reports import parse_time
from .state import error_body

SHIPMENT_STATUSES = {
    "WORKING", "READY_TO_SHIP", "SHIPPED", "RECEIVING", "CANCELLED", "DELETED",
    "CLOSED", "ERROR", "IN_TRANSIT", "DELIVERED", "CHECKED_IN",
}


def _token(data: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


def _untoken(token: str):
    return json.loads(base64.urlsafe_b64decode(token.encode()))


def router(state) -> APIRouter:
    api = APIRouter()
    cache: OrderedDict[tuple[datetime, datetime], tuple[list[str], list]] = OrderedDict()

    def _events(after: datetime, before: datetime) -> tuple[list[str], list[tuple[str, dict]]]:
        """The range's events, flattened once and kept while its pages are read."""
        key = (after, before)
        if key not in cache:
            events = state.source.financial_events(after, before) or {}
            cache[key] = (list(events), [(name, e) for name in sorted(events) for e in events[name]])
            while len(cache) > 8:
                cache.popitem(last=False)
        return cache[key]

    @api.get("/fba/inbound/v0/shipments")
    async def get_shipments(request: Request):
        op = "getShipments"
        denied = await state.gate(op, request)
        if denied:
            return denied
        q = request.query_params
        query_type = q.get("QueryType")
        if not q.get("MarketplaceId"):
            return state.answer(op, 400, error_body(400, "MarketplaceId is required."))
        if query_type == "NEXT_TOKEN":
            try:
                statuses, ids, offset = _untoken(q.get("NextToken") or "")
            except ValueError:
                return state.answer(op, 400, error_body(400, "Invalid NextToken."))
        elif query_type in ("SHIPMENT", "DATE_RANGE"):
            statuses = [s for s in (q.get("ShipmentStatusList") or "").split(",") if s]
            ids = [s for s in (q.get("ShipmentIdList") or "").split(",") if s]
            if not statuses and not ids:
                return state.answer(op, 400, error_body(400, "ShipmentStatusList or ShipmentIdList is required."))
            unknown = set(statuses) - SHIPMENT_STATUSES
            if unknown:
                return state.answer(op, 400, error_body(400, f"Invalid ShipmentStatus: {sorted(unknown)}"))
            offset = 0
        else:
            return state.answer(op, 400, error_body(400, "QueryType must be SHIPMENT, DATE_RANGE or NEXT_TOKEN."))
        found = [
            s for s in state.source.inbound_shipments()
            if (not statuses or s.get("ShipmentStatus") in statuses)
            and (not ids or s.get("ShipmentId") in ids)
        ]
        page = found[offset : offset + state.page_size]
        payload: dict = {"ShipmentData": page}
        if offset + state.page_size < len(found):
            payload["NextToken"] = _token([statuses, ids, offset + state.page_size])
        return state.answer(op, 200, {"payload": payload})

    @api.get("/fba/inbound/v0/shipments/{shipment_id}/items")
    async def get_shipment_items(shipment_id: str, request: Request):
        op = "getShipmentItemsByShipmentId"
        denied = await state.gate(op, request)
        if denied:
            return denied
        if not request.query_params.get("MarketplaceId"):
            return state.answer(op, 400, error_body(400, "MarketplaceId is required."))
        known = {s.get("ShipmentId") for s in state.source.inbound_shipments()}
        if shipment_id not in known:
            return state.answer(op, 400, error_body(400, f"Shipment {shipment_id} not found."))
        offset = 0
        if request.query_params.get("NextToken"):
            try:
                offset = int(_untoken(request.query_params["NextToken"]))
            except ValueError:
                return state.answer(op, 400, error_body(400, "Invalid NextToken."))
        items = state.source.inbound_items(shipment_id)
        payload: dict = {"ItemData": items[offset : offset + state.page_size]}
        if offset + state.page_size < len(items):
            payload["NextToken"] = _token(offset + state.page_size)
        return state.answer(op, 200, {"payload": payload})

    @api.get("/finances/v0/financialEvents")
    async def list_financial_events(request: Request):
        op = "listFinancialEvents"
        denied = await state.gate(op, request)
        if denied:
            return denied
        q = request.query_params
        per_page = min(100, int(q.get("MaxResultsPerPage") or 100), state.page_size)
        if q.get("NextToken"):
            try:
                after, before, offset = _untoken(q["NextToken"])
                after, before = datetime.fromisoformat(after), datetime.fromisoformat(before)
            except ValueError:
                return state.answer(op, 400, error_body(400, "Invalid NextToken."))
        else:
            try:
                after = parse_time(q.get("PostedAfter"))
                before = parse_time(q.get("PostedBefore")) or clock.now_utc() - timedelta(minutes=2)
            except ValueError as exc:
                return state.answer(op, 400, error_body(400, f"Invalid date: {exc}"))
            if after is None:
                return state.answer(op, 400, error_body(400, "PostedAfter is required."))
            if before <= after:
                return state.answer(op, 400, error_body(400, "PostedBefore must be after PostedAfter."))
            if before - after > timedelta(days=FINANCES_MAX_RANGE_DAYS):
                return state.answer(op, 400, error_body(
                    400, f"Date range between PostedAfter and PostedBefore must be less than {FINANCES_MAX_RANGE_DAYS} days."))
            offset = 0
        names, flat = _events(after, before)
        page: dict[str, list] = {name: [] for name in names}
        for name, event in flat[offset : offset + per_page]:
            page[name].append(event)
        payload: dict = {"FinancialEvents": page}
        if offset + per_page < len(flat):
            payload["NextToken"] = _token([after.isoformat(), before.isoformat(), offset + per_page])
        return state.answer(op, 200, {"payload": payload})

    return api
