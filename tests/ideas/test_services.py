"""Ideas' services: proposing, supporting, following, statuses, comments, personal data."""

import pytest
from django.core import mail
from django.utils import translation
from wagtail.models import ModelLogEntry

from samspill.core import notifications
from samspill.core.errors import Conflict, InvalidInput, NotPermitted
from samspill.ideas import services
from samspill.ideas.models import CommentStatus, Idea, IdeaStatus, IdeaSupport
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


def test_support_once_per_person_and_count_kept(programme, user):
    idea = make_idea(programme)
    assert services.idea_support(user=user, idea=idea) is True
    assert services.idea_support(user=user, idea=idea) is False
    other = UserFactory()
    assert services.idea_support(user=other, idea=idea) is True
    idea.refresh_from_db()
    assert idea.support_count == 2 == IdeaSupport.objects.filter(idea=idea).count()
    assert notifications.is_following(user, idea)
    assert services.idea_unsupport(user=user, idea=idea) is True
    assert services.idea_unsupport(user=user, idea=idea) is False
    idea.refresh_from_db()
    assert idea.support_count == 1 == IdeaSupport.objects.filter(idea=idea).count()


def test_declined_idea_cannot_be_supported(programme, hub_admin, user):
    idea = make_idea(programme)
    services.idea_set_status(actor=hub_admin, idea=idea, status="declined", reason="Uden budget.")
    with pytest.raises(Conflict):
        services.idea_support(user=user, idea=idea)


def test_status_moves_keep_history_and_tell_followers(
    programme, hub_admin, django_capture_on_commit_callbacks
):
    author = UserFactory(email="author@example.org", preferred_language="da")
    supporter = UserFactory(email="supporter@example.org", preferred_language="en")
    idea = make_idea(programme, author)
    services.idea_support(user=supporter, idea=idea)
    with pytest.raises(InvalidInput) as error:
        services.idea_set_status(actor=hub_admin, idea=idea, status="declined")
    assert error.value.field == "reason"
    with pytest.raises(NotPermitted):
        services.idea_set_status(actor=supporter, idea=idea, status="under_review")
    project = make_project(programme, title="Fremtidens musikskoler – pilot")
    with pytest.raises(Conflict):  # proposed → project skips the review
        services.idea_set_status(actor=hub_admin, idea=idea, status="project", project=project)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(actor=hub_admin, idea=idea, status="under_review")
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(
            actor=hub_admin, idea=idea, status="project", project=project, reason="Se projektet."
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PROJECT and idea.project == project
    assert [(h.from_status, h.to_status) for h in idea.history.all()] == [
        ("proposed", "under_review"),
        ("under_review", "project"),
    ]
    assert idea.support_count == 1  # the supporters stay with the idea
    with pytest.raises(Conflict):  # a project is final
        services.idea_set_status(actor=hub_admin, idea=idea, status="under_review")
    by_recipient = {}
    for message in mail.outbox:
        by_recipient.setdefault(message.to[0], []).append(message)
    assert sorted(by_recipient) == ["author@example.org", "supporter@example.org"]
    danish = by_recipient["author@example.org"][-1]
    assert "Fremtidens musikskoler – pilot" in danish.body
    assert "/da/prosjekter/fremtidens-musikskoler-pilot/" in danish.body  # in her language
    assert "Hej" in danish.body
    english = by_recipient["supporter@example.org"][0]
    assert "Under review" in english.subject


def test_comment_report_and_moderation(programme, hub_admin, user):
    idea = make_idea(programme)
    comment = services.comment_add(user=user, idea=idea, body="  God idé!  ")
    assert comment.body == "God idé!"
    with pytest.raises(InvalidInput):
        services.comment_add(user=user, idea=idea, body="   ")
    reporter = UserFactory()
    assert services.comment_report(user=reporter, comment=comment, reason="Spam") is True
    assert services.comment_report(user=reporter, comment=comment) is False
    with pytest.raises(NotPermitted):
        services.comment_moderate(actor=reporter, comment=comment, hide=True)
    services.comment_moderate(actor=hub_admin, comment=comment, hide=True, note="Reklame")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.reports.filter(resolved_at__isnull=True).count() == 0


def test_secretariat_editors_moderate(programme, user):
    from samspill.core.models import Membership, Role
    from samspill.core.permissions import forget_roles

    idea = make_idea(programme)
    with pytest.raises(NotPermitted):
        services.idea_set_status(actor=user, idea=idea, status="under_review")
    Membership.objects.create(user=user, organisation=programme.secretariat, role=Role.EDITOR)
    forget_roles()
    services.idea_set_status(actor=user, idea=idea, status="under_review")
    assert Idea.objects.get(pk=idea.pk).status == "under_review"


def test_personal_data_export_and_erase(programme, user):
    from samspill.core import registry

    idea = make_idea(programme, user, title="Fra rugekasse til flyvefærdig")
    other_idea = make_idea(programme, title="Kompetenceforløb")
    services.idea_support(user=user, idea=other_idea)
    services.comment_add(user=user, idea=other_idea, body="Jeg er med.")
    source = {s.name: s for s in registry.personal_data_sources()}["projects"]
    exported = source.export(user=user)
    assert exported["ideas"][0]["title"] == "Fra rugekasse til flyvefærdig"
    assert exported["supported"][0]["idea"] == "Kompetenceforløb"
    assert exported["comments"][0]["comment"] == "Jeg er med."
    source.erase(user=user)
    other_idea.refresh_from_db()
    assert other_idea.support_count == 0 and other_idea.comments.count() == 0
    entry = ModelLogEntry.objects.get(action="ideas.personal_data.erased")
    assert entry.object_id == str(other_idea.pk)
    assert entry.data == {"support_withdrawn": True, "comments_deleted": 1}
    user.delete()
    idea.refresh_from_db()
    assert idea.author is None
