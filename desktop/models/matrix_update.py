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

The kept rows are copied as runs of consecutive blocks (array slices), and the cells by
unit unit by unit: a unit no written plan names is its kept rows shifted, the others are
merged with the read ones (two ascending runs: one C-level merge). Qt-free.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from itertools import chain, compress, islice, repeat
from operator import add, floordiv, mod, mul, ne, sub

from desktop.models.matrix_rows import MatrixIndex, narrow_index, set_unit_cells

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
    # each source's row → its row in ``out`` (-1: not taken)
    kept_map, fresh_map = array("i", repeat(-1, len(kept))), array("i", repeat(-1, len(fresh)))
    sections_same = list(section_map) == list(range(len(section_map)))
    units_same = list(unit_map) == list(range(len(unit_map)))
    for source, start, end, shift in runs:
        first, last = source.cell_start[start], source.cell_start[end]
        at, at_cell = len(out), len(out.cell_unit)
        (kept_map if source is kept else fresh_map)[start:end] = array(
            "i", range(at, at + end - start)
        )
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
    kept_rows = [start for source, start, _end, _shift in runs if source is kept]
    if kept_rows != sorted(kept_rows):  # the plans' order changed: sort the cells by unit
        set_unit_cells(out, _cell_rows(out))
    else:
        _splice_unit_cells(out, kept, fresh, kept_map, fresh_map, unit_map)
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


def _splice_unit_cells(
    out: MatrixIndex,
    kept: MatrixIndex,
    fresh: MatrixIndex,
    kept_rows: array,
    fresh_rows: array,
    unit_map: array,
) -> None:
    """``out``'s cells by unit from ``kept``'s and ``fresh``'s (their rows mapped by
    ``kept_rows`` / ``fresh_rows``, -1: not taken), the kept rows in ascending order."""
    kept_of = dict(zip(unit_map, range(len(unit_map)), strict=True))
    moved = array("i", map(kept_rows.__getitem__, kept.unit_rows))
    moved_fresh = array("i", map(fresh_rows.__getitem__, fresh.unit_rows))
    unit_rows, unit_roles = out.unit_rows, out.unit_roles
    for unit in range(len(out.units)):
        was = kept_of.get(unit)
        if was is None:
            rows, roles = array("i"), array("b")
        else:
            start, end = kept.unit_start[was], kept.unit_start[was + 1]
            rows, roles = moved[start:end], kept.unit_roles[start:end]
        start, end = fresh.unit_start[unit], fresh.unit_start[unit + 1]
        added, added_roles = moved_fresh[start:end], fresh.unit_roles[start:end]
        if -1 in rows or -1 in added:  # rows of written plans: the read ones replace them
            kept_cells = list(map(ne, rows, repeat(-1)))
            fresh_cells = list(map(ne, added, repeat(-1)))
            rows = array("i", [*compress(rows, kept_cells)])
            roles = array("b", [*compress(roles, kept_cells)])
            added = array("i", [*compress(added, fresh_cells)])
            added_roles = array("b", [*compress(added_roles, fresh_cells)])
        if added:  # two ascending runs of distinct rows: sorted merges them
            keys = sorted(
                chain(
                    map(add, map(mul, rows, repeat(4)), roles),
                    map(add, map(mul, added, repeat(4)), added_roles),
                )
            )
            rows = array("i", map(floordiv, keys, repeat(4)))
            roles = array("b", map(mod, keys, repeat(4)))
        unit_rows.extend(rows)
        unit_roles.extend(roles)
        out.unit_start.append(len(unit_rows))
