"""An anonymous visitor's key public pages set no cookie, so samspill's page cache and any proxy in
front of it can keep one copy per address and language for every visitor without a cookie (issue 16).
(`Vary: Cookie` stays, as core.pagecache sends it: signed-in pages differ, and a visitor without
cookies is one variant to a proxy.)

The language switcher is links (no form, no CSRF token); the header's account part has no form for
anonymous visitors. A page with a form that visitors post (answering a survey, the answer feedback;
an event's registration form is shown to signed-in people only) carries a CSRF token and so sets
the CSRF cookie: such pages are listed in FORM_PAGES with the reason, and checked to have it.
"""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samspill.core.models import Organisation
from samspill.events.models import Event
from samspill.ideas.models import Idea
from samspill.knowledge.models import ArticlePage, FaqPage, GuidePage, KnowledgeIndexPage, TopicPage
from samspill.projects.models import Programme, Project
from samspill.surveys.models import Survey

# Pages whose own content has a form that visitors post, so they carry a CSRF token and set the
# CSRF cookie (samspill's page cache replaces the token per request): name -> why.
FORM_PAGES = {
    "answer page": "'Did this help?' feedback forms under each answer",
    "survey": "the survey's answering form",
}

# A bounded number of queries per page for an anonymous visitor (today's worst is the home page).
MAX_QUERIES = 40


def _first_url(queryset) -> str:
    return queryset.first().get_absolute_url()


def _page_url(model) -> str:
    return model.objects.live().filter(locale__language_code="nb").first().url


def key_pages() -> dict[str, str]:
    """The issue's key public pages on the demo hub, in bokmål, English and nynorsk."""
    survey = Survey.objects.published().filter(results_public=True).first()
    event = Event.objects.published().filter(starts_at__gte=timezone.now()).first()
    programme = Programme.objects.published().first()
    pages = {
        "home": "/",
        "knowledge index": _page_url(KnowledgeIndexPage),
        "topic": _page_url(TopicPage),
        "article": _page_url(ArticlePage),
        "faq": _page_url(FaqPage),
        "guide": _page_url(GuidePage),
        "answer page": "/sporsmal/?q=Hvordan+gi+ut+musikk",
        "event list": reverse("events:list"),
        "event": event.get_absolute_url(),
        "directory": reverse("network:directory"),
        "organisations": reverse("core:organisation-list"),
        "organisation": _first_url(Organisation.objects.public().order_by("pk")),
        "survey list": reverse("surveys:list"),
        "results": reverse("surveys:results", kwargs={"slug": survey.slug}),
        "programme": programme.get_absolute_url(),
        "project list": reverse("projects:list"),
        "project": _first_url(Project.objects.published().order_by("pk")),
        "reach matrix": reverse("projects:reach", kwargs={"slug": programme.slug}),
        "idea list": reverse("ideas:idea-list"),
        "idea": _first_url(Idea.objects.visible().order_by("pk")),
    }
    survey_to_answer = Survey.objects.published().order_by("pk").first()
    pages["survey"] = survey_to_answer.get_absolute_url()
    pages.update({f"{name} (en)": f"/en{url}" for name, url in list(pages.items())[:3]})
    pages["home (nn)"] = "/nn/"
    return pages


def test_key_pages_set_no_cookie(hub, queries):
    client = Client()
    problems = {}
    for name, url in key_pages().items():
        with queries(at_most=MAX_QUERIES):
            response = client.get(url)
        found = {
            "status": response.status_code if response.status_code != 200 else None,
            "set-cookie": sorted(response.cookies) or None,
            "form": "csrfmiddlewaretoken" in response.content.decode() or None,
        }
        found = {k: v for k, v in found.items() if v}
        if name in FORM_PAGES:
            # The exception holds only while the page has its form; then only the CSRF cookie.
            if found != {"set-cookie": ["csrftoken"], "form": True}:
                problems[f"{name} {url}"] = found
        elif found:
            problems[f"{name} {url}"] = found
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_the_header_has_no_form_for_anonymous_visitors_and_links_languages(hub):
    html = Client().get("/organisasjoner/").content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    assert "<form" not in header and "csrfmiddlewaretoken" not in header
    account = header.split("<!--personal:core/_account_tools.html-->", 1)[1]
    account = account.split("<!--/personal-->", 1)[0]
    assert account.strip().startswith("<ul aria-label=")
    assert '<a href="/da/organisasjoner/" lang="da" hreflang="da">Dansk</a>' in header


def test_a_wagtail_page_is_kept_by_the_page_cache_for_proxies_too(hub, page_cache):
    client = Client()
    url = key_pages()["article"]
    first, second = client.get(url), client.get(url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert first["Cache-Control"] == "public, no-cache" and not first.cookies
    assert not client.cookies


def test_a_signed_in_visitor_keeps_the_logout_form_and_vary_cookie(hub):
    client = Client()
    client.force_login(hub.roles["member"].user)
    response = client.get("/organisasjoner/")
    account = response.content.decode().split("<!--personal:core/_account_tools.html-->", 1)[1]
    account = account.split("<!--/personal-->", 1)[0]
    assert 'action="/konto/logout/"' in account and "csrfmiddlewaretoken" in account
    assert "cookie" in response["Vary"].lower()
