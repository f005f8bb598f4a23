"""US FBA size tiers and fulfillment fees, as the demo seller's truth uses them.

Source: Amazon Seller Central, "2025 US FBA fulfillment fees" (rates for
products priced $10-$50, effective 2025-01-15, unchanged from the rate card of
2024-02-05), raised on 2026-01-15 by the averages of Amazon's 2026 fee
announcement for that price band (small standard +$0.25, large standard +$0.05
a unit; the demo seller lives after that date), and "Product size tiers" (US): the tier comes from the longest,
median and shortest side and, from large standard up, the greater of the unit
weight and the dimensional weight (L x W x H / 139, inches and pounds).

Every demo product is priced between $10 and $50, so this one price band is
all the truth needs. The audit keeps its own policy data; this module is the
generator's independent copy.
"""

from __future__ import annotations

import math
from decimal import Decimal

IN_PER_CM = 1 / 2.54
LB_PER_KG = 2.20462262
LB_PER_OZ = 1 / 16
LB_PER_G = LB_PER_KG / 1000
DIM_DIVISOR = 139

SMALL_STANDARD = "Small standard"
LARGE_STANDARD = "Large standard"
LARGE_BULKY = "Large bulky"
EXTRA_LARGE = "Extra-large"
TIER_ORDER = (SMALL_STANDARD, LARGE_STANDARD, LARGE_BULKY, EXTRA_LARGE)

# (upper weight bound in oz, fee) for small standard, by unit weight.
SMALL_STANDARD_FEES = ((2, "3.06"), (4, "3.15"), (6, "3.24"), (8, "3.33"), (10, "3.43"), (12, "3.53"), (14, "3.60"),
                       (16, "3.65"))
# (upper shipping weight bound in lb, fee) for large standard up to 3 lb.
LARGE_STANDARD_FEES = (
    (0.25, "3.68"), (0.5, "3.90"), (0.75, "4.15"), (1.0, "4.55"), (1.25, "4.99"), (1.5, "5.37"),
    (1.75, "5.52"), (2.0, "5.77"), (2.25, "5.87"), (2.5, "6.05"), (2.75, "6.21"), (3.0, "6.62"),
)
LARGE_STANDARD_OVER_3LB = (Decimal("6.92"), Decimal("0.08"))  # base, per 4 oz above 3 lb
LARGE_BULKY_FEE = (Decimal("9.61"), Decimal("0.38"))  # base, per lb above the first lb
# 2026-01-15: Amazon's announced average change a unit for products priced $10-$50.
CHANGE_2026 = {SMALL_STANDARD: Decimal("0.25"), LARGE_STANDARD: Decimal("0.05")}
EXTRA_LARGE_FEES = (  # (upper lb, base, per lb, weight the base covers)
    (50, Decimal("26.33"), Decimal("0.38"), 1),
    (70, Decimal("40.12"), Decimal("0.75"), 51),
    (150, Decimal("54.81"), Decimal("0.75"), 71),
    (math.inf, Decimal("194.95"), Decimal("0.19"), 151),
)


def to_inches(sides: tuple[float, float, float], unit: str) -> tuple[float, float, float]:
    """Sides sorted longest first, in inches."""
    factor = IN_PER_CM if unit == "cm" else 1.0
    s = sorted((x * factor for x in sides), reverse=True)
    return s[0], s[1], s[2]


def to_pounds(weight: float, unit: str) -> float:
    return weight * {"lb": 1.0, "oz": LB_PER_OZ, "kg": LB_PER_KG, "g": LB_PER_G}[unit]


def dim_weight(sides_in: tuple[float, float, float]) -> float:
    return sides_in[0] * sides_in[1] * sides_in[2] / DIM_DIVISOR


def size_tier(sides_in: tuple[float, float, float], weight_lb: float) -> str:
    """The US size tier of a unit with sorted sides (inches) and unit weight (lb)."""
    longest, median, shortest = sides_in
    if longest <= 15 and median <= 12 and shortest <= 0.75 and weight_lb <= 1:
        return SMALL_STANDARD
    shipping = max(weight_lb, dim_weight(sides_in))
    if longest <= 18 and median <= 14 and shortest <= 8 and shipping <= 20:
        return LARGE_STANDARD
    girth = 2 * (median + shortest)
    if longest <= 59 and median <= 33 and shortest <= 33 and longest + girth <= 130 and shipping <= 50:
        return LARGE_BULKY
    return EXTRA_LARGE


def shipping_weight(tier: str, sides_in: tuple[float, float, float], weight_lb: float) -> float:
    return weight_lb if tier == SMALL_STANDARD else max(weight_lb, dim_weight(sides_in))


def fee(tier: str, weight_lb: float) -> Decimal:
    """The fulfillment fee a unit for a tier and its shipping weight (lb), at the 2026 rates."""
    return fee_2024(tier, weight_lb) + CHANGE_2026.get(tier, Decimal(0))


def fee_2024(tier: str, weight_lb: float) -> Decimal:
    """The fulfillment fee a unit for a tier and its shipping weight (lb), rate card of 2024-02-05."""
    if tier == SMALL_STANDARD:
        oz = weight_lb * 16
        for upper, amount in SMALL_STANDARD_FEES:
            if oz <= upper + 1e-9:
                return Decimal(amount)
        raise ValueError("small standard units weigh at most 16 oz")
    if tier == LARGE_STANDARD:
        for upper, amount in LARGE_STANDARD_FEES:
            if weight_lb <= upper + 1e-9:
                return Decimal(amount)
        base, step = LARGE_STANDARD_OVER_3LB
        return base + step * math.ceil((weight_lb - 3) * 4 - 1e-9)
    if tier == LARGE_BULKY:
        base, step = LARGE_BULKY_FEE
        return base + step * max(0, math.ceil(weight_lb - 1 - 1e-9))
    for upper, base, step, covered in EXTRA_LARGE_FEES:
        if weight_lb <= upper + 1e-9:
            return base + step * max(0, math.ceil(weight_lb - covered - 1e-9))
    raise AssertionError("unreachable")


def product_fee(tier: str, sides_in: tuple[float, float, float], weight_lb: float) -> Decimal:
    """Fee of a product under a tier, with the tier's shipping weight rule."""
    return fee(tier, shipping_weight(tier, sides_in, weight_lb))
