"""The evidence vault: one seller's raw evidence files (fetched reports, financial-events JSON, uploads) by key.

``open_vault(settings, seller_id)`` is the one way to reach it: a local folder by default, S3-compatible
storage when ``settings.evidence.backend`` is ``s3``. Every vault is one seller's: its keys live under that
seller's folder or prefix, and a key cannot leave it.
"""

from __future__ import annotations

from pathlib import Path

from claimpilot.config import Settings

from .base import EvidenceVault
from .errors import EvidenceMissing, EvidenceUnavailable, InvalidEvidenceKey
from .keys import check_seller
from .local import LocalVault

__all__ = ["EvidenceMissing", "EvidenceUnavailable", "EvidenceVault", "InvalidEvidenceKey", "LocalVault",
           "open_vault"]


def open_vault(settings: Settings, seller_id: str | None = None) -> EvidenceVault:
    """The evidence vault of ``seller_id`` (``settings.seller_id`` unless named)."""
    seller = check_seller(seller_id or settings.seller_id)
    if settings.evidence.backend == "s3":
        from .s3 import S3Vault  # boto3 loads only where S3 is configured

        return S3Vault.for_seller(settings.evidence, seller)
    return LocalVault(settings.evidence_dir(seller))


def as_vault(evidence: EvidenceVault | str | Path) -> EvidenceVault:
    """A vault as given, or the local folder ``evidence``."""
    return evidence if isinstance(evidence, EvidenceVault) else LocalVault(Path(evidence))
