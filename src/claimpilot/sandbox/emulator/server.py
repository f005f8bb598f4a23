"""Run the emulator with uvicorn in a background thread."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from ..background import BackgroundServer, bind
from .app import create_app
from .faults import Faults
from .ratelimit import RateLimiter, UsagePlan
from .source import SellerSource
from .state import EmulatorState, LwaCredentials


class RunningEmulator(BackgroundServer):
    """A started emulator: ``url``, ``faults``, ``credentials``, the call log
    (``count(operation, status)``), and ``stop()``; also a context manager."""

    def __init__(self, state: EmulatorState, host: str, port: int) -> None:
        self.state, self.faults, self.credentials = state, state.faults, state.credentials
        sock, state.base_url = bind(host, port)  # the app answers with absolute URLs: known before it serves
        super().__init__(create_app(state), sock, state.base_url, "SP-API emulator")

    def count(self, operation: str | None = None, status: int | None = None) -> int:
        """How many calls of ``operation`` were answered with ``status``."""
        return self.state.count(operation, status)

    @property
    def calls(self) -> list[tuple[str, int]]:
        return list(self.state.calls)

    def post_reimbursement(self, *, case_id: str, sku: str, fnsku: str, asin: str, title: str, quantity: int,
                           amount_per_unit: Decimal, currency: str = "USD", reason: str = "Lost_Warehouse",
                           approved: datetime | None = None) -> str:
        """Amazon approves a case: a cash reimbursement row in the reimbursements report from now on (the
        emulator's day, unless ``approved`` says when); its reimbursement id."""
        when = approved or datetime.combine(self.state.current_day(), time(12), tzinfo=UTC)
        reimbursement_id = self.state.next_id()
        total = (amount_per_unit * quantity).quantize(Decimal("0.01"))
        self.state.post_reimbursement(when.date(), {
            "approval-date": when.strftime("%Y-%m-%dT%H:%M:%S+00:00"), "reimbursement-id": reimbursement_id,
            "case-id": case_id, "amazon-order-id": "", "reason": reason, "sku": sku, "fnsku": fnsku, "asin": asin,
            "product-name": title, "condition": "New", "currency-unit": currency,
            "amount-per-unit": f"{amount_per_unit:.2f}", "amount-total": f"{total:.2f}",
            "quantity-reimbursed-cash": str(quantity), "quantity-reimbursed-inventory": "0",
            "quantity-reimbursed-total": str(quantity), "original-reimbursement-id": "",
            "original-reimbursement-type": ""})
        return reimbursement_id

    def rate(self, operation: str) -> float:
        """The (scaled) rate the emulator allows for ``operation``, requests/s."""
        return self.state.limiter.plans[operation].rate

    def __repr__(self) -> str:
        return f"RunningEmulator(url={self.url!r})"


def start_emulator(
    source: SellerSource,
    port: int = 0,
    faults: Faults | None = None,
    *,
    host: str = "127.0.0.1",
    rate_scale: float = 1.0,
    plans: dict[str, UsagePlan] | None = None,
    polls_to_done: int = 2,
    page_size: int = 50,
    today: date | None = None,
    credentials: LwaCredentials | None = None,
) -> RunningEmulator:
    """Serve ``source`` as Amazon's SP-API on ``host:port`` (0: any free port).

    ``rate_scale`` multiplies every operation's rate (tests use a fast clock),
    ``plans`` overrides single usage plans, ``polls_to_done`` is how many
    getReport polls a report spends IN_QUEUE/IN_PROGRESS, ``today`` the day
    the emulator believes it is (settlements close only before it; default: the
    day after the source's ``as_of`` where it has one, else the real date).
    """
    state = make_state(source, faults, rate_scale=rate_scale, plans=plans, polls_to_done=polls_to_done,
                       page_size=page_size, today=today, credentials=credentials)
    return RunningEmulator(state, host, port)


def make_state(source: SellerSource, faults: Faults | None = None, *, rate_scale: float = 1.0,
               plans: dict[str, UsagePlan] | None = None, polls_to_done: int = 2, page_size: int = 50,
               today: date | None = None, credentials: LwaCredentials | None = None) -> EmulatorState:
    """One seller's emulator state (its data, credentials, issued tokens, reports, usage plans, faults)."""
    if today is None and isinstance(getattr(source, "as_of", None), date):
        today = source.as_of + timedelta(days=1)  # the demo seller's world ends on its as-of day
    return EmulatorState(
        source=source,
        faults=faults or Faults(),
        limiter=RateLimiter(rate_scale, plans),
        credentials=credentials or LwaCredentials(),
        polls_to_done=polls_to_done,
        page_size=page_size,
        today=today,
    )
