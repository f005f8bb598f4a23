"""A large seller's reports, written fast for benchmarks (DuckDB COPY over generated ranges).

The same raw layouts as the demo seller, at millions of rows: FNSKUs and SKUs
shared across reports, refunds of real orders, returns for most refunds, and
some losses (unreturned refunds, misplaced and damaged units, short inbound
shipments, dearer fee tiers, reimbursements below cost). No truth is kept:
this data measures speed, the demo seller measures correctness.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from claimpilot.sandbox.demo_seller import layouts, money, removal_layouts, transactions

DAY0 = "2025-11-27"
DAYS = 365
CHUNK_ROWS = 500_000  # rows sorted at a time for the big ordered files


def _cols(header: tuple[str, ...], exprs: list[str]) -> str:
    assert len(header) == len(exprs), (len(header), len(exprs))
    exprs = ["NULL::VARCHAR" if e == "''" else e for e in exprs]  # an empty cell, unquoted
    return ",\n  ".join(f"{e} AS \"{h}\"" for h, e in zip(header, exprs, strict=False))


def _h(expr: str, salt: int) -> str:
    """A deterministic pseudo-random UBIGINT from ``expr``."""
    return f"hash({expr}, {salt})"


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, csv: bool = False, header: bool = True) -> None:
    opts = "DELIMITER ',', FORCE_QUOTE *" if csv else "DELIMITER '\t'"
    con.execute(f"COPY ({select}) TO '{path}' (FORMAT csv, HEADER {str(header).lower()}, {opts})")


def _copy_in_order(con: duckdb.DuckDBPyConnection, select: str, order: tuple[str, ...], first: int, stop: int,
                   path: Path, csv: bool = False, step: int = CHUNK_ROWS) -> None:
    """COPY ``select`` ORDER BY its ``order`` columns (left out of the file) into one file, a range of
    the first of them at a time: each range is a small sort of its own, and the ranges follow each
    other in order. One global ORDER BY of millions of wide rows would not fit in the memory cap."""
    part = path.with_name(path.name + ".part")
    key, cols = order[0], ", ".join(order)
    with open(path, "wb") as out:
        for lo in range(first, stop, step):
            _copy(con, f"SELECT * EXCLUDE ({cols}) FROM ({select}) WHERE {key} >= {lo} AND {key} < {lo + step} "
                       f"ORDER BY {cols}", part, csv, header=lo == first)
            with open(part, "rb") as chunk:
                shutil.copyfileobj(chunk, out, 1 << 20)
    part.unlink()


def write_large_seller(folder: Path, ledger_rows: int = 2_000_000, settlement_rows: int = 7_000_000,
                       order_rows: int = 1_700_000, seed: int = 1) -> dict[str, Path]:
    """Write every report kind of a large seller into ``folder``; returns kind -> path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n_products = max(200, order_rows // 80)
    spill = folder / ".duckdb_spill"
    con = duckdb.connect()
    con.execute("SET memory_limit = '1GB'")  # sorts of the biggest files spill to disk instead
    con.execute(f"SET temp_directory = '{spill}'")
    con.execute("SET threads TO 2")
    con.execute("SET enable_progress_bar = false")
    s = seed
    con.execute(f"""
        CREATE TABLE p AS SELECT i AS p, 'LS-' || lpad(i::VARCHAR, 6, '0') AS sku,
          'X00' || upper(substr(md5(i::VARCHAR || '{s}f'), 1, 7)) AS fnsku,
          'B0' || upper(substr(md5(i::VARCHAR || '{s}a'), 1, 8)) AS asin,
          'Product ' || i AS title,
          10 + ({_h('i', s)} % 40) + 0.99 AS price,
          round((10 + ({_h('i', s)} % 40) + 0.99) * 0.3, 2) AS unit_cost,
          CASE WHEN i % 3 = 0 THEN 'LS' ELSE 'SS' END AS tier,
          i % 97 = 5 AS overcharged
        FROM range({n_products}) t(i)""")
    con.execute(f"""
        CREATE TABLE o AS SELECT i AS o,
          printf('1%02d-%07d-%07d', 11 + i % 4, {_h('i', s + 1)} % 10000000, i) AS order_id,
          (floor({n_products} * pow(({_h('i', s + 2)} % 1000000) / 1e6, 2)))::BIGINT AS p,
          1 + ({_h('i', s + 3)} % 100 >= 88)::INT AS qty,
          TIMESTAMP '{DAY0}' + to_seconds((i * {DAYS * 86400} // {order_rows})::BIGINT) AS purchased
        FROM range({order_rows}) t(i)""")
    out: dict[str, Path] = {}
    out["products"] = folder / "products.csv"
    _copy(con, """SELECT sku, CASE tier WHEN 'SS' THEN 9.0 ELSE 14.0 END AS length,
        CASE tier WHEN 'SS' THEN 6.0 ELSE 10.0 END AS width, CASE tier WHEN 'SS' THEN 0.5 ELSE 4.0 END AS height,
        'in' AS dimension_unit, CASE tier WHEN 'SS' THEN 9 ELSE 2 END AS weight,
        CASE tier WHEN 'SS' THEN 'oz' ELSE 'lb' END AS weight_unit, unit_cost, 'USD' AS currency FROM p ORDER BY p""",
          out["products"])

    fee_tier = "CASE WHEN tier = 'SS' AND NOT overcharged THEN 'Small standard' ELSE 'Large standard' END"
    fee = "CASE WHEN tier = 'SS' AND NOT overcharged THEN 3.43 WHEN tier = 'SS' THEN 4.15 ELSE 6.92 + 0.08 * 5 END"
    out["fee_estimates"] = folder / "fee_estimates_large.txt"
    _copy(con, f"""SELECT {_cols(layouts.FEE_ESTIMATES, [
        'sku', 'fnsku', 'asin', "'US'", 'title', "'Home'", "'Generic'", "'Amazon'", 'price', 'price',
        "CASE tier WHEN 'SS' THEN 9 ELSE 14 END", "CASE tier WHEN 'SS' THEN 6 ELSE 10 END",
        "CASE WHEN tier = 'SS' AND NOT overcharged THEN 0.5 WHEN tier = 'SS' THEN 1.0 ELSE 4 END",
        "CASE tier WHEN 'SS' THEN 22 ELSE 42 END", "'inches'", "CASE tier WHEN 'SS' THEN 0.56 ELSE 2 END", "'pounds'",
        fee_tier, "'USD'", f'round(price * 0.15 + {fee}, 2)', 'round(price * 0.15, 2)', "'0.00'", "'0.00'", "''", "''",
        f'round({fee}, 2)'])} FROM p ORDER BY p""", out["fee_estimates"])

    iso = "strftime({}, '%Y-%m-%dT%H:%M:%S+00:00')"
    out["orders"] = folder / "all_orders_large.txt"
    _copy_in_order(con, f"""SELECT {_cols(layouts.ORDERS, [
        'order_id', 'order_id', iso.format('purchased'), iso.format("purchased + INTERVAL 20 HOUR"), "'Shipped'",
        "'Amazon'", "'Amazon.com'", "''", "''", "'Expedited'", 'title', 'sku', 'asin', "'Shipped'", 'qty', "'USD'",
        'round(price * qty, 2)', 'round(price * qty * 0.08, 2)', "''", "''", "''", "''", "''", "''", "'AUSTIN'", "'TX'",
        "'78701'", "'US'", "''", "'false'", "''", "''"])}, o AS _o FROM o JOIN p USING (p)""", ("_o",), 0,
                   order_rows, out["orders"])

    # settlement: groups of five rows, one order (or, every 25th group, a refund of an earlier order)
    groups = settlement_rows // 5
    con.execute(f"""CREATE TABLE g AS SELECT i AS g, i % 25 = 0 AS refund,
        CASE WHEN i % 25 = 0 THEN (i * 13) % {order_rows} ELSE i % {order_rows} END AS o FROM range({groups}) t(i)""")
    posted = "(o.purchased + INTERVAL 1 DAY + CASE WHEN g.refund THEN INTERVAL 12 DAY ELSE INTERVAL 0 DAY END)"
    amount = """CASE k WHEN 0 THEN s * round(price * qty, 2) WHEN 1 THEN s * round(price * qty * 0.08, 2)
        WHEN 2 THEN CASE WHEN refund THEN round(price * qty * 0.15, 2) ELSE -3.43 * qty END
        WHEN 3 THEN CASE WHEN refund THEN -round(price * qty * 0.03, 2) ELSE -round(price * qty * 0.15, 2) END
        ELSE -s * round(price * qty * 0.08, 2) END"""
    desc = """CASE k WHEN 0 THEN 'Principal' WHEN 1 THEN 'Tax' WHEN 2 THEN CASE WHEN refund THEN 'Commission'
        ELSE 'FBAPerUnitFulfillmentFee' END WHEN 3 THEN CASE WHEN refund THEN 'RefundCommission' ELSE 'Commission' END
        ELSE 'MarketplaceFacilitatorTax-Principal' END"""
    atype = "CASE k WHEN 0 THEN 'ItemPrice' WHEN 1 THEN 'ItemPrice' WHEN 4 THEN 'ItemWithheldTax' ELSE 'ItemFees' END"
    con.execute(f"""CREATE VIEW srows AS SELECT g.g, k, g.refund, o.order_id, p.sku, o.qty, p.price,
        CASE WHEN g.refund THEN -1 ELSE 1 END AS s, {posted} AS posted,
        1000000000 + (date_diff('day', TIMESTAMP '{DAY0}', {posted}) // 14) AS sid
        FROM g JOIN o ON g.o = o.o JOIN p ON o.p = p.p, range(5) r(k)""")
    summary = ["(SELECT min(sid) FROM srows)::VARCHAR", "'2025-11-27 07:18:25 UTC'", "'2026-12-11 07:18:25 UTC'",
               "'2026-12-12 07:18:25 UTC'", "'0.00'", "'USD'"] + ["''"] * (len(money.SETTLEMENT) - 6)
    rows = ["sid::VARCHAR", "''", "''", "''", "''", "''", "CASE WHEN refund THEN 'Refund' ELSE 'Order' END", 'order_id',
            'order_id', "CASE WHEN refund THEN g::VARCHAR ELSE '' END", "''", "'Amazon.com'", atype, desc,
            f"printf('%.2f', {amount})", "'AFN'", "strftime(posted, '%Y-%m-%d')", "strftime(posted, '%Y-%m-%d %H:%M:%S UTC')",
            "right(order_id, 7) || '01'", "''", "''", 'sku', 'qty::VARCHAR', "''"]
    out["transactions"] = folder / "LastMonthCustomTransaction.csv"
    out["transactions"].write_bytes(transactions.report_bytes(
        {"date/time": transactions.as_written(posted), "settlement id": str(sid), "type": kind, "order id": order_id,
         "sku": sku, "quantity": str(qty), "marketplace": "amazon.com", "fulfillment": "Amazon",
         "product sales": f"{sales:,.2f}", "selling fees": f"{fees:,.2f}", "other": f"{other:,.2f}",
         "total": f"{sales + fees + other:,.2f}"}
        for posted, sid, kind, order_id, sku, qty, sales, fees, other in con.execute("""
            SELECT posted, sid, CASE WHEN refund THEN 'Refund' ELSE 'Order' END, order_id, sku, qty,
              sum(amount) FILTER (WHERE k < 2), sum(amount) FILTER (WHERE k IN (2, 3)), sum(amount) FILTER (WHERE k = 4)
            FROM (SELECT *, """ + amount.replace("\n", " ") + """ AS amount FROM srows)
            WHERE posted >= (SELECT max(posted) FROM srows) - INTERVAL 30 DAY
            GROUP BY ALL ORDER BY posted""").fetchall()))  # the last month, as a seller downloads it
    out["settlement"] = folder / "settlement_large.txt"
    _copy_in_order(con, f"""SELECT -1 AS _g, -1 AS _k, {_cols(money.SETTLEMENT, summary)}
        UNION ALL SELECT g, k, {_cols(money.SETTLEMENT, rows)} FROM srows""", ("_g", "_k"), -1, groups,
                   out["settlement"], step=CHUNK_ROWS // 5)

    # customer returns: 70% of refunds come back
    out["customer_returns"] = folder / "customer_returns_large.txt"
    _copy(con, f"""SELECT {_cols(layouts.CUSTOMER_RETURNS, [
        iso.format('o.purchased + INTERVAL 10 DAY'), 'o.order_id', 'p.sku', 'p.asin', 'p.fnsku', 'p.title', 'o.qty',
        "'PHX7'", "'SELLABLE'", "'UNWANTED_ITEM'", "'Unit returned to inventory'", "'LPN' || g.g", "''"])}
        FROM g JOIN o ON g.o = o.o JOIN p ON o.p = p.p WHERE g.refund AND {_h('g.g', s + 4)} % 10 < 7 ORDER BY g.g""",
          out["customer_returns"])

    # ledger: shipments of orders, receipts, customer returns, transfers, adjustments (some losses), removals
    mmdd = "strftime({}, '%m/%d/%Y')"
    con.execute(f"""CREATE VIEW l AS SELECT i, i % 100 AS b, (i * {order_rows} // {ledger_rows}) AS o,
        {_h('i', s + 5)} AS h FROM range({ledger_rows}) t(i)""")
    event = """CASE WHEN b < 80 THEN 'Shipments' WHEN b < 90 THEN 'Receipts' WHEN b < 94 THEN 'CustomerReturns'
        WHEN b < 97 THEN 'WhseTransfers' WHEN b < 99 THEN 'Adjustments' ELSE 'VendorReturns' END"""
    qty = """CASE WHEN b < 80 THEN -o.qty WHEN b < 90 THEN 12 + h % 100 WHEN b < 94 THEN 1
        WHEN b < 97 THEN CASE WHEN i % 2 = 0 THEN -3 ELSE 3 END WHEN b < 99 THEN CASE WHEN h % 5 = 0 THEN 1 ELSE -1 END
        ELSE -2 END"""
    reason = "CASE WHEN b >= 97 AND b < 99 THEN CASE h % 5 WHEN 0 THEN 'F' WHEN 1 THEN 'M' WHEN 2 THEN 'E' WHEN 3 THEN '5' ELSE 'Q' END ELSE '' END"
    ref = """CASE WHEN b < 80 THEN 'D' || upper(substr(md5(i::VARCHAR), 1, 9)) WHEN b < 90 THEN 'FBA15' || lpad((i // 5000)::VARCHAR, 7, '0')
        WHEN b < 94 THEN o.order_id WHEN b < 97 THEN (i // 2)::VARCHAR ELSE (10000000000 + i)::VARCHAR END"""
    out["ledger"] = folder / "inventory_ledger_large.csv"
    _copy_in_order(con, f"""SELECT {_cols(layouts.LEDGER, [
        mmdd.format('o.purchased + INTERVAL 1 DAY'), 'p.fnsku', 'p.asin', 'p.sku', 'p.title', event, ref, qty,
        "'PHX7'", "CASE WHEN b >= 97 AND b < 99 AND h % 5 = 2 THEN 'WAREHOUSE_DAMAGED' ELSE 'SELLABLE' END", reason,
        "'US'", "''", "''"])}, i AS _i FROM l JOIN o ON l.o = o.o JOIN p ON o.p = p.p""", ("_i",), 0, ledger_rows,
                   out["ledger"], csv=True)

    # reimbursements: some for the adjustments, a tenth of them below cost
    n_reimb = max(10, ledger_rows // 200)
    out["reimbursements"] = folder / "reimbursements_large.txt"
    per_unit = f"CASE WHEN {_h('i', s + 6)} % 10 = 0 THEN round(unit_cost * 0.8, 2) ELSE unit_cost END"
    _copy(con, f"""SELECT {_cols(layouts.REIMBURSEMENTS, [
        iso.format(f"TIMESTAMP '{DAY0}' + to_seconds((i * {DAYS * 86400} // {n_reimb})::BIGINT)"),
        '(3000000000 + i)::VARCHAR', "''", "''", "CASE i % 4 WHEN 0 THEN 'Lost_Warehouse' WHEN 1 THEN 'Damaged_Warehouse' "
        "WHEN 2 THEN 'Lost_Inbound' ELSE 'Damaged_Inbound' END", 'sku', 'fnsku', 'asin', 'title', "'New'", "'USD'",
        per_unit, per_unit, '1', '0', '1', "''", "''"])}
        FROM range({n_reimb}) t(i) JOIN p ON p.p = (i * 7919) % {n_products} ORDER BY i""", out["reimbursements"])

    n_ship = max(5, ledger_rows // 50000)
    out["inbound_items"] = folder / "inbound_shipment_items_large.csv"
    _copy(con, f"""SELECT 'FBA15' || lpad(s::VARCHAR, 7, '0') AS ShipmentId, 'FBA STA ' || s AS ShipmentName,
        CASE WHEN s % 10 = 9 THEN 'RECEIVING' ELSE 'CLOSED' END AS ShipmentStatus, 'PHX7' AS DestinationFulfillmentCenterId,
        sku AS SellerSKU, fnsku AS FulfillmentNetworkSKU, 120 AS QuantityShipped,
        CASE WHEN (s * 10 + k) % 23 = 0 THEN 116 ELSE 120 END AS QuantityReceived, 12 AS QuantityInCase
        FROM range({n_ship}) a(s), range(10) b(k) JOIN p ON p.p = (s * 10 + k) % {n_products} ORDER BY s, k""",
          out["inbound_items"], csv=True)

    out["removal_orders"] = folder / "removal_orders_large.txt"
    _copy(con, f"""SELECT {_cols(layouts.REMOVAL_ORDERS, [
        iso.format(f"TIMESTAMP '{DAY0}' + to_seconds((i * 86400 * 300 // 5000)::BIGINT)"), "'R' || lpad(i::VARCHAR, 9, '0')",
        "'Seller-initiated Manual Removal'", "CASE WHEN i % 2 = 0 THEN 'Return' ELSE 'Disposal' END", "'Completed'",
        iso.format(f"TIMESTAMP '{DAY0}' + to_seconds((i * 86400 * 300 // 5000 + 864000)::BIGINT)"), 'sku', 'fnsku',
        "'DEFECTIVE'", '2', '0', 'CASE WHEN i % 2 = 1 THEN 2 ELSE 0 END', 'CASE WHEN i % 2 = 0 THEN 2 ELSE 0 END', '0',
        "'1.94'", "'USD'"])} FROM range(5000) t(i) JOIN p ON p.p = (i * 31) % {n_products} ORDER BY i""",
          out["removal_orders"])
    _removal_shipments(con, folder, out, iso, n_products)
    con.close()
    shutil.rmtree(spill, ignore_errors=True)
    return out


def _removal_shipments(con: duckdb.DuckDBPyConnection, folder: Path, out: dict[str, Path], iso: str,
                       n_products: int) -> None:
    """The Return removal orders' shipments (Amazon's report) and the seller's receipts of them, one in seven
    arriving a unit short (removal_shipment_short)."""
    shipped = f"TIMESTAMP '{DAY0}' + to_seconds((i * 86400 * 300 // 5000 + 864000)::BIGINT)"
    out["removal_shipments"] = folder / "removal_shipments_large.txt"
    _copy(con, f"""SELECT {_cols(removal_layouts.REMOVAL_SHIPMENTS, [
        iso.format(f"TIMESTAMP '{DAY0}' + to_seconds((i * 86400 * 300 // 5000)::BIGINT)"),
        "'R' || lpad(i::VARCHAR, 9, '0')", iso.format(shipped), 'sku', 'fnsku', "'DEFECTIVE'", '2', "'UPS'",
        "'1Z' || lpad(i::VARCHAR, 16, '0')", "'Return'"])}
        FROM range(0, 5000, 2) t(i) JOIN p ON p.p = (i * 31) % {n_products} ORDER BY i""", out["removal_shipments"])
    out["removal_receipts"] = folder / "removal_receipts.csv"
    _copy(con, f"""SELECT {_cols(removal_layouts.REMOVAL_RECEIPTS, [
        f"strftime({shipped} + INTERVAL 6 DAY, '%Y-%m-%d')", "'R' || lpad(i::VARCHAR, 9, '0')", 'sku', 'fnsku',
        'CASE WHEN i % 7 = 0 THEN 1 ELSE 2 END', "''"])}
        FROM range(0, 5000, 2) t(i) JOIN p ON p.p = (i * 31) % {n_products} ORDER BY i""", out["removal_receipts"],
          csv=True)
