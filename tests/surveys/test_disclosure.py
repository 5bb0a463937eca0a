"""No group of fewer than five in the public results, also not by subtraction.

For the demo's mapping and for generated surveys, every public view of every pair of questions
the public may cross-tabulate is gathered as an attacker would: the cross-tabulation (cells, row
and column totals, total), both questions' public results, and every public filter's column.
Each row and column of the table is an equation; the hidden figures are solved for exactly (with
fractions) from what is shown, and none may come out. No number shown may be 1 to 4."""

import random
from fractions import Fraction

import pytest
from zeal import zeal_ignore

from samspill.demo import core as core_demo
from samspill.demo import surveys as demo
from samspill.surveys import results
from samspill.surveys.models import Answer, Kind, Question, Response, ResponseStatus
from tests.surveys.factories import make_survey

pytestmark = pytest.mark.django_db

NO = results.NO_ANSWER


# --- The attacker ---------------------------------------------------------------------------------


def determined(unknowns: list, equations: list[tuple[dict, Fraction]]) -> set:
    """The unknowns that the equations ({unknown: coefficient}, right-hand side) fix exactly:
    Gauss-Jordan elimination over the rationals; an unknown is fixed when a row of the reduced
    form has it alone."""
    index = {u: i for i, u in enumerate(unknowns)}
    rows = []
    for coefficients, value in equations:
        row = [Fraction(0)] * (len(unknowns) + 1)
        for unknown, c in coefficients.items():
            row[index[unknown]] += c
        row[-1] = Fraction(value)
        rows.append(row)
    pivot_row = 0
    for column in range(len(unknowns)):
        found = next((r for r in range(pivot_row, len(rows)) if rows[r][column] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [x / lead for x in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
    fixed = set()
    for row in rows[:pivot_row]:
        nonzero = [i for i, x in enumerate(row[:-1]) if x != 0]
        if len(nonzero) == 1:
            fixed.add(unknowns[nonzero[0]])
    return fixed


def attack(survey, rows_q: Question, columns_q: Question) -> tuple[set, list]:
    """(the hidden figures of the pair's table that can be solved for, every number shown)."""
    table = results.crosstab(survey, rows_q, columns_q, public=True)
    if table.withheld:
        return set(), []
    row_keys = [bar.key for bar, _cells in table.rows]
    column_keys = [bar.key for bar in table.columns]
    known: dict = {("total",): table.total}
    for bar in table.columns:
        known[("column", bar.key)] = bar.count
    for bar, cells in table.rows:
        known[("row", bar.key)] = bar.count
        for key, cell in zip(column_keys, cells, strict=True):
            known[("cell", bar.key, key)] = cell

    # What the other public views add: the questions' own results are the margins ...
    summary = results.summary(survey, public=True, questions=[rows_q, columns_q]).by_key()
    for question, kind in ((rows_q, "row"), (columns_q, "column")):
        result = summary[question.key]
        for bar in result.bars:
            if bar.count is not None:
                known[(kind, bar.key)] = _same(known.get((kind, bar.key)), bar.count)
        if result.answered is not None and table.total is not None:
            known[(kind, NO)] = _same(known.get((kind, NO)), table.total - result.answered)
    # ... and each public filter is a row or column of cells.
    for source, other, kind in ((columns_q, rows_q, "column"), (rows_q, columns_q, "row")):
        for value in (bar.key for bar in summary[source.key].bars):
            filtered = results.summary(
                survey, public=True, filter=(source, value), questions=[rows_q, columns_q]
            )
            if filtered.withheld:
                continue
            item = filtered.by_key()[other.key]
            if item.withheld:
                continue
            for bar in item.bars:
                if bar.count is not None:
                    cell = (
                        ("cell", bar.key, value) if kind == "column" else ("cell", value, bar.key)
                    )
                    known[cell] = _same(known.get(cell), bar.count)
            if item.answered is not None:
                cell = ("cell", NO, value) if kind == "column" else ("cell", value, NO)
                known[cell] = _same(known.get(cell), filtered.respondents - item.answered)

    shown = [value for value in known.values() if value is not None]
    unknowns = [key for key, value in known.items() if value is None]

    def term(key):
        return ({key: 1}, 0) if known[key] is None else ({}, known[key])

    equations = []
    lines = [([("cell", r, c) for c in column_keys], ("row", r)) for r in row_keys] + [
        ([("cell", r, c) for r in row_keys], ("column", c)) for c in column_keys
    ]
    lines += [([("row", r) for r in row_keys], ("total",))]
    lines += [([("column", c) for c in column_keys], ("total",))]
    for parts, total in lines:
        coefficients: dict = {}
        constant = 0
        for key in parts:
            c, k = term(key)
            coefficients.update(c)
            constant += k
        c, k = term(total)
        for unknown in c:
            coefficients[unknown] = coefficients.get(unknown, 0) - 1
        equations.append((coefficients, k - constant))
    return determined(unknowns, equations), shown


def _same(before, now):
    # Two views of one figure must agree (or one of them hides it).
    assert before is None or before == now, (before, now)
    return now


def assert_nothing_given_away(survey):
    questions = results.crosstab_questions(list(survey.questions.all()), public=True)
    assert len(questions) >= 2
    pairs = 0
    for i, rows_q in enumerate(questions):
        for columns_q in questions[i + 1 :]:
            solved, shown = attack(survey, rows_q, columns_q)
            assert not solved, (rows_q.text, columns_q.text, solved)
            assert not [n for n in shown if 0 < n < results.MIN_GROUP], (rows_q, columns_q)
            pairs += 1
    summary = results.summary(survey, public=True)
    for item in summary.questions:
        figures = [item.answered, *(bar.count for bar in item.bars)]
        figures += [row.count for row in item.rows]
        figures += [bar.count for row in item.rows for bar in row.bars]
        assert not [n for n in figures if n is not None and 0 < n < results.MIN_GROUP]
    return pairs


# --- The attacker against a known leak ----------------------------------------------------------


def test_the_attacker_solves_a_cell_hidden_alone():
    # Row: a (hidden) + 10 = 13; so a = 3.
    assert determined(["a"], [({"a": 1}, 3)]) == {"a"}
    # a + b = 7 with both hidden: neither is fixed.
    assert determined(["a", "b"], [({"a": 1, "b": 1}, 7)]) == set()


def test_protect_table_leaves_no_hidden_cell_on_its_own():
    table = results.ProtectedTable(
        rows=["x", "y", NO],
        columns=["u", "v", NO],
        cells={
            ("x", "u"): 3, ("x", "v"): 20, ("x", NO): 0,
            ("y", "u"): 12, ("y", "v"): 30, ("y", NO): 0,
            (NO, "u"): 0, (NO, "v"): 0, (NO, NO): 0,
        },
        row_totals={"x": 23, "y": 42, NO: 0},
        column_totals={"u": 15, "v": 50, NO: 0},
        total=65,
    )  # fmt: skip
    results.protect_table(table)
    assert table.hidden_cells == {("x", "u"), ("x", "v"), ("y", "u"), ("y", "v")}
    assert not table.withheld


# --- The demo and generated surveys ---------------------------------------------------------------


def test_the_demo_mapping_gives_no_small_group_away():
    with zeal_ignore():
        core_demo.build()
        demo.build()
    survey = demo.Survey.objects.get(slug=demo.MAPPING_SLUG)
    assert assert_nothing_given_away(survey) >= 10


SPEC = [
    (Kind.SINGLE, "Fase", {"options": "Idé\nOppstart\nVekst\nEtablert"}),
    (Kind.YES_NO, "Samlinger?", {}),
    (Kind.SCALE, "Nytte", {"scale_max": 5}),
    (Kind.ORG_KIND, "Slag", {}),
]


def _generate(organisation, seed: int):
    rng = random.Random(seed)
    survey = make_survey(owner=organisation, spec=SPEC, results_public=True, slug=f"gen-{seed}")
    phase, gathering, use, kind = survey.questions.all()
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                status=ResponseStatus.SUBMITTED,
                browser_key=f"g{seed}-{n}",
                one_per_person=True,
            )
            for n in range(rng.randint(5, 70))
        ]
    )
    # Skewed choices, so that small groups and lone small cells abound; some skip a question.
    weights = [rng.choice([1, 2, 5, 20]) for _ in range(4)]
    answers = []
    for response in responses:
        if rng.random() < 0.9:
            option = rng.choices(["Idé", "Oppstart", "Vekst", "Etablert"], weights)[0]
            answers.append(Answer(response=response, question=phase, option=option))
        if rng.random() < 0.95:
            option = "yes" if rng.random() < rng.choice([0.1, 0.5, 0.9]) else "no"
            answers.append(Answer(response=response, question=gathering, option=option))
        if rng.random() < 0.85:
            number = rng.choices([1, 2, 3, 4, 5], [1, 1, 3, 8, 6])[0]
            answers.append(Answer(response=response, question=use, number=number))
        if rng.random() < 0.8:
            option = rng.choices(["startup", "label", "venue"], [10, 2, 1])[0]
            answers.append(Answer(response=response, question=kind, option=option))
    Answer.objects.bulk_create(answers)
    return survey


@pytest.mark.parametrize("seeds", [range(0, 12), range(12, 24)])
def test_generated_surveys_give_no_small_group_away(organisation, seeds):
    for seed in seeds:
        assert assert_nothing_given_away(_generate(organisation, seed)) == 6
