"""The embedded evidence vault: a folder (``<home>/sellers/<seller>/evidence``), one file a key."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .base import EvidenceVault
from .errors import EvidenceMissing, EvidenceUnavailable
from .keys import check_key, check_prefix

PART = ".part"


class LocalVault(EvidenceVault):
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    @property
    def where(self) -> str:
        return str(self.root)

    def uri(self, key: str) -> str:
        return str(self._path(key))

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    def _write(self, key: str, fill: object) -> None:
        target = self._path(key)
        partial = target.with_name(target.name + PART)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(fill, Path):
                shutil.copyfile(fill, partial)
            else:
                assert isinstance(fill, bytes)
                partial.write_bytes(fill)
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise EvidenceUnavailable(f"cannot write evidence {key} in {self.root}: {exc.strerror or exc}") from exc

    def put(self, key: str, data: bytes) -> None:
        self._write(key, data)

    def put_file(self, key: str, path: Path) -> None:
        self._write(key, Path(path))

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except (FileNotFoundError, IsADirectoryError) as exc:
            raise EvidenceMissing(f"no evidence {key} in {self.root}") from exc

    def get_file(self, key: str, path: Path) -> None:
        source = self._path(key)
        if not source.is_file():
            raise EvidenceMissing(f"no evidence {key} in {self.root}")
        shutil.copyfile(source, path)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def list(self, prefix: str = "") -> list[str]:
        check_prefix(prefix)
        keys = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                if p.is_file() and not p.name.endswith(PART))
        return sorted(k for k in keys if k.startswith(prefix))

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
