#!/usr/bin/env python3
"""Compare blotter's extraction with trafilatura on the article-extraction benchmark.

Usage: extraction_report.py BENCH_DIR BLOTTER_JSONL BLOTTER_SECONDS TRAFILATURA_JSON TRAFILATURA_SECONDS
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import evaluate, load_reference, load_truth  # noqa: E402


def load_blotter(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            key = os.path.basename(doc["path"])
            if key.endswith(".html.gz"):
                key = key[: -len(".html.gz")]
            out[key] = doc.get("text") or ""
    return out


def main():
    bench, ours_path, ours_s, traf_path, traf_s = sys.argv[1:6]
    truth = load_truth(os.path.join(bench, "ground-truth.json"))
    html_dir = os.path.join(bench, "html")
    pages = len([n for n in os.listdir(html_dir) if n.endswith(".html.gz")])
    mb = sum(
        os.path.getsize(os.path.join(html_dir, n)) for n in os.listdir(html_dir) if n.endswith(".html.gz")
    )
    import gzip
    raw_mb = 0
    for n in os.listdir(html_dir):
        if n.endswith(".html.gz"):
            with gzip.open(os.path.join(html_dir, n)) as f:
                raw_mb += len(f.read())
    raw_mb /= 1e6

    rows = []
    for name, path, secs in (("blotter", ours_path, float(ours_s)), ("trafilatura (this run)", traf_path, float(traf_s))):
        preds = load_blotter(path) if path.endswith(".jsonl") else load_reference(path)
        f1, p, r, a = evaluate(truth, preds)
        rows.append((name, f1, p, r, a, pages / secs, raw_mb / secs))
    print(f"{'tool':<24} {'F1':>6} {'prec':>6} {'recall':>6} {'acc':>6} {'pages/s':>9} {'MB/s':>7}")
    for name, f1, p, r, a, pps, mbs in rows:
        print(f"{name:<24} {f1:6.3f} {p:6.3f} {r:6.3f} {a:6.3f} {pps:9.1f} {mbs:7.2f}")
    print(f"speed ratio blotter/trafilatura: {rows[0][5] / rows[1][5]:.1f}x   "
          f"F1 difference: {rows[0][1] - rows[1][1]:+.3f}   ({pages} pages, {raw_mb:.1f} MB of HTML)")


if __name__ == "__main__":
    main()
