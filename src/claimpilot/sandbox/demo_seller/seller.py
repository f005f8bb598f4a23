"""The demo seller: one deterministic timeline, viewed as of a date."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path

import numpy as np

from claimpilot.tools.reports.kinds import KINDS

from . import layouts, money, removal_layouts
from .catalog import build_catalog
from .injection import fee_products, inject
from .model import ANCHOR, END, World
from .scenarios import Scenario
from .scenarios_second import SecondWave
from .timeline import background
from .transactions import transaction_report
from .truth import Truth

WRITES = ("ledger", "reimbursements", "customer_returns", "fee_estimates", "orders", "settlement", "removal_orders",
          "inbound_items", "products", "removal_shipments", "removal_receipts", "transactions")
"""The report kinds the demo seller writes (write() below)."""
DEFAULT_AS_OF = ANCHOR
MIN_SKUS = 80
EVENT_KINDS = ("ledger", "reimbursements", "customer_returns", "settlement")


def _tsv(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    out = ["\t".join(header)] + ["\t".join(r) for r in rows]
    return ("\n".join(out) + "\n").encode("utf-8")


def _csv(header: tuple[str, ...], rows: list[list[str]], quote_all: bool) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _between(rows: list[layouts.Row], as_of: date, start: date | None, end: date | None) -> list[list[str]]:
    return [r for d, r in rows if d <= as_of and (start is None or d >= start) and (end is None or d <= end)]


@dataclass
class DemoSeller:
    """A seller's year as Amazon's reports, the Inbound and Finances APIs, and the truth, as of ``as_of``."""

    seed: int
    as_of: date
    marketplace: str
    world: World
    scenarios: list[Scenario | SecondWave]
    _events: dict[str, list[layouts.Row]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._events = {"ledger": layouts.ledger_rows(self.world),
                        "reimbursements": layouts.reimbursement_rows(self.world),
                        "customer_returns": layouts.return_rows(self.world)}

    @cached_property
    def _postings(self) -> list[money.Posting]:
        return money.postings(self.world, money.all_lines(self.world))

    @cached_property
    def _orders(self) -> list[layouts.OrderLine]:
        return layouts.order_lines(self.world)

    @property
    def history_start(self) -> date:
        """The first day any of the seller's event reports has a row for."""
        return min(d for rows in self._events.values() for d, _ in rows)

    # reports ------------------------------------------------------------------------------------
    def report(self, kind: str, start: date | None = None, end: date | None = None) -> bytes:
        """One report in Amazon's raw layout, rows filtered to [start, end] by the kind's date column."""
        if kind not in KINDS:
            raise KeyError(f"unknown report kind {kind!r}; known: {', '.join(KINDS)}")
        a = self.as_of
        if kind == "ledger":
            return _csv(layouts.LEDGER, _between(self._events["ledger"], a, start, end), quote_all=True)
        if kind == "reimbursements":
            return _tsv(layouts.REIMBURSEMENTS, _between(self._events[kind], a, start, end))
        if kind == "customer_returns":
            return _tsv(layouts.CUSTOMER_RETURNS, _between(self._events[kind], a, start, end))
        if kind == "orders":
            return _tsv(layouts.ORDERS, _between(layouts.order_rows(self._orders, a), a, start, end))
        if kind == "removal_orders":
            return _tsv(layouts.REMOVAL_ORDERS, _between(layouts.removal_rows(self.world, a), a, start, end))
        if kind == "settlement":
            files = money.settlement_files(self.world, self._postings, a, start, end)
            return _tsv(money.SETTLEMENT, [r for rows in files.values() for r in rows])
        if kind == "fee_estimates":
            return _tsv(layouts.FEE_ESTIMATES, layouts.fee_rows(self.world))
        if kind == "transactions":
            return transaction_report(self._postings, a, start, end)
        if kind == "inbound_items":
            return _csv(layouts.INBOUND_ITEMS, layouts.inbound_rows(self.world, a), quote_all=False)
        if kind == "removal_shipments":
            return _tsv(removal_layouts.REMOVAL_SHIPMENTS,
                        _between(removal_layouts.shipment_rows(self.world, a), a, start, end))
        if kind == "removal_receipts":
            return _csv(removal_layouts.REMOVAL_RECEIPTS, removal_layouts.receipt_rows(self.world, a), quote_all=False)
        return _csv(layouts.PRODUCTS, layouts.product_rows(self.world), quote_all=False)

    def settlement_reports(self, start: date | None = None, end: date | None = None) -> list[tuple[str, bytes]]:
        """Each settlement period as its own v2 flat file: (settlement id, bytes)."""
        files = money.settlement_files(self.world, self._postings, self.as_of, start, end)
        return [(sid, _tsv(money.SETTLEMENT, rows)) for sid, rows in files.items()]

    # APIs ------------------------------------------------------------------------------------------
    def inbound_shipments(self) -> list[dict]:
        """FBA Inbound v0 getShipments members, as they stand at as_of."""
        out = []
        for s in self.world.shipments:
            if s.created > self.as_of:
                continue
            out.append({"ShipmentId": s.shipment_id, "ShipmentName": s.name, "ShipmentStatus": s.status(self.as_of),
                        "DestinationFulfillmentCenterId": s.fc, "LabelPrepType": "SELLER_LABEL", "AreCasesRequired": True,
                        "BoxContentsSource": "FEED",
                        "ShipFromAddress": {"Name": "Shenzhen Warehouse", "AddressLine1": "88 Bantian Road",
                                            "City": "Shenzhen", "StateOrProvinceCode": "GD", "CountryCode": "CN",
                                            "PostalCode": "518129"}})
        return out

    def inbound_items(self, shipment_id: str) -> list[dict]:
        """FBA Inbound v0 getShipmentItems members of one shipment, as they stand at as_of."""
        for s in self.world.shipments:
            if s.shipment_id == shipment_id and s.created <= self.as_of:
                return [{"ShipmentId": s.shipment_id, "SellerSKU": i.product.sku, "FulfillmentNetworkSKU": i.product.fnsku,
                         "QuantityShipped": i.shipped, "QuantityReceived": i.received_by(self.as_of),
                         "QuantityInCase": i.in_case} for i in s.items]
        raise KeyError(f"no inbound shipment {shipment_id!r}")

    def financial_events(self, posted_after: datetime, posted_before: datetime) -> dict:
        """Finances v0 FinancialEvents payload for [posted_after, posted_before)."""
        return money.financial_events(self.world, self.as_of, posted_after, posted_before)

    # files and truth -----------------------------------------------------------------------------
    def write(self, folder: Path) -> list[Path]:
        """Every report as a file with a download-like name; returns the paths written."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        ids = self.world.report_ids
        names = {"ledger": f"{ids['ledger']}.csv", "reimbursements": f"{ids['reimbursements']}.txt",
                 "customer_returns": f"{ids['customer_returns']}.txt", "fee_estimates": f"{ids['fee_estimates']}.txt",
                 "orders": f"{ids['orders']}.txt", "removal_orders": f"{ids['removal_orders']}.txt",
                 "inbound_items": f"Shipments_{self.as_of:%Y%m%d}.csv", "products": "products.csv",
                 "removal_shipments": f"{ids['removal_shipments']}.txt", "removal_receipts": "removal_receipts.csv",
                 "transactions": f"{self.as_of:%Y%b%-d}CustomTransaction.csv"}
        paths = []
        for kind, name in names.items():
            path = folder / name
            path.write_bytes(self.report(kind))
            paths.append(path)
        for sid, data in self.settlement_reports():
            path = folder / f"{sid}.txt"
            path.write_bytes(data)
            paths.append(path)
        return paths

    @property
    def truth(self) -> Truth:
        t = Truth(self.as_of)
        for s in self.scenarios:
            found, decoys = s.evaluate(self.world, self.as_of)
            t.findings.extend(found)
            t.decoys.extend(decoys)
        return t


def generate(seed: int = 7, as_of: date = DEFAULT_AS_OF, skus: int = 300, marketplace: str = "US") -> DemoSeller:
    """A deterministic seller: the same seed gives the same timeline whatever ``as_of``."""
    if marketplace != "US":
        raise ValueError(f"the demo seller sells on the US marketplace only, not {marketplace!r}")
    if skus < MIN_SKUS:
        raise ValueError(f"a demo seller needs at least {MIN_SKUS} SKUs, got {skus}")
    rng = random.Random(seed)
    products = build_catalog(rng, skus)
    world = World(rng, products)
    fee_cases = fee_products(rng, products)
    no_cost = products[len(fee_cases)]
    no_cost.unit_cost, no_cost.popularity = None, max(no_cost.popularity, 1.5)
    background(world, np.random.default_rng(seed), {no_cost.sku})
    scenarios = inject(world, fee_cases, no_cost)
    for k in range(money.period(END + timedelta(days=money.PERIOD_DAYS)) + 1):  # refunds post a few days after END
        money.settlement_id(world, k)
    for kind in ("ledger", "reimbursements", "customer_returns", "fee_estimates", "orders", "removal_orders",
                 "removal_shipments"):
        world.report_ids[kind] = world.number(11)
    return DemoSeller(seed, as_of, marketplace, world, scenarios)
