"""Tables of two questions: the public's protected table (and its cross-tabulation), and the
editors' cross-tabulation (one query joining the answers to one question with another's)."""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext as _

from samspill.surveys import tallies
from samspill.surveys.models import Answer, Question, Survey
from samspill.surveys.results.disclosure import (
    MIN_GROUP,
    NO_ANSWER,
    ProtectedTable,
    protect_line,
    protect_table,
    suppress,
)
from samspill.surveys.results.filters import (
    as_filter,
    base_responses,
    categories,
    municipality_names,
    submitted,
    unsubmitted,
)
from samspill.surveys.results.shapes import AnswerFilter, Bar, Crosstab


def _value_field(question: Question) -> str:
    return question.engine.counted_by


def _pair_counts(survey: Survey, first: Question, second: Question) -> dict[tuple[str, str], int]:
    """Submitted respondents by their answers to two one-value questions, "no answer" included
    (NO_ANSWER): one query."""

    def value(question):
        return Subquery(
            Answer.objects.filter(response=OuterRef("pk"), question=question)
            .order_by()
            .values(_value_field(question))[:1]
        )

    rows = (
        submitted(survey)
        .order_by()
        .annotate(first_value=value(first), second_value=value(second))
        .values("first_value", "second_value")
        .annotate(n=Count("pk"))
    )
    found: dict[tuple[str, str], int] = {}
    for row in rows:
        key = tuple(
            NO_ANSWER if row[name] is None else str(row[name])
            for name in ("first_value", "second_value")
        )
        found[key] = found.get(key, 0) + row["n"]
    return found


def _line_keys(question: Question, present: set[str]) -> list[str]:
    return [value for value, _label in categories(question, present - {NO_ANSWER})] + [NO_ANSWER]


def public_table(survey: Survey, row_question: Question, column_question: Question):
    """The protected table of two one-value questions (PUBLIC_PAIR_KINDS) over all submitted
    responses, "no answer" as a row and a column: its margins are the questions' public results
    (hidden as `protect_line` hides them there), and its cells are hidden by `protect_table`.

    The public cross-tabulation shows it, and a public filter "those who answered X" shows its
    column X: both views of a pair of questions come from this one table, protected the same way
    whichever question is the row, so that no view undoes another's suppression."""
    first, second = sorted((row_question, column_question), key=lambda q: (q.sort_order, q.pk))
    counts = _pair_counts(survey, first, second)
    rows = _line_keys(first, {r for r, _c in counts})
    columns = _line_keys(second, {c for _r, c in counts})
    cells = {(r, c): counts.get((r, c), 0) for r in rows for c in columns}
    row_totals = {r: sum(cells[(r, c)] for c in columns) for r in rows}
    column_totals = {c: sum(cells[(r, c)] for r in rows) for c in columns}
    table = ProtectedTable(
        rows=rows,
        columns=columns,
        cells=cells,
        row_totals=row_totals,
        column_totals=column_totals,
        total=sum(row_totals.values()),
        hidden_rows=protect_line(row_totals),
        hidden_columns=protect_line(column_totals),
    )
    protect_table(table)
    return table if first == row_question else table.transposed()


# --- Cross-tabulation -----------------------------------------------------------------------------


def _pair_cells(survey, outer, inner, answer_filter, base):
    """Answers to `outer` and `inner` of the same (base) response, counted per pair of values:
    {"<outer value><SEP><inner value>": n} unfiltered (the tally's form), else
    {(outer value, inner value): n}. One query."""
    answer_table = connection.ops.quote_name(Answer._meta.db_table)
    # SQLite without statistics would read the inner side along the question index too (a scan
    # of the question's answers per answer); on PostgreSQL the planner knows better.
    hint = " INDEXED BY surveys_answer_resp_q_idx" if connection.vendor == "sqlite" else ""
    # Unfiltered, the answers of drafts (few) are left out rather than those of the submitted
    # responses (all) looked up.
    if answer_filter is None:
        drafts = unsubmitted(survey)
        base_sql, base_params = drafts.values("pk").query.sql_with_params()
        condition = f"a.response_id NOT IN ({base_sql})"
    else:
        base_sql, base_params = base.values("pk").query.sql_with_params()
        condition = f"a.response_id IN ({base_sql})"
    sql = (
        f"SELECT a.{_value_field(outer)}, b.{_value_field(inner)}, COUNT(*) "
        f"FROM {answer_table} a INNER JOIN {answer_table} b{hint} "
        f"ON b.response_id = a.response_id AND b.question_id = %s "
        f"WHERE a.question_id = %s AND {condition} "
        f"GROUP BY a.{_value_field(outer)}, b.{_value_field(inner)}"
    )
    cells: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [inner.pk, outer.pk, *base_params])
        for outer_value, inner_value, n in cursor.fetchall():
            key = (str(outer_value), str(inner_value))
            if answer_filter is None:
                key = f"{key[0]}{tallies.SEP}{key[1]}"
            cells[key] = cells.get(key, 0) + n
    return cells


def crosstab(
    survey: Survey,
    row_question: Question,
    column_question: Question,
    *,
    public: bool,
    filter: AnswerFilter | tuple[Question, str] | None = None,
    tally: tuple | None = None,
) -> Crosstab:
    """Respondents counted by their answers to two categorical questions (one query; unfiltered,
    from the survey's tally once it holds the pair). `tally`: what `tallies.current` gave in
    this request (an unfiltered `Summary.tally`), not read again.

    A multiple-choice question counts a respondent once per chosen option, so totals (the sums of
    the cells) can be more than the respondents."""
    answer_filter = as_filter(filter)
    if public:
        return _public_crosstab(survey, row_question, column_question, answer_filter)
    base = base_responses(survey, answer_filter)
    multiple = (
        row_question.engine.distinct_respondents or column_question.engine.distinct_respondents
    )

    # The outer side is read along the question's index, the inner one looked up by response and
    # question: the question with one answer per respondent goes outside.
    swap = (
        row_question.engine.distinct_respondents and not column_question.engine.distinct_respondents
    )
    outer, inner = (column_question, row_question) if swap else (row_question, column_question)
    cells: dict[tuple[str, str], int] = {}
    if answer_filter is None:
        # The survey's tally keeps the cross-tabulations asked for before (`tallies`).
        counts, seen = tally or tallies.current(survey)
        key = tallies.pair_key(outer, inner)
        stored = (counts or {}).get("pairs", {}).get(key)
        if stored is None:
            stored = _pair_cells(survey, outer, inner, answer_filter, base)
            if counts is not None:
                tallies.store_pair(survey, seen, key, stored)
        for both, n in stored.items():
            outer_value, inner_value = both.split(tallies.SEP)
            cells[(inner_value, outer_value) if swap else (outer_value, inner_value)] = n
    else:
        for (outer_value, inner_value), n in _pair_cells(
            survey, outer, inner, answer_filter, base
        ).items():
            cells[(inner_value, outer_value) if swap else (outer_value, inner_value)] = n

    names = {}
    if row_question.engine.by_country or column_question.engine.by_country:
        names = municipality_names({r for r, _c in cells} | {c for _r, c in cells})
    row_pairs = categories(row_question, {r for r, _c in cells}, names)
    column_pairs = categories(column_question, {c for _r, c in cells}, names)
    grand = sum(cells.values())
    result = Crosstab(
        row_question=row_question,
        column_question=column_question,
        columns=[
            Bar(
                value, label, suppress(sum(n for (_r, c), n in cells.items() if c == value), public)
            )
            for value, label in column_pairs
        ],
        rows=[],
        total=suppress(grand, public),
        withheld=public and grand < MIN_GROUP,
        multiple=multiple,
    )
    if result.withheld:
        result.columns, result.total = [], None
        return result
    for value, label in row_pairs:
        row_total = sum(n for (r, _c), n in cells.items() if r == value)
        result.rows.append(
            (
                Bar(value, label, suppress(row_total, public)),
                [suppress(cells.get((value, c), 0), public) for c, _label in column_pairs],
            )
        )
    return result


def _public_crosstab(
    survey: Survey,
    row_question: Question,
    column_question: Question,
    answer_filter: AnswerFilter | None,
) -> Crosstab:
    """The public cross-tabulation: the pair's `public_table`, "no answer" row and column shown.
    Not with a filter (a table of three questions, which nothing here protects), and only of
    PUBLIC_PAIR_KINDS."""
    result = Crosstab(row_question, column_question, columns=[], rows=[], total=None)
    if (
        answer_filter is not None
        or row_question.pk == column_question.pk
        or not row_question.engine.public_pair
        or not column_question.engine.public_pair
    ):
        result.withheld = True
        return result
    table = public_table(survey, row_question, column_question)
    if table.withheld or table.total < MIN_GROUP:
        result.withheld = True
        return result

    def labelled(question, keys):
        labels = dict(categories(question, set(keys)))
        return [(key, labels.get(key, _("No answer"))) for key in keys]

    result.total = table.total
    result.columns = [
        Bar(key, label, None if key in table.hidden_columns else table.column_totals[key])
        for key, label in labelled(column_question, table.columns)
    ]
    for key, label in labelled(row_question, table.rows):
        total = None if key in table.hidden_rows else table.row_totals[key]
        result.rows.append((Bar(key, label, total), [table.cell(key, c) for c in table.columns]))
    return result


def crosstab_questions(questions: list[Question], *, public: bool = False) -> list[Question]:
    return [q for q in questions if (q.engine.public_pair if public else q.engine.categorical)]
