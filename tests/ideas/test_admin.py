"""The ideas admin: moving ideas through their statuses, hiding them, the queue of reported
comments, the "Projects" menu they join, and bounded queries on the index pages."""

import datetime

import pytest

from samspill.ideas import services
from samspill.ideas.models import CommentStatus, Idea, IdeaStatus
from samspill.projects.models import EventInput
from tests.core.factories import OrganisationFactory, UserFactory
from tests.events.factories import EventFactory
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme, make_project
from tests.projects.test_admin import assert_refused, editor_of, login

pytestmark = pytest.mark.django_db


# --- Ideas ----------------------------------------------------------------------------------------


def idea_url(idea):
    return f"/admin/ideas/edit/{idea.pk}/"


def test_a_secretariat_editor_moves_an_idea_through_its_statuses(client, organisation):
    programme = make_programme(secretariat=organisation)
    idea = make_idea(programme)
    editor = editor_of(organisation)
    login(client, editor)
    assert "Fremtidens musikskoler" in client.get("/admin/ideas/").content.decode()
    assert client.get(idea_url(idea)).status_code == 200

    # Declining needs a public reason: the error is shown on the form.
    response = client.post(idea_url(idea), {"status": "declined", "reason": ""})
    assert response.status_code == 200
    assert "Give the public reason for declining." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PROPOSED

    response = client.post(idea_url(idea), {"status": "declined", "reason": "Ikke nå."})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.status_reason) == (IdeaStatus.DECLINED, "Ikke nå.")

    response = client.post(idea_url(idea), {"status": "under_review", "reason": ""})
    assert response.status_code == 302
    project = make_project(programme, title="Musikskolen")
    foreign = make_project(make_programme(slug="annet", name="Annet"), title="Fremmed")
    # Without the project, or with one outside the programme, nothing changes.
    response = client.post(idea_url(idea), {"status": "project", "reason": ""})
    assert "Choose the project the idea became." in response.content.decode()
    response = client.post(idea_url(idea), {"status": "project", "project": foreign.pk})
    assert response.status_code == 200
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW

    response = client.post(
        idea_url(idea),
        {"status": "project", "reason": "Blev til et projekt.", "project": project.pk},
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.project) == (IdeaStatus.PROJECT, project)
    assert [c.to_status for c in idea.history.all()] == ["declined", "under_review", "project"]
    page = client.get(idea_url(idea)).content.decode()
    assert "Musikskolen" in page


def test_an_editor_hides_and_shows_an_idea(client, organisation):
    programme = make_programme(secretariat=organisation)
    idea = make_idea(programme)
    login(client, editor_of(organisation))
    assert client.post(f"/admin/ideas/hide/{idea.pk}/", {"hidden": "1"}).status_code == 302
    idea.refresh_from_db()
    assert idea.is_hidden
    client.post(f"/admin/ideas/hide/{idea.pk}/", {"hidden": "0"})
    idea.refresh_from_db()
    assert not idea.is_hidden


def test_editors_of_other_organisations_do_not_moderate_the_programme(client, org_editor):
    programme = make_programme()  # another organisation's secretariat
    idea = make_idea(programme)
    login(client, org_editor)
    assert_refused(client.get(idea_url(idea)))
    assert_refused(client.post(idea_url(idea), {"status": "accepted"}))
    assert_refused(client.post(f"/admin/ideas/hide/{idea.pk}/", {"hidden": "1"}))
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PROPOSED and not idea.is_hidden


def test_the_idea_index_sorts_by_support_and_filters_by_status(client, hub_admin):
    programme = make_programme()
    quiet = make_idea(programme, title="Stille idé")
    loud = make_idea(programme, title="Populær idé")
    for _ in range(3):
        services.idea_support(user=UserFactory(), idea=loud)
    services.idea_set_status(actor=hub_admin, idea=quiet, status="under_review")
    login(client, hub_admin)
    html = client.get("/admin/ideas/?ordering=-support_count").content.decode()
    assert html.index("Populær idé") < html.index("Stille idé")
    html = client.get("/admin/ideas/?status=under_review").content.decode()
    assert "Stille idé" in html and "Populær idé" not in html


# --- Reported comments ----------------------------------------------------------------------------


def reported_comment(idea, body="Dumt innlegg", reasons=("Spam", "Uhøflig")):
    comment = services.comment_add(user=UserFactory(), idea=idea, body=body)
    for reason in reasons:
        services.comment_report(user=UserFactory(), comment=comment, reason=reason)
    return comment


def test_the_reports_queue_hides_a_comment_and_resolves_its_reports(client, organisation):
    programme = make_programme(secretariat=organisation)
    idea = make_idea(programme)
    bad = reported_comment(idea)
    fine = reported_comment(idea, body="Helt greit", reasons=("Uenig",))
    elsewhere = reported_comment(
        make_idea(make_programme(slug="annet", name="Annet")), "Annet sted"
    )
    editor = editor_of(organisation)
    login(client, editor)
    html = client.get("/admin/comment-reports/").content.decode()
    assert "Dumt innlegg" in html and "Spam" in html and "Uhøflig" in html
    assert "Helt greit" in html
    assert "Annet sted" not in html

    response = client.post(
        f"/admin/comment-reports/moderate/{bad.pk}/",
        {"action": "hide", "note": "Spam", "next": "/admin/comment-reports/"},
    )
    assert response.status_code == 302
    bad.refresh_from_db()
    assert bad.status == CommentStatus.HIDDEN
    assert bad.moderation_note == "Spam"
    assert bad.moderated_by == editor
    assert not bad.reports.filter(resolved_at__isnull=True).exists()

    client.post(f"/admin/comment-reports/moderate/{fine.pk}/", {"action": "keep"})
    fine.refresh_from_db()
    assert fine.status == CommentStatus.VISIBLE
    assert not fine.reports.filter(resolved_at__isnull=True).exists()

    html = client.get("/admin/comment-reports/").content.decode()
    assert "Dumt innlegg" not in html and "Helt greit" not in html
    assert_refused(
        client.post(f"/admin/comment-reports/moderate/{elsewhere.pk}/", {"action": "hide"})
    )
    elsewhere.refresh_from_db()
    assert elsewhere.status == CommentStatus.VISIBLE


def test_any_comment_is_hidden_from_the_idea_screen(client, organisation):
    programme = make_programme(secretariat=organisation)
    idea = make_idea(programme)
    comment = services.comment_add(user=UserFactory(), idea=idea, body="Ikke rapportert")
    login(client, editor_of(organisation))
    assert "Ikke rapportert" in client.get(idea_url(idea)).content.decode()
    response = client.post(
        f"/admin/comment-reports/moderate/{comment.pk}/",
        {"action": "hide", "note": "", "next": idea_url(idea)},
    )
    assert response["Location"] == idea_url(idea)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN


# --- Bounded queries and the menu -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["hub_admin", "secretariat"])
def test_index_pages_run_a_bounded_number_of_queries(client, organisation, queries, request, who):
    person = editor_of(organisation) if who == "secretariat" else request.getfixturevalue(who)
    programme = make_programme(secretariat=organisation)
    make_project(programme, title="Prosjekt 0", lead=organisation)
    idea = make_idea(programme, title="Idé 0")
    reported_comment(idea, body="Rapport 0")
    EventInput.objects.create(programme=programme, event=EventFactory(kind="workshop"))
    login(client, person)
    pages = [
        "/admin/event-input/",
        "/admin/programmes/",
        "/admin/projects/",
        "/admin/ideas/",
        "/admin/ideas/?ordering=-support_count",
        "/admin/comment-reports/",
        idea_url(idea),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    few = {url: queries.count(lambda url=url: client.get(url)) for url in pages}
    themes = list(programme.themes.all())
    for i in range(1, 7):
        lead = OrganisationFactory(country="DK", municipality=None)
        make_project(
            programme,
            title=f"Prosjekt {i}",
            lead=lead,
            themes=themes[: 1 + i % 3],
            partners=[organisation],
            starts_on=datetime.date(2018 + i % 3, 1, 1),
            ends_on=None,
        )
        more = make_idea(programme, title=f"Idé {i}", themes=themes[:2])
        services.idea_support(user=UserFactory(), idea=more)
        reported_comment(more, body=f"Rapport {i}")
        services.comment_add(user=UserFactory(), idea=idea, body=f"Kommentar {i}")
        EventInput.objects.create(
            programme=programme, event=EventFactory(kind="network_meeting"), note=f"Innspill {i}"
        )
    for url in pages:
        assert client.get(url).status_code == 200, url
    html = client.get("/admin/projects/").content.decode()
    assert html.count("Prosjekt ") >= 7
    many = {url: queries.count(lambda url=url: client.get(url)) for url in pages}
    assert many == few


def test_ideas_are_not_added_or_deleted_in_the_admin(client, hub_admin):
    idea = make_idea(make_programme())
    login(client, hub_admin)
    assert_refused(client.get("/admin/ideas/new/"))
    assert_refused(client.post(f"/admin/ideas/delete/{idea.pk}/"))
    assert Idea.objects.filter(pk=idea.pk).exists()


def test_the_menu_shows_each_editor_the_screens_they_may_use(client, org_editor, organisation):
    login(client, org_editor)
    menu = client.get("/admin/").content.decode()
    assert "/admin/projects/" in menu
    assert "/admin/ideas/" not in menu and "/admin/comment-reports/" not in menu
    make_programme(secretariat=organisation)
    menu = client.get("/admin/").content.decode()
    for url in ("/admin/programmes/", "/admin/ideas/", "/admin/comment-reports/"):
        assert url in menu
