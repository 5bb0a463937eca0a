"""Answering in the browser: sections, errors next to the questions, conditions, modes, drafts,
editing, double submission, and what closed surveys say."""

import re

import pytest
from django.utils import translation

from samspill.surveys import services
from samspill.surveys.models import Answer, Mode, Response, ResponseStatus
from tests.core.factories import UserFactory
from tests.surveys.factories import make_survey, q, standard_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def first_part(survey, **overrides):
    data = {
        q(survey, "Hva slags virksomhet er dere?").key: "startup",
        q(survey, "Fase").key: "Oppstart",
        q(survey, "Antall ansatte").key: "3",
    }
    data.update(overrides)
    return data


def second_part(survey, **overrides):
    key = q(survey, "Hvor viktig er").key
    data = {
        q(survey, "Hva trenger dere?").key: ["Investering", "Mentor"],
        q(survey, "Hvor nyttig er et nettverk?").key: "4",
        q(survey, "Vil dere komme på samlinger?").key: "yes",
        q(survey, "Hvilke?").key: "Digitale møter",
        f"{key}__0": "5",
        f"{key}__1": "3",
    }
    data.update(overrides)
    return data


def text(response):
    return response.content.decode()


def test_the_list_shows_open_surveys_with_bounded_queries(client, queries):
    make_survey(title="Åpen undersøkelse")
    make_survey(title="Lukket", opens_in_days=-10, closes_in_days=-1)
    make_survey(title="Utkast", is_published=False)
    make_survey(title="Bare med lenke", mode=Mode.INVITATION)
    body = text(client.get("/sporreundersokelser/"))
    assert "Åpen undersøkelse" in body and "Lukket" in body
    assert "Utkast" not in body and "Bare med lenke" not in body
    few = queries.count(lambda: client.get("/sporreundersokelser/"))
    for n in range(5):
        make_survey(title=f"Flere {n}")
    assert queries.count(lambda: client.get("/sporreundersokelser/")) == few


def test_the_list_gives_no_response_count_under_five(client):
    few = make_survey(title="Få svar")
    many = make_survey(title="Mange svar")
    for survey, n in ((few, 3), (many, 6)):
        for _ in range(n):
            services.response_submit(survey=survey, answers=standard_answers(survey))
    body = text(client.get("/sporreundersokelser/"))
    assert "3 svar" not in body
    assert "Færre enn 5" in body and "6 svar" in body


def test_an_anonymous_respondent_answers_part_by_part(client):
    survey = make_survey()
    url = survey.get_absolute_url()
    page = client.get(url)
    body = text(page)
    assert page.status_code == 200
    assert "Del 1 av 2" in body and "<progress" in body
    assert "Hva slags virksomhet er dere? (må besvares)" in body
    step = client.post(f"{url}?del=1", {**first_part(survey), "action": "next"})
    assert step.status_code == 302 and step["Location"].endswith("?del=2")
    body = text(client.get(step["Location"]))
    assert "Del 2 av 2" in body and "Behov" in body
    done = client.post(f"{url}?del=2", {**second_part(survey), "action": "finish"})
    assert done.status_code == 302 and done["Location"].endswith("/takk/")
    response = Response.objects.get()
    assert response.status == ResponseStatus.SUBMITTED and response.user is None
    assert Answer.objects.filter(response=response, question__text="Hvor viktig er").count() == 2
    assert "Takk for svarene" in text(client.get(done["Location"]))
    # One response per browser: the survey now leads to the thank-you page.
    assert client.get(url)["Location"].endswith("/takk/")


def test_errors_are_named_next_to_their_questions_and_nothing_is_kept(client):
    survey = make_survey()
    url = survey.get_absolute_url()
    page = client.post(
        f"{url}?del=1",
        first_part(survey, **{q(survey, "Fase").key: "", q(survey, "Antall ansatte").key: "mange"}),
    )
    body = text(page)
    assert page.status_code == 422
    assert "Det er 2 feil i skjemaet" in body
    fase = q(survey, "Fase").key
    assert f'href="#id_{fase}_0"' in body
    assert "Svar på dette spørsmålet." in body and "Oppgi et helt tall." in body
    assert 'aria-invalid="true"' in body
    assert not Answer.objects.exists()


def test_the_error_summary_adds_no_colon_after_a_question_mark(client):
    survey = make_survey()
    kind = q(survey, "Hva slags virksomhet er dere?").key
    page = client.post(f"{survey.get_absolute_url()}?del=1", first_part(survey, **{kind: ""}))
    body = text(page)
    assert page.status_code == 422
    assert "dere?:" not in body
    assert "Hva slags virksomhet er dere? Svar på dette spørsmålet." in body
    # A question without its own closing punctuation keeps the colon.
    fase = q(survey, "Fase").key
    body = text(client.post(f"{survey.get_absolute_url()}?del=1", first_part(survey, **{fase: ""})))
    assert "Fase: Svar på dette spørsmålet." in body


def test_a_survey_without_a_closing_date_says_it_is_open(client):
    make_survey(title="Uten sluttdato", closes_in_days=None)
    body = text(client.get("/sporreundersokelser/"))
    assert "Uten sluttdato" in body
    assert re.search(r">Åpen\s*<", body) and not re.search(r">Åpne\s*<", body)


def test_a_condition_on_an_earlier_answer_hides_the_question(client):
    survey = make_survey()
    url = survey.get_absolute_url()
    client.post(f"{url}?del=1", first_part(survey))
    body = text(client.get(f"{url}?del=2"))
    # In the same part: shown with a note for pages without JavaScript.
    assert "Svar bare hvis du svarte «Ja» på «Vil dere komme på samlinger?»." in body
    client.post(
        f"{url}?del=2",
        second_part(survey, **{q(survey, "Vil dere komme på samlinger?").key: "no"}),
    )
    assert not Answer.objects.filter(question__text="Hvilke?").exists()


def test_signed_in_mode_asks_to_log_in_saves_drafts_and_allows_changes(client):
    survey = make_survey(mode=Mode.SIGNED_IN)
    url = survey.get_absolute_url()
    assert "Logg inn for å svare" in text(client.get(url))
    user = UserFactory()
    client.force_login(user)
    saved = client.post(f"{url}?del=1", {**first_part(survey), "action": "save"})
    assert saved.status_code == 302
    # Continuing later starts where the person left off.
    assert "Del 2 av 2" in text(client.get(url))
    client.post(f"{url}?del=2", {**second_part(survey), "action": "finish"})
    response = Response.objects.get(user=user)
    assert response.status == ResponseStatus.SUBMITTED
    # Until it closes, they can change their answers, and it stays one response.
    body = text(client.get(f"{url}?del=1"))
    fase = q(survey, "Fase").key
    assert "Du svarte" in body
    assert f'value="Oppstart" aria-describedby="{fase}-error" id="id_{fase}_1" checked>' in body
    client.post(
        f"{url}?del=1",
        {**first_part(survey, **{q(survey, "Fase").key: "Vekst"}), "response": response.pk},
    )
    assert Answer.objects.get(question__text="Fase").option == "Vekst"
    assert Response.objects.count() == 1


def test_sending_the_last_part_twice_gives_one_response(client):
    survey = make_survey()
    url = survey.get_absolute_url()
    client.post(f"{url}?del=1", first_part(survey))
    draft = Response.objects.get()
    last = {**second_part(survey), "action": "finish", "response": draft.pk}
    assert client.post(f"{url}?del=2", last)["Location"].endswith("/takk/")
    assert client.post(f"{url}?del=2", last)["Location"].endswith("/takk/")
    assert Response.objects.count() == 1


def test_closed_and_not_yet_open_surveys_say_so(client):
    closed = make_survey(opens_in_days=-10, closes_in_days=-1)
    assert "stengte" in text(client.get(closed.get_absolute_url()))
    later = make_survey(opens_in_days=3)
    assert "ikke åpnet ennå" in text(client.get(later.get_absolute_url()))
    draft = make_survey(is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_invitation_links_work_once_and_keep_the_token_out_of_referrers(client):
    survey = make_survey(mode=Mode.INVITATION)
    (invitation,) = services.invitations_create(actor=None, survey=survey, labels=["Ishøj"])
    url = survey.get_absolute_url()
    assert "personlige lenker" in text(client.get(url))
    page = client.get(f"{url}?token={invitation.token}")
    assert page["Referrer-Policy"] == "same-origin" and "Del 1 av 2" in text(page)
    client.post(f"{url}?del=1", first_part(survey))
    client.post(f"{url}?del=2", {**second_part(survey), "action": "finish"})
    assert Response.objects.get().invitation == invitation
    other = type(client)()
    assert other.get(f"{url}?token={invitation.token}")["Location"].endswith("/takk/")
