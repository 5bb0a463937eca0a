"""The questionnaire engine's contract: one `Kind` per kind of question, registered by name.

A kind knows everything that differs between kinds, and nothing about where its questions live:

- the editor's checks of a question (`check`);
- its form fields and widgets (`form_fields`), how the browser's values are read back
  (`form_value`) and how stored answers fill the form again (`initial`);
- how a submitted value becomes answer rows (`clean`) and rows the input again (`as_input`);
- its export columns with their codebook meaning (`columns`) and a response's cells (`cell`);
- its categories (`categories`), the result summary from grouped counts (`summarise`) and its
  chart's description (`chart_description`).

A question is any object with the attributes the kinds read: `key`, `text`, `option_list`,
`allow_other`, `scale_max`, `low_label`, `high_label`, `min_value`, `max_value`,
`municipality_country`, and optionally `text_max_length` (surveys' `Question` has them all;
an event's registration question offers those its kinds need). Answer rows are dicts with
`option`, `row`, `number` and `text`.

Adding a kind is one class in `kinds.py` with `@register` (and a migration for the new choice).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

OTHER = "__other__"
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000


class AnswerError(ValueError):
    """A submitted value a kind refuses; the message is for people, the code for callers who
    word it their own way."""

    def __init__(self, message, code: str = "invalid"):
        super().__init__(message)
        self.code = code


@dataclass
class Column:
    """One export column with its meaning for the codebook."""

    key: str
    question: object | None
    meaning: str
    option: str = ""  # multiple choice: the option; matrix: the row
    other: bool = False  # the "other" text of a multiple-choice question


# --- Result shapes --------------------------------------------------------------------------------


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
class Counts:
    """What the SQL found for one question, as the kind's summary reads it."""

    by_option: dict[str, int]  # respondents per option ("" for a text)
    by_number: dict[tuple[str, int], int]  # answers per (row, number)
    respondents: int  # distinct respondents (kinds with `distinct_respondents`)
    hidden: int  # hidden texts (public results)
    texts: list[TextAnswer]
    municipalities: dict  # code: name


def bars(
    pairs: list[tuple[str, str]],
    found: dict[str, int],
    total: int,
    shown: Callable[[int], int | None],
) -> list[Bar]:
    """A bar per category; `shown` says what a count looks like to the reader (None: hidden)."""
    made = []
    for value, label in pairs:
        count = shown(found.get(value, 0))
        share = None if count is None or not total else count / total
        made.append(Bar(value, label, count, share))
    return made


# --- The kind -------------------------------------------------------------------------------------


class Kind:
    """One kind of question. Instances are stateless; `kinds.py` registers one per kind."""

    name: str = ""
    label = ""
    # Drawn as a fieldset (radio buttons, checkboxes, a matrix).
    group = False
    # Where the SQL counts it: by "option", by "number" (and row), or not at all ("").
    counted_by = ""
    # A small set of values one may filter and cross-tabulate by (the editors' results).
    categorical = False
    # At most one answer row per respondent among the categories (their sum is the respondents).
    one_value = False
    # What the public may filter and cross-tabulate by.
    public_pair = False
    # Several rows per respondent: its respondents are counted distinctly.
    distinct_respondents = False
    # Free text the editors may hide from the public.
    free_text = False
    # Answered on a scale from 1 to `scale_max` (a scale, a matrix's rows).
    scaled = False
    # Answered by a number between `min_value` and `max_value`.
    bounded = False
    # Municipalities (of `municipality_country`): hundreds of categories, named from the database.
    by_country = False
    # Answered by rows (a matrix): a count and a mean per row.
    has_rows = False
    # Its results name the smallest and the largest answer.
    extremes = False
    # A section break: no answer at all.
    is_section = False

    def __str__(self):
        return self.name

    # --- The editor's question ---

    def check(self, question) -> dict:
        """{field: message} of what makes the question unusable (empty: fine)."""
        return {}

    def change_problems(self, question, new: dict, answers) -> list[str]:
        """What an edit of a question with answers would orphan, in words: `new` is the question
        as the edit leaves it (a dict, see `surveys.services.survey_check_change`), `answers`
        the queryset of its answers."""
        return []

    # --- Forms ---

    def form_fields(self, question, *, label: str, **options) -> dict:
        """{name: field}: the first is the question's own; `options` go to every field."""
        return {}

    def takes_other(self, question) -> bool:
        return False

    def form_value(self, question, raw):
        """What the browser sent (a QueryDict or a dict), in the services' input format."""
        return raw.get(question.key, "")

    def initial(self, question, rows: list[dict]) -> dict:
        """Stored answer rows as the form's initial values."""
        return {question.key: rows[0]["option"]}

    # --- Answers ---

    def clean(self, question, value, other: str = "", context: dict | None = None) -> list[dict]:
        """The answer rows of a submitted value, or AnswerError. `context` is shared by the
        questions of one submission (what a kind looks up once)."""
        return []

    def complete(self, question, rows: list[dict]) -> bool:
        """Whether a required question's rows answer all of it (a matrix: every row)."""
        return True

    def as_input(self, question, rows: list[dict]) -> dict:
        """Stored rows back into the input format ({key: value}, `<key>_other` too)."""
        return {question.key: rows[0]["option"]}

    def api_options(self, question) -> list[str]:
        """The values an API client sends."""
        return []

    def display(self, question, value) -> str:
        """A stored value as people read it."""
        return dict(self.categories(question, {value})).get(value, value)

    # --- Exports ---

    def columns(self, question, *, public: bool) -> list[Column]:
        return []

    def cell(self, column: Column, rows: list, *, public: bool):
        """One cell from a response's answer rows (objects with option, row, number, text and
        hidden) to the column's question."""
        return rows[0].option

    # --- Results ---

    def categories(
        self, question, present: set[str] | None = None, municipalities: dict | None = None
    ) -> list[tuple[str, str]]:
        """(stored value, label) of every category, in the question's order."""
        return []

    def collects_texts(self, question) -> bool:
        """Whether its latest free texts are listed (a text, or "other, please specify")."""
        return False

    def text_option(self) -> str:
        """The `option` of its free-text rows."""
        return ""

    def answered(self, counts: Counts) -> int:
        return sum(counts.by_option.values())

    def summarise(self, result, counts: Counts, answered: int, shown: Callable) -> None:
        """Fill `result` (a QuestionResult) from the counts; `shown(count)` is the count as the
        reader may see it (None: hidden), decided by the caller's small-group rule."""

    def chart_description(self, question) -> str:
        return _("How many respondents gave each answer.")


_registry: dict[str, Kind] = {}


def register(cls: type[Kind]) -> type[Kind]:
    """Class decorator: the kind joins the registry under its name, in definition order."""
    if cls.name in _registry:
        raise ValueError(f"A question kind named {cls.name!r} is registered already.")
    _registry[cls.name] = cls()
    return cls


def all_kinds() -> list[Kind]:
    return list(_registry.values())


def answered_kind_names() -> str:
    """The names of the kinds that are answered, in words ("single, multiple, … or matrix")."""
    names = [kind.name for kind in _registry.values() if not kind.is_section]
    return ", ".join(names[:-1]) + " or " + names[-1]


def kind_of(question_or_name) -> Kind:
    """The kind of a question (by its `kind` attribute, or `engine_kind` where it names its kind
    differently), or of a name."""
    if isinstance(question_or_name, str):
        return _registry[question_or_name]
    name = getattr(question_or_name, "engine_kind", None) or question_or_name.kind
    return _registry[str(name)]
