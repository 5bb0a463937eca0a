"""English as written in Europe: day before month, a 24-hour clock, weeks from Monday
(core.formats)."""

DATE_FORMAT = "j F Y"  # 16 December 2026
TIME_FORMAT = "H:i"  # 12:00
DATETIME_FORMAT = "j F Y, H:i"  # 16 December 2026, 12:00
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"  # 16/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-16
    "%d/%m/%Y",  # 16/12/2026
    "%d/%m/%y",  # 16/12/26
    "%d %b %Y",  # 16 Dec 2026
    "%d %B %Y",  # 16 December 2026
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
