"""The status pass's dependency edges and risk propagation (issue 14, branch pass100kc)
equal the pass as first written (``tests/helpers/status_reference.py``).

The edges' end checks (a milestone's and a task's ``is_done`` / ``start_of``), the
propagation's ``finished`` / ``parents`` of milestones, tasks and items, and each root
milestone's (title, unit, unit name) are decided inline and kept per root: hypothesis
draws dense dependency graphs (every kind of end, unknown ends, lags that
decide a slip, tasks whose milestones are all done, 办结) and compares every state, risk
list and the blocking ranking."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from desktop.models import status as st
from desktop.models.status_columns import ItemPlaces
from desktop.models.status_graph import find_cycles
from tests.helpers.cycles_reference import reference_find_cycles
from tests.helpers.status_inputs_drawn import UNITS, draw_links_and_closed, draw_tasks_and_items
from tests.helpers.status_reference import reference_compute

TODAY = date(2026, 11, 30)
DAYS = [None, *((TODAY + timedelta(days=d)).isoformat() for d in (-20, -2, 0, 3, 10, 40))]


@hs.composite
def dense_inputs(draw: hs.DrawFn) -> st.StatusInputs:
    inputs = st.StatusInputs()
    tasks, items = draw_tasks_and_items(draw, inputs, 5, 2)
    units = UNITS
    milestones: list[str] = []
    for n in range(draw(hs.integers(1, 14))):
        task_id = draw(hs.sampled_from(tasks))
        own = [i for i in items if inputs.items[i][0] == task_id]
        item_id = draw(hs.sampled_from([None, *own]))
        ms_id = f"m{n}"
        due = draw(hs.sampled_from(DAYS))
        done = draw(hs.sampled_from([None, None, *DAYS[1:]]))
        owner = draw(hs.sampled_from([None, *units]))
        inputs.milestones.append((ms_id, task_id, item_id, f"节点{n}", due, owner, done))
        milestones.append(ms_id)
        if due and draw(hs.booleans()):
            inputs.current_due[ms_id] = draw(hs.sampled_from(DAYS))
    nodes = [("task", t) for t in tasks] + [("item", i) for i in items]
    nodes += [("milestone", m) for m in milestones]
    nodes += [("milestone", "gone"), ("task", "gone"), ("item", "gone")]
    edges = [
        (draw(hs.sampled_from(nodes)), draw(hs.sampled_from(nodes)))
        for _ in range(draw(hs.integers(0, 24)))
    ]
    draw_links_and_closed(draw, inputs, edges, [None, 0, 2, -5, 30], tasks, items)
    return inputs


def equal_to_the_reference(inputs: st.StatusInputs, window: int) -> None:
    """The pass and the straightforward reference pass give the same snapshot, ranking
    and roots."""
    fast = st.compute(inputs, TODAY, window)
    reference = reference_compute(inputs, TODAY, window)
    assert fast == reference
    assert fast.blocking == reference.blocking
    assert fast.roots == reference.roots


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=dense_inputs(), window=hs.sampled_from([0, 7]))
def test_edges_and_propagation_equal_the_straightforward_pass(
    inputs: st.StatusInputs, window: int
) -> None:
    equal_to_the_reference(inputs, window)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=dense_inputs(), data=hs.data(), window=hs.sampled_from([0, 7]))
def test_task_successors_equal_the_straightforward_pass(
    inputs: st.StatusInputs, data: hs.DataObject, window: int
) -> None:
    """Every dependency onto a task (issue 14, branch pass15c): a slip against the
    task's start, the earliest effective due of its open milestones, for tasks whose
    milestones are all done, undated, extended or none, and an unknown task (the test
    above draws few slips onto a task: a start three days late passed it)."""
    tasks = sorted({row[1] for row in inputs.milestones} | set(inputs.tasks))
    inputs.dependencies = [
        (dep_id, pk, pid, "task", data.draw(hs.sampled_from([*tasks, "gone"])), lag)
        for dep_id, pk, pid, _sk, _sid, lag in inputs.dependencies
    ]
    equal_to_the_reference(inputs, window)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=dense_inputs(), tie=hs.booleans())
def test_cycles_with_the_rows_inline_equal_the_lookup(inputs: st.StatusInputs, tie: bool) -> None:
    """``find_cycles`` reading each milestone end's task from ``milestone_rows``
    inline (issue 14, branch pass15b) finds the cycles and the dependencies in them
    that it finds through ``milestone_task`` and through ``inputs.milestones``
    alone: unknown milestone ends ("gone"), self-loops of a task, cycles through
    items and tasks."""
    first, second = inputs.milestones[0], inputs.milestones[-1]
    tie = tie and first[0] != second[0]
    if tie:  # a cycle through two milestones, whatever was drawn
        inputs.dependencies += [
            ("t1", "milestone", first[0], "milestone", second[0], None),
            ("t2", "milestone", second[0], "milestone", first[0], None),
        ]
    rows = {row[0]: row for row in inputs.milestones}
    expected = find_cycles(inputs)
    assert find_cycles(inputs, lambda ms_id: rows[ms_id][1] if ms_id in rows else None) == expected
    assert find_cycles(inputs, milestone_rows=rows) == expected
    if tie:
        assert {"t1", "t2"} <= expected[1]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs=dense_inputs(), data=hs.data(), rows_inline=hs.booleans(), places=hs.booleans())
def test_cycles_equal_a_search_of_the_whole_event_graph(
    inputs: st.StatusInputs, data: hs.DataObject, rows_inline: bool, places: bool
) -> None:
    """The tasks searched for cycles, found column at a time and trimmed edge by edge
    on the task graph (issue 14, branch pass17), give the cycles and the dependencies
    in them of a search of every task's events (``tests/helpers/cycles_reference.py``):
    task-to-task chains and cycles drawn on top, repeated edges, item ends, unknown
    ends and an end of an unknown kind (read as a milestone); the items as a dict or
    as columns (``ItemPlaces``, a kept snapshot's)."""
    tasks = sorted(set(inputs.tasks) | {row[1] for row in inputs.milestones})
    ends = [("task", t) for t in tasks] + [("task", "gone"), ("other", "m0")]
    ends += [("item", i) for i in inputs.items] + [("item", "gone")]
    for n in range(data.draw(hs.integers(0, 12))):
        pred, succ = data.draw(hs.sampled_from(ends)), data.draw(hs.sampled_from(ends))
        inputs.dependencies.append((f"x{n}", *pred, *succ, None))
    rows = {row[0]: row for row in inputs.milestones} if rows_inline else None
    expected = reference_find_cycles(inputs)
    if places:
        held = list(inputs.items.items())
        inputs.items = ItemPlaces(  # type: ignore[assignment]
            {item_id: n for n, (item_id, _place) in enumerate(held)},
            [task_id for _item_id, (task_id, _pos) in held],
            [pos for _item_id, (_task_id, pos) in held],
        )
    assert find_cycles(inputs, milestone_rows=rows) == expected
