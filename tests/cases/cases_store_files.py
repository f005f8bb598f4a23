"""Raw Amazon report files for the cases tests, imported through the real report store."""

from __future__ import annotations

from claimpilot.tools.reports.store import ReportStore

REIMB_HEADER = ("approval-date\treimbursement-id\tcase-id\tamazon-order-id\treason\tsku\tfnsku\tasin\tcondition\t"
                "currency-unit\tamount-per-unit\tamount-total\tquantity-reimbursed-cash\t"
                "quantity-reimbursed-inventory\tquantity-reimbursed-total\toriginal-reimbursement-id\t"
                "original-reimbursement-type")
LEDGER_HEADER = ("Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\t"
                 "Disposition\tReason\tCountry\tReconciled Quantity\tUnreconciled Quantity")


def reimbursement_line(day, rid, fnsku, qty, per_unit, case_id="", reason="Lost_Warehouse", original_id="",
                       original_type="", sku="MUG-1") -> str:
    total = f"{per_unit * qty:.2f}"
    return "\t".join([day, rid, case_id, "", reason, sku, fnsku, "B0TESTASIN", "New", "USD", f"{per_unit:.2f}",
                      total, str(qty), "0", str(qty), original_id, original_type])


def import_reimbursements(store: ReportStore, lines: list[str], name: str):
    data = (REIMB_HEADER + "\n" + "\n".join(lines) + "\n").encode()
    return store.import_bytes(data, name)


def import_ledger(store: ReportStore, lines: list[str], name: str = "ledger.tsv"):
    data = (LEDGER_HEADER + "\n" + "\n".join(lines) + "\n").encode()
    return store.import_bytes(data, name)


def ledger_line(day, fnsku, ref, qty, reason="M", msku="MUG-1") -> str:
    return "\t".join([day, fnsku, "B0TESTASIN", msku, "Mug", "Adjustments", ref, str(qty), "PHX7", "SELLABLE",
                      reason, "US", "0", str(-qty)])
