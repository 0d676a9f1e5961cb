"""Time values with Go's methods and Go's layout strings (`Jan 2, 2006 at 3:04pm (MST)`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..errors import FunctionError

_LAYOUT = re.compile(
    r"January|Jan|Monday|Mon|2006|-07:00:00|-070000|-07:00|-0700|-07|Z07:00:00|Z070000"
    r"|Z07:00|Z0700|Z07|MST|002|__2|_2|15|06|05|04|03|02|01|PM|pm|[.,][09]+|1|2|3|4|5")

_NAMED = {":date_full": "Monday, January 2, 2006", ":date_long": "January 2, 2006",
          ":date_medium": "Jan 2, 2006", ":date_short": "1/2/06", ":time_full": "3:04:05 pm MST",
          ":time_long": "3:04:05 pm MST", ":time_medium": "3:04:05 pm", ":time_short": "3:04 pm"}


def _offset(moment: dt.datetime, colon: bool, seconds: bool, hours_only: bool, zulu: bool) -> str:
    delta = moment.utcoffset() or dt.timedelta(0)
    total = int(delta.total_seconds())
    if zulu and total == 0:
        return "Z"
    sign = "-" if total < 0 else "+"
    total = abs(total)
    hours, minutes, secs = total // 3600, total % 3600 // 60, total % 60
    if hours_only:
        return f"{sign}{hours:02d}"
    sep = ":" if colon else ""
    text = f"{sign}{hours:02d}{sep}{minutes:02d}"
    return text + f"{sep}{secs:02d}" if seconds else text


def _zone_name(moment: dt.datetime) -> str:
    name = moment.tzname() or "UTC"
    if name.startswith("UTC") and name != "UTC":
        return _offset(moment, False, False, True, False) if name[3:].endswith(":00") else name
    return name


def _chunk(moment: dt.datetime, token: str) -> str:
    hour12 = moment.hour % 12 or 12
    simple = {
        "January": _MONTHS[moment.month - 1],
        "Jan": _MONTHS[moment.month - 1][:3], "Monday": _DAYS[moment.weekday()],
        "Mon": _DAYS[moment.weekday()][:3], "2006": f"{moment.year:04d}",
        "06": f"{moment.year % 100:02d}", "01": f"{moment.month:02d}", "1": str(moment.month),
        "02": f"{moment.day:02d}", "2": str(moment.day), "_2": f"{moment.day:>2d}",
        "002": f"{moment.timetuple().tm_yday:03d}",
        "__2": f"{moment.timetuple().tm_yday:>3d}", "15": f"{moment.hour:02d}",
        "03": f"{hour12:02d}", "3": str(hour12), "04": f"{moment.minute:02d}",
        "4": str(moment.minute), "05": f"{moment.second:02d}", "5": str(moment.second),
        "PM": "PM" if moment.hour >= 12 else "AM", "pm": "pm" if moment.hour >= 12 else "am",
        "MST": _zone_name(moment),
    }
    if token in simple:
        return simple[token]
    if token[0] in ".," and token[1] in "09":
        digits = len(token) - 1
        fraction = f"{moment.microsecond:06d}000"[:digits]
        if token[1] == "9":
            fraction = fraction.rstrip("0")
            return token[0] + fraction if fraction else ""
        return token[0] + fraction
    zulu = token.startswith("Z")
    body = token[1:]
    return _offset(moment, ":" in body, len(body.replace(":", "")) == 6, body == "07", zulu)


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def format_layout(moment: dt.datetime, layout: str) -> str:
    """Formats with a Go layout, or one of Hugo's named formats (`:date_long`)."""
    layout = _NAMED.get(layout, layout)
    return _LAYOUT.sub(lambda match: _chunk(moment, match.group(0)), layout)


class GoTime:
    """A time.Time: prints like Go and answers the methods templates call."""

    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def __str__(self) -> str:
        return format_layout(self.moment, "2006-01-02 15:04:05.999999999 -0700 MST")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GoTime) and self.moment == other.moment

    def __lt__(self, other: GoTime) -> bool:
        return self.moment < other.moment

    def __hash__(self) -> int:
        return hash(self.moment)

    def Format(self, layout: str) -> str:
        return format_layout(self.moment, str(layout))

    def Year(self) -> int:
        return self.moment.year

    def Month(self) -> int:
        return self.moment.month

    def Day(self) -> int:
        return self.moment.day

    def Hour(self) -> int:
        return self.moment.hour

    def Minute(self) -> int:
        return self.moment.minute

    def Second(self) -> int:
        return self.moment.second

    def YearDay(self) -> int:
        return self.moment.timetuple().tm_yday

    def Weekday(self) -> str:
        return _DAYS[self.moment.weekday()]

    def Unix(self) -> int:
        return int(self.moment.timestamp())

    def IsZero(self) -> bool:
        return self.moment.year == 1 and self.moment.month == 1 and self.moment.day == 1

    def UTC(self) -> GoTime:
        return GoTime(self.moment.astimezone(dt.UTC))

    def AddDate(self, years: int, months: int, days: int) -> GoTime:
        month_index = self.moment.month - 1 + int(months)
        year = self.moment.year + int(years) + month_index // 12
        moved = self.moment.replace(year=year, month=month_index % 12 + 1, day=1)
        return GoTime(moved + dt.timedelta(days=self.moment.day - 1 + int(days)))


def as_time(value: Any) -> GoTime:
    """time.AsTime: a time from a GoTime, datetime, date, Unix seconds or a date string."""
    if isinstance(value, GoTime):
        return value
    if isinstance(value, dt.datetime):
        return GoTime(value if value.tzinfo else value.replace(tzinfo=dt.UTC))
    if isinstance(value, dt.date):
        return GoTime(dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return GoTime(dt.datetime.fromtimestamp(value, dt.UTC))
    if isinstance(value, str):
        text = value.strip()
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            for layout in ("%Y-%m-%d %H:%M:%S %z", "%d %b %Y", "%B %d, %Y", "%b %d, %Y"):
                try:
                    moment = dt.datetime.strptime(text, layout)
                    break
                except ValueError:
                    continue
            else:
                raise FunctionError(f"unable to parse date: {value}") from None
        return as_time(moment)
    raise FunctionError(f"unable to cast {value!r} to a time")


def now() -> GoTime:
    return GoTime(dt.datetime.now().astimezone())


def date_format(layout: str, value: Any) -> str:
    return as_time(value).Format(layout)
