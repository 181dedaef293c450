import datetime

import pytest

from boks.dossiers.calendar import feestdagen, is_werkdag, plus_werkdagen, werkdagen_tussen
from boks.dossiers.choices import Bevrijdingsdag

D = datetime.date


def test_aanmelding_before_koningsdag_counts_three_werkdagen_to_the_next_thursday():
    assert werkdagen_tussen(D(2026, 4, 24), D(2026, 4, 30)) == 3


def test_same_day_kennismaking_is_zero_werkdagen():
    assert werkdagen_tussen(D(2026, 3, 10), D(2026, 3, 10)) == 0


def test_weekend_is_not_counted():
    assert werkdagen_tussen(D(2026, 3, 13), D(2026, 3, 16)) == 1


@pytest.mark.parametrize(
    "day",
    [
        D(2026, 1, 1),
        D(2026, 4, 6),  # Tweede Paasdag
        D(2026, 4, 27),  # Koningsdag
        D(2026, 5, 14),  # Hemelvaartsdag
        D(2026, 5, 25),  # Tweede Pinksterdag
        D(2026, 12, 25),
        D(2026, 12, 26),
    ],
)
def test_public_holidays_are_not_werkdagen(day):
    assert not is_werkdag(day)


def test_koningsdag_moves_to_the_26th_when_the_27th_is_a_sunday():
    assert D(2025, 4, 27).weekday() == 6
    assert D(2025, 4, 26) in feestdagen(2025)
    assert D(2025, 4, 27) not in feestdagen(2025)


def test_goede_vrijdag_is_a_werkdag_unless_the_organisation_agreed_otherwise():
    assert is_werkdag(D(2026, 4, 3))
    assert not is_werkdag(D(2026, 4, 3), goede_vrijdag=True)


def test_bevrijdingsdag_follows_the_organisations_choice():
    assert not is_werkdag(D(2025, 5, 5))
    assert is_werkdag(D(2026, 5, 5))
    assert not is_werkdag(D(2026, 5, 5), bevrijdingsdag=Bevrijdingsdag.ALTIJD)
    assert is_werkdag(D(2025, 5, 5), bevrijdingsdag=Bevrijdingsdag.NOOIT)


def test_a_period_across_christmas_and_new_year():
    assert werkdagen_tussen(D(2026, 12, 24), D(2027, 1, 4)) == 5


def test_a_deadline_in_werkdagen_skips_weekends_and_holidays():
    # Koningsdag (Mon 27 April) and Bevrijdingsdag 2026 (not a lustrum year, so a working day).
    assert plus_werkdagen(D(2026, 4, 24), 10) == D(2026, 5, 11)
    assert werkdagen_tussen(D(2026, 4, 24), plus_werkdagen(D(2026, 4, 24), 10)) == 10


def test_zero_werkdagen_is_the_same_day():
    assert plus_werkdagen(D(2026, 3, 10), 0) == D(2026, 3, 10)


def test_a_deadline_over_christmas():
    assert plus_werkdagen(D(2026, 12, 23), 3) == D(2026, 12, 29)
