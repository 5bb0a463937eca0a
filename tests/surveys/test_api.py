"""The surveys API: the list, one survey with its questions, and answering in one request under
each mode (anonymous, signed in through the session with CSRF, personal links)."""

import json

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from samspill.surveys.models import Answer, Kind, Mode, Response, ResponseStatus
from tests.core.factories import MunicipalityFactory
from tests.surveys.factories import make_survey, q, standard_answers

pytestmark = pytest.mark.django_db


def post(client, survey, body, **extra):
    return client.post(
        f"/api/v1/surveys/{survey.slug}/responses",
        data=json.dumps(body),
        content_type="application/json",
        **extra,
    )


def error(response) -> dict:
    return response.json()["error"]


def csrf_client(user) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    return client, token


# --- Reading --------------------------------------------------------------------------------------


def test_the_list_has_listed_surveys_and_filters_by_state(client):
    open_ = make_survey(title="Åpen", slug="apen")
    make_survey(title="Lukket", slug="lukket", opens_in_days=-10, closes_in_days=-1)
    make_survey(title="Kommer", slug="kommer", opens_in_days=3, closes_in_days=10)
    make_survey(title="Utkast", slug="utkast", is_published=False)
    make_survey(title="Invitert", slug="invitert", mode=Mode.INVITATION)
    response = client.get("/api/v1/surveys")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert {s["slug"] for s in body["items"]} == {"apen", "lukket", "kommer"}
    first = next(s for s in body["items"] if s["slug"] == "apen")
    assert first["owner"] == {"slug": open_.owner.slug, "name": open_.owner.name}
    assert first["state"] == "open"
    assert first["mode"] == "anonymous"
    assert first["url"].startswith("http://testserver/")
    for state, slug in (("open", "apen"), ("closed", "lukket"), ("upcoming", "kommer")):
        items = client.get("/api/v1/surveys", {"state": state}).json()["items"]
        assert [s["slug"] for s in items] == [slug]
    assert client.get("/api/v1/surveys", {"state": "sometime"}).status_code == 422
    page = client.get("/api/v1/surveys", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 3
    assert len(page["items"]) == 1


def test_the_list_runs_a_bounded_number_of_queries(client, queries):
    make_survey(slug="s1")
    client.get("/api/v1/surveys")
    few = queries.count(lambda: client.get("/api/v1/surveys"))
    for n in range(5):
        make_survey(slug=f"more-{n}")
    assert queries.count(lambda: client.get("/api/v1/surveys")) == few


def test_the_detail_has_sections_and_questions(client, queries):
    survey = make_survey(slug="kartlegging")
    with queries(at_most=6):
        response = client.get("/api/v1/surveys/kartlegging")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == survey.title
    assert [s["title"] for s in body["sections"]] == ["Om dere", "Behov"]
    assert body["sections"][0]["introduction"] == "Litt om virksomheten."
    questions = {x["text"]: x for s in body["sections"] for x in s["questions"]}
    assert all(x["kind"] != Kind.SECTION for x in questions.values())
    fase = questions["Fase"]
    assert fase["key"] == q(survey, "Fase").key
    assert fase["id"] == q(survey, "Fase").pk
    assert fase["options"] == ["Idé", "Oppstart", "Vekst"]
    assert fase["required"] is True
    assert "startup" in questions["Hva slags virksomhet er dere?"]["options"]
    assert questions["Kommune"]["options"] == []
    assert questions["Kommune"]["options_url"] == "http://testserver/api/v1/municipalities"
    assert questions["Antall ansatte"]["min_value"] == 0
    assert questions["Antall ansatte"]["max_value"] == 10000
    q(survey, "Kommune").__class__.objects.filter(pk=q(survey, "Kommune").pk).update(
        municipality_country="DK"
    )
    detail = client.get("/api/v1/surveys/kartlegging").json()
    kommune = next(x for s in detail["sections"] for x in s["questions"] if x["text"] == "Kommune")
    assert kommune["options_url"] == "http://testserver/api/v1/municipalities?country=DK"
    assert questions["Hva trenger dere?"]["allow_other"] is True
    assert questions["Hvor nyttig er et nettverk?"]["scale"] == {
        "min": 1,
        "max": 5,
        "low_label": "Lite",
        "high_label": "Svært",
    }
    assert questions["Hvor viktig er"]["rows"] == ["Kapital", "Kompetanse"]
    assert questions["Vil dere komme på samlinger?"]["options"] == ["yes", "no"]
    assert questions["Hvilke?"]["condition"] == {
        "question": q(survey, "Vil dere komme på samlinger?").key,
        "value": "yes",
    }
    assert fase["condition"] is None


def test_unpublished_and_unknown_surveys_are_not_found(client):
    draft = make_survey(slug="utkast", is_published=False)
    for url in ("/api/v1/surveys/utkast", "/api/v1/surveys/finnes-ikke"):
        response = client.get(url)
        assert response.status_code == 404
        assert error(response)["code"] == "not_found"
    response = post(client, draft, {"answers": standard_answers(draft)})
    assert response.status_code == 404
    assert not Response.objects.exists()


# --- Answering ------------------------------------------------------------------------------------


def test_an_anonymous_response_is_created(client):
    MunicipalityFactory()
    survey = make_survey()
    answers = standard_answers(survey, Kommune="4601")
    answers[q(survey, "Hva trenger dere?").key + "_other"] = "Øvingslokale"
    response = post(client, survey, {"answers": answers})
    assert response.status_code == 201, response.content
    body = response.json()
    saved = Response.objects.get(pk=body["id"])
    assert saved.status == ResponseStatus.SUBMITTED
    assert saved.user is None
    assert saved.browser_key == ""
    assert body["submitted_at"]
    assert Answer.objects.filter(response=saved, question=q(survey, "Kommune")).get().option == (
        "4601"
    )
    # Anonymous: each POST is a response of its own.
    again = post(client, survey, {"answers": standard_answers(survey)})
    assert again.status_code == 201
    assert Response.objects.filter(survey=survey).count() == 2


def test_invalid_answers_are_named_one_by_one(client):
    survey = make_survey()
    answers = standard_answers(survey, Fase="Moden", **{"Hvor nyttig er et nettverk?": 9})
    del answers[q(survey, "Vil dere komme på samlinger?").key]
    response = post(client, survey, {"answers": answers})
    assert response.status_code == 422
    body = error(response)
    assert body["code"] == "invalid"
    fields = {d["field"]: d["message"] for d in body["details"]}
    assert set(fields) == {
        q(survey, "Fase").key,
        q(survey, "Hvor nyttig er et nettverk?").key,
        q(survey, "Vil dere komme på samlinger?").key,
    }
    assert fields[q(survey, "Fase").key] == "“Moden” is not one of the options."
    assert fields[q(survey, "Vil dere komme på samlinger?").key] == "Answer this question."
    assert not Response.objects.exists()
    # A body of the wrong shape is a 422 too.
    assert post(client, survey, {"answers": "ja"}).status_code == 422


@pytest.mark.parametrize(
    ("opens_in_days", "closes_in_days", "message"),
    [(2, 10, "This survey is not open yet."), (-10, -1, "This survey is closed.")],
)
def test_a_survey_outside_its_period_refuses_responses(
    client, opens_in_days, closes_in_days, message
):
    survey = make_survey(opens_in_days=opens_in_days, closes_in_days=closes_in_days)
    response = post(client, survey, {"answers": standard_answers(survey)})
    assert response.status_code == 403
    assert error(response) == {"code": "survey_closed", "message": message, "details": []}
    assert not Response.objects.exists()


def test_a_signed_in_survey_needs_the_session_and_its_csrf_token(client, user):
    survey = make_survey(mode=Mode.SIGNED_IN)
    refused = post(client, survey, {"answers": standard_answers(survey)})
    assert refused.status_code == 401
    assert error(refused)["code"] == "unauthenticated"

    session, token = csrf_client(user)
    refused = post(session, survey, {"answers": standard_answers(survey)})
    assert refused.status_code == 403
    assert error(refused)["code"] == "csrf_failed"
    assert not Response.objects.exists()

    response = post(session, survey, {"answers": standard_answers(survey)}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201, response.content
    assert Response.objects.get(pk=response.json()["id"]).user == user

    again = post(session, survey, {"answers": standard_answers(survey)}, HTTP_X_CSRFTOKEN=token)
    assert again.status_code == 409
    assert error(again)["code"] == "already_answered"
    assert Response.objects.filter(survey=survey).count() == 1


def test_an_invitation_survey_needs_a_token_and_takes_one_response_per_link(client):
    survey = make_survey(mode=Mode.INVITATION)
    invitation = survey.invitations.create(label="Bergen kommune")
    for body in ({}, {"token": "feil"}):
        refused = post(client, survey, {"answers": standard_answers(survey), **body})
        assert refused.status_code == 403
        assert error(refused)["code"] == "not_permitted"
    other = make_survey(mode=Mode.INVITATION).invitations.create(label="Fremmed")
    refused = post(client, survey, {"answers": standard_answers(survey), "token": other.token})
    assert refused.status_code == 403

    body = {"answers": standard_answers(survey), "token": invitation.token}
    response = post(client, survey, body)
    assert response.status_code == 201, response.content
    assert Response.objects.get(pk=response.json()["id"]).invitation == invitation
    again = post(client, survey, body)
    assert again.status_code == 409
    assert error(again)["code"] == "already_answered"


def test_an_invitation_survey_is_readable_by_slug_but_not_listed(client):
    make_survey(slug="invitert", mode=Mode.INVITATION)
    assert client.get("/api/v1/surveys").json()["count"] == 0
    assert client.get("/api/v1/surveys/invitert").status_code == 200


def test_responses_are_rate_limited(client, settings):
    settings.SAMSPILL_RATE_LIMITS = "surveys.respond=2/h"
    survey = make_survey()
    statuses = [
        post(client, survey, {"answers": standard_answers(survey)}).status_code for _i in range(3)
    ]
    assert statuses == [201, 201, 429]
    settings.SAMSPILL_RATE_LIMITS = "off"
    assert post(client, survey, {"answers": standard_answers(survey)}).status_code == 201


def test_a_null_character_in_a_text_answer_is_refused_with_422_not_stored(client):
    """Found by the hostile-input check: PostgreSQL cannot store NUL, so the API answered 500."""
    survey = make_survey()
    answers = standard_answers(survey, **{"Noe annet?": "før\x00etter"})
    answers[f"{q(survey, 'Hva trenger dere?').key}_other"] = "annet\x00"
    response = post(client, survey, {"answers": answers})
    assert response.status_code == 422
    fields = {d["field"] for d in error(response)["details"]}
    assert fields == {
        f"answers.{q(survey, 'Noe annet?').key}",
        f"answers.{q(survey, 'Hva trenger dere?').key}_other",
    }
    assert not Response.objects.exists()
