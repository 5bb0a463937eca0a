"""The survey builder in the admin: creating and editing a survey with its questions, who sees
which surveys, edits that would orphan answers, deleting, invitations, and bounded queries."""

import csv
import io

import pytest
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

from samspill.surveys import services
from samspill.surveys.models import Invitation, Kind, Mode, Question, Survey
from tests.core.factories import OrganisationFactory
from tests.surveys.factories import answer, make_survey, q, standard_answers

pytestmark = pytest.mark.django_db


def login(client, user):
    """Sign in with the admin in English (the strings below are the English source strings)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


def assert_refused(response):
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"].rstrip("/") in ("/admin", "") or "login" in response["Location"]


def urls(survey):
    return {
        "edit": f"/admin/surveys/edit/{survey.pk}/",
        "delete": f"/admin/surveys/delete/{survey.pk}/",
        "history": f"/admin/surveys/history/{survey.pk}/",
        "invitations": f"/admin/surveys/invitations/{survey.pk}/",
        "csv": f"/admin/surveys/invitations/{survey.pk}/links.csv",
    }


BOOLEAN_FIELDS = ("one_response", "results_public", "is_published")


def edit_form_data(client, survey):
    """The edit form as the browser would send it unchanged."""
    page = client.get(urls(survey)["edit"])
    assert page.status_code == 200
    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    for name in BOOLEAN_FIELDS:
        if name in data:
            data[name] = "on"
    for name in list(data):
        if name.endswith(("-required", "-allow_other")):
            data[name] = "on"
    return {key: data.getlist(key) for key in data}


def question_row(kind, text, **fields):
    row = {
        "kind": kind,
        "text": text,
        "help_text": "",
        "options": "",
        "scale_max": "5",
        "low_label": "",
        "high_label": "",
        "min_value": "",
        "max_value": "",
        "show_if_question": "",
        "show_if_value": "",
    }
    row.update({k: v for k, v in fields.items() if v is not False})
    return row


def survey_form_data(owner, **overrides):
    data = nested_form_data(
        {
            "questions": inline_formset(
                [
                    question_row(Kind.SECTION, "Om dere", help_text="Litt om dere."),
                    question_row(
                        Kind.SINGLE, "Fase", options="Idé\nOppstart\nVekst", required="on"
                    ),
                    question_row(Kind.SCALE, "Hvor fornøyd?", scale_max="10"),
                    question_row(Kind.YES_NO, "Kommer dere?"),
                ]
            )
        }
    )
    data.update(
        {
            "title": "Behovskartlegging",
            "slug": "behovskartlegging",
            "introduction": "Vi vil vite hva dere trenger.",
            "owner": owner.pk,
            "language": "nb",
            "opens_at": "",
            "closes_at": "",
            "mode": Mode.ANONYMOUS,
            "one_response": "on",
            "is_published": "on",
        }
    )
    data.update(overrides)
    return data


# --- Creating and editing -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["hub_admin", "org_editor"])
def test_a_survey_is_built_with_its_questions(client, organisation, request, who):
    person = request.getfixturevalue(who)
    login(client, person)
    assert client.get("/admin/surveys/new/").status_code == 200
    response = client.post("/admin/surveys/new/", survey_form_data(organisation))
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get(slug="behovskartlegging")
    assert response["Location"] == urls(survey)["edit"]
    assert survey.owner == organisation
    questions = list(survey.questions.all())
    assert [(x.kind, x.text, x.sort_order) for x in questions] == [
        (Kind.SECTION, "Om dere", 0),
        (Kind.SINGLE, "Fase", 1),
        (Kind.SCALE, "Hvor fornøyd?", 2),
        (Kind.YES_NO, "Kommer dere?", 3),
    ]
    assert questions[1].option_list == ["Idé", "Oppstart", "Vekst"]
    assert questions[1].required
    assert questions[2].scale_max == 10
    assert ModelLogEntry.objects.filter(
        action="surveys.survey.created", object_id=str(survey.pk), user_id=person.pk
    ).exists()

    # A second save sets a condition on an earlier question.
    data = edit_form_data(client, survey)
    yes_no, fase = q(survey, "Kommer dere?"), q(survey, "Fase")
    index = [x.pk for x in questions].index(yes_no.pk)
    options = querydict_from_html(
        client.get(urls(survey)["edit"]).content.decode(), form_id="w-editor-form"
    )
    assert options  # the form renders with the condition choices
    data[f"questions-{index}-show_if_question"] = [str(fase.pk)]
    data[f"questions-{index}-show_if_value"] = ["Vekst"]
    data["title"] = ["Behovskartlegging 2026"]
    response = client.post(urls(survey)["edit"], data)
    assert response.status_code == 302, response.content.decode()[:3000]
    yes_no.refresh_from_db()
    assert yes_no.show_if_question == fase
    assert yes_no.show_if_value == "Vekst"
    survey.refresh_from_db()
    assert survey.title == "Behovskartlegging 2026"
    assert ModelLogEntry.objects.filter(
        action="surveys.survey.updated", object_id=str(survey.pk), user_id=person.pk
    ).exists()


def test_a_condition_must_point_to_an_earlier_question_of_the_same_survey(
    client, hub_admin, organisation
):
    survey = make_survey(owner=organisation)
    other = make_survey(title="Annen")
    login(client, hub_admin)
    html = client.get(urls(survey)["edit"]).content.decode()
    assert q(other, "Fase").text in html  # the same texts, but …
    first = q(survey, "Hva slags virksomhet er dere?")
    data = edit_form_data(client, survey)
    # … the first question may depend neither on a later one nor on another survey's.
    later = q(survey, "Fase")
    for target in (later, q(other, "Fase")):
        changed = dict(data)
        changed["questions-1-show_if_question"] = [str(target.pk)]
        changed["questions-1-show_if_value"] = ["Idé"]
        response = client.post(urls(survey)["edit"], changed)
        assert response.status_code == 200
        first.refresh_from_db()
        assert first.show_if_question is None


def test_model_errors_of_questions_are_shown(client, hub_admin, organisation):
    login(client, hub_admin)
    data = survey_form_data(organisation)
    data["questions-1-options"] = "Bare én"
    response = client.post("/admin/surveys/new/", data)
    assert response.status_code == 200
    assert "A choice needs at least two options." in response.content.decode()
    assert not Survey.objects.filter(slug="behovskartlegging").exists()


def test_an_editor_builds_surveys_only_for_their_own_organisations(
    client, org_editor, organisation
):
    other = OrganisationFactory(name="Fremmed Forlag")
    login(client, org_editor)
    form = client.get("/admin/surveys/new/").content.decode()
    assert organisation.name in form
    assert other.name not in form
    response = client.post("/admin/surveys/new/", survey_form_data(other))
    assert response.status_code == 200
    assert not Survey.objects.filter(slug="behovskartlegging").exists()


def test_an_editor_sees_and_runs_only_their_organisations_surveys(client, org_editor, organisation):
    own = make_survey(title="Vår kartlegging", owner=organisation, mode=Mode.INVITATION)
    foreign = make_survey(title="Fremmed kartlegging", mode=Mode.INVITATION)
    login(client, org_editor)
    assert "/admin/surveys/" in client.get("/admin/").content.decode()  # the menu
    html = client.get("/admin/surveys/").content.decode()
    assert "Vår kartlegging" in html
    assert "Fremmed kartlegging" not in html
    assert client.get(urls(own)["edit"]).status_code == 200
    assert client.get(urls(own)["invitations"]).status_code == 200
    for url in urls(foreign).values():
        assert_refused(client.get(url))
    data = survey_form_data(organisation, title="Kapret")
    assert_refused(client.post(urls(foreign)["edit"], data))
    assert_refused(client.post(urls(foreign)["invitations"], {"labels": "Snik"}))
    assert_refused(client.post(urls(foreign)["delete"]))
    foreign.refresh_from_db()
    assert foreign.title == "Fremmed kartlegging"
    assert not foreign.invitations.exists()


@pytest.mark.parametrize("who", ["org_member", "user"])
def test_members_and_strangers_get_no_surveys(client, organisation, request, who):
    survey = make_survey(owner=organisation)
    person = request.getfixturevalue(who)
    person.is_staff = True  # even with access to the admin
    person.save()
    login(client, person)
    assert_refused(client.get("/admin/surveys/"))
    assert_refused(client.get("/admin/surveys/new/"))
    for url in urls(survey).values():
        assert_refused(client.get(url))


# --- Answers are never orphaned -------------------------------------------------------------------


def test_an_edit_that_would_orphan_answers_is_refused_and_nothing_changes(
    client, org_editor, organisation
):
    survey = make_survey(owner=organisation)
    answer(survey, standard_answers(survey))
    login(client, org_editor)
    before = list(survey.questions.values_list("pk", "text", "options", "sort_order"))
    data = edit_form_data(client, survey)
    fase = q(survey, "Fase")
    index = [pk for pk, *_rest in before].index(fase.pk)
    data[f"questions-{index}-options"] = ["Idé\nTidlig fase\nVekst"]  # "Oppstart" has an answer
    data["title"] = ["Nytt navn"]
    response = client.post(urls(survey)["edit"], data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "the options “Oppstart” have answers and cannot be removed or renamed" in html
    survey.refresh_from_db()
    assert survey.title == "Kartlegging av musikkteknologi"
    assert list(survey.questions.values_list("pk", "text", "options", "sort_order")) == before


def test_deleting_an_answered_question_is_refused(client, org_editor, organisation):
    survey = make_survey(owner=organisation)
    answer(survey, standard_answers(survey))
    login(client, org_editor)
    before = list(survey.questions.values_list("pk", flat=True))
    data = edit_form_data(client, survey)
    index = before.index(q(survey, "Fase").pk)
    data[f"questions-{index}-DELETE"] = ["1"]
    response = client.post(urls(survey)["edit"], data)
    assert response.status_code == 200
    assert "“Fase” has answers and cannot be deleted." in response.content.decode()
    assert list(survey.questions.values_list("pk", flat=True)) == before


def test_adding_options_and_deleting_an_unanswered_question_is_fine(
    client, org_editor, organisation
):
    survey = make_survey(owner=organisation)
    answer(survey, standard_answers(survey))
    login(client, org_editor)
    pks = list(survey.questions.values_list("pk", flat=True))
    data = edit_form_data(client, survey)
    fase = q(survey, "Fase")
    data[f"questions-{pks.index(fase.pk)}-options"] = ["Idé\nOppstart\nVekst\nEtablert"]
    data[f"questions-{pks.index(q(survey, 'Noe annet?').pk)}-DELETE"] = ["1"]
    response = client.post(urls(survey)["edit"], data)
    assert response.status_code == 302, response.content.decode()[:3000]
    fase.refresh_from_db()
    assert fase.option_list == ["Idé", "Oppstart", "Vekst", "Etablert"]
    assert not Question.objects.filter(survey=survey, text="Noe annet?").exists()


def test_a_survey_with_responses_is_not_deleted(client, org_editor, organisation):
    survey = make_survey(owner=organisation)
    answer(survey, standard_answers(survey))
    login(client, org_editor)
    for method in (client.get, client.post):
        response = method(urls(survey)["delete"], follow=True)
        assert response.status_code == 200
        assert "has 1 submitted response and cannot be deleted" in response.content.decode()
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_a_question_answered_meanwhile_stops_the_save_without_a_server_error(
    client, org_editor, organisation, monkeypatch
):
    survey = make_survey(owner=organisation)
    answer(survey, standard_answers(survey))
    login(client, org_editor)
    pks = list(survey.questions.values_list("pk", flat=True))
    data = edit_form_data(client, survey)
    data[f"questions-{pks.index(q(survey, 'Fase').pk)}-DELETE"] = ["1"]
    data["title"] = ["Nytt navn"]
    # The check saw no answers; the answers came between the check and the save.
    monkeypatch.setattr(services, "survey_check_change", lambda survey, questions: [])
    response = client.post(urls(survey)["edit"], data)
    assert response.status_code == 200
    assert "A question you removed has answers now." in response.content.decode()
    assert list(survey.questions.values_list("pk", flat=True)) == pks
    survey.refresh_from_db()
    assert survey.title == "Kartlegging av musikkteknologi"


def test_a_survey_without_responses_is_deleted_with_an_audit_entry(
    client, org_editor, organisation
):
    survey = make_survey(owner=organisation)
    draft = services.response_start(survey=survey, browser_key="nettleser")
    services.response_save_section(
        response=draft, section_index=0, data=standard_answers(survey, Kommune="")
    )
    assert draft.answers.exists()
    login(client, org_editor)
    assert client.get(urls(survey)["delete"]).status_code == 200
    response = client.post(urls(survey)["delete"])
    assert response.status_code == 302
    assert not Survey.objects.filter(pk=survey.pk).exists()
    assert ModelLogEntry.objects.filter(
        action="surveys.survey.deleted", object_id=str(survey.pk), user_id=org_editor.pk
    ).exists()


# --- Invitations ----------------------------------------------------------------------------------


def test_invitations_are_created_listed_and_downloaded(client, org_editor, organisation):
    survey = make_survey(owner=organisation, mode=Mode.INVITATION)
    login(client, org_editor)
    response = client.post(
        urls(survey)["invitations"],
        {"labels": "Bergen kommune\n\nkari@example.org\n=SUM(A1)\n"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    invitations = list(Invitation.objects.filter(survey=survey).order_by("pk"))
    assert [i.label for i in invitations] == ["Bergen kommune", "kari@example.org", "=SUM(A1)"]
    assert invitations[1].email == "kari@example.org"
    answer(survey, standard_answers(survey), invitation=invitations[0])

    html = client.get(urls(survey)["invitations"]).content.decode()
    for invitation in invitations:
        assert invitation.token in html
    assert 'data-answered="yes"' in html
    assert html.count('data-answered="no"') == 2
    assert "1 of 3 links answered." in html

    download = client.get(urls(survey)["csv"])
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["For", "Email address", "Link", "Answered"]
    assert [r[0] for r in rows[1:]] == ["Bergen kommune", "kari@example.org", "'=SUM(A1)"]
    assert [r[3] for r in rows[1:]] == ["yes", "no", "no"]
    for row, invitation in zip(rows[1:], invitations, strict=True):
        assert invitation.token in row[2]
    assert ModelLogEntry.objects.filter(action="surveys.invitations.created").exists()


def test_invitations_need_invitation_mode_and_some_lines(client, org_editor, organisation):
    anonymous = make_survey(owner=organisation)
    invited = make_survey(owner=organisation, mode=Mode.INVITATION)
    login(client, org_editor)
    response = client.post(urls(anonymous)["invitations"], {"labels": "Kari"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    response = client.post(urls(invited)["invitations"], {"labels": "\n  \n"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


# --- Bounded queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["org_editor", "hub_admin"])
def test_survey_index_runs_a_bounded_number_of_queries(client, organisation, queries, request, who):
    survey = make_survey(owner=organisation)
    answer(survey, standard_answers(survey))
    login(client, request.getfixturevalue(who))
    assert client.get("/admin/surveys/").status_code == 200
    few = queries.count(lambda: client.get("/admin/surveys/"))
    for i in range(6):
        more = make_survey(owner=organisation, mode=Mode.INVITATION, title=f"Kartlegging {i}")
        answer(more, standard_answers(more), invitation=more.invitations.create(label="X"))
    response = client.get("/admin/surveys/")
    assert response.status_code == 200
    assert response.content.decode().count("Kartlegging ") >= 6
    many = queries.count(lambda: client.get("/admin/surveys/"))
    assert many == few


def test_edit_and_invitation_screens_run_a_bounded_number_of_queries(
    client, org_editor, organisation, queries
):
    survey = make_survey(owner=organisation, mode=Mode.INVITATION)
    login(client, org_editor)
    client.post(urls(survey)["invitations"], {"labels": "A\nB"})
    client.get(urls(survey)["invitations"])
    few = queries.count(lambda: client.get(urls(survey)["invitations"]))
    client.post(urls(survey)["invitations"], {"labels": "\n".join(f"P{i}" for i in range(20))})
    for invitation in survey.invitations.all()[:5]:
        answer(survey, standard_answers(survey), invitation=invitation)
    assert queries.count(lambda: client.get(urls(survey)["invitations"])) == few


def test_the_builder_restricts_a_municipality_question_to_one_country(
    client, org_editor, organisation
):
    survey = make_survey(owner=organisation)
    login(client, org_editor)
    data = edit_form_data(client, survey)
    questions = list(survey.questions.all())
    index = [x.pk for x in questions].index(q(survey, "Kommune").pk)
    assert f"questions-{index}-municipality_country" in data
    data[f"questions-{index}-municipality_country"] = ["DK"]
    response = client.post(urls(survey)["edit"], data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert q(survey, "Kommune").municipality_country == "DK"


# --- The address is made from the title (issue 18) ------------------------------------------------


def test_a_new_surveys_address_is_made_from_its_title_and_kept_unique(
    client, organisation, org_editor
):
    login(client, org_editor)
    make_survey(owner=organisation, title="Noe annet", slug="kartlegging-av-behov-2027")
    response = client.post(
        "/admin/surveys/new/",
        survey_form_data(organisation, title="Kartlegging av behov 2027", slug=""),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get(title="Kartlegging av behov 2027")
    assert survey.slug == "kartlegging-av-behov-2027-2"
    response = client.post(
        "/admin/surveys/new/",
        survey_form_data(organisation, title="Spørsmål om lyd", slug="egen-adresse"),
    )
    assert response.status_code == 302
    assert Survey.objects.filter(slug="egen-adresse", title="Spørsmål om lyd").exists()


def test_the_slug_may_be_left_empty_in_the_builder(client, organisation, org_editor):
    login(client, org_editor)
    html = client.get("/admin/surveys/new/").content.decode()
    assert 'name="slug"' in html
    assert not __import__("re").search(r'<input[^>]*name="slug"[^>]*required', html)


def test_a_survey_saves_unchanged_from_its_builder(client, organisation, org_editor):
    survey = make_survey(owner=organisation)
    login(client, org_editor)
    before = (survey.slug, list(survey.questions.values_list("pk", "text", "show_if_question")))
    response = client.post(urls(survey)["edit"], edit_form_data(client, survey))
    assert response.status_code == 302
    survey.refresh_from_db()
    after = (survey.slug, list(survey.questions.values_list("pk", "text", "show_if_question")))
    assert after == before
