"""Quantitative targets: whether a value meets its goal, and a target's progress."""

from __future__ import annotations

import operator
from typing import Any

from sqlite_utils import Database

from desktop.errors import NotFound

_COMPARE = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "=": operator.eq,
}


#: The comparators of a ceiling (a value to stay under, such as energy use): their
#: percent is goal / current. Any other comparator's percent is current / goal
#: (``workflow_inputs`` computes that one inline for every target of a status pass).
CEILINGS = ("<=", "<")


def meets_goal(comparator: str, goal: float, current: float) -> bool:
    """Whether ``current`` meets ``goal`` under ``comparator`` (unknown: ``>=``)."""
    return _COMPARE.get(comparator, operator.ge)(current, goal)


def progress_toward(
    comparator: str, goal: float | None, current: float | None
) -> tuple[float | None, float | None, bool]:
    """(percent, gap, met) of ``current`` toward ``goal`` under ``comparator``.

    ``>=``/``>``/``=``: percent = current / goal; gap = goal - current (0 once
    met). ``<=``/``<`` (a ceiling such as energy use): percent = goal / current
    capped at 100; gap = current - goal (0 once met).
    """
    if goal is None or current is None:
        return None, None, False
    met = meets_goal(comparator, goal, current)
    if comparator in CEILINGS:
        percent = 100.0 if current <= 0 else min(100.0, goal / current * 100)
        gap = 0.0 if met else current - goal
    else:
        percent = (current / goal * 100) if goal else (100.0 if met else 0.0)
        gap = 0.0 if met else abs(goal - current)
    return round(percent, 2), gap, met


def target_progress(db: Database, target_id: str) -> dict[str, Any]:
    """A target with its value history (oldest first), latest value, percent, gap."""
    target = next(db.query("SELECT * FROM target WHERE id = ?", [target_id]), None)
    if target is None:
        raise NotFound("目标不存在。")
    history = list(
        db.query(
            "SELECT v.*, u.name AS unit_name FROM target_value v"
            " LEFT JOIN unit u ON u.id = v.unit_id WHERE v.target_id = ?"
            " ORDER BY v.as_of, v.id",
            [target_id],
        )
    )
    # Latest: by as_of, then id (the same on every desktop). Several values on
    # the latest date are shown as contested rather than silently ranked.
    latest = history[-1] if history else None
    same_day = [v for v in history if latest and v["as_of"] == latest["as_of"]]
    percent, gap, met = progress_toward(
        target["comparator"], target["value"], latest["value"] if latest else None
    )
    return {
        "target": target,
        "history": history,
        "latest": latest,
        "latest_contested": same_day if len({v["value"] for v in same_day}) > 1 else [],
        "percent": percent,
        "gap": gap,
        "met": met,
    }
