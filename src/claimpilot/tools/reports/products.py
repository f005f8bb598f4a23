"""Product names and ASINs as the seller's own reports give them, by FNSKU and by SKU.

Claims keep the FNSKU and SKU of what was lost; the seller knows the product by its
title and ASIN. The inventory ledger (title, ASIN), customer returns (product name,
ASIN), reimbursements and fee estimates (ASIN) name them; the newest non-empty title
and ASIN seen for an FNSKU (or a SKU) win.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Each report that names products: its table and the SELECT of (fnsku, sku, asin, title, seen) from it.
_SOURCES = {
    "ledger": "SELECT fnsku, msku AS sku, asin, title, CAST(date AS DATE) AS seen FROM ledger",
    "customer_returns": "SELECT fnsku, sku, asin, product_name, CAST(return_date AS DATE) FROM customer_returns",
    "reimbursements": "SELECT fnsku, sku, asin, NULL, CAST(approval_date AS DATE) FROM reimbursements",
    "fee_estimates": "SELECT fnsku, sku, asin, NULL, NULL FROM fee_estimates",
}
_ROWS = """
SELECT upper(trim(fnsku)) AS fnsku, upper(trim(sku)) AS sku, nullif(trim(asin), '') AS asin,
       nullif(trim(title), '') AS title, seen
FROM ({union})
"""

_BY = """
SELECT {key}, arg_max(asin, coalesce(seen, DATE '1970-01-01')) FILTER (WHERE asin IS NOT NULL),
       arg_max(title, coalesce(seen, DATE '1970-01-01')) FILTER (WHERE title IS NOT NULL)
FROM ({rows}) WHERE {key} IS NOT NULL AND {key} <> '' GROUP BY {key}
"""


@dataclass(frozen=True)
class Product:
    asin: str | None
    title: str | None


@dataclass(frozen=True)
class ProductIndex:
    """FNSKU -> product and SKU -> product (keys upper-case)."""

    by_fnsku: dict[str, Product]
    by_sku: dict[str, Product]

    def find(self, fnsku: str | None, sku: str | None) -> Product | None:
        """The product an FNSKU names, else the one its SKU names, else None."""
        found = self.by_fnsku.get((fnsku or "").strip().upper())
        if found is None or found.title is None:
            by_sku = self.by_sku.get((sku or "").strip().upper())
            if by_sku is not None and (found is None or by_sku.title is not None):
                found = Product(found.asin if found and found.asin else by_sku.asin, by_sku.title)
        return found


EMPTY = ProductIndex({}, {})


def store_version(warehouse: Path) -> tuple[int, ...]:
    """The version of a report store as its files tell it (size and modification time of the database and its
    write-ahead log); empty where there is no store."""
    found: list[int] = []
    for path in (warehouse, warehouse.with_name(warehouse.name + ".wal")):  # one stat a file: asked per request
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        found += (stat.st_size, stat.st_mtime_ns)
    return tuple(found)


def product_index(conn: Any) -> ProductIndex:
    """Every product the store's reports name (``conn``: a warehouse connection)."""
    present = {t for (t,) in conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = 'main'").fetchall()}
    union = " UNION ALL ".join(sql for table, sql in _SOURCES.items() if table in present)
    if not union:
        return EMPTY

    def by(key: str) -> dict[str, Product]:
        rows = conn.execute(_BY.format(key=key, rows=_ROWS.format(union=union))).fetchall()
        return {str(k): Product(a, t) for k, a, t in rows if a is not None or t is not None}

    return ProductIndex(by("fnsku"), by("sku"))
