"""One seller account's data never reaches a member of another, through any API route."""

from __future__ import annotations

import re

import pytest
from server_utils import api_operations, fill_path, seed_claims

from claimpilot.accounts.models import ApiKey

BODY = {"case_id": "1234567890", "reason": "The unit was found.", "message": "list my claims", "approve": True,
        "name": "k", "email": "x@y.z", "password": "p", "sync": True}
SELF_SERVICE = {"/api/me", "/api/me/keys", "/api/me/password", "/api/sellers", "/api/auth/login", "/api/auth/logout",
                "/api/auth/session",
                "/api/amazon/callback", "/api/amazon/connect",  # bound to the person's own single-use state
                "/api/auth/invitations/accept",  # the invitation's own single-use token names the seller account
                "/healthz"}


def _call(client, method: str, path: str, headers: dict):
    if method == "POST" and path.endswith("/reports"):
        return client.post(path, headers=headers, files=[("files", ("ledger.csv", b"Date,FNSKU\n2026-01-01,X1\n"))])
    if method in ("POST", "PUT", "PATCH"):
        return client.request(method, path, headers=headers, json=BODY)
    return client.request(method, path, headers=headers)


pytestmark = pytest.mark.parametrize("server_settings", ["sqlite", "postgres"], indirect=True)

@pytest.fixture
def acme_claims(server_settings, alice):
    seed_claims(server_settings, "acme", 6)
    return alice


def _acme_secrets(client, alice) -> list[str]:
    claims = client.get("/api/sellers/acme/claims", headers=alice.headers).json()["items"]
    assert claims, "acme has claims to protect"
    return [c["reference_id"] for c in claims] + [alice.email, "acme"]


def test_every_seller_route_refuses_another_tenants_member(app, client, acme_claims, mallory):
    alice = acme_claims
    secrets = _acme_secrets(client, alice)
    claim_id = client.get("/api/sellers/acme/claims", headers=alice.headers).json()["items"][0]["id"]
    with app.state.sessions() as db:
        alice_key = db.query(ApiKey).filter_by(user_id=alice.user_id).first().id
    tried = 0
    for route_path, method in api_operations(app):
        if route_path in SELF_SERVICE:
            continue
        assert "{seller_id}" in route_path or "{key_id}" in route_path, f"{route_path}: whose data is this?"
        path = fill_path(route_path, claim_id=claim_id, key_id=alice_key)
        r = _call(client, method, path, mallory.headers)
        assert r.status_code in (403, 404), (method, path, r.status_code, r.text[:200])
        assert not any(s in r.text for s in secrets[:-1]), (method, path, r.text[:200])
        tried += 1
    assert tried >= 14


def test_another_tenants_claim_ids_are_not_found_through_ones_own_account(app, client, acme_claims, mallory):
    alice = acme_claims
    secrets = _acme_secrets(client, alice)
    claim_id = client.get("/api/sellers/acme/claims", headers=alice.headers).json()["items"][0]["id"]
    tried = 0
    for route_path, method in api_operations(app):
        if "{claim_id}" not in route_path:
            continue
        path = fill_path(route_path, seller_id="globex", claim_id=claim_id)
        r = _call(client, method, path, mallory.headers)
        assert r.status_code == 404, (method, path, r.status_code, r.text[:200])
        assert not any(s in r.text for s in secrets[:-1])
        tried += 1
    assert tried >= 6
    page = client.get("/api/sellers/globex/claims", headers=mallory.headers).json()
    assert page["total"] == 0 and page["items"] == []
    export = client.get("/api/sellers/globex/claims/export", headers=mallory.headers).text
    assert not any(s in export for s in secrets[:-1])


def test_self_service_routes_show_only_the_callers_own(app, client, acme_claims, mallory):
    alice = acme_claims
    for path in ("/api/me", "/api/me/keys", "/api/sellers"):
        text = client.get(path, headers=mallory.headers).text
        assert "acme" not in text and alice.email not in text
    assert client.get("/api/me", headers=alice.headers).status_code == 200


def test_a_member_of_both_sees_each_only_under_its_own_id(app, client, server_settings, acme_claims):
    from server_utils import add_member

    both = add_member(app, "agency@example.test", "acme", "viewer")
    add_member(app, "agency@example.test", "globex", "operator")
    seed_claims(server_settings, "globex", 2)
    sellers = {s["seller_id"]: s["role"] for s in client.get("/api/sellers", headers=both.headers).json()}
    assert sellers == {"acme": "viewer", "globex": "operator"}
    acme = client.get("/api/sellers/acme/claims", headers=both.headers).json()
    globex = client.get("/api/sellers/globex/claims", headers=both.headers).json()
    assert (acme["total"], globex["total"]) == (6, 2)
    assert not set(c["id"] for c in acme["items"]) & set(c["id"] for c in globex["items"])
    assert client.post("/api/sellers/acme/audit", headers=both.headers, json={}).status_code == 403


def test_seller_ids_in_paths_cannot_climb_out(client, alice):
    for bad in ("..", "acme%2F..%2Fglobex", "acme/../globex"):
        r = client.get(f"/api/sellers/{bad}/claims", headers=alice.headers)
        assert r.status_code in (404, 422), (bad, r.status_code)
        assert not re.search(r"REF\d{5}", r.text)


def test_routes_left_out_of_the_schema_refuse_another_tenant_too(app, client, acme_claims, mallory):
    """Every route of a seller router, in the schema or not (e.g. a signed provider push)."""
    from claimpilot.server.routes import SELLER_ROUTERS

    in_schema = set(api_operations(app))
    every = {(f"/api/sellers/{{seller_id}}{route.path}", method) for router in SELLER_ROUTERS
             for route in router.routes for method in getattr(route, "methods", ()) if method != "HEAD"}
    assert {op for op in in_schema if "{seller_id}/" in op[0]} <= every  # the walk sees every route
    hidden = sorted(every - in_schema)
    for route_path, method in hidden:
        path = fill_path(route_path)
        r = _call(client, method, path, mallory.headers)
        assert r.status_code in (401, 403, 404), (method, path, r.status_code)
        assert "REF0" not in r.text and "acme" not in r.text.replace(path, "")
