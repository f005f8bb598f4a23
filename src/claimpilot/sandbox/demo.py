"""``claimpilot demo``: the whole job on a demo seller served by the local SP-API emulator.

The demo seller's year of activity is served over HTTP by the emulator; the
real python-amazon-sp-api client fetches every report; the seller's own
products.csv, removal_receipts.csv and the settlements past Amazon's 90-day retention
(which getReports no longer lists, so a seller downloads them by hand) are imported
from files as a seller would; then the audit, the claims, the case packets and the
money, compared at the end with the demo seller's truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.jobs import ScanResult, run_scan
from claimpilot.sandbox.demo_seller import DemoSeller, generate
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.sandbox.emulator.settlements import closed_periods
from claimpilot.sandbox.scorecard import Scorecard, score
from claimpilot.tools.reports.fetch.client import forget_access_tokens
from claimpilot.tools.reports.fetch.limits import listed_since
from claimpilot.tools.reports.fetch.model import Progress
from claimpilot.tools.reports.kinds import SETTLEMENT
from claimpilot.tools.reports.results import ImportResult
from claimpilot.tools.reports.store import ReportStore

DEMO_SELLER_ID = "demo"
EMULATOR_RATE_SCALE = 200.0
"""The emulator's clock runs this much faster than Amazon's rate limits, so the
demo's few dozen report requests take seconds rather than the better part of an hour."""


@dataclass
class DemoRun:
    seller: DemoSeller
    settings: Settings
    scan: ScanResult
    scorecard: Scorecard
    export_dir: Path
    by_hand_dir: Path
    by_hand: ImportResult


def write_old_settlements(seller: DemoSeller, folder: Path) -> Path:
    """The seller's settlements closed before Amazon's retention, one file a settlement as a seller
    downloads them by hand from Seller Central."""
    folder.mkdir(parents=True, exist_ok=True)
    for start, end in closed_periods(seller.history_start, listed_since(clock.today())):
        raw = seller.report(SETTLEMENT.name, start, end)
        if len([line for line in raw.splitlines() if line.strip()]) > 1:
            (folder / f"settlement-{start.isoformat()}-{end.isoformat()}.txt").write_bytes(raw)
    return folder


def demo_settings(home: Path, emulator) -> Settings:
    creds = emulator.credentials
    return Settings(
        home=home, seller_id=DEMO_SELLER_ID, marketplace="US", _env_file=None,
        sp_api={"endpoint": emulator.url, "lwa_app_id": creds.client_id,
                "lwa_client_secret": creds.client_secret, "refresh_token": creds.refresh_token,
                "application_id": creds.application_id, "seller_central_url": emulator.url,
                "lwa_url": emulator.url, "draft_app": True, "poll_interval_s": 0.05},
    )


def run_demo(home: Path, seed: int = 7, as_of: date | None = None, skus: int = 300,
             progress: Progress | None = None) -> DemoRun:
    seller = generate(seed=seed, as_of=as_of, skus=skus) if as_of else generate(seed=seed, skus=skus)
    forget_access_tokens()
    with start_emulator(seller, rate_scale=EMULATOR_RATE_SCALE) as emulator:
        settings = demo_settings(home, emulator)
        inbox = settings.seller_dir() / "inbox"
        inbox.mkdir(parents=True, exist_ok=True)
        store = ReportStore.for_seller(settings)
        for own in ("products", "removal_receipts"):  # the seller's own files, dropped into the inbox
            (inbox / f"{own}.csv").write_bytes(seller.report(own))
            store.import_path(inbox / f"{own}.csv").raise_refused()
        by_hand_dir = write_old_settlements(seller, inbox / "settlements-downloaded-by-hand")
        by_hand = store.import_path(by_hand_dir).raise_refused()
        scan = run_scan(settings, seller.as_of, since=seller.history_start, progress=progress)
    forget_access_tokens()
    seller.truth.write(settings.seller_dir() / "truth.json")
    from claimpilot.tools.cases.service import CaseService

    export_dir = settings.seller_dir() / "cases"
    CaseService(settings).export(export_dir, as_of=seller.as_of)
    return DemoRun(seller, settings, scan, score(scan.audit.findings, seller.truth), export_dir, by_hand_dir, by_hand)
