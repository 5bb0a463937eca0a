"""Ideas on core's notification engine (issue 19): the followers moved from `IdeaFollower` to core's
`Follow`, proposing and supporting follow automatically, status changes and replies notify each
person once (never the one who acted, never for a hidden idea), an idea that became a project
hands its followers to the project, and the cost does not grow with the followers."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from samspill.core import notifications, registry
from samspill.core.errors import InvalidInput
from samspill.core.models import Follow, Notification
from samspill.ideas import services
from samspill.ideas.models import Idea
from samspill.projects.models import Project
from tests.core.factories import UserFactory
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def programme():
    return make_programme()


def test_ideas_are_a_follow_target_with_their_kinds():
    target = registry.follow_target("ideas.idea")
    assert target is not None and target.model is Idea
    assert registry.notification_kind("ideas.status").default == "immediate"
    assert registry.notification_kind("ideas.reply").default == "daily"


def test_proposing_and_supporting_follow_automatically(programme):
    author, supporter, reader = UserFactory(), UserFactory(), UserFactory()
    idea = make_idea(programme, author)
    services.idea_support(user=supporter, idea=idea)
    services.idea_follow(user=reader, idea=idea)
    autos = dict(
        Follow.objects.filter(
            content_type=ContentType.objects.get_for_model(Idea), object_id=idea.pk
        ).values_list("user_id", "auto")
    )
    assert autos == {author.pk: True, supporter.pk: True, reader.pk: False}
    assert notifications.following_ids(reader, Idea) == {idea.pk}
    services.idea_follow(user=reader, idea=idea, follow=False)
    assert not notifications.is_following(reader, idea)
    # The personal data export keeps its key.
    assert services.personal_data_export(user=supporter)["following"] == [idea.title]


def test_a_status_change_tells_each_follower_once_but_not_the_editor(
    programme, hub_admin, django_capture_on_commit_callbacks
):
    author = UserFactory(email="author@example.org", preferred_language="en")
    supporter = UserFactory(email="supporter@example.org", preferred_language="en")
    idea = make_idea(programme, author)
    services.idea_support(user=supporter, idea=idea)
    services.idea_follow(user=supporter, idea=idea)  # twice: still one follow
    services.idea_follow(user=hub_admin, idea=idea)  # the editor follows it too
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(actor=hub_admin, idea=idea, status="under_review")
    told = Notification.objects.filter(kind="ideas.status")
    assert sorted(told.values_list("user__email", flat=True)) == [
        "author@example.org",
        "supporter@example.org",
    ]
    assert all("Under review" in n.title and n.url.endswith(f"/{idea.pk}/") for n in told)
    # At once by default: one email each, none to the editor.
    assert sorted(m.to[0] for m in mail.outbox) == ["author@example.org", "supporter@example.org"]


def test_a_person_who_chose_daily_gets_no_email_at_once(
    programme, hub_admin, django_capture_on_commit_callbacks
):
    author = UserFactory(email="author@example.org")
    notifications.set_delivery(user=author, kind="ideas.status", delivery="daily")
    idea = make_idea(programme, author)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(actor=hub_admin, idea=idea, status="under_review")
    assert Notification.objects.get(user=author).delivery == "daily"
    assert mail.outbox == []


def test_a_hidden_idea_never_notifies(programme, hub_admin, django_capture_on_commit_callbacks):
    author = UserFactory()
    idea = make_idea(programme, author)
    services.comment_add(user=UserFactory(), idea=idea, body="Godt tænkt.")
    Notification.objects.all().delete()
    services.idea_hide(actor=hub_admin, idea=idea)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(actor=hub_admin, idea=idea, status="under_review")
    assert not Notification.objects.exists() and mail.outbox == []
    # Nor can anyone start following it.
    with pytest.raises(InvalidInput):
        notifications.follow(user=UserFactory(), obj=Idea.objects.get(pk=idea.pk))


def test_a_comment_tells_the_author_and_earlier_commenters_in_their_digest(
    programme, django_capture_on_commit_callbacks
):
    author, first, second = UserFactory(), UserFactory(), UserFactory()
    idea = make_idea(programme, author)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(user=first, idea=idea, body="Første.")
        services.comment_add(user=second, idea=idea, body="Anden kommentar.")
        services.comment_add(user=first, idea=idea, body="Tredje.")
    replies = Notification.objects.filter(kind="ideas.reply").order_by("pk")
    by_person = {}
    for n in replies:
        by_person.setdefault(n.user_id, []).append(n.text)
    assert by_person == {
        author.pk: ["Første.", "Anden kommentar.", "Tredje."],
        first.pk: ["Anden kommentar."],
        second.pk: ["Tredje."],
    }
    assert all(n.delivery == "daily" and "#comment-" in n.url for n in replies)
    assert mail.outbox == []


def test_an_idea_that_became_a_project_hands_over_its_followers(
    programme, hub_admin, django_capture_on_commit_callbacks
):
    author, supporter = UserFactory.create_batch(2, preferred_language="en")
    idea = make_idea(programme, author)
    services.idea_support(user=supporter, idea=idea)
    project = make_project(programme, title="Pilot")
    notifications.follow(user=supporter, obj=project)  # already follows: stays as it was
    services.idea_set_status(actor=hub_admin, idea=idea, status="under_review")
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(actor=hub_admin, idea=idea, status="project", project=project)
    follows = dict(
        Follow.objects.filter(
            content_type=ContentType.objects.get_for_model(Project), object_id=project.pk
        ).values_list("user_id", "auto")
    )
    assert follows == {author.pk: True, supporter.pk: False}
    told = Notification.objects.filter(kind="ideas.status")
    assert sorted(told.values_list("user_id", flat=True)) == sorted([author.pk, supporter.pk])
    assert all("Pilot" in n.text and project.get_absolute_url() in n.text for n in told)


def _followers(idea, n):
    people = UserFactory.create_batch(n)
    content_type = ContentType.objects.get_for_model(Idea)
    Follow.objects.bulk_create(
        Follow(user=person, content_type=content_type, object_id=idea.pk) for person in people
    )


def test_a_status_change_costs_the_same_queries_for_5_or_50_followers(programme, hub_admin):
    few, many = make_idea(programme, title="Få"), make_idea(programme, title="Mange")
    _followers(few, 5)
    _followers(many, 50)
    with CaptureQueriesContext(connection) as small:
        services.idea_set_status(actor=hub_admin, idea=few, status="under_review")
    with CaptureQueriesContext(connection) as large:
        services.idea_set_status(actor=hub_admin, idea=many, status="under_review")
    assert Notification.objects.filter(kind="ideas.status").count() == 6 + 51
    assert len(large.captured_queries) == len(small.captured_queries)


def test_a_comment_costs_the_same_queries_for_5_or_50_commenters(programme):
    few, many = make_idea(programme, title="Få"), make_idea(programme, title="Mange")
    for idea, n in ((few, 5), (many, 50)):
        for person in UserFactory.create_batch(n):
            services.comment_add(user=person, idea=idea, body="Enig.")
    with CaptureQueriesContext(connection) as small:
        services.comment_add(user=UserFactory(), idea=few, body="Også enig.")
    with CaptureQueriesContext(connection) as large:
        services.comment_add(user=UserFactory(), idea=many, body="Også enig.")
    assert len(large.captured_queries) == len(small.captured_queries)


# --- The move from IdeaFollower -------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_the_followers_to_core():
    """Back to 0002 (IdeaFollower), followers as they were, forward again: core Follows, `auto`
    for the author and the supporters, with the date they began."""
    import datetime

    from django.db.migrations.executor import MigrationExecutor

    latest = ("ideas", "0004_retire_ideafollower")
    executor = MigrationExecutor(connection)
    executor.migrate([("ideas", "0002_ideas_tables")])
    try:
        old = executor.loader.project_state([("ideas", "0002_ideas_tables")]).apps
        User = old.get_model("core", "User")
        programme = make_programme()
        author = User.objects.create(email="a@example.org")
        supporter = User.objects.create(email="s@example.org")
        reader = User.objects.create(email="r@example.org")
        idea = old.get_model("ideas", "Idea").objects.create(
            programme_id=programme.pk, title="Idé", description="…", author_id=author.pk
        )
        old.get_model("ideas", "IdeaSupport").objects.create(idea=idea, user_id=supporter.pk)
        began = datetime.datetime(2020, 1, 2, 3, 4, tzinfo=datetime.UTC)
        IdeaFollower = old.get_model("ideas", "IdeaFollower")
        for person in (author, supporter, reader):
            IdeaFollower.objects.create(idea=idea, user_id=person.pk, created_at=began)
        executor = MigrationExecutor(connection)
        executor.migrate([latest])
    finally:
        MigrationExecutor(connection).migrate([latest])
    rows = {
        f.user_id: (f.auto, f.created_at)
        for f in Follow.objects.filter(content_type=ContentType.objects.get_for_model(Idea))
    }
    assert rows == {
        author.pk: (True, began),
        supporter.pk: (True, began),
        reader.pk: (False, began),
    }
