"""A kept matrix index brought up to date: the rows of the plans written since it was kept
read from the tables, the other plans' rows taken from it.

The index's rows are in document order, plan by plan (``load_matrix_index``): a plan's
rows are one block, and within it their order, sections and cells depend on that plan's
tasks, work items and assignments alone. So the current index is the kept one with the
blocks of the written plans (``schema_rows``'s triggers record them) replaced by a load
of those plans' rows (``load_matrix_index(plans=…)``, which reads the plan, section and
unit lists whole), the blocks in the current plan order and the kept rows' section and
unit numbers mapped to the current lists. Equal to a full load unless a task belongs to
no known plan (its rows go with the first plan's): then ``splice`` is not used.

The kept rows are copied as runs of consecutive blocks (array slices). Qt-free.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from itertools import chain, islice, repeat
from operator import add, floordiv, mod, mul, sub

from desktop.models.matrix_rows import MatrixIndex, narrow_index

#: (source index, first row, end row, plan number now minus the source's) of a run of
#: consecutive plan blocks taken from one source.
Run = tuple[MatrixIndex, int, int, int]


def splice(kept: MatrixIndex, fresh: MatrixIndex, written: set[str]) -> MatrixIndex | None:
    """The current index from ``kept`` (a full unfolded index, now stale) and ``fresh``
    (``load_matrix_index(plans=…)`` of at least the plans in ``written`` and any plan
    ``kept`` does not know): None when the kept rows cannot be mapped (a section or unit
    they name is gone, a task of no known plan)."""
    if kept.orphan_tasks or kept.folded_under or fresh.folded_under:
        return None
    section_at = {section_id: i for i, section_id in enumerate(fresh.section_ids)}
    unit_at = {unit[0]: i for i, unit in enumerate(fresh.units)}
    section_map = array("i", (section_at.get(s, -2) for s in kept.section_ids))
    unit_map = array("i", (unit_at.get(unit[0], -1) for unit in kept.units))
    out = MatrixIndex(plan_ids=fresh.plan_ids, section_ids=fresh.section_ids, units=fresh.units)
    runs = _runs(kept, fresh, written)
    sections_same = list(section_map) == list(range(len(section_map)))
    units_same = list(unit_map) == list(range(len(unit_map)))
    for source, start, end, shift in runs:
        first, last = source.cell_start[start], source.cell_start[end]
        at_cell = len(out.cell_unit)
        _extend(out.item_rowids, source.item_rowids[start:end])
        _extend(out.task_rowids, source.task_rowids[start:end])
        plans = source.row_plan[start:end]
        _extend(out.row_plan, plans if not shift else map(add, plans, repeat(shift)))
        out.archived.extend(source.archived[start:end])
        out.row_roles.extend(source.row_roles[start:end])
        sections = source.row_section[start:end]
        units = source.cell_unit[first:last]
        if source is kept and not sections_same:
            sections = array("i", (section_map[s] if s >= 0 else -1 for s in sections))
        if source is kept and not units_same:
            units = array("i", map(unit_map.__getitem__, units))
        _extend(out.row_section, sections)
        _extend(out.cell_unit, units)
        out.cell_role.extend(source.cell_role[first:last])
        starts = source.cell_start[start + 1 : end + 1]
        out.cell_start.extend(map(add, starts, repeat(at_cell - first)))
    if -2 in out.row_section or -1 in out.cell_unit:  # a kept row's section or unit is gone
        return None
    out.task_count = len(set(out.task_rowids))
    present = [unit for unit in unit_map if unit >= 0]  # the kept units still there
    if present != sorted(present):
        # the units' order changed (a lead added or removed): each row's cells sorted by
        # unit again (nearly sorted already: a run-aware sort)
        _sort_cells(out)
    narrow_index(out)
    return out


def _extend(column: array, values: Iterable[int]) -> None:
    """``column.extend(values)``, ``values`` (a narrowed index's column: any integer
    typecode) widened to the column's typecode."""
    same = isinstance(values, array) and values.typecode == column.typecode
    column.extend(values if same else array(column.typecode, values))


def _runs(kept: MatrixIndex, fresh: MatrixIndex, written: set[str]) -> list[Run]:
    """The plans' blocks in the current plan order, from ``fresh`` for a written or new
    plan, else from ``kept``; consecutive blocks of one source joined."""
    plan_at = {plan_id: i for i, plan_id in enumerate(kept.plan_ids)}
    runs: list[Run] = []
    for plan, plan_id in enumerate(fresh.plan_ids):
        was = plan_at.get(plan_id)
        source, number = (fresh, plan) if was is None or plan_id in written else (kept, was)
        start = bisect_left(source.row_plan, number)
        end = bisect_left(source.row_plan, number + 1, start)
        if start == end:
            continue
        if runs:
            last_source, last_start, last_end, last_shift = runs[-1]
            if last_source is source and last_end == start and last_shift == plan - number:
                runs[-1] = (source, last_start, end, last_shift)
                continue
        runs.append((source, start, end, plan - number))
    return runs


def _cell_rows(index: MatrixIndex) -> array:
    """Each cell's data row (ascending)."""
    starts = index.cell_start
    counts = map(sub, islice(starts, 1, None), starts)
    return array("i", chain.from_iterable(map(repeat, range(len(index)), counts)))


def _sort_cells(index: MatrixIndex) -> None:
    """Each row's cells sorted by unit (their roles with them); the rows keep their cells."""
    unit_total = max(len(index.units), 1)
    keys = sorted(
        map(
            add,
            map(mul, _cell_rows(index), repeat(unit_total * 4)),
            map(add, map(mul, index.cell_unit, repeat(4)), index.cell_role),
        )
    )
    index.cell_unit = array("i", map(mod, map(floordiv, keys, repeat(4)), repeat(unit_total)))
    index.cell_role = array("b", map(mod, keys, repeat(4)))
