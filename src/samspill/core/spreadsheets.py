"""What every spreadsheet export needs, whichever app writes it: one escape rule, CSV and XLSX.

The escape rule (CSV injection, "formula injection"): a spreadsheet program runs a cell that starts
with `=`, `+`, `-` or `@` (and some read a leading tab or carriage return the same way). So text
that starts with one of them gets a leading apostrophe, in CSV and in XLSX alike (a workbook's text
cell is never run, but the same text saved again as CSV would be). Numbers stay numbers: the int
-5 is written as `-5` (a number cell in XLSX), while the *text* "-5" is text like any other and is
written `'-5`: whoever built the row decided it is text (a typed answer, a phone number), and a
rule that looked inside text to guess would let "-5+A1" through the day the guess is wrong.
`None` is an empty cell; a bool is left to the caller (say "yes"/"no" in the reader's language).

CSV files start with a byte order mark, so that spreadsheet programs read UTF-8 (æ, ø, å stay
whole); datetimes are written `YYYY-MM-DD HH:MM` (naive: convert to the zone you mean first).
Workbooks are written in openpyxl's write-only mode (rows go straight to the file), the header in
bold, datetimes as dates.
"""

import csv
import datetime
import decimal
import io
import itertools
from collections.abc import Iterable, Iterator, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
NUMBERS = (int, float, decimal.Decimal)

# (title, header, rows): one sheet of a workbook.
Sheet = tuple[str, Sequence, Iterable[Sequence]]


def escape_formula(value):
    """Text that a spreadsheet would read as a formula, with a leading apostrophe; anything else
    (numbers, dates, None) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_text(value: str) -> str:
    """Text as a workbook can hold it: XML 1.0 has no place for most control characters (U+0000
    to U+001F but tab, line feed and carriage return), and openpyxl refuses a cell with one."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


# --- CSV ------------------------------------------------------------------------------------------


def csv_cell(value) -> str:
    """One value as CSV text: escaped text, numbers as they are, datetimes to the minute."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, NUMBERS) and not isinstance(value, bool):
        return str(value)
    return escape_formula(str(value))


class _Echo:
    """A file that hands back what is written, so that `csv.writer` yields lines."""

    def write(self, value):
        return value


def csv_lines(header: Sequence | None, rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV file line by line, the first with the byte order mark (for streaming)."""
    writer = csv.writer(_Echo())
    table = itertools.chain([] if header is None else [header], rows)
    lines = (writer.writerow([csv_cell(cell) for cell in row]) for row in table)
    yield BOM + next(lines, "")
    yield from lines


def csv_bytes(header: Sequence | None, rows: Iterable[Sequence]) -> bytes:
    """The whole CSV file, UTF-8 with a byte order mark."""
    return "".join(csv_lines(header, rows)).encode("utf-8")


# --- XLSX -----------------------------------------------------------------------------------------


def sheet_title(title: str) -> str:
    """A title a workbook accepts: no []:*?/\\ and at most 31 characters."""
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31] or "Sheet"


def _xlsx_cell(sheet, value, *, font=None) -> WriteOnlyCell:
    if isinstance(value, str):
        value = escape_formula(xlsx_text(value))
    item = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        item.data_type = "s"  # openpyxl would store text starting with "=" as a formula
    elif isinstance(value, datetime.datetime):
        item.number_format = XLSX_DATETIME_FORMAT
    if font is not None:
        item.font = font
    return item


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook of (title, header, rows) sheets, each header in bold."""
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=sheet_title(str(title)))
        sheet.append([_xlsx_cell(sheet, value, font=bold) for value in header])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Responses ------------------------------------------------------------------------------------


def attachment(response: HttpResponse, filename: str, *, private: bool = True):
    """A download named `filename`; `private` ones (people's data) are never stored by a cache."""
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "no-store"
    return response


def csv_response(
    filename: str,
    header: Sequence | None,
    rows: Iterable[Sequence],
    *,
    stream: bool = False,
    private: bool = True,
):
    """A CSV download. `stream` sends the rows as they are read (a long list, a generator over a
    server-side cursor); otherwise the file is built first (a short table)."""
    if stream:
        response = StreamingHttpResponse(csv_lines(header, rows), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type=CSV_CONTENT_TYPE)
    return attachment(response, filename, private=private)


def xlsx_response(filename: str, sheets: Iterable[Sheet], *, private: bool = True) -> HttpResponse:
    """An XLSX download of (title, header, rows) sheets."""
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_CONTENT_TYPE)
    return attachment(response, filename, private=private)
