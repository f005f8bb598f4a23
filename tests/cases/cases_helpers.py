"""Findings built for the cases tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from claimpilot.tools.audit.finding import Evidence, Finding


def make_finding(type="warehouse_lost", reference_id="REF1", fnsku="X001ABC", sku="SKU-1", quantity=2,
                 unit_value="10.00", status="claimable", event_date=date(2026, 10, 1), window_days=60,
                 opens_after=0, marketplace="US", currency="USD", estimated=False, evidence_rows=(5,)):
    unit = Decimal(unit_value)
    opens = event_date + timedelta(days=opens_after)
    return Finding(
        type=type, status=status, reference_id=reference_id, fnsku=fnsku, sku=sku, quantity=quantity,
        unit_value=unit, amount=unit * quantity, currency=currency, event_date=event_date,
        window_opens=opens, window_closes=event_date + timedelta(days=window_days),
        evidence=[Evidence("ledger", "f" * 64, r) for r in evidence_rows], marketplace=marketplace,
        unit_value_estimated=estimated,
    )
