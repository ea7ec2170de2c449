"""序时进度: the progress a task should have reached by a date (plain Python, no I/O).

Offices measure a task against the elapsed share of its period, counted in
months as they do on paper: a calendar-year task is expected at 11/12 = 91.7 %
at the end of November, 50 % at the end of June. Inside a month the share
grows by day (the 15th of a 30-day month is half of that month).

The period of a task is the calendar year of the date asked about, unless the
task has its own deadline (the latest due date of its milestones or targets,
as planned: an extension does not lower what was expected). Then the period
runs to the deadline from the plan's date (成文/发布日期), or from 1 January of
the year asked about (or of the deadline's year, when earlier) if the plan is
not dated or dated later. After the deadline the expectation is 100 %.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


@lru_cache(maxsize=4096)  # a status pass asks about the same few hundred dates
def _month_position(day: date, *, end_of_day: bool) -> float:
    """Months since year 0 at the start (or end) of ``day``."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    elapsed = day.day if end_of_day else day.day - 1
    return day.year * 12 + (day.month - 1) + elapsed / days_in_month


@dataclass(frozen=True)
class TaskPeriod:
    start: date
    end: date  # inclusive: the deadline itself

    @property
    def own(self) -> bool:
        """True when the period is the task's own (not the calendar year)."""
        return not (
            self.start == date(self.start.year, 1, 1) and self.end == date(self.start.year, 12, 31)
        )


def calendar_year(as_of: date) -> TaskPeriod:
    return TaskPeriod(date(as_of.year, 1, 1), date(as_of.year, 12, 31))


def task_period(as_of: date, deadline: date | None, plan_date: date | None = None) -> TaskPeriod:
    """The period a task's 序时进度 is measured over (see the module doc)."""
    if deadline is None:
        return calendar_year(as_of)
    start = date(min(deadline.year, as_of.year), 1, 1)
    if plan_date is not None and plan_date < deadline:
        start = min(start, plan_date)
    return TaskPeriod(start, deadline)


def expected_percent(as_of: date, period: TaskPeriod | None = None) -> float:
    """序时进度 in percent (0–100) at the end of ``as_of``."""
    period = period or calendar_year(as_of)
    if as_of >= period.end:
        return 100.0
    if as_of < period.start:
        return 0.0
    first = _month_position(period.start, end_of_day=False)
    last = _month_position(period.end, end_of_day=True)
    now = _month_position(as_of, end_of_day=True)
    if last <= first:
        return 100.0
    return max(0.0, min(100.0, (now - first) / (last - first) * 100))


def meets_schedule(percent: float | None, expected: float) -> bool | None:
    """True when a reported percent reaches the 序时进度; None without a report.

    Compared at one decimal, as printed: 91.7 % reported against 91.67 % expected
    is on schedule."""
    if percent is None:
        return None
    return round(percent, 1) >= round(expected, 1)
