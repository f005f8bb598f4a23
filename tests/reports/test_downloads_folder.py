"""A seller's Downloads folder as it is: sub-folders, zips (Chinese names from Windows), PDFs,
workbooks and reports claimpilot does not need, next to the ones it reads."""

from __future__ import annotations

import io
import re
import zipfile

from report_layouts import LAYOUTS, encode, render, store  # noqa: F401 (fixtures)

# Manage FBA Inventory: the header row as published in public inventory parsers
# (sku, fnsku, asin, product-name, condition, your-price, mfn-listing-exists, ...).
MYI_HEADER = ["sku", "fnsku", "asin", "product-name", "condition", "your-price", "mfn-listing-exists",
              "mfn-fulfillable-quantity", "afn-listing-exists", "afn-warehouse-quantity", "afn-fulfillable-quantity",
              "afn-unsellable-quantity", "afn-reserved-quantity", "afn-total-quantity", "per-unit-volume",
              "afn-inbound-working-quantity", "afn-inbound-shipped-quantity", "afn-inbound-receiving-quantity",
              "afn-researching-quantity", "afn-reserved-future-supply", "afn-future-supply-buyable"]
# Inventory Ledger, summary view, as Seller Central writes it.
LEDGER_SUMMARY_HEADER = ["Date", "FNSKU", "ASIN", "MSKU", "Title", "Disposition", "Starting Warehouse Balance",
                         "In Transit Between Warehouses", "Receipts", "Customer Shipments", "Customer Returns",
                         "Vendor Returns", "Warehouse Transfer In/Out", "Found", "Lost", "Damaged", "Disposed",
                         "Other Events", "Ending Warehouse Balance", "Unknown Events", "Location"]


class _WindowsName(zipfile.ZipInfo):
    """A member name stored in GBK without the UTF-8 flag, as Chinese Windows' "Send to zip" writes it."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's own name)
        return self.filename.encode("gbk"), self.flag_bits


def _report(kind: str, **changes: str) -> bytes:
    header, row = LAYOUTS[kind]
    return encode(render(header, [[changes.get(h, v) for h, v in zip(header, row, strict=True)]]))


def _zip(members: dict[str, bytes], windows: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(_WindowsName(name) if windows else zipfile.ZipInfo(name), data)
    return out.getvalue()


def test_a_downloads_folder_imports_what_it_knows_and_names_the_rest(store, tmp_path):
    folder = tmp_path / "Downloads"
    (folder / "2025年1月").mkdir(parents=True)
    (folder / "结算报告 2025-01.txt").write_bytes(_report("settlement"))
    (folder / "2025年1月" / "库存分类账.tsv").write_bytes(_report("ledger"))
    (folder / "退货 报告.zip").write_bytes(_zip({"退货报告.txt": _report("customer_returns"),
                                              "赔偿报告.txt": _report("reimbursements")}, windows=True))
    (folder / "invoice-2025-01.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n")
    (folder / "利润表.xlsx").write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}))
    (folder / "库存.txt").write_bytes(encode(render(MYI_HEADER, [["BOTTLE-750", "X001ABCDEF", "B0C1234567"] +
                                                                 ["1"] * (len(MYI_HEADER) - 3)])))
    (folder / "ledger-summary.csv").write_bytes(encode(render(LEDGER_SUMMARY_HEADER, [], ",")))
    (folder / "orders.txt").write_bytes(_report("orders", **{"item-price": "twenty"}))
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")

    result = store.import_path(folder)

    imported = {f.name: f.kind for f in result.files}
    assert imported == {
        "结算报告 2025-01.txt": "settlement",
        "2025年1月/库存分类账.tsv": "ledger",
        "退货 报告.zip/退货报告.txt": "customer_returns",
        "退货 报告.zip/赔偿报告.txt": "reimbursements",
    }
    skipped = {s.name: s.what for s in result.skipped}
    assert set(skipped) == {"invoice-2025-01.pdf", "利润表.xlsx", "库存.txt", "ledger-summary.csv"}
    assert skipped["invoice-2025-01.pdf"] == "a PDF document"
    assert skipped["利润表.xlsx"].startswith("an Excel workbook")
    assert skipped["库存.txt"].startswith("Manage FBA Inventory: not needed")
    assert skipped["ledger-summary.csv"].startswith("Inventory Ledger, summary view: not needed")
    in_chinese = {s.name: s.describe("zh") for s in result.skipped}  # what a Chinese seller reads
    assert in_chinese["invoice-2025-01.pdf"] == "PDF 文档" and in_chinese["利润表.xlsx"].startswith("Excel 工作簿")
    assert in_chinese["库存.txt"].startswith("管理亚马逊库存：不需要")
    assert in_chinese["ledger-summary.csv"].startswith("库存分类账（汇总视图）：不需要")
    [refused] = result.refused
    assert (refused.name, refused.error.row, refused.error.column, refused.error.value) == (
        "orders.txt", 2, "item-price", "twenty")
    counts = store.counts()
    assert (counts["settlement"], counts["ledger"], counts["customer_returns"], counts["reimbursements"],
            counts["orders"], counts["raw_files"]) == (1, 1, 1, 1, 0, 4)
    with store.connect(read_only=True) as con:
        names = {r[0] for r in con.execute("SELECT name FROM raw_files").fetchall()}
    assert "退货 报告.zip/退货报告.txt" in names


def test_a_damaged_zip_is_named_and_the_rest_imports(store, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "reports.zip").write_bytes(_zip({"ledger.txt": _report("ledger")})[:40])
    (folder / "ledger.txt").write_bytes(_report("ledger"))
    result = store.import_path(folder)
    assert [f.name for f in result.files] == ["ledger.txt"]
    assert [s.name for s in result.skipped] == ["reports.zip"] and "damaged zip" in result.skipped[0].what


def test_binary_and_utf16_files_are_named_without_being_read_as_reports(store, tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "video.mp4").write_bytes(b"\0\0\0\x18ftypmp42" + bytes(5000))
    header, row = LAYOUTS["ledger"]
    (folder / "ledger-excel.txt").write_bytes(render(header, [row]).encode("utf-16"))
    (folder / "ledger.tsv.gz").write_bytes(encode(render(header, [row]), gz=True))
    result = store.import_path(folder)
    assert [f.name for f in result.files] == ["ledger.tsv.gz"]
    skipped = {s.name: s.what for s in result.skipped}
    assert skipped["video.mp4"] == "a binary file, not a text report"
    assert skipped["ledger-excel.txt"].startswith("a UTF-16 text file")


def test_every_note_of_a_skipped_file_has_its_chinese_words():
    """Each sentence the import can give a skipped file (a kind of file, an Amazon report not needed) reads in
    Chinese too, so that a Chinese seller's page and CLI hold no English sentence."""
    from claimpilot.tools.reports.catalogue import KNOWN_REPORTS
    from claimpilot.tools.reports.downloads import MAGIC
    from claimpilot.tools.reports.skipped_words import in_chinese

    han = re.compile(r"[\u4e00-\u9fff]")
    for _, what in MAGIC:
        assert han.search(in_chinese(what)), what
    for known in KNOWN_REPORTS:
        assert han.search(known.title_zh) and han.search(known.reason_zh), known.title
    assert in_chinese("an archive member of 20,000 bytes, over the 10,000-byte bound") == \
        "压缩包里的文件有 20,000 字节，超过 10,000 字节的上限"
    assert in_chinese("something else entirely") == "something else entirely"  # no known form: as written
