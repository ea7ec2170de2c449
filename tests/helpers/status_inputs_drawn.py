"""Random status-pass inputs for hypothesis tests: tasks, work items and their units.

``tests/test_status_fast.py``, ``tests/test_status_edges.py`` and
``tests/test_status_cause.py`` draw the milestones and the edges their own way on top of
these."""

from __future__ import annotations

from hypothesis import strategies as hs

from desktop.models import status as st
from desktop.models.status_columns import Column, ItemPlaces, positions

UNITS = ["u1", "u2", "u3"]


def draw_tasks_and_items(
    draw: hs.DrawFn, inputs: st.StatusInputs, max_tasks: int, max_items: int
) -> tuple[list[str], list[str]]:
    """1..``max_tasks`` tasks with 0..``max_items`` items each, some with a unit (``u3``
    has no name); fills ``inputs`` and returns (task ids, item ids)."""
    tasks = [f"t{n}" for n in range(draw(hs.integers(1, max_tasks)))]
    inputs.tasks = {t: n + 1 for n, t in enumerate(tasks)}
    inputs.unit_names = {"u1": "市发改委", "u2": "市工信局"}
    items: list[str] = []
    for t in tasks:
        for pos in range(draw(hs.integers(0, max_items))):
            item = f"{t}-i{pos}"
            items.append(item)
            inputs.items[item] = (t, pos)
            inputs.item_counts[t] = pos + 1
            if draw(hs.booleans()):
                inputs.item_unit[item] = draw(hs.sampled_from(UNITS))
        if draw(hs.booleans()):
            inputs.task_unit[t] = draw(hs.sampled_from(UNITS))
    return tasks, items


def draw_links_and_closed(
    draw: hs.DrawFn,
    inputs: st.StatusInputs,
    edges: list[tuple[st.NodeKey, st.NodeKey]],
    lags: list[int | None],
    tasks: list[str],
    items: list[str],
) -> None:
    """A dependency ``d<n>`` along the ``n``-th edge (none from a node to itself), its
    lag one of ``lags``; up to two 办结 tasks and items."""
    for n, (pred, succ) in enumerate(edges):
        if pred != succ:
            inputs.dependencies.append((f"d{n}", *pred, *succ, draw(hs.sampled_from(lags))))
    inputs.closed_tasks = set(draw(hs.lists(hs.sampled_from(tasks), max_size=2)))
    if items:
        inputs.closed_items = set(draw(hs.lists(hs.sampled_from(items), max_size=2)))


def compacted(inputs: st.StatusInputs) -> None:
    """``inputs``' per-task and per-item dicts as the columns the status cache's loader
    reads (``status_queries._loaded_compact``): one index per kind, in the dicts' order,
    their positions one int object each shared by the two kinds."""
    shared = positions(max(len(inputs.tasks), len(inputs.items)))
    item_index = dict(zip(inputs.items, shared, strict=False))
    places = list(inputs.items.values())
    inputs.items = ItemPlaces(item_index, [p[0] for p in places], [p[1] for p in places])
    inputs.item_unit = Column.of(item_index, inputs.item_unit)
    task_index = dict(zip(inputs.tasks, shared, strict=False))
    inputs.tasks = Column(task_index, list(inputs.tasks.values()))
    for name in ("task_prefix", "item_counts", "task_unit", "plan_date"):
        setattr(inputs, name, Column.of(task_index, getattr(inputs, name)))
    inputs.task_deadline = Column.of(task_index, inputs.task_deadline, shared=True)
