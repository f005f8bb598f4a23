"""Puts a Python process that a test starts (a Celery worker, a second CLI) on the test's clock.

The tests' conftest puts this folder on PYTHONPATH and sets CLAIMPILOT_TEST_CLOCK_SHIFT
(seconds between the test clock and the machine's); every Python started with that
environment then reads the same moved time as the test that started it.
"""

import os

_shift = os.environ.get("CLAIMPILOT_TEST_CLOCK_SHIFT")
if _shift:
    from datetime import UTC, datetime, timedelta

    import time_machine

    time_machine.travel(datetime.now(UTC) + timedelta(seconds=float(_shift)), tick=True).start()
