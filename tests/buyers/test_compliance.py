"""The compliance check: each kind of violation is caught and named."""

from __future__ import annotations

import json

from claimpilot.tools.buyers.compliance import check_reply


def test_compliance_rules_catch_each_kind_of_violation():
    oid = "111-2946469-3439189"
    ok = f"Hello,\n\nThank you for your message about order {oid}. It has been shipped.\n\nKind regards"
    assert check_reply(ok, order_id=oid, language="en").ok
    cases = {
        "link": ok + " See www.example.com",
        "e-mail": ok + " Write to help@example.com",
        "phone": ok + " Call +1 415 555 0199",
        "marketing": ok + " Use coupon SAVE10 on your next order.",
        "reviews": ok + " Please leave us a 5-star review!",
        "missing": ok.replace(oid, "your order"),
        "written in": "Hallo, vielen Dank für Ihre Nachricht zu Ihrer Bestellung " + oid + ". Sie wurde versandt.",
        "credential": ok + " Atzr|IwEBIabcdefghijk",
    }
    for expected, text in cases.items():
        verdict = check_reply(text, order_id=oid, language="en")
        assert not verdict.ok and any(expected in i for i in verdict.issues), (expected, verdict.issues)
    bad_file = check_reply(ok, order_id=oid, language="en",
                           attachments=[{"name": "x.exe", "type": "application/x-msdownload", "size": 10}])
    assert not bad_file.ok and "not allowed" in bad_file.issues[0]
    assert json.dumps(check_reply(ok, order_id=None, language="en").issues)


def test_each_reason_cites_the_policy_passage_it_comes_from():
    from pathlib import Path

    import claimpilot.knowledge as knowledge

    corpus = Path(knowledge.__file__).parent / "corpus" / "en"
    oid = "111-2946469-3439189"
    verdict = check_reply(f"Order {oid}: see www.example.com, use coupon X, leave a review.", order_id=oid,
                          language="en", attachments=[{"name": "a.exe", "type": "application/x-msdownload", "size": 1}])
    cited = [i[i.rindex("[") + 1:-1] for i in verdict.issues if i.endswith("]")]
    assert len(cited) == 4
    assert all((corpus / f"{c}.md").is_file() for c in cited)
