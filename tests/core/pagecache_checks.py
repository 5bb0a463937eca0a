"""Checks the page-cache tests of the apps share (tests/<app>/test_page_cache.py): a visitor's
GETs with the outcome the cache reports, and a signed-in person's."""

import re

from django.test import Client

from samspill.core import pagecache


def get(url: str, client: Client | None = None, **headers):
    """(response, X-Page-Cache) of a GET, by a new visitor unless a client is given."""
    response = (client or Client()).get(url, headers=headers)
    return response, response.headers.get(pagecache.HEADER)


def text(response) -> str:
    return response.content.decode()


def stored(url: str):
    """A visitor's GET renders and keeps the page, the next visitor's is served from the cache;
    the cached page (the second response)."""
    first, outcome = get(url)
    assert first.status_code == 200
    assert outcome == "miss", f"{url}: {outcome}"
    second, outcome = get(url)
    assert outcome == "hit", f"{url}: {outcome}"
    assert second.status_code == 200
    return second


def fresh(url: str):
    """After a write, the next visitor's GET renders the page anew."""
    response, outcome = get(url)
    assert response.status_code == 200
    assert outcome == "miss", f"{url}: {outcome}"
    return response


def shared_with(client: Client, url: str):
    """A signed-in member gets the visitors' page with their own account part."""
    response, outcome = get(url, client)
    assert outcome == "shared", f"{url}: {outcome}"
    html = text(response)
    assert "Min profil" in html  # the member's account part ("My profile")
    assert "Logg inn" not in html  # not the visitor's ("Log in")
    return response


def without_personal_parts(html: bytes) -> bytes:
    """A page without its personal parts and CSRF tokens: what a member's copy of the visitors'
    page and the member's own rendering must have in common."""
    html = re.sub(rb"<!--personal:[^>]*-->.*?<!--/personal-->", b"", html, flags=re.DOTALL)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def member_copy_matches_their_own(settings, member: Client, url: str):
    """A member given the visitors' copy of `url` sees what their own rendering shows but for the
    personal parts (rendered with the cache off, then with it on after a visitor stored the page);
    the member's response."""
    settings.PAGE_CACHE = False
    own = member.get(url).content
    settings.PAGE_CACHE = True
    assert get(url)[1] == "miss"
    response, outcome = get(url, member)
    assert outcome == "shared", f"{url}: {outcome}"
    assert b'href="/konto/profil/"' in response.content  # the member's account part
    assert without_personal_parts(response.content) == without_personal_parts(own)
    return response
