import json
import time

import pytest
from django.urls import reverse

from samspill.core import fragments
from samspill.core.models import Membership, Organisation, User
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_home_page_presents_the_hub_and_its_organisations(client, home_page, organisation):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert home_page.lead in html
    assert organisation.name in html
    assert 'href="#main"' in html  # skip link
    assert 'lang="nb"' in html


def test_organisation_list_runs_the_same_number_of_queries_for_1_and_30_items(
    client, home_page, queries
):
    OrganisationFactory()
    client.get("/organisasjoner/")  # warm caches (site, settings, content types)
    # Without kept cards (core.fragments), whose reuse costs fewer queries (tests/core/test_fragments).
    one = queries.count(lambda: (fragments.clear(), client.get("/organisasjoner/")))
    OrganisationFactory.create_batch(29)
    thirty = queries.count(lambda: (fragments.clear(), client.get("/organisasjoner/")))
    assert one == thirty
    assert thirty <= 10


def test_organisation_list_filters_by_kind_country_and_words(client, home_page):
    OrganisationFactory(name="Havnescenen", kind="venue")
    OrganisationFactory(name="Køge Lydværk", kind="studio", country="DK", municipality=None)
    html = client.get("/organisasjoner/", {"kind": "venue"}).content.decode()
    assert "Havnescenen" in html and "Køge Lydværk" not in html
    html = client.get("/organisasjoner/", {"country": "DK"}).content.decode()
    assert "Køge Lydværk" in html and "Havnescenen" not in html
    html = client.get("/organisasjoner/", {"q": "havne"}).content.decode()
    assert "Havnescenen" in html and "Køge Lydværk" not in html


def test_organisation_list_with_a_bad_filter_still_answers(client, home_page, organisation):
    response = client.get("/organisasjoner/", {"kind": "spaceship", "page": "x"})
    assert response.status_code == 200


def test_organisation_list_answers_htmx_with_only_the_results(client, home_page, organisation):
    response = client.get(
        "/organisasjoner/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="organisation-results"
    )
    html = response.content.decode()
    assert 'id="organisation-results"' in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_organisation_list_paginates(client, home_page):
    OrganisationFactory.create_batch(30)
    first = client.get("/organisasjoner/").content.decode()
    assert 'rel="next"' in first
    second = client.get("/organisasjoner/?page=2").content.decode()
    assert 'rel="prev"' in second


def test_organisation_page_shows_only_people_who_chose_to_be_listed(
    client, home_page, organisation
):
    listed = UserFactory(name="Kari Synlig", is_listed=True, title="Booker", show_title=True)
    hidden = UserFactory(name="Ola Skjult", is_listed=False, title="Hemmelig", show_title=True)
    quiet_title = UserFactory(name="Per Stille", is_listed=True, title="Sjef", show_title=False)
    for person in (listed, hidden, quiet_title):
        MembershipFactory(user=person, organisation=organisation)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Kari Synlig" in html and "Booker" in html
    assert "Per Stille" in html and "Sjef" not in html
    assert "Ola Skjult" not in html and "Hemmelig" not in html
    assert hidden.email not in html and listed.email not in html


def test_organisation_page_query_count_does_not_grow_with_its_members(
    client, home_page, organisation, queries
):
    client.get(organisation.get_absolute_url())
    MembershipFactory(organisation=organisation, user=UserFactory(is_listed=True))
    one = queries.count(lambda: client.get(organisation.get_absolute_url()))
    for _ in range(10):
        MembershipFactory(organisation=organisation, user=UserFactory(is_listed=True))
    eleven = queries.count(lambda: client.get(organisation.get_absolute_url()))
    assert one == eleven


def test_unlisted_organisation_has_no_public_page(client, home_page):
    hidden = OrganisationFactory(is_public=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_404_page_is_styled_and_localised(client, home_page):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "404" in html and 'class="site-header"' in html
    danish = client.get("/da/findes-ikke/")
    assert danish.status_code == 404
    assert 'lang="da"' in danish.content.decode()


def test_403_page_is_styled(rf, home_page):
    from samspill.core.views import error_403

    request = rf.get("/")
    request.user = User()
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = error_403(request)
    assert response.status_code == 403
    assert b"403" in response.content


def test_500_page_renders_even_without_a_user(rf, home_page):
    from samspill.core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert b"500" in response.content


def test_profile_requires_login(client):
    response = client.get("/konto/profil/")
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_profile_saves_what_the_person_chooses_to_show(client, user, home_page):
    client.force_login(user)
    response = client.post(
        "/konto/profil/",
        {"name": "Kari Nordmann", "title": "Manager", "bio": "Hei", "is_listed": "on"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.title, user.is_listed, user.show_title) == (
        "Kari Nordmann",
        "Manager",
        True,
        False,
    )


def test_profile_lists_the_persons_organisations(client, org_editor, organisation, home_page):
    client.force_login(org_editor)
    html = client.get("/konto/profil/").content.decode()
    assert organisation.name in html


def test_data_export_is_a_json_download_of_everything(client, org_member, organisation):
    client.force_login(org_member)
    response = client.get("/konto/mine-data/last-ned/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == org_member.email
    assert data["memberships"][0]["organisation"] == organisation.name


def test_account_deletion_needs_the_password_and_a_confirmation(client, org_member, home_page):
    client.force_login(org_member)
    response = client.post("/konto/slett/", {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert User.objects.filter(pk=org_member.pk).exists()
    response = client.post("/konto/slett/", {"password": "correct-horse-battery"})
    assert User.objects.filter(pk=org_member.pk).exists()
    response = client.post("/konto/slett/", {"password": "correct-horse-battery", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=org_member.pk).exists()
    assert not Membership.objects.filter(user_id=org_member.pk).exists()
    assert Organisation.objects.exists()
    assert "_auth_user_id" not in client.session


def test_language_switch_keeps_the_page_and_remembers_the_choice(client, user, home_page):
    client.force_login(user)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/organisasjoner/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/organisasjoner/"
    user.refresh_from_db()
    assert user.preferred_language == "en"
    response = client.post("/i18n/setlang/", {"language": "nb", "next": "/da/om/"})
    assert response["Location"] == "/om/"


def test_language_switch_refuses_a_foreign_next_url(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "da", "next": "https://evil.example/"})
    assert "evil.example" not in response.get("Location", "")


def test_healthz_answers_200_with_json_when_the_database_and_cache_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("ok", "ok", "ok")
    assert body["tasks"] == {
        "ready": 0,
        "running": 0,
        "oldest_ready_seconds": None,
        "workers_seen": 0,
        "worker_last_seen_seconds": None,
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_reports_the_task_queue_and_the_workers_seen(client, db):
    import datetime

    from django.utils import timezone
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    from samspill.core import health

    now = timezone.now()

    def task(status, enqueued_minutes_ago, run_after=None):
        result = DBTaskResult.objects.create(
            status=status,
            args_kwargs={"args": [], "kwargs": {}},
            task_path="samspill.core.tasks.send_email",
            backend_name="default",
            run_after=run_after or get_date_max(),
        )
        DBTaskResult.objects.filter(pk=result.pk).update(
            enqueued_at=now - datetime.timedelta(minutes=enqueued_minutes_ago)
        )

    task(TaskResultStatus.READY, 10)
    task(TaskResultStatus.READY, 2)
    # Enqueued an hour ago to run five minutes ago: it has waited five minutes, not an hour.
    task(TaskResultStatus.READY, 60, run_after=now - datetime.timedelta(minutes=5))
    task(TaskResultStatus.READY, 1, run_after=now + datetime.timedelta(hours=1))  # not due
    task(TaskResultStatus.RUNNING, 3)
    task(TaskResultStatus.SUCCESSFUL, 90)
    health.worker_beat("worker-a")
    health.worker_beat("worker-b", now=time.time() - 5)
    health.worker_beat("worker-gone", now=time.time() - 10 * health.heartbeat_interval())

    tasks = client.get("/healthz").json()["tasks"]
    assert (tasks["ready"], tasks["running"], tasks["workers_seen"]) == (3, 1, 2)
    assert 600 <= tasks["oldest_ready_seconds"] < 660
    assert tasks["worker_last_seen_seconds"] < 5
    health.worker_gone("worker-a")
    health.worker_gone("worker-b")
    assert client.get("/healthz").json()["tasks"]["workers_seen"] == 0


def test_healthz_answers_503_when_the_cache_does_not(client, db, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is gone")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["database"], body["cache"]) == ("error", "ok", "unavailable")
    assert body["cache_error"] == "ConnectionError"


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        from django.db import OperationalError

        raise OperationalError("database is gone")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"


def test_liveness_is_minimal_and_does_not_touch_the_database(client, queries):
    with queries(0):
        response = client.get("/healthz/live")
    assert response.content == b"ok"


def test_pages_carry_a_strict_content_security_policy_and_security_headers(client, home_page):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_templates_contain_no_inline_script(client, home_page, organisation, user):
    client.force_login(user)
    for url in ["/", "/organisasjoner/", organisation.get_absolute_url(), "/konto/profil/"]:
        html = client.get(url).content.decode()
        for chunk in html.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            assert "src=" in tag, f"inline script on {url}"


def test_robots_and_sitemap_list_public_pages_only(client, home_page):
    shown = OrganisationFactory(slug="synlig")
    hidden = OrganisationFactory(slug="skjult", is_public=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert shown.get_absolute_url() in sitemap
    assert hidden.get_absolute_url() not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Disallow: /da/konto/" in robots


def test_reverse_names_follow_the_convention():
    assert reverse("core:organisation-list") == "/organisasjoner/"
    assert reverse("core:organisation-detail", kwargs={"slug": "brak"}) == "/organisasjoner/brak/"


def test_hub_pages_are_served_in_each_language_with_localised_footer_links(client, home_page):
    titles = {"": "Personvernerklæring", "/da": "Privatlivspolitik", "/en": "Privacy"}
    for prefix, title in titles.items():
        html = client.get(f"{prefix}/personvern/").content.decode()
        assert f"<h1>{title}</h1>" in html
        home = client.get(f"{prefix}/").content.decode()
        assert f'href="{prefix}/personvern/"' in home
        assert f'href="{prefix}/tilgjengelighet/"' in home


def test_home_page_query_count_is_bounded(client, home_page, queries):
    """Each app's home section and statistic costs a query or two: the count grows with the apps,
    never with the data."""
    OrganisationFactory()
    client.get("/da/")
    OrganisationFactory()  # a write: what shows organisations is computed anew (core.fragments)
    few = queries.count(lambda: client.get("/da/"))
    for _ in range(10):
        OrganisationFactory()
    assert queries.count(lambda: client.get("/da/")) == few <= 24
    # Unchanged since: the sections and figures are kept.
    assert queries.count(lambda: client.get("/da/")) < few


def test_profile_form_renders_each_field_once(client, user, home_page):
    client.force_login(user)
    html = client.get("/konto/profil/").content.decode()
    for name in ("name", "title", "bio", "is_listed", "show_title", "show_bio"):
        assert html.count(f'id="id_{name}"') == 1, name


def test_profile_refuses_a_name_with_a_line_break(client, user, home_page):
    client.force_login(user)
    response = client.post("/konto/profil/", {"name": "Kari\nBcc: x@example.org", "title": "t"})
    assert response.status_code != 302
    user.refresh_from_db()
    assert "\n" not in user.name


def test_the_policy_built_once_per_variant_is_django_csps_text(client, hub_admin, home_page):
    """The middleware keeps the header's text per variant (public, the admin's wider one);
    each is exactly what django-csp's own middleware builds, also with a nonce or a decorator."""
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    from samspill.core.middleware import ContentSecurityPolicyMiddleware, _built_policies

    class Reference(ContentSecurityPolicyMiddleware):
        def process_response(self, request, response):
            return CSPMiddleware.process_response(self, request, response)

        def policy(self, request, response, report_only=False):
            raise AssertionError("the reference builds every time")

    factory = RequestFactory()

    def header(middleware, path, *, nonce=False, update=None):
        request = factory.get(path)
        middleware.process_request(request)
        if nonce:
            str(request.csp_nonce)
        response = HttpResponse("ok")
        if update:
            response._csp_update = update
        return middleware.process_response(request, response).get("Content-Security-Policy")

    ours = ContentSecurityPolicyMiddleware(lambda request: None)
    reference = Reference(lambda request: None)
    _built_policies.clear()
    for path in ("/", "/organisasjoner/", "/admin/", "/admin/pages/", "/api/v1/docs", "/api/v1/"):
        for _ in range(2):  # built, then kept
            assert header(ours, path) == header(reference, path)
    assert set(_built_policies) == {(False, False), (False, True), (True, False)}
    assert "unsafe-inline" not in _built_policies[(False, False)]
    assert "'unsafe-inline'" in _built_policies[(False, True)]
    # A nonce or a response's own parts are built for that response, never kept.
    kept = dict(_built_policies)
    assert header(ours, "/", nonce=True) == header(reference, "/", nonce=True)
    updated = header(ours, "/", update={"img-src": ["https://img.example"]})
    assert "https://img.example" in updated
    assert updated == header(reference, "/", update={"img-src": ["https://img.example"]})
    assert "https://img.example" not in header(ours, "/")
    assert _built_policies == kept
    # Through the whole stack, signed in and not.
    assert client.get("/")["Content-Security-Policy"] == _built_policies[(False, False)]
    client.force_login(hub_admin)
    assert client.get("/admin/")["Content-Security-Policy"] == _built_policies[(False, True)]


def test_a_changed_policy_setting_is_built_again(client, home_page, settings):
    from samspill.core.middleware import _built_policies

    client.get("/")
    assert _built_policies
    directives = dict(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"])
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": directives | {"img-src": ["'self'", "https://img.example"]}
    }
    assert "https://img.example" in client.get("/")["Content-Security-Policy"]
