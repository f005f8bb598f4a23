"""Evidence in S3-compatible storage (Amazon S3, MinIO, SeaweedFS's S3 gateway), one prefix a seller:
``<prefix>sellers/<seller>/evidence/<key>``. A put is one PUT (or a multipart upload that shows nothing until
it completes), so a failed upload leaves no object behind."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from claimpilot.config import EvidenceSettings

from .base import EvidenceVault
from .errors import EvidenceMissing, EvidenceUnavailable
from .keys import check_key, check_prefix

_MISSING = {"404", "NoSuchKey", "NotFound"}
_TRANSFER = TransferConfig(multipart_threshold=64 * 1024 * 1024, use_threads=False)


@lru_cache(maxsize=8)
def _client(endpoint: str | None, region: str, access_key: str | None, secret: str | None, timeout_s: float,
            max_attempts: int) -> Any:
    """One client per storage and credentials, shared by every seller's vault of the process."""
    config = Config(connect_timeout=timeout_s, read_timeout=timeout_s, s3={"addressing_style": "path"},
                    retries={"max_attempts": max_attempts, "mode": "standard"})
    return boto3.session.Session().client(
        "s3", endpoint_url=endpoint, region_name=region, aws_access_key_id=access_key,
        aws_secret_access_key=secret, config=config)


class S3Vault(EvidenceVault):
    def __init__(self, client: Any, bucket: str, prefix: str, label: str) -> None:
        self._client, self.bucket, self.prefix, self._label = client, bucket, prefix, label

    @classmethod
    def for_seller(cls, s: EvidenceSettings, seller_id: str) -> S3Vault:
        assert s.bucket  # EvidenceSettings refuses the s3 backend without one
        key = s.access_key_id.get_secret_value() if s.access_key_id else None
        secret = s.secret_access_key.get_secret_value() if s.secret_access_key else None
        client = _client(s.endpoint, s.region, key, secret, s.timeout_s, s.max_attempts)
        prefix = f"{s.prefix}sellers/{seller_id}/evidence/"
        where = f"s3://{s.bucket}/{prefix}" + (f" at {s.endpoint}" if s.endpoint else "")
        return cls(client, s.bucket, prefix, where)

    @property
    def where(self) -> str:
        return self._label

    def uri(self, key: str) -> str:
        return f"s3://{self.bucket}/{self.prefix}{check_key(key)}"

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _failed(self, doing: str, key: str, exc: Exception) -> EvidenceUnavailable:
        if isinstance(exc, ClientError):
            err = exc.response.get("Error", {})
            why = f"{err.get('Code', 'error')}: {err.get('Message') or 'no message'}"
        else:
            why = type(exc).__name__ + (f": {exc}" if str(exc) else "")
        return EvidenceUnavailable(f"cannot {doing} evidence {key} in {self._label} ({why})")

    def _is_missing(self, exc: ClientError) -> bool:
        return str(exc.response.get("Error", {}).get("Code")) in _MISSING

    def put(self, key: str, data: bytes) -> None:
        try:
            self._client.put_object(Bucket=self.bucket, Key=self._name(key), Body=data)
        except (BotoCoreError, ClientError) as exc:
            raise self._failed("store", key, exc) from exc

    def put_file(self, key: str, path: Path) -> None:
        try:
            self._client.upload_file(str(path), self.bucket, self._name(key), Config=_TRANSFER)
        except (BotoCoreError, ClientError) as exc:
            raise self._failed("store", key, exc) from exc
        except Exception as exc:  # s3transfer wraps a failed part in its own S3UploadFailedError
            if type(exc).__module__.startswith(("boto3", "s3transfer")):
                raise self._failed("store", key, exc) from exc
            raise

    def get(self, key: str) -> bytes:
        try:
            body = self._client.get_object(Bucket=self.bucket, Key=self._name(key))["Body"]
            return bytes(body.read())
        except ClientError as exc:
            if self._is_missing(exc):
                raise EvidenceMissing(f"no evidence {key} in {self._label}") from exc
            raise self._failed("read", key, exc) from exc
        except BotoCoreError as exc:
            raise self._failed("read", key, exc) from exc

    def get_file(self, key: str, path: Path) -> None:
        try:
            self._client.download_file(self.bucket, self._name(key), str(path), Config=_TRANSFER)
        except ClientError as exc:
            if self._is_missing(exc):
                raise EvidenceMissing(f"no evidence {key} in {self._label}") from exc
            raise self._failed("read", key, exc) from exc
        except BotoCoreError as exc:
            raise self._failed("read", key, exc) from exc

    def exists(self, key: str) -> bool:
        try:
            self._client.head_object(Bucket=self.bucket, Key=self._name(key))
            return True
        except ClientError as exc:
            if self._is_missing(exc):
                return False
            raise self._failed("look up", key, exc) from exc
        except BotoCoreError as exc:
            raise self._failed("look up", key, exc) from exc

    def list(self, prefix: str = "") -> list[str]:
        check_prefix(prefix)
        keys: list[str] = []
        try:
            pages = self._client.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, Prefix=self.prefix + prefix)
            for page in pages:
                keys += [str(o["Key"])[len(self.prefix):] for o in page.get("Contents") or []]
        except (BotoCoreError, ClientError) as exc:
            raise self._failed("list", prefix or "(all)", exc) from exc
        return sorted(keys)

    def delete(self, key: str) -> None:
        try:
            self._client.delete_object(Bucket=self.bucket, Key=self._name(key))
        except (BotoCoreError, ClientError) as exc:
            raise self._failed("delete", key, exc) from exc
