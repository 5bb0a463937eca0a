"""Surveys in the hub's search: listed ones (published, not by invitation only), never responses."""

import pytest

from samspill.surveys.models import Mode
from tests.answers.source_checks import assert_findable, committed, passages, rebuild_queries
from tests.core.factories import OrganisationFactory
from tests.surveys.factories import make_survey

pytestmark = pytest.mark.django_db


def test_a_listed_survey_is_found_by_its_title():
    owner = OrganisationFactory(name="Musikkontoret Nord")
    with committed():
        survey = make_survey(
            title="Kartlegging av øvingslokaler",
            owner=owner,
            introduction="Vi spør band om hvor de øver.",
            language="da",
        )
    answer_id = f"survey-{survey.pk}"
    assert_findable("Kartlegging av øvingslokaler", answer_id, "survey")
    (passage,) = passages(answer_id)
    assert passage.url == survey.get_absolute_url()
    assert passage.language == "da"
    assert "Musikkontoret Nord" in passage.text and "hvor de øver" in passage.text


def test_drafts_and_invitation_surveys_are_never_indexed_and_unpublishing_removes_one():
    with committed():
        draft = make_survey(title="Utkast", is_published=False)
        invited = make_survey(title="Kun for inviterte", mode=Mode.INVITATION)
        listed = make_survey(title="Åpen undersøkelse")
    assert passages(f"survey-{draft.pk}") == []
    assert passages(f"survey-{invited.pk}") == []
    with committed():
        listed.is_published = False
        listed.save()
    assert passages(f"survey-{listed.pk}") == []


def test_reading_surveys_for_a_rebuild_does_not_grow(queries):
    for n in range(2):
        make_survey(title=f"Undersøkelse {n}", spec=[])
    few = rebuild_queries(queries, "surveys.survey")
    for n in range(2, 7):
        make_survey(title=f"Undersøkelse {n}", spec=[])
    assert rebuild_queries(queries, "surveys.survey") == few
