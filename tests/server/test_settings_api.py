"""A seller account's settings through the API, as its admin uses them from the page: schedules, alert
channels with a test send to a local receiver, members and roles, a password change; secrets never come
back, and other roles are refused."""

from __future__ import annotations

from server_utils import PASSWORD, add_member

from receivers import Receiver

ZH = {"Accept-Language": "zh-CN"}


def test_an_admin_sets_schedules_and_alert_channels_and_sends_a_test(client, alice):
    base = "/api/sellers/acme/settings"
    view = client.get(base, headers=alice.headers).json()
    assert view["amazon"] == {"connected": False, "region": None} and not view["mailbox"]["configured"]
    assert {s["kind"] for s in view["schedules"]} >= {"scan", "digest", "buyer_mail", "tracking"}
    assert not any(s["enabled"] for s in view["schedules"])

    view = client.put(f"{base}/schedules/scan", json={"at_utc": "06:30"}, headers=alice.headers).json()
    assert {"kind": "scan", "enabled": True, "at_utc": "06:30", "every_minutes": None} in view["schedules"]
    [job] = client.get("/api/sellers/acme/jobs", headers=alice.headers).json()
    assert (job["kind"], job["at_utc"], job["enabled"]) == ("scan", "06:30", True)
    both = {"at_utc": "06:30", "every_minutes": 30}
    r = client.put(f"{base}/schedules/scan", json=both, headers={**alice.headers, **ZH})
    assert r.status_code == 422 and r.json()["detail"].startswith("输入有误")
    r = client.put(f"{base}/schedules/scan", json={"at_utc": "6.30"}, headers={**alice.headers, **ZH})
    assert r.status_code == 422 and r.json()["message"] == "“at_utc”格式不对"

    receiver = Receiver().start()
    try:
        url = f"{receiver.url}/hook"
        r = client.put(f"{base}/alerts", json={"webhook_url": url, "webhook_secret": "s3cret-hook"},
                       headers=alice.headers)
        assert r.status_code == 200 and r.json()["alerts"]["channels"] == ["webhook"]
        assert url not in r.text and "s3cret-hook" not in r.text
        assert url not in client.get(base, headers=alice.headers).text
        sent = client.post(f"{base}/alerts/test", headers=alice.headers).json()
        assert sent == {"channels": {"webhook": "sent"}, "errors": {}}
        [got] = receiver.received
        assert got.path == "/hook" and got.json()["kind"] == "test"
    finally:
        receiver.stop()


def test_members_are_added_changed_and_removed_and_an_account_keeps_an_admin(client, alice):
    base = "/api/sellers/acme/members"
    r = client.post(base, json={"email": "bob@acme.test", "role": "operator", "password": "bob-first-pass"},
                    headers=alice.headers)
    assert r.status_code == 201 and {"email": "bob@acme.test", "role": "operator"}.items() <= r.json()[-1].items()
    bob_id = r.json()[-1]["user_id"]
    bob = {"email": "bob@acme.test", "password": "bob-first-pass"}
    assert client.post("/api/auth/login", json=bob).status_code == 200
    assert client.get("/api/me").json()["sellers"][0]["role"] == "operator"
    client.cookies.clear()

    members = client.put(f"{base}/{bob_id}", json={"role": "approver"}, headers=alice.headers).json()
    assert {m["email"]: m["role"] for m in members} == {"alice@acme.test": "admin", "bob@acme.test": "approver"}
    r = client.put(f"{base}/{alice.user_id}", json={"role": "viewer"}, headers={**alice.headers, **ZH})
    assert (r.status_code, r.json()["detail"]) == (409, "每个店铺至少要保留一位管理员")
    assert client.delete(f"{base}/{bob_id}", headers=alice.headers).status_code == 204
    assert [m["email"] for m in client.get(base, headers=alice.headers).json()] == ["alice@acme.test"]

    viewer = add_member(client.app, "v@acme.test", "acme", "viewer")
    assert client.get(base, headers=viewer.headers).status_code == 403
    assert client.get("/api/sellers/acme/settings", headers=viewer.headers).status_code == 403
    mallory = add_member(client.app, "m@globex.test", "globex", "admin")
    assert client.get(base, headers=mallory.headers).status_code == 404


def test_a_member_changes_their_password(client, alice):
    wrong = client.post("/api/me/password", json={"current": "nope", "new": "new-horse-10"},
                        headers={**alice.headers, **ZH})
    assert (wrong.status_code, wrong.json()["detail"]) == (403, "当前密码不正确")
    short = client.post("/api/me/password", json={"current": PASSWORD, "new": "short"}, headers=alice.headers)
    assert short.status_code == 422
    assert client.post("/api/me/password", json={"current": PASSWORD, "new": "new-horse-10"},
                       headers=alice.headers).status_code == 204
    assert client.post("/api/auth/login", json={"email": alice.email, "password": PASSWORD}).status_code == 401
    assert client.post("/api/auth/login", json={"email": alice.email, "password": "new-horse-10"}).status_code == 200
