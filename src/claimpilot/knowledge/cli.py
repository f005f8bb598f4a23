"""``claimpilot kb ingest|search|stats|watch``, and the policy answer behind ``claimpilot ask`` (agent/cli.py)."""

from __future__ import annotations

import json
import re
from typing import Annotated

import typer

kb_app = typer.Typer(help="The policy knowledge base (Chroma, offline embeddings) and the watch on its sources.",
                     no_args_is_help=True)


@kb_app.command("ingest")
def ingest_command() -> None:
    """Load the policy corpus into the vector store (only changed passages are re-embedded)."""
    from claimpilot.knowledge.corpus import CorpusError
    from claimpilot.knowledge.ingest import ingest

    try:
        result = ingest()
    except CorpusError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{result.total} passages: {len(result.added)} added, {len(result.updated)} updated, "
               f"{len(result.removed)} removed, {result.unchanged} unchanged; "
               f"{len(result.embedded)} embedded now, the rest from the shipped embeddings")


@kb_app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="what to look for, in Chinese or English")],
    k: Annotated[int, typer.Option("-k", help="how many passages")] = 4,
    language: Annotated[str | None, typer.Option(help="only passages in en or zh")] = None,
    marketplace: Annotated[str | None, typer.Option(help="only passages for US, EU, DE, JP, ...")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """The passages nearest in meaning to QUERY."""
    from claimpilot.knowledge.retrieve import search_policy

    found = search_policy(query, k=k, language=language, marketplace=marketplace)
    if as_json:
        typer.echo(json.dumps([p.to_dict() for p in found], ensure_ascii=False, indent=2))
        return
    for rank, p in enumerate(found, 1):
        typer.echo(f"{rank}. [{p.score:.3f}] {p.title}  ({p.id})")
        typer.echo(f"   {p.source}; effective {p.effective}; {p.marketplace}")
        typer.echo(f"   {p.text[:240]}{'…' if len(p.text) > 240 else ''}")


@kb_app.command("stats")
def stats_command() -> None:
    """How many passages the store holds, by language and topic, and where it is."""
    from collections import Counter

    from claimpilot.config import get_settings
    from claimpilot.knowledge.store import get_collection

    settings = get_settings()
    stored = get_collection(settings).get(include=["metadatas"])
    metas = [m or {} for m in stored["metadatas"]]
    where = (f"{settings.knowledge.chroma_host}:{settings.knowledge.chroma_port}"
             if settings.knowledge.chroma_host else str(settings.chroma_path))
    typer.echo(f"store: {where}  collection: {settings.knowledge.collection}  passages: {len(metas)}")
    for language, n in sorted(Counter(m.get("language") for m in metas).items()):
        typer.echo(f"  language {language}: {n}")
    for topic, n in sorted(Counter(m.get("topic") for m in metas).items()):
        typer.echo(f"  topic {topic}: {n}")


@kb_app.command("watch")
def watch_command(
    accept: Annotated[list[str] | None, typer.Option(
        "--accept", help="mark a page reviewed after updating the knowledge (a key of sources.yaml, or 'all')")] = None,
    sources_file: Annotated[str | None, typer.Option("--sources", help="another sources file to watch")] = None,
    timeout: Annotated[float, typer.Option(help="seconds to wait for each page")] = 20.0,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Fetch every page the policy knowledge cites and report those changed since they were reviewed.

    Exits 3 when a page changed (for a cron job to notice), 0 otherwise."""
    from pathlib import Path

    from claimpilot.config import get_settings
    from claimpilot.knowledge.sources import SourceError, load_sources
    from claimpilot.knowledge.watch import accept as accept_pages
    from claimpilot.knowledge.watch import watch

    home = get_settings().home
    try:
        sources = load_sources(Path(sources_file) if sources_file else None)
        if accept:
            done = accept_pages(home, accept, sources)
            typer.echo(f"accepted as reviewed: {', '.join(done) or 'nothing (no page fetched yet)'}")
            return
    except (SourceError, KeyError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    report = watch(home, sources, timeout=timeout)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        counts = report.to_json()["counts"]
        typer.echo(", ".join(f"{n} {s.replace('_', ' ')}" for s, n in counts.items() if n) or "no page watched")
        for page in report.pages:
            if page.status != "unchanged":
                extra = (f" since {page.changed_since}" if page.changed_since
                         else f": {page.error}" if page.error else "")
                typer.echo(f"  {page.status:<11} {page.key} (checked {page.checked}){extra}\n              {page.url}")
        if report.by_status("changed"):
            typer.echo("Review the changed pages, update the corpus or the policy data, then: "
                       "claimpilot kb watch --accept KEY")
    if report.by_status("changed"):
        raise typer.Exit(3)


def print_answer(result: dict, as_json: bool) -> None:
    """A policy answer as ``claimpilot ask`` prints it: the answer and its numbered sources, or one JSON object."""
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    typer.echo(result["answer"])
    if re.search(r"^(?:来源：|Sources:)", result["answer"], re.M):
        return  # the answer lists its sources, in the asker's language
    for n, citation in enumerate(result["citations"], 1):
        typer.echo(f"  [{n}] {citation['source']}")


def register(app: typer.Typer) -> None:
    """Add ``kb`` to the claimpilot command."""
    app.add_typer(kb_app, name="kb")
