#!/usr/bin/env python3
"""Score extracted article bodies with the article-extraction-benchmark metric.

Per page: `\\w+` tokens, overlapping 4-token shingles counted as multisets, tp/fp/fn
normalised per page; precision = mean over non-empty predictions, recall = mean over all
pages, F1 = harmonic mean of the two means. Accuracy = exact token-sequence match.
"""
import json
import re
import sys
from collections import Counter

TOKEN = re.compile(r"\w+")


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter(), tokens
    if len(tokens) < n:
        return Counter([tuple(tokens)]), tokens
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)), tokens


def page_scores(truth, pred):
    t, tt = shingles(truth)
    p, pt = shingles(pred)
    tp = sum(min(c, p[k]) for k, c in t.items())
    fp = sum(max(0, c - t[k]) for k, c in p.items())
    fn = sum(max(0, c - p[k]) for k, c in t.items())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0, tt == pt
    tp, fp, fn = tp / total, fp / total, fn / total
    prec = 1.0 if fp == 0 else tp / (tp + fp)
    rec = 1.0 if fn == 0 else tp / (tp + fn)
    return prec, rec, tt == pt


def evaluate(truth, predictions):
    """truth, predictions: dicts id -> body text. Returns (f1, precision, recall, accuracy)."""
    precs, recs, exact = [], [], 0
    for key, body in truth.items():
        pred = predictions.get(key, "")
        p, r, same = page_scores(body, pred)
        if TOKEN.search(pred or ""):
            precs.append(p)
        recs.append(r)
        exact += same
    P = sum(precs) / len(precs) if precs else 0.0
    R = sum(recs) / len(recs)
    F1 = 2 * P * R / (P + R) if P + R else 0.0
    return F1, P, R, exact / len(truth)


def load_truth(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {k: v["articleBody"] for k, v in data.items()}


def load_reference(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if "output" in data and isinstance(data["output"], dict):
        data = data["output"]
    return {k: (v.get("articleBody") or "") for k, v in data.items()}


if __name__ == "__main__":
    truth = load_truth(sys.argv[1])
    for path in sys.argv[2:]:
        f1, p, r, a = evaluate(truth, load_reference(path))
        print(f"{path}: F1 {f1:.3f} P {p:.3f} R {r:.3f} acc {a:.3f}")
