"""``claimpilot worker`` and ``claimpilot beat``: Celery on Redis, for a team or an agency."""

from __future__ import annotations

import os
import socket

import typer


def default_name(node: str = "") -> str:
    """A worker name unique on this host: two workers on one machine are told apart in the run history
    (``<node>-w<pid>@hostname`` for a worker of a home node)."""
    return f"{node + '-' if node else ''}w{os.getpid()}@{socket.gethostname()}"


def _register(settings, node: str) -> None:
    """Record ``node`` and this worker's home, the folder its sellers' warehouses live in."""
    from claimpilot.accounts.nodes import NodeError, register_node
    from claimpilot.db import session_factory

    try:
        with session_factory(settings).begin() as db:
            register_node(db, node, str(settings.home.resolve()))
    except NodeError as exc:
        typer.secho(str(exc), fg="red", err=True)
        raise typer.Exit(1) from None


def worker(concurrency: int = typer.Option(1, help="tasks at once (pool children)"),
           pool: str = typer.Option("prefork", help="prefork or solo"),
           name: str = typer.Option(None, help="worker name, unique per worker (default: [node-]w<pid>@hostname)"),
           node: str = typer.Option(None, help="the home node this worker belongs to: it runs the jobs of the "
                                               "sellers whose warehouses live in its CLAIMPILOT_HOME "
                                               "(queue <queue>.node.<NODE>), and the shared queue's"),
           loglevel: str = typer.Option("INFO")) -> None:
    """Run a Celery worker for the per-seller jobs (broker: settings scheduler.broker_url)."""
    from claimpilot.accounts.nodes import queue_for
    from claimpilot.config import get_settings
    from claimpilot.db import ensure_schema
    from claimpilot.db.engine import dispose_all
    from claimpilot.workers.app import make_app

    settings = get_settings()
    node = node or settings.scheduler.node
    ensure_schema(settings)  # once, before the pool forks: children never race to migrate
    queues = [settings.scheduler.queue]
    if node:
        _register(settings, node)
        settings = settings.model_copy(update={"scheduler": settings.scheduler.model_copy(update={"node": node})})
        queues.insert(0, queue_for(settings.scheduler.queue, node))
    dispose_all()  # and inherit no open database connection
    app = make_app(settings)
    argv = ["worker", f"--pool={pool}", f"--concurrency={concurrency}", f"--loglevel={loglevel}",
            f"--queues={','.join(queues)}", "--without-gossip", "--without-mingle",
            f"--hostname={name or default_name(node or '')}"]
    app.worker_main(argv)


def beat(loglevel: str = typer.Option("INFO")) -> None:
    """Run Celery beat: every scheduler.tick_s seconds it queues the seller jobs that are due."""
    from claimpilot.config import get_settings
    from claimpilot.db import ensure_schema
    from claimpilot.workers.app import make_app

    settings = get_settings()
    ensure_schema(settings)
    settings.home.mkdir(parents=True, exist_ok=True)  # beat keeps its schedule file there
    app = make_app()
    app.start(["beat", f"--loglevel={loglevel}"])


def register(app: typer.Typer) -> None:
    app.command("worker")(worker)
    app.command("beat")(beat)
