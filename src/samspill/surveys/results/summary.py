"""Every question's figures over the submitted responses: a handful of GROUP BYs whatever the
number of responses, each kind's figures made by the questionnaire engine (`Kind.summarise`)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from samspill.core.questions import OTHER, Counts
from samspill.surveys import tallies
from samspill.surveys.models import Answer, Question, Response, Survey
from samspill.surveys.results.disclosure import (
    MIN_GROUP,
    NO_ANSWER,
    _protect_question,
    sensitive,
    suppress,
)
from samspill.surveys.results.filters import (
    answers_of,
    as_filter,
    base_responses,
    categories,
    municipality_names,
    unsubmitted,
)
from samspill.surveys.results.shapes import AnswerFilter, Bar, QuestionResult, Summary, TextAnswer
from samspill.surveys.results.tables import public_table

# Free texts listed per question on the results page (the export holds them all).
TEXTS_SHOWN = 50


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
    stored = seen = None
    if filter is None:
        # The survey's tally, when it is current, holds the unfiltered counts (`tallies`).
        stored, seen = tallies.current(survey)
        respondents = seen[0]
    else:
        respondents = base.count()
    result = Summary(
        survey=survey,
        public=public,
        respondents=suppress(respondents, public),
        withheld=public and respondents < MIN_GROUP,
        filter=filter,
        tally=None if filter is not None else (stored, seen),
    )
    if result.withheld:
        return result
    asked = [q for q in questions if not q.is_section]
    if public and filter is not None:
        return _public_filtered(result, asked, respondents)
    count = _Counter(survey, base, filtered=filter is not None)

    if filter is None:
        if stored is None:
            stored = _tally_counts(count, [q for q in survey.questions.all() if not q.is_section])
            tallies.store_summary(survey, seen, stored)
            result.tally = (stored, seen)
        by_option, by_number, respondents_of, hidden = _from_tally(stored)
        if not public:
            hidden = {}
    else:
        by_option, by_number, respondents_of = _counted(count, asked)
    text_ids = [q.pk for q in asked if q.engine.collects_texts(q)]
    if filter is not None:
        hidden = count.hidden(text_ids) if public else {}

    # 5. The latest free texts of each question (one query each, along an index).
    answers = count.answers()
    texts: dict[int, list[TextAnswer]] = {}
    for question in asked:
        if question.pk not in text_ids:
            continue
        latest = answers.filter(question=question, option=question.engine.text_option())
        if public:
            latest = latest.filter(hidden=False)
        texts[question.pk] = [
            TextAnswer(id=pk, text=text, hidden=is_hidden, other=option == OTHER)
            for pk, text, is_hidden, option in latest.order_by("-response_id", "-pk").values_list(
                "pk", "text", "hidden", "option"
            )[:TEXTS_SHOWN]
        ]

    municipality_ids = [q.pk for q in asked if q.engine.by_country]
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


def _counted(count: _Counter, asked: list[Question]) -> tuple[dict, dict, dict]:
    """(by_option, by_number, respondents_of) of the questions, in three GROUP BYs."""
    # 1. Choices and free texts: respondents per option ("" for a text), one GROUP BY.
    option_ids = [q.pk for q in asked if q.engine.counted_by == "option"]
    by_option: dict[int, dict[str, int]] = {}
    for (question_id, option), n in count.grouped(option_ids, "question_id", "option").items():
        by_option.setdefault(question_id, {})[option] = n

    # 2. Scales, numbers and matrix rows: answers per (row, number), one GROUP BY.
    number_ids = [q.pk for q in asked if q.engine.counted_by == "number"]
    by_number: dict[int, dict[tuple[str, int], int]] = {}
    for (question_id, row, number), n in count.grouped(
        number_ids, "question_id", "row", "number"
    ).items():
        by_number.setdefault(question_id, {})[(row, number)] = n

    # 3. Respondents of multiple-choice questions (one may choose several options). A matrix's
    # respondents are those of its most answered row (see _question_result).
    many_ids = [q.pk for q in asked if q.engine.distinct_respondents]
    return by_option, by_number, count.respondents(many_ids)


def _tally_counts(count: _Counter, asked: list[Question]) -> dict:
    """The unfiltered counts of every question as `tallies` keeps them (JSON)."""
    by_option, by_number, respondents_of = _counted(count, asked)
    # 4. Hidden texts (the public count leaves them out).
    hidden = count.hidden([q.pk for q in asked if q.engine.collects_texts(q)])
    return {
        "option": {str(pk): options for pk, options in by_option.items()},
        "number": {
            str(pk): {f"{row}{tallies.SEP}{number}": n for (row, number), n in numbers.items()}
            for pk, numbers in by_number.items()
        },
        "respondents": {str(pk): n for pk, n in respondents_of.items()},
        "hidden": {str(pk): n for pk, n in hidden.items()},
    }


def _from_tally(stored: dict) -> tuple[dict, dict, dict, dict]:
    """(by_option, by_number, respondents_of, hidden) from a tally's counts."""

    def number_key(key: str) -> tuple[str, int | None]:
        row, number = key.split(tallies.SEP)
        return row, None if number == "None" else int(number)

    return (
        {int(pk): dict(options) for pk, options in stored.get("option", {}).items()},
        {
            int(pk): {number_key(k): n for k, n in numbers.items()}
            for pk, numbers in stored.get("number", {}).items()
        },
        {int(pk): n for pk, n in stored.get("respondents", {}).items()},
        {int(pk): n for pk, n in stored.get("hidden", {}).items()},
    )


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
        return unsubmitted(self.survey)

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
    kind = question.engine
    counts = Counts(by_option, by_number, respondents, hidden, texts, municipalities)
    answered = kind.answered(counts)
    result = QuestionResult(question=question, answered=suppress(answered, public))
    if public and 0 < answered < MIN_GROUP:
        result.withheld = True
        return result
    kind.summarise(result, counts, answered, lambda count: suppress(count, public))
    if public and base_respondents is not None:
        _protect_question(result, by_option, by_number, answered, base_respondents)
    return result


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
    if not source.engine.public_pair or shown is None or shown.count is None:
        result.respondents, result.withheld = None, True
        return result
    for question in asked:
        item = QuestionResult(question=question, answered=None)
        result.questions.append(item)
        if not question.engine.public_pair:
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
        if question.engine.counted_by == "number" and visible and answered:
            item.mean = sum(int(bar.key) * bar.count for bar in item.bars) / answered
    return result
