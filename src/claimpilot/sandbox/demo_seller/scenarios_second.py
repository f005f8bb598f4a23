"""The second wave's losses and decoys (CLAIM_RULES.md, "The second wave"), each able to say what it
amounts to as of a date. Windows are the US ones, kept here independently of the audit's policy data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Reimbursement, Return, World
from .scenarios import Result, _with_window_decoys, unit_value
from .truth import Decoy, finding

DAMAGED_RETURN_WINDOW = (0, 60)
AMAZON_DAMAGED = ("DAMAGED", "CARRIER_DAMAGED")


@dataclass
class DamagedReturn:
    """A customer return graded on arrival; maybe reimbursed for its order."""

    ret: Return
    reimbursed: list[Reimbursement] = field(default_factory=list)
    name: str = ""

    def evaluate(self, world: World, as_of: date) -> Result:
        r, p = self.ret, self.ret.order.product
        day, oid = r.returned.date(), r.order.order_id
        if day > as_of:
            return [], []
        if r.disposition not in AMAZON_DAMAGED:
            return [], [Decoy("return_damaged_unreimbursed", oid, p.fnsku, "not_damaged_by_amazon",
                              f"graded {r.disposition}: {self.name}")]
        paid = sum(x.qty_cash + x.qty_inventory for x in self.reimbursed if x.approved.date() <= as_of)
        if r.qty - paid <= 0:
            return [], [Decoy("return_damaged_unreimbursed", oid, p.fnsku, "already_reimbursed",
                              f"{r.qty} damaged, {paid} reimbursed")]
        value, estimated = unit_value(p)
        return _with_window_decoys(finding("return_damaged_unreimbursed", oid, p, r.qty - paid, value, day,
                                           *DAMAGED_RETURN_WINDOW, as_of, self.name, estimated))


SecondWave = DamagedReturn
