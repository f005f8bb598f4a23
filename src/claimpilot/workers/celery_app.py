"""``celery -A claimpilot.workers.celery_app``: the app built from the environment's Settings."""

from claimpilot.workers.app import make_app

app = make_app()
