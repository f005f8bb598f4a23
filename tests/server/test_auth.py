"""Logging in and out, API keys, roles, and what an unauthenticated caller gets."""

from __future__ import annotations

from server_utils import PASSWORD, add_member, api_operations, fill_path

from claimpilot.accounts import security
from claimpilot.accounts.models import ApiKey, User

PUBLIC = {("/healthz", "GET"), ("/api/auth/login", "POST"), ("/api/auth/logout", "POST"), ("/api/auth/session", "GET"),
          ("/api/amazon/callback", "GET"),  # Amazon's redirect: no cookie comes with it; it only hands over to the page
          ("/api/auth/invitations/accept", "POST")}  # the invitation's token is its credential


def test_login_sets_a_session_that_reads_me_and_logout_ends_it(client, alice):
    assert client.get("/api/auth/session").json() == {"user": None}
    assert client.post("/api/auth/login", json={"email": alice.email, "password": "wrong-password"}).status_code == 401
    r = client.post("/api/auth/login", json={"email": "ALICE@acme.test ", "password": PASSWORD})
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    me = client.get("/api/me").json()
    assert me["email"] == alice.email
    assert me["sellers"] == [{"seller_id": "acme", "name": "acme", "marketplace": "US", "role": "admin"}]
    assert client.get("/api/auth/session").json()["user"]["email"] == alice.email
    assert client.post("/api/auth/logout").status_code == 204
    assert client.get("/api/me").status_code == 401
    assert client.get("/api/auth/session").json() == {"user": None}


def test_a_stolen_cookie_is_dead_after_logout_and_a_forged_one_never_works(client, alice):
    client.post("/api/auth/login", json={"email": alice.email, "password": PASSWORD})
    cookie = client.cookies.get("claimpilot_session")
    token, _, _sig = cookie.rpartition(".")

    def me_with(value: str) -> int:
        client.cookies.clear()
        client.cookies.set("claimpilot_session", value)
        return client.get("/api/me").status_code

    assert me_with(f"{token}.{'A' * 43}") == 401
    assert me_with(cookie) == 200
    client.post("/api/auth/logout")
    assert me_with(cookie) == 401


def test_cookie_writes_need_the_page_header(client, alice):
    client.post("/api/auth/login", json={"email": alice.email, "password": PASSWORD})
    assert client.post("/api/me/keys", json={"name": "x"}).status_code == 403
    r = client.post("/api/me/keys", json={"name": "x"}, headers={"X-Requested-With": "claimpilot"})
    assert r.status_code == 201


def test_api_key_by_bearer_or_header_stored_only_hashed_and_revocable(app, client, alice):
    assert client.get("/api/me", headers=alice.headers).json()["email"] == alice.email
    assert client.get("/api/me", headers={"X-API-Key": alice.token}).status_code == 200
    with app.state.sessions() as db:
        rows = db.query(ApiKey).all()
        stored = " ".join(f"{k.prefix} {k.key_hash}" for k in rows)
        assert alice.token not in stored
        assert any(k.key_hash == security.sha256_hex(alice.token) for k in rows)
        assert alice.token.startswith(rows[0].prefix + "_")
    made = client.post("/api/me/keys", headers=alice.headers, json={"name": "script"}).json()
    listed = client.get("/api/me/keys", headers=alice.headers).json()
    assert all("token" not in k for k in listed) and made["prefix"] in {k["prefix"] for k in listed}
    assert client.delete(f"/api/me/keys/{made['id']}", headers=alice.headers).status_code == 204
    assert client.get("/api/me", headers={"X-API-Key": made["token"]}).status_code == 401
    assert client.get("/api/me", headers=alice.headers).status_code == 200


def test_passwords_are_salted_scrypt(app, alice):
    with app.state.sessions() as db:
        user = db.query(User).filter_by(email=alice.email).one()
    assert user.password_hash.startswith("scrypt$") and PASSWORD not in user.password_hash
    assert security.verify_password(PASSWORD, user.password_hash)
    assert security.hash_password(PASSWORD) != security.hash_password(PASSWORD)


def test_every_api_route_refuses_an_unauthenticated_caller(app, client, alice):
    tried = 0
    for route_path, method in api_operations(app):
        if (route_path, method) in PUBLIC:
            continue
        path = fill_path(route_path)
        r = client.request(method, path, json={})
        assert r.status_code == 401, (method, path, r.status_code, r.text)
        assert "acme" not in r.text
        tried += 1
    assert tried >= 15


def test_roles_viewer_reads_operator_works_only_approver_submits(app, client):
    viewer = add_member(app, "v@acme.test", "acme", "viewer")
    operator = add_member(app, "o@acme.test", "acme", "operator")
    assert client.get("/api/sellers/acme/claims", headers=viewer.headers).status_code == 200
    assert client.post("/api/sellers/acme/audit", headers=viewer.headers, json={}).status_code == 403
    r = client.post("/api/sellers/acme/claims/1/submitted", headers=operator.headers, json={"case_id": "123"})
    assert r.status_code == 403 and "approver" in r.json()["detail"]
    r = client.post("/api/sellers/acme/chat/t1/decision", headers=operator.headers, json={"approve": True})
    assert r.status_code == 403


def test_healthz_and_openapi(client):
    assert client.get("/healthz").json()["status"] == "ok"
    schema = client.get("/openapi.json").json()
    assert "/api/sellers/{seller_id}/claims" in schema["paths"]
    docs = client.get("/docs").text
    assert "/static-offline-docs/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
