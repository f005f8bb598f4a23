"""What every evidence vault does: put, get, list, exists, delete by key, within one seller's vault."""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path


class EvidenceVault(ABC):
    """One seller's evidence files by key. A put is whole or nothing: a reader never sees part of a file."""

    @property
    @abstractmethod
    def where(self) -> str:
        """Where the vault is, for messages and the ``raw_files`` table (no credentials)."""

    def uri(self, key: str) -> str:
        """Where one key's file is (the vault's place and the key)."""
        return f"{self.where.rstrip('/')}/{key}"

    @abstractmethod
    def put(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (replacing what was there)."""

    @abstractmethod
    def put_file(self, key: str, path: Path) -> None:
        """Store the file at ``path`` under ``key``, streamed (replacing what was there)."""

    @abstractmethod
    def get(self, key: str) -> bytes:
        """The file under ``key``; ``EvidenceMissing`` if there is none."""

    @abstractmethod
    def get_file(self, key: str, path: Path) -> None:
        """Write the file under ``key`` to ``path``, streamed; ``EvidenceMissing`` if there is none."""

    @abstractmethod
    def exists(self, key: str) -> bool:
        """Whether a file is stored under ``key``."""

    @abstractmethod
    def list(self, prefix: str = "") -> list[str]:
        """Every key (starting with ``prefix``), sorted."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the file under ``key`` (nothing if there is none)."""
