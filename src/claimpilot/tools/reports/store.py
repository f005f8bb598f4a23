"""The seller's normalised report store: one DuckDB file, one typed table a report kind.

``ReportStore.import_path`` and ``import_bytes`` take raw report files (any
name, gzip or plain, UTF-8 or cp1252, TSV or CSV, in folders or zip archives),
keep each raw file in the seller's evidence vault (``vault/``: a local folder, or S3-compatible storage)
under its sha256, and load its rows.
Each file is its own transaction: a report with a bad cell is refused whole
(the store keeps nothing of it) and the other files still import; a file that
is no report claimpilot uses is skipped with what it is.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path

import duckdb

from claimpilot import clock
from claimpilot.config import Settings
from claimpilot.tools.reports import (
    catalogue,
    downloads,
    evidence_upload,
    importer,
    query_progress,
    skipped_words,
    warehouse,
    workdirs,
)
from claimpilot.tools.reports.bounded import Bounds
from claimpilot.tools.reports.casts import SQL_TYPES, quote_ident
from claimpilot.tools.reports.errors import ReportError, UnknownReportError
from claimpilot.tools.reports.kinds import KINDS
from claimpilot.tools.reports.results import FileImport, ImportResult, Progress, RefusedFile, SkippedFile
from claimpilot.tools.reports.sniff import Layout, Prepared, prepare, recognise
from claimpilot.tools.reports.variants import target
from claimpilot.tools.reports.vault import EvidenceMissing, EvidenceUnavailable, EvidenceVault, as_vault, open_vault

__all__ = ["FileImport", "ImportResult", "RefusedFile", "ReportStore", "SkippedFile"]


def _ddl(table: str, columns: Iterable[tuple[str, str]]) -> str:
    body = ", ".join(f"{quote_ident(n)} {t}" for n, t in columns)
    return f"CREATE TABLE IF NOT EXISTS {quote_ident(table)} ({body})"


class ReportStore:
    """One seller's DuckDB warehouse of normalised reports plus the raw evidence files."""

    def __init__(self, warehouse_path: str | Path, evidence: EvidenceVault | str | Path,
                 bounds: Bounds | None = None) -> None:
        self.warehouse_path = Path(warehouse_path)
        self.bounds = bounds  # None: the process settings' (``Settings.reports``)
        self.vault = as_vault(evidence)  # a path: the local evidence folder there
        self.warehouse_path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect(read_only=self.warehouse_path.exists()) as con:
            if self._create_tables(con):
                return
        with self.connect() as con:  # a writer only where a table is missing
            self._create_tables(con)

    @classmethod
    def for_seller(cls, settings: Settings, seller_id: str | None = None) -> ReportStore:
        """The seller's store under the claimpilot home (``settings.seller_id`` unless named): the one way
        every face and job opens it. A seller whose home is another node's disk is refused
        (``accounts.nodes.StoreElsewhere``) rather than given a second, empty store here."""
        from claimpilot.accounts.nodes import check_local_store

        check_local_store(settings, seller_id or settings.seller_id, settings.warehouse_path(seller_id))
        return cls(settings.warehouse_path(seller_id), open_vault(settings, seller_id), Bounds.from_settings(settings))

    # --- connections and schema ----------------------------------------
    def connect(self, read_only: bool = False) -> warehouse.WarehouseConnection:
        """A new connection to the warehouse, shared with every other user of the file in this process
        (the caller closes it; writers hold ``con.writing()`` around their transaction)."""
        return warehouse.connect(self.warehouse_path, read_only=read_only)

    @staticmethod
    def _create_tables(con: warehouse.WarehouseConnection) -> bool:
        """Whether every table is there (created if missing, where ``con`` may write)."""
        present = {r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_catalog = current_database()").fetchall()}
        if present >= {k.table for k in KINDS.values()} | {"raw_files"}:
            return True
        if con.read_only:
            return False
        with con.writing():
            ReportStore._create_missing(con)
        return True

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
        """Every file imported, newest first (no server paths): its kind, rows, the dates its rows cover
        (``first_date``, ``last_date``) and when it came in."""
        with self.connect(read_only=True) as con:
            covers: dict[str, tuple[date | None, date | None]] = {}
            for kind in KINDS.values():
                if kind.date_column:
                    col = quote_ident(kind.date_column)
                    covers.update({r[0]: (r[1], r[2]) for r in con.execute(
                        f"SELECT _file, min({col}), max({col}) FROM {quote_ident(kind.table)} GROUP BY _file"
                    ).fetchall()})
            rows = con.execute("SELECT sha256, kind, name, source, rows, rows_added, imported_at FROM raw_files "
                               "ORDER BY imported_at DESC, name").fetchall()
        keys = ("sha256", "kind", "name", "source", "rows", "rows_added", "imported_at")
        out = []
        for r in rows:
            item = dict(zip(keys, r, strict=True))
            first, last = covers.get(item["sha256"], (None, None))
            item["first_date"], item["last_date"] = first, last
            out.append(item)
        return out

    def raw_file(self, sha256: str) -> tuple[str, bytes]:
        """An imported file as it came in (its name and bytes, read back from the evidence vault);
        ``EvidenceMissing`` for a file this store never imported."""
        with self.connect(read_only=True) as con:
            row = con.execute("SELECT name, evidence FROM raw_files WHERE sha256 = ? LIMIT 1", [sha256]).fetchone()
        if row is None:
            raise EvidenceMissing(f"no report file {sha256} was imported for this seller")
        name, where = str(row[0]), str(row[1])
        key = where.replace("\\", "/").rsplit("/", 1)[-1]  # kept under its sha256 and extension, any backend
        return name.replace("\\", "/").rsplit("/", 1)[-1], self.vault.get(key)

    # --- imports ---------------------------------------------------------
    def import_path(self, path: str | Path, source: str = "file", progress: Progress | None = None) -> ImportResult:
        """Import a report file, or every file in a folder (recursively, oldest first, zips opened)."""
        path = Path(path)
        if not path.exists():
            raise ReportError(str(path), None, None, "no such file or folder", message_zh="没有这个文件或文件夹")
        with workdirs.work_dir(self.warehouse_path.parent) as tmp:
            found = downloads.walk(path, tmp, self.bounds)
            return self._import(found, source, progress)

    def import_vault(self, vault: EvidenceVault | None = None, progress: Progress | None = None) -> ImportResult:
        """Import every report file kept in an evidence vault (this store's own by default: a store rebuilt
        on another machine; or another seller's), one file at a time; files this store holds already are
        not read again, and the fetch's financial events are named and skipped."""
        vault = vault or self.vault
        with self.connect(read_only=True) as con:
            known = {str(r[0]) for r in con.execute("SELECT DISTINCT sha256 FROM raw_files").fetchall()}
        result = ImportResult()
        with workdirs.work_dir(self.warehouse_path.parent) as tmp:
            for key in vault.list():
                if key.startswith(downloads.FINANCIAL_EVENTS_FOLDER + "/"):
                    item: downloads.Candidate | downloads.NotAReport = downloads.NotAReport(
                        key, "a fetch's financial events (listFinancialEvents), kept as evidence: not a report")
                elif key.split(".", 1)[0] in known and vault is self.vault:
                    continue
                else:
                    local = tmp / key.replace("/", "_")
                    vault.get_file(key, local)
                    item = downloads.Candidate(local, key)
                one = self._import([item], "evidence", progress)
                result.files += one.files
                result.skipped += one.skipped
                result.refused += one.refused
                if isinstance(item, downloads.Candidate):
                    item.path.unlink(missing_ok=True)
        return result

    def import_bytes(self, data: bytes, name: str, source: str = "sp-api") -> ImportResult:
        """Import one raw report held in memory (a fetched document), which must load: a refused
        or unrecognised document raises ``ReportError``."""
        with workdirs.work_dir(self.warehouse_path.parent) as tmp:
            raw = tmp / "raw"
            raw.write_bytes(data)
            result = self._import([downloads.Candidate(raw, name)], source, None)
        result.raise_refused()
        if result.skipped:
            raise ReportError(name, None, None, f"is {result.skipped[0].what}",
                              message_zh=f"是{result.skipped[0].describe('zh')}")
        return result

    def _import(self, found: list[downloads.Candidate | downloads.NotAReport], source: str,
                progress: Progress | None) -> ImportResult:
        result = ImportResult()
        con = self.connect()
        try:
            with workdirs.work_dir(self.warehouse_path.parent) as tmp, ThreadPoolExecutor(1) as ahead:
                # each file is hashed and checked (``prepare``) in a thread while the one before it loads
                files = [item for item in found if isinstance(item, downloads.Candidate)]
                preparing = [ahead.submit(prepare, files[0].path, files[0].name, tmp, self.bounds)] if files else []
                taken = 0  # candidates taken so far
                for item in found:
                    name = item.name
                    if isinstance(item, downloads.NotAReport):
                        result.skipped.append(SkippedFile(name, item.what, skipped_words.in_chinese(item.what)))
                        if progress:
                            progress(name, "skipped", 0)
                        continue
                    ready, taken = preparing[taken], taken + 1
                    if len(preparing) < len(files):
                        nxt = files[len(preparing)]
                        preparing.append(ahead.submit(prepare, nxt.path, nxt.name, tmp, self.bounds))
                    if progress:
                        size = item.path.stat().st_size
                        progress(name, "reading", size)
                        with query_progress.watching(con, _bytes_read(progress, name, size)):
                            outcome = self._import_file(con, ready, name, source)
                    else:
                        outcome = self._import_file(con, ready, name, source)
                    if isinstance(outcome, FileImport):
                        result.files.append(outcome)
                    elif isinstance(outcome, SkippedFile):
                        result.skipped.append(outcome)
                    else:
                        result.refused.append(outcome)
                    if progress:
                        stage = {FileImport: "done", SkippedFile: "skipped"}.get(type(outcome), "refused")
                        progress(name, stage, outcome.rows_read if isinstance(outcome, FileImport) else 0)
        finally:
            con.close()
        return result

    def _import_file(self, con: warehouse.WarehouseConnection, preparing: Future[Prepared], name: str,
                     source: str) -> FileImport | SkippedFile | RefusedFile:
        """One file, one transaction, under the file's write lock: stored whole, skipped, or refused."""
        started = time.perf_counter()
        try:
            prepared = preparing.result()
        except ReportError as exc:
            return RefusedFile(exc)
        try:
            layout = recognise(prepared)
        except UnknownReportError as exc:
            _drop(prepared)
            if "more than one report kind" in exc.message:
                return RefusedFile(exc)
            return SkippedFile(name, *_what_it_is(exc))
        except ReportError as exc:
            _drop(prepared)
            return RefusedFile(exc)
        written: list[str] = []
        with con.writing():
            try:
                con.execute("BEGIN TRANSACTION")
                done = self._import_one(con, prepared, layout, source, written)
                con.execute("COMMIT")
            except BaseException as exc:
                try:
                    con.execute("ROLLBACK")
                except duckdb.Error:
                    pass
                _forget(self.vault, written)
                if isinstance(exc, ReportError):
                    return RefusedFile(exc)
                raise
            finally:
                importer.drop_stage(con)
                _drop(prepared)
        return FileImport(**{**done.__dict__, "seconds": time.perf_counter() - started})

    def _import_one(self, con: warehouse.WarehouseConnection, prepared: Prepared, layout: Layout, source: str,
                    written: list[str]) -> FileImport:
        name, path = prepared.name, prepared.source_path
        key = f"{prepared.sha256}.{layout.extension}{'.gz' if prepared.gzip else ''}"
        evidence = self.vault.uri(key)
        kind = target(layout.kind).name
        seen = con.execute(
            "SELECT rows FROM raw_files WHERE sha256 = ? AND kind = ? LIMIT 1", [prepared.sha256, kind]
        ).fetchone()
        if seen:
            rows = int(seen[0])
            return FileImport(name, kind, prepared.sha256, rows, 0, rows, 0, evidence, True)
        # the raw file is stored while DuckDB reads it; the rows commit only once it is stored whole
        with evidence_upload.storing(self.vault, key, path, written):
            rows = importer.stage(con, prepared, layout)
            layout = importer.derive(con, layout)
            counts = importer.merge(con, layout, prepared.sha256, rows)
        con.execute(
            "INSERT INTO raw_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [prepared.sha256, layout.kind.name, name, source, rows, counts.rows_added, evidence,
             clock.now_utc().replace(tzinfo=None)],
        )
        return FileImport(
            name, layout.kind.name, prepared.sha256, counts.rows_read, counts.rows_added,
            counts.duplicates_skipped, counts.rows_replaced, evidence,
        )


def _forget(vault: EvidenceVault, keys: list[str]) -> None:
    """Remove the evidence files of an import that did not commit (where the storage still answers)."""
    for key in keys:
        try:
            vault.delete(key)
        except EvidenceUnavailable:
            pass  # content-addressed: a later import of the same file finds it and stores no second copy


def _bytes_read(progress: Progress, name: str, size: int) -> Callable[[float], None]:
    """The query's percent as the bytes of the file read so far."""
    def report(percent: float) -> None:
        progress(name, "progress", int(size * percent / 100))
    return report


def _drop(prepared: Prepared) -> None:
    """Remove the plain UTF-8 copy ``prepare`` made (never the seller's own file)."""
    if prepared.path != prepared.source_path:
        prepared.path.unlink(missing_ok=True)


def _what_it_is(exc: UnknownReportError) -> tuple[str, str]:
    """What a file of no report kind is, in English and in Chinese."""
    if not exc.header:
        return "an empty file", skipped_words.in_chinese("an empty file")
    known = catalogue.identify(exc.header)
    if known:
        return f"{known.title}: not needed, {known.reason}", f"{known.title_zh}：不需要，{known.reason_zh}"
    shown = ", ".join(repr(h) for h in exc.header[:8]) + (" …" if len(exc.header) > 8 else "")
    return (f"not an Amazon report claimpilot reads (its header: {shown})",
            f"不是 claimpilot 读取的亚马逊报告（表头：{shown}）")
