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
    title_zh: str
    reason_zh: str

    def matches(self, folded: set[str]) -> bool:
        return all(fold(c) in folded for c in self.signature)


KNOWN_REPORTS: tuple[KnownReport, ...] = (
    KnownReport(
        "Manage FBA Inventory",
        "it holds today's stock only; the audit reads the Inventory Ledger's detailed view for what happened to units",
        ("afn-fulfillable-quantity", "afn-inbound-shipped-quantity", "afn-reserved-quantity"),
        "管理亚马逊库存",
        "它只有当天的库存；审计读取库存分类账的详细视图，才能看到每件货发生了什么",
    ),
    KnownReport(
        "Inventory Ledger, summary view",
        "it holds daily or monthly totals per product; lost and damaged units need the Inventory Ledger's "
        "detailed view (Reports > Fulfillment > Inventory Ledger > Detailed view)",
        ("Starting Warehouse Balance", "Ending Warehouse Balance", "Disposition"),
        "库存分类账（汇总视图）",
        "它只有每个商品每天或每月的合计；丢失和损坏的件数需要库存分类账的详细视图"
        "（报告 > 亚马逊物流 > 库存分类账 > 详细视图）",
    ),
    KnownReport(
        "Inventory adjustments (retired report)",
        "the Inventory Ledger's detailed view holds the same adjustments with their reference ids; download it "
        "for the dates this file covers",
        ("adjusted-date", "transaction-item-id", "fulfillment-center-id", "reason"),
        "库存调整（已停用的报告）",
        "库存分类账的详细视图含有同样的调整和参考编号；请下载这个文件所覆盖日期的分类账",
    ),
    KnownReport(
        "Received inventory (retired report)",
        "received units are read from the Inventory Ledger's detailed view (Receipts) and from inbound shipments",
        ("received-date", "fba-shipment-id", "fulfillment-center-id", "quantity"),
        "已接收库存（已停用的报告）",
        "收到的件数从库存分类账的详细视图（接收）和入库货件中读取",
    ),
    KnownReport(
        "Inventory event detail (retired report)",
        "the Inventory Ledger's detailed view replaced it; download the ledger for the dates this file covers",
        ("snapshot-date", "transaction-type", "fulfillment-center-id", "disposition"),
        "库存事件详情（已停用的报告）",
        "它已被库存分类账的详细视图取代；请下载这个文件所覆盖日期的分类账",
    ),
    KnownReport(
        "FBA storage fees",
        "storage fees are not part of any claim rule yet",
        ("estimated-monthly-storage-fee", "fnsku"),
        "亚马逊物流仓储费",
        "仓储费目前不属于任何索赔规则",
    ),
    KnownReport(
        "Active listings",
        "listings do not show money Amazon owes",
        ("listing-id", "seller-sku", "open-date"),
        "在售商品报告",
        "商品信息不反映亚马逊欠你的钱",
    ),
)


def identify(header: list[str]) -> KnownReport | None:
    """The known report whose columns this header carries, if any."""
    folded = {fold(h) for h in header}
    return next((r for r in KNOWN_REPORTS if r.matches(folded)), None)
