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
that XML (so XLSX) cannot hold are removed (`xlsx_text`). The rows are read in chunks of responses
(keyset pagination on the response id), so a large survey never sits in memory.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.questions import Column
from samspill.core.spreadsheets import xlsx_text
from samspill.surveys.models import Answer, Kind, Question, Survey
from samspill.surveys.results import MIN_GROUP, Summary, submitted

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


# --- CSV ------------------------------------------------------------------------------------------


def safe(value):
    """Text a spreadsheet would read as a formula gets a leading apostrophe; numbers stay."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_safe(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, str):
        return safe(value)
    return str(value)


class _Echo:
    def write(self, value):
        return value


def csv_lines(survey: Survey, *, public: bool) -> Iterator[str]:
    """The CSV file line by line, with a byte order mark so spreadsheet programs read UTF-8."""
    header, rows = table(survey, public=public)
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([csv_safe(cell) for cell in header])
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    return lines()


def codebook_csv(survey: Survey, *, public: bool) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in codebook_rows(list(survey.questions.all()), public=public):
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


# --- XLSX -----------------------------------------------------------------------------------------


def xlsx_bytes(survey: Survey, *, public: bool) -> bytes:
    """The workbook: "Responses" and "Codebook" (openpyxl's write-only mode)."""
    header, rows = table(survey, public=public)
    return _workbook(
        [
            (_("Responses"), header, rows),
            (_("Codebook"), *_split(codebook_rows(list(survey.questions.all()), public=public))),
        ]
    )


def _split(entries: list[list]) -> tuple[list, list]:
    return entries[0], entries[1:]


def _workbook(sheets) -> bytes:
    """A workbook of (title, header, rows) sheets, the header in bold."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(target, value, *, font=None):
        if isinstance(value, str):
            value = safe(xlsx_text(value))
        item = WriteOnlyCell(target, value=value)
        if isinstance(value, str):
            # openpyxl would store text starting with "=" as a formula: keep it text.
            item.data_type = "s"
        elif isinstance(value, datetime.datetime):
            item.number_format = "yyyy-mm-dd hh:mm"
        if font is not None:
            item.font = font
        return item

    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(title))
        sheet.append([cell(sheet, value, font=bold) for value in header])
        for row in rows:
            sheet.append([cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31] or "Sheet"


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
    header, rows = summary_rows(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def summary_xlsx(result: Summary) -> bytes:
    header, rows = summary_rows(result)
    return _workbook([(_("Results"), header, rows)])
