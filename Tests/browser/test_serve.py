#!/usr/bin/env python3
"""A person's walk through `blotter serve`, in headless Chromium (Selenium).

Starts `blotter serve` on an index of the bundled corpus, then: opens the page, types a query,
checks the hits a reader sees (title, date, source, highlighted snippet) and the timeline
chart, clicks a facet and
checks the query narrowed, opens an article, follows one of its marked entities to its
mentions, checks the mentions view, checks that a bad query shows where it went wrong, and saves the query
as an alert, marks it seen and removes it (/alerts).
Screenshots go to bench/out/serve-*.png. Exit status 0 only if every check passed.

    python3 Tests/browser/test_serve.py --blotter .build/release/blotter --index index
"""
import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60):
    end = time.time() + seconds
    while time.time() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--blotter", default=".build/release/blotter")
    ap.add_argument("--index", default="index")
    ap.add_argument("--port", type=int, default=0, help="0: a free port")
    ap.add_argument("--out", default="bench/out")
    ap.add_argument("--query", default="police", help="the query typed first")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [args.blotter, "serve", "--index", args.index, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    driver = None
    try:
        if not check(wait_for(base + "/api/stats"), f"blotter serve answers on {base}"):
            return 1
        opts = Options()
        opts.binary_location = args.chromium
        for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                  "--window-size=1280,900"]:
            opts.add_argument(a)
        driver = webdriver.Chrome(service=Service(args.chromedriver), options=opts)
        wait = WebDriverWait(driver, 20)

        def shot(name):
            path = os.path.join(args.out, f"serve-{name}.png")
            driver.save_screenshot(path)
            print(f"     screenshot {path}")

        # 1. The page, and a query typed into its box.
        driver.get(base + "/")
        check("blotter" in driver.title, "the home page has a title")
        box = driver.find_element(By.ID, "q")
        check(box.is_displayed(), "the search box is visible")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".facet li")) > 0,
              "facets over the whole index are shown before any query")
        shot("1-home")
        box.send_keys(args.query)
        box.send_keys(Keys.RETURN)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.count")))
        count_text = driver.find_element(By.CSS_SELECTOR, "p.count").text
        check(f"for {args.query}" in count_text, f"the page says what was searched: {count_text!r}")
        total = int(count_text.split()[0])
        hits = driver.find_elements(By.CSS_SELECTOR, "li.hit")
        check(total > 0 and len(hits) > 0, f"{total} matches, {len(hits)} hits shown")
        check(len(hits) <= 10, "at most 10 hits on a page")
        first = hits[0]
        check(first.find_element(By.CSS_SELECTOR, "h2 a").text.strip() != "",
              "the first hit has a title")
        metas = driver.find_elements(By.CSS_SELECTOR, "li.hit .meta")
        check(any(m.find_elements(By.CSS_SELECTOR, ".date") for m in metas), "hits show a date")
        check(any(m.find_elements(By.CSS_SELECTOR, ".source") for m in metas), "hits show a source")
        marks = driver.find_elements(By.CSS_SELECTOR, "li.hit .snippet mark")
        check(any(args.query.lower() in m.text.lower() for m in marks),
              "snippets highlight the query word")
        check(driver.find_element(By.ID, "q").get_attribute("value") == args.query,
              "the box still holds the query")
        if total > 10:
            check(len(driver.find_elements(By.CSS_SELECTOR, "a[rel=next]")) == 1, "a next page link")
        # The query's timeline: an SVG chart beside the hits, with bars a reader can see.
        charts = driver.find_elements(By.CSS_SELECTOR, "figure.chart svg.timeline")
        if check(len(charts) == 1 and charts[0].is_displayed(), "the timeline chart is visible"):
            chart = charts[0]
            check(chart.size["width"] > 200 and chart.size["height"] > 50,
                  f"the chart has a readable size: {chart.size}")
            bars = chart.find_elements(By.CSS_SELECTOR, "rect.bar")
            check(len(bars) > 0 and any(b.size["height"] > 0 for b in bars),
                  f"{len(bars)} bars drawn")
            title = chart.find_element(By.TAG_NAME, "title").get_attribute("textContent")
            check(args.query in title, f"the chart is titled for the query: {title!r}")
        shot("2-results")

        # 2. Sort by date: the dates shown are newest first.
        driver.get(base + "/?q=" + urllib.request.quote(args.query) + "&sort=date")
        dates = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "li.hit .date")]
        check(dates == sorted(dates, reverse=True) and len(dates) > 1,
              f"sorted by date, newest first: {dates[:3]}…")
        driver.back()

        # 3. A facet narrows the query.
        driver.get(base + "/?q=" + urllib.request.quote(args.query))
        facet = driver.find_element(By.CSS_SELECTOR, ".facet-place li a")
        place = facet.text
        facet.click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.count")))
        narrowed = driver.find_element(By.ID, "q").get_attribute("value")
        check(narrowed == f'{args.query} place:"{place}"', f"the facet narrowed the query: {narrowed!r}")
        total2 = int(driver.find_element(By.CSS_SELECTOR, "p.count").text.split()[0])
        check(0 < total2 <= total, f"narrowed to {total2} of {total}")
        shot("3-facet")

        # 4. An article, its entities marked.
        link = driver.find_element(By.CSS_SELECTOR, "li.hit h2 a")
        title = link.text
        link.click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "article.article h1")))
        check(driver.find_element(By.CSS_SELECTOR, "article h1").text == title,
              f"the article opens: {title!r}")
        check(len(driver.find_element(By.CSS_SELECTOR, ".text").text) > 100, "its text is shown")
        ents = driver.find_elements(By.CSS_SELECTOR, ".text a.ent")
        check(len(ents) > 0, f"{len(ents)} entities marked in the text")
        check(any(e.text == place or place in (e.get_attribute("title") or "") for e in ents),
              f"the facet's place {place!r} is marked in the text")
        shot("4-article")

        # 5. An entity's mentions, grouped by article.
        ent = next((e for e in ents if place in (e.get_attribute("title") or "")), ents[0])
        ent_text = ent.text
        ent.click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "h1.entity-head")))
        head = driver.find_element(By.CSS_SELECTOR, "h1.entity-head").text
        check(place in head or ent_text in head, f"the mentions view is headed {head!r}")
        groups = driver.find_elements(By.CSS_SELECTOR, "section.group")
        check(len(groups) >= 1, f"{len(groups)} articles mention it")
        check(any(title == g.find_element(By.CSS_SELECTOR, "h2 a").text for g in groups),
              "the article we came from is among them")
        contexts = driver.find_elements(By.CSS_SELECTOR, ".contexts li mark")
        check(len(contexts) > 0 and all(m.text for m in contexts), "each context marks the mention")
        shot("5-mentions")

        # 6. A bad query says where it went wrong.
        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys('police "unclosed')
        box.send_keys(Keys.RETURN)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".error")))
        err = driver.find_element(By.CSS_SELECTOR, ".error").text
        check("column" in err and "^" in err, f"a bad query shows its column: {err.splitlines()[0]!r}")
        shot("6-bad-query")

        # 7. The query saved as an alert from its results page, listed on /alerts, marked as
        #    seen and removed again (the index's alerts file is left as it was).
        driver.get(base + "/?q=" + urllib.parse.quote(args.query))
        name = f"browser walk {os.getpid()}"
        field = driver.find_element(By.CSS_SELECTOR, "form.save-alert input[name=name]")
        field.send_keys(name)
        field.send_keys(Keys.RETURN)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".alerts .notice")))
        check(driver.current_url.startswith(base + "/alerts"), "saving an alert opens /alerts")

        def mine():
            return [a for a in driver.find_elements(By.CSS_SELECTOR, "article.alert")
                    if a.find_element(By.TAG_NAME, "h2").text == name]

        listed = mine()
        check(len(listed) == 1 and args.query in listed[0].text,
              "the alert is listed with its query")
        check(len(listed) == 1 and "Not checked yet" in listed[0].text,
              "a new alert is not checked yet")
        shot("7-alerts")
        listed[0].find_element(By.CSS_SELECTOR, "form.seen button").click()
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), "as seen"))
        listed = mine()
        check(len(listed) == 1 and "0 new since" in listed[0].text,
              "marked as seen: nothing new")
        listed[0].find_element(By.CSS_SELECTOR, "form.remove button").click()
        wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".notice"), "Removed"))
        check(len(mine()) == 0, "the alert is removed")

        # 8. Nothing on the pages runs a script; no console errors.
        check(len(driver.find_elements(By.TAG_NAME, "script")) == 0, "no script elements")
    except Exception as e:  # a missing element is a failed check, not a crash
        check(False, f"walk-through stopped: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
        if driver:
            driver.save_screenshot(os.path.join(args.out, "serve-failure.png"))
    finally:
        if driver:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    print(f"{len(failures)} failed check(s)" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
