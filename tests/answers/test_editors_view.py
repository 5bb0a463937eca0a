"""The editors' view of the answer finder: content ranked by "no" votes, and attaching an existing
answer to an unanswered question in one step (a pinned answer or a synonym group)."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from samspill.answers import search, selectors
from samspill.answers.models import IndexState, PinnedAnswer, Synonym, UnansweredQuestion
from tests.answers.factories import FeedbackFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

UNANSWERED = "/admin/answer-finder/unanswered/"
FEEDBACK = "/admin/answer-finder/feedback/"
PINS = "/admin/answer-finder/pins/"
ASKED = "Hvordan søker jeg om pizzastøtte?"


@pytest.fixture
def topic(home_page):
    return factories.topic_page(factories.index_page(home_page))


@pytest.fixture
def article(topic, organisation):
    return factories.article_page(topic, organisation, external_id="enk-og-ansatt")


@pytest.fixture
def faq(topic, organisation):
    return factories.faq_page(topic, organisation)


def ask(question=ASKED, **kwargs):
    return search.find_answers(question, language="nb", **kwargs)


@pytest.fixture
def unanswered(article, faq):
    assert not ask(log=True).answered
    return UnansweredQuestion.objects.get()


# --- Content ranked by unhelpful votes ------------------------------------------------------------


def vote(answer_id, title, *, no=0, yes=0, question="spørsmål?"):
    for _ in range(no):
        FeedbackFactory(answer_id=answer_id, title=title, helpful=False, question=question)
    for _ in range(yes):
        FeedbackFactory(answer_id=answer_id, title=title, helpful=True, question="")


def test_content_is_ranked_by_no_votes_then_by_the_share_that_did_not_help(
    client, hub_admin, article
):
    vote("faq-b", "Bravo", no=3, yes=2)
    vote("enk-og-ansatt", "ignored: the index's title wins", no=3, yes=0, question="ENK og lønn?")
    vote("faq-c", "Charlie", no=1, yes=9)
    vote("faq-d", "Delta", yes=5)
    FeedbackFactory(answer_id="enk-og-ansatt", helpful=False, question="")  # from the article
    client.force_login(hub_admin)
    html = client.get(FEEDBACK).content.decode()
    order = [html.index(t) for t in (article.title, "Bravo", "Charlie", "Delta")]
    assert order == sorted(order)
    row = html[html.rindex("<tr", 0, html.index(article.title)) : html.index("Bravo")]
    assert ">4<" in row and "100 %" in row  # four "no" (one at the end of the article), no "yes"
    assert "ENK og lønn?" in row  # a question asked by those who answered "no"
    assert f"/admin/pages/{article.pk}/edit/" in row and f'href="{article.url}"' in row
    bravo = html[html.index("Bravo") : html.index("Charlie")]
    assert "60 %" in bravo and "/admin/pages/" not in bravo  # no longer in the index: no link


def test_the_feedback_ranking_costs_the_same_queries_for_many_answers(client, hub_admin, queries):
    client.force_login(hub_admin)
    vote("faq-1", "En", no=2, yes=1)
    client.get(FEEDBACK)
    few = queries.count(lambda: client.get(FEEDBACK))
    for n in range(12):
        vote(f"faq-x{n}", f"Svar {n}", no=n % 3, yes=1)
    assert queries.count(lambda: client.get(FEEDBACK)) == few


# --- Attaching an answer --------------------------------------------------------------------------


def test_the_attach_form_offers_the_answers_and_the_questions_unknown_words(
    client, hub_admin, unanswered, article
):
    client.force_login(hub_admin)
    response = client.get(f"{UNANSWERED}{unanswered.pk}/attach/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="enk-og-ansatt"' in html and article.title in html
    assert re.search(r'name="question_words" value="pizzastøtte"[^>]*checked', html)
    found = client.get(f"{UNANSWERED}{unanswered.pk}/attach/", {"find": "selvstendig"})
    assert found.status_code == 200 and article.title in found.content.decode()
    assert selectors.answer_choices("selvstendig") == [("enk-og-ansatt", article.title)]
    assert selectors.answer_choices("zzzz") == []


def test_pinning_puts_the_answer_first_for_that_question_only(
    client, hub_admin, unanswered, article
):
    other_before = ask("Når må jeg registrere meg for MVA?")
    client.force_login(hub_admin)
    version = IndexState.objects.get().pins_version
    response = client.post(
        f"{UNANSWERED}{unanswered.pk}/attach/", {"answer": "enk-og-ansatt", "how": "pin"}
    )
    assert response.status_code == 302 and response["Location"] == UNANSWERED
    pin = PinnedAnswer.objects.get()
    assert (pin.key, pin.answer_id, pin.title) == (unanswered.key, "enk-og-ansatt", article.title)
    assert IndexState.objects.get().pins_version != version
    unanswered.refresh_from_db()
    assert unanswered.handled
    assert ModelLogEntry.objects.filter(
        action="answers.unanswered.pinned", user_id=hub_admin.pk
    ).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any(article.title in m for m in messages)

    result = ask(log=True)
    assert result.answered and result.results[0].answer_id == "enk-og-ansatt"
    assert result.results[0].pinned
    unanswered.refresh_from_db()
    assert unanswered.count == 1 and unanswered.handled  # answered now: not noted again
    # The same key words in other words ("søke" for "søker"); another question is untouched.
    assert ask("pizzastøtte – hvordan søke?").results[0].answer_id == "enk-og-ansatt"
    other = ask("Når må jeg registrere meg for MVA?")
    assert [a.answer_id for a in other.results] == [a.answer_id for a in other_before.results]
    assert not any(a.pinned for a in other.results)


def test_pins_cost_no_query_once_loaded(unanswered, article, queries):
    from samspill.answers import services

    def other():
        return ask("Sykepenger for selvstendig")

    other()
    plain = queries.count(other)
    services.unanswered_pin_answer(question=unanswered, answer_id="enk-og-ansatt")
    other()  # this process loads the pins once, after their version changed
    assert queries.count(other) == plain
    pinned = queries.count(ask)  # the pinned question itself
    assert pinned <= plain + 1  # at most its passage, when the ranking did not find it
    services.pin_delete(pin=PinnedAnswer.objects.get())
    other()
    assert queries.count(other) == plain


def test_adding_synonyms_lets_the_question_find_the_answer(client, hub_admin, unanswered, faq):
    assert faq.answer_id not in [a.answer_id for a in ask().results]
    client.force_login(hub_admin)
    response = client.post(
        f"{UNANSWERED}{unanswered.pk}/attach/",
        {
            "answer": faq.answer_id,
            "how": "synonyms",
            "question_words": ["pizzastøtte"],
            "answer_words": "MVA",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    synonym = Synonym.objects.get()
    assert synonym.members == ["pizzastøtte", "MVA"]
    unanswered.refresh_from_db()
    assert unanswered.handled
    assert not PinnedAnswer.objects.exists()
    assert ModelLogEntry.objects.filter(action="answers.unanswered.synonyms").exists()
    assert ModelLogEntry.objects.filter(action="answers.synonym.created").exists()
    assert faq.answer_id in [a.answer_id for a in ask().results]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"answer": "finnes-ikke", "how": "pin"}, "finnes ikke i indeksen"),
        ({"answer": "", "how": "pin"}, "Velg svaret"),
        ({"answer": "enk-og-ansatt", "how": "kanskje"}, "kanskje"),
        (
            {"answer": "enk-og-ansatt", "how": "synonyms", "question_words": ["pizzastøtte"]},
            "Kryss av",
        ),
        (
            {"answer": "enk-og-ansatt", "how": "synonyms", "question_words": ["ikke-et-valg"]},
            "ikke-et-valg",
        ),
    ],
)
def test_bad_input_to_the_attach_form_is_a_form_error(client, hub_admin, unanswered, data, error):
    client.force_login(hub_admin)
    response = client.post(f"{UNANSWERED}{unanswered.pk}/attach/", data)
    assert response.status_code == 422
    assert error in response.content.decode()
    unanswered.refresh_from_db()
    assert not unanswered.handled
    assert not PinnedAnswer.objects.exists() and not Synonym.objects.exists()


def test_an_unknown_question_is_404(client, hub_admin):
    client.force_login(hub_admin)
    assert client.get(f"{UNANSWERED}999999/attach/").status_code == 404


# --- Pins -----------------------------------------------------------------------------------------


def test_pins_are_listed_and_removed(client, hub_admin, unanswered, article):
    from samspill.answers import services

    pin = services.unanswered_pin_answer(question=unanswered, answer_id="enk-og-ansatt")
    client.force_login(hub_admin)
    html = client.get(PINS).content.decode()
    assert ASKED in html and article.title in html
    assert client.get(f"{PINS}{pin.pk}/delete/").status_code == 405
    response = client.post(f"{PINS}{pin.pk}/delete/")
    assert response.status_code == 302
    assert not PinnedAnswer.objects.exists()
    assert ModelLogEntry.objects.filter(action="answers.pin.deleted").exists()
    assert not ask().answered


def test_a_hub_editor_needs_each_permission_for_its_action(client, org_editor, unanswered):
    group = Group.objects.create(name="Bare lese")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="answers", codename__in=["change_unansweredquestion"]
        )
    )
    org_editor.groups.add(group)
    client.force_login(org_editor)
    assert client.get(f"{UNANSWERED}{unanswered.pk}/attach/").status_code == 200
    response = client.post(
        f"{UNANSWERED}{unanswered.pk}/attach/", {"answer": "enk-og-ansatt", "how": "pin"}
    )
    assert response.status_code in (302, 403) and response.get("Location") != UNANSWERED
    assert not PinnedAnswer.objects.exists()
    assert client.get(FEEDBACK).status_code in (302, 403)


def test_the_pin_list_query_count_does_not_grow(client, hub_admin, queries):
    client.force_login(hub_admin)
    PinnedAnswer.objects.create(key="a", answer_id="x", title="X")
    client.get(PINS)
    few = queries.count(lambda: client.get(PINS))
    for n in range(10):
        PinnedAnswer.objects.create(key=f"b{n}", answer_id="x", title="X")
    assert queries.count(lambda: client.get(PINS)) == few


def test_the_feedback_view_shows_titles_and_links_not_internal_ids(client, hub_admin, article):
    """Issue 18: editors read titles and follow links; the finder's ids are for machines."""
    internal = "article-6f1c2a8e-3b7d-4e0f-9a51-0c2d8e7b4f13"
    vote(internal, "Gammel artikkel", no=1)
    vote("enk-og-ansatt", "Artikkelen", no=2)
    client.force_login(hub_admin)
    html = client.get(FEEDBACK).content.decode()
    assert "Gammel artikkel" in html and article.title in html
    assert internal not in html and "(enk-og-ansatt)" not in html
    assert f"/admin/pages/{article.pk}/edit/" in html
