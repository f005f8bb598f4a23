"""All of claimpilot's settings, typed, in one place.

Values come from the environment (prefix ``CLAIMPILOT_``, nested groups joined
with ``__``, e.g. ``CLAIMPILOT_LLM__BASE_URL``) or from a ``.env`` file in the
working directory. Secrets are ``SecretStr`` so that they never print.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SpApiSettings(BaseModel):
    """How to reach the Selling Partner API.

    With ``endpoint`` unset the real Amazon endpoint of ``region`` is used;
    ``endpoint`` set to ``http://127.0.0.1:PORT`` points every client (and the
    LWA token exchange) at the local emulator.
    """

    endpoint: str | None = None
    region: str = "NA"
    refresh_token: SecretStr | None = None
    lwa_app_id: str | None = None
    lwa_client_secret: SecretStr | None = None
    # Amazon's website authorization workflow (connecting a seller account from the settings page):
    # the SP-API application's id (amzn1.sp.solution...), the redirect URI registered for it (unset:
    # this server's /api/amazon/callback), whether the application is still in draft (the consent URL
    # then carries version=beta), Seller Central's and Login with Amazon's base URLs.
    application_id: str | None = None
    redirect_uri: str | None = None
    draft_app: bool = False
    seller_central_url: str = "https://sellercentral.amazon.com"
    lwa_url: str = "https://api.amazon.com"
    max_retries: int = 8
    poll_interval_s: float = 15.0
    poll_timeout_s: float = 3600.0
    backoff_s: float = 1.0
    backoff_max_s: float = 120.0
    request_timeout_s: float = 60.0


class LlmSettings(BaseModel):
    """Any OpenAI-compatible chat endpoint; none set means the offline router."""

    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    temperature: float = 0.0
    timeout_s: float = 60.0

    @property
    def configured(self) -> bool:
        return bool(self.base_url or self.api_key) and bool(self.model)


class KnowledgeSettings(BaseModel):
    """The policy vector store: Chroma on disk, or a Chroma server for a team."""

    chroma_path: Path | None = None
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = "policy"


class ServerSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 8800
    session_secret: SecretStr | None = None
    max_upload_mb: int = 512
    rate_limit_per_minute: int = 600
    public_url: str | None = None
    """The page's address as people outside reach it (invitation links); unset: the address a request came to."""
    node_url: str | None = None
    """On a home node (``scheduler.node``): this web server's address as the other web servers reach it. They
    forward here the pages that read the node's sellers' warehouses (``server/home_node.py``); unset: the
    address recorded before, if any, is kept."""
    forward_timeout_s: float = Field(600.0, gt=0)
    """The longest a forwarded page may take on its home node (an upload's import, an audit)."""


class ReportLimits(BaseModel):
    """The most one imported report file may hold; a file over a bound is refused with the bound's name."""

    max_decompressed_mb: int = 4096  # a gzip file's content
    max_ratio: float = 200.0  # decompressed size over compressed size (a zip bomb reaches 1000)
    max_rows: int = 20_000_000
    max_columns: int = 512
    max_line_kb: int = 1024  # one row, and so one cell


class NetworkSettings(BaseModel):
    """Where claimpilot may call out to over HTTP (webhooks, chat bots, the LLM, tracking providers):
    public https addresses only, unless ``allow_private`` also allows private, loopback and link-local ones
    (and plain http to them): an LLM on the LAN, a local test stub."""

    allow_private: bool = False


class ImapSettings(BaseModel):
    """The seller's mailbox where Amazon's Buyer-Seller Messaging relay delivers buyer messages.

    ``security``: ``ssl`` (IMAPS, port 993), ``starttls`` (port 143 upgraded) or
    ``plain`` (refused unless the host is this machine).
    """

    host: str | None = None
    port: int | None = None
    security: str = "ssl"
    username: str | None = None
    password: SecretStr | None = None
    mailbox: str = "INBOX"
    sent_mailbox: str | None = None
    timeout_s: float = 60.0


class SmtpSettings(BaseModel):
    """The outgoing server; ``from_address`` is the address the seller registered with Amazon."""

    host: str | None = None
    port: int | None = None
    security: str = "starttls"
    username: str | None = None
    password: SecretStr | None = None
    from_address: str | None = None
    timeout_s: float = 60.0


class BuyerSettings(BaseModel):
    """Buyer messages: intake, and which replies may leave without a person's approval.

    ``seller_id``: the seller account the mailbox and the sender belong to; no
    other account of the installation polls that mailbox or sends through it.
    """

    seller_id: str = "default"
    imap: ImapSettings = Field(default_factory=ImapSettings)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    auto_send_intents: list[str] = Field(default_factory=list)
    auto_send_min_confidence: float = 0.9
    send_lease_s: float = 300.0

    @field_validator("auto_send_intents")
    @classmethod
    def _split_damaged_wrong(cls, v: list[str]) -> list[str]:
        """``damaged_wrong`` (before damaged and wrong items were told apart) means both."""
        out: list[str] = []
        for intent in v:
            out += ["damaged", "wrong_item"] if intent == "damaged_wrong" else [intent]
        return list(dict.fromkeys(out))


class Track17Settings(BaseModel):
    """A 17TRACK-compatible tracking API (``base_url`` up to, not including, ``/track/v2.2``)."""

    base_url: str = "https://api.17track.net"
    api_key: SecretStr | None = None
    webhook_key: SecretStr | None = None
    max_retries: int = 6
    backoff_s: float = 1.0
    backoff_max_s: float = 60.0
    timeout_s: float = 30.0


class AlertChannelSettings(BaseModel):
    """Where shipment alerts (and later digests) go; each channel is used when configured.

    ``webhook_url`` gets HMAC-SHA256-signed JSON (``webhook_secret``); email goes
    through ``smtp`` (else the buyer-message sender, when it is this seller's) to ``email_to``; WeCom,
    DingTalk and Feishu group bots by their webhook URLs (DingTalk and Feishu
    signed with their secrets when set).
    """

    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    email_to: list[str] = Field(default_factory=list)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    wecom_url: SecretStr | None = None
    dingtalk_url: SecretStr | None = None
    dingtalk_secret: SecretStr | None = None
    feishu_url: SecretStr | None = None
    feishu_secret: SecretStr | None = None
    max_retries: int = 4
    backoff_s: float = 1.0
    timeout_s: float = 15.0


class LogisticsSettings(BaseModel):
    """Shipment tracking: providers, the alert thresholds (days), and the alert channels."""

    track17: Track17Settings = Field(default_factory=Track17Settings)
    alerts: AlertChannelSettings = Field(default_factory=AlertChannelSettings)
    stall_days: int = 5
    eta_slip_days: int = 2
    checkin_days: int = 7


class EvidenceSettings(BaseModel):
    """Where the raw evidence (fetched report files, financial-events JSON, uploaded reports) is kept.

    ``backend``: ``local`` (the default: ``<home>/sellers/<seller>/evidence``) or ``s3``: any S3-compatible
    storage (Amazon S3, MinIO, SeaweedFS's S3 gateway) at ``endpoint`` (unset: Amazon S3 of ``region``), in
    ``bucket``, each seller's files under ``<prefix>sellers/<seller>/evidence/``. ``access_key_id`` and
    ``secret_access_key`` (from the environment, ``CLAIMPILOT_EVIDENCE__...``); unset, boto3's own chain
    (``AWS_ACCESS_KEY_ID``, an instance role) supplies them.
    """

    backend: Literal["local", "s3"] = "local"
    endpoint: str | None = None
    bucket: str | None = None
    region: str = "us-east-1"
    prefix: str = ""
    access_key_id: SecretStr | None = None
    secret_access_key: SecretStr | None = None
    timeout_s: float = Field(60.0, gt=0)
    max_attempts: int = Field(4, ge=1)

    @model_validator(mode="after")
    def _s3_needs_bucket(self) -> EvidenceSettings:
        if self.backend == "s3" and not self.bucket:
            raise ValueError("evidence backend s3 needs a bucket (CLAIMPILOT_EVIDENCE__BUCKET)")
        if self.prefix and not self.prefix.endswith("/"):
            self.prefix += "/"
        return self


MIN_KEEP_RUNS_DAYS = 7


class SchedulerSettings(BaseModel):
    """Scheduled jobs for every seller account: the embedded loop, or Celery on Redis for a team.

    ``secret_key``: the Fernet key that encrypts seller credentials at rest; unset,
    a key file is created (mode 0600) at ``key_file`` or ``<home>/secret.key``.
    ``lease_s``/``heartbeat_s``: a running attempt holds a lease that its worker renews every
    ``heartbeat_s``; one not renewed for ``lease_s`` is closed as failed (worker lost) by the next
    dispatch round, an alert goes out and the run is queued again (at most ``max_retries`` times).
    Recovery from a dead worker takes about ``lease_s + tick_s``, whatever the broker does.
    ``visibility_timeout_s``: when the broker hands an unacknowledged task out again; with the lease
    it is only a backstop (a second delivery is a wait and a skip), so keep it long.
    ``stranded_after_s``: a run still queued when its node's workers have finished work since it was
    queued and have been idle this long lost its task with a worker killed just after taking it
    (``jobs.stranded``); it is queued again. Its recovery takes the node's queue draining plus this.
    ``first_runs_per_tick``: at most this many runs of schedules that never ran are created a
    dispatch round (scans first), so that 100 new sellers do not start 300 jobs at once; 0: no limit.
    ``keep_runs_days``: finished runs (and their attempts) older than this are pruned once a
    day, ``prune_batch`` runs a transaction; 0 keeps the run history forever. The latest run
    and the latest failed run of each seller and job kind are always kept.
    ``node``: the worker node this process is (``claimpilot worker --node NAME`` sets it): its workers
    consume the queue ``<queue>.node.<node>`` of the sellers whose warehouses live in its home.
    """

    broker_url: str = "redis://127.0.0.1:6379/0"
    result_backend: str = "redis://127.0.0.1:6379/0"
    queue: str = "claimpilot"
    key_prefix: str = ""
    secret_key: SecretStr | None = None
    key_file: Path | None = None
    visibility_timeout_s: float = 7200.0
    tick_s: float = 30.0
    max_retries: int = 5
    retry_backoff_s: float = 60.0
    retry_backoff_max_s: float = 3600.0
    lock_busy_retry_s: float = 30.0
    requeue_after_s: float = 7200.0
    lease_s: float = Field(120.0, gt=0)
    stranded_after_s: float = Field(120.0, gt=0)
    heartbeat_s: float = Field(30.0, gt=0)
    first_runs_per_tick: int = Field(10, ge=0)
    keep_runs_days: int = 90
    prune_batch: int = Field(500, ge=1, le=5000)
    node: str = ""

    @model_validator(mode="after")
    def _heartbeat_within_lease(self) -> SchedulerSettings:
        if self.heartbeat_s * 2 > self.lease_s:
            raise ValueError(f"heartbeat_s ({self.heartbeat_s}) must be at most half of lease_s ({self.lease_s}): "
                             "one missed heartbeat must not lose the lease")
        return self

    @field_validator("keep_runs_days")
    @classmethod
    def _keep_runs_days(cls, days: int) -> int:
        if days < 0 or 0 < days < MIN_KEEP_RUNS_DAYS:
            raise ValueError(f"keep_runs_days must be 0 (keep forever) or at least {MIN_KEEP_RUNS_DAYS} "
                             f"(the status view counts the failures of the last {MIN_KEEP_RUNS_DAYS} days), "
                             f"not {days}")
        return days


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CLAIMPILOT_",
        env_nested_delimiter="__",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    home: Path = Field(default_factory=lambda: Path.home() / ".claimpilot")
    seller_id: str = "default"
    marketplace: str = "US"
    database_url: str | None = None
    language: str = "zh"
    # DuckDB's memory_limit for a seller's warehouse (its own default is 80% of the machine's memory, and a
    # large seller's first import held its stage tables in memory past 2 GB); beyond it DuckDB spills to disk
    warehouse_memory_limit: str = "1GB"

    sp_api: SpApiSettings = Field(default_factory=SpApiSettings)
    llm: LlmSettings = Field(default_factory=LlmSettings)
    knowledge: KnowledgeSettings = Field(default_factory=KnowledgeSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    reports: ReportLimits = Field(default_factory=ReportLimits)
    network: NetworkSettings = Field(default_factory=NetworkSettings)
    buyers: BuyerSettings = Field(default_factory=BuyerSettings)
    logistics: LogisticsSettings = Field(default_factory=LogisticsSettings)
    scheduler: SchedulerSettings = Field(default_factory=SchedulerSettings)
    evidence: EvidenceSettings = Field(default_factory=EvidenceSettings)

    # --- derived paths -------------------------------------------------
    def seller_dir(self, seller_id: str | None = None) -> Path:
        return self.home / "sellers" / (seller_id or self.seller_id)

    def warehouse_path(self, seller_id: str | None = None) -> Path:
        """The seller's DuckDB file of normalised reports."""
        return self.seller_dir(seller_id) / "warehouse.duckdb"

    def evidence_dir(self, seller_id: str | None = None) -> Path:
        """Raw report files, kept content-hashed as evidence (with the ``local`` evidence backend)."""
        return self.seller_dir(seller_id) / "evidence"

    def sp_api_for(self, seller_id: str) -> SpApiSettings:
        """The SP-API settings this installation lends ``seller_id``: its LWA app serves every seller, but
        its refresh token is one seller's authorisation, the installation's own (``seller_id``) only."""
        if seller_id == self.seller_id:
            return self.sp_api
        return self.sp_api.model_copy(update={"refresh_token": None})

    @property
    def operational_url(self) -> str:
        """SQLAlchemy URL of the claims/cases store (SQLite file by default)."""
        return self.database_url or f"sqlite:///{self.home / 'claimpilot.sqlite'}"

    @property
    def chroma_path(self) -> Path:
        return self.knowledge.chroma_path or (self.home / "chroma")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests build their own ``Settings(...)``."""
    return Settings()
