"""The demo's dates relative to today fall on whole or half hours in Europe/Oslo, never at
"02:37" (issue 18)."""

import datetime
from zoneinfo import ZoneInfo

from samspill.demo.clock import at_clock, rounded

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime.datetime(2026, 12, 7, 1, 37, 12, tzinfo=datetime.UTC)  # 02:37:12 in Oslo


def test_a_relative_day_gets_a_sensible_time_in_oslo():
    closes = at_clock(30, hour=12, now=NOW)
    assert closes.astimezone(OSLO).timetuple()[:6] == (2027, 1, 6, 12, 0, 0)
    opens = at_clock(-45, hour=9, now=NOW)
    assert opens.astimezone(OSLO).timetuple()[:6] == (2026, 10, 23, 9, 0, 0)  # summer time


def test_rounding_goes_down_to_the_last_half_hour_in_oslo():
    assert rounded(NOW).astimezone(OSLO).timetuple()[3:6] == (2, 30, 0)
    assert rounded(NOW, minutes=60).astimezone(OSLO).timetuple()[3:6] == (2, 0, 0)
