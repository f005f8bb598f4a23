"""``claimpilot worker`` and ``claimpilot beat``: Celery on Redis, for a team or an agency."""

from __future__ import annotations

import os
import socket

import typer


def default_name() -> str:
    """A node name unique on this host: two workers on one machine are told apart in the run history."""
    return f"w{os.getpid()}@{socket.gethostname()}"


def worker(concurrency: int = typer.Option(1, help="tasks at once (pool children)"),
           pool: str = typer.Option("prefork", help="prefork or solo"),
           name: str = typer.Option(None, help="worker node name, unique per worker (default: w<pid>@hostname)"),
           loglevel: str = typer.Option("INFO")) -> None:
    """Run a Celery worker for the per-seller jobs (broker: settings scheduler.broker_url)."""
    from claimpilot.config import get_settings
    from claimpilot.db import ensure_schema
    from claimpilot.db.engine import dispose_all
    from claimpilot.workers.app import make_app

    ensure_schema(get_settings())  # once, before the pool forks: children never race to migrate
    dispose_all()  # and inherit no open database connection
    app = make_app()
    argv = ["worker", f"--pool={pool}", f"--concurrency={concurrency}", f"--loglevel={loglevel}",
            f"--queues={app.conf.task_default_queue}", "--without-gossip", "--without-mingle",
            f"--hostname={name or default_name()}"]
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
