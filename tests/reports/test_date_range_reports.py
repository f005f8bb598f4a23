"""Date Range (transaction) reports in the languages Seller Central writes them: a few lines of notes
above the header, the marketplace's number format (1,234.56 / 1.234,56 / 1 234,56) and dates with
month names, loaded into one ``transactions`` table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from report_layouts import encode, store  # noqa: F401 (fixtures)

# Header rows per language, column by column as public multi-marketplace importers list Amazon's
# Date Range report headers (date/time, settlement id, type, order id, sku, description, quantity,
# marketplace, fulfillment, order city, order state, order postal, tax collection model, product sales,
# product sales tax, shipping credits, shipping credits tax, gift wrap credits, giftwrap credits tax,
# promotional rebates, promotional rebates tax, marketplace withheld tax, selling fees, fba fees,
# other transaction fees, other, total).
HEADERS = {
    "en": ["date/time", "settlement id", "type", "order id", "sku", "description", "quantity", "marketplace",
           "fulfillment", "order city", "order state", "order postal", "tax collection model", "product sales",
           "product sales tax", "shipping credits", "shipping credits tax", "gift wrap credits",
           "giftwrap credits tax", "promotional rebates", "promotional rebates tax", "marketplace withheld tax",
           "selling fees", "fba fees", "other transaction fees", "other", "total"],
    "de": ["Datum/Uhrzeit", "Abrechnungsnummer", "Typ", "Bestellnummer", "SKU", "Beschreibung", "Menge",
           "Marketplace", "Versand", "Ort der Bestellung", "Bundesland", "Postleitzahl", "Steuererhebungsmodell",
           "Umsätze", "Produktumsatzsteuer", "Gutschrift für Versandkosten", "Steuer auf Versandgutschrift",
           "Gutschrift für Geschenkverpackung", "Steuer auf Geschenkverpackungsgutschriften",
           "Rabatte aus Werbeaktionen", "Steuer auf Aktionsrabatte", "Einbehaltene Steuer auf Marketplace",
           "Verkaufsgebühren", "Gebühren zu Versand durch Amazon", "Andere Transaktionsgebühren", "Andere",
           "Gesamt"],
    "fr": ["date/heure", "numéro de versement", "type", "numéro de la commande", "sku", "description", "quantité",
           "Marketplace", "traitement", "ville d'où provient la commande", "Région d'où provient la commande",
           "code postal de la commande", "Modèle de perception des taxes", "ventes de produits",
           "Taxes sur la vente des produits", "crédits d'expédition", "taxe sur les crédits d’expédition",
           "crédits sur l'emballage cadeau", "Taxes sur les crédits cadeaux", "Rabais promotionnels",
           "Taxes sur les remises promotionnelles", "Taxes retenues sur le site de vente", "frais de vente",
           "Frais Expédié par Amazon", "autres frais de transaction", "autre", "total"],
    "it": ["Data/Ora:", "Numero pagamento", "Tipo", "Numero ordine", "SKU", "Descrizione", "Quantità",
           "Marketplace", "Gestione", "Città di provenienza dell'ordine", "Provincia di provenienza dell'ordine",
           "CAP dell'ordine", "modello di riscossione delle imposte", "Vendite",
           "imposta sulle vendite dei prodotti", "Accrediti per le spedizioni",
           "imposta accrediti per le spedizioni", "Accrediti per confezioni regalo",
           "imposta sui crediti confezione regalo", "Sconti promozionali", "imposta sugli sconti promozionali",
           "trattenuta IVA del marketplace", "Commissioni di vendita", "Costi del servizio Logistica di Amazon",
           "Altri costi relativi alle transazioni", "Altro", "totale"],
    "es": ["fecha y hora", "identificador de pago", "tipo", "número de pedido", "sku", "descripción", "cantidad",
           "web de Amazon", "gestión logística", "ciudad de procedencia del pedido",
           "comunidad autónoma de procedencia del pedido", "código postal de procedencia del pedido",
           "Formulario de recaudación de impuestos", "ventas de productos", "impuesto de ventas de productos",
           "abonos de envío", "impuestos por abonos de envío", "abonos de envoltorio para regalo",
           "giftwrap credits tax", "devoluciones promocionales", "promotional rebates tax",
           "impuesto retenido en el sitio web", "tarifas de venta", "tarifas de Logística de Amazon",
           "tarifas de otras transacciones", "otro", "total"],
    "ja": ["日付/時間", "決済番号", "トランザクションの種類", "注文番号", "SKU", "説明", "数量", "Amazon 出品サービス",
           "フルフィルメント", "市町村", "都道府県", "郵便番号", "税金徴収型", "商品売上", "商品の売上税", "配送料",
           "配送料の税金", "ギフト包装手数料", "ギフト包装クレジットの税金", "Amazonポイントの費用", "プロモーション割引額",
           "プロモーション割引の税金", "源泉徴収税を伴うマーケットプレイス", "手数料", "FBA 手数料",
           "トランザクションに関するその他の手数料", "その他", "合計"],
    # Seller Central in Chinese (a US marketplace account): the same 27 columns in Chinese words
    "zh": ["日期/时间", "结算编号", "类型", "订单编号", "SKU", "描述", "数量", "市场", "配送", "订单城市", "订单州",
           "订单邮编", "税收模式", "商品价格总额", "商品税", "运费抵扣", "运费抵扣税", "礼品包装抵扣", "礼品包装抵扣税",
           "促销返点", "促销返点税", "市场预扣税", "销售佣金", "亚马逊物流费用", "其他交易费用", "其他", "总计"],
    "zh-named": ["日期/时间", "结算编号", "类型", "订单编号", "SKU", "描述", "数量", "市场", "配送", "订单城市",
                 "订单州", "订单邮编", "税收模式", "商品价格总额", "商品税", "运费抵扣", "运费抵扣税", "礼品包装抵扣",
                 "礼品包装抵扣税", "促销返点", "促销返点税", "市场预扣税", "销售佣金", "亚马逊物流费用",
                 "其他交易费用", "其他", "总计"],
}

# (notes above the header, date as written, refund type word, product sales, selling fees, fba fees, total)
CASES = {
    "en": (["Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions",
            "All amounts in USD, unless specified"],
           "Jan 3, 2025 5:19:39 PM PST", "Refund", "-1,024.99", "153.75", "0", "-871.24"),
    "de": (["Enthält Transaktionen auf Amazon Marketplace, Versand durch Amazon und Amazon Webstore",
            "Alle Beträge in EUR, sofern nicht anders angegeben"],
           "03.01.2025 17:19:39 UTC", "Erstattung", "-1.024,99", "153,75", "0", "-871,24"),
    "fr": (["Inclut les transactions Amazon Marketplace, Expédié par Amazon et Amazon Webstore"],
           "3 janv. 2025 17:19:39 UTC", "Remboursement", "-1\u202f024,99", "153,75", "0", "-871,24"),
    "it": (["Include le transazioni del Marketplace di Amazon"],
           "3 gen 2025 17:19:39 UTC", "Rimborso", "-1.024,99", "153,75", "0", "-871,24"),
    "es": (["Incluye las transacciones de Amazon Marketplace"],
           "3 ene. 2025 17:19:39 UTC", "Reembolso", "-1.024,99", "153,75", "0", "-871,24"),
    "ja": (["Amazonマーケットプレイス、フルフィルメント by Amazon の取引を含みます"],
           "2025/01/03 17:19:39JST", "返金", "-1,025", "154", "0", "-871"),
    "zh": (["包括亚马逊商城、亚马逊物流 (FBA) 和亚马逊网店的交易", "除非另有说明，所有金额均以美元为单位"],
           "2025/1/3 17:19:39 PST", "退款", "-1,024.99", "153.75", "0", "-871.24"),
    "zh-named": (["包括亚马逊商城、亚马逊物流 (FBA) 和亚马逊网店的交易"],
                 "2025年1月3日 下午5:19:39 PST", "退款", "-1,024.99", "153.75", "0", "-871.24"),
}


def _csv(rows: list[list[str]]) -> str:
    return "".join(",".join('"' + c.replace('"', '""') + '"' for c in r) + "\n" for r in rows)


@pytest.mark.parametrize("lang", sorted(HEADERS))
def test_date_range_report_in_each_language(lang, store, tmp_path):
    header = HEADERS[lang]
    notes, written, refund, sales, selling, fba, total = CASES[lang]
    cells = {0: written, 1: "11873499021", 2: refund, 3: "113-4455667-8899001", 4: "BOTTLE-750", 6: "1"}
    row = [cells.get(i, "") for i in range(len(header))]
    row[header.index({"en": "product sales", "de": "Umsätze", "fr": "ventes de produits", "it": "Vendite",
                      "es": "ventas de productos", "ja": "商品売上", "zh": "商品价格总额",
                      "zh-named": "商品价格总额"}[lang])] = sales
    row[-5], row[-4], row[-1] = selling, fba, total  # selling fees, fba fees, total
    path = tmp_path / f"2025JanMonthlyTransaction-{lang}.csv"
    path.write_bytes(encode(_csv([[n] for n in notes] + [header, row]), bom=lang != "en"))
    result = store.import_path(path)
    assert [(f.kind, f.rows_read) for f in result.files] == [("transactions", 1)], result
    with store.connect(read_only=True) as con:
        got = con.execute("SELECT date_time::VARCHAR, settlement_id, type, order_id, quantity, product_sales, "
                          "selling_fees, total, _row FROM transactions").fetchall()
    whole = lang == "ja"  # yen: no decimals
    assert got == [("2025-01-03", "11873499021", refund, "113-4455667-8899001", 1,
                    Decimal("-1025") if whole else Decimal("-1024.99"),
                    Decimal("154") if whole else Decimal("153.75"),
                    Decimal("-871") if whole else Decimal("-871.24"), len(notes) + 2)]


def test_a_bad_amount_in_a_date_range_report_names_its_line(store, tmp_path):
    header = HEADERS["de"]
    row = ["03.01.2025 17:19:39 UTC", "1", "Bestellung", "302-1", "SKU-1"] + [""] * (len(header) - 6) + ["zwölf"]
    path = tmp_path / "de.csv"
    path.write_bytes(encode(_csv([["Alle Beträge in EUR"], header, row])))
    [refused] = store.import_path(path).refused
    assert (refused.error.row, refused.error.column, refused.error.value) == (3, "Gesamt", "zwölf")
