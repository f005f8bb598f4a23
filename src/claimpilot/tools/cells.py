"""Cells that are safe to open in Excel, WPS or LibreOffice.

Every spreadsheet a seller opens (the claims list as XLSX or CSV, a packet's
evidence.csv) writes its values through ``safe_cell``: a text that a
spreadsheet would run as a formula (it begins with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) gets a leading apostrophe, so it shows as the
text it is and is never evaluated. Numbers, and texts that are plain numbers
(``-3``, ``+1.50``), are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*)?(\.\d+)?")


def safe_cell(value: Any) -> Any:
    """``value`` unchanged unless it is a text a spreadsheet would read as a formula; then that text as text."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if value[0] in "+-" and len(value) > 1 and _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]
