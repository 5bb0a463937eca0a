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

Public results (`public=True`) never show a group of fewer than `MIN_GROUP` (5) respondents, nor
a figure from which one could be worked out. The rule lives here, and only here:

1. A count from 1 to MIN_GROUP - 1 is never shown (`sensitive`): not an option's count, a cell, a
   total, a filtered base; 0 is shown. The whole result is withheld below MIN_GROUP respondents
   (in the filtered base), a question answered by fewer than MIN_GROUP is withheld.
2. Complementary suppression within a question (`protect_line`): a one-value question's counts
   and its "no answer" add up to the respondents, so where one is hidden, so is at least one
   more (the smallest other count); "no answer" hidden hides the answered count and the shares.
   A scale's or a matrix row's mean goes with any hidden count (it would give them back); a
   number question shows no smallest and largest answer (one respondent's own).
3. Complementary suppression across two questions (`public_table`, `protect_table`): a public
   cross-tabulation is the table of two one-value questions with "no answer" as a row and a
   column, whose margins are the questions' own public results. Cells are hidden until no hidden
   figure lies on no cycle of hidden figures: each row and column sum is an equation, and a
   hidden figure can be solved for exactly when it is a bridge in the graph of hidden figures.
4. A public filter ("those who answered X") is a column of that same table, so a filter and a
   cross-tabulation cannot undo each other: filters and cross-tabulations take one-value
   questions only (`PUBLIC_PAIR_KINDS`), the filter's own count must be shown in the public
   results, other questions are not shown under a filter, and a filter is not combined with a
   cross-tabulation.

Editors (`public=False`) see every figure and every free text, hidden ones included. There is no
cache: the results follow the answers as they come in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, OuterRef, QuerySet, Subquery
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
# The key of "no answer" among a question's categories (no option is empty).
NO_ANSWER = ""
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
# Categorical kinds with one value per respondent: a question's counts and its "no answer" add up
# to the respondents, which is what lets the public tables be protected against subtraction.
ONE_VALUE_KINDS = (Kind.SINGLE, Kind.YES_NO, Kind.ORG_KIND, Kind.MUNICIPALITY, Kind.SCALE)
# What the public may filter and cross-tabulate by (municipalities: hundreds of small groups).
PUBLIC_PAIR_KINDS = (Kind.SINGLE, Kind.YES_NO, Kind.ORG_KIND, Kind.SCALE)


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
    filtered_out: bool = False  # public and filtered: only PUBLIC_PAIR_KINDS are shown
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


def filter_choices(
    questions: list[Question], *, public: bool = False
) -> list[tuple[Question, list[tuple[str, str]]]]:
    """The answers one can filter by: (question, [(param, label)]), municipalities left out (and
    for the public, everything but PUBLIC_PAIR_KINDS)."""
    kinds = PUBLIC_PAIR_KINDS if public else CATEGORICAL_KINDS
    found = []
    for question in questions:
        if question.kind in kinds and question.kind != Kind.MUNICIPALITY:
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


# --- Small groups: the one rule, and what keeps it from being undone by subtraction ------------


def sensitive(count: int) -> bool:
    """A group the public never sees: 1 to MIN_GROUP - 1 respondents."""
    return 0 < count < MIN_GROUP


def _complement_cost(count: int) -> int:
    # Hiding a 1 next to another small count could pin both down (hidden counts are known not to
    # be 0): prefer counts of at least 2.
    return count if count >= 2 else count + 1000


def protect_line(entries: dict) -> set:
    """The keys to hide of counts that add up to a shown total (a question's answers and its
    "no answer" adding up to the respondents).

    Every sensitive count is hidden; a lone hidden count would be the total less the others, so
    the smallest other count (not 0) is hidden with it; and hidden counts that are all 1 would be
    known too (hidden counts are at least 1), so another joins them."""
    hidden = {key for key, n in entries.items() if sensitive(n)}

    def pinned() -> bool:
        return len(hidden) == 1 or (hidden and sum(entries[k] for k in hidden) == len(hidden))

    while pinned():
        candidates = sorted(
            (k for k, n in entries.items() if n and k not in hidden),
            key=lambda k: (_complement_cost(entries[k]), str(k)),
        )
        if not candidates:
            break
        hidden.add(candidates[0])
    return hidden


@dataclass
class ProtectedTable:
    """A two-way table of counts with its margins, as the public may see it.

    `cells[(r, c)]`, `row_totals[r]`, `column_totals[c]` and `total` hold the true counts; the
    `hidden_*` sets say which the public does not see. Every row (the "no answer" row included)
    adds up to its row total, every column to its column total, the totals to `total`."""

    rows: list
    columns: list
    cells: dict
    row_totals: dict
    column_totals: dict
    total: int
    hidden_cells: set = field(default_factory=set)
    hidden_rows: set = field(default_factory=set)
    hidden_columns: set = field(default_factory=set)
    withheld: bool = False

    def cell(self, r, c) -> int | None:
        return None if (r, c) in self.hidden_cells else self.cells.get((r, c), 0)

    def transposed(self) -> ProtectedTable:
        return ProtectedTable(
            rows=self.columns,
            columns=self.rows,
            cells={(c, r): n for (r, c), n in self.cells.items()},
            row_totals=self.column_totals,
            column_totals=self.row_totals,
            total=self.total,
            hidden_cells={(c, r) for r, c in self.hidden_cells},
            hidden_rows=self.hidden_columns,
            hidden_columns=self.hidden_rows,
            withheld=self.withheld,
        )


# Vertices of the table's graph: a row, a column, or the totals' row and column.
_TOTALS_ROW = ("totals", "row")
_TOTALS_COLUMN = ("totals", "column")


def _edges(table: ProtectedTable) -> dict:
    """Every figure of the table as an edge between the two sums it takes part in: a cell joins
    its row and its column, a row total its row and the totals' column, a column total the
    totals' row and its column, the total the totals' row and column."""
    edges = {}
    for r in table.rows:
        for c in table.columns:
            edges[("cell", r, c)] = (("row", r), ("column", c))
        edges[("row", r)] = (("row", r), _TOTALS_COLUMN)
    for c in table.columns:
        edges[("column", c)] = (_TOTALS_ROW, ("column", c))
    edges[("total",)] = (_TOTALS_ROW, _TOTALS_COLUMN)
    return edges


def _connected(adjacent: dict, start, goal, skip) -> bool:
    seen, todo = {start}, [start]
    while todo:
        vertex = todo.pop()
        if vertex == goal:
            return True
        for edge, other in adjacent.get(vertex, ()):
            if edge != skip and other not in seen:
                seen.add(other)
                todo.append(other)
    return False


def _bridges(hidden: set, edges: dict) -> list:
    """The hidden figures that the shown ones determine.

    Each sum (a row, a column, the totals' row or column) is an equation, each figure an unknown
    in the two it joins: with the sign of the margins flipped the equations are the incidence
    matrix of a bipartite graph, whose null space is its cycle space. A hidden figure can be
    worked out exactly when no cycle of hidden figures runs through it: when it is a bridge."""
    adjacent: dict = {}
    for edge in hidden:
        u, w = edges[edge]
        adjacent.setdefault(u, []).append((edge, w))
        adjacent.setdefault(w, []).append((edge, u))
    return sorted(
        (edge for edge in hidden if not _connected(adjacent, *edges[edge], skip=edge)), key=str
    )


def _cheapest_cycle(bridge, hidden: set, edges: dict, cost: dict) -> list | None:
    """The cells to hide so that a cycle of hidden figures runs through `bridge` (Dijkstra from
    one end of it to the other; hidden figures cost nothing, cells their count)."""
    import heapq

    start, goal = edges[bridge]
    adjacent: dict = {}
    for edge, (u, w) in edges.items():
        if edge == bridge or (edge not in hidden and edge not in cost):
            continue
        weight = 0 if edge in hidden else cost[edge]
        adjacent.setdefault(u, []).append((weight, edge, w))
        adjacent.setdefault(w, []).append((weight, edge, u))
    best = {start: 0}
    came: dict = {}
    queue = [(0, str(start), start)]
    while queue:
        distance, _key, vertex = heapq.heappop(queue)
        if vertex == goal:
            path, at = [], goal
            while at != start:
                edge, at = came[at]
                path.append(edge)
            return [edge for edge in path if edge not in hidden]
        if distance > best.get(vertex, distance):
            continue
        for weight, edge, other in adjacent.get(vertex, ()):
            total = distance + weight
            if total < best.get(other, total + 1):
                best[other] = total
                came[other] = (edge, vertex)
                heapq.heappush(queue, (total, str(other), other))
    return None


def protect_table(table: ProtectedTable) -> ProtectedTable:
    """Hide the table's sensitive cells, and enough other cells that none of them, nor any hidden
    total, can be worked out from what is shown (complementary suppression).

    The margins' visibility is given (`hidden_rows`, `hidden_columns`: they are the questions'
    own results, protected by `protect_line`); only cells are hidden here. Where no set of cells
    will do, the whole table is withheld."""
    edges = _edges(table)
    hidden = {("row", r) for r in table.hidden_rows}
    hidden |= {("column", c) for c in table.hidden_columns}
    cost = {}
    for (r, c), n in table.cells.items():
        if sensitive(n):
            hidden.add(("cell", r, c))
        elif n:
            cost[("cell", r, c)] = _complement_cost(n)
    while True:
        bridges = _bridges(hidden, edges)
        if not bridges:
            break
        added = _cheapest_cycle(bridges[0], hidden, edges, cost)
        if not added:
            table.withheld = True
            break
        hidden.update(added)
    table.hidden_cells = {(edge[1], edge[2]) for edge in hidden if edge[0] == "cell"}
    return table


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
    if public and filter is not None:
        return _public_filtered(result, asked, respondents)
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
                base_respondents=respondents,
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
    base_respondents: int | None = None,
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
    if public and base_respondents is not None:
        _protect_question(result, by_option, by_number, answered, base_respondents)
    return result


def _protect_question(
    result: QuestionResult,
    by_option: dict[str, int],
    by_number: dict[tuple[str, int], int],
    answered: int,
    respondents: int,
) -> None:
    """Complementary suppression within one question of the public results (see the module's
    docstring): what the single counts left shown must not give away a hidden one."""
    kind = result.kind
    if kind in ONE_VALUE_KINDS:
        if kind == Kind.SCALE:
            true = {str(number): n for (_row, number), n in by_number.items()}
        else:
            true = by_option
        _hide_in_line(result, result.bars, true, answered, respondents)
        if any(bar.count is None for bar in result.bars):
            result.mean = None
    elif kind == Kind.MATRIX:
        any_hidden = False
        for row in result.rows:
            true = {
                str(number): n for (label, number), n in by_number.items() if label == row.label
            }
            row_answered = sum(true.values())
            if row.count is None and sensitive(row_answered):
                any_hidden = True
                continue
            holder = QuestionResult(question=result.question, answered=row.count)
            _hide_in_line(holder, row.bars, true, row_answered, respondents)
            row.count = holder.answered
            if row.count is None or any(bar.count is None for bar in row.bars):
                row.mean = None
            any_hidden = any_hidden or row.count is None
        if any_hidden:
            result.answered = None
    else:
        # Multiple choice, numbers and texts: the options of a multiple choice overlap (no sum to
        # undo), but the answered count must not give away a small "no answer".
        if NO_ANSWER in protect_line({"answered": answered, NO_ANSWER: respondents - answered}):
            result.answered = None
            for bar in result.bars:
                bar.share = None
        if kind == Kind.NUMBER:
            # The smallest and the largest are one respondent's own answers.
            result.minimum = result.maximum = None


def _hide_in_line(result, bars: list[Bar], true: dict, answered: int, respondents: int) -> None:
    """Hide the bars `protect_line` picks among the counts and "no answer"; without "no answer"
    shown, the answered count (respondents less it) and the shares (count / answered) go too."""
    line = {bar.key: true.get(bar.key, 0) for bar in bars}
    line[NO_ANSWER] = respondents - answered
    hidden = protect_line(line)
    for bar in bars:
        if bar.key in hidden:
            bar.count = bar.share = None
    if NO_ANSWER in hidden:
        result.answered = None
        for bar in bars:
            bar.share = None


# --- Public tables of two questions ---------------------------------------------------------------


def _value_field(question: Question) -> str:
    return "number" if question.kind == Kind.SCALE else "option"


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


def _public_filtered(result: Summary, asked: list[Question], respondents: int) -> Summary:
    """The public results of those who gave one answer: each one-value question shows the column
    of its public table with the filter's question; other questions are not shown (their figures
    would be the filter's group's own, unprotected by any table).

    The filter must be one of PUBLIC_PAIR_KINDS, and its count shown in the public results (a
    count hidden there, as small or to protect another, would be given away as the base)."""
    survey, answer_filter = result.survey, result.filter
    source = answer_filter.question
    everyone = summary(survey, public=True, questions=[source])
    shown = next(
        (bar for q in everyone.questions for bar in q.bars if bar.key == answer_filter.value),
        None,
    )
    if source.kind not in PUBLIC_PAIR_KINDS or shown is None or shown.count is None:
        result.respondents, result.withheld = None, True
        return result
    for question in asked:
        item = QuestionResult(question=question, answered=None)
        result.questions.append(item)
        if question.kind not in PUBLIC_PAIR_KINDS:
            item.filtered_out = True
            continue
        if question.pk == source.pk:
            item.answered = respondents
            item.bars = [
                Bar(value, label, respondents if value == answer_filter.value else 0)
                for value, label in categories(question)
            ]
            for bar in item.bars:
                bar.share = bar.count / respondents
            continue
        table = public_table(survey, question, source)
        if table.withheld:
            item.withheld = True
            continue
        column = answer_filter.value
        answered = respondents - table.cells[(NO_ANSWER, column)]
        if sensitive(answered):
            item.withheld = True
            continue
        if table.cell(NO_ANSWER, column) is not None:
            item.answered = answered
        for value, label in categories(question):
            count = table.cell(value, column)
            share = None
            if count is not None and item.answered:
                share = count / item.answered
            item.bars.append(Bar(value, label, count, share))
        visible = all(bar.count is not None for bar in item.bars)
        if question.kind == Kind.SCALE and visible and answered:
            item.mean = sum(int(bar.key) * bar.count for bar in item.bars) / answered
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
    if public:
        return _public_crosstab(survey, row_question, column_question, answer_filter)
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
        or row_question.kind not in PUBLIC_PAIR_KINDS
        or column_question.kind not in PUBLIC_PAIR_KINDS
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
    kinds = PUBLIC_PAIR_KINDS if public else CATEGORICAL_KINDS
    return [q for q in questions if q.kind in kinds]
