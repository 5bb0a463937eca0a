"""Surveys' public pages in the anonymous page cache (core.pagecache): the list and the public
results are kept for visitors, a response submitted through the service (or a survey changed in
the admin) shows on the next request, and the cache never shows anyone more than they may see."""

import pytest
from django.test import override_settings
from django.utils import translation

from samspill.surveys import services
from samspill.surveys.models import Answer
from tests.core.factories import MembershipFactory, UserFactory
from tests.core.pagecache_checks import (
    fresh,
    get,
    shared_with,
    stored,
    text,
    without_personal_parts,
)
from tests.surveys.factories import make_survey, standard_answers
from tests.surveys.test_admin import edit_form_data

pytestmark = pytest.mark.django_db

LIST = "/sporreundersokelser/"


@pytest.fixture(autouse=True)
def _site(home_page, page_cache):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def submit(survey, n=1, **overrides):
    for _ in range(n):
        services.response_submit(survey=survey, answers=standard_answers(survey, **overrides))


def results_url(survey):
    # In English, to read the counts in the source strings.
    return f"/en/sporreundersokelser/{survey.slug}/resultater/"


@pytest.fixture
def survey(organisation):
    return make_survey(owner=organisation, slug="kartlegging", results_public=True)


def test_the_list_follows_a_survey_published_and_its_responses(survey):
    assert "Kartlegging av musikkteknologi" in text(stored(LIST))
    other = make_survey(title="Festivalundersøkelsen", slug="festival", is_published=False)
    assert get(LIST)[1] == "miss"  # any write to surveys
    other.is_published = True
    services.survey_save(actor=None, survey=other)
    assert "Festivalundersøkelsen" in text(fresh(LIST))
    assert get(LIST)[1] == "hit"
    submit(survey, 5)
    assert "5 svar" in text(fresh(LIST))


def test_the_results_follow_a_response_submitted_through_the_service(survey):
    submit(survey, 5)
    url = results_url(survey)
    assert "5 respondents have submitted an answer." in text(stored(url))
    submit(survey)
    assert "6 respondents have submitted an answer." in text(fresh(url))


def test_a_cross_tabulation_is_a_page_of_its_own(survey):
    submit(survey, 6)
    fase = survey.questions.get(text="Fase").key
    samlinger = survey.questions.get(text="Vil dere komme på samlinger?").key
    url = results_url(survey) + f"?rad={fase}&kolonne={samlinger}"
    assert '<caption id="results-crosstab-caption"' in text(stored(url))
    assert get(results_url(survey) + f"?kolonne={samlinger}&rad={fase}")[1] == "hit"
    submit(survey)
    assert "7 respondents" in text(fresh(url))


def test_hidden_free_text_leaves_the_visitors_results_on_the_next_request(survey):
    submit(survey, 5, **{"Hvilke?": "Konserter"})
    submit(survey, **{"Hvilke?": "Navn Navnesen, ring 99999999"})
    url = results_url(survey)
    assert "Navn Navnesen" in text(stored(url))
    services.answer_set_hidden(
        actor=None, answer=Answer.objects.get(text__startswith="Navn"), hidden=True
    )
    assert "Navn Navnesen" not in text(fresh(url))


def test_visitors_never_get_what_those_who_run_the_survey_see(client, survey, organisation):
    submit(survey, 3)  # fewer than five: withheld from the public
    url = results_url(survey)
    editor = MembershipFactory(organisation=organisation, role="editor").user
    client.force_login(editor)
    html = text(stored(url))
    assert "Fewer than 5 respondents." in html
    response, outcome = get(url, client)
    assert outcome == "bypass"
    assert "3 respondents have submitted an answer." in text(response)
    assert "You run this survey" in text(response)
    # A member who does not run it gets the visitors' copy: the public results, as their own page
    # would show them but for the header's account part.
    member = MembershipFactory(organisation=organisation, role="member").user
    client.force_login(member)
    response, outcome = get(url, client)
    assert outcome == "shared"
    assert "Fewer than 5 respondents." in text(response)
    assert "You run this survey" not in text(response)
    with override_settings(PAGE_CACHE=False):
        own = client.get(url)
    assert without_personal_parts(response.content) == without_personal_parts(own.content)
    # And the visitors' page is still the public one.
    assert "Fewer than 5 respondents." in text(get(url)[0])
    assert "You run this survey" not in text(get(url)[0])


def test_results_made_private_are_gone_for_visitors_on_the_next_request(survey):
    submit(survey, 5)
    url = results_url(survey)
    stored(url)
    survey.results_public = False
    services.survey_save(actor=None, survey=survey)
    response, outcome = get(url)
    assert response.status_code == 404
    assert outcome == "bypass"
    assert get(url)[1] == "bypass"  # a 404 is not kept


def test_the_results_follow_a_change_in_the_admin(client, hub_admin, survey):
    submit(survey, 5)
    url = results_url(survey)
    stored(url)
    client.force_login(hub_admin)
    data = edit_form_data(client, survey)
    data["title"] = "Ny tittel"
    response = client.post(f"/admin/surveys/edit/{survey.pk}/", data)
    assert response.status_code == 302, text(response)[:3000]
    assert "Results: Ny tittel" in text(fresh(url))


def test_signed_in_members_share_the_list(client, survey):
    stored(LIST)
    client.force_login(UserFactory())
    assert "Kartlegging av musikkteknologi" in text(shared_with(client, LIST))
