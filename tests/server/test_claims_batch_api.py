"""The claims list names each claim's product (title and ASIN from the seller's own reports, by FNSKU, else by
SKU), and several claims are marked submitted at once: each under its own case id or the batch's; a claim
that cannot be filed is refused with its reason and left as it was."""

from __future__ import annotations

import csv
import io

import pytest
from claims_products import BY_SKU, TITLES, import_product_ledger
from server_utils import add_member, seed_claims

pytestmark = pytest.mark.parametrize("server_settings", ["sqlite", "postgres"], indirect=True)
BASE = "/api/sellers/acme/claims"


def _by_ref(client, alice) -> dict[str, dict]:
    items = client.get(BASE, params={"limit": 500}, headers=alice.headers).json()["items"]
    return {c["reference_id"]: c for c in items}


def test_each_claim_names_its_product_from_the_sellers_reports(client, alice, server_settings):
    seed_claims(server_settings, "acme", 5)
    before = _by_ref(client, alice)
    assert all(c["title"] is None and c["asin"] is None for c in before.values())
    import_product_ledger(server_settings, "acme")
    claims = _by_ref(client, alice)
    for n, (asin, title) in {**TITLES, **BY_SKU}.items():
        assert (claims[f"REF{n:05d}"]["asin"], claims[f"REF{n:05d}"]["title"]) == (asin, title)
    assert (claims["REF00003"]["asin"], claims["REF00003"]["title"]) == (None, None)
    export = client.get(f"{BASE}/export", params={"id": [claims["REF00001"]["id"], claims["REF00002"]["id"]]},
                        headers=alice.headers)
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert sorted((r["reference_id"], r["asin"], r["title"]) for r in rows) == [
        ("REF00001", *TITLES[1]), ("REF00002", *BY_SKU[2])]


def test_a_batch_is_filed_and_what_cannot_be_filed_is_refused(client, alice, server_settings):
    seed_claims(server_settings, "acme", 6)
    claims = _by_ref(client, alice)
    ids = [claims[f"REF{n:05d}"]["id"] for n in range(6)]
    assert client.post(f"{BASE}/{ids[3]}/submitted", json={"case_id": "1000000003"},
                       headers=alice.headers).status_code == 200
    body = {"case_id": "2000000000", "claims": [{"id": ids[0], "case_id": "1000000000"}, {"id": ids[1]},
                                                {"id": ids[2]}, {"id": ids[3]}, {"id": 2**31 - 1}]}
    r = client.post(f"{BASE}/submitted", json=body, headers=alice.headers)
    assert r.status_code == 200, r.text
    assert sorted(r.json()["submitted"]) == sorted(ids[:3])
    assert r.json()["refused"] == [{"claim_id": ids[3], "reason": "not_claimable", "status": "submitted"},
                                   {"claim_id": 2**31 - 1, "reason": "not_found", "status": None}]
    after = {c["id"]: c for c in _by_ref(client, alice).values()}
    assert [(after[i]["status"], after[i]["amazon_case_id"]) for i in ids] == [
        ("submitted", "1000000000"), ("submitted", "2000000000"), ("submitted", "2000000000"),
        ("submitted", "1000000003"), ("claimable", None), ("claimable", None)]
    found = client.get(BASE, params={"q": "2000000000"}, headers=alice.headers).json()["items"]
    assert sorted(c["id"] for c in found) == sorted(ids[1:3])


def test_a_batch_needs_a_case_id_for_every_claim_and_an_approver(client, alice, app, server_settings):
    seed_claims(server_settings, "acme", 2)
    ids = [c["id"] for c in _by_ref(client, alice).values()]
    r = client.post(f"{BASE}/submitted", json={"claims": [{"id": ids[0], "case_id": "3000000000"}, {"id": ids[1]}]},
                    headers={**alice.headers, "Accept-Language": "zh-CN"})
    assert r.status_code == 422 and r.json()["code"] == "case_id_missing"
    assert str(ids[1]) in r.json()["detail"] and "案件编号" in r.json()["detail"]
    assert all(c["status"] == "claimable" for c in _by_ref(client, alice).values())  # nothing half-filed
    olga = add_member(app, "olga@acme.test", "acme", "operator")
    r = client.post(f"{BASE}/submitted", json={"case_id": "3000000000", "claims": [{"id": ids[0]}]},
                    headers=olga.headers)
    assert r.status_code == 403
    assert client.post(f"{BASE}/submitted", json={"case_id": "30 00", "claims": [{"id": ids[0]}]},
                       headers=alice.headers).status_code == 422


def test_the_list_shows_a_change_made_behind_the_servers_back(client, alice, server_settings):
    """The list is answered from a cache while the seller's data stands still: a claim changed by another
    process (here a plain SQL statement) shows at once all the same."""
    from sqlalchemy import create_engine, text

    seed_claims(server_settings, "acme", 3)
    first = client.get(BASE, headers=alice.headers).json()["items"]
    assert client.get(BASE, headers=alice.headers).json()["items"] == first
    engine = create_engine(server_settings.operational_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE claims SET status = 'expired' WHERE id = :id"), {"id": first[0]["id"]})
    finally:
        engine.dispose()
    again = {c["id"]: c["status"] for c in client.get(BASE, headers=alice.headers).json()["items"]}
    assert again[first[0]["id"]] == "expired" and list(again.values()).count("claimable") == 2


def test_a_revoked_key_or_a_removed_member_is_refused_at_once(client, alice, app, server_settings):
    """Who may read the list is kept between requests too, but only while the accounts stand still."""
    from claimpilot.accounts import members as accounts

    seed_claims(server_settings, "acme", 2)
    olga = add_member(app, "olga@acme.test", "acme", "viewer")
    for _ in range(2):
        assert client.get(BASE, headers=olga.headers).status_code == 200
    assert client.delete(f"/api/sellers/acme/members/{olga.user_id}", headers=alice.headers).status_code == 204
    assert client.get(BASE, headers=olga.headers).status_code == 404
    assert client.get(BASE, headers=alice.headers).status_code == 200
    with app.state.sessions() as db:
        key = next(k for k in accounts.list_api_keys(db, alice.user_id))
        accounts.revoke_api_key(db, str(key.id))
        db.commit()
    assert client.get(BASE, headers=alice.headers).status_code == 401


def _behind_the_servers_back(server_settings, sql: str, **params) -> None:
    """A plain SQL statement from a connection of its own, as another process would make it."""
    from sqlalchemy import create_engine, text

    engine = create_engine(server_settings.operational_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql), params)
    finally:
        engine.dispose()


def test_access_ended_by_another_process_is_refused_at_once(client, alice, app, server_settings):
    """A kept answer and a kept access do not outlive a key revoked, a member removed or a user deactivated
    by another process: the next request is refused, the other callers still answered."""
    seed_claims(server_settings, "acme", 2)
    olga = add_member(app, "olga@acme.test", "acme", "viewer")
    ivan = add_member(app, "ivan@acme.test", "acme", "viewer")
    for member in (alice, olga, ivan):
        for _ in range(2):
            assert client.get(BASE, headers=member.headers).status_code == 200
    _behind_the_servers_back(server_settings, "DELETE FROM memberships WHERE user_id = :id", id=olga.user_id)
    assert client.get(BASE, headers=olga.headers).status_code == 404
    _behind_the_servers_back(server_settings, "UPDATE api_keys SET revoked_at = CURRENT_TIMESTAMP "
                                              "WHERE user_id = :id", id=alice.user_id)
    assert client.get(BASE, headers=alice.headers).status_code == 401
    _behind_the_servers_back(server_settings, "UPDATE users SET is_active = :no WHERE id = :id",
                             no=False, id=ivan.user_id)
    assert client.get(BASE, headers=ivan.headers).status_code == 401
    assert client.get(BASE, headers=ivan.headers).status_code == 401


def test_the_list_is_answered_after_the_database_dropped_its_connections(client, alice, app, server_settings):
    """The per-request version read survives its pooled connections being closed by the database (a restart,
    an idle timeout): the next requests are answered on fresh connections."""
    from sqlalchemy import create_engine, text

    if server_settings.operational_url.startswith("sqlite"):
        pytest.skip("SQLite has no server to drop a connection")
    seed_claims(server_settings, "acme", 2)
    assert client.get(BASE, headers=alice.headers).status_code == 200
    pooled = [app.state.counters.raw_connection() for _ in range(3)]  # three in the pool, all to be dropped
    pids = [c.dbapi_connection.info.backend_pid for c in pooled]
    for c in pooled:
        c.close()
    engine = create_engine(server_settings.operational_url)
    try:
        with engine.begin() as conn:
            for pid in pids:
                assert conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    finally:
        engine.dispose()
    for _ in range(3):
        assert client.get(BASE, headers=alice.headers).status_code == 200
