"""Deterministic synthetic corpus of East of England police news.

Every article is a pure function of (seed, article number, variant), so the corpus can be
generated in parallel chunks, regenerated exactly, and a "changed" version of any page can be
produced for the re-indexing test without keeping copies around.

Vocabulary: the 50,000 most frequent lowercase English words from `wordfreq` (with their real
frequencies, which follow Zipf's law); without `wordfreq`, synthetic pseudo-words with Zipf
(1/rank) weights.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import html
import itertools
import json
import os
import random
import re

VOCAB_SIZE = 50_000
TARGET_BYTES = 3200  # mean body size

# ---------------------------------------------------------------- vocabulary


def _synthetic_vocab(n: int) -> tuple[list[str], list[float]]:
  rng = random.Random(1234)
  onsets = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w",
            "br", "cr", "dr", "st", "tr", "pl", "gr", "sh", "ch", "th", "str", "bl"]
  vowels = ["a", "e", "i", "o", "u", "ea", "ou", "ai", "ie", "oo"]
  codas = ["", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck", "rt", "m", "ss", "nt"]
  seen: set[str] = set()
  words: list[str] = []
  while len(words) < n:
    k = 1 + min(3, int(rng.expovariate(0.9)))
    w = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(k))
    if w not in seen and 2 <= len(w) <= 14:
      seen.add(w)
      words.append(w)
  words.sort(key=len)  # short words first: frequent words are short
  return words, [1.0 / (r + 1) for r in range(n)]


def load_vocab(n: int = VOCAB_SIZE) -> tuple[list[str], list[float], str]:
  """Returns (words by rank, weights, source)."""
  try:
    import wordfreq  # type: ignore

    words: list[str] = []
    for w in wordfreq.top_n_list("en", int(n * 1.3)):
      if re.fullmatch(r"[a-z]+", w) and (len(w) > 1 or w in ("a", "i")):
        words.append(w)
        if len(words) == n:
          break
    weights = [wordfreq.word_frequency(w, "en") for w in words]
    return words, weights, f"wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else ''}".strip()
  except Exception:  # pragma: no cover - fallback when wordfreq is missing
    words, weights = _synthetic_vocab(n)
    return words, weights, "synthetic (wordfreq unavailable)"


# ---------------------------------------------------------------- entities

COUNTIES = ["Norfolk", "Suffolk", "Essex", "Cambridgeshire", "Hertfordshire", "Bedfordshire"]
FORCES = {
  "Norfolk": "Norfolk Constabulary", "Suffolk": "Suffolk Constabulary", "Essex": "Essex Police",
  "Cambridgeshire": "Cambridgeshire Constabulary", "Hertfordshire": "Hertfordshire Constabulary",
  "Bedfordshire": "Bedfordshire Police",
}
TOWNS = {
  "Norfolk": ["Norwich", "King's Lynn", "Great Yarmouth", "Thetford", "Dereham", "Cromer", "Diss",
              "Wymondham", "Fakenham", "Swaffham", "Downham Market", "Attleborough", "Sheringham"],
  "Suffolk": ["Ipswich", "Lowestoft", "Bury St Edmunds", "Felixstowe", "Sudbury", "Haverhill",
              "Newmarket", "Stowmarket", "Woodbridge", "Beccles", "Mildenhall", "Hadleigh"],
  "Essex": ["Chelmsford", "Colchester", "Basildon", "Southend-on-Sea", "Harlow", "Brentwood",
            "Braintree", "Clacton-on-Sea", "Harwich", "Witham", "Maldon", "Rayleigh",
            "Canvey Island", "Epping", "Grays", "Tilbury", "Saffron Walden", "Billericay"],
  "Cambridgeshire": ["Cambridge", "Peterborough", "Huntingdon", "Ely", "Wisbech", "St Neots",
                     "March", "St Ives", "Whittlesey", "Chatteris", "Ramsey"],
  "Hertfordshire": ["Watford", "St Albans", "Stevenage", "Hemel Hempstead", "Hertford",
                    "Hitchin", "Letchworth", "Welwyn Garden City", "Hatfield", "Borehamwood",
                    "Bishop's Stortford", "Hoddesdon", "Cheshunt", "Royston", "Tring"],
  "Bedfordshire": ["Luton", "Bedford", "Dunstable", "Leighton Buzzard", "Biggleswade",
                   "Houghton Regis", "Flitwick", "Sandy", "Ampthill", "Kempston"],
}
NEIGHBOURS = ["Kent", "London", "Lincolnshire", "Northamptonshire", "Merseyside", "the West Midlands"]

# (acronym, long form)
UNITS = [
  ("ERSOU", "Eastern Region Special Operations Unit"),
  ("ROCU", "Regional Organised Crime Unit"),
  ("SVU", "Serious Violence Unit"),
  ("CID", "Criminal Investigation Department"),
  ("MIT", "Major Investigation Team"),
  ("BCH", "Bedfordshire, Cambridgeshire and Hertfordshire Major Crime Unit"),
  ("SOCU", "Serious and Organised Crime Unit"),
  ("ARV", "Armed Response Vehicle unit"),
  ("RPU", "Roads Policing Unit"),
  ("OPU", "Operational Partnership Team"),
  ("CSE", "Child Sexual Exploitation team"),
  ("DSU", "Dog Support Unit"),
  ("NPAS", "National Police Air Service"),
  ("NCA", "National Crime Agency"),
]
OPERATIONS = ["Raptor", "Sceptre", "Orochi", "Venetic", "Grip", "Hydra", "Tonic", "Kestrel",
              "Falcon", "Dovetail", "Gallant", "Trident", "Sentinel", "Mermaid", "Tornado",
              "Fortress", "Harrier", "Buzzard", "Lantern", "Bluestone", "Cedar", "Drayman",
              "Ember", "Granite", "Juno", "Kingfisher", "Marlin", "Nightjar", "Osprey", "Quartz"]
RANKS = [("PC", 30), ("PCSO", 8), ("DC", 14), ("Sgt", 10), ("DS", 9), ("Insp", 7), ("DI", 7),
         ("Ch Insp", 4), ("DCI", 6), ("Supt", 4), ("Det Supt", 4), ("Ch Supt", 2),
         ("Det Ch Supt", 1), ("ACC", 1), ("DCC", 1)]
FIRST = ["Lisa", "James", "Sarah", "David", "Emma", "Mark", "Rachel", "Paul", "Helen", "Andrew",
         "Claire", "Richard", "Laura", "Simon", "Kate", "Steve", "Nicola", "Chris", "Jo", "Gary",
         "Amy", "Neil", "Louise", "Matt", "Jenny", "Darren", "Vicky", "Lee", "Hannah", "Tom",
         "Zoe", "Ian", "Gemma", "Rob", "Karen", "Adam", "Becky", "Jon", "Sophie", "Dan",
         "Priya", "Raj", "Amir", "Fatima", "Tariq", "Olu", "Kwame", "Agnieszka", "Tomasz", "Ben"]
SURNAMES = ["Alcock", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
            "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts",
            "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "Harrison",
            "Pearce", "Turner", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee",
            "King", "Baker", "Harris", "Allen", "Youngs", "Mitchell", "Bishop", "Bacon", "Gotts",
            "Howlett", "Kett", "Mayhew", "Rix", "Sayer", "Thrower", "Cubitt", "Dye", "Fulcher",
            "Gedge", "Loades", "Nunn", "Pegg", "Rudd", "Sparrow", "Tuck", "Wace", "Balls",
            "Chilvers", "Frost", "Grimes", "Haylock", "Leeder", "Pointer", "Reeve", "Spalding",
            "Alden", "Blyth", "Catchpole", "Durrant", "Eastaugh", "Fisk", "Goddard", "Hunt",
            "Jermy", "Knights", "Larter", "Mann", "Nobbs", "Orford", "Plume", "Quinton"]
REPORTERS = ["Dan Grimmer", "Anna Lodge", "Luke Powell", "Jasmine Sutton", "Chris Bishop",
             "Tom Howard", "Grace Piercy", "Owen Sennitt", "Emily Thomson", "Joe Randall"]
SITES = [("Eastern Daily Chronicle", "eastern-daily-chronicle.example"),
         ("Anglian Evening Star", "anglian-evening-star.example"),
         ("Essex Gazette Online", "essex-gazette.example"),
         ("Herts Mercury Post", "herts-mercury-post.example"),
         ("Beds Observer", "beds-observer.example"),
         ("Fenland Citizen News", "fenland-citizen.example")]
DRUGS = ["cocaine", "heroin", "cannabis", "crack cocaine", "ketamine", "MDMA", "amphetamine"]
CRIMES = ["burglary", "robbery", "drug supply", "county lines drug dealing", "fraud",
          "money laundering", "arson", "assault", "dangerous driving", "theft",
          "possession of an offensive weapon", "stalking", "modern slavery", "criminal damage",
          "handling stolen goods", "people smuggling", "firearms offences", "blackmail"]
COURTS = ["Norwich Crown Court", "Ipswich Crown Court", "Chelmsford Crown Court",
          "Cambridge Crown Court", "Peterborough Crown Court", "St Albans Crown Court",
          "Luton Crown Court", "Basildon Crown Court", "Norwich Magistrates' Court",
          "Colchester Magistrates' Court", "Suffolk Magistrates' Court"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
# figure nouns that get a number in front of them ("447 arrests")
FIGURE_NOUNS = ["arrests", "kilograms", "warrants", "vehicles", "phones", "weapons", "charges",
                "raids", "victims", "properties"]
FIGURE_RE = re.compile(r"\b(\d[\d,]*) (" + "|".join(FIGURE_NOUNS) + r")\b")

DATE0 = _dt.date(2015, 1, 1).toordinal()
DATE1 = _dt.date(2025, 12, 31).toordinal()

STOPWORDS = frozenset("""a about above after again against all am an and any are as at be because
been before being below between both but by can did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours ourselves
out over own same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours yourself yourselves""".split())


def _officer_pool(seed: int, n: int = 1500) -> list[tuple[str, str, str]]:
  rng = random.Random(seed * 7 + 11)
  ranks = [r for r, _ in RANKS]
  weights = [w for _, w in RANKS]
  pool = []
  for _ in range(n):
    pool.append((rng.choices(ranks, weights)[0], rng.choice(FIRST), rng.choice(SURNAMES)))
  return pool


class Generator:
  def __init__(self, seed: int = 42):
    self.seed = seed
    self.words, weights, self.vocab_source = load_vocab()
    self.cum = list(itertools.accumulate(weights))
    self.officers = _officer_pool(seed)
    self.places = [(c, t) for c in COUNTIES for t in TOWNS[c]]

  # ------------------------------------------------------------ pieces
  def _filler(self, rng: random.Random, nwords: int) -> str:
    ws = rng.choices(self.words, cum_weights=self.cum, k=nwords)
    out = []
    i = 0
    while i < len(ws):
      n = min(len(ws) - i, rng.randint(7, 22))
      s = ws[i:i + n]
      i += n
      if n > 9 and rng.random() < 0.35:
        s[rng.randint(3, n - 3)] += ","
      out.append(s[0].capitalize() + " " + " ".join(s[1:]) + ".")
    return " ".join(out)

  @staticmethod
  def _fig(rng: random.Random, noun: str) -> int:
    scale = {"arrests": 60, "kilograms": 25, "warrants": 12, "vehicles": 8, "phones": 15,
             "weapons": 10, "charges": 9, "raids": 10, "victims": 6, "properties": 7}[noun]
    return max(2, int(rng.lognormvariate(0, 1.1) * scale))

  @staticmethod
  def _money(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
      return f"£{rng.randint(1, 99)}.{rng.randint(0, 9)} million"
    if r < 0.5:
      return f"£{rng.randint(1, 9)}.{rng.randint(0, 9)} billion" if rng.random() < 0.1 else f"£{rng.randint(100, 999)} million"
    return f"£{rng.randint(1, 999)},{rng.randint(0, 999):03d}"

  @staticmethod
  def _num(n: int) -> str:
    return f"{n:,}"

  def _templated(self, rng: random.Random, ctx: dict) -> str:
    o = rng.choice(ctx["officers"])
    town = rng.choice(ctx["towns"])
    unit, unit_long = ctx["unit"]
    op = ctx["op"]
    d = _dt.date.fromordinal(rng.randint(DATE0, DATE1))
    when = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    noun = rng.choice(FIGURE_NOUNS)
    n = self._fig(rng, noun)
    k = rng.randrange(16)
    if k == 0:
      return f"{o[0]} {o[1]} {o[2]}, of the {unit_long} ({unit}), said officers had made {self._num(n)} {noun} since Operation {op} began in {when}."
    if k == 1:
      return f"Officers from {ctx['force']} searched a property in {town} on {when} and seized {self._num(self._fig(rng, 'kilograms'))} kilograms of {rng.choice(DRUGS)} worth an estimated {self._money(rng)}."
    if k == 2:
      return f"The investigation, led by {unit}, has so far resulted in {self._num(self._fig(rng, 'arrests'))} arrests and {self._num(self._fig(rng, 'charges'))} charges across {ctx['county']} and {rng.choice(NEIGHBOURS)}."
    if k == 3:
      return f"\"This is a significant result for the people of {town},\" said {o[0]} {o[1]} {o[2]}. \"We will continue to target those who bring {rng.choice(CRIMES)} to our communities.\""
    if k == 4:
      return f"A {rng.randint(17, 68)}-year-old man from {town} was sentenced at {rng.choice(COURTS)} to {rng.randint(1, 22)} years in prison for {rng.choice(CRIMES)}."
    if k == 5:
      return f"Operation {op} is a joint operation between {ctx['force']}, {rng.choice(UNITS)[0]} and the {unit_long}, and targets {rng.choice(CRIMES)} in {ctx['county']}."
    if k == 6:
      return f"During the week of action {self._num(self._fig(rng, 'warrants'))} warrants were executed, {self._num(self._fig(rng, 'vehicles'))} vehicles were seized and {self._num(self._fig(rng, 'phones'))} phones were recovered."
    if k == 7:
      return f"Anyone with information is asked to contact {ctx['force']} on 101 quoting Operation {op}, or Crimestoppers anonymously on 0800 555 111."
    if k == 8:
      return f"{o[0]} {o[2]} added that {self._num(self._fig(rng, 'victims'))} victims had been identified and were being supported by specialist officers."
    if k == 9:
      return f"A woman aged {rng.randint(18, 75)} from {town} was arrested on suspicion of {rng.choice(CRIMES)} and has been released on bail until {when}."
    if k == 10:
      return f"Cash totalling {self._money(rng)} was frozen by the {unit} financial investigation team, and {self._num(self._fig(rng, 'properties'))} properties were restrained under the Proceeds of Crime Act."
    if k == 11:
      return f"Police were called to {rng.choice(['High Street', 'Station Road', 'London Road', 'Church Lane', 'Mill Road', 'Victoria Road', 'the A11', 'the A14', 'the A12', 'the A47'])}, {town}, at about {rng.randint(1, 12)}.{rng.randint(0, 59):02d}{rng.choice(['am', 'pm'])} on {when}."
    if k == 12:
      return f"In {d.year} the {unit} recorded {self._num(self._fig(rng, 'raids'))} raids and {self._num(self._fig(rng, 'weapons'))} weapons taken off the streets of {ctx['county']}."
    if k == 13:
      return f"{o[0]} {o[1]} {o[2]} of the {unit} said: \"{self._filler(rng, rng.randint(10, 20))}\""
    if k == 14:
      return f"The Police and Crime Commissioner for {ctx['county']} said {self._money(rng)} had been invested in tackling {rng.choice(CRIMES)} since {rng.randint(2015, 2025)}."
    return f"Detectives from the {unit} in {town} are appealing for witnesses after {self._num(n)} {noun} were linked to Operation {op}."

  def _title(self, rng: random.Random, ctx: dict) -> str:
    town = ctx["towns"][0]
    k = rng.randrange(10)
    op = ctx["op"]
    if k == 0:
      return f"{self._num(self._fig(rng, 'arrests'))} arrests as Operation {op} targets county lines in {town}"
    if k == 1:
      return f"Man jailed after {self._num(self._fig(rng, 'kilograms'))} kilograms of {rng.choice(DRUGS)} seized in {town}"
    if k == 2:
      return f"{ctx['unit'][0]} smashes {rng.choice(CRIMES)} gang operating across {ctx['county']}"
    if k == 3:
      return f"Appeal for witnesses after {rng.choice(CRIMES)} in {town}"
    if k == 4:
      return f"{ctx['officers'][0][0]} {ctx['officers'][0][1]} {ctx['officers'][0][2]}: '{self._filler(rng, rng.randint(4, 8))[:-1]}'"
    if k == 5:
      return f"{self._money(rng).capitalize()} seized in {ctx['county']} money laundering probe"
    if k == 6:
      return f"{town} {rng.choice(self.words[200:5000])} {rng.choice(self.words[200:20000])} after police {rng.choice(['raid', 'chase', 'swoop', 'appeal', 'warning'])}"
    if k == 7:
      return f"Operation {op}: {self._num(self._fig(rng, 'warrants'))} warrants executed in dawn raids"
    if k == 8:
      return f"Teenager charged with {rng.choice(CRIMES)} in {town}"
    return f"{ctx['force']} {rng.choice(['launches', 'expands', 'ends', 'reviews'])} {rng.choice(self.words[100:8000])} {rng.choice(self.words[100:30000])} crackdown"

  # ------------------------------------------------------------ article
  def article(self, i: int, variant: int = 0) -> dict:
    """Article number i (0-based). variant > 0 gives a changed version of the same article."""
    rng = random.Random(self.seed * 1_000_003 + i)
    county = rng.choice(COUNTIES)
    towns = rng.sample(TOWNS[county], 3)
    ctx = {
      "county": county, "force": FORCES[county], "towns": towns,
      "unit": rng.choice(UNITS), "op": rng.choice(OPERATIONS),
      "officers": [rng.choice(self.officers) for _ in range(3)],
    }
    d = _dt.date.fromordinal(rng.randint(DATE0, DATE1))
    site, host = SITES[i % len(SITES)]
    title = self._title(rng, ctx)
    # body length: lognormal around TARGET_BYTES (mean ~3.2 KB)
    target = int(min(4.0, max(0.25, rng.lognormvariate(-0.08, 0.4))) * TARGET_BYTES)
    paras: list[str] = []
    size = 0
    while size < target:
      sents = []
      for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.35:
          sents.append(self._templated(rng, ctx))
        else:
          sents.append(self._filler(rng, rng.randint(12, 40)))
      p = " ".join(sents)
      paras.append(p)
      size += len(p) + 1
    if variant:
      vr = random.Random(self.seed * 7919 + i * 31 + variant)
      title = title + " - update"
      k = vr.randrange(len(paras))
      paras[k] = self._templated(vr, ctx) + " " + self._filler(vr, vr.randint(20, 60))
      paras.append(f"Update {variant}: " + self._templated(vr, ctx))
    aid = f"{i:07d}"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:70]
    return {
      "id": aid,
      "url": f"https://www.{host}/news/crime/{d.year}/{slug}-{aid}",
      "title": title,
      "date": d.isoformat(),
      "body": "\n".join(paras),
      "_site": site,
      "_reporter": REPORTERS[rng.randrange(len(REPORTERS))],
      "_county": county,
    }


def page_relpath(i: int) -> str:
  return f"{i // 1000:03d}/{i:07d}.html"


NAV = ["News", "Crime", "Courts", "Sport", "Business", "What's On", "Property", "Jobs", "Obituaries"]


def render_html(a: dict) -> str:
  e = html.escape
  d = _dt.date.fromisoformat(a["date"])
  human = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
  paras = "\n".join(f"<p>{e(p)}</p>" for p in a["body"].split("\n"))
  nav = "".join(f'<li><a href="/{n.lower().replace(" ", "-")}/">{e(n)}</a></li>' for n in NAV)
  return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{e(a['title'])} | {e(a['_site'])}</title>
<link rel="canonical" href="{e(a['url'])}">
<meta property="og:title" content="{e(a['title'])}">
<meta property="og:url" content="{e(a['url'])}">
<meta property="og:site_name" content="{e(a['_site'])}">
<meta property="article:published_time" content="{a['date']}T08:00:00+00:00">
<meta name="author" content="{e(a['_reporter'])}">
<link rel="stylesheet" href="/static/site.css">
<script src="/static/ads.js" async></script>
</head>
<body>
<div class="cookie-banner">We use cookies to improve your experience and to show you relevant adverts. <button>Accept all</button> <a href="/privacy/">Manage preferences</a></div>
<header class="site-header"><a class="logo" href="/">{e(a['_site'])}</a>
<nav><ul>{nav}</ul></nav></header>
<main>
<article class="story">
<h1>{e(a['title'])}</h1>
<p class="byline">By <span class="author">{e(a['_reporter'])}</span>, Crime reporter</p>
<time datetime="{a['date']}">{human}</time>
<div class="story-body">
{paras}
</div>
</article>
<aside class="most-read"><h2>Most read</h2><ol><li><a href="/news/">Roadworks to close A47 overnight</a></li><li><a href="/news/">Council approves new homes plan</a></li><li><a href="/sport/">Town draw 1-1 in derby</a></li></ol></aside>
</main>
<footer><p>&copy; {d.year} {e(a['_site'])}. All rights reserved. Registered in England and Wales.</p><ul><li><a href="/contact/">Contact us</a></li><li><a href="/terms/">Terms</a></li><li><a href="/privacy/">Privacy</a></li></ul></footer>
</body>
</html>
"""


def json_line(a: dict) -> str:
  return json.dumps({k: a[k] for k in ("id", "url", "title", "date", "body")}, ensure_ascii=False)


# ---------------------------------------------------------------- generation driver

def _gen_chunk(args: tuple[int, int, int, str]) -> tuple[int, int, int]:
  seed, lo, hi, out = args
  g = _gen_cache(seed)
  pages = os.path.join(out, "pages")
  text = 0
  part = os.path.join(out, f".jsonl-part-{lo:09d}")
  with open(part, "w", encoding="utf-8") as jf:
    for i in range(lo, hi):
      a = g.article(i)
      text += len(a["body"].encode()) + len(a["title"].encode())
      jf.write(json_line(a) + "\n")
      p = os.path.join(pages, page_relpath(i))
      os.makedirs(os.path.dirname(p), exist_ok=True)
      with open(p, "w", encoding="utf-8") as f:
        f.write(render_html(a))
  return lo, hi, text


_GEN: dict[int, Generator] = {}


def _gen_cache(seed: int) -> Generator:
  if seed not in _GEN:
    _GEN[seed] = Generator(seed)
  return _GEN[seed]


def generate(out: str, n: int, seed: int, workers: int = 2, log=print) -> dict:
  """Writes out/pages/NNN/ID.html and out/jsonl/articles.jsonl; returns a manifest."""
  import multiprocessing as mp
  import time

  t0 = time.time()
  os.makedirs(os.path.join(out, "pages"), exist_ok=True)
  os.makedirs(os.path.join(out, "jsonl"), exist_ok=True)
  step = 1000
  tasks = [(seed, lo, min(n, lo + step), out) for lo in range(0, n, step)]
  text = 0
  with mp.get_context("fork").Pool(workers) as pool:
    for k, (lo, hi, t) in enumerate(pool.imap(_gen_chunk, tasks)):
      text += t
      if (k + 1) % 10 == 0:
        log(f"  generated {hi:,}/{n:,} articles ({time.time() - t0:.0f}s)")
  final = os.path.join(out, "jsonl", "articles.jsonl")
  with open(final + ".tmp", "wb") as jf:
    for _, lo, _, _ in tasks:
      part = os.path.join(out, f".jsonl-part-{lo:09d}")
      with open(part, "rb") as f:
        while True:
          b = f.read(1 << 20)
          if not b:
            break
          jf.write(b)
      os.remove(part)
  os.replace(final + ".tmp", final)
  g = _gen_cache(seed)
  return {"docs": n, "seed": seed, "text_bytes": text, "jsonl_bytes": os.path.getsize(final),
          "vocab_source": g.vocab_source, "vocab_size": len(g.words),
          "generate_seconds": round(time.time() - t0, 1)}
