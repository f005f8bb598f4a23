"""Store an imported file's raw bytes in the evidence vault while its rows are read, not after.

Copying a large report into the vault (or uploading it to S3-compatible storage) takes seconds that
need no CPU of DuckDB's: it runs in a thread beside the import. The import waits for it before its
rows commit, so a file's rows are never stored without its evidence; a failed import waits for it
too, so that the caller can remove what was written.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from claimpilot.tools.reports.vault import EvidenceVault


@contextmanager
def storing(vault: EvidenceVault, key: str, path: Path, written: list[str]) -> Iterator[None]:
    """Put ``path`` under ``key`` (unless the vault has it) while the block runs; on leaving, wait for it
    and raise its error. ``written`` gets the key once the upload starts, for the caller to undo."""
    if vault.exists(key):
        yield
        return
    failed: list[BaseException] = []

    def put() -> None:
        try:
            vault.put_file(key, path)
        except BaseException as exc:  # handed to the importing thread
            failed.append(exc)

    thread = threading.Thread(target=put, name="evidence-upload", daemon=True)
    written.append(key)
    thread.start()
    try:
        yield
    finally:
        thread.join()
    if failed:
        raise failed[0]
