"""Survey results: counts, shares and means in SQL, cross-tabulations, filters, small-group
suppression, hiding free text, the results page and the API."""

import pytest
from django.test import Client
from django.utils import translation

from samspill.surveys import results, services
from samspill.surveys.models import Answer, Kind
from tests.core.factories import MunicipalityFactory, UserFactory
from tests.surveys.factories import make_survey, q, standard_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def submit(survey, n=1, extra=None, **overrides):
    """n submitted responses with the standard answers (overrides by question text)."""
    for _ in range(n):
        data = standard_answers(survey, **overrides)
        data.update(extra or {})
        services.response_submit(survey=survey, answers=data)


def page_url(survey):
    return f"/sporreundersokelser/{survey.slug}/resultater/"


def result_of(summary, survey, text):
    return summary.by_key()[q(survey, text).key]


def counts(result):
    return {bar.key: bar.count for bar in result.bars}


@pytest.fixture
def survey(organisation):
    return make_survey(owner=organisation, results_public=True)


def mixed(survey):
    """Ten respondents: 6 at Oppstart, 3 at Idé, 1 at Vekst, with different needs and scales."""
    submit(survey, 6, **{"Fase": "Oppstart", "Hvor nyttig er et nettverk?": 5})
    submit(
        survey,
        3,
        **{
            "Fase": "Idé",
            "Hva trenger dere?": ["Mentor"],
            "Hvor nyttig er et nettverk?": 2,
            "Antall ansatte": 1,
            "Hvor viktig er": {"Kapital": 1},
        },
    )
    submit(
        survey,
        1,
        **{
            "Fase": "Vekst",
            "Hva trenger dere?": [],
            "Vil dere komme på samlinger?": "no",
            "Antall ansatte": 40,
        },
    )


# --- Counting ---------------------------------------------------------------------------------


def test_counts_and_shares_in_the_options_order(survey):
    mixed(survey)
    summary = results.summary(survey, public=False)
    assert summary.respondents == 10 and not summary.withheld
    phase = result_of(summary, survey, "Fase")
    assert [bar.key for bar in phase.bars] == ["Idé", "Oppstart", "Vekst"]
    assert counts(phase) == {"Idé": 3, "Oppstart": 6, "Vekst": 1}
    assert [bar.share for bar in phase.bars] == [0.3, 0.6, 0.1]
    assert phase.answered == 10
    yes_no = result_of(summary, survey, "Vil dere komme på samlinger?")
    assert [(bar.label, bar.count) for bar in yes_no.bars] == [("Ja", 9), ("Nei", 1)]
    kind = result_of(summary, survey, "Hva slags virksomhet er dere?")
    startup = next(bar for bar in kind.bars if bar.key == "startup")
    assert startup.count == 10 and startup.label == "Oppstartsselskap"


def test_multiple_choice_counts_each_option_and_other(survey):
    mixed(survey)
    key = q(survey, "Hva trenger dere?").key
    submit(survey, extra={f"{key}_other": "Lydteknikere"}, **{"Hva trenger dere?": ["Mentor"]})
    summary = results.summary(survey, public=False)
    needs = result_of(summary, survey, "Hva trenger dere?")
    # The respondent at Vekst chose nothing: 10 of 11 answered.
    assert needs.answered == 10
    assert counts(needs) == {
        "Investering": 6,
        "Mentor": 10,
        "Markedsføring": 0,
        "Juridisk hjelp": 0,
        "__other__": 1,
    }
    assert needs.bars[-1].label == "Annet" or needs.bars[-1].label == "Other"
    assert [t.text for t in needs.texts] == ["Lydteknikere"] and needs.texts[0].other


def test_scale_mean_and_distribution_number_figures_and_matrix(survey):
    mixed(survey)
    summary = results.summary(survey, public=False)
    scale = result_of(summary, survey, "Hvor nyttig er et nettverk?")
    assert counts(scale) == {"1": 0, "2": 3, "3": 0, "4": 1, "5": 6}
    assert scale.mean == pytest.approx((3 * 2 + 4 + 6 * 5) / 10)
    assert scale.bars[0].label == "1 (Lite)" and scale.bars[-1].label == "5 (Svært)"
    number = result_of(summary, survey, "Antall ansatte")
    assert (number.answered, number.minimum, number.maximum) == (10, 1, 40)
    assert number.mean == pytest.approx((6 * 3 + 3 * 1 + 40) / 10)
    assert number.median == 3
    matrix = result_of(summary, survey, "Hvor viktig er")
    capital, competence = matrix.rows
    assert capital.count == 10 and capital.mean == pytest.approx((7 * 5 + 3 * 1) / 10)
    assert {b.key: b.count for b in capital.bars} == {"1": 3, "2": 0, "3": 0, "4": 0, "5": 7}
    # The three at Idé answered only the first row.
    assert competence.count == 7 and competence.mean == 3
    assert matrix.answered == 10


def test_the_median_of_an_even_count_is_the_middle_pair(survey):
    submit(survey, 2, **{"Antall ansatte": 2})
    submit(survey, 2, **{"Antall ansatte": 5})
    number = result_of(results.summary(survey, public=False), survey, "Antall ansatte")
    assert number.median == 3.5


def test_municipalities_are_named(survey):
    MunicipalityFactory(code="0301", name="Oslo")
    submit(survey, 5, **{"Kommune": "0301"})
    result = result_of(results.summary(survey, public=False), survey, "Kommune")
    assert [(bar.key, bar.label, bar.count) for bar in result.bars] == [("0301", "Oslo", 5)]


def test_drafts_do_not_count(survey):
    submit(survey, 6)
    draft = services.response_start(survey=survey, browser_key="abc")
    data = standard_answers(survey, **{"Fase": "Vekst", "Antall ansatte": 900})
    services.response_save_section(response=draft, section_index=0, data=data)
    assert Answer.objects.filter(response=draft).exists()
    for filtered in (None, (q(survey, "Vil dere komme på samlinger?"), "yes")):
        summary = results.summary(survey, public=False, filter=filtered)
        assert summary.respondents == 6
        assert counts(result_of(summary, survey, "Fase"))["Vekst"] == 0
        assert result_of(summary, survey, "Antall ansatte").maximum == 3
        table = results.crosstab(
            survey,
            q(survey, "Fase"),
            q(survey, "Hva slags virksomhet er dere?"),
            public=False,
            filter=filtered,
        )
        assert table.total == 6


# --- Filtering and cross-tabulation -------------------------------------------------------------


def test_filter_by_an_option_or_a_scale_value(survey):
    mixed(survey)
    phase = q(survey, "Fase")
    summary = results.summary(survey, public=False, filter=(phase, "Idé"))
    assert summary.respondents == 3
    assert counts(result_of(summary, survey, "Hvor nyttig er et nettverk?"))["2"] == 3
    scale = q(survey, "Hvor nyttig er et nettverk?")
    summary = results.summary(survey, public=False, filter=(scale, 5))
    assert summary.respondents == 6
    assert counts(result_of(summary, survey, "Fase")) == {"Idé": 0, "Oppstart": 6, "Vekst": 0}
    parsed = results.parse_filter(list(survey.questions.all()), f"{phase.key}:Vekst")
    assert parsed.value == "Vekst" and parsed.question == phase
    assert results.parse_filter(list(survey.questions.all()), f"{phase.key}:Moden") is None
    assert results.parse_filter(list(survey.questions.all()), "q999999:yes") is None


def test_crosstab_of_single_by_multiple_choice_counts_in_one_query_after_the_tally_check(
    survey, queries
):
    mixed(survey)
    phase, needs = q(survey, "Fase"), q(survey, "Hva trenger dere?")
    # The tally's check (the responses' count and latest change, the tally) and the count: no
    # tally yet.
    with queries(4):
        table = results.crosstab(survey, phase, needs, public=False)
    assert table.multiple
    assert [c.key for c in table.columns] == [
        "Investering",
        "Mentor",
        "Markedsføring",
        "Juridisk hjelp",
        "__other__",
    ]
    cells = {row.key: cells for row, cells in table.rows}
    assert cells["Oppstart"] == [6, 6, 0, 0, 0]
    assert cells["Idé"] == [0, 3, 0, 0, 0]
    assert cells["Vekst"] == [0, 0, 0, 0, 0]
    assert [c.count for c in table.columns] == [6, 9, 0, 0, 0]
    assert {row.key: row.count for row, _cells in table.rows} == {
        "Idé": 3,
        "Oppstart": 12,
        "Vekst": 0,
    }
    assert table.total == 15


def test_crosstab_of_scale_by_yes_no_with_a_filter(survey):
    mixed(survey)
    scale, yes_no = (
        q(survey, "Hvor nyttig er et nettverk?"),
        q(survey, "Vil dere komme på samlinger?"),
    )
    table = results.crosstab(survey, scale, yes_no, public=False)
    cells = {row.key: cells for row, cells in table.rows}
    assert cells["5"] == [6, 0] and cells["2"] == [3, 0] and cells["4"] == [0, 1]
    filtered = results.crosstab(
        survey, scale, yes_no, public=False, filter=(q(survey, "Fase"), "Idé")
    )
    assert filtered.total == 3


# --- Small groups -------------------------------------------------------------------------------


def test_public_results_are_withheld_below_five_respondents(survey):
    submit(survey, 4)
    public = results.summary(survey, public=True)
    assert public.withheld and public.questions == [] and public.respondents is None
    editor = results.summary(survey, public=False)
    assert not editor.withheld and editor.respondents == 4


def test_public_counts_below_five_are_suppressed_with_their_shares(survey):
    mixed(survey)
    phase = result_of(results.summary(survey, public=True), survey, "Fase")
    assert [(b.count, b.share) for b in phase.bars] == [(None, None), (6, 0.6), (None, None)]
    editor = result_of(results.summary(survey, public=False), survey, "Fase")
    assert [b.count for b in editor.bars] == [3, 6, 1]
    table = results.crosstab(
        survey, q(survey, "Fase"), q(survey, "Vil dere komme på samlinger?"), public=True
    )
    cells = {row.key: (row.count, cells) for row, cells in table.rows}
    # "No answer" is a row and a column; "Nei" is 1, so "Ja" (9) goes with it: the total (10)
    # less "Ja" would give it away.
    assert cells["Idé"] == (None, [None, 0, 0]) and cells["Oppstart"] == (6, [6, 0, 0])
    assert cells[results.NO_ANSWER] == (0, [0, 0, 0])
    assert [c.count for c in table.columns] == [None, None, 0]
    assert table.total == 10


def test_a_lone_small_count_takes_another_with_it_in_public(survey):
    submit(survey, 3, **{"Vil dere komme på samlinger?": "no"})
    submit(survey, 20, **{"Vil dere komme på samlinger?": "yes"})
    yes_no = result_of(results.summary(survey, public=True), survey, "Vil dere komme på samlinger?")
    # 23 answered less 20 "yes" would be the three "no": "yes" is hidden too.
    assert counts(yes_no) == {"yes": None, "no": None} and yes_no.answered == 23
    editor = result_of(
        results.summary(survey, public=False), survey, "Vil dere komme på samlinger?"
    )
    assert counts(editor) == {"yes": 20, "no": 3}


def test_a_small_no_answer_hides_the_answered_count_and_shares(survey):
    submit(survey, 3, **{"Hvor nyttig er et nettverk?": None})
    submit(survey, 10, **{"Hvor nyttig er et nettverk?": 4})
    scale = result_of(results.summary(survey, public=True), survey, "Hvor nyttig er et nettverk?")
    # 13 respondents less 10 answered would be the three who did not answer.
    assert scale.answered is None and scale.mean is None
    assert all(bar.share is None for bar in scale.bars)
    assert counts(scale)["4"] is None


def test_public_numbers_show_no_smallest_or_largest_answer(survey):
    submit(survey, 6, **{"Antall ansatte": 3})
    submit(survey, 1, **{"Antall ansatte": 4000})
    number = result_of(results.summary(survey, public=True), survey, "Antall ansatte")
    assert number.minimum is None and number.maximum is None and number.median == 3
    editor = result_of(results.summary(survey, public=False), survey, "Antall ansatte")
    assert editor.maximum == 4000


def test_the_public_filters_and_cross_tabulates_one_value_questions_only(survey):
    mixed(survey)
    submit(survey, 5, **{"Fase": "Vekst"})
    phase, needs = q(survey, "Fase"), q(survey, "Hva trenger dere?")
    assert results.crosstab(survey, phase, needs, public=True).withheld
    assert not results.crosstab(survey, phase, needs, public=False).withheld
    assert results.summary(survey, public=True, filter=(needs, "Mentor")).withheld
    assert needs not in results.crosstab_questions(list(survey.questions.all()), public=True)
    # Idé (3) is hidden, and Oppstart (6, before Vekst's 6) with it.
    filtered = results.summary(survey, public=True, filter=(phase, "Vekst"))
    assert not filtered.withheld and filtered.respondents == 6
    assert result_of(filtered, survey, "Hva trenger dere?").filtered_out
    assert counts(result_of(filtered, survey, "Fase")) == {"Idé": 0, "Oppstart": 0, "Vekst": 6}
    # A filter and a cross-tabulation together: a table of three questions, not for the public.
    scale = q(survey, "Hvor nyttig er et nettverk?")
    assert results.crosstab(survey, scale, phase, public=True, filter=(phase, "Vekst")).withheld


def test_a_public_filter_whose_count_is_hidden_is_withheld(survey):
    # "Idé" (3) is hidden, and "Vekst" (6) with it: filtering by "Vekst" would give it back.
    submit(survey, 3, **{"Fase": "Idé"})
    submit(survey, 6, **{"Fase": "Vekst"})
    submit(survey, 20, **{"Fase": "Oppstart"})
    phase = result_of(results.summary(survey, public=True), survey, "Fase")
    assert counts(phase) == {"Idé": None, "Oppstart": 20, "Vekst": None}
    assert results.summary(survey, public=True, filter=(q(survey, "Fase"), "Vekst")).withheld
    assert not results.summary(survey, public=True, filter=(q(survey, "Fase"), "Oppstart")).withheld


def test_a_filter_below_five_withholds_the_public_result(survey):
    mixed(survey)
    summary = results.summary(survey, public=True, filter=(q(survey, "Fase"), "Idé"))
    assert summary.withheld
    assert not results.summary(survey, public=False, filter=(q(survey, "Fase"), "Idé")).withheld


def test_a_question_answered_by_fewer_than_five_is_withheld_in_public(survey):
    submit(survey, 8, **{"Vil dere komme på samlinger?": "no"})
    submit(survey, 3)  # only these three are asked "Hvilke?"
    public = result_of(results.summary(survey, public=True), survey, "Hvilke?")
    assert public.withheld and public.texts == [] and public.answered is None
    editor = result_of(results.summary(survey, public=False), survey, "Hvilke?")
    assert editor.answered == 3 and len(editor.texts) == 3


def test_hidden_free_text_is_left_out_of_public_results(survey):
    submit(survey, 5, **{"Hvilke?": "Konserter"})
    submit(survey, **{"Hvilke?": "Navn Navnesen, ring 99999999"})
    hidden = Answer.objects.get(text__startswith="Navn")
    services.answer_set_hidden(actor=None, answer=hidden, hidden=True)
    public = result_of(results.summary(survey, public=True), survey, "Hvilke?")
    assert "Navn Navnesen, ring 99999999" not in [t.text for t in public.texts]
    assert public.text_count == 5 and len(public.texts) == 5
    editor = result_of(results.summary(survey, public=False), survey, "Hvilke?")
    assert [t.hidden for t in editor.texts if t.id == hidden.pk] == [True]
    assert editor.text_count == 6


# --- The page -----------------------------------------------------------------------------------


def test_the_public_page_shows_suppressed_figures_and_no_hidden_text(client, survey):
    mixed(survey)
    submit(survey, 1, **{"Hvilke?": "Hemmelig ting"})
    services.answer_set_hidden(
        actor=None, answer=Answer.objects.get(text="Hemmelig ting"), hidden=True
    )
    response = client.get(page_url(survey))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hemmelig ting" not in html
    assert 'role="img"' in html and '<caption id="' in html and 'scope="row"' in html
    assert "<td>ikke vist</td>" in html
    # Each chart's table is folded under the chart (issue 18), in its own scroll region.
    assert '<details class="chart-table">' in html and "<summary>Vis tabell" in html
    assert 'role="region" aria-labelledby="result-' in html
    assert "skjul/" not in html  # no hide buttons for the public
    assert "sammendrag.csv" in html and "resultater.csv" not in html


def test_the_editor_page_shows_everything_with_hide_buttons(client, survey, org_editor):
    mixed(survey)
    submit(survey, 1, **{"Hvilke?": "Hemmelig ting"})
    answer = Answer.objects.get(text="Hemmelig ting")
    services.answer_set_hidden(actor=None, answer=answer, hidden=True)
    client.force_login(org_editor)
    html = client.get(page_url(survey)).content.decode()
    assert "Hemmelig ting" in html
    assert f"/resultater/svar/{answer.pk}/skjul/" in html
    assert "<td>færre enn 5</td>" not in html and "<td>fewer than 5</td>" not in html


def test_results_are_not_found_unless_public_or_run_by_the_user(client, organisation, org_admin):
    survey = make_survey(owner=organisation, results_public=False)
    submit(survey, 5)
    assert client.get(page_url(survey)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(page_url(survey)).status_code == 404
    client.force_login(org_admin)
    assert client.get(page_url(survey)).status_code == 200


def test_the_page_filters_and_cross_tabulates(client, survey, org_editor):
    mixed(survey)
    phase, needs = q(survey, "Fase"), q(survey, "Hva trenger dere?")
    client.force_login(org_editor)
    html = client.get(
        page_url(survey),
        {"filter": f"{phase.key}:Idé", "rad": phase.key, "kolonne": needs.key},
    ).content.decode()
    assert 'for="results-filter"' in html and 'for="results-row"' in html
    assert 'id="results-crosstab"' in html
    assert f'value="{phase.key}:Idé" selected' in html
    # Only the three at Idé are counted: Mentor 3 in the cross-tabulation, for the editor.
    crosstab = html.split('id="results-crosstab"')[1].split("</table>")[0]
    assert "<td>3</td>" in crosstab and "<td>6</td>" not in crosstab


def test_the_page_says_fewer_than_five_when_withheld(client, survey):
    submit(survey, 4)
    response = client.get(page_url(survey))
    assert response.status_code == 200
    assert 'role="img"' not in response.content.decode()


def test_the_page_queries_do_not_grow_with_the_responses(client, survey, org_editor, queries):
    client.force_login(org_editor)
    phase, needs = q(survey, "Fase"), q(survey, "Hva trenger dere?")
    params = {"rad": phase.key, "kolonne": needs.key}
    submit(survey, 6)
    client.get(page_url(survey), params)
    few = queries.count(lambda: client.get(page_url(survey), params))
    submit(survey, 24, **{"Fase": "Idé", "Hvilke?": "Noe annet"})
    many = queries.count(lambda: client.get(page_url(survey), params))
    assert few == many
    assert many < 25


# --- Hiding free text ---------------------------------------------------------------------------


def hide_url(survey, answer):
    return f"/sporreundersokelser/{survey.slug}/resultater/svar/{answer.pk}/skjul/"


def test_an_editor_hides_and_shows_a_free_text(client, survey, org_editor):
    submit(survey, **{"Hvilke?": "Privat"})
    answer = Answer.objects.get(text="Privat")
    client.force_login(org_editor)
    response = client.post(hide_url(survey, answer), {"hidden": "1", "next": page_url(survey)})
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(survey)}#answer-{answer.pk}"
    answer.refresh_from_db()
    assert answer.hidden
    client.post(hide_url(survey, answer), {"hidden": "0"})
    answer.refresh_from_db()
    assert not answer.hidden


def test_others_cannot_hide_answers(client, survey, org_member):
    submit(survey, 5, **{"Hvilke?": "Privat"})
    answer = Answer.objects.filter(text="Privat").first()
    assert client.post(hide_url(survey, answer), {"hidden": "1"}).status_code == 404
    client.force_login(org_member)
    assert client.post(hide_url(survey, answer), {"hidden": "1"}).status_code == 404
    client.force_login(UserFactory())
    assert client.post(hide_url(survey, answer), {"hidden": "1"}).status_code == 404
    answer.refresh_from_db()
    assert not answer.hidden


def test_hiding_needs_post_and_the_csrf_token(survey, org_editor):
    submit(survey, **{"Hvilke?": "Privat"})
    answer = Answer.objects.get(text="Privat")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(org_editor)
    assert strict.get(hide_url(survey, answer)).status_code == 405
    assert strict.post(hide_url(survey, answer), {"hidden": "1"}).status_code == 403
    answer.refresh_from_db()
    assert not answer.hidden


def test_an_answer_of_another_survey_is_not_found(client, survey, org_editor):
    other = make_survey()
    submit(other, **{"Hvilke?": "Andre"})
    answer = Answer.objects.get(text="Andre")
    client.force_login(org_editor)
    assert client.post(hide_url(survey, answer), {"hidden": "1"}).status_code == 404


# --- The API ------------------------------------------------------------------------------------


def test_the_api_gives_public_results_with_suppression(client, survey):
    mixed(survey)
    body = client.get(f"/api/v1/surveys/{survey.slug}/results").json()
    assert body["respondents"] == 10 and body["min_group"] == 5 and not body["withheld"]
    by_key = {item["key"]: item for item in body["questions"]}
    phase = by_key[q(survey, "Fase").key]
    assert [(c["value"], c["count"], c["share"]) for c in phase["counts"]] == [
        ("Idé", None, None),
        ("Oppstart", 6, 0.6),
        ("Vekst", None, None),
    ]
    # 5 (6), 2 (3) and 4 (1): with the two small counts hidden, the mean (4.0) would give them
    # back (30 + 2a + 4b = 40 and a + b = 4), so it is hidden too.
    scale = by_key[q(survey, "Hvor nyttig er et nettverk?").key]
    assert scale["mean"] is None and scale["counts"][4]["count"] == 6
    assert by_key[q(survey, "Hvor viktig er").key]["rows"][0]["count"] == 10
    assert q(survey, "Fase").kind == Kind.SINGLE


def test_the_api_withholds_small_surveys_and_hides_private_results(client, organisation):
    small = make_survey(owner=organisation, results_public=True)
    submit(small, 4)
    body = client.get(f"/api/v1/surveys/{small.slug}/results").json()
    assert body["withheld"] and body["questions"] == [] and body["respondents"] is None
    private = make_survey(owner=organisation, results_public=False)
    submit(private, 6)
    assert client.get(f"/api/v1/surveys/{private.slug}/results").status_code == 404
    draft = make_survey(owner=organisation, results_public=True, is_published=False)
    assert client.get(f"/api/v1/surveys/{draft.slug}/results").status_code == 404
    assert client.get("/api/v1/surveys/finnes-ikke/results").status_code == 404


def test_the_public_page_cross_tabulates_or_filters(client, survey):
    mixed(survey)
    submit(survey, 5, **{"Fase": "Vekst"})
    phase, yes_no = q(survey, "Fase"), q(survey, "Vil dere komme på samlinger?")
    html = client.get(page_url(survey), {"rad": phase.key, "kolonne": yes_no.key}).content.decode()
    crosstab = html.split('id="results-crosstab"')[1].split("</table>")[0]
    assert "Ikke svart" in crosstab and "<td>ikke vist</td>" in crosstab
    html = client.get(page_url(survey), {"filter": f"{phase.key}:Vekst"}).content.decode()
    assert "Vises ikke når de offentlige resultatene er filtrert." in html
    html = client.get(
        page_url(survey),
        {"filter": f"{phase.key}:Vekst", "rad": phase.key, "kolonne": yes_no.key},
    ).content.decode()
    assert 'id="results-crosstab"' not in html
    assert "De offentlige resultatene viser en krysstabell eller et filter" in html
