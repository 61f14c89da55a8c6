#!/usr/bin/env python3
"""Writes the labelled story-pair set of issue 13: bench/stories/articles/ and pairs.tsv.

    blotter extract --json corpus > /tmp/corpus.jsonl
    python3 bench/stories/make_set.py /tmp/corpus.jsonl

Deterministic (fixed seed): a rerun on the same corpus writes the same files. Every article
belongs to exactly one story (the `story` column of articles.tsv); a pair is labelled `same`
exactly when both articles belong to the same story, so the labels are transitive by
construction (check.py verifies it independently from pairs.tsv alone).

Sources of the articles (README.md says more):
- corpus/: the project's own fictional stories; each is the origin of a story and gets copies
  (rewritten headline, paragraphs added by a paper, paragraphs dropped, feed item, light
  edits, other date format, scrape chrome, exact copy) written here.
- templates below: round-ups, appeals, court lists, incident reports, charged/sentenced
  follow-ups, written for this project, filled with invented names and figures.
- bench/entities/real/real.json: short excerpts of real published articles (with URLs).
"""

import hashlib
import html
import json
import os
import random
import re
import shutil
import sys
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from base import ADDED, FOLLOW_UPS, REAL_EXTRA, REWRITE  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "articles")
REAL = os.path.join(HERE, "..", "entities", "real", "real.json")
R = random.Random(1313)

ARTICLES = []  # dicts: id, story, date, format, source, role
PAIRS = []  # (a, b, kind, note)

PAPERS = [
  ("Stourside Mercury", "stourside-mercury.example"),
  ("Chelmer Valley Herald", "chelmer-herald.example"),
  ("Ouse & Nene Courier", "ousenene-courier.example"),
  ("Broadland Evening Post", "broadland-post.example"),
  ("Medway & Swale Chronicle", "medway-chronicle.example"),
  ("Lea Valley Observer", "leavalley-observer.example"),
  ("Breckland Bulletin", "breckland-bulletin.example"),
  ("Wash Coast Advertiser", "washcoast-ad.example"),
]
AGGREGATOR = ("NewsDrift", "newsdrift.example")
FIRST = ["Maureen", "Derek", "Joanne", "Keith", "Alison", "Trevor", "Sandra", "Graham", "Nicola",
         "Wayne", "Paula", "Darren", "Lorraine", "Stuart", "Hayley", "Craig", "Bernadette",
         "Ross", "Tanya", "Glen", "Marcus", "Kerry", "Lee", "Shane", "Dean", "Jodie", "Kyle"]
LAST = ["Pettifer", "Oakley", "Brannigan", "Cowell", "Dunmore", "Fairbrass", "Gosling",
        "Halloran", "Ingleby", "Jessop", "Kettley", "Lumsden", "Mardle", "Nuttall", "Orchard",
        "Pocock", "Quilter", "Rudd", "Sallis", "Thurgood", "Upcher", "Vosper", "Wragg",
        "Yelland", "Ashdown", "Bramall", "Chivers", "Deary", "Eddon", "Frain"]
STREETS = ["Mill Lane", "Station Road", "Church Street", "Victoria Road", "Queen's Avenue",
           "Nelson Close", "Abbey Road", "Orchard Way", "Meadow Rise", "Kingsway",
           "Elm Grove", "Park Drive", "Harbour Street", "Bridge Road", "Green Lane"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FORCE_RE = re.compile(r"\b((?:Essex|Kent|Bedfordshire|Hertfordshire|Cambridgeshire|Suffolk|"
                      r"Norfolk) (?:Police|Constabulary)|Anglian Constabulary)\b")


def name():
  return f"{R.choice(FIRST)} {R.choice(LAST)}"


def iso(d):
  return d.isoformat()


def long_date(d):
  return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def ordinal(n):
  return str(n) + ("th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def rfc822(d):
  return f"{DAYS[d.weekday()][:3]}, {d.day:02d} {MONTHS[d.month - 1][:3]} {d.year} 09:30:00 +0000"


def slug(s):
  return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:60]


# --- writers --------------------------------------------------------------------------------

def _write(rel, text):
  path = os.path.join(OUT, rel)
  os.makedirs(os.path.dirname(path), exist_ok=True)
  with open(path, "w", encoding="utf-8") as f:
    f.write(text)


def add(rel, story, d, fmt, source, role, doc_id=None):
  doc = doc_id or rel
  ARTICLES.append({"id": doc, "story": story, "date": iso(d), "format": fmt, "source": source,
                   "role": role})
  return doc


def txt_kv(rel, story, role, title, d, source, url, paras, byline=None):
  """A text scrape with `title:`/`date:`/`source:`/`url:` header lines."""
  head = [f"title: {title}", f"date: {iso(d)}", f"source: {source}", f"url: {url}"]
  if byline:
    head.append(f"By {byline}")
  _write(rel, "\n".join(head) + "\n\n" + "\n\n".join(paras) + "\n")
  return add(rel, story, d, "txt", source, role)


def txt_dump(rel, story, role, title, d, source, paras, aggregator=False):
  """A raw scrape as the corpus dumps are: ` date` line, then chrome, headline, body, chrome."""
  lines = [f" date {iso(d)}"]
  if aggregator:
    lines += ["Viewing all articles", "Browse latest Browse all 1904", "$ 0 0", title, ""]
    lines += paras
    lines += ["", f"The post {title} appeared first on {source}.", "", "Trending Articles",
              "Parish council agrees new allotment rents", "Bin collection changes over Easter",
              "Roadworks on the ring road to last three weeks"]
  else:
    lines += ["Home | News | Sport | What's On | Jobs | Property", "Share this article", title,
              f"Published {long_date(d)}", ""]
    lines += paras
    lines += ["", "Click here to sign up to our daily newsletter", "Most read",
              "Carnival route confirmed for summer", "New cafe opens in former bank",
              "Comments (2)", "Good work by the police for once.", "About time too."]
  _write(rel, "\n".join(lines) + "\n")
  return add(rel, story, d, "txt", source, role)


def html_page(rel, story, role, title, d, site, paras, byline=None, meta_date=True,
              visible_date=None, force=False):
  """A news page (paper or force style) with navigation, cookie banner and related links."""
  t = html.escape
  vis = visible_date or long_date(d)
  meta = (f'<meta property="article:published_time" content="{iso(d)}T08:00:00+00:00">'
          if meta_date else "")
  body = "\n".join(f"      <p>{t(p)}</p>" for p in paras)
  if force:
    top = ('<a class="exit" href="https://www.bbc.co.uk/weather">Exit this site</a>\n'
           '  <div class="banner">This is a new service – your feedback will help us improve it.'
           '</div>')
    by = ""
  else:
    top = ('<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> '
           '<a href="/announcements">Announcements</a></nav>')
    by = f'<p class="byline">By {t(byline)}</p>' if byline else ""
  page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>{t(title)} | {t(site)}</title>
  {meta}
</head>
<body>
  <div id="cookie-consent">We use cookies to personalise content and ads. Accept all | Manage
  preferences</div>
  {top}
  <main>
    <article>
      <h1>{t(title)}</h1>
      {by}
      <p class="dateline">{t(vis)}</p>
{body}
    </article>
    <aside class="related"><h2>Related stories</h2><ul>
      <li><a href="/news/1">Council approves budget for new leisure centre</a></li>
      <li><a href="/news/2">Lorry fire closes A-road for five hours</a></li>
      <li><a href="/news/3">School celebrates record exam results</a></li></ul></aside>
  </main>
  <footer>&copy; {d.year} {t(site)}. All rights reserved. Contact us | Privacy</footer>
</body>
</html>
"""
  _write(rel, page)
  return add(rel, story, d, "html", site, role)


def rss_item(rel, story, role, title, d, site, domain, summary, guid):
  """A one-item RSS feed whose item carries only a short summary (no full text)."""
  t = html.escape
  feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>{t(site)} - Crime</title>
  <link>https://www.{domain}/crime</link>
  <description>Latest crime news from {t(site)}</description>
  <item>
    <title>{t(title)}</title>
    <link>https://www.{domain}/news/{slug(title)}</link>
    <guid isPermaLink="false">{guid}</guid>
    <pubDate>{rfc822(d)}</pubDate>
    <description>{t(summary)}</description>
  </item>
</channel>
</rss>
"""
  _write(rel, feed)
  return add(rel, story, d, "rss", site, role, doc_id=f"{rel}#{guid}")


def jsonl_line(rel, story, role, title, d, domain, paras, jid):
  obj = {"id": jid, "url": f"https://www.{domain}/news/{slug(title)}", "title": title,
         "date": iso(d), "body": "\n\n".join(paras)}
  _write(rel, json.dumps(obj, ensure_ascii=False) + "\n")
  return add(rel, story, d, "jsonl", domain, role, doc_id=f"{rel}#{jid}")


def pair(a, b, kind, note=""):
  PAIRS.append((a, b, kind, note))


# --- copies of corpus stories -----------------------------------------------------------------

SWAPS = [("has been arrested", "was arrested"), ("officers", "police officers"),
         ("arrested", "detained"), (" about ", " around "), ("investigation", "inquiry"),
         ("following", "after"), ("said the", "says the")]


def light_edit(paras, force):
  out = list(paras)
  n = 0
  for a, b in SWAPS:
    for i, p in enumerate(out):
      if a in p and n < 3:
        out[i] = p.replace(a, b, 1)
        n += 1
        break
  if len(out) >= 4:
    out[1], out[2] = out[2], out[1]
  first = out[0]
  if first[:1].isupper() and not first.startswith(("I ", "ERSOU")):
    out[0] = f"{force} said " + first[0].lower() + first[1:]
  return out


def date_variants(d):
  return [f"{DAYS[d.weekday()]} {ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}",
          f"{d.day:02d}/{d.month:02d}/{d.year} 14:05",
          f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
          f"{ordinal(d.day)} {MONTHS[d.month - 1][:3]} {d.year}"]


COPY_KINDS = ["rewritten-headline", "added-paragraphs", "feed-vs-page", "dropped-paragraphs",
              "light-edit", "date-format", "chrome-wrapper", "exact-copy"]


def corpus_stories(corpus_jsonl):
  docs = []
  for line in open(corpus_jsonl, encoding="utf-8"):
    d = json.loads(line)
    if d["id"] == "README.md":
      continue
    docs.append(d)
  docs.sort(key=lambda d: d["id"])
  missing = [d["title"] for d in docs if d["title"] not in REWRITE]
  if missing:
    sys.exit(f"no rewrite for: {missing}")
  origins = {}
  for i, d in enumerate(docs):
    alt, town = REWRITE[d["title"]]
    paras = [p.strip() for p in d["text"].split("\n") if p.strip()]
    day = date.fromisoformat(d["date"])
    key = slug(d["title"])[:40].rstrip("-")
    story = f"c{i:02d}"
    fm = FORCE_RE.search(d["text"])
    force = fm.group(1) if fm else "Police"
    src = d["source"] or "Fenland Courier"
    base = f"corpus/{key}"
    if i % 2 == 0:
      origin = txt_kv(f"{base}/origin.txt", story, "origin", d["title"], day, src,
                      f"https://www.{slug(src)}.example/news/{key}", paras)
    else:
      origin = html_page(f"{base}/origin.html", story, "origin", d["title"], day, src, paras,
                         byline=d.get("byline"), force=(i % 4 == 1))
    origins[story] = (origin, town, day, paras, d["title"])
    copies = []
    for j in range(4):
      kind = COPY_KINDS[(i * 3 + j) % len(COPY_KINDS)]
      site, domain = PAPERS[(i + j) % len(PAPERS)]
      cd = day + timedelta(days=(i + j) % 3)
      who = name()
      if kind == "rewritten-headline":
        doc = html_page(f"{base}/headline.html", story, kind, alt, cd, site, paras, byline=who)
      elif kind == "added-paragraphs":
        k = (i * 2) % len(ADDED)
        fill = dict(town=town, name=name(), name2=name(), paper=site.split()[-1], role="")
        a1, a2 = ADDED[k].format(**fill), ADDED[(k + 3) % len(ADDED)].format(**fill)
        body = paras[:2] + [a1] + paras[2:] + [a2]
        if i % 3 == 0:
          doc = html_page(f"{base}/added.html", story, kind, d["title"], cd, site, body,
                          byline=who)
        else:
          doc = txt_kv(f"{base}/added.txt", story, kind, d["title"], cd, site,
                       f"https://www.{domain}/news/{key}", body, byline=who)
      elif kind == "feed-vs-page":
        title = alt if i % 2 else d["title"]
        doc = rss_item(f"{base}/feed.rss", story, kind, title, cd, site, domain, paras[0],
                       f"{domain.split('.')[0]}-{i:03d}")
      elif kind == "dropped-paragraphs":
        keep = max(2, (len(paras) * 3) // 5)
        body = paras[:keep]
        if len(body) >= 4:
          del body[2]
        doc = txt_kv(f"{base}/dropped.txt", story, kind, d["title"], cd, site,
                     f"https://www.{domain}/news/{key}", body)
      elif kind == "light-edit":
        body = light_edit(paras, force)
        doc = html_page(f"{base}/edited.html", story, kind, d["title"], cd, site, body,
                        byline=who)
      elif kind == "date-format":
        vis = date_variants(cd)[i % 4]
        doc = html_page(f"{base}/datefmt.html", story, kind, d["title"], cd, site, paras,
                        byline=who, meta_date=False, visible_date=vis)
      elif kind == "chrome-wrapper":
        doc = txt_dump(f"{base}/scrape.txt", story, kind, d["title"], cd,
                       AGGREGATOR[0] if i % 2 else site, paras, aggregator=bool(i % 2))
      else:  # exact-copy
        doc = jsonl_line(f"{base}/export.jsonl", story, kind, d["title"], day, domain, paras,
                         f"x{i:03d}")
      copies.append((kind, doc))
      pair(origin, doc, kind, f"{kind} copy of {story}")
    if i % 3 == 0:
      (k1, d1), (k2, d2) = copies[0], copies[1]
      pair(d1, d2, "copy-vs-copy", f"{k1} vs {k2}")
  return origins


# --- templates ---------------------------------------------------------------------------------

ESSEX_TOWNS = ["Basildon", "Southend-on-Sea", "Colchester", "Chelmsford", "Harlow", "Grays",
               "Clacton-on-Sea", "Braintree", "Brentwood", "Canvey Island", "Witham", "Maldon"]
NORFOLK_TOWNS = ["Norwich", "Great Yarmouth", "King's Lynn", "Thetford", "Dereham", "Wymondham",
                 "Cromer", "Swaffham", "Fakenham", "Attleborough"]


def county_lines_roundups():
  """Weekly county lines results of one force, one template; each week its own story."""
  docs = []
  start = date(2024, 2, 5)
  for w in range(7):
    mon = start + timedelta(weeks=w * 2 + (w % 2))
    sun = mon + timedelta(days=6)
    pub = sun + timedelta(days=1 + w % 2)
    towns = R.sample(ESSEX_TOWNS, 4)
    n, k = R.randint(9, 31), 0
    k = R.randint(4, n - 2)
    lines, cash, wraps = R.randint(2, 7), R.randint(3, 60) * 500, R.randint(40, 400)
    title = f"County lines week: {n} arrests and {lines} drug lines closed"
    paras = [
      f"Officers arrested {n} people and closed {lines} county lines during a week of action "
      f"against drug networks that ran from {DAYS[0]} {mon.day} {MONTHS[mon.month - 1]} to "
      f"{DAYS[6]} {sun.day} {MONTHS[sun.month - 1]}.",
      f"Warrants were carried out in {', '.join(towns[:3])} and {towns[3]}. Of those "
      f"arrested, {k} have been charged and the rest released on bail while enquiries "
      "continue.",
      f"Teams seized £{cash:,} in cash, {wraps} wraps of suspected class A drugs and "
      f"{R.randint(2, 12)} weapons, and visited {R.randint(10, 45)} people thought to be at "
      "risk of cuckooing.",
      "Detective Chief Inspector Rowena Tibbenham said: \"County lines gangs exploit children "
      "and vulnerable adults. Every line we close takes that leverage away from them.\"",
      "Anyone with information about drug dealing can contact Essex Police online or call "
      "Crimestoppers anonymously.",
    ]
    story = f"t-cl-{w}"
    doc = txt_kv(f"templates/county-lines-week/{iso(pub)}.txt", story, "roundup", title, pub,
                 "Essex Police", f"https://police.example/news/county-lines-week-{iso(pub)}",
                 paras)
    alt = f"{n} held and {lines} drug lines shut in Essex week of raids"
    docs.append((doc, story, title, pub, paras, alt))
  return docs


def drink_drive_roundups():
  docs = []
  start = date(2024, 12, 2)
  for w in range(6):
    pub = start + timedelta(weeks=w)
    n = R.randint(8, 25)
    drivers = []
    for _ in range(3):
      drivers.append((name(), R.randint(19, 64), R.choice(NORFOLK_TOWNS), R.randint(36, 110)))
    title = f"Christmas drink-drive campaign: {n} more drivers arrested"
    paras = [f"Another {n} drivers were arrested in Norfolk last week as the force's Christmas "
             f"campaign against drink and drug driving entered week {w + 1}.",
             "The following people have been charged and are due to appear at Norwich "
             "Magistrates' Court:"]
    for nm, age, town, mg in drivers:
      paras.append(f"{nm}, aged {age}, of {town}, charged with driving with {mg} micrograms of "
                   "alcohol in 100 millilitres of breath.")
    paras += ["Superintendent Gideon Farrow said: \"One drink can be one too many. If you are "
              "driving, don't drink at all.\"",
              "The campaign runs until New Year's Day. Anyone who suspects someone of driving "
              "under the influence can call 101 or 999 in an emergency."]
    story = f"t-dd-{w}"
    doc = html_page(f"templates/drink-drive-week/{iso(pub)}.html", story, "roundup", title, pub,
                    "Norfolk Constabulary", paras, force=True)
    alt = f"Norfolk drink-drive crackdown: {n} arrests in week {w + 1}"
    docs.append((doc, story, title, pub, paras, alt))
  return docs


def appeals():
  """Appeals for the same kind of offence, each with its own crime reference number."""
  kinds = {
    "catalytic": ("Appeal after catalytic converter stolen in {town}",
                  ["Police are appealing for witnesses after a catalytic converter was cut from "
                   "a {car} parked in {street}, {town}, between {h1}pm on {day} {d} {mon} and "
                   "{h2}am the next morning.",
                   "The owner heard a loud grinding noise but by the time they looked outside "
                   "the thieves had gone.",
                   "Anyone who saw anything suspicious in the area, or has doorbell or dashcam "
                   "footage, is asked to contact police quoting crime reference {ref}.",
                   "Officers are reminding owners of hybrid vehicles to park in garages or "
                   "well-lit areas and to consider a marking kit."]),
    "shed": ("Tools taken in {town} shed break-in",
             ["Power tools worth about £{val:,} were stolen when a garden shed was broken into "
              "at a house in {street}, {town}, overnight on {day} {d} {mon}.",
              "The padlock was forced and a mitre saw, a drill set and a leaf blower were "
              "taken.",
              "Witnesses or anyone offered tools for sale in suspicious circumstances should "
              "call 101 quoting crime reference {ref}.",
              "Police advise marking tools with a postcode and fitting a shed alarm."]),
    "courier": ("Warning after {town} resident targeted by fake police officer",
                ["An elderly resident of {town} handed over £{val:,} in cash after a caller "
                 "claiming to be a detective said their bank account had been compromised.",
                 "The victim was told to withdraw the money and hand it to a courier who "
                 "called at their home in {street} on {day} {d} {mon}.",
                 "Police will never ask anyone to withdraw money or hand over bank cards. "
                 "Anyone with information should quote crime reference {ref}.",
                 "Relatives are urged to talk to older family members about this kind of "
                 "scam."]),
  }
  out = {}
  towns = ["Chelmsford", "Colchester", "Chelmsford", "Braintree", "Harlow", "Colchester"]
  for kname, (tt, body) in kinds.items():
    out[kname] = []
    for j in range(6):
      town = towns[(j + len(kname)) % len(towns)]
      d = date(2024, 3, 4) + timedelta(days=R.randint(0, 200))
      fill = dict(town=town, street=R.choice(STREETS), car=R.choice(
        ["Toyota Prius", "Honda Jazz", "Toyota Auris", "Lexus RX"]), h1=R.randint(6, 11),
        h2=R.randint(5, 8), day=DAYS[d.weekday()], d=d.day, mon=MONTHS[d.month - 1],
        ref=f"42/{R.randint(10000, 99999)}/24", val=R.randint(8, 90) * 100)
      title = tt.format(**fill)
      paras = [p.format(**fill) for p in body]
      pub = d + timedelta(days=2)
      story = f"t-ap-{kname}-{j}"
      doc = txt_kv(f"templates/appeals/{kname}-{iso(pub)}-{j}.txt", story, "appeal", title,
                   pub, "Essex Police", f"https://police.example/news/appeal-{kname}-{j}", paras)
      out[kname].append((doc, story, title, pub, paras, town))
  return out


OFFENCES = [
  ("admitted drink-driving", "banned from driving for {m} months and fined £{f}"),
  ("admitted shoplifting from a supermarket", "given a community order and told to pay £{f}"),
  ("admitted possessing cannabis", "fined £{f}"),
  ("admitted assault by beating", "given a 12-month community order with {h} hours of unpaid "
   "work"),
  ("admitted driving without insurance", "given six penalty points and fined £{f}"),
  ("denied criminal damage", "remanded on bail until a trial on a date to be fixed"),
]


def court_lists():
  out = {}
  for court, towns in [("Colchester", ["Colchester", "Clacton-on-Sea", "Harwich", "Witham",
                                       "Brightlingsea", "Frinton-on-Sea"]),
                       ("Norwich", NORFOLK_TOWNS)]:
    out[court] = []
    for j in range(5):
      d = date(2024, 5, 6) + timedelta(days=7 * j + R.randint(0, 3))
      title = f"Court round-up: cases heard at {court} Magistrates' Court"
      paras = [f"These are some of the cases dealt with by magistrates sitting in {court} on "
               f"{DAYS[d.weekday()]} {d.day} {MONTHS[d.month - 1]}."]
      for off, res in R.sample(OFFENCES, 5):
        res = res.format(m=R.randint(12, 36), f=R.randint(80, 900), h=R.randint(40, 200))
        paras.append(f"{name()}, {R.randint(18, 70)}, of {R.choice(STREETS)}, "
                     f"{R.choice(towns)}, {off}. They were {res}.")
      paras.append("Court lists are published as a public record of cases heard.")
      pub = d + timedelta(days=1)
      story = f"t-court-{court}-{j}"
      doc = html_page(f"templates/court/{court.lower()}-{iso(pub)}.html", story, "court-list",
                      title, pub, PAPERS[j % 3][0], paras, byline="Court reporter")
      out[court].append((doc, story, title, pub, paras))
  return out


INCIDENTS = {
  "cannabis": ("Cannabis farm found at {street} address in {town}",
               ["Officers found a cannabis factory with {n} plants when they searched a house "
                "in {street}, {town}, on {day} {d} {mon}.",
                "A {age}-year-old man was arrested at the scene on suspicion of producing a "
                "controlled drug and abstracting electricity.",
                "Sergeant {off} said: \"The smell is often what gives these places away, and "
                "neighbours' reports are vital to us.\"",
                "The man has been released on bail while enquiries continue."]),
  "carkey": ("Cars stolen in {town} keyless thefts",
             ["Two cars were stolen from driveways in {street}, {town}, in the early hours of "
              "{day} {d} {mon} by thieves who appear to have relayed the signal from the keys.",
              "A {car1} and a {car2} were taken within {n} minutes of each other.",
              "Detective Constable {off} said: \"Keep keys away from doors and windows, ideally "
              "in a signal-blocking pouch.\"",
              "Anyone with doorbell footage is asked to get in touch."]),
  "assault": ("Man seriously hurt in {town} assault",
              ["A {age}-year-old man suffered a fractured jaw when he was punched outside a pub "
               "in {street}, {town}, at about {h}pm on {day} {d} {mon}.",
               "He was taken to hospital, where he remains in a stable condition.",
               "Detective Sergeant {off} said: \"This was a nasty, unprovoked attack and we "
               "want to hear from anyone who saw it.\"",
               "A man in his twenties has been arrested and released on bail."]),
  "dealer": ("{town} drug dealer jailed after being caught with {n} wraps",
             ["A man who was stopped in {street}, {town}, with {n} wraps of crack cocaine and "
              "heroin has been jailed for {y} years.",
              "{who}, {age}, was searched by officers on {day} {d} {mon} after they saw him "
              "making what looked like a handover.",
              "He admitted possession with intent to supply class A drugs and was sentenced at "
              "the crown court.",
              "PC {off} said: \"Street dealing blights neighbourhoods. We will keep acting on "
              "what residents tell us.\""]),
}


def incident(kind, town, d, tag):
  tt, body = INCIDENTS[kind]
  fill = dict(town=town, street=R.choice(STREETS), n=R.randint(20, 400), day=DAYS[d.weekday()],
              d=d.day, mon=MONTHS[d.month - 1], age=R.randint(19, 58), off=R.choice(LAST),
              car1=R.choice(["Range Rover", "Ford Focus ST", "Kia Sportage"]),
              car2=R.choice(["Mercedes C-Class", "BMW X5", "Audi A6"]), h=R.randint(8, 11),
              y=R.randint(2, 6), who=name())
  title = tt.format(**fill)
  paras = [p.format(**fill) for p in body]
  story = f"t-inc-{tag}"
  src = PAPERS[len(tag) % len(PAPERS)]
  doc = txt_kv(f"templates/incidents/{slug(town)}-{kind}-{iso(d)}-{tag}.txt", story, "incident",
               title, d, src[0], f"https://www.{src[1]}/news/{slug(title)}", paras)
  return doc, story, title, d, paras


def follow_ups():
  """A charge story and the sentencing months later: the same defendant, two stories."""
  out = []
  offences = [("burglary", "jailed for {y} years",
               "broke into a jeweller's shop in {street}"),
              ("possessing a loaded firearm", "jailed for {y} years",
               "was found with a loaded handgun in a car parked in {street}"),
              ("supplying cocaine", "jailed for {y} years",
               "ran a drugs line from a flat in {street}"),
              ("causing death by dangerous driving", "jailed for {y} years and banned "
               "from driving for ten years", "crashed into a cyclist in {street}")]
  for j in range(10):
    town = R.choice(ESSEX_TOWNS + NORFOLK_TOWNS)
    who, age = name(), R.randint(20, 50)
    off, res, what = offences[j % len(offences)]
    fill = dict(town=town, street=R.choice(STREETS), y=R.randint(3, 12))
    off, res, what = off.format(**fill), res.format(**fill), what.format(**fill)
    d1 = date(2023, 1, 10) + timedelta(days=R.randint(0, 300))
    d2 = d1 + timedelta(days=R.randint(90, 260))
    d2 -= timedelta(days=max(0, d2.weekday() - 4))  # courts sit on weekdays
    surname = who.split()[1]
    t1 = f"{town} man charged with {off}"
    p1 = [f"{who}, {age}, of {town}, has been charged with {off}. Police say he {what}, "
          f"{town}.",
          f"He was arrested on {long_date(d1 - timedelta(days=2))} and has been remanded in "
          "custody to appear at magistrates' court.",
          f"Detective Inspector {R.choice(LAST)} said: \"We have charged a man and I would "
          "like to thank the public for their help.\""]
    t2 = f"{town} man {res.split(' and ')[0]} for {off}"
    p2 = [f"{who}, {age}, of {town}, has been {res} after he {what}, {town}.",
          f"{surname} was arrested in {MONTHS[d1.month - 1]} and admitted the offence at an "
          "earlier hearing. He was sentenced at the crown court on "
          f"{DAYS[d2.weekday()]} {d2.day} {MONTHS[d2.month - 1]}.",
          f"After the hearing the investigating officer said: \"{surname} now faces the "
          "consequences of what he did.\""]
    a = txt_kv(f"templates/follow-up/{j}-charged-{iso(d1)}.txt", f"t-fu-{j}-c", "charged", t1,
               d1, "Essex Police" if town in ESSEX_TOWNS else "Norfolk Constabulary",
               f"https://police.example/news/charged-{j}", p1)
    b = html_page(f"templates/follow-up/{j}-sentenced-{iso(d2)}.html", f"t-fu-{j}-s",
                  "sentenced", t2, d2, PAPERS[j % len(PAPERS)][0], p2, byline=name())
    out.append((a, b))
  return out


def paper_copy(rel_dir, story, new_title, d, paras, j, kind="template-copy"):
  """A paper's copy of a templated release: new headline, a sentence of context added, the
  figures unchanged."""
  site, domain = PAPERS[(j + 3) % len(PAPERS)]
  body = list(paras) + [f"The {site} has asked for more details and will update this story."]
  body[0] = body[0].replace("Officers", "Police officers", 1)
  if j % 2:
    return html_page(f"{rel_dir}/copy-{story}.html", story, kind, new_title, d + timedelta(days=1),
                     site, body, byline=name())
  return txt_kv(f"{rel_dir}/copy-{story}.txt", story, kind, new_title, d + timedelta(days=1), site,
                f"https://www.{domain}/news/{slug(new_title)}", body)


# --- real articles ----------------------------------------------------------------------------

REAL_SAME = [("r01", "r03", "Essex Police 25 arrests, county lines week, March 2023"),
             ("r32", "r33", "Luton cocaine gang (45kg, ERSOU) sentenced 12 Nov 2018"),
             ("r58", "r59", "Norfolk county lines week, 12 arrests, March 2024"),
             ("r61", "r64", "Suffolk, national county lines week Sept 2020, 11 arrests"),
             ("r78", "r82", "ERSOU 1,000 years of sentences, gang of 14 jailed for 74 years, "
              "Oct 2015"),
             ("p01", "r32", "Luton 45kg cocaine gang sentenced: weekly paper vs BBC"),
             ("p01", "r33", "Luton 45kg cocaine gang sentenced: weekly paper vs Luton Today"),
             ("p03", "r58", "Norfolk 12 arrests, 4-10 March 2024: Lynn News vs BBC"),
             ("p03", "p04", "Norfolk 12 arrests, March 2024: Lynn News vs radio"),
             ("p04", "r59", "the same radio story on two of the station's local pages"),
             ("p05", "r58", "Norfolk 12 arrests, March 2024: aggregator rewrite of the BBC page"),
             ("p05", "p04", "Norfolk 12 arrests, March 2024: aggregator rewrite vs radio"),
             ("p07", "r04", "Essex week of 11-17 Oct 2021, 55 arrests: aggregator rewrite vs "
              "BBC"),
             ("p08", "p09", "Oxney Road, Peterborough cannabis factory, 17 Dec 2019: two papers")]
REAL_DIFF = [("r45", "r46", "real-follow-up", "Jordan sacked (Jan 2023) vs jailed (Feb 2023)"),
             ("r21", "r24", "real-follow-up", "St Albans raids March 2019 vs gang jailed 2020"),
             ("r71", "r72", "real-different", "two Ipswich Star pieces on London dealers, 2015"),
             ("r10", "r53", "real-different", "same day, Essex vs Norfolk drugs crackdowns"),
             ("r50", "r51", "real-different", "Operation Gravity, Feb vs Apr 2017"),
             ("r51", "r52", "real-different", "Operation Gravity, Apr vs Mar 2017"),
             ("r50", "r52", "real-different", "Operation Gravity, Feb vs Mar 2017"),
             ("r53", "r54", "real-different", "Operation Gravity launch 2016 vs 2018 raids"),
             ("r55", "r57", "real-different", "Norfolk county lines weeks, 2024 vs 2022"),
             ("r57", "r58", "real-different", "Norfolk county lines weeks, 2022 vs 2024"),
             ("r55", "r59", "real-different", "Norfolk county lines weeks, Dec vs Mar 2024"),
             ("r17", "r19", "real-different", "Herts cross-border operations, 2023 vs 2024"),
             ("r18", "r19", "real-different", "Herts cross-border operations, 2023 vs 2024"),
             ("r08", "r12", "real-different", "Raptor yearly sentences, 2017 vs 2021"),
             ("r09", "r12", "real-different", "Essex drug dealers' years in jail, 2023 vs 2021"),
             ("r11", "r13", "real-different", "Raptor figures, 2016 vs 2021"),
             ("r22", "r23", "real-different", "two Watford drugs sentencings, 2024"),
             ("r32", "r35", "real-different", "Luton drugs gangs jailed, 2018 vs 2021"),
             ("r60", "r66", "real-different", "Suffolk county lines weeks, Jan vs May 2019"),
             ("r01", "r04", "real-different", "Essex county lines weeks, 2023 vs 2021"),
             ("r03", "r04", "real-different", "Essex county lines weeks, 2023 vs 2021"),
             ("r59", "r61", "real-different", "county lines weeks, Norfolk 2024 vs Suffolk "
              "2020"),
             ("r37", "r41", "real-different", "Cambs cannabis seizures, 2021 vs 2022"),
             ("r33", "r35", "real-different", "Luton drugs gangs jailed, 2018 vs 2021"),
             ("p02", "r32", "real-follow-up", "Luton gang convicted (1 Nov 2018) vs sentenced "
              "(12 Nov)"),
             ("p02", "p01", "real-follow-up", "Luton gang convicted vs sentenced"),
             ("p06", "r58", "real-different", "Norfolk county lines weeks with 12 arrests each, "
              "Oct 2021 vs Mar 2024"),
             ("p06", "p03", "real-different", "Norfolk 12 arrests, Oct 2021 vs Mar 2024"),
             ("p06", "r59", "real-different", "Norfolk 12 arrests, Oct 2021 vs Mar 2024"),
             ("p06", "r57", "real-different", "Norfolk county lines weeks, Oct 2021 vs May "
              "2022"),
             ("p07", "r01", "real-different", "Essex county lines weeks, Oct 2021 vs Mar 2023"),
             ("p08", "p12", "real-different", "Peterborough cannabis factories, 2019 vs 2017"),
             ("p09", "p12", "real-different", "Peterborough cannabis factories, 2019 vs 2017"),
             ("p10", "p11", "real-different", "Wisbech cannabis factories, 2019 vs 2018"),
             ("p10", "p08", "real-different", "Fenland police cannabis finds, Wisbech vs "
              "Peterborough, 2019"),
             ("p13", "r64", "real-different", "Suffolk county lines weeks from one template, "
              "2018 vs 2020"),
             ("p13", "r66", "real-different", "Suffolk county lines weeks, 2018 vs 2019"),
             ("p13", "p14", "real-different", "Suffolk county lines weeks, 2018 vs 2025"),
             ("p14", "r61", "real-different", "Suffolk county lines weeks, 2025 vs 2020"),
             ("p14", "r64", "real-different", "Suffolk county lines weeks, 2025 vs 2020")]


def real_articles():
  arts = {a["id"]: a for a in json.load(open(REAL, encoding="utf-8"))}
  for rid, url, source, day, note, title, text in REAL_EXTRA:
    arts[rid] = {"id": rid, "url": url, "source": source, "date": day, "title": title,
                 "text": text, "note": note}
  used = sorted({x for p in REAL_SAME for x in p[:2]} | {x for p in REAL_DIFF for x in p[:2]})
  parent = {}

  def find(x):
    while parent.get(x, x) != x:
      x = parent[x]
    return x

  for a, b, _ in REAL_SAME:
    ra, rb = find(a), find(b)
    if ra != rb:
      parent[max(ra, rb)] = min(ra, rb)
  story_of = {x: find(x) for x in used}
  docs = {}
  for rid in used:
    a = arts[rid]
    raw = a["date"]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
      d, prec = date.fromisoformat(raw), "day"
    elif re.fullmatch(r"\d{4}-\d{2}", raw):
      d, prec = date.fromisoformat(raw + "-01"), "month"
    elif re.fullmatch(r"\d{4}", raw):
      d, prec = date.fromisoformat(raw + "-01-01"), "year"
    else:
      d, prec = None, "unknown"
    paras = [p for p in re.split(r"\n\s*\n", a["text"]) if p.strip()]
    head = [f"title: {a['title']}", f"source: {a['source']}", f"url: {a['url']}"]
    if d:
      head.insert(1, f"date: {iso(d)}")
    rel = f"real/{rid}.txt" if rid.startswith("r") else f"real-pages/{rid}.txt"
    _write(rel, "\n".join(head) + "\n\n" + "\n\n".join(paras) + "\n")
    ARTICLES.append({"id": rel, "story": f"real-{story_of.get(rid, rid)}",
                     "date": (iso(d) if d else "") + ("" if prec == "day" else f" ({prec})"),
                     "format": "txt", "source": a["source"], "role": "real"})
    docs[rid] = rel
  for a, b, note in REAL_SAME:
    pair(docs[a], docs[b], "real-same", note)
  for a, b, kind, note in REAL_DIFF:
    pair(docs[a], docs[b], kind, note)


# --- main ---------------------------------------------------------------------------------------

def heldback(a, b):
  x, y = sorted([a, b])
  return int(hashlib.sha1(f"{x}\t{y}".encode()).hexdigest()[:8], 16) % 3 == 0


def main():
  if len(sys.argv) != 2:
    sys.exit(__doc__)
  if os.path.isdir(OUT):
    shutil.rmtree(OUT)
  origins = corpus_stories(sys.argv[1])
  keys = sorted(origins)

  # Easy negatives: unrelated corpus stories.
  for j in range(30):
    a, b = R.sample(keys, 2)
    while origins[a][1] == origins[b][1]:
      a, b = R.sample(keys, 2)
    pair(origins[a][0], origins[b][0], "easy-different", f"{a} vs {b}")

  # Round-ups from one template, different weeks; and papers' copies of some weeks.
  for series, kind in [(county_lines_roundups(), "template-roundup"),
                       (drink_drive_roundups(), "template-roundup")]:
    for x in range(len(series)):
      for y in range(x + 1, min(x + 4, len(series))):
        pair(series[x][0], series[y][0], kind, f"{series[x][1]} vs {series[y][1]}")
    for j in range(5):
      doc, story, title, d, paras, alt = series[j]
      c = paper_copy(os.path.dirname(doc), story, alt, d, paras, j, "roundup-copy")
      pair(doc, c, "roundup-copy", f"paper copy of {story}")
      pair(c, series[j + 1][0], kind, f"copy of {story} vs next week")

  # Appeals for the same offence with different crime reference numbers.
  for kname, items in appeals().items():
    for x in range(len(items)):
      for y in range(x + 1, len(items)):
        if y - x <= 2 or items[x][5] == items[y][5]:
          pair(items[x][0], items[y][0], "appeal-same-offence",
               f"{kname}: {items[x][5]} vs {items[y][5]}")
    for j in (1, 3, 4):
      doc, story, title, d, paras, town = items[j]
      alt = "Police appeal: " + title[0].lower() + title[1:]
      c = paper_copy(os.path.dirname(doc), story, alt, d, paras, j + len(kname))
      pair(doc, c, "template-copy", f"paper copy of {story}")

  # Court lists from the same court on different days.
  for court, items in court_lists().items():
    for x in range(len(items)):
      for y in range(x + 1, min(x + 3, len(items))):
        pair(items[x][0], items[y][0], "court-list", f"{court} {items[x][3]} vs {items[y][3]}")
    for j in (1, 2, 3):
      doc, story, title, d, paras = items[j]
      alt = f"From the courts: {court} magistrates, {long_date(d - timedelta(days=1))}"
      c = paper_copy(os.path.dirname(doc), story, alt, d, paras, 7 + j)
      pair(doc, c, "template-copy", f"copy of {story}")
      pair(c, items[j - 1][0], "court-list", f"copy of {story} vs the court's previous list")

  # Different incidents in the same town (one per corpus story's town), and the same crime
  # type in different towns (same template).
  by_kind = {k: [] for k in INCIDENTS}
  kinds = sorted(INCIDENTS)
  for n, key in enumerate(keys):
    origin, town, day, _, _ = origins[key]
    d = day + timedelta(days=R.randint(-20, 20))
    kind = kinds[n % len(kinds)]
    inc = incident(kind, town, d, f"{n}")
    by_kind[kind].append((inc, town))
    pair(origin, inc[0], "same-town", f"{key} vs another {town} incident ({kind})")
    if n % 4 == 0:
      inc2 = incident(kind, town, d + timedelta(days=R.randint(3, 40)), f"{n}b")
      pair(inc[0], inc2[0], "same-town", f"two {kind} incidents in {town}")
      alt = f"{town}: " + inc[2][0].lower() + inc[2][1:]
      c = paper_copy("templates/incidents", inc[1], alt, inc[3], inc[4], n)
      pair(inc[0], c, "template-copy", f"paper copy of {inc[1]}")
      pair(c, inc2[0], "same-town", f"copy of one {kind} incident in {town} vs another")
  for kind, items in by_kind.items():
    for x in range(len(items) - 1):
      (a, ta), (b, tb) = items[x], items[x + 1]
      if ta != tb:
        pair(a[0], b[0], "same-crime-other-town", f"{kind}: {ta} vs {tb}")

  # Corpus stories in the same town are different incidents.
  by_town = {}
  for key in keys:
    by_town.setdefault(origins[key][1], []).append(key)
  for town, ks in sorted(by_town.items()):
    for x in range(len(ks)):
      for y in range(x + 1, len(ks)):
        pair(origins[ks[x]][0], origins[ks[y]][0], "same-town", f"corpus stories in {town}")

  # Follow-ups of corpus stories, written by hand; the follow-up against the origin and
  # against a copy of the origin.
  for key in keys:
    origin, town, day, paras, title = origins[key]
    if title not in FOLLOW_UPS:
      continue
    later, t2, p2 = FOLLOW_UPS[title]
    site = PAPERS[len(t2) % len(PAPERS)][0]
    doc = html_page(f"corpus/{slug(title)[:40].rstrip('-')}/follow-up.html", f"{key}-later",
                    "follow-up", t2, day + timedelta(days=later), site, p2, byline=name())
    pair(origin, doc, "follow-up", f"{key}: later stage of the same case")
    for a in ARTICLES:
      if a["story"] == key and a["role"] != "origin":
        pair(a["id"], doc, "follow-up", f"copy of {key} vs its follow-up")
        break

  # Follow-ups: charged, then sentenced.
  for a, b in follow_ups():
    pair(a, b, "follow-up", "charge vs sentence of the same defendant")

  real_articles()
  write_tables()


def write_tables():
  story = {a["id"]: a["story"] for a in ARTICLES}
  seen = set()
  with open(os.path.join(HERE, "pairs.tsv"), "w", encoding="utf-8") as f:
    f.write("a\tb\tlabel\tkind\tpart\tnote\n")
    for a, b, kind, note in PAIRS:
      key = tuple(sorted([a, b]))
      if key in seen or a == b:
        continue
      seen.add(key)
      label = "same" if story[a] == story[b] else "different"
      part = "heldback" if heldback(a, b) else "tuning"
      f.write(f"{a}\t{b}\t{label}\t{kind}\t{part}\t{note}\n")
  print_counts()
  with open(os.path.join(HERE, "articles.tsv"), "w", encoding="utf-8") as f:
    f.write("id\tstory\tdate\tformat\tsource\trole\n")
    for a in ARTICLES:
      f.write("\t".join(a[k] for k in ["id", "story", "date", "format", "source", "role"]) + "\n")


def print_counts():
  """The counts table of README.md, from pairs.tsv and ARTICLES."""
  rows = [line.rstrip("\n").split("\t") for line in
          open(os.path.join(HERE, "pairs.tsv"), encoding="utf-8")][1:]
  counts = {}
  for a, b, label, kind, part, _ in rows:
    c = counts.setdefault((label == "different", kind), [0, 0])
    c[0] += 1
    c[1] += part == "heldback"
  same = sum(r[2] == "same" for r in rows)
  held = [r for r in rows if r[4] == "heldback"]
  fmts = {}
  for a in ARTICLES:
    fmts[a["format"]] = fmts.get(a["format"], 0) + 1
  print(f"{len(ARTICLES)} articles {fmts}; {len(rows)} pairs: {same} same, "
        f"{len(rows) - same} different; held back {len(held)} "
        f"({sum(r[2] == 'same' for r in held)} same)")
  print("| label | kind | pairs | held back |\n|---|---|---:|---:|")
  for (diff, kind), (n, h) in sorted(counts.items()):
    print(f"| {'different' if diff else 'same'} | `{kind}` | {n} | {h} |")


if __name__ == "__main__":
  main()
