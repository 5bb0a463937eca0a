"""The one spreadsheet rule: text that starts like a formula gets an apostrophe (in CSV and XLSX),
numbers stay numbers; CSV with a byte order mark; workbooks with a bold header and no formulas."""

import csv
import datetime
import decimal
import io

import pytest
from openpyxl import load_workbook

from samspill.core import spreadsheets
from samspill.core.spreadsheets import csv_cell, escape_formula


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+47 123", "'+47 123"),
        ("-5", "'-5"),  # text is text: the caller decided it is not a number
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB=1+1", "'\tTAB=1+1"),
        ("\rCR", "'\rCR"),
        ("Kari = Ola", "Kari = Ola"),
        ("", ""),
        (-5, -5),  # numbers stay numbers
        (-2.5, -2.5),
        (decimal.Decimal("-1.5"), decimal.Decimal("-1.5")),
        (None, None),
    ],
)
def test_escape_formula(value, expected):
    assert escape_formula(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (-3, "-3"),
        (12.5, "12.5"),
        (decimal.Decimal("-0.10"), "-0.10"),
        ("-3", "'-3"),
        ("=1+1", "'=1+1"),
        (datetime.datetime(2026, 3, 1, 9, 5), "2026-03-01 09:05"),
        (datetime.date(2026, 3, 1), "2026-03-01"),
        (True, "True"),
        ("Ærlig", "Ærlig"),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


def _rows(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_bytes_has_a_bom_the_header_and_escaped_rows():
    data = spreadsheets.csv_bytes(["Navn", "Antall"], [["=cmd", -1], ["Åse", 2]])
    assert _rows(data) == [["Navn", "Antall"], ["'=cmd", "-1"], ["Åse", "2"]]


def test_csv_bytes_without_a_header():
    assert _rows(spreadsheets.csv_bytes(None, [["a", 1]])) == [["a", "1"]]


def test_csv_lines_stream_line_by_line():
    lines = spreadsheets.csv_lines(["a"], iter([["x"], ["@y"]]))
    assert list(lines) == ["\ufeffa\r\n", "x\r\n", "'@y\r\n"]
    assert list(spreadsheets.csv_lines(None, [])) == ["\ufeff"]


def test_csv_response_streams_or_not_and_is_private_by_default():
    streamed = spreadsheets.csv_response("a.csv", ["h"], iter([["=1"]]), stream=True)
    assert streamed.streaming
    assert streamed["Content-Type"] == "text/csv; charset=utf-8"
    assert streamed["Content-Disposition"] == 'attachment; filename="a.csv"'
    assert streamed["Cache-Control"] == "no-store"
    assert _rows(b"".join(streamed.streaming_content)) == [["h"], ["'=1"]]
    built = spreadsheets.csv_response("b.csv", ["h"], [[1]], private=False)
    assert not built.streaming and "Cache-Control" not in built
    assert _rows(built.content) == [["h"], ["1"]]


def test_xlsx_keeps_numbers_and_dates_and_never_writes_a_formula():
    moment = datetime.datetime(2026, 3, 1, 9, 5)
    response = spreadsheets.xlsx_response(
        "a.xlsx",
        [
            (
                "Deltakere: [alle]",
                ["Navn", "Antall", "Når"],
                [["=1+1", -5, moment], ["-5", 2, None]],
            ),
            ("Kodebok", ["Kolonne"], [["q1"]]),
        ],
    )
    assert response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    assert response["Cache-Control"] == "no-store"
    book = load_workbook(io.BytesIO(response.content))
    first, second = book.worksheets
    assert first.title == "Deltakere   alle "
    assert second.title == "Kodebok"
    assert first["A1"].font.bold
    values = list(first.iter_rows(values_only=True))
    assert values[1] == ("'=1+1", -5, moment)
    assert values[2] == ("'-5", 2, None)
    assert first["A2"].data_type == "s"
    assert first["B2"].data_type == "n"
    assert [c for row in first.iter_rows() for c in row if c.data_type == "f"] == []


def test_xlsx_drops_characters_xml_cannot_hold():
    data = spreadsheets.xlsx_bytes([("S", ["h"], [["Pro\x01du\x0bsent\x1f"]])])
    assert load_workbook(io.BytesIO(data)).active["A2"].value == "Produsent"


def test_sheet_title_is_short_and_plain():
    assert spreadsheets.sheet_title("a/b" * 20) == ("a b" * 20)[:31]
    assert spreadsheets.sheet_title("") == "Sheet"
