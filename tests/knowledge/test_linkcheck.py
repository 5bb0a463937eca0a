"""The register of external links and the link checker, against a local HTTP server only."""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samspill.knowledge import linkcheck, tasks
from samspill.knowledge.models import ExternalLink, LinkStatus
from tests.core.factories import OrganisationFactory
from tests.knowledge import factories

SLOW_SECONDS = 1.0


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output quiet
        pass

    def _answer(self, with_body: bool):
        server = self.server
        server.requests.append((self.command, self.path, self.headers.get("User-Agent")))
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            status, headers = 200, {}
        elif path == "/redirect":
            status, headers = 301, {"Location": "/ok"}
        elif path == "/loop":
            status, headers = 302, {"Location": "/loop"}
        elif path == "/no-head":
            status, headers = (405 if self.command == "HEAD" else 200), {}
        elif path == "/flaky":
            status, headers = server.flaky_status, {}
        else:
            status = {"/ok": 200, "/missing": 404, "/error": 500}.get(path, 404)
            headers = {}
        body = b"hello" if status < 300 else b""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body and body:
            self.wfile.write(body)

    def do_HEAD(self):
        self._answer(with_body=False)

    def do_GET(self):
        self._answer(with_body=True)


@pytest.fixture(scope="module")
def http_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    server.requests = []
    server.flaky_status = 200
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(http_server, settings):
    settings.LINKCHECK_ALLOW_PRIVATE_HOSTS = True  # the test server is on 127.0.0.1
    http_server.requests.clear()
    http_server.flaky_status = 200
    http_server.base = f"http://127.0.0.1:{http_server.server_address[1]}"
    return http_server


@pytest.fixture
def tree(db, home_page, organisation):
    index = factories.index_page(home_page)
    return {"index": index, "topic": factories.topic_page(index), "organisation": organisation}


def link(url):
    return ExternalLink.objects.create(url=url)


# --- Finding and recording links ------------------------------------------------------------------


@pytest.mark.django_db
def test_extract_links_finds_every_external_address_of_an_article(tree):
    body = factories.body_json(
        factories.heading("Skatt"),
        factories.text(
            '<p>Se <a href="https://skatteetaten.no/mva#regler">MVA</a>, '
            '<a href="mailto:post@example.org">e-post</a>, '
            '<a linktype="page" id="3">en side</a> og '
            '<a href="https://skatteetaten.no/mva">igjen</a>.</p>'
        ),
        {
            "type": "qa",
            "value": {
                "question": "ENK?",
                "answer": '<p><a href="http://brreg.no/enk">Brreg</a></p>',
            },
        },
        {
            "type": "callout",
            "value": {
                "kind": "tip",
                "title": "",
                "text": '<p><a href="https://nav.no/">NAV</a></p>',
            },
        },
        {
            "type": "links",
            "value": {
                "title": "Les mer",
                "links": [{"title": "Altinn", "url": "https://www.altinn.no/", "description": ""}],
            },
        },
        {
            "type": "video",
            "value": {
                "url": "https://www.youtube.com/watch?v=abcdefghijk",
                "title": "Webinar",
                "caption": "",
            },
        },
    )
    page = factories.article_page(
        tree["topic"], tree["organisation"], body=body, source_url="https://lovdata.no/lov"
    )
    assert linkcheck.extract_links(page) == [
        "https://lovdata.no/lov",
        "https://skatteetaten.no/mva",
        "http://brreg.no/enk",
        "https://nav.no/",
        "https://www.altinn.no/",
        "https://www.youtube.com/watch?v=abcdefghijk",
    ]


@pytest.mark.django_db
def test_extract_links_of_faq_entries_and_guides(tree):
    faq = factories.faq_page(
        tree["topic"], tree["organisation"], answer='<p><a href="https://gramo.no/">Gramo</a></p>'
    )
    guide = factories.guide_page(
        tree["index"],
        tree["organisation"],
        steps=factories.guide_steps(
            result_text='<p><a href="https://tono.no/">TONO</a></p>',
            result_links=["https://www.altinn.no/"],
        ),
    )
    assert linkcheck.extract_links(faq) == ["https://gramo.no/"]
    assert linkcheck.extract_links(guide) == ["https://tono.no/", "https://www.altinn.no/"]


@pytest.mark.django_db
def test_links_sync_records_links_and_forgets_the_ones_no_longer_used(tree):
    first = factories.body_json(
        factories.text(
            '<p><a href="https://a.example/">A</a> <a href="https://b.example/">B</a></p>'
        )
    )
    page = factories.article_page(tree["topic"], tree["organisation"], body=first)
    other = factories.article_page(tree["topic"], tree["organisation"], body=first)
    linkcheck.links_sync_for_page(page)
    linkcheck.links_sync_for_page(other)
    assert set(ExternalLink.objects.values_list("url", flat=True)) == {
        "https://a.example/",
        "https://b.example/",
    }
    page.body = factories.body_json(factories.text('<p><a href="https://a.example/">A</a></p>'))
    factories.publish(page)
    linkcheck.links_sync_for_page(page)
    b = ExternalLink.objects.get(url="https://b.example/")
    assert list(b.pages.values_list("pk", flat=True)) == [other.pk]
    assert ExternalLink.objects.get(url="https://a.example/").pages.count() == 2

    other.unpublish()
    linkcheck.links_sync_for_page_id(other.pk)
    assert not b.pages.exists()
    assert linkcheck.links_prune() == 1
    assert not ExternalLink.objects.filter(url="https://b.example/").exists()


@pytest.mark.django_db
def test_publishing_enqueues_the_link_sync(tree, django_capture_on_commit_callbacks):
    tasks.connect()
    body = factories.body_json(factories.text('<p><a href="https://c.example/x">C</a></p>'))
    with django_capture_on_commit_callbacks(execute=True):
        page = factories.article_page(tree["topic"], tree["organisation"], body=body)
    assert list(ExternalLink.objects.get(url="https://c.example/x").pages.all()) == [page.page_ptr]


# --- Checking -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_working_link_is_ok_and_the_checker_says_who_it_is(server):
    checked = linkcheck.check_link(link(f"{server.base}/ok"))
    checked.refresh_from_db()
    assert checked.status == LinkStatus.OK
    assert checked.status_code == 200
    assert checked.failures == 0
    assert checked.error == ""
    assert checked.checked_at is not None
    assert server.requests == [("HEAD", "/ok", "samspill-linkcheck/1.0")]


@pytest.mark.django_db
def test_a_missing_page_breaks_the_link_on_the_second_failure_and_a_success_repairs_it(server):
    missing = link(f"{server.base}/flaky")
    server.flaky_status = 404
    linkcheck.check_link(missing)
    missing.refresh_from_db()
    assert (missing.status, missing.failures, missing.status_code) == (LinkStatus.UNCHECKED, 1, 404)
    assert "404" in missing.error

    linkcheck.check_link(missing)
    missing.refresh_from_db()
    assert (missing.status, missing.failures) == (LinkStatus.BROKEN, 2)

    server.flaky_status = 200
    linkcheck.check_link(missing)
    missing.refresh_from_db()
    assert (missing.status, missing.failures, missing.error) == (LinkStatus.OK, 0, "")


@pytest.mark.django_db
def test_one_failure_of_a_working_link_is_no_alarm(server):
    flaky = link(f"{server.base}/flaky")
    linkcheck.check_link(flaky)
    server.flaky_status = 500
    linkcheck.check_link(flaky)
    flaky.refresh_from_db()
    assert (flaky.status, flaky.failures, flaky.status_code) == (LinkStatus.OK, 1, 500)


@pytest.mark.django_db
def test_a_server_error_counts_as_a_failure(server):
    error = link(f"{server.base}/error")
    linkcheck.check_link(error)
    linkcheck.check_link(error)
    error.refresh_from_db()
    assert (error.status, error.status_code) == (LinkStatus.BROKEN, 500)


@pytest.mark.django_db
def test_a_slow_server_times_out(server):
    slow = link(f"{server.base}/slow")
    linkcheck.check_link(slow, timeout=0.2)
    slow.refresh_from_db()
    assert slow.failures == 1
    assert slow.status_code is None
    assert slow.error
    assert slow.status == LinkStatus.UNCHECKED


@pytest.mark.django_db
def test_redirects_are_followed_to_a_working_page(server):
    moved = link(f"{server.base}/redirect")
    linkcheck.check_link(moved)
    moved.refresh_from_db()
    assert (moved.status, moved.status_code) == (LinkStatus.OK, 200)
    assert [path for _method, path, _agent in server.requests] == ["/redirect", "/ok"]


@pytest.mark.django_db
def test_a_redirect_loop_fails(server):
    loop = link(f"{server.base}/loop")
    linkcheck.check_link(loop)
    loop.refresh_from_db()
    assert loop.failures == 1
    assert loop.status_code is None
    assert loop.error


@pytest.mark.django_db
def test_get_is_tried_when_head_is_refused(server):
    picky = link(f"{server.base}/no-head")
    linkcheck.check_link(picky)
    picky.refresh_from_db()
    assert (picky.status, picky.status_code) == (LinkStatus.OK, 200)
    assert [method for method, _path, _agent in server.requests] == ["HEAD", "GET"]


@pytest.mark.django_db
def test_private_addresses_are_not_fetched(server, settings):
    settings.LINKCHECK_ALLOW_PRIVATE_HOSTS = False
    inside = link(f"{server.base}/ok")
    linkcheck.check_link(inside)
    inside.refresh_from_db()
    assert inside.failures == 1
    assert inside.error
    assert server.requests == []


@pytest.mark.django_db
def test_only_links_in_use_and_not_checked_for_a_week_are_due_oldest_first(tree, server):
    page = factories.article_page(tree["topic"], tree["organisation"], body=factories.PLAIN_BODY)
    now = timezone.now()
    fresh = link(f"{server.base}/ok?fresh")
    old = link(f"{server.base}/ok?old")
    older = link(f"{server.base}/ok?older")
    never = link(f"{server.base}/ok?never")
    unused = link(f"{server.base}/ok?unused")
    for item, age in ((fresh, 1), (old, 8), (older, 30)):
        ExternalLink.objects.filter(pk=item.pk).update(
            checked_at=now - datetime.timedelta(days=age)
        )
    for item in (fresh, old, older, never):
        item.pages.add(page)

    assert list(linkcheck.links_due()) == [never, older, old]
    assert list(linkcheck.links_due(limit=2)) == [never, older]
    assert set(linkcheck.links_due(everything=True)) == {fresh, old, older, never}

    summary = linkcheck.check_due_links(limit=2)
    assert summary.as_dict() == {"checked": 2, "ok": 2, "failed": 0, "broken": 0, "pruned": 1}
    assert not ExternalLink.objects.filter(pk=unused.pk).exists()
    assert list(linkcheck.links_due()) == [old]


@pytest.mark.django_db
def test_the_check_links_command(tree, server):
    page = factories.article_page(tree["topic"], tree["organisation"], body=factories.PLAIN_BODY)
    for path in ("/ok", "/missing"):
        link(f"{server.base}{path}").pages.add(page)

    summary = linkcheck.check_due_links(limit=10)
    assert summary.as_dict() == {"checked": 2, "ok": 1, "failed": 1, "broken": 0, "pruned": 0}

    out = StringIO()
    call_command("check_links", stdout=out)
    assert "0" in out.getvalue()  # nothing was due any more
    assert ExternalLink.objects.get(url=f"{server.base}/missing").status == LinkStatus.UNCHECKED

    out = StringIO()
    call_command("check_links", "--all", stdout=out)
    assert "2" in out.getvalue()
    assert ExternalLink.objects.get(url=f"{server.base}/missing").status == LinkStatus.BROKEN
    assert ExternalLink.objects.get(url=f"{server.base}/ok").status == LinkStatus.OK


@pytest.mark.django_db
def test_links_of_other_organisations_pages_are_kept_apart(tree):
    other = OrganisationFactory()
    mine = factories.article_page(tree["topic"], tree["organisation"])
    theirs = factories.article_page(tree["topic"], other)
    broken = ExternalLink.objects.create(url="https://gone.example/", status=LinkStatus.BROKEN)
    broken.pages.add(mine, theirs)
    from samspill.knowledge import selectors

    rows = list(selectors.broken_links(organisation_ids=[tree["organisation"].pk]))
    assert rows == [broken]
    assert [p.pk for p in rows[0].pages.all()] == [mine.pk]
    assert list(selectors.broken_links(organisation_ids=[])) == []
    assert {p.pk for p in selectors.broken_links()[0].pages.all()} == {mine.pk, theirs.pk}


# --- Address checks: one resolution, every address, embedded IPv4 --------------------------------


def _fake_resolver(monkeypatch, answers: dict[str, list[list[str]]]):
    """socket.getaddrinfo answering the names in `answers` from a list per lookup (the last answer
    repeats); addresses and other names resolve as usual. Returns the lookups made per name."""
    import socket

    real = socket.getaddrinfo
    lookups: dict[str, int] = {}

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        n = lookups.get(host, 0)
        lookups[host] = n + 1
        chosen = answers[host][min(n, len(answers[host]) - 1)]
        return [
            (
                socket.AF_INET6 if ":" in a else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (a, port or 0, 0, 0) if ":" in a else (a, port or 0),
            )
            for a in chosen
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


def test_a_name_that_resolves_public_then_private_never_reaches_the_private_address(
    server, settings, monkeypatch
):
    settings.LINKCHECK_ALLOW_PRIVATE_HOSTS = False
    port = server.server_address[1]
    lookups = _fake_resolver(monkeypatch, {"rebind.example": [["1.1.1.1"], ["127.0.0.1"]]})
    result = linkcheck.fetch_status(f"http://rebind.example:{port}/ok", timeout=1)
    assert not result.ok
    assert server.requests == []  # the checked (public) address was the one tried
    assert lookups == {"rebind.example": 1}


def test_the_checked_address_is_the_one_connected_to_with_the_name_as_host(server, monkeypatch):
    port = server.server_address[1]
    seen = []
    original = server.RequestHandlerClass._answer

    def answer(handler, with_body):
        seen.append(handler.headers.get("Host"))
        return original(handler, with_body)

    monkeypatch.setattr(server.RequestHandlerClass, "_answer", answer)
    lookups = _fake_resolver(monkeypatch, {"links.example": [["127.0.0.1"]]})
    result = linkcheck.fetch_status(f"http://links.example:{port}/redirect", timeout=2)
    assert result.ok
    assert seen == [f"links.example:{port}", f"links.example:{port}"]
    assert lookups == {"links.example": 2}  # once per hop, each hop checked


def test_a_name_with_a_private_address_is_refused(server, settings, monkeypatch):
    settings.LINKCHECK_ALLOW_PRIVATE_HOSTS = False
    monkeypatch.setattr(
        linkcheck, "resolve", lambda host: {"inside.example": ["192.168.1.5"]}.get(host, [])
    )
    with pytest.raises(linkcheck.LinkCheckError):
        linkcheck.checked_address("inside.example")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:10.0.0.1",
        "::127.0.0.1",  # IPv4-compatible
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b:1::808:808",  # local-use NAT64
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
    ],
)
def test_private_addresses_in_every_form_are_refused(address):
    import ipaddress

    assert not linkcheck.is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "2606:4700:4700::1111", "::ffff:93.184.216.34", "64:ff9b::808:808"]
)
def test_public_addresses_pass(address):
    import ipaddress

    assert linkcheck.is_public_address(ipaddress.ip_address(address))


def test_every_resolved_address_is_checked(settings, monkeypatch):
    settings.LINKCHECK_ALLOW_PRIVATE_HOSTS = False
    monkeypatch.setattr(linkcheck, "resolve", lambda host: ["93.184.216.34", "::ffff:10.0.0.1"])
    with pytest.raises(linkcheck.LinkCheckError):
        linkcheck.checked_address("mixed.example")
