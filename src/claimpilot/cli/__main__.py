"""``python -m claimpilot.cli``: the ``claimpilot`` command."""

from claimpilot.cli import app

app()
