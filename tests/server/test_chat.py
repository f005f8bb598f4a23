"""Chat over server-sent events with the offline router, and approval of the writes it holds."""

from __future__ import annotations

import json

from server_utils import add_member, seed_claims


def sse(client, path: str, headers: dict, body: dict) -> list[tuple[str, dict]]:
    """POST and read the answer as (event, data) pairs."""
    events = []
    with client.stream("POST", path, headers=headers, json=body) as r:
        assert r.status_code == 200, r.read()
        assert r.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in r.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                events.append((name, json.loads(line[6:])))
    return events


def test_chat_streams_the_answer_then_approval_is_the_approvers(app, client, server_settings, alice, mallory):
    seed_claims(server_settings, "acme", 4)
    operator = add_member(app, "op@acme.test", "acme", "operator")
    claims = client.get("/api/sellers/acme/claims", headers=alice.headers).json()["items"]

    events = sse(client, "/api/sellers/acme/chat", operator.headers, {"message": "列出可以索赔的案件", "thread_id": "t1"})
    names = [n for n, _ in events]
    assert names[0] == "thread" and names[-1] == "done" and names.count("token") >= 2
    answer = events[-1][1]["answer"]
    assert "".join(d["text"] for n, d in events if n == "token") == answer
    assert all(c["fnsku"] in answer for c in claims)
    assert {"name": "list_claims"} in [{"name": d["name"]} for n, d in events if n == "tool_call"]

    claim_id = claims[0]["id"]
    events = sse(client, "/api/sellers/acme/chat", operator.headers,
                 {"message": f"mark claim {claim_id} submitted with case id 1234567890", "thread_id": "t1"})
    pending = [d for n, d in events if n == "pending"]
    assert pending and pending[0]["actions"][0]["args"]["case_id"] == "1234567890"
    assert client.get(f"/api/sellers/acme/claims/{claim_id}", headers=alice.headers).json()["claim"]["status"] \
        == "claimable"

    r = client.post("/api/sellers/acme/chat", headers=operator.headers, json={"message": "yes", "thread_id": "t1"})
    assert r.status_code == 403
    r = client.post("/api/sellers/acme/chat/t1/decision", headers=operator.headers, json={"approve": True})
    assert r.status_code == 403
    r = client.post("/api/sellers/globex/chat/t1/decision", headers=mallory.headers, json={"approve": True})
    assert r.status_code == 409  # globex's thread t1 is another thread: nothing pending there
    thread = client.get("/api/sellers/acme/chat/t1", headers=alice.headers).json()
    assert thread["pending_actions"] and len(thread["messages"]) >= 2

    result = client.post("/api/sellers/acme/chat/t1/decision", headers=alice.headers, json={"approve": True}).json()
    assert result["pending_actions"] == [] and result["thread_id"] == "t1"
    claim = client.get(f"/api/sellers/acme/claims/{claim_id}", headers=alice.headers).json()
    assert claim["claim"]["status"] == "submitted" and claim["case"]["amazon_case_id"] == "1234567890"
    assert client.post("/api/sellers/acme/chat/t1/decision", headers=alice.headers,
                       json={"approve": True}).status_code == 409

    other = client.get("/api/sellers/globex/chat/t1", headers=mallory.headers).json()
    assert other["messages"] == [] and other["pending_actions"] == []
