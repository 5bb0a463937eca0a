"""What a browser downloads of CSS and JavaScript for each page type (issue 18: "keep pages light"),
against a running server, in Debian's Chromium:

    .venv/bin/python bench/pages_weight.py --base http://127.0.0.1:8000 [--width 1280] [--json FILE]

Each page type is opened once in a fresh browser context (nothing cached); every response the page
loads is counted by kind (stylesheet, script; the HTML document for comparison): the bytes as the
server sent them (`sizes()["responseBodySize"]`: compressed if the server compressed them) and
uncompressed (the body). "gzip" is the body compressed with gzip -9 here, what a server that
compresses (WhiteNoise in production) sends at most, so the figure does not depend on how the
server under test is run. Detail pages are found by following the first matching link of their
list page, so the script needs no database access.

Exit status: 0, or 1 when a page did not answer 200.
"""

import argparse
import gzip
import json
import os
import re
import sys
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("SAMSPILL_CHROMIUM") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

# (page type, path; or a list page and the pattern of the first detail link to follow there)
PAGES = [
    ("home", "/"),
    ("knowledge index", "/kunnskap/"),
    ("topic", ("/kunnskap/", r"^/kunnskap/[^/]+/$")),
    ("article", ("/kunnskap/krise-og-kompensasjon/", r"^/kunnskap/[^/]+/[^/]+/$")),
    ("question box", "/sporsmal/?q=st%C3%B8tte"),
    ("search", "/sok/?q=musikk"),
    ("events", "/arrangementer/"),
    ("event", ("/arrangementer/", r"^/arrangementer/\d+/[^/]+/$")),
    ("registration form", ("/arrangementer/", r"^/arrangementer/\d+/[^/]+/pamelding/$", 2)),
    ("surveys", "/sporreundersokelser/"),
    ("survey", ("/sporreundersokelser/", r"^/sporreundersokelser/[^/]+/$")),
    ("survey results", ("/sporreundersokelser/", r"^/sporreundersokelser/[^/]+/resultater/$")),
    ("projects", "/prosjekter/"),
    ("project", ("/prosjekter/", r"^/prosjekter/[^/]+/$")),
    ("programme", ("/", r"^/program/[^/]+/$")),
    ("ideas", "/ideer/"),
    ("idea", ("/ideer/", r"^/ideer/\d+/$")),
    ("network", "/nettverk/"),
    ("organisations", "/organisasjoner/"),
    ("organisation", ("/organisasjoner/", r"^/organisasjoner/[^/]+/$")),
    ("log in", "/konto/login/"),
    ("sign up", "/konto/signup/"),
]
KINDS = {"stylesheet": "css", "script": "js", "document": "html"}


def find_link(page, base: str, pattern: str) -> str | None:
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        parts = urlsplit(urljoin(base, href))
        if parts.netloc == urlsplit(base).netloc and re.match(pattern, parts.path):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return None


def measure(browser, base: str, path: str, width: int) -> dict:
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 900})
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    try:
        response = page.goto(path, wait_until="load")
        status = response.status if response else 0
        totals = {kind: {"files": 0, "sent": 0, "bytes": 0, "gzip": 0} for kind in KINDS.values()}
        for resp in responses:
            kind = KINDS.get(resp.request.resource_type)
            if kind is None:
                continue
            try:
                body = resp.body()
            except Exception:  # a redirect or a response without a body
                continue
            total = totals[kind]
            total["files"] += 1
            total["bytes"] += len(body)
            total["gzip"] += len(gzip.compress(body, 9))
            total["sent"] += resp.request.sizes()["responseBodySize"]
        return {"path": path, "status": status, **totals}
    finally:
        context.close()


def resolve(browser, base: str, spec) -> str | None:
    if isinstance(spec, str):
        return spec
    list_path, pattern, *depth = spec
    context = browser.new_context(base_url=base)
    page = context.new_page()
    try:
        page.goto(list_path)
        found = find_link(page, base, pattern)
        if found is None and depth:  # a link on the first detail page (a registration form)
            detail = find_link(page, base, pattern.rsplit("/", 2)[0].rstrip("/") + r"/$")
            if detail:
                page.goto(detail)
                found = find_link(page, base, pattern)
        return found
    finally:
        context.close()


def kb(value: int) -> str:
    return f"{value / 1024:.1f}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--json", help="also write the rows to this file")
    args = parser.parse_args(argv)
    base = args.base.rstrip("/")
    rows, failed = [], False
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for name, spec in PAGES:
            path = resolve(browser, base, spec)
            if path is None:
                print(f"{name}: no link found, skipped", file=sys.stderr)
                continue
            row = {"page": name, **measure(browser, base, path, args.width)}
            failed |= row["status"] != 200
            rows.append(row)
        browser.close()
    print(f"CSS and JavaScript per page type at {base} (KiB; sent = as the server sent it)")
    print(
        f"{'page type':<20} {'css files':>9} {'css KiB':>8} {'css gzip':>8} {'css sent':>8}"
        f" {'js files':>8} {'js KiB':>7} {'js gzip':>7} {'js sent':>7} {'html KiB':>8}  path"
    )
    for row in rows:
        css, js, html = row["css"], row["js"], row["html"]
        print(
            f"{row['page']:<20} {css['files']:>9} {kb(css['bytes']):>8} {kb(css['gzip']):>8}"
            f" {kb(css['sent']):>8} {js['files']:>8} {kb(js['bytes']):>7} {kb(js['gzip']):>7}"
            f" {kb(js['sent']):>7} {kb(html['bytes']):>8}  {row['path']}"
            + ("" if row["status"] == 200 else f"  (answered {row['status']})")
        )
    if rows:
        most_css = max(rows, key=lambda r: r["css"]["bytes"])
        most_js = max(rows, key=lambda r: r["js"]["bytes"])
        print(
            f"most CSS: {most_css['page']} {kb(most_css['css']['bytes'])} KiB "
            f"({kb(most_css['css']['gzip'])} gzip); most JS: {most_js['page']} "
            f"{kb(most_js['js']['bytes'])} KiB ({kb(most_js['js']['gzip'])} gzip)"
        )
    if args.json:
        with open(args.json, "w") as out:
            json.dump(rows, out, indent=1)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
