"""The surveys' municipality question offers the official lists grouped by fylke or region; a
survey in Danish offers Denmark's municipalities unless the question says otherwise."""

import pytest
from django.utils import translation

from samspill.core.questions import AnswerError
from samspill.core.questions.kinds import municipality_choices, offered_country
from samspill.surveys.forms import SectionForm
from samspill.surveys.models import Kind, Question
from tests.surveys.factories import make_survey

pytestmark = pytest.mark.django_db


def field_of(question):
    return SectionForm(questions=[question], section_question_ids={question.pk}).fields[
        question.key
    ]


def survey_with(language="nb", country=""):
    survey = make_survey(
        language=language, spec=[(Kind.MUNICIPALITY, "Hvor?", {"municipality_country": country})]
    )
    return survey, Question.objects.select_related("survey").get(survey=survey)


def test_norway_s_357_kommuner_under_their_15_fylker():
    _survey, question = survey_with(country="NO")
    choices = field_of(question).choices
    assert choices[0][0] == ""
    groups = dict(choices[1:])
    assert len(groups) == 15
    assert sum(len(options) for options in groups.values()) == 357
    assert ("4601", "Bergen") in groups["Vestland"]
    assert ("5612", "Guovdageaidnu - Kautokeino") in groups["Finnmark - Finnmárku - Finmarkku"]
    # Within a fylke by the plain name: Kautokeino after Karasjok's "Kárášjohka - Karasjok".
    finnmark = [code for code, _name in groups["Finnmark - Finnmárku - Finmarkku"]]
    assert finnmark.index("5610") < finnmark.index("5612")
    rendered = field_of(question).widget.render("q", "")
    assert '<optgroup label="Vestland">' in rendered


def test_a_danish_survey_offers_danish_municipalities_by_default():
    _survey, question = survey_with(language="da")
    assert offered_country(question) == "DK"
    groups = dict(field_of(question).choices[1:])
    assert set(groups) == {
        "Region Hovedstaden",
        "Region Midtjylland",
        "Region Nordjylland",
        "Region Sjælland",
        "Region Syddanmark",
    }
    assert sum(len(options) for options in groups.values()) == 98
    kind = question.engine
    assert kind.clean(question, "860") == [{"option": "860"}]
    with pytest.raises(AnswerError):
        kind.clean(question, "0301")
    # The question's own country wins; a Norwegian survey without one offers every country.
    _survey, norwegian = survey_with(language="da", country="NO")
    assert offered_country(norwegian) == "NO"
    _survey, everywhere = survey_with(language="nb")
    assert offered_country(everywhere) == ""
    with translation.override("en"):
        labels = [label for label, _options in field_of(everywhere).choices[1:]]
    assert "Vestland (Norway)" in labels and "Region Nordjylland (Denmark)" in labels


def test_the_choices_take_one_query(django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        choices = municipality_choices("NO")
    assert len(choices) == 16
