"""The people-facing side of following and notifications (core.follow_views): the follow button
with and without htmx, the page of what one follows, the notifications page, opening one, the
settings, and the header's unread count."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from samspill.core import notifications, registry
from samspill.core.models import Follow, Notification, NotificationSetting
from tests.core.factories import OrganisationFactory, UserFactory
from tests.core.pagecache_checks import shared_with, stored, text

pytestmark = pytest.mark.django_db

FOLLOW = "/folg/"


@pytest.fixture
def kinds():
    names = ("test.daily", "test.urgent", "test.receipt")
    registry.register_notification_kind(
        registry.NotificationKind(
            name=names[0], label=lambda: "Nye ting", group=lambda: "Testgruppe"
        )
    )
    registry.register_notification_kind(
        registry.NotificationKind(name=names[1], label=lambda: "Haster", default="immediate")
    )
    registry.register_notification_kind(
        registry.NotificationKind(name=names[2], label=lambda: "Kvittering", transactional=True)
    )
    yield names
    for name in names:
        registry._registry.notification_kinds.pop(name, None)


def _post(client, organisation, action="follow", next_url=None, **headers):
    data = {"target": "core.organisation", "pk": organisation.pk, "action": action}
    data["next"] = organisation.get_absolute_url() if next_url is None else next_url
    return client.post(FOLLOW, data, **headers)


def test_organisation_page_shows_the_button_and_following_works_without_javascript(
    client, home_page
):
    person, organisation = UserFactory(), OrganisationFactory(name="Brak")
    client.force_login(person)
    html = text(client.get(organisation.get_absolute_url()))
    assert 'action="/folg/"' in html and "Følg<span" in html
    assert "organisasjon Brak" in html
    response = _post(client, organisation)
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert notifications.is_following(person, organisation)
    html = text(client.get(organisation.get_absolute_url()))
    assert "Du følger nå Brak" in html  # the message after the redirect
    assert "Følger<span" in html
    response = _post(client, organisation, action="unfollow")
    assert response.status_code == 302
    assert not Follow.objects.exists()


def test_htmx_swaps_the_button_with_a_status(client, home_page):
    person, organisation = UserFactory(), OrganisationFactory(name="Brak")
    client.force_login(person)
    response = _post(client, organisation, HTTP_HX_REQUEST="true")
    html = text(response)
    assert response.status_code == 200
    assert html.startswith("<form") and 'name="action" value="unfollow"' in html
    assert 'hx-swap-oob="innerHTML"' in html and "Du følger nå Brak" in html
    assert "private" in response["Cache-Control"]
    response = _post(client, organisation, action="unfollow", HTTP_HX_REQUEST="true")
    assert 'value="follow"' in text(response) and "Du følger ikke lenger Brak" in text(response)


def test_anonymous_visitors_are_sent_to_log_in_and_back(client, home_page):
    organisation = OrganisationFactory(name="Brak")
    html = text(client.get(organisation.get_absolute_url()))
    assert "Logg inn for å følge" in html and "/folg/" not in html
    response = _post(client, organisation)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/?next=")
    response = _post(client, organisation, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].startswith("/konto/login/")
    assert not Follow.objects.exists()


def test_the_post_needs_a_csrf_token(home_page):
    client = Client(enforce_csrf_checks=True)
    person, organisation = UserFactory(), OrganisationFactory()
    client.force_login(person)
    assert _post(client, organisation).status_code == 403
    assert not Follow.objects.exists()


def test_hidden_unknown_and_bad_targets_are_refused_with_a_message(client, home_page):
    client.force_login(UserFactory())
    hidden = OrganisationFactory(is_public=False)
    response = _post(client, hidden)
    assert response.status_code == 404 and "Vi fant ikke" in text(response)
    for data in ({"target": "core.user", "pk": "1"}, {"target": "core.organisation", "pk": "x"}):
        response = client.post(FOLLOW, data)
        assert response.status_code == 404, data
    for data in ({}, {"target": "core.organisation"}, {"pk": str(hidden.pk)}):
        assert client.post(FOLLOW, data).status_code == 400, data
    response = client.post(FOLLOW, {"target": "core.organisation", "pk": "999999"})
    assert response.status_code == 404
    assert client.get(FOLLOW).status_code == 405
    assert not Follow.objects.exists()


def test_next_must_be_on_this_site(client, home_page):
    client.force_login(UserFactory())
    organisation = OrganisationFactory()
    for bad in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = _post(client, organisation, next_url=bad)
        assert response["Location"] == organisation.get_absolute_url(), bad
    response = _post(client, organisation, next_url="/konto/profil/folger/")
    assert response["Location"] == "/konto/profil/folger/"


def test_following_is_rate_limited(client, home_page, settings):
    settings.SAMSPILL_RATE_LIMITS = "core.follow=2/h"
    client.force_login(UserFactory())
    organisation = OrganisationFactory()
    assert _post(client, organisation).status_code == 302
    assert _post(client, organisation, action="unfollow").status_code == 302
    assert _post(client, organisation).status_code == 429


def test_a_member_on_a_shared_page_gets_their_own_button(client, home_page, page_cache):
    organisation = OrganisationFactory(name="Brak")
    person = UserFactory()
    notifications.follow(user=person, obj=organisation)
    url = organisation.get_absolute_url()
    stored(url)  # the visitors' page, with the log-in link
    client.force_login(person)
    response = shared_with(client, url)
    html = text(response)
    assert "Følger<span" in html and "Logg inn for å følge" not in html


def test_follows_page_groups_marks_automatic_follows_and_has_bounded_queries(
    client, home_page, queries
):
    person = UserFactory()
    client.force_login(person)
    html = text(client.get(reverse("core:follows")))
    assert "Du følger ingenting ennå" in html

    def follow_some(n):
        for _ in range(n):
            notifications.follow(user=person, obj=OrganisationFactory())

    follow_some(2)
    notifications.follow(user=person, obj=OrganisationFactory(name="Auto"), auto=True)
    few = queries.count(lambda: client.get(reverse("core:follows")))
    html = text(client.get(reverse("core:follows")))
    assert "Organisasjon" in html and "Fulgt automatisk" in html
    assert html.count('value="unfollow"') == 3
    follow_some(10)
    many = queries.count(lambda: client.get(reverse("core:follows")))
    assert many == few


def test_notifications_page_marks_unread_and_reads(client, home_page, kinds, queries):
    person, other = UserFactory(), UserFactory()
    notifications.notify(kind=kinds[0], users=[person], title="Nytt arrangement", url="/arr/")
    notifications.notify(kind=kinds[0], users=[other], title="Ikke ditt")
    client.force_login(person)
    html = text(client.get(reverse("core:notifications")))
    assert "Nytt arrangement" in html and "Ulest" in html and "Ikke ditt" not in html
    assert "1 ulest varsel" in html or "1 uleste" in html
    mine = Notification.objects.get(user=person)
    theirs = Notification.objects.get(user=other)
    assert client.get(reverse("core:notification-open", args=[theirs.pk])).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    response = client.get(reverse("core:notification-open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/arr/"
    assert Notification.objects.get(pk=mine.pk).read_at is not None
    notifications.notify(kind=kinds[0], users=[person], title="Enda ett")
    response = client.post(reverse("core:notifications-read"))
    assert response.status_code == 302
    assert notifications.unread_count(person) == 0
    for _ in range(30):
        notifications.notify(kind=kinds[0], users=[person], title="Mange")
    few = queries.count(lambda: client.get(reverse("core:notifications")))
    for _ in range(30):
        notifications.notify(kind=kinds[0], users=[person], title="Flere")
    assert queries.count(lambda: client.get(reverse("core:notifications") + "?page=2")) <= few


def test_an_external_notification_url_is_not_followed(client, home_page, kinds):
    person = UserFactory()
    notifications.notify(kind=kinds[0], users=[person], title="X", url="//evil.example/")
    client.force_login(person)
    pk = Notification.objects.get().pk
    response = client.get(reverse("core:notification-open", args=[pk]))
    assert response["Location"] == reverse("core:notifications")


def test_header_shows_the_unread_count_in_one_query(client, home_page, kinds):
    person = UserFactory()
    notifications.notify(kind=kinds[0], users=[person], title="Nytt")
    client.force_login(person)
    html = text(client.get(reverse("core:profile")))
    assert 'href="/konto/varsler/">Varsler <span class="badge badge--count">1' in html


def test_settings_offer_each_kind_but_the_transactional_ones_and_save(client, home_page, kinds):
    person = UserFactory()
    client.force_login(person)
    url = reverse("core:notification-settings")
    html = text(client.get(url))
    assert "Testgruppe" in html and "Nye ting" in html and "Haster" in html
    assert "Kvittering" not in html
    assert "<legend>Nye ting</legend>" in html
    fieldset = html.split("<legend>Nye ting</legend>")[1].split("</fieldset>")[0]
    assert re.search(r'<input[^>]*value="daily"[^>]*checked', fieldset)
    assert "Daglig sammendrag <span" in fieldset  # the default, named
    response = client.post(url, {"test-daily": "weekly", "test-urgent": "immediate"})
    assert response.status_code == 302
    assert notifications.delivery_for(person, kinds[0]) == "weekly"
    # unchanged defaults write nothing
    assert not NotificationSetting.objects.filter(kind=kinds[1]).exists()
    response = client.post(url, {"test-daily": "sometimes", "test-urgent": "never"})
    assert response.status_code == 400
    assert notifications.delivery_for(person, kinds[1]) == "immediate"


def test_profile_links_to_the_three_pages(client, home_page):
    client.force_login(UserFactory())
    html = text(client.get(reverse("core:profile")))
    for name in ("core:follows", "core:notifications", "core:notification-settings"):
        assert f'href="{reverse(name)}"' in html


def test_pages_need_a_signed_in_person(client, home_page):
    for name in ("core:follows", "core:notifications", "core:notification-settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
    response = client.post(reverse("core:notifications-read"))
    assert "/konto/login/" in response["Location"]


def test_follows_page_of_several_kinds_costs_the_same_for_more_of_each(client, home_page, queries):
    from tests.ideas.factories import make_idea
    from tests.projects.factories import make_programme, make_project

    person = UserFactory()
    client.force_login(person)
    programme = make_programme()
    notifications.follow(user=person, obj=programme)

    def add(numbers):
        for n in numbers:
            notifications.follow(user=person, obj=make_project(programme, title=f"Prosjekt {n}"))
            notifications.follow(user=person, obj=make_idea(programme, title=f"Idé {n}"))
            notifications.follow(user=person, obj=OrganisationFactory())

    add([0])
    url = reverse("core:follows")
    client.get(url)  # the process's caches (content types, the site) are warm from now on
    few = queries.count(lambda: client.get(url))
    add([1, 2, 3])
    many = queries.count(lambda: client.get(url))
    html = text(client.get(url))
    assert "Prosjekt 3" in html and "Idé 3" in html and "Musikmetropolen" in html
    assert many == few


def test_the_settings_form_offers_only_what_one_may_choose_and_saves(client):
    """The digest's own kind (not in the settings) and transactional kinds are no fields: a field
    without a choice made the whole form invalid."""
    from samspill.core import registry
    from tests.core.factories import UserFactory

    person = UserFactory()
    client.force_login(person)
    page = client.get("/konto/varsler/innstillinger/").content.decode()
    assert 'name="core-digest"' not in page
    choosable = notifications.deliveries_for(person)
    # Every choice changed at once: saved together (the N+1 detector fails one query per kind).
    data = {
        name.replace(".", "-"): "never" if delivery != "never" else "weekly"
        for name, delivery in choosable.items()
    }
    response = client.post("/konto/varsler/innstillinger/", data)
    assert response.status_code == 302
    after = notifications.deliveries_for(person)
    assert all(after[name] != before for name, before in choosable.items())
    assert registry.notification_kind("core.digest") is not None
