"""'Did you mean': the known ids closest to one the person typed that matches nothing.

A typed id is compared with the seller's own (claim numbers, Amazon case ids, orders, FNSKUs,
SKUs, tracked shipments) by edit distance (rapidfuzz), case and spaces ignored; those at most
``MAX_EDITS`` away are offered, closest first. A short id (a claim number) gets one edit only,
so that "claim 7" does not offer every one-digit claim.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

MAX_EDITS = 2
SHOWN = 3


def _plain(text: str) -> str:
    return "".join(str(text).split()).upper()


def close_to(asked: str | int | None, known: Iterable[str]) -> list[str]:
    """The known ids within a few edits of ``asked`` (never ``asked`` itself), closest first."""
    typed = _plain(asked or "")
    if not typed:
        return []
    edits = 1 if len(typed) <= 4 else MAX_EDITS
    choices = {_plain(k): str(k) for k in known if k and _plain(k) != typed}
    found = process.extract(typed, list(choices), scorer=Levenshtein.distance, score_cutoff=edits, limit=SHOWN)
    return [choices[match] for match, _, _ in sorted(found, key=lambda f: (f[1], f[0]))]


def for_claim(known: dict[str, list[str]], args: dict) -> list[dict]:
    """Suggestions for the claim number or case id in ``args`` that named no claim: ``[{field, value}]``."""
    out = []
    for field in ("case_id", "claim_id", "order_id", "shipment_id", "fnsku", "sku"):
        if args.get(field) not in (None, ""):  # a shipment is a claim's reference, as an order is
            stored = known.get("order_id" if field == "shipment_id" else field, [])
            out += [{"field": field, "value": v} for v in close_to(args[field], stored)]
    return out[:SHOWN]
