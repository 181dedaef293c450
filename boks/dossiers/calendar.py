"""Working days, excluding weekends and Dutch public holidays (the kennismaking norm counts them)."""

import datetime
from functools import lru_cache

import holidays
from dateutil.easter import easter

from .choices import Bevrijdingsdag


@lru_cache(maxsize=256)
def feestdagen(year: int, *, goede_vrijdag: bool = False, bevrijdingsdag: str = Bevrijdingsdag.LUSTRUM) -> frozenset:
    """The public holidays in a year: Nieuwjaarsdag, Pasen, Koningsdag (27 April, or the 26th when
    the 27th is a Sunday), Hemelvaartsdag, Pinksteren and Kerst, plus Goede Vrijdag and Bevrijdingsdag
    as the organisation agreed."""
    days = set(holidays.NL(years=year))
    good_friday = easter(year) - datetime.timedelta(days=2)
    liberation_day = datetime.date(year, 5, 5)
    days.discard(good_friday)
    if goede_vrijdag:
        days.add(good_friday)
    if bevrijdingsdag == Bevrijdingsdag.ALTIJD:
        days.add(liberation_day)
    elif bevrijdingsdag == Bevrijdingsdag.NOOIT:
        days.discard(liberation_day)
    return frozenset(days)


def is_werkdag(day: datetime.date, **options) -> bool:
    return day.weekday() < 5 and day not in feestdagen(day.year, **options)


def werkdagen_tussen(start: datetime.date, end: datetime.date, **options) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` is on or before `start`.

    An aanmelding on Friday 24 April 2026 with a kennismaking on Thursday 30 April 2026 counts
    Tuesday, Wednesday and Thursday: 3 werkdagen (Monday 27 April is Koningsdag).
    """
    count = 0
    day = start + datetime.timedelta(days=1)
    while day <= end:
        if is_werkdag(day, **options):
            count += 1
        day += datetime.timedelta(days=1)
    return count


def plus_werkdagen(start: datetime.date, werkdagen: int, **options) -> datetime.date:
    """The day that is `werkdagen` working days after `start` (a deadline counted like the norms):
    10 werkdagen after Friday 24 April 2026 is Monday 11 May 2026, past Koningsdag."""
    day = start
    remaining = werkdagen
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_werkdag(day, **options):
            remaining -= 1
    return day
