"""What the results are made of: a question's figures, the survey's summary, a filter, a
cross-tabulation (the bars, matrix rows and texts come from the questionnaire engine)."""

from __future__ import annotations

from dataclasses import dataclass, field

from samspill.core.questions import Bar, MatrixRow, TextAnswer
from samspill.surveys import charts
from samspill.surveys.models import Question, Survey

__all__ = [
    "AnswerFilter",
    "Bar",
    "Crosstab",
    "MatrixRow",
    "QuestionResult",
    "Summary",
    "TextAnswer",
]


# --- Shapes ---------------------------------------------------------------------------------------


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
        return [label for _value, label in self.question.engine.categories(self.question)]

    @property
    def chart(self):
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
    # Unfiltered: the tally read for it (`tallies.current`), for a cross-tabulation of the same
    # request to reuse rather than check the responses again.
    tally: tuple | None = field(default=None, repr=False, compare=False)

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
