"""The seller's normalised report store: one DuckDB file, one typed table a report kind.

``ReportStore.import_path`` and ``import_bytes`` take raw report files (any
name, gzip or plain, UTF-8 or cp1252, TSV or CSV), keep each raw file in the
evidence folder under its sha256, and load its rows. One call is one
transaction: any bad file or cell raises and leaves the store as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.tools.reports import importer, warehouse
from claimpilot.tools.reports.casts import SQL_TYPES, quote_ident
from claimpilot.tools.reports.errors import ReportError
from claimpilot.tools.reports.kinds import KINDS
from claimpilot.tools.reports.sniff import prepare, recognise

SKIPPED_NAMES = (".", "~$")
FINANCES_EVIDENCE = b'{"FinancialEvents"'
"""How a fetch's Finances evidence begins (``listFinancialEvents`` kept whole as sorted JSON): evidence of
the fetch, not a report; a folder import passes it by, and says so."""


def fetch_only_evidence(path: Path) -> bool:
    """Whether ``path`` is evidence a fetch keeps that is not a report (its financial events JSON)."""
    if path.suffix.lower() != ".json":
        return False
    with open(path, "rb") as f:
        return f.read(len(FINANCES_EVIDENCE) + 8).lstrip().startswith(FINANCES_EVIDENCE)


@dataclass(frozen=True)
class FileImport:
    """What one raw file brought in."""

    name: str
    kind: str
    sha256: str
    rows_read: int
    rows_added: int
    duplicates_skipped: int
    rows_replaced: int
    evidence: Path
    already_imported: bool = False


@dataclass
class ImportResult:
    """What one import call brought in, file by file."""

    files: list[FileImport] = field(default_factory=list)
    passed_by: list[str] = field(default_factory=list)
    """files of the folder left alone: a fetch's financial events (evidence kept as is, not a report)"""

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    @property
    def rows_added(self) -> int:
        return sum(f.rows_added for f in self.files)

    @property
    def duplicates_skipped(self) -> int:
        return sum(f.duplicates_skipped for f in self.files)


Progress = Callable[[str, str], None]  # (file name, stage: "reading" | "done")


def _ddl(table: str, columns: Iterable[tuple[str, str]]) -> str:
    body = ", ".join(f"{quote_ident(n)} {t}" for n, t in columns)
    return f"CREATE TABLE IF NOT EXISTS {quote_ident(table)} ({body})"


class ReportStore:
    """One seller's DuckDB warehouse of normalised reports plus the raw evidence files."""

    def __init__(self, warehouse_path: str | Path, evidence_dir: str | Path) -> None:
        self.warehouse_path = Path(warehouse_path)
        self.evidence_dir = Path(evidence_dir)
        self.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
        self.evidence_dir.mkdir(parents=True, exist_ok=True)
        with self.connect() as con:
            self._create_tables(con)

    @classmethod
    def for_seller(cls, settings: Settings, seller_id: str | None = None) -> ReportStore:
        """The seller's store under the claimpilot home (``settings.seller_id`` unless named): the one way
        every face and job opens it."""
        return cls(settings.warehouse_path(seller_id), settings.evidence_dir(seller_id))

    # --- connections and schema ----------------------------------------
    def connect(self, read_only: bool = False) -> warehouse.WarehouseConnection:
        """A new connection to the warehouse, shared with every other user of the file in this process
        (the caller closes it; writers hold ``con.writing()`` around their transaction)."""
        return warehouse.connect(self.warehouse_path, read_only=read_only)

    @staticmethod
    def _create_tables(con: warehouse.WarehouseConnection) -> None:
        present = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_catalog = current_database()").fetchall()}
        if present >= {k.table for k in KINDS.values()} | {"raw_files"}:
            return
        with con.writing():
            ReportStore._create_missing(con)

    @staticmethod
    def _create_missing(con: warehouse.WarehouseConnection) -> None:
        for kind in KINDS.values():
            cols = [(c.name, SQL_TYPES[c.type]) for c in kind.columns]
            cols += [("_file", "VARCHAR"), ("_row", "BIGINT"), ("_hash", "UHUGEINT"), ("_occ", "INTEGER")]
            con.execute(_ddl(kind.table, cols))
        con.execute(
            _ddl(
                "raw_files",
                [
                    ("sha256", "VARCHAR"),
                    ("kind", "VARCHAR"),
                    ("name", "VARCHAR"),
                    ("source", "VARCHAR"),
                    ("rows", "BIGINT"),
                    ("rows_added", "BIGINT"),
                    ("evidence", "VARCHAR"),
                    ("imported_at", "TIMESTAMP"),
                ],
            )
        )

    def counts(self) -> dict[str, int]:
        """Rows per table, ``raw_files`` included."""
        with self.connect() as con:
            tables = [k.table for k in KINDS.values()] + ["raw_files"]
            return {t: int(con.execute(f"SELECT count(*) FROM {quote_ident(t)}").fetchone()[0]) for t in tables}

    def imported_files(self) -> list[dict[str, object]]:
        """The raw report files imported, newest first (no server paths)."""
        keys = ("sha256", "kind", "name", "source", "rows", "rows_added", "imported_at")
        with self.connect(read_only=True) as con:
            rows = con.execute(f"SELECT {', '.join(keys)} FROM raw_files ORDER BY imported_at DESC").fetchall()
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # --- imports ---------------------------------------------------------
    def import_path(self, path: str | Path, source: str = "file", progress: Progress | None = None) -> ImportResult:
        """Import a report file, or every file in a folder (recursively, oldest first); in a folder, a fetch's
        financial events JSON (evidence, not a report: a fetch's own evidence folder) is passed by."""
        path = Path(path)
        passed_by: list[str] = []
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file() and not p.name.startswith(SKIPPED_NAMES)]
            passed_by = [str(p.relative_to(path)) for p in files if fetch_only_evidence(p)]
            files = [p for p in files if str(p.relative_to(path)) not in passed_by]
            files.sort(key=lambda p: (p.stat().st_mtime, str(p)))
        elif path.is_file():
            files = [path]
        else:
            raise ReportError(str(path), None, None, "no such file or folder")
        named = [(p, p.name if not path.is_dir() else str(p.relative_to(path))) for p in files]
        result = self._import(named, source, progress)
        result.passed_by = sorted(passed_by)
        return result

    def import_bytes(self, data: bytes, name: str, source: str = "upload") -> ImportResult:
        """Import one raw report held in memory (an upload, a fetched document)."""
        with tempfile.TemporaryDirectory(dir=self.warehouse_path.parent) as tmp:
            raw = Path(tmp) / "raw"
            raw.write_bytes(data)
            return self._import([(raw, name)], source, None)

    def _import(self, files: list[tuple[Path, str]], source: str, progress: Progress | None) -> ImportResult:
        result = ImportResult()
        written: list[Path] = []
        con = self.connect()
        try:
            with con.writing():
                self._import_locked(con, files, source, progress, result, written)
        finally:
            con.close()
        return result

    def _import_locked(self, con: warehouse.WarehouseConnection, files: list[tuple[Path, str]], source: str,
                       progress: Progress | None, result: ImportResult, written: list[Path]) -> None:
        """All files in one transaction, under the file's write lock: all are stored or none is."""
        try:
            with tempfile.TemporaryDirectory(dir=self.warehouse_path.parent) as tmp:
                con.execute("BEGIN TRANSACTION")
                for source_path, name in files:
                    if progress:
                        progress(name, "reading")
                    result.files.append(self._import_one(con, source_path, name, source, Path(tmp), written))
                    if progress:
                        progress(name, "done")
                con.execute("COMMIT")
        except BaseException:
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            for p in written:
                p.unlink(missing_ok=True)
            raise

    def _import_one(
        self, con: duckdb.DuckDBPyConnection, path: Path, name: str, source: str, tmp: Path, written: list[Path]
    ) -> FileImport:
        prepared = prepare(path, name, tmp)
        layout = recognise(prepared)
        evidence = self.evidence_dir / f"{prepared.sha256}.{layout.extension}{'.gz' if prepared.gzip else ''}"
        seen = con.execute(
            "SELECT rows FROM raw_files WHERE sha256 = ? AND kind = ? LIMIT 1", [prepared.sha256, layout.kind.name]
        ).fetchone()
        if seen:
            if prepared.path != path:
                prepared.path.unlink(missing_ok=True)
            rows = int(seen[0])
            return FileImport(name, layout.kind.name, prepared.sha256, rows, 0, rows, 0, evidence, True)
        rows = importer.stage(con, prepared, layout)
        counts = importer.merge(con, layout, prepared.sha256, rows)
        importer.drop_stage(con)
        if prepared.path != path:
            os.unlink(prepared.path)
        if not evidence.exists():
            partial = evidence.with_name(evidence.name + ".part")
            shutil.copyfile(path, partial)
            os.replace(partial, evidence)
            written.append(evidence)
        con.execute(
            "INSERT INTO raw_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [prepared.sha256, layout.kind.name, name, source, rows, counts.rows_added, str(evidence),
             clock.now_utc().replace(tzinfo=None)],
        )
        return FileImport(
            name, layout.kind.name, prepared.sha256, counts.rows_read, counts.rows_added,
            counts.duplicates_skipped, counts.rows_replaced, evidence,
        )
