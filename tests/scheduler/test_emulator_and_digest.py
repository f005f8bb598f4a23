"""A seller whose credentials point at the local SP-API emulator, scanned by the embedded scheduler
(real python-amazon-sp-api client over HTTP), then its daily digest delivered to a webhook and a
WeCom bot served on this machine; a channel that refused the digest gets it on the retry, the other not twice."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from scheduler_utils import AS_OF, at
from sqlalchemy import select

from claimpilot.accounts import sellers as service
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.models import JobRun
from claimpilot.jobs.runner import ensure_schema
from claimpilot.notify.webhook import signature
from claimpilot.sandbox.demo_seller import generate
from claimpilot.sandbox.emulator import start_emulator
from claimpilot.scheduler.embedded import EmbeddedScheduler
from claimpilot.tools.cases.models import Claim
from claimpilot.tools.reports.store import ReportStore
from receivers import Receiver

HOOK_SECRET = "hook-secret-for-tests"


@pytest.fixture
def receiver():
    r = Receiver(refuse={"/hook": 1}).start()
    yield r
    r.stop()


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def test_a_seller_on_the_emulator_is_scanned_and_told(isolated_home, receiver):
    seller = generate(seed=9, as_of=AS_OF, skus=80)
    with start_emulator(seller, rate_scale=2000.0) as emulator:
        creds = emulator.credentials
        settings = Settings(home=isolated_home, _env_file=None, language="en",
                            sp_api={"poll_interval_s": 0.05},
                            scheduler={"retry_backoff_s": 60},
                            logistics={"alerts": {"webhook_url": f"{receiver.url}/hook", "webhook_secret": HOOK_SECRET,
                                                  "wecom_url": f"{receiver.url}/wecom", "max_retries": 1}})
        ensure_schema(settings)
        with session_factory(settings).begin() as db:
            service.add_seller(db, "acme", kinds=["scan"])
            service.set_credentials(settings, db, "acme", refresh_token=creds.refresh_token,
                                    lwa_client_secret=creds.client_secret, lwa_app_id=creds.client_id,
                                    endpoint=emulator.url)
            service.set_schedule(db, "acme", "scan", at_utc="06:00", options={"since_days": 400})
        products = settings.seller_dir("acme") / "inbox" / "products.csv"
        products.parent.mkdir(parents=True)
        products.write_bytes(seller.report("products"))  # the seller's own costs, imported as a seller would
        ReportStore(settings.warehouse_path("acme"), settings.evidence_dir("acme")).import_path(products)

        clock = Clock(at(6, 30))
        loop = EmbeddedScheduler(settings, clock=clock)
        [scan] = loop.tick()
    assert (scan.kind, scan.cycle, scan.status) == ("scan", AS_OF.isoformat(), "succeeded")
    assert scan.result["fetched"]["ok"] and scan.result["findings"] > 0
    assert sum(scan.result["fetched"]["rows_by_kind"].values()) > 0

    with session_factory(settings)() as db:
        claims = list(db.scalars(select(Claim).where(Claim.seller_id == "acme")))
        stored = json.dumps([r.result for r in db.scalars(select(JobRun))])
    assert len(claims) == scan.result["claims"]["created"] > 0
    assert creds.refresh_token not in stored and creds.client_secret not in stored
    due_soon = sorted(c.id for c in claims if c.status in ("pending", "claimable", "drafted")
                      and AS_OF <= c.window_closes <= AS_OF + timedelta(days=7))

    with session_factory(settings).begin() as db:
        service.set_schedule(db, "acme", "digest", at_utc="08:00")
    clock.now = at(8, 1)
    [digest] = loop.tick()  # the webhook refuses it once: the run fails, WeCom already has it
    assert digest.status == "failed"
    clock.now = at(8, 3)
    [retried] = loop.tick()
    assert (retried.kind, retried.status) == ("digest", "succeeded")
    assert retried.result["deliveries"] == {"webhook": "sent", "wecom": "sent"}

    hooks = [(hit.headers, hit.body) for hit in receiver.received if hit.path == "/hook"]
    wecom = [hit.body for hit in receiver.received if hit.path.startswith("/wecom")]
    assert len(hooks) == 2 and len(wecom) == 1
    headers, body = hooks[-1]
    assert headers["x-claimpilot-signature"] == signature(HOOK_SECRET, headers["x-claimpilot-timestamp"], body)
    payload = json.loads(body)
    assert payload["event_id"] == f"digest:acme:{AS_OF.isoformat()}"
    assert len(payload["data"]["new_claims"]) == len(claims)
    assert sorted(c["id"] for c in payload["data"]["deadlines"]) == due_soon
    assert payload["text"].startswith(f"acme daily digest ({AS_OF.isoformat()})")
    assert f"New claims found: {len(claims)}" in payload["text"]
    assert "daily digest" in json.loads(wecom[0])["markdown"]["content"]
