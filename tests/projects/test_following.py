"""Projects on core's notification engine (issue 19): programmes and projects are follow targets; an
explicit status change, a milestone added or reached and a result added tell the followers of the
project, its programme and its organisations, each once, never the editor, never for an
unpublished project; the cost does not grow with the followers."""

import datetime

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samspill.core import notifications, registry
from samspill.core.errors import InvalidInput
from samspill.core.models import Follow, Notification
from samspill.projects import services
from samspill.projects.models import Milestone, PartnerOrganisation, Project, Result
from tests.core.factories import OrganisationFactory, UserFactory
from tests.projects.factories import current_period, make_programme, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def programme():
    return make_programme()


def _save(project_pk, editor, **changes) -> Project:
    """What the admin does: the stored project, changed in memory, through the service."""
    project = Project.objects.get(pk=project_pk)
    for name, value in changes.items():
        setattr(project, name, value)
    return services.project_save(actor=editor, project=project)


def test_programmes_and_projects_are_follow_targets(programme):
    assert registry.follow_target("projects.programme") is not None
    assert registry.follow_target("projects.project") is not None
    for kind in ("projects.status", "projects.milestone", "projects.result"):
        assert registry.notification_kind(kind).default == "daily"
    project = make_project(programme, is_published=False)
    with pytest.raises(InvalidInput):
        notifications.follow(user=UserFactory(), obj=project)
    person = UserFactory()
    notifications.follow(user=person, obj=programme)
    assert notifications.is_following(person, programme)


def test_a_status_change_tells_the_followers_of_project_programme_and_organisations_once(
    programme, hub_admin
):
    lead, partner = OrganisationFactory(), OrganisationFactory()
    project = make_project(
        programme,
        lead=lead,
        partners=[PartnerOrganisation.objects.get(pk=partner.pk)],
        **current_period(),
    )
    of_project, of_programme, of_lead, of_partner, of_all = UserFactory.create_batch(
        5, preferred_language="en"
    )
    for person, objs in (
        (of_project, [project]),
        (of_programme, [programme]),
        (of_lead, [lead]),
        (of_partner, [partner]),
        (of_all, [project, programme, lead, partner]),
        (hub_admin, [project]),
    ):
        for obj in objs:
            notifications.follow(user=person, obj=obj)
    _save(project.pk, hub_admin, status="stopped")
    told = Notification.objects.filter(kind="projects.status")
    assert sorted(told.values_list("user_id", flat=True)) == sorted(
        p.pk for p in (of_project, of_programme, of_lead, of_partner, of_all)
    )
    assert all(n.title == "The project “Sangskrivercamp” is now: Stopped" for n in told)
    with translation.override(settings.LANGUAGE_CODE):
        url = project.get_absolute_url()
    assert all(n.delivery == "daily" and n.url == url for n in told)


def test_only_explicit_changes_that_show_notify(programme, hub_admin):
    # Ended in 2019: it reads "completed" by its dates; nobody was told when the date passed.
    project = make_project(programme)
    person = UserFactory()
    notifications.follow(user=person, obj=project)
    _save(project.pk, hub_admin, summary="Nyt resumé.")  # nothing that notifies
    _save(project.pk, hub_admin, status="planned")  # still shows "completed"
    assert not Notification.objects.exists()
    _save(project.pk, hub_admin, status="stopped")
    assert Notification.objects.filter(user=person, kind="projects.status").count() == 1


def test_milestones_added_or_reached_and_results_added(programme, hub_admin):
    project = make_project(programme, **current_period())
    person = UserFactory(preferred_language="en")
    notifications.follow(user=person, obj=project)
    stored = Project.objects.get(pk=project.pk)
    stored.milestones = [Milestone(title="Camp 1", progress=50)]
    services.project_save(actor=hub_admin, project=stored)
    stored = Project.objects.get(pk=project.pk)
    first = stored.milestones.get()
    first.progress = 100
    stored.milestones = [first, Milestone(title="Camp 2")]
    stored.results = [Result(title="40 nye sange")]
    services.project_save(actor=hub_admin, project=stored)
    milestones = list(
        Notification.objects.filter(user=person, kind="projects.milestone").order_by("pk")
    )
    assert [n.text for n in milestones] == [
        "New milestone: Camp 1",
        "Reached: Camp 1\nNew milestone: Camp 2",
    ]
    result = Notification.objects.get(user=person, kind="projects.result")
    assert result.text == "40 nye sange" and result.url.endswith("#results-heading")
    # Saved again unchanged: nothing new.
    services.project_save(actor=hub_admin, project=Project.objects.get(pk=project.pk))
    assert Notification.objects.filter(user=person).count() == 3


def test_an_unpublished_project_tells_nobody(programme, hub_admin):
    project = make_project(programme, **current_period())
    person = UserFactory()
    notifications.follow(user=person, obj=programme)
    _save(project.pk, hub_admin, status="stopped", is_published=False)
    assert not Notification.objects.exists()


def _followers(obj, n):
    content_type = ContentType.objects.get_for_model(obj)
    Follow.objects.bulk_create(
        Follow(user=person, content_type=content_type, object_id=obj.pk)
        for person in UserFactory.create_batch(n)
    )


def test_a_status_change_costs_the_same_queries_for_5_or_50_followers(programme, hub_admin):
    few = make_project(programme, title="Få", **current_period())
    many = make_project(programme, title="Mange", **current_period())
    _followers(few, 5)
    _followers(many, 50)
    small_project, large_project = Project.objects.get(pk=few.pk), Project.objects.get(pk=many.pk)
    small_project.status = large_project.status = "stopped"
    with CaptureQueriesContext(connection) as small:
        services.project_save(actor=hub_admin, project=small_project)
    with CaptureQueriesContext(connection) as large:
        services.project_save(actor=hub_admin, project=large_project)
    assert Notification.objects.count() == 55
    assert len(large.captured_queries) == len(small.captured_queries)


def test_dates_alone_never_notify(programme, hub_admin):
    project = make_project(programme, **current_period())
    person = UserFactory()
    notifications.follow(user=person, obj=project)
    _save(project.pk, hub_admin, ends_on=datetime.date.today() - datetime.timedelta(days=1))
    assert not Notification.objects.exists()


def test_a_deleted_project_is_followed_by_nobody(programme, hub_admin):
    project = make_project(programme, **current_period())
    notifications.follow(user=UserFactory(), obj=project)
    services.project_delete(actor=hub_admin, project=project)
    assert not Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(Project)
    ).exists()


def test_project_and_programme_pages_have_a_follow_button(client, programme):
    project = make_project(programme, **current_period())
    person = UserFactory()
    notifications.follow(user=person, obj=project)
    with translation.override("en"):
        project_url, programme_url = project.get_absolute_url(), programme.get_absolute_url()
    html = client.get(project_url).content.decode()
    assert "Log in to follow" in html
    client.force_login(person)
    html = client.get(project_url).content.decode()
    assert 'name="target" value="projects.project"' in html and "follow__button--on" in html
    html = client.get(programme_url).content.decode()
    assert 'name="target" value="projects.programme"' in html
    assert "follow__button--on" not in html
