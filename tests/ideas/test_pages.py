"""The idea pages: the list, proposing and changing an idea, an idea's page with its support,
following and comments, and reporting a comment."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from samspill.core import notifications, versions
from samspill.ideas import services
from samspill.ideas.models import CommentReport, Idea, IdeaComment, IdeaSupport
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.events.factories import make_event
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme, make_project

pytestmark = pytest.mark.django_db

LIST = "/ideer/"
NEW = "/ideer/ny/"


@pytest.fixture(autouse=True)
def _site(home_page):
    """Every page needs the Wagtail site; each test starts (and ends) in the default language."""
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


@pytest.fixture
def programme(db):
    return make_programme()


def en(path: str) -> str:
    """The English page at `path` (which may already carry the prefix)."""
    return "/en" + path.removeprefix("/en")


def text(response) -> str:
    return response.content.decode()


def support_url(idea) -> str:
    return reverse("ideas:idea-support", args=[idea.pk])


def listed(**fields):
    return UserFactory(is_listed=True, **fields)


# --- URLs ----------------------------------------------------------------------------------------


def test_the_paths_are_norwegian():
    assert reverse("ideas:idea-list") == LIST
    assert reverse("ideas:idea-new") == NEW
    assert reverse("ideas:idea", args=[3]) == "/ideer/3/"
    assert reverse("ideas:idea-edit", args=[3]) == "/ideer/3/endre/"
    assert reverse("ideas:idea-support", args=[3]) == "/ideer/3/stott/"
    assert reverse("ideas:idea-follow", args=[3]) == "/ideer/3/folg/"
    assert reverse("ideas:idea-comment", args=[3]) == "/ideer/3/kommenter/"
    assert reverse("ideas:comment-report", args=[3]) == "/ideer/kommentarer/3/rapporter/"
    assert reverse("ideas:comment-delete", args=[3]) == "/ideer/kommentarer/3/slett/"


# --- The list ------------------------------------------------------------------------------------


def test_list_shows_visible_ideas_with_status_themes_places_and_counts(client, programme):
    talent = programme.themes.get(slug="talent")
    albertslund = programme.municipalities.get(code="165")
    idea = make_idea(programme, title="Musikskoler i alle kommuner", themes=[talent])
    idea.municipalities.set([albertslund])
    services.idea_support(user=UserFactory(), idea=idea)
    services.comment_add(user=UserFactory(), idea=idea, body="God idé")
    hidden_comment = services.comment_add(user=UserFactory(), idea=idea, body="Spam")
    services.comment_moderate(
        actor=UserFactory(is_superuser=True), comment=hidden_comment, hide=True
    )
    hidden = make_idea(programme, title="Skjult idé")
    hidden.is_hidden = True
    hidden.save()
    other = make_programme(slug="upublisert", name="Upublisert", is_published=False)
    make_idea(other, title="Idé i upublisert program")

    with translation.override("en"):
        html = text(client.get(en(LIST)))
    assert "Musikskoler i alle kommuner" in html
    assert "Skjult idé" not in html and "Idé i upublisert program" not in html
    assert "Talent and careers" in html and "Albertslund" in html
    assert "1 supporter" in html and "1 comment" in html  # the hidden comment is not counted
    assert "Proposed" in html  # the status in text
    assert reverse("ideas:idea-new") in html


def test_list_sorts_by_support_by_default_then_newest_or_most_commented(client, programme):
    quiet = make_idea(programme, title="Stille idé")
    popular = make_idea(programme, title="Populær idé")
    talked = make_idea(programme, title="Omtalt idé")
    for _ in range(2):
        services.idea_support(user=UserFactory(), idea=popular)
    for n in range(3):
        services.comment_add(user=UserFactory(), idea=talked, body=f"Kommentar {n}")

    def order(query=""):
        html = text(client.get(LIST + query))
        titles = [quiet.title, popular.title, talked.title]
        return sorted(titles, key=html.index)

    assert order()[0] == popular.title
    assert order("?sort=new") == [talked.title, popular.title, quiet.title]
    assert order("?sort=comments")[0] == talked.title


def test_list_filters_by_theme_status_municipality_and_programme(client, programme):
    talent, venues = programme.themes.get(slug="talent"), programme.themes.get(slug="venues")
    roskilde = programme.municipalities.get(code="265")
    a = make_idea(programme, title="Idé A", themes=[talent])
    b = make_idea(programme, title="Idé B", themes=[venues])
    b.municipalities.set([roskilde])
    services.idea_set_status(actor=UserFactory(is_superuser=True), idea=b, status="under_review")
    second = make_programme(slug="andre", name="Andre program")
    c = make_idea(second, title="Idé C")

    def titles(query):
        html = text(client.get(LIST + query))
        return {idea.title for idea in (a, b, c) if idea.title in html}

    assert titles("?theme=talent") == {"Idé A"}
    assert titles("?status=under_review") == {"Idé B"}
    assert titles("?municipality=dk-265") == {"Idé B"}
    assert titles("?programme=andre") == {"Idé C"}
    assert titles("?theme=nope") == {"Idé A", "Idé B", "Idé C"}  # a bad value drops its filter
    assert "Ingen idéer passer til disse filtrene." in text(client.get(LIST + "?status=declined"))


def test_list_answers_htmx_with_only_the_results(client, programme):
    make_idea(programme, title="Htmx-idé")
    response = client.get(LIST, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="idea-results")
    html = text(response)
    assert 'id="idea-results"' in html and "Htmx-idé" in html
    assert "<html" not in html


def test_list_is_paginated_by_24(client, programme):
    for n in range(25):
        make_idea(programme, title=f"Idé nummer {n:02d}")
    first, second = text(client.get(LIST)), text(client.get(LIST + "?page=2"))
    assert first.count('class="card idea-card"') == 24
    assert second.count('class="card idea-card"') == 1


def test_list_marks_the_ideas_the_signed_in_person_supports(client, programme, user):
    supported = make_idea(programme, title="Støttet")
    make_idea(programme, title="Ikke støttet")
    services.idea_support(user=user, idea=supported)
    client.force_login(user)
    with translation.override("en"):
        html = text(client.get(en(LIST)))
    assert html.count("You support it") == 1


def test_a_kept_card_carries_no_one_elses_support(client, programme, user):
    """The cards are kept rendered for everyone; "You support it" is the viewer's own."""
    supported = make_idea(programme, title="Støttet")
    services.idea_support(user=user, idea=supported)
    other = UserFactory()
    with translation.override("en"):
        client.force_login(user)
        assert text(client.get(en(LIST))).count("You support it") == 1
        client.force_login(other)
        assert text(client.get(en(LIST))).count("You support it") == 0
        client.logout()
        assert "You support it" not in text(client.get(en(LIST)))
        client.force_login(user)
        assert text(client.get(en(LIST))).count("You support it") == 1


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_query_count_does_not_grow_with_the_number_of_ideas(
    client, queries, programme, signed_in
):
    reader = UserFactory()
    themes = list(programme.themes.all())
    places = list(programme.municipalities.all())

    def add(n):
        for i in range(n):
            idea = make_idea(programme, title=f"Idé {i}", themes=themes)
            idea.municipalities.set(places)
            services.idea_support(user=reader, idea=idea)
            services.comment_add(user=reader, idea=idea, body="Ja!")

    if signed_in:
        client.force_login(reader)
    add(2)
    client.get(LIST)  # warm caches (site, settings, content types)
    # The cards are kept rendered until an idea changes: count both the page just after a write
    # (every card rendered, with its themes and municipalities) and the next one (cards kept).
    few_kept = queries.count(lambda: client.get(LIST))
    versions.bump("ideas")
    few_fresh = queries.count(lambda: client.get(LIST))
    add(20)
    many_fresh = queries.count(lambda: client.get(LIST))
    many_kept = queries.count(lambda: client.get(LIST))
    assert few_fresh == many_fresh
    assert few_kept == many_kept


# --- Proposing -----------------------------------------------------------------------------------


def test_proposing_needs_sign_in(client, programme):
    response = client.get(NEW)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client.post(NEW, {"title": "X", "description": "Y"}).status_code == 302
    assert not Idea.objects.exists()


def test_one_programme_is_implicit_and_the_form_offers_its_themes_and_municipalities(
    client, programme, user
):
    client.force_login(user)
    with translation.override("en"):
        html = text(client.get(en(NEW)))
    assert 'type="hidden" name="programme"' in html
    assert "Talent and careers" in html and "Roskilde" in html
    assert 'name="organisation"' not in html  # not a member of any organisation


def test_proposing_an_idea_redirects_to_it_with_a_message(client, programme, user):
    talent = programme.themes.get(slug="talent")
    ishoj = programme.municipalities.get(code="183")
    client.force_login(user)
    response = client.post(
        NEW,
        {
            "programme": programme.pk,
            "title": "  Øvingsrom i Ishøj ",
            "description": "Flere øvingsrom for unge band.",
            "themes": [talent.pk],
            "municipalities": [ishoj.pk],
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.title == "Øvingsrom i Ishøj" and idea.author == user
    assert list(idea.themes.all()) == [talent] and list(idea.municipalities.all()) == [ishoj]
    assert notifications.is_following(user, idea)
    page = client.get(response["Location"])
    assert len(list(page.context["messages"])) == 1


def test_proposing_on_behalf_of_an_organisation_of_ones_own(client, programme, user):
    mine = OrganisationFactory(name="Lydverket")
    MembershipFactory(organisation=mine, user=user, role="member")
    OrganisationFactory(name="Fremmed forening")
    client.force_login(user)
    html = text(client.get(NEW))
    assert "Lydverket" in html and "Fremmed forening" not in html
    client.post(
        NEW,
        {
            "programme": programme.pk,
            "title": "Felles booking",
            "description": "Vi deler på en booker.",
            "organisation": mine.pk,
        },
    )
    assert Idea.objects.get().organisation == mine


def test_errors_are_summarised_at_the_top_and_linked_to_their_fields(client, programme, user):
    client.force_login(user)
    with translation.override("en"):
        response = client.post(en(NEW), {"programme": programme.pk, "title": ""})
    html = text(response)
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    assert 'href="#id_title"' in html and 'href="#id_description"' in html
    assert "Give your idea a title." in html
    assert html.index("error-summary") < html.index('name="title"')
    assert not Idea.objects.exists()


def test_themes_of_another_programme_are_refused(client, programme, user):
    other = make_programme(slug="andre", name="Andre program")
    client.force_login(user)
    html = text(client.get(NEW))
    assert 'name="programme"' in html and "<select" in html  # two programmes: a choice
    response = client.post(
        NEW,
        {
            "programme": programme.pk,
            "title": "Blandet",
            "description": "Temaer fra to program.",
            "themes": [other.themes.first().pk],
        },
    )
    assert response.status_code == 200 and "error-summary" in text(response)
    assert not Idea.objects.exists()


def test_proposing_is_rate_limited(client, programme, user, settings):
    settings.SAMSPILL_RATE_LIMITS = "projects.propose=1/h"
    client.force_login(user)
    data = {"programme": programme.pk, "title": "En", "description": "Første."}
    assert client.post(NEW, data).status_code == 302
    assert client.post(NEW, {**data, "title": "To"}).status_code == 429
    assert Idea.objects.count() == 1


# --- Changing an idea ----------------------------------------------------------------------------


def test_the_author_edits_while_proposed_others_may_not(client, programme, user):
    idea = make_idea(programme, author=user, title="Første utkast")
    edit = reverse("ideas:idea-edit", args=[idea.pk])
    client.force_login(UserFactory())
    assert client.get(edit).status_code == 403
    assert edit not in text(client.get(idea.get_absolute_url()))

    client.force_login(user)
    assert edit in text(client.get(idea.get_absolute_url()))
    response = client.post(
        edit, {"programme": programme.pk, "title": "Andre utkast", "description": "Bedre nå."}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.title == "Andre utkast"

    services.idea_set_status(actor=UserFactory(is_superuser=True), idea=idea, status="under_review")
    assert client.get(edit).status_code == 403


def test_editors_of_the_secretariat_edit_at_any_status(client, programme):
    editor = MembershipFactory(organisation=programme.secretariat, role="editor").user
    idea = make_idea(programme)
    services.idea_set_status(actor=editor, idea=idea, status="under_review")
    client.force_login(editor)
    edit = reverse("ideas:idea-edit", args=[idea.pk])
    assert edit in text(client.get(idea.get_absolute_url()))
    assert client.get(edit).status_code == 200


def test_editing_needs_sign_in(client, programme):
    idea = make_idea(programme)
    response = client.get(reverse("ideas:idea-edit", args=[idea.pk]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


# --- An idea's page ------------------------------------------------------------------------------


def test_idea_page_tells_the_whole_story(client, programme):
    author = listed(name="Kari Nordmann")
    organisation = OrganisationFactory(name="Musikkontoret")
    MembershipFactory(organisation=organisation, user=author, role="member")
    workshop = make_event(title="Verksted om talent", kind="workshop")
    idea = make_idea(
        programme,
        author=author,
        title="Talentløft",
        themes=[programme.themes.get(slug="talent")],
        organisation=organisation,
        origin_event=workshop,
    )
    idea.municipalities.set([programme.municipalities.get(code="165")])
    editor = UserFactory(is_superuser=True)
    services.idea_set_status(
        actor=editor, idea=idea, status="under_review", reason="Vi ser på den."
    )
    project = make_project(programme, title="Talentløftet")
    services.idea_set_status(
        actor=editor, idea=idea, status="project", reason="Nå et prosjekt.", project=project
    )

    with translation.override("en"):
        html = text(client.get(en(idea.get_absolute_url())))
    assert '<h1 lang="da">Talentløft</h1>' in html
    assert "Kari Nordmann" in html and "Musikkontoret" in html
    assert "Talent and careers" in html and "Albertslund" in html
    assert "Verksted om talent" in html and workshop.get_absolute_url() in html
    assert "Turned into a project" in html
    assert "Talentløftet" in html
    assert "Vi ser på den." in html and "Nå et prosjekt." in html  # the history
    assert html.count("<tr>") == 3  # the header and two changes


def test_an_unlisted_author_is_a_member(client, programme):
    idea = make_idea(programme, author=UserFactory(name="Hemmelig Navn", is_listed=False))
    with translation.override("en"):
        html = text(client.get(en(idea.get_absolute_url())))
    assert "Hemmelig Navn" not in html and "A member" in html


def test_hidden_and_unknown_ideas_are_not_found(client, programme):
    idea = make_idea(programme)
    services.idea_hide(actor=UserFactory(is_superuser=True), idea=idea)
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert client.get("/ideer/999999/").status_code == 404
    client.force_login(UserFactory())
    assert client.post(support_url(idea)).status_code == 404
    assert not IdeaSupport.objects.exists()


def test_a_declined_idea_shows_its_reason_and_no_support_button(client, programme, user):
    idea = make_idea(programme)
    services.idea_set_status(
        actor=UserFactory(is_superuser=True),
        idea=idea,
        status="declined",
        reason="Ligger utenfor programmet.",
    )
    client.force_login(user)
    with translation.override("en"):
        html = text(client.get(en(idea.get_absolute_url())))
        assert "Ligger utenfor programmet." in html and "Declined" in html
        assert "Support this idea" not in html
        response = client.post(en(support_url(idea)), {"action": "support"})
    assert response.status_code == 302
    assert not IdeaSupport.objects.exists()


def test_supporters_listed_by_name_only_when_they_chose_so(client, programme):
    idea = make_idea(programme)
    services.idea_support(user=listed(name="Ola Synlig"), idea=idea)
    services.idea_support(user=UserFactory(name="Per Usynlig", is_listed=False), idea=idea)
    services.idea_support(user=UserFactory(name="Anne Usynlig", is_listed=False), idea=idea)
    with translation.override("en"):
        html = text(client.get(en(idea.get_absolute_url())))
    assert "Ola Synlig" in html
    assert "Usynlig" not in html
    assert "and 2 others" in html and "3 supporters" in html


def test_idea_page_query_count_does_not_grow_with_comments_history_and_support(
    client, queries, programme, user
):
    idea = make_idea(programme, themes=list(programme.themes.all()))
    editor = UserFactory(is_superuser=True)

    def add(n):
        for i in range(n):
            supporter = listed()
            services.idea_support(user=supporter, idea=idea)
            comment = services.comment_add(user=supporter, idea=idea, body=f"Kommentar {i}")
            services.comment_report(user=user, comment=comment)

    add(1)
    client.force_login(user)
    client.get(idea.get_absolute_url())
    # What every visitor sees is kept until the idea changes: count the page just after a write
    # (all of it read) and the next one (only the visitor's own state read).
    few_kept = queries.count(lambda: client.get(idea.get_absolute_url()))
    versions.bump("ideas")
    few_fresh = queries.count(lambda: client.get(idea.get_absolute_url()))
    add(6)
    services.idea_set_status(actor=editor, idea=idea, status="under_review")
    services.idea_set_status(actor=editor, idea=idea, status="accepted")
    idea.municipalities.set(programme.municipalities.all())
    many_fresh = queries.count(lambda: client.get(idea.get_absolute_url()))
    many_kept = queries.count(lambda: client.get(idea.get_absolute_url()))
    assert few_fresh == many_fresh
    assert few_kept == many_kept


# --- Support -------------------------------------------------------------------------------------


def test_supporting_needs_sign_in(client, programme):
    idea = make_idea(programme)
    response = client.post(support_url(idea), {"action": "support"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert idea.get_absolute_url() in response["Location"]
    assert not IdeaSupport.objects.exists()


def test_one_support_per_person_through_the_page(client, programme, user):
    idea = make_idea(programme)
    client.force_login(user)
    with translation.override("en"):
        html = text(client.get(en(idea.get_absolute_url())))
        assert "Support this idea" in html and "0 supporters" in html
        assert 'id="idea-support-button"' in html
        first = client.post(support_url(idea), {"action": "support"})
        again = client.post(support_url(idea), {"action": "support"})
    assert first.status_code == again.status_code == 302
    assert first["Location"] == en(idea.get_absolute_url()) + "#support"
    idea.refresh_from_db()
    assert idea.support_count == 1 and IdeaSupport.objects.count() == 1
    assert notifications.is_following(user, idea)
    with translation.override("en"):
        html = text(client.get(en(idea.get_absolute_url())))
    assert "Withdraw my support" in html and "1 supporter" in html

    client.post(support_url(idea), {"action": "withdraw"})
    idea.refresh_from_db()
    assert idea.support_count == 0 and not IdeaSupport.objects.exists()


def test_support_with_htmx_swaps_only_the_button_block(client, programme, user):
    idea = make_idea(programme)
    client.force_login(user)
    with translation.override("en"):
        response = client.post(
            en(support_url(idea)),
            {"action": "support"},
            HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET="idea-support",
        )
    html = text(response)
    assert response.status_code == 200
    assert "<html" not in html and "<h1" not in html
    assert "Withdraw my support" in html and "1 supporter" in html


def test_support_needs_the_csrf_token(programme, user):
    from django.test import Client

    idea = make_idea(programme)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(support_url(idea), {"action": "support"}).status_code == 403
    assert not IdeaSupport.objects.exists()


# --- Following -----------------------------------------------------------------------------------


def test_follow_and_unfollow(client, programme, user):
    idea = make_idea(programme)
    follow = reverse("ideas:idea-follow", args=[idea.pk])
    client.force_login(user)
    assert client.post(follow, {"action": "follow"}).status_code == 302
    assert notifications.is_following(user, idea)
    with translation.override("en"):
        page = text(client.get(en(idea.get_absolute_url())))
        # The hub's follow button (core:follow), pressed: "Following".
        assert 'name="target" value="ideas.idea"' in page and "Following" in page
        response = client.post(en(follow), {"action": "unfollow"}, HTTP_HX_REQUEST="true")
    assert "Follow this idea" in text(response) and "<html" not in text(response)
    assert not notifications.is_following(user, idea)


def test_the_list_has_a_follow_button_per_idea_for_members_only(client, programme, user):
    ideas = [make_idea(programme, title=f"Idé {n}") for n in range(3)]
    notifications.follow(user=user, obj=ideas[1])
    with translation.override("en"):
        html = text(client.get(en(LIST)))
        assert 'name="target" value="ideas.idea"' not in html  # visitors: no buttons in lists
        client.force_login(user)
        html = text(client.get(en(LIST)))
    assert html.count('name="target" value="ideas.idea"') == 3
    assert html.count("follow__button--on") == 1
    assert f'id="follow-button-ideas-idea-{ideas[1].pk}"' in html


# --- Comments ------------------------------------------------------------------------------------


def test_commenting_needs_sign_in_and_publishes_the_comment(client, programme, user):
    idea = make_idea(programme)
    url = reverse("ideas:idea-comment", args=[idea.pk])
    with translation.override("en"):
        assert "Log in to comment" in text(client.get(en(idea.get_absolute_url())))
    assert client.post(url, {"comment-body": "Hei"}).status_code == 302
    assert not IdeaComment.objects.exists()

    client.force_login(user)
    response = client.post(url, {"comment-body": "Dette vil jeg være med på."})
    comment = IdeaComment.objects.get()
    assert response["Location"] == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    assert "Dette vil jeg være med på." in text(client.get(idea.get_absolute_url()))


def test_an_empty_comment_is_an_error_on_the_page(client, programme, user):
    idea = make_idea(programme)
    client.force_login(user)
    with translation.override("en"):
        response = client.post(
            en(reverse("ideas:idea-comment", args=[idea.pk])), {"comment-body": "  "}
        )
    assert response.status_code == 200
    assert "Write your comment first." in text(response)
    assert 'href="#id_comment-body"' in text(response)
    assert not IdeaComment.objects.exists()


def test_comments_are_rate_limited(client, programme, user, settings):
    settings.SAMSPILL_RATE_LIMITS = "projects.comment=1/h"
    idea = make_idea(programme)
    url = reverse("ideas:idea-comment", args=[idea.pk])
    client.force_login(user)
    assert client.post(url, {"comment-body": "En"}).status_code == 302
    assert client.post(url, {"comment-body": "To"}).status_code == 429
    assert IdeaComment.objects.count() == 1


def test_a_hidden_comment_is_a_placeholder(client, programme):
    idea = make_idea(programme)
    comment = services.comment_add(user=UserFactory(), idea=idea, body="Noe stygt her")
    services.comment_moderate(actor=UserFactory(is_superuser=True), comment=comment, hide=True)
    with translation.override("en"):
        html = text(client.get(en(idea.get_absolute_url())))
    assert "Noe stygt her" not in html
    assert "Hidden by an editor" in html
    assert "0 comments" in html


def test_commenters_are_named_only_when_listed(client, programme):
    idea = make_idea(programme)
    services.comment_add(user=listed(name="Synlig Kommentator"), idea=idea, body="En")
    services.comment_add(user=UserFactory(name="Skjult Kommentator"), idea=idea, body="To")
    html = text(client.get(idea.get_absolute_url()))
    assert "Synlig Kommentator" in html and "Skjult Kommentator" not in html


def test_reporting_a_comment(client, programme, user):
    idea = make_idea(programme)
    comment = services.comment_add(user=UserFactory(), idea=idea, body="Tvilsom")
    url = reverse("ideas:comment-report", args=[comment.pk])
    assert client.get(url).status_code == 302  # sign in first

    client.force_login(user)
    page = text(client.get(idea.get_absolute_url()))
    assert url in page
    form = client.get(url)
    assert form.status_code == 200 and "Tvilsom" in text(form)
    response = client.post(url, {"reason": "Personangrep"})
    assert response["Location"] == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    report = CommentReport.objects.get()
    assert report.reporter == user and report.reason == "Personangrep"
    again = client.post(url, {"reason": "Igjen"})
    assert again.status_code == 302 and CommentReport.objects.count() == 1
    with translation.override("en"):
        html = text(client.get(en(idea.get_absolute_url())))
    assert "You have reported this comment." in html


def test_deleting_ones_own_comment_only(client, programme, user):
    idea = make_idea(programme)
    mine = services.comment_add(user=user, idea=idea, body="Min")
    theirs = services.comment_add(user=UserFactory(), idea=idea, body="Deres")
    client.force_login(user)
    html = text(client.get(idea.get_absolute_url()))
    assert reverse("ideas:comment-delete", args=[mine.pk]) in html
    assert reverse("ideas:comment-delete", args=[theirs.pk]) not in html
    assert client.post(reverse("ideas:comment-delete", args=[theirs.pk])).status_code == 302
    assert IdeaComment.objects.filter(pk=theirs.pk).exists()
    assert client.post(reverse("ideas:comment-delete", args=[mine.pk])).status_code == 302
    assert not IdeaComment.objects.filter(pk=mine.pk).exists()


def test_the_page_has_one_h1_and_labelled_buttons(client, programme, user):
    idea = make_idea(programme)
    client.force_login(user)
    html = text(client.get(idea.get_absolute_url()))
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert 'style="' not in html and "<script>" not in html


def test_signed_out_htmx_support_is_sent_to_the_login_page(client, programme):
    idea = make_idea(programme)
    response = client.post(support_url(idea), {"action": "support"}, HTTP_HX_REQUEST="true")
    assert reverse("account_login") in response["HX-Redirect"]
    assert not IdeaSupport.objects.exists()


def test_reporting_needs_sign_in_also_to_post(client, programme):
    idea = make_idea(programme)
    comment = services.comment_add(user=UserFactory(), idea=idea, body="Tvilsom")
    response = client.post(reverse("ideas:comment-report", args=[comment.pk]), {"reason": "x"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not CommentReport.objects.exists()


def test_comments_of_hidden_ideas_cannot_be_reported(client, programme, user):
    idea = make_idea(programme)
    comment = services.comment_add(user=UserFactory(), idea=idea, body="Tvilsom")
    services.idea_hide(actor=UserFactory(is_superuser=True), idea=idea)
    client.force_login(user)
    assert client.get(reverse("ideas:comment-report", args=[comment.pk])).status_code == 404


def test_a_signed_in_visitor_sees_a_new_comment_and_support_on_the_next_request(
    client, programme, user
):
    """The idea's page is kept between requests (`selectors.idea_page`): a write shows at once."""
    idea = make_idea(programme, title="Holdt idé")
    client.force_login(user)
    assert "Ny kommentar her" not in text(client.get(idea.get_absolute_url()))
    other = listed()
    services.comment_add(user=other, idea=idea, body="Ny kommentar her")
    services.idea_support(user=other, idea=idea)
    html = text(client.get(idea.get_absolute_url()))
    assert "Ny kommentar her" in html and other.name in html
    services.idea_support(user=user, idea=idea)
    with translation.override("en"):
        assert "Withdraw my support" in text(client.get(en(idea.get_absolute_url())))
