"""News in the admin: editors write news of their own organisations only, the organisation's
admins review and publish (nobody their own), and the first publication tells the followers once."""

import pytest
from wagtail.models import TaskState

from samspill.news import services
from samspill.news.models import NewsPage
from tests.core.factories import MembershipFactory, OrganisationFactory
from tests.knowledge.factories import committed
from tests.news import factories

pytestmark = pytest.mark.django_db

WAGTAIL_READS = [
    {"model": "news.*", "field": "get()"},
    {"model": "knowledge.*", "field": "get()"},
    {"model": "wagtailcore.Revision", "field": "get()"},
]


@pytest.fixture
def index(home_page):
    return factories.index_page(home_page)


@pytest.fixture
def wagtail_reads(settings):
    settings.ZEAL_ALLOWLIST = [*settings.ZEAL_ALLOWLIST, *WAGTAIL_READS]


@pytest.fixture
def notified(monkeypatch):
    calls = []
    monkeypatch.setattr(
        services, "_notify_followers", lambda page, actor: calls.append(page.pk) or 1
    )
    return calls


def test_the_create_form_offers_only_the_editors_organisations(
    client, index, org_editor, organisation, wagtail_reads
):
    OrganisationFactory(name="Noen andre")
    client.force_login(org_editor)
    response = client.get(f"/admin/pages/add/news/newspage/{index.pk}/")
    assert response.status_code == 200
    field = response.context["form"].fields["organisation"]
    assert list(field.queryset) == [organisation]


def test_an_editor_cannot_edit_another_organisations_news(client, index, org_editor, wagtail_reads):
    theirs = factories.news_page(index, OrganisationFactory(), "Andres nyhet")
    client.force_login(org_editor)
    response = client.get(f"/admin/pages/{theirs.pk}/edit/")
    assert response.status_code in (302, 403, 404)


def test_an_editor_opens_their_own_news(client, index, org_editor, organisation, wagtail_reads):
    mine = factories.news_page(index, organisation, "Min nyhet")
    client.force_login(org_editor)
    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200


def test_news_index_belongs_to_the_hub(client, index, org_editor, wagtail_reads):
    client.force_login(org_editor)
    assert client.get(f"/admin/pages/{index.pk}/edit/").status_code in (302, 403, 404)


def test_review_workflow_the_author_cannot_approve_an_admin_of_the_owner_can(
    client, index, organisation, org_editor, org_admin, wagtail_reads, notified
):
    page = factories.news_page(index, organisation, "Til godkjenning", live=False, user=org_editor)
    workflow = page.get_workflow()
    assert workflow is not None
    workflow.start(page, org_editor)
    page = NewsPage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state.specific
    task = task_state.task.specific
    assert task.get_actions(page, org_editor) == []
    stranger = MembershipFactory(organisation=OrganisationFactory(), role="admin").user
    assert task.get_actions(page, stranger) == []
    assert [name for name, _l, _m in task.get_actions(page, org_admin)][:2] == ["reject", "approve"]
    client.force_login(org_admin)
    with committed():
        response = client.post(f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/")
    assert response.status_code == 302
    page = NewsPage.objects.get(pk=page.pk)
    assert page.live
    assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
    assert notified == [page.pk]


def test_followers_are_told_once_at_the_first_publication(index, organisation, notified):
    page = factories.news_page(index, organisation)
    assert notified == [page.pk] and page.notified_at is not None
    factories.publish(page)
    assert notified == [page.pk]


def test_followers_of_its_topics_owner_and_category_are_notified_once(
    index, organisation, home_page, org_editor
):
    from samspill.core.models import Notification
    from tests.core.factories import UserFactory
    from tests.knowledge import factories as knowledge

    topic = knowledge.topic_page(knowledge.index_page(home_page), "Turné")
    by_topic, by_owner, by_category, _nobody = (UserFactory() for _ in range(4))
    for user, obj in (
        (by_topic, topic),
        (by_owner, organisation),
        (by_category, factories.category("call")),
    ):
        _follow(user, obj)
    page = factories.news_page(index, organisation, topics=[topic], user=org_editor)
    told = Notification.objects.filter(kind="news.published")
    assert set(told.values_list("user_id", flat=True)) == {by_topic.pk, by_owner.pk, by_category.pk}
    note = told.get(user=by_topic)
    assert note.title == f"{organisation.name}: {page.title}"
    assert note.url == page.url
    assert note.object_id == page.pk
    factories.publish(page)
    assert told.count() == 3


def _follow(user, obj):
    """Follow through the engine where the object is a registered target; else a plain row (the
    topics become a target with the knowledge bank's part of issue 19)."""
    from django.contrib.contenttypes.models import ContentType

    from samspill.core import notifications, registry
    from samspill.core.models import Follow as FollowModel

    if registry.follow_target_for(obj) is not None:
        notifications.follow(user=user, obj=obj)
        return
    FollowModel.objects.create(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def test_the_form_links_only_to_what_anyone_may_see(client, index, org_editor, wagtail_reads):
    from tests.events.factories import make_event

    shown = make_event(title="Åpent verksted", is_published=True)
    hidden = make_event(title="Hemmelig verksted", is_published=False)
    client.force_login(org_editor)
    response = client.get(f"/admin/pages/add/news/newspage/{index.pk}/")
    events = response.context["form"].fields["events"].queryset
    assert shown in events and hidden not in events
    assert "Hemmelig verksted" not in response.content.decode()
