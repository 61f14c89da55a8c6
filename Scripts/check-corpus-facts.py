#!/usr/bin/env python3
"""Check corpus/ against Tests/BlotterCLITests/Fixtures/corpus-facts.json.

Standard library only. For every document listed in the facts file it checks that
  * the document exists (a file, or an RSS item / Atom entry / JSONL line inside a file),
  * the title, byline and source occur in the document (source: anywhere in its file),
  * every town and officer surname occurs in the story's title or body,
  * the phrase occurs in the body and in no other document at all (chrome included),
  * the body is 150-450 words long,
and for the corpus as a whole that
  * every document in corpus/ is listed exactly once,
  * every chrome-only word occurs somewhere in the corpus, but never in any title or body.

"Body" is found with the per-source rules in BODY_CONTAINERS (HTML), the item content (feeds),
the body/html field (JSONL) or the lines between the headline and the first trailer line (text
dumps). Text is compared after stripping tags, unescaping entities and collapsing whitespace.

Usage: Scripts/check-corpus-facts.py [repo-root]
"""
import gzip
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..'))
CORPUS = os.path.join(ROOT, 'corpus')
FACTS = os.path.join(ROOT, 'Tests', 'BlotterCLITests', 'Fixtures', 'corpus-facts.json')

# first path component -> (tag, attribute, value) of the element holding the article paragraphs
BODY_CONTAINERS = {
    'colne-valley-gazette': ('div', 'class', 'story-body'),
    'medway-lantern': ('div', 'itemprop', 'articleBody'),
    'bedford-clarion': ('section', 'class', 'article-body'),
    'suffolk-tide': ('div', 'id', 'storytext'),
    'police-press': ('div', 'class', 'news-body'),
    'aggregator': ('div', 'class', 'entry-content'),
}
# lines that end the story in a text dump
TXT_STOP = ('The post ', 'Trending Articles', 'Most read', 'Related news', 'Click here to subscribe',
            'Photo credit:', 'Viewing all articles', 'Share this')
# wrapper lines that may sit between headline and story in a text dump
TXT_SKIP = ('Picture:', 'Share this article', '$ 0 0', 'By ', 'Published')

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}
NS = {'content': 'http://purl.org/rss/1.0/modules/content/', 'atom': 'http://www.w3.org/2005/Atom'}

failures = []


def fail(msg):
    failures.append(msg)


def norm(s):
    return ' '.join(s.split())


def decode(path):
    raw = open(path, 'rb').read()
    if path.endswith('.gz'):
        raw = gzip.decompress(raw)
    head = raw[:4096].decode('ascii', 'replace')
    m = re.search(r'''charset=["']?([A-Za-z0-9_-]+)''', head) or re.search(r'''encoding=["']([A-Za-z0-9_-]+)''', head)
    enc = m.group(1).lower() if m else 'utf-8'
    if enc in ('windows-1252', 'cp1252', 'iso-8859-1', 'latin-1', 'latin1'):
        enc = 'cp1252'
    return raw.decode(enc)


def strip_html(s):
    s = re.sub(r'(?is)<(script|style)\b.*?</\1\s*>', ' ', s)
    s = re.sub(r'(?s)<!--.*?-->', ' ', s)
    s = re.sub(r'(?s)<[^>]+>', ' ', s)
    return norm(html.unescape(s))


class ContainerText(HTMLParser):
    """Collects the text inside the first element matching (tag, attr, value)."""

    def __init__(self, tag, attr, value):
        super().__init__(convert_charrefs=True)
        self.want = (tag, attr, value)
        self.depth = 0
        self.done = False
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
            return
        t, a, v = self.want
        if not self.done and tag == t:
            val = dict(attrs).get(a) or ''
            if v in val.split() or val == v:
                self.depth = 1

    def handle_endtag(self, tag):
        if tag in VOID or not self.depth:
            return
        self.depth -= 1
        if self.depth == 0:
            self.done = True

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def html_body(rel, text):
    rule = BODY_CONTAINERS.get(rel.split('/')[0])
    if not rule:
        fail(f'{rel}: no body-container rule for this directory')
        return ''
    p = ContainerText(*rule)
    p.feed(re.sub(r'(?is)<(script|style)\b.*?</\1\s*>', ' ', text))
    if not p.parts:
        fail(f'{rel}: body container {rule} not found')
    return norm(' '.join(p.parts))


def txt_body(rel, text, title):
    lines = [l.strip() for l in text.splitlines()]
    try:
        start = lines.index(title) + 1
    except ValueError:
        fail(f'{rel}: headline line not found')
        return ''
    out, started = [], False
    for l in lines[start:]:
        if not l:
            continue
        if started and l.startswith(TXT_STOP):
            break
        if l.startswith(TXT_SKIP) or re.fullmatch(r'\d{1,2} \w+ \d{4}', l):
            continue
        started = True
        out.append(l)
    return norm(' '.join(out))


def load_documents(titles):
    """Returns {doc_id: {'file': rel, 'full': text, 'body': text, 'file_text': text}}."""
    docs = {}
    for dirpath, _, files in os.walk(CORPUS):
        for fn in sorted(files):
            path = os.path.join(dirpath, fn)
            rel = os.path.relpath(path, CORPUS).replace(os.sep, '/')
            if rel == 'README.md' or fn.startswith('.'):
                continue
            text = decode(path)
            if fn.endswith('.jsonl'):
                for n, line in enumerate(text.splitlines(), 1):
                    if not line.strip():
                        continue
                    o = json.loads(line)
                    body = norm(o['body']) if 'body' in o else strip_html(o['html'])
                    docs[f"{rel}#{o['id']}"] = {'file': rel, 'body': body, 'title': o['title'],
                                                 'full': norm(' '.join(str(v) for k, v in o.items() if k not in ('body', 'html')) + ' ' + body),
                                                 'file_text': text}
            elif text.lstrip().startswith('<?xml') or fn.endswith(('.rss', '.atom', '.xml')):
                root = ET.fromstring(text.encode('utf-8') if not text.startswith('<?xml') else text.split('?>', 1)[1].encode('utf-8'))
                file_text = norm(' '.join(root.itertext()))
                if root.tag == 'rss':
                    for item in root.iter('item'):
                        guid = item.findtext('guid').strip()
                        content = item.findtext('content:encoded', namespaces=NS) or item.findtext('description') or ''
                        body = strip_html(content)
                        meta = ' '.join(c.text or '' for c in item if c.tag != '{%s}encoded' % NS['content'])
                        docs[f'{rel}#{guid}'] = {'file': rel, 'body': body, 'title': norm(item.findtext('title')),
                                                 'full': norm(meta + ' ' + body), 'file_text': file_text}
                else:
                    for entry in root.iter('{%s}entry' % NS['atom']):
                        eid = entry.findtext('atom:id', namespaces=NS).strip()
                        content = entry.findtext('atom:content', namespaces=NS) or ''
                        body = strip_html(content)
                        meta = ' '.join(entry.find('atom:' + t, NS).text or '' for t in ('title', 'summary') if entry.find('atom:' + t, NS) is not None)
                        author = entry.findtext('atom:author/atom:name', namespaces=NS) or ''
                        docs[f'{rel}#{eid}'] = {'file': rel, 'body': body, 'title': norm(entry.findtext('atom:title', namespaces=NS)),
                                                'full': norm(meta + ' ' + author + ' ' + body), 'file_text': file_text}
            elif fn.endswith('.txt'):
                title = titles.get(rel, '')
                docs[rel] = {'file': rel, 'body': txt_body(rel, text, title), 'title': title,
                             'full': norm(text), 'file_text': norm(text)}
            else:
                full = strip_html(text)
                docs[rel] = {'file': rel, 'body': html_body(rel, text), 'title': titles.get(rel, ''),
                             'full': full, 'file_text': full}
    return docs


def main():
    facts = json.load(open(FACTS, encoding='utf-8'))
    entries = facts['documents']
    titles = {e['id']: e['title'] for e in entries}
    docs = load_documents(titles)

    ids = [e['id'] for e in entries]
    for i in sorted(set(ids)):
        if ids.count(i) > 1:
            fail(f'{i}: listed {ids.count(i)} times in the facts file')
    for i in sorted(set(docs) - set(ids)):
        fail(f'{i}: in the corpus but not in the facts file')

    for e in entries:
        did = e['id']
        d = docs.get(did)
        if d is None:
            fail(f'{did}: listed in the facts file but not found in the corpus')
            continue
        full, body = d['full'], d['body']
        title_body = norm(e['title']) + ' ' + body
        if norm(e['title']) not in full:
            fail(f'{did}: title not found: {e["title"]!r}')
        if d['title'] and norm(d['title']) != norm(e['title']):
            fail(f'{did}: title differs from the feed/JSONL title {d["title"]!r}')
        if e['byline'] and e['byline'] not in full:
            fail(f'{did}: byline not found: {e["byline"]!r}')
        if e['source'] and e['source'] not in d['file_text']:
            fail(f'{did}: source not found: {e["source"]!r}')
        if e['date'] is not None and not re.fullmatch(r'20(19|2[0-5])-\d\d-\d\d', e['date']):
            fail(f'{did}: date {e["date"]!r} is not YYYY-MM-DD between 2019 and 2025')
        if not e['towns'] or not e['officers']:
            fail(f'{did}: needs at least one town and one officer')
        for t in e['towns']:
            if t not in title_body:
                fail(f'{did}: town not in title or body: {t!r}')
        for o in e['officers']:
            if o not in body:
                fail(f'{did}: officer not in body: {o!r}')
        for u in e['units']:
            if u not in body:
                fail(f'{did}: unit not in body: {u!r}')
        words = len(e['phrase'].split())
        if not 3 <= words <= 6:
            fail(f'{did}: phrase should be 3-6 words: {e["phrase"]!r}')
        if e['phrase'] not in body:
            fail(f'{did}: phrase not in body: {e["phrase"]!r}')
        for other, od in docs.items():
            if other != did and e['phrase'] in od['full']:
                fail(f'{did}: phrase also occurs in {other}')
        n = len(body.split())
        if not 150 <= n <= 450:
            fail(f'{did}: body is {n} words (want 150-450)')

    everything = ' '.join(d['file_text'] for d in docs.values()).lower()
    for w in facts['chrome_only_words']:
        if w.lower() not in everything:
            fail(f'chrome-only word {w!r} does not occur anywhere in the corpus')
        for did, d in docs.items():
            if w.lower() in (d['title'] + ' ' + d['body']).lower():
                fail(f'chrome-only word {w!r} occurs in the title or body of {did}')

    if failures:
        print('\n'.join(failures))
        print(f'FAILED: {len(failures)} problem(s)')
        return 1
    files = len({d['file'] for d in docs.values()})
    print(f'OK: {len(entries)} documents in {files} files, {len(facts["chrome_only_words"])} chrome-only words')
    return 0


if __name__ == '__main__':
    sys.exit(main())
