"""Celery workers and beat: the per-seller jobs as tasks on Redis, for a team or an agency."""
