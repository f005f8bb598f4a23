"""Schemathesis against the OpenAPI schema: whatever the schema allows, the server never answers 5xx.

Requests go in-process (ASGI) with a member's API key; about half of the cases
are aimed at the member's own seller account, and at one of its claims, so that
the handlers behind the membership and lookup checks are exercised too. Kept
small: a few examples an operation.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from server_utils import add_member, seed_claims

from claimpilot.accounts.models import ApiKey
from claimpilot.tools.cases.service import CaseService

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed: pip install -e '.[test]'")

EXAMPLES = 5


def test_no_server_error_for_any_request_the_schema_allows(app, server_settings):
    member = add_member(app, "fuzz@acme.test", "acme", "admin")
    seed_claims(server_settings, "acme", 3)
    headers = {"Authorization": f"Bearer {member.token}", "X-API-Key": member.token, "X-Requested-With": "claimpilot"}
    with app.state.sessions() as db:
        own_key = db.query(ApiKey).filter_by(user_id=member.user_id).one().id
    claim_ids = [c["id"] for c in CaseService(server_settings, seller_id="acme").list_claims()]
    statuses: dict[int, int] = {}
    answered: set[str] = set()  # operations that answered 2xx at least once
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    failures: list[str] = []
    calls = 0

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None,
                  derandomize=True)
        def check(case) -> None:
            nonlocal calls
            params = case.path_parameters or {}
            if "seller_id" in params and calls % 2 == 0:
                params["seller_id"] = "acme"
                if "claim_id" in params:
                    params["claim_id"] = claim_ids[calls // 2 % len(claim_ids)]
            if params.get("key_id") == own_key:
                params["key_id"] = own_key + 1000  # keep the fuzzer's own key alive
            for name in list(case.headers or {}):
                if name.lower() in ("authorization", "x-api-key", "cookie"):
                    del case.headers[name]
            case.cookies = {}
            if operation.path.endswith("/chat") and operation.method.upper() == "POST":  # noqa: B023 - run in-loop
                case.body = {**(case.body if isinstance(case.body, dict) else {}), "message": "list my claims"}
            response = case.call(headers=headers)
            calls += 1
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code < 300:
                answered.add(f"{operation.method.upper()} {operation.path}")  # noqa: B023 - run in-loop
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: {response.text[:200]}")

        check()
    assert calls >= len(operations)
    # the fuzzer got past validation and membership into the handlers, not only 4xx answers:
    # every read of the seller's own account or of one of its claims answered at least once
    # (a read that needs another id, such as a shipment's, may rightly answer 404 to every guess)
    reads = {f"GET {o.path}" for o in operations
             if o.method.upper() == "GET" and o.path.startswith("/api/sellers/{seller_id}")
             and set(_path_names(o.path)) <= {"seller_id", "claim_id"} and not _required_query(o)}
    assert reads and reads <= answered, (sorted(reads - answered), statuses)
    assert len(answered) >= len(operations) // 2, (sorted(answered), statuses)
    assert not failures, "\n".join(failures[:10])


def _path_names(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def _required_query(operation) -> bool:
    return any(p.get("in") == "query" and p.get("required") for p in operation.definition.raw.get("parameters", []))
