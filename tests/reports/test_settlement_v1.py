"""Settlement "Flat File" V1: several typed amounts a row, loaded as the V2 rows the audit reads."""

from __future__ import annotations

from decimal import Decimal

from report_layouts import encode, render, store  # noqa: F401 (fixtures)

# The V1 header as public settlement importers list it (settlement-id ... price-type, price-amount,
# item-related-fee-type, item-related-fee-amount, ..., promotion-type, promotion-amount, ..., other-amount).
V1_HEADER = ["settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount",
             "currency", "transaction-type", "order-id", "merchant-order-id", "adjustment-id", "shipment-id",
             "marketplace-name", "shipment-fee-type", "shipment-fee-amount", "order-fee-type", "order-fee-amount",
             "fulfillment-id", "posted-date", "order-item-code", "merchant-order-item-id",
             "merchant-adjustment-item-id", "sku", "quantity-purchased", "price-type", "price-amount",
             "item-related-fee-type", "item-related-fee-amount", "misc-fee-amount", "other-fee-amount",
             "other-fee-reason-description", "promotion-id", "promotion-type", "promotion-amount",
             "direct-payment-type", "direct-payment-amount", "other-amount"]


def _row(**cells: str) -> list[str]:
    return [cells.get(h, "") for h in V1_HEADER]


def test_v1_rows_become_one_settlement_row_an_amount(store, tmp_path):
    rows = [
        _row(**{"settlement-id": "4511223301", "settlement-start-date": "2019-03-01", "settlement-end-date":
                "2019-03-15", "deposit-date": "2019-03-17", "total-amount": "1234.56", "currency": "USD"}),
        _row(**{"settlement-id": "4511223301", "transaction-type": "Refund", "order-id": "113-4455667-8899001",
                "marketplace-name": "Amazon.com", "posted-date": "2019-03-05", "sku": "BOTTLE-750",
                "quantity-purchased": "1", "price-type": "Principal", "price-amount": "-24.99",
                "item-related-fee-type": "Commission", "item-related-fee-amount": "3.75"}),
        _row(**{"settlement-id": "4511223301", "transaction-type": "Order", "order-id": "113-1111111-2222222",
                "posted-date": "2019-03-06", "sku": "BOTTLE-750", "quantity-purchased": "2",
                "price-type": "Principal", "price-amount": "49.98", "promotion-type": "Shipping",
                "promotion-amount": "-1.50"}),
    ]
    path = tmp_path / "settlement-v1.txt"
    path.write_bytes(encode(render(V1_HEADER, rows)))
    result = store.import_path(path)
    assert [(f.kind, f.rows_read, f.rows_added) for f in result.files] == [("settlement", 3, 5)], result
    with store.connect(read_only=True) as con:
        got = con.execute(
            "SELECT _row, transaction_type, amount_type, amount_description, amount, posted_date::VARCHAR, currency "
            "FROM settlement ORDER BY _row, amount_type NULLS FIRST").fetchall()
    assert got == [
        (2, None, None, None, None, None, "USD"),
        (3, "Refund", "ItemFees", "Commission", Decimal("3.75"), "2019-03-05", None),
        (3, "Refund", "ItemPrice", "Principal", Decimal("-24.99"), "2019-03-05", None),
        (4, "Order", "ItemPrice", "Principal", Decimal("49.98"), "2019-03-06", None),
        (4, "Order", "Promotion", "Shipping", Decimal("-1.50"), "2019-03-06", None),
    ]
    again = store.import_path(path)
    assert again.files[0].already_imported and store.counts()["settlement"] == 5


def test_a_bad_v1_amount_is_refused_with_its_cell(store, tmp_path):
    path = tmp_path / "v1.txt"
    path.write_bytes(encode(render(V1_HEADER, [_row(**{"settlement-id": "1", "price-type": "Principal",
                                                      "price-amount": "abc"})])))
    [refused] = store.import_path(path).refused
    assert (refused.error.row, refused.error.column, refused.error.value) == (2, "price-amount", "abc")
    assert store.counts()["settlement"] == 0
