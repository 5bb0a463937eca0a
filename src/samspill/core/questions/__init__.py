"""The questionnaire engine: one class per kind of question, registered (`base.register`).

Surveys and event registration both ask their questions through it: form fields, checking a
submitted value into answer rows, export columns, result summaries and chart descriptions.
"""

from samspill.core.questions import kinds
from samspill.core.questions.base import (
    LONG_TEXT_MAX,
    OTHER,
    SHORT_TEXT_MAX,
    AnswerError,
    Bar,
    Column,
    Counts,
    Kind,
    MatrixRow,
    TextAnswer,
    all_kinds,
    answered_kind_names,
    kind_of,
    register,
)
from samspill.core.questions.kinds import KindChoices

__all__ = [
    "LONG_TEXT_MAX",
    "OTHER",
    "SHORT_TEXT_MAX",
    "AnswerError",
    "Bar",
    "Column",
    "Counts",
    "Kind",
    "KindChoices",
    "MatrixRow",
    "TextAnswer",
    "all_kinds",
    "answered_kind_names",
    "kind_of",
    "kinds",
    "register",
]
