"""Times for the demo that read as people set them: a date relative to today ("in 30 days") lands on
a whole or half hour in the hub's zone, never at "02:37" (issue 18)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def at_clock(
    days: float = 0, *, hour: int = 12, minute: int = 0, now: datetime.datetime | None = None
) -> datetime.datetime:
    """The day `days` from `now` (today) at `hour`:`minute` in the hub's zone (Europe/Oslo)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    moment = (now or timezone.now()).astimezone(zone) + datetime.timedelta(days=days)
    return datetime.datetime.combine(moment.date(), datetime.time(hour, minute), tzinfo=zone)


def rounded(moment: datetime.datetime, *, minutes: int = 30) -> datetime.datetime:
    """`moment` down to the last whole `minutes` (30: a whole or half hour) in the hub's zone."""
    local = moment.astimezone(ZoneInfo(settings.TIME_ZONE))
    minute = local.minute - local.minute % minutes
    return local.replace(minute=minute, second=0, microsecond=0)
