"""序时进度 (desktop.models.time_progress): the elapsed share of a task's period."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.models.time_progress import (
    TaskPeriod,
    calendar_year,
    expected_percent,
    meets_schedule,
    task_period,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 30), 91.7),
        (date(2026, 6, 30), 50.0),
        (date(2026, 12, 31), 100.0),
        (date(2026, 1, 31), 8.3),
        (date(2026, 11, 15), 87.5),  # half of November
    ],
)
def test_calendar_year_share(day: date, expected: float) -> None:
    assert round(expected_percent(day), 1) == expected


def test_own_period_from_plan_date_to_deadline() -> None:
    period = task_period(date(2026, 3, 31), date(2026, 6, 30), plan_date=date(2026, 1, 1))
    assert period == TaskPeriod(date(2026, 1, 1), date(2026, 6, 30))
    assert round(expected_percent(date(2026, 3, 31), period), 1) == 50.0
    # a plan written the year before starts the period then
    period = task_period(date(2026, 3, 31), date(2026, 12, 31), plan_date=date(2025, 7, 1))
    assert period.start == date(2025, 7, 1) and period.own
    assert round(expected_percent(date(2026, 3, 31), period), 1) == 50.0


def test_undated_plan_with_a_deadline_next_year_starts_this_year() -> None:
    period = task_period(date(2026, 6, 30), date(2027, 6, 30))
    assert period.start == date(2026, 1, 1)
    assert round(expected_percent(date(2026, 6, 30), period), 1) == 33.3


def test_before_start_after_deadline_and_no_deadline() -> None:
    period = TaskPeriod(date(2026, 7, 1), date(2026, 12, 31))
    assert expected_percent(date(2026, 6, 1), period) == 0.0
    assert expected_percent(date(2027, 1, 5), period) == 100.0
    assert task_period(date(2026, 5, 1), None) == calendar_year(date(2026, 5, 1))
    assert not calendar_year(date(2026, 5, 1)).own


def test_meets_schedule_compares_as_printed() -> None:
    expected = expected_percent(date(2026, 11, 30))
    assert meets_schedule(91.7, expected) is True
    assert meets_schedule(91.6, expected) is False
    assert meets_schedule(None, expected) is None
