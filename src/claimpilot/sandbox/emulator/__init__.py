"""A local Selling Partner API: LWA tokens, Reports 2021-06-30, FBA Inbound v0
and Finances v0, with Amazon's paths, payloads and rate limits, serving a
seller's data from a source shaped like the demo seller; ``start_shared_emulator`` serves many sellers
from one process, told apart by their refresh tokens."""

from .faults import Faults
from .ratelimit import USAGE_PLANS, UsagePlan
from .server import RunningEmulator, start_emulator
from .shared import SharedEmulator, start_shared_emulator
from .source import SellerSource
from .state import LwaCredentials

__all__ = [
    "Faults", "LwaCredentials", "RunningEmulator", "SellerSource", "SharedEmulator", "USAGE_PLANS", "UsagePlan",
    "start_emulator", "start_shared_emulator",
]
