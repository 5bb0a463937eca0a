"""The results' tallies (surveys.tallies): the unfiltered counts kept by the services that write
answers are exactly what counting in SQL gives, a new answer shows on the next request, and a
write around the services is noticed."""

import pytest
from django.test import Client
from django.utils import translation

from samspill.surveys import results, services, tallies
from samspill.surveys.models import Mode, Response, ResponseStatus, ResultsTally
from tests.core.factories import UserFactory
from tests.surveys.factories import make_survey, q, standard_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def submit(survey, n=1, extra=None, **overrides):
    for _ in range(n):
        data = standard_answers(survey, **overrides)
        data.update(extra or {})
        services.response_submit(survey=survey, answers=data)


def known(survey):
    """Twelve respondents: Oppstart 7 (5 want to come), Idé 4 (none want to), Vekst 1."""
    submit(survey, 5, **{"Fase": "Oppstart"})
    submit(survey, 2, **{"Fase": "Oppstart", "Vil dere komme på samlinger?": "no"})
    submit(
        survey,
        4,
        **{
            "Fase": "Idé",
            "Vil dere komme på samlinger?": "no",
            "Hva trenger dere?": ["Mentor"],
            "Hvor nyttig er et nettverk?": 2,
        },
    )
    submit(survey, 1, **{"Fase": "Vekst", "Hva trenger dere?": []})


def figures(summary):
    """Everything a summary shows, without its model instances."""
    return (
        summary.respondents,
        summary.withheld,
        [
            (
                r.key,
                r.answered,
                r.withheld,
                repr(r.bars),
                r.mean,
                r.minimum,
                r.median,
                r.maximum,
                repr(r.rows),
                repr(r.texts),
                r.text_count,
            )
            for r in summary.questions
        ],
    )


def table(crosstab):
    return (
        [(c.key, c.count) for c in crosstab.columns],
        {row.key: (row.count, cells) for row, cells in crosstab.rows},
        crosstab.total,
        crosstab.withheld,
    )


PAIRS = [
    ("Fase", "Vil dere komme på samlinger?"),
    ("Fase", "Hva trenger dere?"),
    ("Hva trenger dere?", "Fase"),
    ("Hvor nyttig er et nettverk?", "Hva slags virksomhet er dere?"),
]


def everything(survey):
    """The unfiltered results, editors' and public, and the cross-tabulations of PAIRS."""
    return (
        figures(results.summary(survey, public=False)),
        figures(results.summary(survey, public=True)),
        [
            table(results.crosstab(survey, q(survey, a), q(survey, b), public=False))
            for a, b in PAIRS
        ],
    )


def counted_afresh(survey):
    """`everything` counted in SQL (no tally), and the tally's counts made afresh."""
    ResultsTally.objects.filter(survey=survey).delete()
    found = everything(survey)
    return found, ResultsTally.objects.get(survey=survey).counts


def test_the_cross_tabulation_figures_from_the_tally_are_the_counted_ones(survey_known):
    survey = survey_known
    phase, come = q(survey, "Fase"), q(survey, "Vil dere komme på samlinger?")
    expected = (
        [("yes", 6), ("no", 6)],
        {"Idé": (4, [0, 4]), "Oppstart": (7, [5, 2]), "Vekst": (1, [1, 0])},
        12,
        False,
    )
    results.summary(survey, public=False)  # counts and keeps the tally
    assert table(results.crosstab(survey, phase, come, public=False)) == expected  # counted
    assert "pairs" in ResultsTally.objects.get(survey=survey).counts
    assert table(results.crosstab(survey, phase, come, public=False)) == expected  # kept
    # Public: groups under five hidden, "no answer" a row and a column, complementary cells.
    public = results.crosstab(survey, phase, come, public=True)
    assert table(public) == (
        [("yes", 6), ("no", 6), ("", 0)],
        {
            "Idé": (None, [0, None, 0]),
            # 2 is hidden, so 5 goes with it (the row total would give it back).
            "Oppstart": (7, [None, None, 0]),
            "Vekst": (None, [None, 0, 0]),
            "": (0, [0, 0, 0]),
        },
        12,
        False,
    )
    needs = q(survey, "Hva trenger dere?")
    expected_needs = {
        "Idé": (4, [0, 4, 0, 0, 0]),
        "Oppstart": (14, [7, 7, 0, 0, 0]),
        "Vekst": (0, [0, 0, 0, 0, 0]),
    }
    for _ in range(2):
        assert table(results.crosstab(survey, phase, needs, public=False))[1] == expected_needs
    # One more answer through the service: the next read has it.
    submit(survey, **{"Fase": "Vekst", "Vil dere komme på samlinger?": "no"})
    assert table(results.crosstab(survey, phase, come, public=False))[1]["Vekst"] == (2, [1, 1])
    assert table(results.crosstab(survey, phase, needs, public=False))[1]["Vekst"] == (
        2,
        [1, 1, 0, 0, 0],
    )


@pytest.fixture
def survey_known(organisation):
    survey = make_survey(owner=organisation, results_public=True)
    known(survey)
    return survey


def test_the_kept_tally_equals_counting_afresh_after_every_kind_of_write(organisation):
    survey = make_survey(owner=organisation, results_public=True, mode=Mode.SIGNED_IN)
    people = [UserFactory() for _ in range(14)]

    def answer(person, **overrides):
        return services.response_submit(
            survey=survey, answers=standard_answers(survey, **overrides), user=person
        )

    for person in people[:8]:
        answer(person)
    for person in people[8:11]:
        answer(person, **{"Fase": "Idé", "Hva trenger dere?": ["Mentor"], "Antall ansatte": 40})
    everything(survey)  # the tally and its pairs
    assert tallies.current(survey)[0] is not None

    # A new response with an "other" answer, through the service.
    needs = q(survey, "Hva trenger dere?")
    answer(people[11], **{"Hva trenger dere?": ["Mentor"]})
    # A draft finished through the web form's services.
    draft = services.response_start(survey=survey, user=people[12])
    data = standard_answers(survey, **{"Fase": "Vekst", "Hvor nyttig er et nettverk?": 1})
    data[f"{needs.key}_other"] = "Lydteknikere"
    data[needs.key] = ["__other__"]
    for index in range(len(services.sections_of(survey))):
        services.response_save_section(
            response=draft, section_index=index, data=data, user=people[12]
        )
    services.response_finish(response=draft, user=people[12])
    # A draft that is never finished counts nowhere.
    unfinished = services.response_start(survey=survey, user=people[13])
    services.response_save_section(response=unfinished, section_index=0, data=data, user=people[13])
    # Its owner changes a submitted response.
    mine = Response.objects.get(survey=survey, user=people[0])
    services.response_save_section(
        response=mine,
        section_index=0,
        data=standard_answers(survey, **{"Fase": "Vekst", "Antall ansatte": 7}),
        user=people[0],
    )
    # A free text hidden from the public.
    text = mine.answers.filter(question=q(survey, "Hvilke?")).get()
    services.answer_set_hidden(actor=None, answer=text, hidden=True)

    assert tallies.current(survey)[0] is not None, "the services kept the tally current"
    kept_counts = ResultsTally.objects.get(survey=survey).counts
    kept = everything(survey)
    afresh, afresh_counts = counted_afresh(survey)
    assert kept == afresh
    assert kept_counts == afresh_counts
    summary = results.summary(survey, public=False)
    assert summary.respondents == 13
    phase = summary.by_key()[q(survey, "Fase").key]
    assert {b.key: b.count for b in phase.bars} == {"Idé": 3, "Oppstart": 8, "Vekst": 2}


def test_a_write_around_the_services_is_noticed(survey_known):
    survey = survey_known
    phase, come = q(survey, "Fase"), q(survey, "Vil dere komme på samlinger?")
    before = everything(survey)
    assert tallies.current(survey)[0] is not None
    # A response deleted in the database (as a cascade would): the tally no longer matches.
    Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED).order_by(
        "pk"
    ).first().delete()
    assert tallies.current(survey)[0] is None
    after = everything(survey)
    assert after != before and after[0][0] == 11
    assert after == counted_afresh(survey)[0]
    # The next write through a service keeps the tally counted afresh.
    submit(survey, **{"Fase": "Idé"})
    assert tallies.current(survey)[0] is not None
    assert table(results.crosstab(survey, phase, come, public=False))[2] == 12
    assert everything(survey) == counted_afresh(survey)[0]


def test_a_new_answer_shows_on_the_next_request_of_the_results_page(survey_known):
    survey = survey_known
    phase, come = q(survey, "Fase"), q(survey, "Vil dere komme på samlinger?")
    client = Client()
    url = f"/sporreundersokelser/{survey.slug}/resultater/?rad={phase.key}&kolonne={come.key}"

    def total():
        html = client.get(url).content.decode()
        crosstab = html.split('id="results-crosstab"')[1].split("</table>")[0]
        return crosstab.split("<tfoot>")[1].split("</td></tr>")[0].rsplit("<td>", 1)[1]

    assert total() == "12"
    assert tallies.current(survey)[0] is not None
    submit(survey, 3, **{"Fase": "Vekst"})
    assert total() == "15"
