"""``claimpilot kb ingest|search|stats`` and ``claimpilot ask``."""

from __future__ import annotations

import json
from typing import Annotated

import typer

kb_app = typer.Typer(help="The policy knowledge base (Chroma, offline embeddings).", no_args_is_help=True)


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


def ask_command(
    question: Annotated[str, typer.Argument(help="a policy question, in Chinese or English")],
    marketplace: Annotated[str | None, typer.Option(help="only passages for this marketplace")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
) -> None:
    """Answer a question about Amazon's policies, citing the passages it rests on."""
    from claimpilot.knowledge.answer import answer_policy_question

    result = answer_policy_question(question, marketplace=marketplace)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    typer.echo(result["answer"])
    for n, citation in enumerate(result["citations"], 1):
        typer.echo(f"  [{n}] {citation['source']}")


def register(app: typer.Typer) -> None:
    """Add ``kb`` and ``ask`` to the claimpilot command."""
    app.add_typer(kb_app, name="kb")
    app.command("ask")(ask_command)
