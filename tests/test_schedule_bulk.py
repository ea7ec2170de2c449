"""序时进度 in bulk (``status_rules.schedule_of``, issue 14): each distinct percent and
expected percent rounded once gives what rounding each task's did (the reference copy
in ``tests/helpers/schedule_reference.py``): the same tasks, expected and compared
percents and ``behind``, over random percents (ints and floats, on and around the
one-decimal boundaries, equal values of both kinds), deadlines, plan dates and
finished tasks."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings, strategies

from desktop.models import status as st
from desktop.models.status_rules import _behind, _expected, schedule_of
from tests.helpers.schedule_reference import reference_schedule_of

_TODAY = date(2026, 11, 30)
_PERCENT = strategies.one_of(
    strategies.integers(0, 120),
    strategies.sampled_from([0.0, 12.25, 12.35, 49.95, 50.05, 33.333, 66.65, 99.99, 100.0]),
    strategies.floats(0, 150, allow_nan=False),
)
_DAY = strategies.one_of(
    strategies.none(),
    strategies.integers(-400, 400).map(lambda n: (_TODAY + timedelta(days=n)).isoformat()),
    # (a few days often drawn: one deadline with several plan dates, and the reverse;
    # a plan dated before its deadline's year moves the period's start)
    strategies.sampled_from(["2025-06-01", "2026-03-01", "2026-12-31", "2027-06-30"]),
)


@settings(max_examples=150, deadline=None)
@given(
    tasks=strategies.lists(
        strategies.tuples(
            strategies.one_of(strategies.none(), _PERCENT),
            strategies.one_of(strategies.none(), _PERCENT),
            _DAY, _DAY, strategies.booleans(), strategies.booleans(),
            strategies.one_of(strategies.none(), strategies.sampled_from(
                [-0.15, -0.11, -0.1000011, -0.100001, -0.1, -0.09, -0.06, -0.05, -0.04,
                 -0.01, 0.0, 0.01, 0.04, 0.05, 0.06])),
        ),
        max_size=40,
    )
)  # fmt: skip
def test_the_bulk_schedule_equals_the_task_by_task_one(
    tasks: list[tuple[object, object, str | None, str | None, bool, bool, float | None]],
) -> None:
    """``near``: the reported percent set that far from the task's expected one (the
    rounding decides ``behind``)."""
    inputs = st.StatusInputs()
    finished = set()
    for n, (reported, target, deadline, plan_date, done, known, near) in enumerate(tasks):
        task_id = f"t{n}"
        if near is not None:
            reported = _expected(_TODAY, deadline, plan_date if deadline else None) + near
        if known:
            inputs.tasks[task_id] = n  # type: ignore[index]
        if reported is not None:
            inputs.task_percent[task_id] = reported  # type: ignore[assignment]
        if target is not None:
            inputs.target_percent[task_id] = target  # type: ignore[assignment]
        if deadline:
            inputs.task_deadline[task_id] = deadline  # type: ignore[index]
        if plan_date:
            inputs.plan_date[task_id] = plan_date  # type: ignore[index]
        if done:
            finished.add(task_id)
    expected = reference_schedule_of(inputs, finished, _TODAY)
    found = schedule_of(inputs, finished, _TODAY)
    # the same tasks, in the percents' order (targets', then the other reported ones):
    # the reference's set order is not kept (every reader looks a task up by its id)
    targets, reported = inputs.target_percent, inputs.task_percent
    order = [*targets, *(task_id for task_id in reported if task_id not in targets)]
    assert found == expected and list(found) == [t for t in order if t in found]
    for task_id, (planned, percent, behind) in found.items():
        assert type(behind) is bool and percent is expected[task_id][1]
        assert planned == expected[task_id][0]


_EXPECTED = strategies.one_of(
    strategies.sampled_from(
        [
            0.0,
            0.15000000000000002,
            12.25,
            12.35,
            12.350001,
            49.95,
            50.05,
            66.65000000000001,
            91.66666666666667,
            100.0,
        ]
    ),
    strategies.floats(0, 100, allow_nan=False),
)


@settings(max_examples=300, deadline=None)
@given(
    pairs=strategies.lists(
        strategies.tuples(
            _EXPECTED,
            strategies.one_of(
                strategies.floats(-0.3, 0.3),
                strategies.sampled_from(
                    [-0.1, -0.1000001, -0.100001, -0.05, -0.001, -1e-5, -1e-9, 0.0, 0.1]
                ),
                strategies.floats(allow_nan=True),
                strategies.integers(-200, 200),
            ),
            strategies.booleans(),
        ),
        max_size=30,
    )
)
def test_behind_rounds_only_near_percents_and_equals_rounding_each(
    pairs: list[tuple[float, float | int, bool]],
) -> None:
    """``_behind`` (issue 14, branch pass17) rounds only a percent within
    ``_ROUNDING_GAP`` below its expected one: the same answers as rounding both of
    every pair (``time_progress.meets_schedule``'s comparison), for percents just
    around a tenth below, far below or above, NaN, infinite, huge, and whole numbers;
    ``offset``: the percent drawn as that far from its expected one, else drawn as is."""
    expected = [planned for planned, _drawn, _offset in pairs]
    percent = [
        planned + drawn if offset and isinstance(drawn, float) and abs(drawn) < 1 else drawn
        for planned, drawn, offset in pairs
    ]
    found = _behind(percent, expected)
    assert found == [round(p, 1) < round(e, 1) for p, e in zip(percent, expected, strict=True)]
    assert all(type(flag) is bool for flag in found)


def test_tasks_of_one_deadline_and_several_plan_dates_each_get_their_own_expected() -> None:
    """Each (deadline, plan date) pair its own expected percent: one deadline with
    several plan dates (one before the deadline's year moves the period's start), one
    plan date with several deadlines, and no deadline (the plan date not read)."""
    inputs = st.StatusInputs()
    pairs = [("2026-12-31", "2025-06-01"), ("2026-12-31", None), ("2026-12-31", "2026-02-01"),
             ("2027-06-30", "2025-06-01"), ("2027-06-30", None), (None, "2025-06-01"), (None, None)]  # fmt: skip
    for n, (deadline, plan_date) in enumerate(pairs):
        task_id = f"t{n}"
        inputs.tasks[task_id] = n  # type: ignore[index]
        inputs.task_percent[task_id] = 50.0
        if deadline:
            inputs.task_deadline[task_id] = deadline  # type: ignore[index]
        if plan_date:
            inputs.plan_date[task_id] = plan_date  # type: ignore[index]
    found = schedule_of(inputs, set(), _TODAY)
    assert found == reference_schedule_of(inputs, set(), _TODAY)
    planned = [found[f"t{n}"][0] for n in range(len(pairs))]
    assert planned[0] != planned[1] == planned[2] and planned[3] != planned[4]
    assert planned[5] == planned[6] == _expected(_TODAY, None, None)
