#!/usr/bin/env python3
"""`blotter alert feed` read by a real feed parser (feedparser, from PyPI).

Builds a small corpus whose titles, text and URL are hostile (markup, entities, quotes, a CDATA
end, control characters), indexes it, saves an alert and parses the feed: it must be well-formed
Atom 1.0 (feedparser's `bozo` flag clear, version `atom10`) and give back every title exactly as
the page showed it, newest first, with links, ids and dates. Run by `.ci/run` (step 2c):

    python Tests/feed/test_atom_feed.py --blotter .build/debug/blotter
"""
import argparse
import os
import subprocess
import sys
import tempfile

import feedparser

# What each page's <title> shows once the HTML entities are read (the text the index holds).
HOSTILE = [
    ('<script>alert("x")</script> & Co\'s "raid"', "2024-06-01", None),
    ("Break-in ]]> at <![CDATA[ mill ]]> &amp; farm", "2024-05-01",
     "https://news.example/story?id=1&x=<2>"),
    ("Plain burglary in Witham", "2023-01-15", None),
]


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def page(title, date, url, body):
    canonical = f'<meta property="og:url" content="{html_escape(url)}">' if url else ""
    return (
        f"<html><head><title>{html_escape(title)}</title>"
        f'<meta property="article:published_time" content="{date}T09:00:00Z">{canonical}'
        f"</head><body><article><h1>{html_escape(title)}</h1>"
        f"<p>{html_escape(body)}</p><p>Officers in Witham asked witnesses to come forward "
        f"after the burglary, and said enquiries were continuing.</p></article></body></html>"
    )


def run(args, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--blotter", default=".build/debug/blotter")
    blotter = os.path.abspath(ap.parse_args().blotter)
    failures = []

    def expect(cond, what):
        if not cond:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus")
        os.mkdir(corpus)
        for i, (title, date, url) in enumerate(HOSTILE):
            body = f"A burglary was reported. Control \x01 characters \x1b[2J and <b>tags</b> {i}."
            with open(os.path.join(corpus, f"p{i}.html"), "w", encoding="utf-8") as f:
                f.write(page(title, date, url, body))
        index = os.path.join(tmp, "index")
        run([blotter, "index", corpus, "--index", index])
        name = '<b>"burglaries"</b> & more'
        run([blotter, "alert", "add", name, "burglary", "--index", index])
        xml = run([blotter, "alert", "feed", name, "--index", index])

    feed = feedparser.parse(xml)
    expect(not feed.bozo, f"not well-formed: {feed.get('bozo_exception')}")
    expect(feed.version == "atom10", f"version {feed.version!r}, not atom10")
    expect(feed.feed.get("title") == f"blotter: {name}", f"feed title {feed.feed.get('title')!r}")
    expect(feed.feed.get("subtitle") == "burglary", f"subtitle {feed.feed.get('subtitle')!r}")
    expect(feed.feed.get("id", "").startswith("urn:blotter:alert:"), "feed id")
    expect(feed.feed.get("updated_parsed") is not None, "feed updated")
    titles = [e.get("title") for e in feed.entries]
    expect(titles == [t for t, _, _ in HOSTILE], f"entry titles {titles!r}")
    for e, (title, date, url) in zip(feed.entries, HOSTILE):
        expect(e.get("title_detail", {}).get("type") == "text/plain", f"{title!r}: title type")
        expect(e.get("published", "").startswith(date), f"{title!r}: published {e.get('published')!r}")
        expect(e.get("updated_parsed") is not None, f"{title!r}: updated")
        expect(e.get("id", "").startswith("urn:blotter:doc:"), f"{title!r}: id {e.get('id')!r}")
        link = e.get("link", "")
        if url:
            expect(link == url, f"{title!r}: link {link!r}, not {url!r}")
        else:
            # feedparser shows file:///x as file://x; the XML's own href is checked below.
            expect(link.startswith("file:/") and link.endswith(".html"), f"{title!r}: link {link!r}")
        summary = e.get("summary", "")
        expect("burglary" in summary, f"{title!r}: summary {summary!r}")
        expect("\x01" not in summary and "\x1b" not in summary, f"{title!r}: control characters")
    expect(len({e.get("id") for e in feed.entries}) == len(HOSTILE), "entry ids are unique")
    expect(xml.count('href="file:///') == len(HOSTILE) - 1, "absolute file: links in the XML")
    # The raw XML carries no live markup from the pages.
    expect("<script>" not in xml and "<b>" not in xml, "markup leaked into the XML")

    if failures:
        print("feed test FAILED:\n  " + "\n  ".join(failures))
        print(xml)
        sys.exit(1)
    print(f"feed test passed: {len(feed.entries)} entries, Atom 1.0, hostile titles intact")


if __name__ == "__main__":
    main()
