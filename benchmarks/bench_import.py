"""Import speed: ReportStore.import_path against DuckDB's own CSV reader.

Writes (once, cached under benchmarks/out/import/) an inventory ledger and a
settlement flat file in Amazon's layouts, then times, on the same files and in
the same run, (a) DuckDB ``CREATE TABLE AS SELECT * FROM read_csv(file)`` into
a fresh database and (b) a full claimpilot import (hashing, evidence copy,
typing, validation, de-duplication) into a fresh store.
"""

from __future__ import annotations

import resource
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from claimpilot.tools.reports.store import ReportStore

OUT = Path(__file__).resolve().parent / "out" / "import"
SIZES = {"small": (200_000, 700_000), "full": (2_000_000, 7_000_000)}

LEDGER_SQL = """
COPY (
  SELECT
    strftime(DATE '2024-01-01' + CAST(i // 6000 AS INTEGER), '%m/%d/%Y') AS "Date",
    'X00' || lpad(CAST(i % 3000 AS VARCHAR), 7, '0') AS "FNSKU",
    'B0' || lpad(CAST(i % 3000 AS VARCHAR), 8, '0') AS "ASIN",
    'SKU-' || CAST(i % 3000 AS VARCHAR) AS "MSKU",
    'Product ' || CAST(i % 3000 AS VARCHAR) || ' - Stainless Steel Water Bottle, 750 ml' AS "Title",
    ['Shipments', 'CustomerReturns', 'Receipts', 'Adjustments', 'WhseTransfers', 'VendorReturns'][1 + i % 6] AS "Event Type",
    CASE WHEN i % 6 = 0 THEN '11' || lpad(CAST(i % 9 AS VARCHAR), 1, '0') || '-' || lpad(CAST(i AS VARCHAR), 7, '0') || '-' || lpad(CAST(i * 7 % 9999999 AS VARCHAR), 7, '0')
         ELSE CAST(100000000 + i AS VARCHAR) END AS "Reference ID",
    CAST(CASE WHEN i % 6 IN (0, 3, 5) THEN -1 - i % 3 ELSE 1 + i % 12 END AS VARCHAR) AS "Quantity",
    ['PHX7', 'ONT8', 'LGB8', 'MDW2', 'BFI4'][1 + i % 5] AS "Fulfillment Center",
    ['SELLABLE', 'SELLABLE', 'SELLABLE', 'CUSTOMER_DAMAGED', 'WAREHOUSE_DAMAGED', 'DEFECTIVE'][1 + i % 6] AS "Disposition",
    CASE WHEN i % 6 = 3 THEN ['M', 'F', '6', 'E', 'Q', 'P'][1 + i % 6] ELSE '' END AS "Reason",
    'US' AS "Country",
    CASE WHEN i % 6 = 3 THEN CAST(i % 2 AS VARCHAR) ELSE '' END AS "Reconciled Quantity",
    CASE WHEN i % 6 = 3 THEN CAST(1 - i % 2 AS VARCHAR) ELSE '' END AS "Unreconciled Quantity"
  FROM range({n}) t(i)
) TO '{path}' (DELIMITER '\t', HEADER, QUOTE '')
"""

SETTLEMENT_SQL = """
COPY (
  SELECT
    CAST(11000000000 + i // 50000 AS VARCHAR) AS "settlement-id",
    '' AS "settlement-start-date", '' AS "settlement-end-date", '' AS "deposit-date", '' AS "total-amount", '' AS "currency",
    ['Order', 'Order', 'Order', 'Refund', 'ServiceFee', 'other-transaction'][1 + i % 6] AS "transaction-type",
    '1' || lpad(CAST(i % 900 AS VARCHAR), 2, '0') || '-' || lpad(CAST(i // 7 AS VARCHAR), 7, '0') || '-' || lpad(CAST(i // 7 * 13 % 9999999 AS VARCHAR), 7, '0') AS "order-id",
    '' AS "merchant-order-id", '' AS "adjustment-id", '' AS "shipment-id",
    'Amazon.com' AS "marketplace-name",
    ['ItemPrice', 'ItemFees', 'ItemFees', 'Promotion', 'ItemPrice', 'ItemWithheldTax', 'ItemFees'][1 + i % 7] AS "amount-type",
    ['Principal', 'FBAPerUnitFulfillmentFee', 'Commission', 'Shipping', 'Tax', 'MarketplaceFacilitatorTax-Principal', 'RefundCommission'][1 + i % 7] AS "amount-description",
    printf('%.2f', CASE WHEN i % 7 IN (0, 4) THEN 5 + (i * 37 % 5000) / 100.0 ELSE -(0.5 + (i * 11 % 900) / 100.0) END) AS "amount",
    'AFN' AS "fulfillment-id",
    strftime(DATE '2024-01-01' + CAST(i // 20000 AS INTEGER), '%Y-%m-%d') AS "posted-date",
    strftime(TIMESTAMP '2024-01-01 00:00:00' + to_seconds(CAST(i * 4.3 AS BIGINT)), '%Y-%m-%d %H:%M:%S UTC') AS "posted-date-time",
    CAST(50000000000000 + i AS VARCHAR) AS "order-item-code",
    '' AS "merchant-order-item-id", '' AS "merchant-adjustment-item-id",
    'SKU-' || CAST(i % 3000 AS VARCHAR) AS "sku",
    CAST(1 + i % 3 AS VARCHAR) AS "quantity-purchased",
    '' AS "promotion-id"
  FROM range({n}) t(i)
) TO '{path}' (DELIMITER '\t', HEADER, QUOTE '')
"""


def _files(scale: str) -> dict[str, tuple[Path, int]]:
    ledger_n, settlement_n = SIZES[scale]
    folder = OUT / scale
    folder.mkdir(parents=True, exist_ok=True)
    files = {"ledger": (folder / "ledger.tsv", ledger_n), "settlement": (folder / "settlement.tsv", settlement_n)}
    with duckdb.connect() as con:
        for name, (path, n) in files.items():
            if not path.exists():
                sql = LEDGER_SQL if name == "ledger" else SETTLEMENT_SQL
                tmp = path.with_suffix(".part")
                con.execute(sql.format(n=n, path=tmp))
                tmp.rename(path)
    return files


def _duckdb_baseline(path: Path, work: Path) -> float:
    """read_csv with type auto-detection; the US date order is told (it guesses DD/MM from January rows)."""
    started = time.perf_counter()
    with duckdb.connect(str(work / "baseline.duckdb")) as con:
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', dateformat='%m/%d/%Y')")
    return time.perf_counter() - started


def _claimpilot(path: Path, work: Path) -> tuple[float, int]:
    store = ReportStore(work / "warehouse.duckdb", work / "evidence")
    started = time.perf_counter()
    result = store.import_path(path)
    elapsed = time.perf_counter() - started
    if result.files[0].kind == "ledger":  # row numbers must follow the file (Reference ID = 100000000 + line)
        with store.connect() as con:
            off = con.execute(
                "SELECT count(*) FROM ledger WHERE event_type <> 'Shipments' "
                "AND CAST(reference_id AS BIGINT) - 100000000 <> _row - 2"
            ).fetchone()[0]
        if off:
            raise RuntimeError(f"{off} ledger rows carry the wrong row number")
    return elapsed, result.rows_added


def run(scale: str) -> list[dict]:
    results: list[dict] = []
    for name, (path, n) in _files(scale).items():
        with tempfile.TemporaryDirectory(dir=OUT) as tmp:
            work = Path(tmp)
            base_s = _duckdb_baseline(path, work)
            ours_s, added = _claimpilot(path, work)
            if added != n:
                raise RuntimeError(f"{name}: imported {added} rows of {n}")
            ours, base = n / ours_s, n / base_s
            results.append({
                "benchmark": "import", "metric": f"{name} import rows/s", "value": ours, "unit": "rows/s",
                "baseline": base, "ratio": ours / base,
                "note": f"{n:,} rows, {path.stat().st_size / 1e6:,.0f} MB; ours {ours_s:.1f} s, duckdb read_csv {base_s:.1f} s",
            })
            shutil.rmtree(work, ignore_errors=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.append({"benchmark": "import", "metric": "peak RSS", "value": peak_mb, "unit": "MB", "note": "whole benchmark process"})
    return results


if __name__ == "__main__":
    for row in run("small"):
        print(row)
