"""Puts a Python process that a test starts (a Celery worker, a second CLI) on the test's clock.

The tests' conftest puts this folder on PYTHONPATH and sets CLAIMPILOT_TEST_CLOCK_SHIFT
(seconds between the test clock and the machine's); every Python started with that
environment then reads the same moved time through ``claimpilot.clock``, the one place
product code reads the time. Only that clock moves: a Celery worker whose whole process
runs on a moved ``time.time`` (time-machine) never takes a task off its Redis queue, and
the libraries below claimpilot have no reason to see another date.
"""

import os

_shift = os.environ.get("CLAIMPILOT_TEST_CLOCK_SHIFT")
if _shift:
    try:
        import claimpilot.clock as _clock
    except ImportError:  # a Python that does not have claimpilot installed
        _clock = None
    if _clock is not None:
        from datetime import timedelta

        _machine_now = _clock.now_utc
        _delta = timedelta(seconds=float(_shift))

        def _moved_now():
            return _machine_now() + _delta

        _moved_now.__doc__ = _machine_now.__doc__
        _clock.now_utc = _moved_now
