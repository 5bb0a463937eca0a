"""The participant list of an event as CSV or XLSX, for its organisers.

`registration_table` builds the header and the rows once for both formats: one row per registration
(cancelled ones too, with their status), the fixed columns and then one column per registration
question (headed by the question's label). Times are in the event's own time zone. The rows are a
generator over a server-side cursor, so a long list is never held in memory.
"""

import csv
import datetime
import io
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core.spreadsheets import xlsx_text
from samspill.events import selectors
from samspill.events.models import Event, QuestionKind, Registration, RegistrationStatus

# Cells a spreadsheet program could read as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def answer_display(question, answers: dict, labels: dict | None = None) -> str:
    """The answer to one question as shown to organisers ("Yes"/"No" for yes-or-no questions)."""
    value = (answers or {}).get(str(question.pk), "")
    if value is None:
        return ""
    if question.kind == QuestionKind.YES_NO and value in ("yes", "no"):
        labels = labels or {"yes": _("Yes"), "no": _("No")}
        return labels[value]
    return str(value)


def _local(moment, zone) -> datetime.datetime | None:
    if moment is None:
        return None
    return timezone.localtime(moment, zone).replace(tzinfo=None)


def registration_table(event: Event) -> tuple[list[str], Iterator[list]]:
    """(header, rows). Values are strings, or naive datetimes in the event's time zone.

    Labels are translated now (in the language of the request), not when the rows are read.
    """
    questions = list(event.questions.all())
    header = [
        _("Name"),
        _("Email"),
        _("Status"),
        _("Registered"),
        _("Confirmed"),
        _("Checked in"),
        _("Consent given"),
        *[q.label for q in questions],
    ]
    statuses = {value: str(label) for value, label in RegistrationStatus.choices}
    yes_no = {"yes": _("Yes"), "no": _("No")}
    zone = event.zone
    registrations = selectors.participants_ordered(event)

    def rows() -> Iterator[list]:
        registration: Registration
        for registration in registrations.iterator(chunk_size=500):
            yield [
                registration.name,
                registration.email,
                statuses.get(registration.status, registration.status),
                _local(registration.created_at, zone),
                _local(registration.confirmed_at, zone),
                _local(registration.checked_in_at, zone),
                _local(registration.consented_at, zone),
                *[answer_display(q, registration.answers, yes_no) for q in questions],
            ]

    return header, rows()


def export_filename(event: Event, extension: str) -> str:
    slug = event.slug or f"event-{event.pk}"
    return f"{slug}-{event.local_start:%Y-%m-%d}.{extension}"


# --- CSV ------------------------------------------------------------------------------------------


def csv_safe(value) -> str:
    """A cell's text, with a leading apostrophe where a spreadsheet would see a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    def write(self, value):
        return value


def csv_lines(event: Event) -> Iterator[str]:
    """The CSV file line by line (with a byte order mark, so spreadsheet programs read UTF-8)."""
    header, rows = registration_table(event)
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([csv_safe(cell) for cell in header])
        for row in rows:
            yield writer.writerow([csv_safe(cell) for cell in row])

    return lines()


# --- XLSX -----------------------------------------------------------------------------------------


def xlsx_bytes(event: Event) -> bytes:
    """The workbook (openpyxl's write-only mode: rows go straight to the file)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    header, rows = registration_table(event)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(_("Participants")))
    bold = Font(bold=True)

    def cell(value, *, font=None):
        if isinstance(value, str):
            value = xlsx_text(value)
        item = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            # openpyxl would store text starting with "=" as a formula: keep it text.
            item.data_type = "s"
        elif isinstance(value, datetime.datetime):
            item.number_format = "yyyy-mm-dd hh:mm"
        if font is not None:
            item.font = font
        return item

    sheet.append([cell(title, font=bold) for title in header])
    for row in rows:
        sheet.append([cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31] or "Sheet"
