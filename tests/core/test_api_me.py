"""The signed-in person's follows, notifications and settings in the API (core.api_me): own data
only, writes with the CSRF token, 404 alike for what cannot be followed, bounded queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samspill.core import notifications, registry
from samspill.core.models import Follow, Notification
from tests.core.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kind():
    registry.register_notification_kind(
        registry.NotificationKind(name="test.api", label=lambda: "API things", default="weekly")
    )
    yield "test.api"
    registry._registry.notification_kinds.pop("test.api", None)


def _client(user, *, csrf=False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_signed_out_gets_401_for_every_own_endpoint():
    client = Client()
    for path in (
        "/api/v1/me/follows",
        "/api/v1/me/notifications",
        "/api/v1/me/notification-settings",
    ):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.json()["error"]["code"] == "unauthenticated"


def test_follow_and_unfollow_through_the_api():
    person, organisation = UserFactory(), OrganisationFactory(name="Brak")
    client = _client(person)
    path = f"/api/v1/me/follows/core.organisation/{organisation.pk}"
    first = client.put(path)
    assert first.status_code == 201 and first.json() == {"following": True, "followers": 1}
    assert client.put(path).status_code == 200
    listed = client.get("/api/v1/me/follows").json()
    assert [(row["target"], row["id"], row["title"]) for row in listed] == [
        ("core.organisation", organisation.pk, "Brak")
    ]
    assert listed[0]["url"].startswith("http")
    assert client.delete(path).json() == {"following": False, "followers": 0}
    assert not Follow.objects.exists()


def test_hidden_unknown_and_missing_objects_are_404_alike():
    person = UserFactory()
    hidden = OrganisationFactory(is_public=False)
    client = _client(person)
    for path in (
        f"/api/v1/me/follows/core.organisation/{hidden.pk}",
        "/api/v1/me/follows/core.organisation/999999",
        f"/api/v1/me/follows/no.such/{hidden.pk}",
    ):
        response = client.put(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    assert not Follow.objects.exists()


def test_writes_need_the_csrf_token():
    person, organisation = UserFactory(), OrganisationFactory()
    response = _client(person, csrf=True).put(
        f"/api/v1/me/follows/core.organisation/{organisation.pk}"
    )
    assert response.status_code == 403
    assert not Follow.objects.exists()


def test_notifications_are_only_ones_own_and_can_be_marked_read(kind):
    person, other = UserFactory(), UserFactory()
    notifications.notify(kind=kind, users=[person], title="Mine", url="/a/")
    notifications.notify(kind=kind, users=[other], title="Theirs")
    client = _client(person)
    rows = client.get("/api/v1/me/notifications").json()["items"]
    assert [(row["title"], row["read"]) for row in rows] == [("Mine", False)]
    assert rows[0]["url"].endswith("/a/")
    theirs = Notification.objects.get(user=other)
    # Someone else's id is silently not theirs to mark.
    marked = client.post(
        "/api/v1/me/notifications/read", {"ids": [theirs.pk]}, content_type="application/json"
    ).json()
    assert marked == {"marked": 0, "unread": 1}
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert (
        client.post(
            "/api/v1/me/notifications/read", {}, content_type="application/json"
        ).status_code
        == 422
    )
    marked = client.post(
        "/api/v1/me/notifications/read", {"ids": None}, content_type="application/json"
    )
    assert marked.json() == {"marked": 1, "unread": 0}
    assert client.get("/api/v1/me/notifications?unread=true").json()["items"] == []


def test_the_list_of_notifications_costs_the_same_queries_for_more(kind):
    person = UserFactory()
    client = _client(person)
    notifications.notify(kind=kind, users=[person], title="One")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/me/notifications")
    for n in range(20):
        notifications.notify(kind=kind, users=[person], title=f"N{n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get("/api/v1/me/notifications").json()["count"] == 21
    assert len(many.captured_queries) == len(few.captured_queries)


def test_settings_list_and_change(kind):
    person = UserFactory()
    client = _client(person)
    settings = {row["kind"]: row for row in client.get("/api/v1/me/notification-settings").json()}
    assert settings[kind]["delivery"] == "weekly" and settings[kind]["default"] == "weekly"
    changed = client.put(
        f"/api/v1/me/notification-settings/{kind}",
        {"delivery": "never"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert {row["kind"]: row["delivery"] for row in changed.json()}[kind] == "never"
    assert notifications.delivery_for(person, kind) == "never"
    bad = client.put(
        f"/api/v1/me/notification-settings/{kind}",
        {"delivery": "hourly"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    unknown = client.put(
        "/api/v1/me/notification-settings/no.such",
        {"delivery": "never"},
        content_type="application/json",
    )
    assert unknown.status_code == 404


def test_follow_targets_are_listed_publicly():
    names = [row["name"] for row in Client().get("/api/v1/me/follow-targets").json()]
    assert "core.organisation" in names


def test_signed_out_writes_get_401_whatever_the_body():
    client = Client()
    for body in ("", "not json", '{"ids": "x"}'):
        response = client.post(
            "/api/v1/me/notifications/read", body, content_type="application/json"
        )
        assert response.status_code == 401, body


def test_ids_beyond_any_integer_are_a_422():
    client = _client(UserFactory())
    response = client.post(
        "/api/v1/me/notifications/read",
        {"ids": [127928764239223006399823872, -3]},
        content_type="application/json",
    )
    assert response.status_code == 422
