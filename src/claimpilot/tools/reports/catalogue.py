"""Amazon reports a seller downloads that claimpilot recognises but does not load.

A folder of downloads holds more than the reports the audit reads. A file whose
header matches none of ``kinds.KINDS`` is looked up here so the seller is told
what it is and why it is not needed (and which report to download instead),
rather than "not a known report". Matching uses the same folded header names
as ``kinds``; every column of an entry's ``signature`` must be present.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimpilot.tools.reports.kinds import fold


@dataclass(frozen=True)
class KnownReport:
    title: str
    reason: str
    signature: tuple[str, ...]

    def matches(self, folded: set[str]) -> bool:
        return all(fold(c) in folded for c in self.signature)


KNOWN_REPORTS: tuple[KnownReport, ...] = (
    KnownReport(
        "Manage FBA Inventory",
        "it holds today's stock only; the audit reads the Inventory Ledger's detailed view for what happened to units",
        ("afn-fulfillable-quantity", "afn-inbound-shipped-quantity", "afn-reserved-quantity"),
    ),
    KnownReport(
        "Inventory Ledger, summary view",
        "it holds daily or monthly totals per product; lost and damaged units need the Inventory Ledger's "
        "detailed view (Reports > Fulfillment > Inventory Ledger > Detailed view)",
        ("Starting Warehouse Balance", "Ending Warehouse Balance", "Disposition"),
    ),
    KnownReport(
        "Inventory adjustments (retired report)",
        "the Inventory Ledger's detailed view holds the same adjustments with their reference ids; download it "
        "for the dates this file covers",
        ("adjusted-date", "transaction-item-id", "fulfillment-center-id", "reason"),
    ),
    KnownReport(
        "Received inventory (retired report)",
        "received units are read from the Inventory Ledger's detailed view (Receipts) and from inbound shipments",
        ("received-date", "fba-shipment-id", "fulfillment-center-id", "quantity"),
    ),
    KnownReport(
        "Inventory event detail (retired report)",
        "the Inventory Ledger's detailed view replaced it; download the ledger for the dates this file covers",
        ("snapshot-date", "transaction-type", "fulfillment-center-id", "disposition"),
    ),
    KnownReport(
        "FBA storage fees",
        "storage fees are not part of any claim rule yet",
        ("estimated-monthly-storage-fee", "fnsku"),
    ),
    KnownReport(
        "Active listings",
        "listings do not show money Amazon owes",
        ("listing-id", "seller-sku", "open-date"),
    ),
)


def identify(header: list[str]) -> KnownReport | None:
    """The known report whose columns this header carries, if any."""
    folded = {fold(h) for h in header}
    return next((r for r in KNOWN_REPORTS if r.matches(folded)), None)
