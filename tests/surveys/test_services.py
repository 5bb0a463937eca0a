"""Answering through the service: checks, conditions, modes, one response per person."""

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from samspill.core.errors import InvalidInput, NotPermitted
from samspill.surveys import services
from samspill.surveys.models import (
    OTHER,
    Answer,
    Kind,
    Mode,
    Question,
    Response,
    ResponseStatus,
    Survey,
)
from tests.core.factories import UserFactory
from tests.surveys.factories import make_survey, q, standard_answers

pytestmark = pytest.mark.django_db


def test_a_complete_answer_is_stored_as_one_row_per_value():
    survey = make_survey()
    response = services.response_submit(survey=survey, answers=standard_answers(survey))
    assert response.status == ResponseStatus.SUBMITTED and response.submitted_at
    rows = {(a.question.text, a.option, a.row, a.number, a.text) for a in response.answers.all()}
    assert ("Hva trenger dere?", "Investering", "", None, "") in rows
    assert ("Hva trenger dere?", "Mentor", "", None, "") in rows
    assert ("Hvor viktig er", "", "Kapital", 5, "") in rows
    assert ("Hvor nyttig er et nettverk?", "", "", 4, "") in rows
    assert ("Hvilke?", "", "", None, "Digitale møter") in rows
    assert not response.answers.filter(question__text="Noe annet?").exists()


def test_every_wrong_answer_is_named():
    survey = make_survey()
    data = standard_answers(
        survey,
        **{
            "Fase": "Moden",
            "Antall ansatte": -1,
            "Hvor nyttig er et nettverk?": 6,
            "Hvor viktig er": {"Kapital": 9},
        },
    )
    data.pop(q(survey, "Vil dere komme på samlinger?").key)
    with pytest.raises(InvalidInput) as caught:
        services.response_submit(survey=survey, answers=data)
    fields = {d["field"] for d in caught.value.details}
    assert fields == {
        q(survey, t).key
        for t in (
            "Fase",
            "Antall ansatte",
            "Hvor nyttig er et nettverk?",
            "Hvor viktig er",
            "Vil dere komme på samlinger?",
        )
    }
    assert not Response.objects.exists()


def test_a_hidden_question_is_neither_required_nor_stored():
    survey = make_survey()
    data = standard_answers(survey, **{"Vil dere komme på samlinger?": "no"})
    response = services.response_submit(survey=survey, answers=data)
    assert not response.answers.filter(question__text="Hvilke?").exists()


def test_other_please_specify():
    survey = make_survey()
    key = q(survey, "Hva trenger dere?").key
    data = standard_answers(survey, **{"Hva trenger dere?": ["Mentor"]})
    data[f"{key}_other"] = "Lydteknikere"
    response = services.response_submit(survey=survey, answers=data)
    assert response.answers.get(option=OTHER).text == "Lydteknikere"


def test_closed_not_open_and_draft_surveys_refuse_answers():
    closed = make_survey(opens_in_days=-10, closes_in_days=-1)
    with pytest.raises(services.SurveyClosed):
        services.response_submit(survey=closed, answers=standard_answers(closed))
    later = make_survey(opens_in_days=2)
    with pytest.raises(services.SurveyClosed):
        services.response_submit(survey=later, answers=standard_answers(later))


def test_signed_in_mode_gives_one_response_per_account():
    survey = make_survey(mode=Mode.SIGNED_IN)
    with pytest.raises(NotPermitted):
        services.response_submit(survey=survey, answers=standard_answers(survey))
    user = UserFactory()
    services.response_submit(survey=survey, answers=standard_answers(survey), user=user)
    with pytest.raises(services.AlreadyAnswered):
        services.response_submit(survey=survey, answers=standard_answers(survey), user=user)
    assert Response.objects.count() == 1


def test_invitation_mode_gives_one_response_per_link():
    survey = make_survey(mode=Mode.INVITATION)
    (invitation,) = services.invitations_create(actor=None, survey=survey, labels=["Ishøj"])
    with pytest.raises(NotPermitted):
        services.response_submit(survey=survey, answers=standard_answers(survey))
    services.response_submit(survey=survey, answers=standard_answers(survey), invitation=invitation)
    with pytest.raises(services.AlreadyAnswered):
        services.response_submit(
            survey=survey, answers=standard_answers(survey), invitation=invitation
        )


def test_the_web_flow_saves_section_by_section_and_submits_once():
    user = UserFactory()
    survey = make_survey(mode=Mode.SIGNED_IN)
    data = standard_answers(survey)
    response = services.response_start(survey=survey, user=user)
    assert services.response_start(survey=survey, user=user) == response
    with pytest.raises(InvalidInput):
        services.response_save_section(response=response, section_index=0, data={}, user=user)
    services.response_save_section(response=response, section_index=0, data=data, user=user)
    response.refresh_from_db()
    assert response.section == 1 and response.status == ResponseStatus.DRAFT
    services.response_save_section(response=response, section_index=1, data=data, user=user)
    first = services.response_finish(response=response, user=user)
    again = services.response_finish(response=response, user=user)
    assert first.pk == again.pk and again.status == ResponseStatus.SUBMITTED
    assert Response.objects.count() == 1
    # Until it closes, the signed-in respondent may change an answer.
    data[q(survey, "Fase").key] = "Vekst"
    services.response_save_section(response=response, section_index=0, data=data, user=user)
    assert Answer.objects.get(question__text="Fase").option == "Vekst"


def test_finishing_drops_answers_that_a_changed_answer_now_hides():
    user = UserFactory()
    survey = make_survey(mode=Mode.SIGNED_IN)
    data = standard_answers(survey)
    response = services.response_start(survey=survey, user=user)
    services.response_save_section(response=response, section_index=0, data=data, user=user)
    services.response_save_section(response=response, section_index=1, data=data, user=user)
    data[q(survey, "Vil dere komme på samlinger?").key] = "no"
    services.response_save_section(response=response, section_index=1, data=data, user=user)
    services.response_finish(response=response, user=user)
    assert not Answer.objects.filter(question__text="Hvilke?").exists()


def test_edits_that_would_orphan_answers_are_refused_in_words():
    survey = make_survey()
    services.response_submit(survey=survey, answers=standard_answers(survey))
    proposed = [
        {
            "pk": question.pk,
            "kind": question.kind,
            "options": question.option_list,
            "allow_other": question.allow_other,
            "scale_max": question.scale_max,
            "min_value": question.min_value,
            "max_value": question.max_value,
        }
        for question in survey.questions.all()
    ]
    assert services.survey_check_change(survey, proposed) == []
    fase = next(p for p in proposed if p["pk"] == q(survey, "Fase").pk)
    fase["options"] = ["Idé", "Start", "Vekst"]  # "Oppstart" renamed
    scale = next(p for p in proposed if p["pk"] == q(survey, "Hvor nyttig er et nettverk?").pk)
    scale["scale_max"] = 3
    need = next(p for p in proposed if p["pk"] == q(survey, "Hva trenger dere?").pk)
    need["deleted"] = True
    with translation.override("en"):
        problems = services.survey_check_change(survey, proposed)
    assert len(problems) == 3
    assert any("Oppstart" in p for p in problems)
    assert any("Hva trenger dere?" in p and "deleted" in p for p in problems)
    # Adding an option, or a new question, is fine.
    fase["options"] = ["Idé", "Oppstart", "Vekst", "Moden"]
    scale["scale_max"] = 5
    need["deleted"] = False
    proposed.append({"pk": None, "kind": Kind.SHORT_TEXT, "options": []})
    assert services.survey_check_change(survey, proposed) == []


def test_a_persons_signed_in_answers_are_exported_and_deleted_with_the_account():
    from samspill.core.services import user_delete, user_export_data

    person = UserFactory()
    signed_in = make_survey(mode=Mode.SIGNED_IN, title="Med konto")
    services.response_submit(survey=signed_in, answers=standard_answers(signed_in), user=person)
    anonymous = make_survey(title="Anonym")
    services.response_submit(survey=anonymous, answers=standard_answers(anonymous))
    (exported,) = user_export_data(user=person)["surveys"]
    assert exported["survey"] == "Med konto" and exported["status"] == "submitted"
    assert {"question": "Fase", "option": "Oppstart"} in exported["answers"]
    # Anonymous answers point to nobody: they are neither exported nor deleted.
    user_delete(user=person)
    assert list(Response.objects.values_list("survey__title", flat=True)) == ["Anonym"]


def test_a_text_with_nul_is_stored_without_it(organisation):
    survey = make_survey(owner=organisation)
    data = standard_answers(survey, **{"Hvilke?": "Kon\x00serter"})
    data[f"{q(survey, 'Hva trenger dere?').key}_other"] = "\x00Lyd"
    response = services.response_submit(survey=survey, answers=data)
    texts = set(response.answers.exclude(text="").values_list("text", flat=True))
    assert texts == {"Konserter", "Lyd"}


def test_a_municipality_question_of_one_country_refuses_the_others(organisation):
    from samspill.core.models import Municipality

    Municipality.objects.get_or_create(country="NO", code="0301", defaults={"name": "Oslo"})
    Municipality.objects.get_or_create(country="DK", code="101", defaults={"name": "København"})
    survey = make_survey(owner=organisation)
    question = q(survey, "Kommune")
    question.municipality_country = "DK"
    question.save()
    with pytest.raises(InvalidInput) as error:
        services.response_submit(survey=survey, answers=standard_answers(survey, Kommune="0301"))
    assert error.value.details[0]["field"] == question.key
    response = services.response_submit(
        survey=survey, answers=standard_answers(survey, Kommune="101")
    )
    assert response.answers.filter(question=question, option="101").exists()
    problems = services.survey_check_change(
        survey, [{"pk": question.pk, "kind": "municipality", "options": [],
                  "municipality_country": "NO"}]
    )  # fmt: skip
    assert any(question.text in problem for problem in problems)


# --- Editors' writes ------------------------------------------------------------------------------


def test_survey_save_stores_the_survey_with_its_questions_and_audits():
    survey = make_survey()
    actor = UserFactory()
    survey.title = "Ny tittel"
    survey.questions.add(Question(kind=Kind.SHORT_TEXT, text="Til slutt?", sort_order=99))
    services.survey_save(actor=actor, survey=survey)
    assert Survey.objects.get(pk=survey.pk).title == "Ny tittel"
    assert survey.questions.filter(text="Til slutt?").exists()
    assert ModelLogEntry.objects.filter(
        action="surveys.survey.updated", object_id=str(survey.pk), user_id=actor.pk
    ).exists()


def test_survey_delete_refuses_a_survey_with_submitted_responses():
    survey = make_survey()
    services.response_submit(survey=survey, answers=standard_answers(survey))
    with pytest.raises(services.SurveyHasResponses):
        services.survey_delete(actor=UserFactory(), survey=survey)
    assert Survey.objects.filter(pk=survey.pk).exists()
