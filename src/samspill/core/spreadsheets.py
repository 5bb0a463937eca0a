"""What every workbook export needs, whichever app writes it."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


def xlsx_text(value: str) -> str:
    """Text as a workbook can hold it: XML 1.0 has no place for most control characters (U+0000
    to U+001F but tab, line feed and carriage return), and openpyxl refuses a cell with one."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)
