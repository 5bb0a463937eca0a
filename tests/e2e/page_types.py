"""One URL per page type of the product walk, for each role, for the browser checks of
tests/e2e/test_page_types.py.

The front end is walked with the walk's own crawler (tests/walk/crawler.py), which names each URL
by what it runs (the URL pattern, for Wagtail pages the page type), here opening each pattern once:
a new page type joins as soon as a link leads to it, so none can be forgotten. The roles walk in
order of privilege and each keeps only the page types the ones before it could not open (a
member's profile, an editor's participant list), so each type is visited once, by the least
privileged role that reaches it. The Wagtail admin is not walked (hundreds of Wagtail's own
screens): its dashboard and the edit screens of the hub's main kinds of content are named here.
"""

import re
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from tests.walk.crawler import Rules, Walk

# The demo hub's people (samspill/demo/data/core.json) whose pages the walk opens.
ROLES = {
    "visitor": None,
    "member": "medlem@samspill.test",  # a member of Havnescenen
    "editor": "redaktor@samspill.test",  # an organisation editor (Tempo, Most) and admin (Brak)
    "admin": "admin@samspill.test",  # the hub admin: only the admin screens below
}
# Language versions walked besides the default language's pages: Norwegian content must be
# marked on /en/ pages (Danish content is on the default language's).
LANGUAGE_STARTS = ["/en/"]
MAX_URLS_PER_ROLE = 160
ADMIN = re.compile(r"^/admin/")
# Never opened in the browser: files and feeds, not pages.
NOT_PAGES = re.compile(r"\.(csv|ics|xml|xlsx|txt|json|pdf)$|/feed/|/last-ned/|/healthz|/api/")
LANGUAGE = re.compile(r"^/(da|en|nn)/")
# In /en/ only the page types that show items in a language of their own (events,
# projects, ideas, organisations' content); the rest is the same template in another language.
OTHER_LANGUAGE_TYPES = re.compile(
    r"^(page:homepage$|arrangementer/|prosjekter/|program/|ideer/|organisasjoner/<|nettverk/<)"
)


@dataclass(frozen=True)
class PageType:
    name: str  # the walk's name for what the URL runs, with the language for /en/ and /da/
    url: str
    role: str


def _language_of(path: str) -> str:
    match = LANGUAGE.match(path)
    return match.group(1) if match else "nb"


class _TypeWalk(Walk):
    """Opens each URL pattern once per language; never the admin."""

    def pattern_of(self, path):
        # Django resolves only the active language's prefix (requests and the demo's builders
        # leave one active): resolve the path without it, in the default language.
        with translation.override(settings.LANGUAGE_CODE):
            return super().pattern_of(LANGUAGE.sub("/", path))

    def _admit(self, url):
        path = urlsplit(url).path
        if ADMIN.match(path) or NOT_PAGES.search(path):
            return False
        pattern = self.pattern_of(path)
        language = _language_of(path)
        if pattern is None or language not in ("nb", "en"):
            return False
        if language != "nb" and not OTHER_LANGUAGE_TYPES.match(pattern):
            return False
        key = f"{language} {pattern}"
        if url in self._seen or self._patterns[key] or path.startswith(("/static/", "/media/")):
            return False
        if "logout" in path or "logg-ut" in path:
            return False
        self._seen.add(url)
        self._patterns[key] += 1
        return True


def page_types_of_wagtail() -> dict[str, str]:
    """Page path (without language prefix) and page id -> the page's model (as tests/walk)."""
    types = {}
    for page in Page.objects.select_related("content_type").exclude(depth=1):
        model = page.content_type.model
        types[str(page.pk)] = model
        url = page.get_url()
        if url:
            types[re.sub(r"^/(da|en|nn)/", "/", url)] = model
    return types


def walk_front_end(client_for, *, ok_statuses=(200,)) -> list[PageType]:
    """`client_for(email)`: a client signed in as that person (None: nobody), with `get`."""
    page_types = page_types_of_wagtail()
    found: dict[str, PageType] = {}
    for role, email in ROLES.items():
        if role == "admin":
            continue
        walk = _TypeWalk(
            client_for(email),
            name=role,
            rules=Rules(),
            page_types=page_types,
            max_urls=MAX_URLS_PER_ROLE,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            walk.run(["/", *LANGUAGE_STARTS])
        for url, status in walk.visited:
            path = urlsplit(url).path
            pattern = walk.pattern_of(path)
            name = f"{_language_of(path)} {pattern}"
            if status in ok_statuses and name not in found:
                found[name] = PageType(name, url, role)
    return list(found.values())


def admin_pages() -> list[PageType]:
    """The admin's dashboard, the edit screens of an article, a news item, an event, a project and
    a survey, and an organisation editor's participant list of an event of theirs."""
    from samspill.core.models import User
    from samspill.core.permissions import editable_organisation_ids
    from samspill.events.models import Event
    from samspill.knowledge.models import ArticlePage
    from samspill.news.models import NewsPage
    from samspill.projects.models import Project
    from samspill.surveys.models import Survey

    pages = [PageType("admin dashboard", reverse("wagtailadmin_home"), "admin")]
    article = ArticlePage.objects.order_by("pk").first()
    if article:
        pages.append(
            PageType(
                "admin article edit", reverse("wagtailadmin_pages:edit", args=[article.pk]), "admin"
            )
        )
    news = NewsPage.objects.order_by("pk").first()
    if news:
        pages.append(
            PageType("admin news edit", reverse("wagtailadmin_pages:edit", args=[news.pk]), "admin")
        )
    for name, model, url_name in (
        ("event", Event, "event_admin:edit"),
        ("project", Project, "project_admin:edit"),
        ("survey", Survey, "survey_admin:edit"),
    ):
        item = model.objects.order_by("pk").first()
        if item is not None:
            pages.append(PageType(f"admin {name} edit", reverse(url_name, args=[item.pk]), "admin"))
    editor = User.objects.get(email=ROLES["editor"])
    event = (
        Event.objects.filter(organisers__in=editable_organisation_ids(editor))
        .exclude(registrations=None)
        .order_by("pk")
        .first()
    )
    if event is not None:
        pages.append(
            PageType(
                "admin event participants",
                reverse("event_admin:participants", args=[event.pk]),
                "editor",
            )
        )
    return pages
