"""The anonymous page cache (core.pagecache): what it keeps, for whom, and that a write shows on
the next request."""

import pytest
from django.test import Client

from samspill.core import pagecache
from tests.core.factories import OrganisationFactory, UserFactory
from tests.core.pagecache_checks import without_personal_parts

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.pagecache_urls")]

URL = "/cache-test/organisations"


def _get(client, url=URL, **headers):
    response = client.get(url, headers=headers)
    return response, response.headers.get(pagecache.HEADER)


def test_a_visitor_gets_the_page_from_the_cache_until_a_write_changes_it(page_cache):
    OrganisationFactory(name="Lydhuset")
    _first, outcome = _get(Client())
    assert outcome == "miss"
    second, outcome = _get(Client())
    assert outcome == "hit"
    assert b"Lydhuset" in second.content
    OrganisationFactory(name="Bylarm")  # any write to core's tables
    third, outcome = _get(Client())
    assert outcome == "miss"
    assert b"Bylarm" in third.content


def test_an_update_through_the_queryset_shows_on_the_next_request(page_cache):
    from samspill.core.models import Organisation

    organisation = OrganisationFactory(name="Lydhuset")
    _get(Client())
    Organisation.objects.filter(pk=organisation.pk).update(name="Lydhuset Vest")
    response, outcome = _get(Client())
    assert outcome == "miss"
    assert b"Lydhuset Vest" in response.content


def test_a_write_to_another_namespace_keeps_the_page(page_cache):
    from samspill.core.models import Organisation

    OrganisationFactory(name="Lydhuset")
    _get(Client(), "/cache-test/events-only")
    Organisation.objects.update(name="Changed")  # core, which this page does not depend on
    response, outcome = _get(Client(), "/cache-test/events-only")
    assert outcome == "hit"
    assert b"Lydhuset" in response.content


def test_the_query_string_is_normalised_and_part_of_the_key(page_cache):
    _get(Client(), URL + "?b=2&a=1")
    assert _get(Client(), URL + "?a=1&b=2")[1] == "hit"
    assert _get(Client(), URL + "?a=1&b=3")[1] == "miss"


def test_htmx_requests_are_kept_apart(page_cache):
    _get(Client())
    assert _get(Client(), HX_Request="true")[1] == "miss"
    assert _get(Client(), HX_Request="true")[1] == "hit"


def test_a_form_on_a_cached_page_gets_each_visitors_own_token(page_cache):
    _get(Client())  # stores the page
    visitor = Client(enforce_csrf_checks=True)
    response, outcome = _get(visitor)
    assert outcome == "hit"
    html = response.content.decode()
    assert "\x00" not in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert "csrftoken" in response.cookies
    assert response["Cache-Control"].startswith("private")
    posted = visitor.post("/cache-test/post", {"csrfmiddlewaretoken": token})
    assert posted.status_code == 200
    # Another visitor's token from the cached page is not this one's.
    stranger = Client(enforce_csrf_checks=True)
    stranger.get(URL)
    assert stranger.post("/cache-test/post", {"csrfmiddlewaretoken": "x" * 64}).status_code == 403


def test_signed_in_visitors_never_get_a_visitors_page_unless_shared(page_cache, client):
    _get(Client(), "/cache-test/events-only")
    client.force_login(UserFactory())
    assert _get(client, "/cache-test/events-only")[1] == "bypass"


def test_signed_in_visitors_share_the_page_with_their_own_account_part(page_cache, client):
    anonymous, _ = _get(Client())
    assert b'href="/konto/login/"' in anonymous.content
    person = UserFactory(email="kari@example.org")
    client.force_login(person)
    response, outcome = _get(client)
    assert outcome == "shared"
    # The header's account part is theirs (core/_account_tools.html), the rest the visitors' page.
    assert b'href="/konto/profil/"' in response.content
    assert b'href="/konto/login/"' not in response.content
    assert response["Cache-Control"].startswith("private")
    assert "ETag" not in response


def test_a_signed_in_visitor_with_a_message_waiting_gets_the_page_rendered(page_cache, client):
    _get(Client())
    client.force_login(UserFactory())
    client.get("/cache-test/message")  # leaves a message in the session
    assert _get(client)[1] == "bypass"


@pytest.mark.parametrize(
    "url", ["/cache-test/cookie", "/cache-test/message", "/cache-test/private"]
)
def test_responses_that_are_personal_are_not_kept(page_cache, url):
    _get(Client(), url)
    assert _get(Client(), url)[1] == "bypass"


def test_a_conditional_request_that_matches_is_answered_304(page_cache):
    _get(Client(), "/cache-test/events-only")
    response, outcome = _get(Client(), "/cache-test/events-only")
    assert outcome == "hit"
    etag = response["ETag"]
    assert response["Cache-Control"] == "public, no-cache"
    assert "Cookie" in response["Vary"]
    again = Client().get("/cache-test/events-only", headers={"If-None-Match": etag})
    assert again.status_code == 304


def test_the_cache_can_be_turned_off(settings):
    settings.PAGE_CACHE = False
    _get(Client())
    assert _get(Client())[1] is None


def test_a_visitor_with_a_session_cookie_that_is_not_signed_in_gets_the_page_rendered(page_cache):
    _get(Client())
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"
    assert _get(visitor)[1] == "bypass"


def test_a_cache_that_does_not_answer_leaves_the_page_rendered(page_cache, monkeypatch):
    from django.core.cache import caches

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches[pagecache.PAGES_CACHE], "get", broken)
    monkeypatch.setattr(caches[pagecache.PAGES_CACHE], "set", broken)
    response = Client().get(URL)
    assert response.status_code == 200


def test_new_code_renders_into_new_keys(page_cache):
    """After an upgrade, no page rendered by the old templates is served by the new processes."""
    import os
    from pathlib import Path

    import samspill

    template = Path(samspill.__file__).parent / "core" / "templates" / "base.html"
    stat = template.stat()
    pagecache.code_version.cache_clear()
    before = pagecache.code_version()
    try:
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        pagecache.code_version.cache_clear()
        assert pagecache.code_version() != before
    finally:
        os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        pagecache.code_version.cache_clear()


@pytest.mark.urls("samspill.urls")
@pytest.mark.parametrize("page", ["home", "about"])
def test_a_member_given_the_visitors_copy_of_a_wagtail_page_sees_what_their_own_would_show(
    page_cache, home_page, client, page
):
    url = home_page.url if page == "home" else home_page.get_children().get(slug="om").url
    member = UserFactory()
    client.force_login(member)
    page_cache.PAGE_CACHE = False
    own = client.get(url).content
    page_cache.PAGE_CACHE = True
    visitors = Client().get(url)
    assert visitors["X-Page-Cache"] == "miss"
    if page == "home":  # the calls to join are the visitors' only
        assert b'href="/konto/signup/"' in visitors.content.split(b"</header>", 1)[1]
    shared = client.get(url)
    assert shared["X-Page-Cache"] == "shared"
    assert b'href="/konto/profil/"' in shared.content
    assert b'href="/konto/signup/"' not in shared.content.split(b"</header>", 1)[1]
    assert without_personal_parts(shared.content) == without_personal_parts(own)


def test_a_member_first_on_a_shared_page_renders_the_visitors_copy_and_gets_theirs(
    page_cache, client
):
    OrganisationFactory(name="Lydhuset")
    client.force_login(UserFactory())
    response, outcome = _get(client)
    assert outcome == "shared"
    assert b'href="/konto/profil/"' in response.content and b"Lydhuset" in response.content
    # The visitors' copy it rendered is kept, as a visitor would have left it.
    visitors, outcome = _get(Client())
    assert outcome == "hit"
    assert b'href="/konto/login/"' in visitors.content
    assert b'href="/konto/profil/"' not in visitors.content


@pytest.mark.urls("samspill.urls")
def test_a_wagtail_page_that_members_may_not_share_is_rendered_for_them(
    page_cache, home_page, client, monkeypatch
):
    from samspill.core.models import HomePage

    monkeypatch.setattr(HomePage, "page_cache_members_share", False)
    client.force_login(UserFactory())
    assert client.get(home_page.url)["X-Page-Cache"] == "bypass"
    assert Client().get(home_page.url)["X-Page-Cache"] == "hit"  # the copy it rendered first


def test_a_request_with_credentials_is_never_answered_from_the_visitors_copy(page_cache):
    _get(Client())
    assert _get(Client(), Authorization="Bearer something")[1] == "bypass"


def test_cookies_that_change_nothing_samspill_renders_leave_the_visitor_a_visitor(page_cache):
    _get(Client())
    visitor = Client()
    visitor.cookies["cookie_consent"] = "yes"
    visitor.cookies["samspill_language"] = "en"
    assert _get(visitor)[1] == "hit"
    waiting = Client()
    waiting.cookies["messages"] = "something"
    assert _get(waiting)[1] == "bypass"


def test_without_redis_each_process_keeps_its_pages_in_memory(page_cache, monkeypatch):
    """Without Redis the shared layer is Django's dummy cache: it keeps nothing."""
    from django.core.cache import caches
    from django.core.cache.backends.dummy import DummyCache

    dummy = DummyCache("pages", {})
    monkeypatch.setattr(caches[pagecache.PAGES_CACHE], "get", dummy.get)
    monkeypatch.setattr(caches[pagecache.PAGES_CACHE], "set", dummy.set)
    _get(Client())
    assert _get(Client())[1] == "hit"  # from this process's memory
