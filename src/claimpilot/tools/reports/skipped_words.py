"""What a file skipped before reading is, in Chinese: the same sentence the import gives in English
(``downloads.MAGIC``, the archive notes of ``downloads``, the fetch's financial events), worded for a Chinese
seller. A sentence of no known form is given as it was written."""

from __future__ import annotations

import re

_FIXED = {
    "a PDF document": "PDF 文档",
    "a PNG picture": "PNG 图片",
    "a JPEG picture": "JPEG 图片",
    "a GIF picture": "GIF 图片",
    "an old Office file (.xls/.doc)": "旧版 Office 文件（.xls/.doc）",
    "a RAR archive (unpack it, then import the folder)": "RAR 压缩包（请先解压，再导入解压后的文件夹）",
    "a 7-Zip archive (unpack it, then import the folder)": "7-Zip 压缩包（请先解压，再导入解压后的文件夹）",
    "an empty file": "空文件",
    "an Excel workbook: download the report from Seller Central as a text (.txt) or .csv file, or save this sheet "
    "as CSV": "Excel 工作簿：请在卖家后台把报告下载为文本（.txt）或 .csv 文件，或把这张表另存为 CSV",
    "a zip archive inside a zip inside a zip: unpack it first": "压缩包里的压缩包里还有压缩包：请先解压",
    "a fetch's financial events (listFinancialEvents), kept as evidence: not a report":
        "拉取时作为证据保存的财务事件（listFinancialEvents）：不是报告",
}
_PATTERNS = (
    (re.compile(r"a damaged zip archive \((.*)\)", re.S), "损坏的 zip 压缩包（{0}）"),
    (re.compile(r"an archive member of ([\d,]+) bytes, over the ([\d,]+)-byte bound"),
     "压缩包里的文件有 {0} 字节，超过 {1} 字节的上限"),
    (re.compile(r"an archive member that cannot be unpacked \((.*)\)", re.S), "无法解压的压缩包文件（{0}）"),
)


def in_chinese(what: str) -> str:
    """``what`` (an English note of a skipped file) in Chinese, or as written when it has no known form."""
    if what in _FIXED:
        return _FIXED[what]
    for pattern, words in _PATTERNS:
        m = pattern.fullmatch(what)
        if m:
            return words.format(*m.groups())
    return what
