#!/usr/bin/env python3
"""blotter vs trafilatura on the extraction sets: quality, empty outputs, speed, worst pages.

Usage: extraction_report.py BLOTTER_BINARY VENV_PYTHON [--fresh] [--worst N] [--show-held]
                            [--sets NAME,NAME]

Runs from bench/extraction (which builds blotter and the venv). For each set (a directory
under ../shared with html/<id>.html.gz and ground-truth.json):

1. blotter: `blotter extract --json` over every page, on one core, best of 3 runs (process
   start and gunzip included). Always rerun.
2. trafilatura: `run_trafilatura.py` on one core. Its outputs are cached in
   bench/out/trafilatura-<version>-<set>.json with the SHA-256 of every page file; a run
   reuses them when the version and every page hash match. `--fresh` reruns it (3 passes,
   the fastest counts) and so makes the speed ratio one real, same-run measurement.
3. Scores (score.py: the benchmark's own metric) for the whole set and for its two parts:
   "tune" and "held". A page is held back when the first 8 hex digits of SHA-256(page id)
   modulo 100 are below 30 (~30%). Tune by looking at the tuning part only; the held-back
   numbers are the honest ones.
4. A paired bootstrap (1,000 resamples of pages, the same resample for both tools) of
   F1(blotter) - F1(trafilatura): the 95% interval.
5. Worst pages of the tuning part: where blotter's page F1 loses most to trafilatura's, and
   where it changed most since the previous run (bench/out/blotter-<set>.prev.jsonl).
   `--show-held` prints the held-back part's lists too (don't tune on them).
"""
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import TOKEN, evaluate, load_truth, page_scores  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The data sets live in ../shared beside the checkout (or two levels up from a worktree);
# EXTRACTION_SETS overrides.
SHARED = os.environ.get("EXTRACTION_SETS") or next(
    (d for d in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared"))
     if os.path.isdir(os.path.join(d, "extraction-bench"))), os.path.join(ROOT, "..", "shared"))
OUT = os.path.join(ROOT, "bench", "out")
SETS = ["extraction-bench", "extraction-dev"]
HELD_PERCENT = 30
# Sets whose truth starts with the headline (extraction-dev/README.md: "The ground truth includes
# the headline and byline lines where the annotators kept them"). There, each tool is scored on
# its headline + body, the same way for both: the tool's own title (blotter's `title`,
# trafilatura's `extract_metadata` title) is put before its body unless the body already starts
# with it; an empty body stays empty. Elsewhere (extraction-bench: body only) the body alone.
HEADLINE_IN_TRUTH = {"extraction-dev"}


def held_back(page_id):
    return int(hashlib.sha256(page_id.encode()).hexdigest()[:8], 16) % 100 < HELD_PERCENT


def page_ids(html_dir):
    return sorted(n[: -len(".html.gz")] for n in os.listdir(html_dir) if n.endswith(".html.gz"))


def file_hashes(html_dir, ids):
    out = {}
    for i in ids:
        with open(os.path.join(html_dir, i + ".html.gz"), "rb") as f:
            out[i] = hashlib.sha256(f.read()).hexdigest()
    return out


def load_blotter(path, with_titles=False):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            key = os.path.basename(doc["path"])
            if key.endswith(".html.gz"):
                key = key[: -len(".html.gz")]
            body = doc.get("text") or ""
            out[key] = headed(doc.get("title") or "", body) if with_titles else body
    return out


def headed(title, body):
    """title + body, the scored text on sets whose truth starts with the headline: the title
    goes first unless the body already starts with it (a tool that kept the headline in its
    body, or a title made from the body's first line); an empty body stays empty."""
    title = " ".join(title.split())
    if not title or not TOKEN.search(body):
        return body
    head, start = TOKEN.findall(title), TOKEN.findall(body)[: len(TOKEN.findall(title))]
    if head == start or body.lstrip().startswith(title):
        return body
    return title + "\n" + body


def run_blotter(binary, html_dir, ids, out_path, runs=3):
    """Best-of-`runs` wall time of one `blotter extract --json` process over all pages."""
    files = [os.path.join(html_dir, i + ".html.gz") for i in ids]
    best = float("inf")
    failures = []
    for _ in range(runs):
        with open(out_path, "w") as out:
            start = time.perf_counter()
            proc = subprocess.run(["taskset", "-c", "0", binary, "extract", "--json", *files],
                                  stdout=out, stderr=subprocess.PIPE)
            best = min(best, time.perf_counter() - start)
        failures = [l for l in proc.stderr.decode("utf-8", "replace").splitlines() if l]
    return best, failures


def trafilatura_outputs(python, set_name, html_dir, ids, hashes, fresh):
    version = subprocess.run(
        [python, "-c", "import trafilatura; print(trafilatura.__version__)"],
        check=True, capture_output=True, text=True).stdout.strip()
    cache = os.path.join(OUT, f"trafilatura-{version}-{set_name}.json")
    if not fresh and os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("version") == version and data.get("hashes") == hashes:
            if "titles" not in data:  # a cache from before titles were kept: add them
                tmp = cache + ".tmp"
                subprocess.run([python, os.path.join(ROOT, "bench", "run_trafilatura.py"),
                                html_dir, tmp, "--titles"], check=True, stdout=subprocess.DEVNULL)
                with open(tmp, encoding="utf-8") as f:
                    data["titles"] = json.load(f)["titles"]
                os.remove(tmp)
                with open(cache, "w", encoding="utf-8") as f:
                    json.dump(data, f, ensure_ascii=False)
            return version, data, True
    tmp = cache + ".tmp"
    subprocess.run(["taskset", "-c", "0", python, os.path.join(ROOT, "bench", "run_trafilatura.py"),
                    html_dir, tmp, "--passes", "3" if fresh else "1"],
                   check=True, stdout=subprocess.DEVNULL)
    with open(tmp, encoding="utf-8") as f:
        data = json.load(f)
    os.remove(tmp)
    data["hashes"] = hashes
    data["timed_at"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    with open(cache, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return version, data, False


def words(text):
    return len(TOKEN.findall(text or ""))


def f1_of(rows):
    """rows: (precision, recall, non_empty) per page → (F1, P, R) as score.evaluate does."""
    precs = [p for p, _, ne in rows if ne]
    P = sum(precs) / len(precs) if precs else 0.0
    R = sum(r for _, r, _ in rows) / len(rows) if rows else 0.0
    return (2 * P * R / (P + R) if P + R else 0.0), P, R


def bootstrap(a, b, n=1000, seed=12345):
    """95% interval of F1(a) - F1(b) over page resamples (paired)."""
    rng = random.Random(seed)
    k = len(a)
    diffs = []
    for _ in range(n):
        idx = [rng.randrange(k) for _ in range(k)]
        diffs.append(f1_of([a[i] for i in idx])[0] - f1_of([b[i] for i in idx])[0])
    diffs.sort()
    return diffs[int(0.025 * n)], diffs[int(0.975 * n) - 1]


def page_f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def score_rows(truth, preds, ids):
    rows = []
    for i in ids:
        pred = preds.get(i, "")
        p, r, _ = page_scores(truth[i], pred)
        rows.append((p, r, bool(TOKEN.search(pred))))
    return rows


def report_set(set_name, binary, python, fresh, worst, show_held):
    bench = os.path.join(SHARED, set_name)
    html_dir = os.path.join(bench, "html")
    truth = load_truth(os.path.join(bench, "ground-truth.json"))
    ids = page_ids(html_dir)
    hashes = file_hashes(html_dir, ids)
    raw_mb = 0
    for i in ids:
        with gzip.open(os.path.join(html_dir, i + ".html.gz")) as f:
            raw_mb += len(f.read())
    raw_mb /= 1e6

    out_path = os.path.join(OUT, f"blotter-{set_name}.jsonl")
    prev_path = os.path.join(OUT, f"blotter-{set_name}.prev.jsonl")
    if os.path.exists(out_path):
        os.replace(out_path, prev_path)
    blotter_s, failures = run_blotter(binary, html_dir, ids, out_path)
    headline = set_name in HEADLINE_IN_TRUTH
    ours = load_blotter(out_path, headline)
    prev = load_blotter(prev_path, headline) if os.path.exists(prev_path) else None
    version, traf, cached = trafilatura_outputs(python, set_name, html_dir, ids, hashes, fresh)
    theirs = {k: v.get("articleBody") or "" for k, v in traf["output"].items()}
    if headline:
        theirs = {k: headed(traf["titles"].get(k, ""), v) for k, v in theirs.items()}
    traf_s = traf["seconds"]

    print(f"\n#### {set_name}: {len(ids)} pages, {raw_mb:.1f} MB of HTML; scored: "
          + ("headline + body (its truth starts with the headline)" if headline else "body"))
    print(f"blotter {blotter_s:.2f} s ({len(ids) / blotter_s:.1f} pages/s, best of 3);  "
          f"trafilatura {version} {traf_s:.2f} s ({len(ids) / traf_s:.1f} pages/s, "
          f"{'cached run of ' + traf.get('timed_at', '?') if cached else 'this run'}, "
          f"best of {traf.get('passes', 1)});  speed ratio {traf_s / blotter_s:.1f}x")
    if failures:
        print(f"blotter errors ({len(failures)}): " + "; ".join(failures[:5]))

    parts = [("tune", [i for i in ids if not held_back(i)]),
             ("held", [i for i in ids if held_back(i)]),
             ("all", ids)]
    print(f"{'part':<5} {'pages':>5} {'tool':<12} {'F1':>6} {'prec':>6} {'recall':>6} {'acc':>6} "
          f"{'empty':>5} {'empty50':>7}   F1 diff [95% CI]")
    for part, pids in parts:
        sub_truth = {i: truth[i] for i in pids}
        big = {i for i in pids if words(truth[i]) >= 50}
        rows_o = score_rows(truth, ours, pids)
        rows_t = score_rows(truth, theirs, pids)
        lo, hi = bootstrap(rows_o, rows_t)
        for name, preds in (("blotter", ours), ("trafilatura", theirs)):
            f1, p, r, acc = evaluate(sub_truth, {i: preds.get(i, "") for i in pids})
            empty = [i for i in pids if not TOKEN.search(preds.get(i, ""))]
            empty50 = [i for i in empty if i in big]
            diff = ""
            if name == "blotter":
                d = f1_of(rows_o)[0] - f1_of(rows_t)[0]
                diff = f"  {d:+.3f} [{lo:+.3f}, {hi:+.3f}]"
            print(f"{part:<5} {len(pids):>5} {name:<12} {f1:6.3f} {p:6.3f} {r:6.3f} {acc:6.3f} "
                  f"{len(empty):>5} {len(empty50):>7}{diff}")

    def listing(part, pids):
        rows = []
        for i in pids:
            po, ro, _ = page_scores(truth[i], ours.get(i, ""))
            pt, rt, _ = page_scores(truth[i], theirs.get(i, ""))
            rows.append((page_f1(po, ro) - page_f1(pt, rt), i, po, ro, pt, rt))
        rows.sort()
        print(f"-- {part}: worst {worst} pages for blotter against trafilatura "
              "(page F1 diff; blotter P/R; trafilatura P/R; truth words; blotter words)")
        for d, i, po, ro, pt, rt in rows[:worst]:
            print(f"  {d:+.3f} {i[:16]}  b {po:.2f}/{ro:.2f}  t {pt:.2f}/{rt:.2f}  "
                  f"{words(truth[i]):>5} {words(ours.get(i, '')):>5}")
        empty = [i for i in pids if not TOKEN.search(ours.get(i, "")) and words(truth[i]) >= 50]
        if empty:
            print(f"-- {part}: blotter empty on ≥ 50-word truth: " + " ".join(x[:16] for x in empty))
        if prev is not None:
            changes = []
            for i in pids:
                a = page_f1(*page_scores(truth[i], prev.get(i, ""))[:2])
                b = page_f1(*page_scores(truth[i], ours.get(i, ""))[:2])
                if abs(a - b) > 1e-9:
                    changes.append((b - a, i))
            changes.sort()
            lost = [c for c in changes if c[0] < 0]
            won = [c for c in changes if c[0] > 0]
            print(f"-- {part}: since the previous run {len(won)} pages better "
                  f"({sum(c[0] for c in won):+.2f}), {len(lost)} worse ({sum(c[0] for c in lost):+.2f})")
            for d, i in lost[:worst]:
                print(f"  lost {d:+.3f} {i[:16]}")

    listing("tune", parts[0][1])
    if show_held:
        listing("held", parts[1][1])


def reference_check():
    """The scorer must reproduce the published figures of the reference outputs."""
    bench = os.path.join(SHARED, "extraction-bench")
    published = {"trafilatura": 0.958, "newspaper": 0.949, "readability": 0.922,
                 "goose3": 0.896, "boilerpipe": 0.860, "justext": 0.804, "html-text": 0.665}
    truth = load_truth(os.path.join(bench, "ground-truth.json"))
    ok = True
    line = []
    for tool, want in published.items():
        path = os.path.join(bench, "reference-outputs", tool + ".json")
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if "output" in data and isinstance(data["output"], dict):
            data = data["output"]
        preds = {k: (v.get("articleBody") or "") for k, v in data.items()}
        got = evaluate(truth, preds)[0]
        line.append(f"{tool} {got:.3f}")
        ok = ok and abs(round(got, 3) - want) < 1e-9
    print("scorer check (published: trafilatura 0.958, newspaper 0.949, readability 0.922, "
          "goose3 0.896, boilerpipe 0.860, justext 0.804, html-text 0.665)")
    print("  reproduced: " + ", ".join(line) + ("  OK" if ok else "  MISMATCH"))
    return ok


def main():
    args = sys.argv[1:]
    binary, python = args[0], args[1]
    fresh = "--fresh" in args
    show_held = "--show-held" in args
    worst = int(args[args.index("--worst") + 1]) if "--worst" in args else 15
    sets = args[args.index("--sets") + 1].split(",") if "--sets" in args else SETS
    os.makedirs(OUT, exist_ok=True)
    if not reference_check():
        sys.exit(1)
    for s in sets:
        if not os.path.isdir(os.path.join(SHARED, s, "html")):
            print(f"\n#### {s}: absent, skipped")
            continue
        report_set(s, binary, python, fresh, worst, show_held)


if __name__ == "__main__":
    main()
