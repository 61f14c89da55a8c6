#!/usr/bin/env python3
"""Contract test of `blotter export --format opensearch` and `blotter translate --to opensearch`
against a real OpenSearch-compatible server: osmem-server (PyPI, an in-memory server binary),
started here on 127.0.0.1 and always stopped.

1. Copies the corpus to a temp folder, indexes it with the given blotter, exports it, loads
   template.json and every bulk file, and checks that for each query of QUERIES (every form of
   the query language) the server's set of documents equals `blotter search --json`'s (all hits,
   not the top 10; ranking may differ), and that the bulk files match manifest.json.
2. Incremental: edits, adds and deletes corpus files, re-indexes, exports with --since the first
   export's cursor, loads only that, and checks the server's documents (all of them, and per
   query) against blotter's again.

Exit status 0 only if every check passed.

    python3 Tests/opensearch/contract.py --blotter .build/debug/blotter [--corpus corpus]
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import zlib

# (form, query): every form the parser reads, each with documents to find in corpus/.
QUERIES = [
    ("term", "cannabis"),
    ("stemmed term", "arrested"),
    ("two terms (AND implied)", "knife sentenced"),
    ("AND", "cannabis AND farm"),
    ("OR", "heroin OR cocaine"),
    ("OR binds tighter than AND", "jailed heroin OR cocaine"),
    ("NOT", "cannabis NOT farm"),
    ("-term", "jailed -knife"),
    ("only exclusions", "-cannabis"),
    ("group", "(heroin OR cocaine) -jailed"),
    ("nested NOT group", "NOT (knife OR cannabis)"),
    ("phrase", '"county lines"'),
    ("phrase, 3 words", '"crown court"'),
    ("prefix", "burgl*"),
    ("prefix AND term", "arrest* knife"),
    ("title:", "title:jailed"),
    ("body:", "body:police"),
    ("title:phrase", 'title:"county lines"'),
    ("field group", "title:(knife OR cannabis)"),
    ("source:", 'source:"Colne Valley Gazette"'),
    ("source: word", "source:tide"),
    ("byline:", "byline:Quenby"),
    ("date:YYYY", "date:2024"),
    ("date:YYYY-MM", "date:2024-03"),
    ("date:range", "date:2019..2022"),
    ("date:day range", "date:2022-02-01..2023-11-30"),
    ("date:open end", "date:2024.."),
    ("date:open start", "date:..2021"),
    ("date:>=", "date:>=2023-06"),
    ("date:<", "date:<2023"),
    ("place:county", "place:Essex"),
    ("place:town", "place:Colchester"),
    ("place:multi-word", 'place:"Bury St Edmunds"'),
    ("place:force area", 'place:"Essex Police"'),
    ("place:region", 'place:"East of England"'),
    ("place:Kent", "place:Kent"),
    ("unit:acronym", "unit:ROCU"),
    ("unit:operation", 'unit:"Op Raptor"'),
    ("unit:word", "unit:raptor"),
    ("force:name", 'force:"Essex Police"'),
    ("force:alias", "force:Met"),
    ("force:alias phrase", 'force:"the Met"'),
    ("force:area word", "force:Kent"),
    ("officer:surname", "officer:Hankins"),
    ("officer:rank name", 'officer:"DS Hankins"'),
    ("officer:rank word", "officer:Sergeant"),
    ("officer:rank", "officer:DCI"),
    ("officer:rank words", 'officer:"Detective Inspector"'),
    ("figure:noun", "figure:arrests"),
    ("figure:noun>N", "figure:arrests>400"),
    ("figure:noun>=N", "figure:arrests>=447"),
    ("figure:noun<N", "figure:arrests<10"),
    ("figure:noun=N", "figure:arrests=447"),
    ("figure:money", "figure:£>1m"),
    ("figure:money<=", "figure:£<=1000"),
    ("figure:percent", "figure:%>50"),
    ("figure:kilograms", "figure:kg>1"),
    ("figure:years", "figure:years>=5"),
    ("figure:quoted noun", 'figure:"firearms">2'),
    ("entity AND text", "place:Essex cannabis"),
    ("entity OR entity", "place:Kent OR place:Suffolk"),
    ("entity NOT date", "place:Essex -date:2024"),
    ("figure AND date", "figure:arrests>10 date:2024"),
]

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


def request(method, url, body=None, ndjson=False):
    data = None
    if body is not None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
    kind = "application/x-ndjson" if ndjson else "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": kind})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode()
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {url}: {e.code} {e.read().decode()[:2000]}")
    return json.loads(text) if text else {}


class Server:
    """osmem-server on 127.0.0.1 (a free port); its first output line gives the URL."""

    def __init__(self, binary):
        self.proc = subprocess.Popen(
            [binary, "-addr", "127.0.0.1:0", "-parent-pid", str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        try:
            self.url = json.loads(line)["url"]
        except (ValueError, KeyError):
            self.stop()
            raise SystemExit(f"osmem-server did not start: {line!r} {self.proc.stderr.read()}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def osmem_binary():
    try:
        from osmem_server import resolve_binary
    except ImportError:
        raise SystemExit("osmem-server is not installed (pip install osmem-server==0.1.6)")
    return resolve_binary()


def blotter(args, exe):
    r = subprocess.run([exe] + args, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"blotter {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r.stdout


def blotter_docs(exe, index, query):
    out = json.loads(blotter(["search", "--json", "--limit", "100000", "--index", index, "--", query], exe))
    docs = {h["doc"] for h in out["hits"]}
    assert len(docs) == out["total"], (query, len(docs), out["total"])
    return docs


def server_docs(url, name, body):
    body = dict(body)
    body["size"] = 10000
    body["_source"] = False
    body["track_total_hits"] = True
    r = request("POST", f"{url}/{name}/_search", body)
    return {h["_id"] for h in r["hits"]["hits"]}


def load(url, out, name, template=True):
    manifest = json.load(open(os.path.join(out, "manifest.json")))
    if template:
        request("PUT", f"{url}/_index_template/{name}", json.load(open(os.path.join(out, "template.json"))))
    files = sorted(glob.glob(os.path.join(out, "bulk-*.ndjson")))
    check([os.path.basename(f) for f in files] == [f["name"] for f in manifest["files"]],
          f"{out}: bulk files are those manifest.json lists")
    actions = 0
    for f, entry in zip(files, manifest["files"]):
        data = open(f, "rb").read()
        check(len(data) <= 10_000_000 and len(data) == entry["bytes"], f"{entry['name']}: {len(data)} bytes, ≤ 10 MB")
        check(f"{zlib.crc32(data):08x}" == entry["crc32"], f"{entry['name']}: CRC-32 matches manifest.json")
        r = request("POST", f"{url}/_bulk?refresh=true", data, ndjson=True)
        bad = [i for i in r["items"] for k, v in i.items()
               if v.get("status", 200) >= 300 and not (k == "delete" and v.get("status") == 404)]
        check(not bad, f"{entry['name']}: {len(r['items'])} actions loaded" + (f" ({bad[:2]})" if bad else ""))
        actions += len(r["items"])
    check(actions == manifest["indexed"] + manifest["deleted"], "actions = indexed + deleted in manifest.json")
    return manifest


def compare(exe, index, url, name, label):
    for form, query in QUERIES:
        want = blotter_docs(exe, index, query)
        dsl = json.loads(blotter(["translate", "--to", "opensearch", "--", query], exe))
        got = server_docs(url, name, dsl)
        detail = "" if got == want else f" (only blotter: {sorted(want - got)[:3]}, only server: {sorted(got - want)[:3]})"
        check(got == want, f"{label} {form}: {query!r}: {len(want)} documents{detail}")
        if not want:
            failures.append(f"{label} {form}: {query!r} finds nothing in the corpus (pick a query that does)")
            print(f"FAIL {form}: no documents to compare")
    everything = blotter_docs(exe, index, "-zzqqxxj")
    got = server_docs(url, name, {"query": {"match_all": {}}})
    check(got == everything, f"{label} all documents: {len(everything)} in blotter, {len(got)} on the server")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--blotter", required=True)
    ap.add_argument("--corpus", default="corpus")
    args = ap.parse_args()
    exe = os.path.abspath(args.blotter)
    work = tempfile.mkdtemp(prefix="blotter-opensearch-")
    server = Server(osmem_binary())
    try:
        corpus = os.path.join(work, "corpus")
        shutil.copytree(args.corpus, corpus)
        index = os.path.join(work, "index")
        name = "blotter"
        blotter(["index", corpus, "--index", index], exe)
        out1 = os.path.join(work, "export-1")
        blotter(["export", "--format", "opensearch", "--index", index, "--out", out1], exe)
        m1 = load(server.url, out1, name)
        check(m1["since"] is None and m1["deleted"] == 0, "a full export deletes nothing")
        compare(exe, index, server.url, name, "full:")

        # Incremental: edit one page, add one, delete one; re-index; send only the change.
        pages = sorted(glob.glob(os.path.join(corpus, "**", "*.html"), recursive=True))
        edited, removed = pages[0], pages[1]
        text = open(edited, encoding="utf-8").read()
        marker = "Quokkaphobia detectives seized 12 firearms in Chelmsford."
        with open(edited, "w", encoding="utf-8") as f:
            f.write(text.replace("</p>", " " + marker + "</p>", 1))
        added = os.path.join(os.path.dirname(pages[2]), "added-by-contract-test.html")
        shutil.copyfile(pages[2], added)
        with open(added, encoding="utf-8") as f:
            page = f.read()
        with open(added, "w", encoding="utf-8") as f:
            f.write(page.replace("<title>", "<title>Zebracrossing copy: ", 1))
        os.remove(removed)
        blotter(["index", corpus, "--index", index], exe)
        out2 = os.path.join(work, "export-2")
        blotter(["export", "--format", "opensearch", "--index", index, "--since", str(m1["cursor"]),
                 "--out", out2], exe)
        m2 = load(server.url, out2, name, template=False)
        check(m2["cursor"] > m1["cursor"], f"cursor moved: {m1['cursor']} → {m2['cursor']}")
        check(0 < m2["indexed"] < m1["indexed"], f"--since sent only the changed documents ({m2['indexed']})")
        check(m2["deleted"] >= 1, f"--since sent delete actions ({m2['deleted']})")
        check(server_docs(server.url, name, {"query": {"match_phrase": {"body": "quokkaphobia detectives"}}})
              == blotter_docs(exe, index, '"quokkaphobia detectives"') != set(), "the edited page is updated")
        compare(exe, index, server.url, name, "incremental:")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failures" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
