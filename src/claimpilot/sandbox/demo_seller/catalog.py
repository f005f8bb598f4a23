"""The demo seller's catalog: SKUs, FNSKUs, ASINs, dimensions, costs, prices."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from decimal import Decimal

from . import fees

ALNUM = string.ascii_uppercase + string.digits
NOUNS = ("Lamp", "Bottle", "Organizer", "Charger", "Cable", "Mat", "Hook", "Pillow", "Tray", "Stand",
         "Bag", "Brush", "Light", "Case", "Holder", "Rack", "Timer", "Fan", "Kettle", "Basket")
ADJECTIVES = ("Foldable", "Portable", "Silicone", "Bamboo", "Magnetic", "LED", "Stainless", "Waterproof",
              "Compact", "Adjustable", "Wireless", "Reusable")
COLOURS = ("Black", "White", "Grey", "Blue", "Pink", "Green", "Beige")
TIER_MIX = ((fees.SMALL_STANDARD, 0.55), (fees.LARGE_STANDARD, 0.35), (fees.LARGE_BULKY, 0.08), (fees.EXTRA_LARGE, 0.02))
PRICE_RANGE = {fees.SMALL_STANDARD: (10, 25), fees.LARGE_STANDARD: (15, 40), fees.LARGE_BULKY: (25, 50), fees.EXTRA_LARGE: (40, 50)}


@dataclass
class Product:
    sku: str
    fnsku: str
    asin: str
    title: str
    sides: tuple[float, float, float]  # as the seller's products.csv lists them
    dimension_unit: str  # "in" or "cm"
    weight: float  # as the seller lists it
    weight_unit: str  # "lb", "oz", "kg" or "g"
    unit_cost: Decimal | None
    price: Decimal
    popularity: float
    # Amazon's view (fee report): measured sides (inches, sorted), weight (lb), tier and fee
    amazon_sides: tuple[float, float, float] = (0, 0, 0)
    amazon_weight_lb: float = 0.0
    fee_tier: str = ""
    fee: Decimal = Decimal(0)

    @property
    def sides_in(self) -> tuple[float, float, float]:
        return fees.to_inches(self.sides, self.dimension_unit)

    @property
    def weight_lb(self) -> float:
        return fees.to_pounds(self.weight, self.weight_unit)

    @property
    def tier(self) -> str:
        """The size tier the seller's own dimensions and weight give."""
        return fees.size_tier(self.sides_in, self.weight_lb)

    @property
    def correct_fee(self) -> Decimal:
        return fees.product_fee(self.tier, self.sides_in, self.weight_lb)

    def charge_as(self, tier: str, sides_in: tuple[float, float, float], weight_lb: float) -> None:
        """Set what Amazon's fee report says about this product."""
        self.amazon_sides = tuple(sorted(sides_in, reverse=True))  # type: ignore[assignment]
        self.amazon_weight_lb = weight_lb
        self.fee_tier = tier
        self.fee = fees.product_fee(tier, self.amazon_sides, weight_lb)


def code(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(ALNUM, k=n))


def _stable(sides: tuple[float, float, float], weight_lb: float, tier: str) -> bool:
    """Far enough from every tier threshold that unit rounding cannot move it."""
    for f in (0.96, 1.04):
        if fees.size_tier(tuple(sorted((s * f for s in sides), reverse=True)), weight_lb * f) != tier:  # type: ignore[arg-type]
            return False
    return True


def _sample_shape(rng: random.Random, tier: str) -> tuple[tuple[float, float, float], float]:
    """Sorted sides (inches) and unit weight (lb) well inside ``tier``."""
    ranges = {
        fees.SMALL_STANDARD: ((4, 13), (2, 10), (0.2, 0.6), (0.1, 0.85)),
        fees.LARGE_STANDARD: ((8, 16.5), (5, 12.5), (1.5, 7), (0.5, 10)),
        fees.LARGE_BULKY: ((22, 40), (12, 22), (6, 12), (8, 30)),
        fees.EXTRA_LARGE: ((62, 75), (20, 30), (15, 25), (55, 90)),
    }[tier]
    while True:
        sides = tuple(sorted((round(rng.uniform(*r), 1) for r in ranges[:3]), reverse=True))
        weight = round(rng.uniform(*ranges[3]), 2)
        if fees.size_tier(sides, weight) == tier and _stable(sides, weight, tier):  # type: ignore[arg-type]
            return sides, weight  # type: ignore[return-value]


def _listing(rng: random.Random, sides_in: tuple[float, float, float], weight_lb: float, metric: bool):
    """How the seller writes the unit in products.csv: unit, listed order, rounding."""
    sides = list(sides_in)
    if rng.random() < 0.3:
        rng.shuffle(sides)
    if metric:
        return tuple(round(s * 2.54, 1) for s in sides), "cm", round(weight_lb / fees.LB_PER_KG, 3), "kg"
    if weight_lb < 1:
        return tuple(sides), "in", round(weight_lb * 16, 1), "oz"
    return tuple(sides), "in", weight_lb, "lb"


def make_product(rng: random.Random, index: int, prefix: str, tier: str, metric: bool | None = None) -> Product:
    sides_in, weight_lb = _sample_shape(rng, tier)
    metric = rng.random() < 0.3 if metric is None else metric
    sides, dunit, weight, wunit = _listing(rng, sides_in, weight_lb, metric)
    lo, hi = PRICE_RANGE[tier]
    price = Decimal(rng.randint(lo, hi - 1)) + Decimal("0.99")
    cost = (price * Decimal(str(round(rng.uniform(0.2, 0.4), 3)))).quantize(Decimal("0.01"))
    noun = rng.choice(NOUNS)
    p = Product(
        sku=f"{prefix}-{noun[:3].upper()}-{index:04d}",
        fnsku="X00" + code(rng, 7),
        asin="B0" + code(rng, 8),
        title=f"{rng.choice(ADJECTIVES)} {noun}, {rng.choice(COLOURS)}",
        sides=sides, dimension_unit=dunit, weight=weight, weight_unit=wunit,
        unit_cost=cost, price=price, popularity=rng.gammavariate(1.2, 1.0),
    )
    p.charge_as(p.tier, p.sides_in, p.weight_lb)
    return p


def build_catalog(rng: random.Random, count: int) -> list[Product]:
    prefix = rng.choice(("HK", "SZ", "YW", "GZ", "NB")) + code(rng, 2)
    tiers = [t for t, _ in TIER_MIX]
    weights = [w for _, w in TIER_MIX]
    return [make_product(rng, i + 1, prefix, rng.choices(tiers, weights)[0]) for i in range(count)]
