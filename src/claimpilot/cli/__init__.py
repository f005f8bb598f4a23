"""The ``claimpilot`` command (a face): this package gathers every command group.

Each capability keeps its commands beside its code, in a ``cli.py`` with a
``register(app)`` function that depends only on its own layer and below; the
commands that compose several layers live here (``cli/sellers.py``) or with
the sandbox (``sandbox/cli.py``: demo, emulators, the chat evaluation). Heavy imports stay
inside the command functions so that ``claimpilot --help`` answers at once.
"""

from __future__ import annotations

import importlib
import sys

import typer


class _Command(typer.Typer):
    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            from claimpilot.tools.reports.warehouse import WarehouseBusy

            if not isinstance(exc, WarehouseBusy):
                raise
            print(f"error: {exc}", file=sys.stderr)  # one line, not a DuckDB traceback
            raise SystemExit(1) from None


app = _Command(
    name="claimpilot",
    help="Finds, files and follows the money Amazon owes an FBA seller.",
    no_args_is_help=True,
    add_completion=False,
)

COMMAND_MODULES = (
    "claimpilot.sandbox.cli",
    "claimpilot.tools.audit.cli",
    "claimpilot.server.cli",
    "claimpilot.tools.reports.cli",
    "claimpilot.tools.reports.fetch.cli",
    "claimpilot.knowledge.cli",
    "claimpilot.tools.cases.cli",
    "claimpilot.agent.cli",
    "claimpilot.tools.logistics.cli",
    "claimpilot.tools.buyers.cli",
    "claimpilot.cli.sellers",
    "claimpilot.scheduler.cli",
    "claimpilot.workers.cli",
)

for _module in COMMAND_MODULES:
    importlib.import_module(_module).register(app)

