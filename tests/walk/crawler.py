"""The walk: follow every same-site link a role can see, breadth-first, and report what breaks.

A `Walk` starts from a few pages (home, and the admin for those who have it), fetches each URL
with Django's test client, and follows the links it finds: `<a href>`, `<form method="get"
action>` (with the form's own values) and the Wagtail admin's menu (its JSON in
`#wagtail-sidebar-props`). URLs are de-duplicated by what they run, not by their text: the URL
pattern they resolve to (for Wagtail pages, the page type), the names of their query parameters,
a few instances of each, and a bound on the whole walk. A new page therefore joins the walk as
soon as something links to it.

Each response is checked: no 5xx or exception, no N+1 (django-zeal's report), and the role's
`rules` (pages it must not open, texts it must not see). Findings are kept, not raised, so one
walk reports every defect it meets.
"""

import re
import time
import traceback
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve

from samspill.core.nplusone import n_plus_one_origin

# Never followed: they end the session, serve files the walk has no use for, or leave the site.
SKIP_PREFIXES = ("/static/", "/media/", "/konto/logout", "/admin/logout")
SKIP_PATTERNS = re.compile(r"/(logout|logg-ut)/?$")
LANGUAGE_PREFIX = re.compile(r"^/(" + "|".join(code for code, _ in settings.LANGUAGES) + r")/")


@dataclass
class Finding:
    kind: str  # "5xx", "exception", "n+1", "forbidden-page", "leak"
    url: str
    detail: str

    def __str__(self):
        return f"{self.kind} {self.url}: {self.detail}"


@dataclass
class Rules:
    """What a role must not meet: admin pages it must not open (answered 2xx), and texts (titles
    of other organisations' drafts) that no page may show it."""

    forbidden_paths: tuple[re.Pattern, ...] = ()
    allowed_paths: tuple[re.Pattern, ...] = ()
    secrets: dict[str, str] = field(default_factory=dict)  # text -> why it is secret

    def check(self, path: str, status: int, html: str) -> list[Finding]:
        found = []
        if (
            200 <= status < 300
            and any(p.search(path) for p in self.forbidden_paths)
            and not any(p.search(path) for p in self.allowed_paths)
        ):
            found.append(Finding("forbidden-page", path, f"answered {status}"))
        if html:
            for text, why in self.secrets.items():
                if text in html:
                    found.append(Finding("leak", path, f"shows {text!r} ({why})"))
        return found


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._sidebar = False
        self.sidebar_json = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and (a.get("method") or "get").lower() == "get":
            self._form = {"action": a.get("action") or "", "fields": []}
        elif self._form is not None and tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if a.get("value"):
                self._form["fields"].append((a["name"], a["value"]))
        elif self._form is not None and tag == "select":
            self._select = a.get("name")
        elif self._form is not None and tag == "option" and self._select and "selected" in a:
            if a.get("value"):
                self._form["fields"].append((self._select, a["value"]))
        elif tag == "script" and a.get("id") == "wagtail-sidebar-props":
            self._sidebar = True

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            action = self._form["action"]
            query = urlencode(self._form["fields"])
            self.links.append(f"{action.split('?')[0]}?{query}" if query else action or "?")
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "script":
            self._sidebar = False

    def handle_data(self, data):
        if self._sidebar:
            self.sidebar_json += data


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links + re.findall(r'"(/admin/[^"\s]*)"', parser.sidebar_json)


class Walk:
    def __init__(
        self,
        client,
        *,
        name: str,
        rules: Rules,
        page_types: dict[str, str],
        max_urls: int = 150,
        per_key: int = 2,
        per_pattern: int = 5,
        request_kwargs: dict | None = None,
    ):
        self.client = client
        self.name = name
        self.rules = rules
        self.page_types = page_types
        self.max_urls = max_urls
        self.per_key = per_key
        self.per_pattern = per_pattern
        self.request_kwargs = request_kwargs or {}
        self.visited: list[tuple[str, int]] = []
        self.findings: list[Finding] = []
        self.statuses: Counter = Counter()
        self.not_found: list[tuple[str, str]] = []  # (url, the page that linked it)
        self._keys: Counter = Counter()
        self._patterns: Counter = Counter()
        self._seen: set[str] = set()
        self._n_plus_one: list[str] = []
        self.seconds = 0.0

    # --- de-duplication -----------------------------------------------------------------------

    def _page_type(self, path: str) -> str:
        """The type of the Wagtail page a path serves (or a route below a routable page)."""
        bare = LANGUAGE_PREFIX.sub("/", path)
        probe = bare
        while probe:
            if probe in self.page_types:
                rest = bare[len(probe) :]
                return self.page_types[probe] + (":" + re.sub(r"[^/]+", "*", rest) if rest else "")
            probe = probe.rstrip("/").rsplit("/", 1)[0] + "/" if probe != "/" else ""
        return "?"

    def pattern_of(self, path: str) -> str | None:
        try:
            match = resolve(path)
        except Resolver404:
            return None
        route = LANGUAGE_PREFIX.sub("", "/" + str(match.route)).lstrip("/")
        if match.url_name == "wagtail_serve":
            return f"page:{self._page_type(path)}"
        page_id = match.kwargs.get("page_id") or match.kwargs.get("parent_page_id")
        if page_id and str(page_id) in self.page_types:
            route += f"[{self.page_types[str(page_id)]}]"
        return route

    def _admit(self, url: str) -> bool:
        parts = urlsplit(url)
        path = parts.path
        if url in self._seen or path.startswith(SKIP_PREFIXES) or SKIP_PATTERNS.search(path):
            return False
        pattern = self.pattern_of(path) or f"unresolved:{path}"
        key = (pattern, tuple(sorted({k for k, _v in parse_qsl(parts.query)})))
        if self._keys[key] >= self.per_key or self._patterns[pattern] >= self.per_pattern:
            return False
        self._seen.add(url)
        self._keys[key] += 1
        self._patterns[pattern] += 1
        return True

    @property
    def patterns(self) -> int:
        """How many distinct patterns the walk opened."""
        return len({self.pattern_of(urlsplit(url).path) for url, _status in self.visited})

    # --- the walk -----------------------------------------------------------------------------

    def _same_site(self, base: str, href: str) -> str | None:
        href = href.strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
            return None
        absolute = urljoin("http://testserver" + base, href)
        parts = urlsplit(absolute)
        if parts.scheme not in {"http", "https"} or parts.hostname != "testserver":
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _on_n_plus_one(self, sender, exception, **kwargs):
        self._n_plus_one.append(f"{exception}{n_plus_one_origin()}")

    def run(self, start: list[str]) -> "Walk":
        from zeal.signals import nplusone_detected

        began = time.monotonic()
        queue = deque((url, "(start)") for url in start if self._admit(url))
        nplusone_detected.connect(self._on_n_plus_one)
        try:
            while queue and len(self.visited) < self.max_urls:
                url, source = queue.popleft()
                for link in self._fetch(url, source):
                    if self._admit(link):
                        queue.append((link, url))
        finally:
            nplusone_detected.disconnect(self._on_n_plus_one)
        self.seconds = time.monotonic() - began
        return self

    def _fetch(self, url: str, source: str) -> list[str]:
        self._n_plus_one.clear()
        try:
            response = self.client.get(url, **self.request_kwargs)
        except Exception as error:
            self.visited.append((url, 500))
            self.statuses[500] += 1
            self.findings.append(Finding("exception", url, _describe(error)))
            return []
        status = response.status_code
        self.visited.append((url, status))
        self.statuses[status] += 1
        for report in dict.fromkeys(self._n_plus_one):
            self.findings.append(Finding("n+1", url, report))
        if status >= 500:
            self.findings.append(Finding("5xx", url, f"answered {status}"))
        if status == 404:
            self.not_found.append((url, source))
        if status in (301, 302, 303, 307, 308):
            target = self._same_site(url, response.headers.get("Location", ""))
            return [target] if target else []
        content_type = response.headers.get("Content-Type", "")
        html = ""
        if "html" in content_type and not getattr(response, "streaming", False):
            html = response.content.decode(errors="replace")
        path = urlsplit(url).path
        self.findings += self.rules.check(path, status, html)
        if status != 200 or not html:
            return []
        return [link for href in links_in(html) if (link := self._same_site(url, href))]

    def summary(self) -> str:
        kinds = Counter(f.kind for f in self.findings)
        return (
            f"walk {self.name}: {len(self.visited)} URLs, {self.patterns} patterns, "
            f"{dict(sorted(self.statuses.items()))} statuses, {len(self.not_found)} not found, "
            f"findings {dict(kinds) or 0}, {self.seconds:.1f} s"
        )


def _describe(error: BaseException) -> str:
    """The error and the innermost frame of samspill's own code that it passed through."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/samspill/" in f.filename and "site-packages" not in f.filename]
    where = ours[-1] if ours else (frames[-1] if frames else None)
    at = f" at {where.filename.split('/src/')[-1]}:{where.lineno}" if where else ""
    return f"{type(error).__name__}: {str(error)[:300]}{at}"


def group(findings: list[Finding]) -> dict[str, list[str]]:
    by_kind = defaultdict(list)
    for finding in findings:
        by_kind[finding.kind].append(f"{finding.url}: {finding.detail}")
    return dict(by_kind)
