"""A survey's submitted responses as CSV or XLSX, one row per response, with a codebook.

Columns are keyed by question (`q<id>`, or `q<id>_<n>` where a question needs several); each
kind gives its own columns and cells (`samspill.core.questions`):

| question kind        | columns                                                           |
| -------------------- | ----------------------------------------------------------------- |
| single choice        | `q<id>`: the option's text, or "other: <text>"                     |
| multiple choice      | `q<id>_<n>` per option: 1 chosen, 0 not; `q<id>_other`: the text  |
| scale, number        | `q<id>`: the number                                               |
| matrix               | `q<id>_<n>` per row: the number                                   |
| short and long text  | `q<id>`: the text                                                 |
| yes/no, org kind, municipality | `q<id>`: the code (yes/no, kind code, municipality number) |

An empty cell means no answer (the question was skipped or not asked). Section breaks have no
column. The codebook lists each column with its question, kind and the meaning of its values.

These rows are the respondents' own answers: only those who run the survey download them (the
views check `permissions.can_manage_survey`). Everyone else gets `summary_rows`: the public
results' counts per answer, with the same small-group suppression as the results page.

Text that a spreadsheet would read as a formula is prefixed with an apostrophe, and characters
that XML (so XLSX) cannot hold are removed (`core.spreadsheets`). The rows are read in chunks of responses
(keyset pagination on the response id), so a large survey never sits in memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core import spreadsheets
from samspill.core.questions import Column
from samspill.surveys.models import Answer, Kind, Question, Survey
from samspill.surveys.results import MIN_GROUP, Summary, submitted

CHUNK = 1000


def kind_label(question: Question) -> str:
    return str(Kind(question.kind).label)


def columns(questions: list[Question], *, public: bool) -> list[Column]:
    """The export's columns, in the survey's order, each with its meaning for the codebook."""
    found = [
        Column(
            "response",
            None,
            _("Running number of the response")
            if public
            else _("The response's number in the database"),
        )
    ]
    if not public:
        found.append(Column("submitted", None, _("When the response was submitted (local time)")))
    for question in questions:
        found.extend(question.engine.columns(question, public=public))
    return found


def codebook_rows(questions: list[Question], *, public: bool) -> list[list[str]]:
    header = [_("Column"), _("Question"), _("Kind"), _("Values")]
    rows = [header]
    for column in columns(questions, public=public):
        question = column.question
        rows.append(
            [
                column.key,
                question.text if question else "",
                kind_label(question) if question else "",
                column.meaning,
            ]
        )
    return rows


def table(survey: Survey, *, public: bool) -> tuple[list[str], Iterator[list]]:
    """(header, rows): the column keys, and one list of cells per submitted response.

    The responses are read CHUNK at a time (keyset pagination), and each chunk's answers in one
    query ordered by response, so at most one chunk is in memory."""
    questions = list(survey.questions.all())
    cols = columns(questions, public=public)
    header = [c.key for c in cols]
    by_id = {q.pk: q for q in questions}
    zone = timezone.get_current_timezone()

    def rows() -> Iterator[list]:
        last = 0
        running = 0
        while True:
            chunk = list(
                submitted(survey)
                .filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", "submitted_at")[:CHUNK]
            )
            if not chunk:
                return
            last = chunk[-1][0]
            answers: dict[int, dict[int, list[Answer]]] = {}
            for answer in (
                Answer.objects.filter(response_id__in=[pk for pk, _at in chunk])
                .only("response_id", "question_id", "option", "row", "number", "text", "hidden")
                .order_by("response_id", "pk")
            ):
                if answer.question_id in by_id:
                    answers.setdefault(answer.response_id, {}).setdefault(
                        answer.question_id, []
                    ).append(answer)
            for pk, submitted_at in chunk:
                running += 1
                mine = answers.get(pk, {})
                row: list = []
                for column in cols:
                    if column.question is None:
                        if column.key == "response":
                            row.append(running if public else pk)
                        else:
                            row.append(
                                timezone.localtime(submitted_at, zone).replace(tzinfo=None)
                                if submitted_at
                                else ""
                            )
                        continue
                    found = mine.get(column.question.pk)
                    row.append(
                        column.question.engine.cell(column, found, public=public) if found else ""
                    )
                yield row

    return header, rows()


def export_filename(survey: Survey, extension: str, name: str = "resultater") -> str:
    return f"{survey.slug}-{name}.{extension}"


# --- CSV and XLSX (written by core.spreadsheets) ------------------------------------------------


def csv_lines(survey: Survey, *, public: bool) -> Iterator[str]:
    """The CSV file line by line, with a byte order mark so spreadsheet programs read UTF-8."""
    return spreadsheets.csv_lines(*table(survey, public=public))


def codebook_csv(survey: Survey, *, public: bool) -> bytes:
    return spreadsheets.csv_bytes(None, codebook_rows(list(survey.questions.all()), public=public))


def xlsx_bytes(survey: Survey, *, public: bool) -> bytes:
    """The workbook: "Responses" and "Codebook"."""
    header, rows = table(survey, public=public)
    codebook = codebook_rows(list(survey.questions.all()), public=public)
    return spreadsheets.xlsx_bytes(
        [(_("Responses"), header, rows), (_("Codebook"), codebook[0], codebook[1:])]
    )


# --- The results, counted (for everyone who may see them) ---------------------------------------


def summary_rows(result: Summary) -> tuple[list[str], list[list]]:
    """(header, rows): the results page's figures, one row per answer (or matrix row and value),
    suppressed where the page suppresses them (an empty cell). No response's own answers."""
    header = [_("Column"), _("Question"), _("Answer"), _("Respondents"), _("Share (%)")]
    rows: list[list] = [["", _("Respondents"), "", _blank_none(result.respondents), ""]]
    if result.withheld:
        return header, rows
    for item in result.questions:
        key, text = item.key, item.question.text
        if item.withheld:
            rows.append([key, text, _("Withheld: fewer than %(n)s answered") % {"n": MIN_GROUP}])
            continue
        rows.append([key, text, _("Answered"), _blank_none(item.answered), ""])
        for bar in item.bars:
            rows.append([key, text, bar.label, _blank_none(bar.count), _percent(bar.share)])
        for row in item.rows:
            for bar in row.bars:
                label = f"{row.label}: {bar.label}"
                rows.append([key, text, label, _blank_none(bar.count), _percent(bar.share)])
        for label, value in ((_("Mean"), item.mean), (_("Median"), item.median)):
            if value is not None:
                rows.append([key, text, label, round(value, 2), ""])
    return header, rows


def _blank_none(value):
    return "" if value is None else value


def _percent(share: float | None):
    return "" if share is None else round(share * 100, 1)


def summary_csv(result: Summary) -> bytes:
    return spreadsheets.csv_bytes(*summary_rows(result))


def summary_xlsx(result: Summary) -> bytes:
    header, rows = summary_rows(result)
    return spreadsheets.xlsx_bytes([(_("Results"), header, rows)])
