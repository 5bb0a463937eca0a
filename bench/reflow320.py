"""Which page types scroll sideways at 320 px (WCAG 1.4.10)? A quick crawl against a running dev server.

Usage: PYTHONPATH=src SAMSPILL_VAR_DIR=var python bench/reflow320.py http://127.0.0.1:8102 [width]
Visits one URL per page type (Django URL name, or Wagtail page class) as a visitor, the demo member
and the demo editor, and lists pages whose document is wider than the viewport, with the elements
that stick out.
"""

import os
import sys
from collections import deque
from urllib.parse import urljoin, urlsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samspill.settings")
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
import django

django.setup()
from django.urls import Resolver404, resolve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from wagtail.models import Page  # noqa: E402

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8102"
WIDTH = int(sys.argv[2]) if len(sys.argv) > 2 else 320
LOGINS = [
    ("visitor", None, None),
    ("member", "medlem@samspill.test", "samspill-medlem"),
    ("editor", "redaktor@samspill.test", "samspill-redaktor"),
]
SKIP = ("/admin", "/api/", "/konto/logout", "/static/", "/media/", "/django-", "/cms")
SKIP_END = (
    ".csv",
    ".ics",
    ".xml",
    ".json",
    ".pdf",
    ".xlsx",
    ".rss",
    "/feed/",
    ".png",
    ".jpg",
    ".svg",
)
EXTRA = sys.argv[3:]
PER_TYPE = int(os.environ.get("PER_TYPE", "2"))  # extra seed paths

WAGTAIL = {}
for page in Page.objects.live().specific():
    url = page.get_url()
    if url:
        name = type(page).__name__
        if name == "StandardPage":
            name += ":" + page.slug
        WAGTAIL[urlsplit(url).path] = name


def page_type(path):
    lang = path.split("/")[1] if path.split("/")[1] in ("en", "da", "nn") else "nb"
    if path in WAGTAIL:
        return f"wagtail:{WAGTAIL[path]}@{lang}"
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name or match.func.__name__
    if "serve" in name and "wagtail" in str(match.func.__module__):
        return None
    return name


MEASURE = """(w) => {
  const sw = document.documentElement.scrollWidth;
  const out = [];
  if (sw > w) {
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1 && r.width > 0) {
        let p = el.parentElement, inside = false;
        while (p) { const s = getComputedStyle(p); if (s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden') { inside = true; break; } p = p.parentElement; }
        if (inside) continue;
        if ([...el.children].some((c) => c.getBoundingClientRect().right > w + 1)) continue; // the innermost offenders
        out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' →' + Math.round(r.right) + ' «' + (el.textContent || '').trim().slice(0, 40).replace(/\\s+/g, ' ') + '»');
      }
    }
  }
  return {sw, out: out.slice(0, 8)};
}"""


def crawl(browser, who, email, password, visits, results):
    context = browser.new_context(viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    if email:
        page.goto(BASE + "/konto/login/")
        form = page.locator("main form").first
        form.locator("input[name=login]").fill(email)
        form.locator("input[name=password]").fill(password)
        form.locator("button[type=submit]").first.click()
        page.wait_for_load_state()
    queue = deque(
        ["/", "/en/", "/da/", "/nn/", "/nettverk/oversikt/", "/nettverk/?vis=personer", *EXTRA]
    )
    queued = set(queue)
    while queue:
        path = queue.popleft()
        kind = page_type(path)
        if kind is None or visits.get((kind, who), 0) >= PER_TYPE:
            continue
        visits[(kind, who)] = visits.get((kind, who), 0) + 1
        try:
            response = page.goto(BASE + path, wait_until="load")
        except Exception as error:
            print("!!", path, error)
            continue
        status = response.status if response else 0
        if urlsplit(page.url).path != urlsplit(path).path:
            kind = page_type(urlsplit(page.url).path) or kind
        m = page.evaluate(MEASURE, WIDTH)
        results.append((who, kind, page.url.replace(BASE, ""), status, m["sw"], m["out"]))
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            url = urljoin(page.url, href)
            parts = urlsplit(url)
            if parts.netloc != urlsplit(BASE).netloc:
                continue
            p = parts.path + (
                ("?" + parts.query)
                if parts.query and "page=" not in parts.query and len(parts.query) < 60
                else ""
            )
            if (
                parts.path.startswith(SKIP)
                or parts.path.endswith(SKIP_END)
                or "download" in parts.path
                or "last-ned" in parts.path
            ):
                continue
            if p not in queued:
                queued.add(p)
                queue.append(p)
    context.close()


def main():
    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        seen = {}
        for who, email, password in LOGINS:
            crawl(browser, who, email, password, seen, results)
        browser.close()
    wide_types = set()
    all_types = set()
    results.sort(key=lambda r: r[1])
    for who, kind, url, status, sw, out in results:
        all_types.add(kind)
        if sw > WIDTH:
            wide_types.add(kind)
            print(f"WIDE {sw:5d} {who:8s} {kind:40s} {url}")
            for line in out:
                print("        ", line)
        if status >= 500:
            print("5XX", status, who, url)
    print(
        f"{len(wide_types)} of {len(all_types)} page types wider than {WIDTH} px ({len(results)} page loads)"
    )
    for kind in sorted(all_types):
        print("  ", "WIDE" if kind in wide_types else "ok  ", kind)


if __name__ == "__main__":
    main()
