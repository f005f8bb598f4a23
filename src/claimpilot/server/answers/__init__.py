"""The response models of the JSON routes, so that ``/docs`` shows what each answer holds.

Each model names the fields a client relies on; ``Answer`` keeps any further field the domain adds
(``extra="allow"``), so a new field reaches the client before its model names it. One module per group
of routes: ``claims`` (claims, packets, audit, dashboard, reports), ``buyers``, ``shipments``, ``chat``,
``jobs``. ``tests/server/test_response_models.py`` checks that every JSON route declares one.
"""

from claimpilot.server.answers.base import Answer

__all__ = ["Answer"]
