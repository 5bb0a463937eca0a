"""The answer finder's editor screens: synonyms, unanswered questions and feedback."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from samspill.answers.models import IndexState, Synonym
from tests.answers.factories import FeedbackFactory, SynonymFactory, UnansweredQuestionFactory

pytestmark = pytest.mark.django_db

SYNONYMS = "/admin/answer-finder/synonyms/"
UNANSWERED = "/admin/answer-finder/unanswered/"
FEEDBACK = "/admin/answer-finder/feedback/"
PINS = "/admin/answer-finder/pins/"


def assert_refused(response):
    """Wagtail answers a refused admin action with 403, or a redirect to the dashboard or login."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"].rstrip("/") in ("/admin", "") or "login" in response["Location"]


ANSWER_EDITOR_PERMISSIONS = (
    "view_feedback",
    "change_unansweredquestion",
    "add_pinnedanswer",
    "view_pinnedanswer",
    "delete_pinnedanswer",
    "add_synonym",
)


@pytest.fixture
def answers_editor(org_editor):
    """A hub editor: an organisation's editor given the answer finder's permissions in a group."""
    group = Group.objects.create(name="Svarredaktører")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="answers", codename__in=ANSWER_EDITOR_PERMISSIONS
        )
    )
    org_editor.groups.add(group)
    return org_editor


def synonyms_version() -> int:
    state = IndexState.objects.filter(pk=1).first()
    return state.synonyms_version if state else 0


def question(key, count, *, handled=False, examples=None):
    fields = {"examples": examples} if examples else {}
    return UnansweredQuestionFactory(key=key, count=count, handled=handled, **fields)


# --- Synonyms -------------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["org_editor", "org_admin", "hub_admin"])
def test_editors_and_hub_admins_keep_synonyms_through_the_service(client, request, person):
    user = request.getfixturevalue(person)
    client.force_login(user)
    assert client.get(SYNONYMS).status_code == 200
    assert client.get(f"{SYNONYMS}new/").status_code == 200

    before = synonyms_version()
    response = client.post(
        f"{SYNONYMS}new/", {"terms": "ENK, enkeltpersonforetak", "note": "Brreg"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    synonym = Synonym.objects.get()
    assert synonym.members == ["ENK", "enkeltpersonforetak"]
    after_create = synonyms_version()
    assert after_create != before  # every process reloads its synonyms
    assert ModelLogEntry.objects.filter(action="answers.synonym.created", user_id=user.pk).exists()

    assert "enkeltpersonforetak" in client.get(SYNONYMS).content.decode()
    response = client.post(
        f"{SYNONYMS}edit/{synonym.pk}/", {"terms": "ENK, enkeltpersonforetak, firma", "note": ""}
    )
    assert response.status_code == 302
    synonym.refresh_from_db()
    assert synonym.members[-1] == "firma"
    after_edit = synonyms_version()
    assert after_edit not in {before, after_create}
    assert ModelLogEntry.objects.filter(action="answers.synonym.updated", user_id=user.pk).exists()

    assert client.get(f"{SYNONYMS}delete/{synonym.pk}/").status_code == 200
    response = client.post(f"{SYNONYMS}delete/{synonym.pk}/")
    assert response.status_code == 302
    assert not Synonym.objects.exists()
    assert synonyms_version() not in {before, after_create, after_edit}
    assert ModelLogEntry.objects.filter(action="answers.synonym.deleted", user_id=user.pk).exists()


def test_members_cannot_reach_the_answer_finder_screens(client, org_member):
    synonym = SynonymFactory(terms="MVA, merverdiavgift")
    question("mva", 3)
    client.force_login(org_member)
    for url in (
        SYNONYMS,
        f"{SYNONYMS}new/",
        f"{SYNONYMS}edit/{synonym.pk}/",
        f"{SYNONYMS}delete/{synonym.pk}/",
        UNANSWERED,
        FEEDBACK,
        PINS,
    ):
        assert_refused(client.get(url))
    assert_refused(client.post(f"{SYNONYMS}delete/{synonym.pk}/"))
    assert Synonym.objects.filter(pk=synonym.pk).exists()


def test_an_admin_user_without_an_editing_role_is_refused(client, user):
    """Someone who reaches the admin some other way (a stale group) still gets no answer screens."""
    from samspill.knowledge import services as knowledge_services

    user.groups.add(knowledge_services.ensure_editor_group())
    client.force_login(user)
    assert_refused(client.get(UNANSWERED))
    assert_refused(client.get(SYNONYMS))


# --- Unanswered questions -------------------------------------------------------------------------


def test_editors_see_unanswered_questions_open_first_by_count(client, answers_editor):
    question("sjeldent", 2, examples=["Sjeldent spørsmål?"])
    question("ofte", 9, examples=["Ofte spurt?", "Ofte spurt igjen?"])
    question("ferdig", 50, handled=True, examples=["Ferdig besvart?"])
    client.force_login(answers_editor)
    response = client.get(UNANSWERED)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Ofte spurt?") < html.index("Sjeldent spørsmål?")
    assert "Ofte spurt igjen?" in html
    assert "Ferdig besvart?" not in html  # open ones by default

    html = client.get(f"{UNANSWERED}?show=all").content.decode()
    assert (
        html.index("Ofte spurt?") < html.index("Sjeldent spørsmål?") < html.index("Ferdig besvart?")
    )
    assert "Sjeldent spørsmål?" not in client.get(f"{UNANSWERED}?show=handled").content.decode()


def test_marking_a_question_handled_and_reopening_it(client, answers_editor):
    asked = question("skatt", 4)
    client.force_login(answers_editor)
    response = client.post(f"{UNANSWERED}{asked.pk}/handled/", {"handled": "1", "show": "open"})
    assert response.status_code == 302
    assert response["Location"] == f"{UNANSWERED}?show=open"
    asked.refresh_from_db()
    assert asked.handled
    assert ModelLogEntry.objects.filter(
        action="answers.unanswered.handled", user_id=answers_editor.pk
    ).exists()

    client.post(f"{UNANSWERED}{asked.pk}/handled/", {"handled": "0"})
    asked.refresh_from_db()
    assert not asked.handled
    assert ModelLogEntry.objects.filter(action="answers.unanswered.reopened").exists()
    assert client.get(f"{UNANSWERED}{asked.pk}/handled/").status_code == 405


def test_unanswered_list_query_count_does_not_grow(client, answers_editor, queries):
    client.force_login(answers_editor)
    for n in range(2):
        question(f"a{n}", n + 1)
    client.get(UNANSWERED)
    few = queries.count(lambda: client.get(UNANSWERED))
    for n in range(8):
        question(f"b{n}", n + 1)
    assert queries.count(lambda: client.get(UNANSWERED)) == few


# --- Feedback -------------------------------------------------------------------------------------


def test_feedback_summary_shows_the_least_helpful_answers_first(client, hub_admin):
    for helpful in (True, True, False):
        FeedbackFactory(answer_id="faq-1", helpful=helpful)
    for helpful in (False, False):
        FeedbackFactory(answer_id="article-2", title="Sykepenger", question="syk?", helpful=helpful)
    client.force_login(hub_admin)
    response = client.get(FEEDBACK)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Sykepenger") < html.index("MVA for konserter")
    assert "100 %" in html and "33 %" in html  # the share that did not help


# --- Menu -----------------------------------------------------------------------------------------


def test_the_answer_finder_menu_shows_editors_what_they_may_open(client, org_editor):
    client.force_login(org_editor)
    html = client.get(SYNONYMS).content.decode()
    assert SYNONYMS in html
    for url in (UNANSWERED, FEEDBACK, PINS):
        assert url not in html  # what readers asked and voted: the hub's editors only


def test_the_answer_finder_menu_is_shown_to_hub_editors(client, answers_editor):
    client.force_login(answers_editor)
    html = client.get(SYNONYMS).content.decode()
    for url in (SYNONYMS, UNANSWERED, FEEDBACK, PINS):
        assert url in html


@pytest.mark.parametrize("person", ["org_editor", "org_admin"])
def test_organisation_editors_without_the_permissions_are_refused(client, request, person):
    asked = question("skatt", 4)
    client.force_login(request.getfixturevalue(person))
    for url in (UNANSWERED, FEEDBACK, PINS, f"{UNANSWERED}{asked.pk}/attach/"):
        assert_refused(client.get(url))
    assert_refused(client.post(f"{UNANSWERED}{asked.pk}/handled/", {"handled": "1"}))
    assert_refused(client.post(f"{UNANSWERED}{asked.pk}/attach/", {"answer": "x", "how": "pin"}))
    asked.refresh_from_db()
    assert not asked.handled
