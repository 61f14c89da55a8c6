#!/usr/bin/env python3
"""Run trafilatura over the benchmark pages on one core and write its bodies as JSON.

Usage: run_trafilatura.py HTML_DIR OUT_JSON
Prints the wall-clock seconds spent (reading + gunzip + extraction), for pages/s.
"""
import gzip
import json
import os
import sys
import time

import trafilatura


def main():
    html_dir, out_path = sys.argv[1], sys.argv[2]
    names = sorted(n for n in os.listdir(html_dir) if n.endswith(".html.gz"))
    # Warm up imports and lazy initialisation outside the timed loop.
    trafilatura.extract("<html><body><p>warm up text for the extractor.</p></body></html>")
    results = {}
    elapsed = float("inf")
    for _ in range(3):  # the machine is shared: the fastest pass counts
        start = time.perf_counter()
        for name in names:
            with open(os.path.join(html_dir, name), "rb") as f:
                html = gzip.decompress(f.read()).decode("utf-8", errors="replace")
            body = trafilatura.extract(html, include_comments=False)
            results[name[: -len(".html.gz")]] = {"articleBody": body or ""}
        elapsed = min(elapsed, time.perf_counter() - start)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False)
    print(f"{elapsed:.6f}")


if __name__ == "__main__":
    main()
