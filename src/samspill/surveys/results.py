"""A survey's results: counts, shares and means in SQL, cross-tabulations, filters.

Only submitted responses count. Every figure is a GROUP BY over the answers; the number of queries
does not depend on the number of responses (about a dozen for a page):

- the respondents (one COUNT);
- respondents per option of every choice question, and free texts per question (one GROUP BY
  question, option);
- answers per value of every scale, number and matrix row (one GROUP BY question, row, number):
  means, minimum, median and maximum come from these distributions;
- distinct respondents of multiple-choice questions (one COUNT DISTINCT); a matrix counts the
  respondents of its most answered row;
- for the public, the hidden texts per question (one COUNT);
- the latest free texts of each free-text or "other" question (one query each, along an index);
- municipality names when a municipality question has answers (one query).

Unfiltered, each GROUP BY runs over every answer to the questions and the drafts' answers (few) are
subtracted (see `_Counter`): both read only an index of the answers. With a filter ("those who
answered X"), the answers of the filtered responses are counted directly (a subquery).

A cross-tabulation is one query joining the answers to one question with the answers to another on
the response; a multiple-choice question counts a respondent once per chosen option.

Public results (`public=True`) never show small groups: the whole result is withheld below
`MIN_GROUP` respondents (in the filtered base), a question answered by fewer than `MIN_GROUP` is
withheld, and every count from 1 to `MIN_GROUP - 1` (options, distributions, cells, totals) is
None, its share too. Editors (`public=False`) see every figure and every free text, hidden ones
included. There is no cache: the results follow the answers as they come in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from samspill.core.models import Municipality, OrganisationKind
from samspill.surveys.models import (
    OTHER,
    Answer,
    Kind,
    Question,
    Response,
    ResponseStatus,
    Survey,
)

MIN_GROUP = 5
# Free texts listed per question on the results page (the export holds them all).
TEXTS_SHOWN = 50

CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO, Kind.ORG_KIND, Kind.MUNICIPALITY)
# Kinds with one answer row per respondent at most: their respondents are the sum of the counts.
MANY_ROW_KINDS = (Kind.MULTIPLE, Kind.MATRIX)  # several answer rows per respondent
TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)
# What a filter and a cross-tabulation can use: answers with a small set of values.
CATEGORICAL_KINDS = (
    Kind.SINGLE,
    Kind.MULTIPLE,
    Kind.YES_NO,
    Kind.ORG_KIND,
    Kind.MUNICIPALITY,
    Kind.SCALE,
)


# --- Shapes ---------------------------------------------------------------------------------------


@dataclass
class Bar:
    """One option (or scale value) with how many chose it; None where suppressed."""

    key: str  # the stored value: option text, yes/no, code, OTHER, or the number as text
    label: str
    count: int | None
    share: float | None = None  # of the question's respondents, 0..1

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def percent(self) -> str:
        return "" if self.share is None else f"{self.share * 100:.0f} %"


@dataclass
class MatrixRow:
    label: str
    count: int | None
    mean: float | None
    bars: list[Bar] = field(default_factory=list)


@dataclass
class TextAnswer:
    id: int
    text: str
    hidden: bool
    other: bool  # an "other, please specify" text of a choice question


@dataclass
class QuestionResult:
    question: Question
    # Respondents who answered (a matrix: its most answered row); None where suppressed.
    answered: int | None
    withheld: bool = False  # public, and fewer than MIN_GROUP answered
    bars: list[Bar] = field(default_factory=list)  # choices, or the scale's distribution
    mean: float | None = None
    minimum: int | None = None
    median: float | None = None
    maximum: int | None = None
    rows: list[MatrixRow] = field(default_factory=list)  # matrix
    texts: list[TextAnswer] = field(default_factory=list)  # the latest, at most TEXTS_SHOWN
    text_count: int = 0  # all texts there are (for the public: those not hidden)

    @property
    def kind(self) -> str:
        return self.question.kind

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def more_texts(self) -> int:
        return max(0, self.text_count - len(self.texts))

    @property
    def scale_labels(self) -> list[str]:
        """The headings of a matrix's distribution: 1 … scale_max."""
        return [label for _value, label in categories(self.question)]

    @property
    def chart(self):
        from samspill.surveys import charts

        return charts.question_chart(self)


@dataclass
class AnswerFilter:
    question: Question
    value: str
    label: str

    @property
    def param(self) -> str:
        return f"{self.question.key}:{self.value}"


@dataclass
class Summary:
    survey: Survey
    public: bool
    respondents: int | None  # None where suppressed (public, 1..4)
    withheld: bool  # public, and fewer than MIN_GROUP respondents (in the filtered base)
    questions: list[QuestionResult] = field(default_factory=list)
    filter: AnswerFilter | None = None

    def by_key(self) -> dict[str, QuestionResult]:
        return {r.key: r for r in self.questions}


@dataclass
class Crosstab:
    row_question: Question
    column_question: Question
    columns: list[Bar]  # column categories with their totals (count) in `count`
    rows: list[tuple[Bar, list[int | None]]]  # row category with its total, then its cells
    total: int | None
    withheld: bool = False
    multiple: bool = False  # a multiple-choice question: a respondent may count several times


# --- Helpers --------------------------------------------------------------------------------------


def suppress(count: int, public: bool) -> int | None:
    """The count as shown: None for 1..MIN_GROUP-1 in public results."""
    if public and 0 < count < MIN_GROUP:
        return None
    return count


def submitted(survey: Survey) -> QuerySet[Response]:
    return Response.objects.filter(survey=survey, status=ResponseStatus.SUBMITTED)


def base_responses(survey: Survey, answer_filter: AnswerFilter | None = None) -> QuerySet[Response]:
    """The submitted responses, restricted to those with the filter's answer."""
    base = submitted(survey)
    if answer_filter is not None:
        question = answer_filter.question
        if question.kind == Kind.SCALE:
            having = Answer.objects.filter(question=question, number=int(answer_filter.value))
        else:
            having = Answer.objects.filter(question=question, option=answer_filter.value)
        base = base.filter(pk__in=having.values("response_id"))
    return base


def answers_of(base: QuerySet[Response]) -> QuerySet[Answer]:
    return Answer.objects.filter(response__in=base.values("pk")).order_by()


def yes_no_labels() -> dict[str, str]:
    return {"yes": _("Yes"), "no": _("No")}


def categories(
    question: Question, present: set[str] | None = None, municipalities: dict | None = None
) -> list[tuple[str, str]]:
    """(stored value, label) of every category of a categorical question, in the question's order.

    Municipalities: only those in `present` (there are hundreds), named from `municipalities`."""
    kind = question.kind
    if kind in (Kind.SINGLE, Kind.MULTIPLE):
        found = [(o, o) for o in question.option_list]
        if question.allow_other or (present and OTHER in present):
            found.append((OTHER, _("Other")))
        return found
    if kind == Kind.YES_NO:
        return list(yes_no_labels().items())
    if kind == Kind.ORG_KIND:
        return [(value, str(label)) for value, label in OrganisationKind.choices]
    if kind == Kind.MUNICIPALITY:
        names = municipalities or {}
        return sorted(
            ((code, names.get(code, code)) for code in (present or set())),
            key=lambda pair: pair[1],
        )
    if kind in (Kind.SCALE, Kind.MATRIX):
        return [(str(n), _scale_label(question, n)) for n in range(1, question.scale_max + 1)]
    return []


def _scale_label(question: Question, n: int) -> str:
    if n == 1 and question.low_label:
        return f"1 ({question.low_label})"
    if n == question.scale_max and question.high_label:
        return f"{n} ({question.high_label})"
    return str(n)


def municipality_names(codes) -> dict[str, str]:
    codes = set(codes)
    if not codes:
        return {}
    return dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))


def value_label(question: Question, value: str, municipalities: dict | None = None) -> str:
    for key, label in categories(question, {value}, municipalities):
        if key == value:
            return label
    return value


def filter_choices(questions: list[Question]) -> list[tuple[Question, list[tuple[str, str]]]]:
    """The answers one can filter by: (question, [(param, label)]), municipalities left out."""
    found = []
    for question in questions:
        if question.kind in CATEGORICAL_KINDS and question.kind != Kind.MUNICIPALITY:
            found.append(
                (question, [(f"{question.key}:{v}", label) for v, label in categories(question)])
            )
    return found


def as_filter(value: AnswerFilter | tuple[Question, str] | None) -> AnswerFilter | None:
    """A filter from (question, value) too (a number for a scale)."""
    if isinstance(value, tuple):
        question, raw = value
        return AnswerFilter(question, str(raw), value_label(question, str(raw)))
    return value


def parse_filter(questions: list[Question], param: str | None) -> AnswerFilter | None:
    """`q<id>:<value>` into a filter on one of `questions`, or None when it is not one."""
    if not param or ":" not in param:
        return None
    key, value = param.split(":", 1)
    question = next((q for q in questions if q.key == key), None)
    if question is None or question.kind not in CATEGORICAL_KINDS:
        return None
    if question.kind == Kind.MUNICIPALITY:
        names = municipality_names([value])
        if value not in names:
            return None
        return AnswerFilter(question, value, names[value])
    if question.kind == Kind.SCALE:
        if not value.isdigit() or not 1 <= int(value) <= question.scale_max:
            return None
        value = str(int(value))
    known = dict(categories(question))
    if value not in known:
        return None
    return AnswerFilter(question, value, known[value])


# --- The summary ----------------------------------------------------------------------------------


def summary(
    survey: Survey,
    *,
    public: bool,
    filter: AnswerFilter | tuple[Question, str] | None = None,
    questions: list[Question] | None = None,
) -> Summary:
    """Every question's figures over the submitted responses (with the filter's answer)."""
    if questions is None:
        questions = list(survey.questions.all())
    filter = as_filter(filter)
    base = base_responses(survey, filter)
    respondents = base.count()
    result = Summary(
        survey=survey,
        public=public,
        respondents=suppress(respondents, public),
        withheld=public and respondents < MIN_GROUP,
        filter=filter,
    )
    if result.withheld:
        return result
    asked = [q for q in questions if not q.is_section]
    count = _Counter(survey, base, filtered=filter is not None)

    # 1. Choices and free texts: respondents per option ("" for a text), one GROUP BY.
    option_ids = [q.pk for q in asked if q.kind in CHOICE_KINDS or q.kind in TEXT_KINDS]
    by_option: dict[int, dict[str, int]] = {}
    for (question_id, option), n in count.grouped(option_ids, "question_id", "option").items():
        by_option.setdefault(question_id, {})[option] = n

    # 2. Scales, numbers and matrix rows: answers per (row, number), one GROUP BY.
    number_ids = [q.pk for q in asked if q.kind in (Kind.SCALE, Kind.NUMBER, Kind.MATRIX)]
    by_number: dict[int, dict[tuple[str, int], int]] = {}
    for (question_id, row, number), n in count.grouped(
        number_ids, "question_id", "row", "number"
    ).items():
        by_number.setdefault(question_id, {})[(row, number)] = n

    # 3. Respondents of multiple-choice questions (one may choose several options). A matrix's
    # respondents are those of its most answered row (see _question_result).
    many_ids = [q.pk for q in asked if q.kind == Kind.MULTIPLE]
    respondents_of = count.respondents(many_ids)

    # 4. Hidden texts (the public count leaves them out).
    text_ids = [
        q.pk
        for q in asked
        if q.kind in TEXT_KINDS or (q.kind in (Kind.SINGLE, Kind.MULTIPLE) and q.allow_other)
    ]
    hidden = count.hidden(text_ids) if public else {}

    # 5. The latest free texts of each question (one query each, along an index).
    answers = count.answers()
    texts: dict[int, list[TextAnswer]] = {}
    for question in asked:
        if question.pk not in text_ids:
            continue
        latest = answers.filter(
            question=question, option=OTHER if question.kind not in TEXT_KINDS else ""
        )
        if public:
            latest = latest.filter(hidden=False)
        texts[question.pk] = [
            TextAnswer(id=pk, text=text, hidden=is_hidden, other=option == OTHER)
            for pk, text, is_hidden, option in latest.order_by("-response_id", "-pk").values_list(
                "pk", "text", "hidden", "option"
            )[:TEXTS_SHOWN]
        ]

    municipality_ids = [q.pk for q in asked if q.kind == Kind.MUNICIPALITY]
    names = municipality_names(
        option for pk in municipality_ids for option in by_option.get(pk, {})
    )

    for question in asked:
        result.questions.append(
            _question_result(
                question,
                public=public,
                by_option=by_option.get(question.pk, {}),
                by_number=by_number.get(question.pk, {}),
                respondents=respondents_of.get(question.pk, 0),
                hidden=hidden.get(question.pk, 0),
                texts=texts.get(question.pk, []),
                municipalities=names,
            )
        )
    return result


class _Counter:
    """Grouped counts over the answers of the base's responses.

    Unfiltered, the submitted responses are counted as every answer to the questions less the
    answers of drafts (few): both queries read only an index of the answers, where checking
    each answer's response would visit the response table once per answer. With a filter, the
    answers of the filtered responses are counted directly."""

    def __init__(self, survey: Survey, base: QuerySet[Response], *, filtered: bool):
        self.survey = survey
        self.base = base
        self.filtered = filtered

    def drafts(self) -> QuerySet[Response]:
        return Response.objects.filter(survey=self.survey).exclude(status=ResponseStatus.SUBMITTED)

    def answers(self) -> QuerySet[Answer]:
        """The answers of the base's responses (unfiltered: those not of drafts)."""
        if self.filtered:
            return answers_of(self.base)
        return Answer.objects.exclude(response__in=self.drafts().values("pk")).order_by()

    def _scopes(self, ids: list[int]) -> list[tuple[int, QuerySet[Answer]]]:
        answers = Answer.objects.filter(question_id__in=ids).order_by()
        if self.filtered:
            return [(1, answers.filter(response__in=self.base.values("pk")))]
        drafts = self.drafts()
        # The drafts' answers are found by response (no question filter: with one, SQLite would
        # read every answer to the questions and look up its response); others are left out below.
        return [
            (1, answers),
            (-1, Answer.objects.filter(response__in=drafts.values("pk")).order_by()),
        ]

    def _sum(self, ids: list[int], make_rows, key) -> dict:
        found: dict = {}
        if not ids:
            return found
        wanted = set(ids)
        for sign, scope in self._scopes(ids):
            for row in make_rows(scope):
                if row["question_id"] in wanted:
                    k = key(row)
                    found[k] = found.get(k, 0) + sign * row["n"]
        return {k: n for k, n in found.items() if n}

    def grouped(self, ids: list[int], *fields: str) -> dict[tuple, int]:
        return self._sum(
            ids,
            lambda scope: scope.values(*fields).annotate(n=Count("pk")),
            lambda row: tuple(row[f] for f in fields),
        )

    def respondents(self, ids: list[int]) -> dict[int, int]:
        return self._sum(
            ids,
            lambda scope: scope.values("question_id").annotate(
                n=Count("response_id", distinct=True)
            ),
            lambda row: row["question_id"],
        )

    def hidden(self, ids: list[int]) -> dict[int, int]:
        return self._sum(
            ids,
            lambda scope: scope.filter(hidden=True).values("question_id").annotate(n=Count("pk")),
            lambda row: row["question_id"],
        )


def _bars(pairs: list[tuple[str, str]], found: dict[str, int], total: int, public: bool):
    bars = []
    for value, label in pairs:
        count = suppress(found.get(value, 0), public)
        share = None if count is None or not total else count / total
        bars.append(Bar(value, label, count, share))
    return bars


def _median(distribution: dict[int, int], n: int) -> float | None:
    """The median from {value: count} (as many entries as distinct values, not answers)."""
    if not n:
        return None
    wanted = [(n - 1) // 2, n // 2]
    found = []
    seen = 0
    for value in sorted(distribution):
        seen += distribution[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
        if not wanted:
            break
    return (found[0] + found[1]) / 2


def _question_result(
    question: Question,
    *,
    public: bool,
    by_option: dict[str, int],
    by_number: dict[tuple[str, int], int],
    respondents: int,
    hidden: int,
    texts: list[TextAnswer],
    municipalities: dict,
) -> QuestionResult:
    kind = question.kind
    if kind == Kind.MULTIPLE:
        answered = respondents
    elif kind == Kind.MATRIX:
        rows: dict[str, int] = {}
        for (row, _number), n in by_number.items():
            rows[row] = rows.get(row, 0) + n
        answered = max(rows.values(), default=0)
    elif kind in CHOICE_KINDS or kind in TEXT_KINDS:
        answered = sum(by_option.values())
    else:
        answered = sum(by_number.values())
    result = QuestionResult(question=question, answered=suppress(answered, public))
    if public and 0 < answered < MIN_GROUP:
        result.withheld = True
        return result

    if kind in CHOICE_KINDS:
        pairs = categories(question, set(by_option), municipalities)
        result.bars = _bars(pairs, by_option, answered, public)
        if kind == Kind.MUNICIPALITY:
            result.bars.sort(key=lambda bar: (-(bar.count or 0), bar.label))
        if kind in (Kind.SINGLE, Kind.MULTIPLE):
            result.texts = texts
            result.text_count = by_option.get(OTHER, 0) - hidden
    elif kind in (Kind.SCALE, Kind.NUMBER):
        distribution = {number: n for (_row, number), n in by_number.items()}
        if kind == Kind.SCALE:
            result.bars = _bars(
                categories(question),
                {str(number): n for number, n in distribution.items()},
                answered,
                public,
            )
        if answered:
            result.mean = sum(number * n for number, n in distribution.items()) / answered
            if kind == Kind.NUMBER:
                result.minimum = min(distribution)
                result.maximum = max(distribution)
                result.median = _median(distribution, answered)
    elif kind == Kind.MATRIX:
        pairs = categories(question)
        for row_label in question.option_list:
            counts = {str(number): n for (row, number), n in by_number.items() if row == row_label}
            row_count = sum(counts.values())
            row = MatrixRow(row_label, suppress(row_count, public), None)
            if not (public and 0 < row_count < MIN_GROUP):
                row.bars = _bars(pairs, counts, row_count, public)
                if row_count:
                    row.mean = sum(int(k) * n for k, n in counts.items()) / row_count
            result.rows.append(row)
    elif kind in TEXT_KINDS:
        result.texts = texts
        result.text_count = answered - hidden
    return result


# --- Cross-tabulation -----------------------------------------------------------------------------


def crosstab(
    survey: Survey,
    row_question: Question,
    column_question: Question,
    *,
    public: bool,
    filter: AnswerFilter | tuple[Question, str] | None = None,
) -> Crosstab:
    """Respondents counted by their answers to two categorical questions (one query).

    A multiple-choice question counts a respondent once per chosen option, so totals (the sums of
    the cells) can be more than the respondents."""
    answer_filter = as_filter(filter)
    base = base_responses(survey, answer_filter)
    multiple = Kind.MULTIPLE in (row_question.kind, column_question.kind)

    def value_field(question: Question) -> str:
        return "number" if question.kind == Kind.SCALE else "option"

    # The outer side is read along the question's index, the inner one looked up by response and
    # question: the question with one answer per respondent goes outside.
    swap = row_question.kind == Kind.MULTIPLE and column_question.kind != Kind.MULTIPLE
    outer, inner = (column_question, row_question) if swap else (row_question, column_question)
    answer_table = connection.ops.quote_name(Answer._meta.db_table)
    # SQLite without statistics would read the inner side along the question index too (a scan
    # of the question's answers per answer); on PostgreSQL the planner knows better.
    hint = " INDEXED BY surveys_answer_resp_q_idx" if connection.vendor == "sqlite" else ""
    # Unfiltered, the answers of drafts (few) are left out rather than those of the submitted
    # responses (all) looked up.
    if answer_filter is None:
        drafts = Response.objects.filter(survey=survey).exclude(status=ResponseStatus.SUBMITTED)
        base_sql, base_params = drafts.values("pk").query.sql_with_params()
        condition = f"a.response_id NOT IN ({base_sql})"
    else:
        base_sql, base_params = base.values("pk").query.sql_with_params()
        condition = f"a.response_id IN ({base_sql})"
    sql = (
        f"SELECT a.{value_field(outer)}, b.{value_field(inner)}, COUNT(*) "
        f"FROM {answer_table} a INNER JOIN {answer_table} b{hint} "
        f"ON b.response_id = a.response_id AND b.question_id = %s "
        f"WHERE a.question_id = %s AND {condition} "
        f"GROUP BY a.{value_field(outer)}, b.{value_field(inner)}"
    )
    cells: dict[tuple[str, str], int] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [inner.pk, outer.pk, *base_params])
        for outer_value, inner_value, n in cursor.fetchall():
            key = (str(outer_value), str(inner_value))
            if swap:
                key = key[::-1]
            cells[key] = cells.get(key, 0) + n

    names = {}
    if Kind.MUNICIPALITY in (row_question.kind, column_question.kind):
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


def crosstab_questions(questions: list[Question]) -> list[Question]:
    return [q for q in questions if q.kind in CATEGORICAL_KINDS]
