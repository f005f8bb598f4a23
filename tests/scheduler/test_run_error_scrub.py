"""A failed run's recorded error holds none of the seller's secrets: not its SP-API credentials, mailbox
passwords, alert webhook and bot secrets, nor its bot URLs (or the keys inside them), whatever the failing
code put in its message."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from claimpilot.accounts import sellers as service
from claimpilot.config import Settings
from claimpilot.db import session_factory
from claimpilot.jobs.kinds import JOB_KINDS
from claimpilot.jobs.models import JobAttempt, JobRun
from claimpilot.jobs.runner import JobFailed, ensure_schema, run_job

WECOM_KEY = "wecomkey-4f1e2d3c4b5a"
DINGTALK_TOKEN = "dingtoken-9a8b7c6d5e4f"
FEISHU_HOOK = "0f3c9a7e-5b1d-4c2a-9e8f-acme00000001"
SECRETS = {
    "refresh_token": "Atzr|refresh-token-of-acme-0001",
    "lwa_client_secret": "amzn1.oa2-cs.v1.client-secret-acme",
    "imap_password": "imap-pass-of-acme-123456",
    "smtp_password": "smtp-pass-of-acme-654321",
    "webhook_secret": "webhook-secret-of-acme-42",
    "wecom_url": f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}",
    "dingtalk_url": f"https://oapi.dingtalk.com/robot/send?access_token={DINGTALK_TOKEN}",
    "dingtalk_secret": "SECdingtalk-secret-of-acme",
    "feishu_url": f"https://open.feishu.cn/open-apis/bot/v2/hook/{FEISHU_HOOK}",
    "feishu_secret": "feishu-secret-of-acme-77",
    "installation_llm_key": "sk-installation-llm-key-0123",
}


@pytest.fixture
def base(isolated_home) -> Settings:
    settings = Settings(home=isolated_home, _env_file=None, llm={"api_key": SECRETS["installation_llm_key"]})
    ensure_schema(settings)
    with session_factory(settings).begin() as db:
        service.add_seller(db, "acme", kinds=[])
        service.set_credentials(settings, db, "acme", refresh_token=SECRETS["refresh_token"], lwa_app_id="app-1",
                                lwa_client_secret=SECRETS["lwa_client_secret"], region="NA")
        service.set_mailbox(settings, db, "acme",
                            imap={"host": "127.0.0.1", "port": 1143, "security": "plain",
                                  "username": "acme@example.test", "password": SECRETS["imap_password"]},
                            smtp={"host": "127.0.0.1", "port": 2525, "security": "plain", "username": "acme",
                                  "password": SECRETS["smtp_password"], "from_address": "support@acme.example"})
        service.set_alert_channels(settings, db, "acme", webhook_url="http://127.0.0.1:9/hooks",
                                   webhook_secret=SECRETS["webhook_secret"], wecom_url=SECRETS["wecom_url"],
                                   dingtalk_url=SECRETS["dingtalk_url"], dingtalk_secret=SECRETS["dingtalk_secret"],
                                   feishu_url=SECRETS["feishu_url"], feishu_secret=SECRETS["feishu_secret"])
    return settings


def test_a_failed_runs_error_holds_none_of_the_sellers_secrets(base, monkeypatch):
    def leaky(settings: Settings, ctx) -> dict:
        """A job whose failure quotes everything it had, as a careless library's error might."""
        raise RuntimeError("could not deliver: " + " | ".join(SECRETS.values()) + f" | key={WECOM_KEY} | "
                           f"access_token={DINGTALK_TOKEN} | POST /open-apis/bot/v2/hook/{FEISHU_HOOK}")

    monkeypatch.setitem(JOB_KINDS, "digest", leaky)
    with pytest.raises(JobFailed) as failed:
        run_job(base, "acme", "digest", "2026-11-20")
    with session_factory(base)() as db:
        run = db.scalar(select(JobRun).where(JobRun.seller_id == "acme", JobRun.kind == "digest"))
        attempts = db.scalars(select(JobAttempt.error).where(JobAttempt.run_id == run.id)).all()
    assert run.status == "failed" and run.error.startswith("RuntimeError: could not deliver: ***")
    for text in (str(failed.value), run.error, *attempts):
        assert "could not deliver" in text
        for name, secret in {**SECRETS, "wecom key": WECOM_KEY, "dingtalk token": DINGTALK_TOKEN,
                               "feishu hook id": FEISHU_HOOK}.items():
            assert secret not in text, f"{name} left in the recorded error"
    assert run.error.count("***") >= len(SECRETS) + 3
