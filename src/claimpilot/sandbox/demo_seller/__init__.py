"""A demo FBA seller: a deterministic year of activity with injected losses, decoys and its truth.

    seller = generate(seed=7, as_of=date(2026, 11, 27))
    seller.report("ledger")          # bytes, Amazon's raw layout
    seller.write(folder)             # every report as a file
    seller.truth.write(folder / "truth.json")
"""

from .seller import DEFAULT_AS_OF, DemoSeller, generate
from .truth import Decoy, Truth, TruthFinding

__all__ = ["DEFAULT_AS_OF", "DemoSeller", "Decoy", "Truth", "TruthFinding", "generate"]
