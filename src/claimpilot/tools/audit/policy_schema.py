"""What a policy file may hold: its sections, the fields of each entry, and the checks over a whole policy."""

from __future__ import annotations

from datetime import date
from typing import Any

from claimpilot.errors import Invalid
from claimpilot.vocabulary import ClaimType

# The claim types a policy may name, and those whose rules run today (each needs a default window).
CLAIM_TYPES = tuple(t.value for t in ClaimType)
RULE_TYPES = (
    "warehouse_lost",
    "warehouse_damaged",
    "customer_return_missing",
    "inbound_shortage",
    "fee_overcharge",
    "reimbursement_underpaid",
    "return_damaged_unreimbursed",
    "refund_above_paid",
    "refund_commission_short",
    "reimbursement_reversed_unfound",
    "removal_shipment_short",
)
REQUIRED_PARAMS = ("valuation_date", "underpaid_tolerance", "estimate_lookback_days", "refund_admin_fee_rate",
                   "refund_commission_tolerance", "reversal_found_days")
TIERS = ("small_standard", "large_standard", "large_bulky", "extra_large")
# The event a window counts from, as Amazon names it; each rule reads the date of its anchor from the reports.
ANCHORS = {
    "reported_lost_or_damaged": ("the day the unit was reported lost or damaged", "报告丢失或损坏之日"),
    "customer_refund": ("the customer refund or replacement date", "买家退款或换货之日"),
    "last_receipt": ("the shipment's last receipt", "货件最后一次入库之日"),
    "verified_delivery": ("the verified delivery date (its first receipt in the reports)",
                          "核实送达之日（报告中该货件的第一次入库）"),
    "fee_charged": ("the date the fee was charged", "扣费之日"),
    "reimbursement_approved": ("the reimbursement's approval date", "赔偿批准之日"),
    "return_received": ("the day the return was received", "退货入库之日"),
    "reimbursement_reversed": ("the reversal's approval date", "赔偿撤回的批准之日"),
    "removal_shipment_created": ("the removal shipment's creation date", "移除货件创建之日"),
}
# The anchors each rule can date from the reports.
RULE_ANCHORS = {
    "warehouse_lost": ("reported_lost_or_damaged",),
    "warehouse_damaged": ("reported_lost_or_damaged",),
    "customer_return_missing": ("customer_refund",),
    "inbound_shortage": ("last_receipt", "verified_delivery"),
    "fee_overcharge": ("fee_charged",),
    "reimbursement_underpaid": ("reimbursement_approved",),
    "return_damaged_unreimbursed": ("return_received",),
    "refund_above_paid": ("customer_refund",),
    "refund_commission_short": ("customer_refund",),
    "reimbursement_reversed_unfound": ("reimbursement_reversed",),
    "removal_shipment_short": ("removal_shipment_created",),
}
BASES = ("manufacturing_cost", "sales_price_less_fees", "fee_difference", "cost_less_paid", "amount_owed")

# section -> (field -> kind); kind: str, int, num, date, bool, list, claim, tier, role, basis, anchor, any;
# "num?" a nullable number, "num=X" / "int=X" a number with a default.
SCHEMA: dict[str, dict[str, str]] = {
    "windows": {"type": "claim", "anchor": "anchor", "opens_days": "int", "closes_days": "int",
                "opens_months": "int=0", "closes_months": "int=0", "default": "bool"},
    "params": {"name": "str", "value": "any", "default": "bool=true"},
    "reasons": {"type": "claim", "role": "role", "codes": "list"},
    "valuation": {"type": "claim", "basis": "valuation"},
    "size_tiers": {
        "tier": "tier", "rank": "int", "longest_in": "num?", "median_in": "num?", "shortest_in": "num?",
        "length_girth_in": "num?", "weight_lb": "num?", "weight_basis": "basis",
    },
    "tier_labels": {"label": "str", "tier": "tier"},
    "fees": {"tier": "tier", "weight_from_lb": "num", "weight_to_lb": "num", "base_fee": "num",
             "above_lb": "num=0", "step_lb": "num=1", "step_fee": "num=0"},
    # Claim types whose window is not known for the marketplace: their rule finds nothing there rather than guess.
    "not_audited": {"type": "claim"},
}
OPTIONAL_SECTIONS = ("size_tiers", "tier_labels", "fees", "not_audited")
# How a file's entries replace inherited ones: by these fields; None = the whole section.
GROUPS: dict[str, tuple[str, ...] | None] = {
    "windows": ("type",), "params": ("name",), "reasons": ("type", "role"), "valuation": ("type",),
    "size_tiers": None, "tier_labels": None, "fees": None, "not_audited": ("type",),
}


class PolicyError(Invalid):
    """Policy data that cannot be used, or a marketplace without any; the message names the file and the key."""


def value(key: str, kind: str, raw: Any) -> Any:
    """``raw`` checked against ``kind``; a PolicyError naming ``key`` otherwise."""
    if "=" in kind:
        kind, default = kind.split("=", 1)
        if raw is None:
            return default == "true" if kind == "bool" else (float(default) if kind == "num" else int(default))
    if kind == "num?":
        return None if raw is None else value(key, "num", raw)
    if raw is None:
        raise PolicyError(f"{key}: missing")
    checks: dict[str, Any] = {
        "str": lambda: isinstance(raw, str) and raw.strip() != "",
        "int": lambda: isinstance(raw, int) and not isinstance(raw, bool) and raw >= 0,
        "num": lambda: isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw >= 0,
        "bool": lambda: isinstance(raw, bool),
        "list": lambda: isinstance(raw, list) and bool(raw) and all(isinstance(v, (str, int)) for v in raw),
        "claim": lambda: isinstance(raw, str) and raw in CLAIM_TYPES,
        "tier": lambda: isinstance(raw, str) and raw in TIERS,
        "role": lambda: raw in ("loss", "found", "reimbursement", "reversal", "order_type", "disposition"),
        "basis": lambda: raw in ("unit", "shipping"),
        "valuation": lambda: isinstance(raw, str) and raw in BASES,
        "anchor": lambda: isinstance(raw, str) and raw in ANCHORS,
        "any": lambda: isinstance(raw, (int, float, date)) and not isinstance(raw, bool),
    }
    if not checks[kind]():
        expected = {"anchor": f"one of {', '.join(ANCHORS)}", "valuation": f"one of {', '.join(BASES)}",
                    "claim": "a claim type"}.get(kind, kind)
        raise PolicyError(f"{key}: invalid value {raw!r} (expected {expected})")
    if kind == "num":
        return float(raw)
    if kind == "list":
        return [str(v) for v in raw]
    return raw


def check_whole(where: str, s: dict[str, list[dict[str, Any]]]) -> None:
    for w in s["windows"]:
        if (w["opens_months"], w["opens_days"]) > (w["closes_months"], w["closes_days"]):
            raise PolicyError(f"{w['origin']}: the window opens after it closes")
    for w in s["windows"]:
        if w["anchor"] not in RULE_ANCHORS.get(w["type"], tuple(ANCHORS)):
            raise PolicyError(f"{w['origin']}.anchor: the {w['type']} rule counts from "
                              f"{' or '.join(RULE_ANCHORS[w['type']])}, not {w['anchor']}")
    unaudited = {n["type"] for n in s["not_audited"]}
    for t in RULE_TYPES:
        defaults = [w for w in s["windows"] if w["type"] == t and w["default"]]
        if defaults and t in unaudited:
            raise PolicyError(f"{where}: {t} has a window and is listed as not audited")
        if not defaults and t not in unaudited:
            raise PolicyError(f"{where}: windows: no default window for {t} (list it under not_audited if this "
                              "marketplace's window is not known)")
        dates = [w["effective"] for w in defaults]
        if len(set(dates)) != len(dates):
            raise PolicyError(f"{where}: windows: two default windows for {t} effective the same day")
    names = {p["name"] for p in s["params"]}
    for p in REQUIRED_PARAMS:
        if p not in names:
            raise PolicyError(f"{where}: params: {p} missing")
    for name in names:
        defaults = [p["effective"] for p in s["params"] if p["name"] == name and p["default"]]
        if not defaults or len(set(defaults)) != len(defaults):
            raise PolicyError(f"{where}: params: {name} needs exactly one default entry a day")
    if s["size_tiers"] and "dim_weight_divisor" not in names:
        raise PolicyError(f"{where}: params: dim_weight_divisor missing (needed by size_tiers)")
    for f in s["fees"]:
        if f["weight_to_lb"] <= f["weight_from_lb"] or f["step_lb"] <= 0:
            raise PolicyError(f"{f['origin']}: weight band or step is empty")
