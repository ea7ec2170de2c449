"""The dashboard after an edit, from the previous one: only the tasks the edit reached.

``workspace_queries.dashboard`` counts every task per section and every work
item per lead unit, and sorts every overdue milestone: O(database) per pass. With
the window's ``StatusCache`` the overview keeps the last dashboard, the task →
section and work item → reporting units maps and the snapshot it was computed
from (in ``StatusCache.memo``); after an incremental pass the counts of the
recomputed tasks (``changed``) move from their old status to the new one (only the
sections and units they touch are copied), and their milestones and at-risk entries
are replaced in the sorted lists by bisection: O(changed · log n), not O(database).
Only the tasks whose own rows, items or assignments an op changed (``edited``,
``StatusCache.take_edited``) have their sections and units read again; the other
recomputed tasks keep theirs, and their counts move only where a status changed.
The dashboard then says how its lists follow from the one before (``"edits"``:
("remove", i) / ("insert", i, entry), and the sections whose counts changed), so
its rows and the dashboard's Qt models are updated in place too
(``views.coordination.dashboard.dashboard_rows``, ``RowsModel.set_rows``). The
result equals a fresh ``dashboard()`` (tested with the incremental status pass).
A task moved to another section, or a first pass, computes the dashboard afresh.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from itertools import compress, count, repeat
from operator import attrgetter, eq, is_not, itemgetter, ne, not_
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.lazy_sequence import SortedStates
from desktop.models.status_columns import (
    ABSENT,  # (a place without a value)
    CodedSlots,
    Slots,
    index_behind,
)
from desktop.models.status_merge import field_of
from desktop.models.status_tables import values_of

_REPORTING = "role IN ('lead', 'responsible')"
_VERSIONS = count(1)  # one number per dashboard this module hands out
_LISTS = ("overdue", "late_vs_original", "at_risk")  # the sorted lists kept between passes
SLICED = 64  # more edits to a list than this: rebuilt once from slices (``_replace``)


def dashboard(
    db: Database,
    snap: st.StatusSnapshot,
    memo: dict[str, Any],
    changed: set[str],
    edited: set[str] | None = None,
    items_of: Mapping[str, str | tuple[str, ...]] | None = None,
    items_before: Mapping[str, str | tuple[str, ...] | None] | None = None,
) -> dict[str, Any]:
    """``workspace_queries.dashboard(db, snapshot=snap)``, from ``memo`` when it
    holds the dashboard of the pass before (and keeps this one there). ``edited``:
    the tasks of ``changed`` whose own rows (section), items or assignments changed
    (``StatusCache.take_edited``), None when not known (every one of ``changed``): the
    others' are not read again, their counts move only where a status changed.
    ``items_of`` (``StatusCache.task_items``: each task's items as they are now) and
    ``items_before`` (``StatusCache.take_items_before``: as of the dashboard before, for
    the tasks whose items were read again since): the dashboard keeps a task's items
    only where they differ from the cache's (``_TaskItems``), not a second map of every
    task (0.8 MB at 100k tasks)."""
    kept = memo.get("dashboard")
    items = _TaskItems(items_of or {}, items_before or {})
    dash = _after(db, snap, kept, changed, edited, items) if kept is not None else None
    if dash is None:
        lagging = behind(snap)  # (first: it reads a dict of every task's, nothing else held)
        dash, kept = _fresh(db, snap, items.now)
        dash["version"] = next(_VERSIONS)
        dash["behind"] = lagging
    else:
        kept = {**(kept or {}), "dashboard": dash}
    memo["dashboard"] = {**kept, "snapshot": snap}
    return dash


def _fresh(
    db: Database,
    snap: st.StatusSnapshot,
    items_of: Mapping[str, str | tuple[str, ...]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    from desktop.models import workspace_queries

    # The maps are kept as long as the window: one string per id (the snapshot's own
    # task and item ids, one per section and unit; each fetched row brings new string
    # objects, ~85 bytes an id: at 100k tasks 100,000 section and 120,000 unit copies),
    # tuples rather than lists, and one tuple per distinct set of units (most items
    # share theirs with many others).
    # The snapshot's own id strings found by their places in its indexes (a list of the
    # ids by place, not a dict of every id to itself: two dicts of 100,000 task and
    # 120,000 item ids and the item → task dict were ~25 MB of the overview's peak at
    # 100k tasks); one string per section and unit id.
    task_keys, task_index = _by_place(index_behind(snap.inputs.tasks), snap.tasks)
    item_keys, item_index = _by_place(index_behind(snap.inputs.items), snap.items)
    task_at, item_at = task_index.get, item_index.get
    shared: dict[str, str] = {}
    one = shared.setdefault
    # the at-risk tasks first (``at_risk_tasks`` reads a dict of every task's risks:
    # nothing else held yet); the list is in the order of a full pass's tasks, the
    # tasks' rowid order (a task added later has a higher rowid): the listed tasks'
    # rowids, kept in its order, are its sort keys (``_after``)
    at_risk = workspace_queries.at_risk_tasks(snap)
    at_risk_rowid: dict[str, int] = dict.fromkeys(map(_FIRST, at_risk), 0)
    # Each map made at once as the slots it is kept as (``Slots``: a list by the
    # index's places, the keys outside it in a small dict), not a dict first: the
    # task → section and item → units dicts of 100,000 and 120,000 keys were ~7.3 MB
    # of the overview's peak at 100k tasks.
    sections: list[Any] = [ABSENT] * len(task_keys)
    other_sections: dict[str, str | None] = {}
    # the slots' order (the index's, then the others') is the table's for every task
    # with a status (a task the pass left out, archived, has none): the sections are
    # counted in that order (``workspace_queries.dashboard``), else read there again
    in_order, last, after_index = True, -1, False
    for task_id, section_id, rowid in db.execute("SELECT id, section_id, rowid FROM task"):
        section = one(section_id, section_id) if section_id else section_id
        if task_id in at_risk_rowid:
            at_risk_rowid[task_id] = rowid
        at = task_at(task_id)
        if at is None:
            other_sections[task_id] = section
            after_index = after_index or task_id in snap.tasks
            continue
        if at < last or after_index:
            in_order = False
        sections[at], last = section, at
    # two scans joined by the items' tasks: a JOIN looked every assignment's item up in
    # the item index (at 100k tasks 0.4 s against 0.18 s for both scans; DISTINCT: the
    # order of an index, slower still); an assignment of no item is left out as by the
    # JOIN. Each indexed item's task by its place (an array), the others' in a dict (the
    # task's place when it has one). The maps hold the snapshot's id strings (the
    # fetched ones freed row by row). An item's units and a task's items are made as
    # they are kept (one tuple per distinct set of units, ``_unit_set``; a task's one
    # item as itself), not as a list each first (120,000 and 100,000 lists were ~19 MB
    # of the overview's peak).
    item_task = array("i", [-1]) * len(item_keys)  # item's place → its task's (-1: none)
    other_items: dict[str, int | str] = {}  # the items outside the index (or of such a task)
    for item_id, task_id in db.execute("SELECT id, task_id FROM item"):
        at, task = item_at(item_id), task_at(task_id)
        if at is not None and task is not None:
            item_task[at] = task
        else:
            other_items[item_id] = task if task is not None else task_id
    pool: dict[tuple[str, ...], tuple[str, ...]] = {}
    units_of: list[Any] = [ABSENT] * len(item_keys)
    items_of_task: list[Any] = [ABSENT] * len(task_keys)
    other_units: dict[str, tuple[str, ...]] = {}
    other_task_items: dict[str, str | tuple[str, ...]] = {}
    for item_id, unit_id in db.execute(
        f"SELECT item_id, unit_id FROM assignment WHERE {_REPORTING}"
    ):
        place = item_at(item_id)
        if place is not None and (of_task := item_task[place]) >= 0:
            units = units_of[place]
            if units is ABSENT:
                units = ()
                items_of_task[of_task] = _joined(items_of_task[of_task], item_keys[place])
            if unit_id not in units:  # a unit both lead and responsible counts once
                units_of[place] = _unit_set(pool, (*units, one(unit_id, unit_id)))
            continue
        other = other_items.get(item_id)
        if other is None:
            continue
        units = other_units.get(item_id)
        if units is None:
            units = ()
            if isinstance(other, int):  # (an indexed task's)
                items_of_task[other] = _joined(items_of_task[other], item_id)
            else:
                other_task_items[other] = _joined(other_task_items.get(other, ABSENT), item_id)
        if unit_id not in units:
            other_units[item_id] = _unit_set(pool, (*units, one(unit_id, unit_id)))
    del item_keys, item_task, other_items, shared, one
    # kept: only the tasks whose items (those with a reporting unit) are not the status
    # cache's (usually none), () for none (``_TaskItems``)
    base = items_of if items_of is not None else {}
    differs: dict[str, str | tuple[str, ...]] = {
        task_keys[at]: () if items_of_task[at] is ABSENT else items_of_task[at]
        for at in compress(
            count(), map(ne, items_of_task, map(base.get, task_keys, repeat(ABSENT)))
        )
    }
    differs.update(
        (task_id, items)
        for task_id, items in other_task_items.items()
        if base.get(task_id) != items
    )
    outside = compress(base, map(not_, map(task_index.__contains__, base)))
    differs.update((task_id, ()) for task_id in outside if task_id not in other_task_items)
    del items_of_task, other_task_items
    del task_keys
    # kept as slots by the snapshot's task and item positions (three dicts of 100,000
    # and 120,000 keys were ~11 MB; ~2.6 MB so)
    task_section = Slots(task_index, sections, other_sections)
    item_units = Slots(item_index, units_of, other_units)
    dash = workspace_queries.dashboard(
        db,
        snapshot=snap,
        task_section=(task_section, _present(sections, other_sections)) if in_order else None,
        item_units=(item_units, _present(units_of, other_units)),
        at_risk=at_risk,
    )
    # kept coded once counted (a section, a set of units: a byte or two a place)
    return dash, {
        "dashboard": dash,
        "task_section": CodedSlots.of_slots(task_section),
        "item_units": CodedSlots.of_slots(item_units),
        "task_items": differs,
        "unit_sets": pool,
        "at_risk_rowid": at_risk_rowid,
    }


def _after(
    db: Database,
    snap: st.StatusSnapshot,
    kept: dict[str, Any],
    changed: set[str],
    edited: set[str] | None,
    items: _TaskItems,
) -> dict[str, Any] | None:
    before: st.StatusSnapshot = kept["snapshot"]
    old: dict[str, Any] = kept["dashboard"]
    if not changed:
        return {
            **old, "snapshot": snap, "blocking": snap.blocking, "cycles": snap.cycles,
            **{name: SortedStates(old[name].keys, snap.milestones) for name in _MILESTONE_LISTS},
            "version": next(_VERSIONS),
            "edits": {
                **dict.fromkeys(_LISTS, []), "by_section": set(), "by_unit": set(),
                "base": old["version"],
            },
        }  # fmt: skip
    # the tasks whose rows are read again: those an op edited (section, items, units),
    # and those newly at risk (their rowids: the at-risk list's order)
    reread = changed if edited is None else changed & edited
    rowids: dict[str, int] = kept["at_risk_rowid"]  # of the listed tasks (and those to be)
    at_risk_now = [
        (t, risks) for t in changed if (risks := field_of(snap.tasks, t, "risks"))
    ]  # fmt: skip
    read = reread.union(t for t, _risks in at_risk_now if t not in rowids)
    task_section: MutableMapping[str, str | None] = kept["task_section"]
    now = (
        db.execute(
            "SELECT id, section_id, rowid FROM task WHERE id IN (SELECT value FROM json_each(?))"
            " ORDER BY rowid",
            [json.dumps(sorted(read))],
        ).fetchall()
        if read
        else []
    )
    if any(t in task_section and task_section[t] != s for t, s, _rowid in now):
        return None  # a task moved: the sections' order may change
    task_section.update((t, s) for t, s, _rowid in now)

    by_section, touched_sections = dict(old["by_section"]), set()  # entries copied on write

    def section_counts(section: str | None, create: bool) -> dict[str, int] | None:
        if section not in touched_sections:
            entry = by_section.get(section)
            if entry is None and not create:
                return None
            touched_sections.add(section)
            by_section[section] = entry = (
                _section_entry(db, section) if entry is None
                else {**entry, "counts": dict(entry["counts"])}
            )  # fmt: skip
        entry = by_section.get(section)
        return None if entry is None else entry["counts"]

    for task_id in changed:  # (statuses read without building the states before)
        was = field_of(before.tasks, task_id, "status")
        status = field_of(snap.tasks, task_id, "status")
        if was == status:
            continue  # (its section's counts the same: the section not touched)
        if was is not None:
            counts = section_counts(task_section.get(task_id), False)
            if counts is not None:
                counts[was] -= 1
        if status is not None:
            counts = section_counts(task_section.get(task_id), True)
            assert counts is not None
            counts[status] += 1

    by_unit, touched_units = dict(old["by_unit"]), set()
    names = snap.inputs.unit_names

    def unit_counts(unit_id: str, create: bool) -> dict[str, int] | None:
        if unit_id not in touched_units:
            entry = by_unit.get(unit_id)
            if entry is None and not create:
                return None
            touched_units.add(unit_id)
            by_unit[unit_id] = entry = (
                {"name": names.get(unit_id, ""), "counts": _empty()} if entry is None
                else {**entry, "counts": dict(entry["counts"])}
            )  # fmt: skip
        return by_unit[unit_id]["counts"]

    item_units: MutableMapping[str, tuple[str, ...]] = kept["item_units"]
    differs: dict[str, str | tuple[str, ...]] = kept["task_items"]
    # an item of a task not edited: its units as kept, its counts moved when its status
    # changed (first every count taken away, then every one added, as for the others)
    moved: list[tuple[tuple[str, ...], str | None]] = []
    for task_id in changed:
        edited_task = task_id in reread
        of_task = items.kept(differs, task_id)
        for item_id in (of_task,) if isinstance(of_task, str) else of_task:
            units = item_units.pop(item_id) if edited_task else item_units[item_id]
            status = field_of(before.items, item_id, "status")
            if not edited_task:
                now_status = field_of(snap.items, item_id, "status")
                if now_status == status:
                    continue
                moved.append((units, now_status))
            if status is None:
                continue
            for unit_id in units:
                counts = unit_counts(unit_id, False)
                if counts is not None:
                    counts[status] -= 1
    for units, status in moved:
        if status is not None:
            for unit_id in units:
                counts = unit_counts(unit_id, True)
                assert counts is not None
                counts[status] += 1
    grouped: dict[str, list[str]] = {}
    units_now: dict[str, list[str]] = {}
    for item_id, unit_id, task_id in (
        db.execute(
            "SELECT DISTINCT a.item_id, a.unit_id, i.task_id FROM assignment a"
            f" JOIN item i ON i.id = a.item_id WHERE a.{_REPORTING}"
            " AND i.task_id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(reread))],
        )
        if reread
        else ()
    ):
        if item_id not in units_now:
            units_now[item_id] = []
            grouped.setdefault(task_id, []).append(item_id)
        units_now[item_id].append(unit_id)
        status = field_of(snap.items, item_id, "status")
        if status is not None:
            counts = unit_counts(unit_id, True)
            assert counts is not None
            counts[status] += 1
    pool = kept["unit_sets"]
    for task_id in reread:  # (only where they differ from the cache's)
        now_items = grouped.get(task_id)
        items.keep(differs, task_id, () if now_items is None else _packed(now_items))
    for item_id, listed in units_now.items():
        item_units[item_id] = _unit_set(pool, listed)
    # the entries whose counts changed, None when an entry came or went (rows move)
    came_or_went: dict[str, set[Any] | None] = {}
    for name, table, touched in (
        ("by_section", by_section, touched_sections), ("by_unit", by_unit, touched_units)
    ):  # fmt: skip
        came_or_went[name] = touched
        for key in [k for k in touched if not any(table[k]["counts"].values())]:
            del table[key]  # an entry left with no count goes
            came_or_went[name] = None
        if any(k not in old[name] for k in touched):
            came_or_went[name] = None

    edits: dict[str, Any] = dict(came_or_went)
    lists: dict[str, Any] = {}
    sort_keys: dict[str, Callable[[Any], Any]] = {
        "overdue": _OVERDUE_KEY, "late_vs_original": _LATE_KEY,
        "at_risk": lambda entry: rowids[entry[0]],
    }  # fmt: skip
    listed_before = [t for t in changed if t in rowids]
    rowids.update((t, rowid) for t, _s, rowid in now if t in snap.tasks)
    # each list's entries before and now: those its rule lists (``workspace_queries.
    # dashboard``'s, kept by every pass since), not every milestone of the tasks (the
    # states of the others not built nor compared); an entry equal to the one before
    # stays where it is (same key, same place: most of a large component's milestones
    # and at-risk tasks do not change with one edit; their rows read their tasks'
    # labels again when shown, ``RowsModel.set_rows``)
    old_ms, new_ms = _changed_only(
        _listed(before, changed), _listed(snap, changed), attrgetter("id")
    )
    listed_before, risks_now = _changed_only(
        [(t, field_of(before.tasks, t, "risks")) for t in listed_before], at_risk_now, _FIRST
    )
    replaced: list[tuple[str, list[Any], list[Any]]] = [
        ("overdue", _overdue(old_ms), _overdue(new_ms)),
        ("late_vs_original", _late(old_ms), _late(new_ms)),
        ("at_risk", list(map(_FIRST, listed_before)), risks_now),
    ]
    for list_name, gone, came in replaced:
        milestones = list_name in _MILESTONE_LISTS
        entries: list[Any] = old[list_name].keys if milestones else old[list_name]
        script: list[tuple] = []
        if gone or came:  # (a new list only when it may change: each copy touches every entry)
            sort_key = sort_keys[list_name]
            found = (
                _replaced(entries, _SAME, [*map(sort_key, gone)], [*map(sort_key, came)], False)
                if milestones  # (the lists of keys: the states of ``came`` put in the edits)
                else _replaced(entries, sort_key, gone, came, True)
            )
            if found is None:
                return None  # the kept list is not what it should be: build afresh
            entries, script = found
            if milestones:
                state = {sort_key(m): m for m in came}
                script = [e if e[0] == "remove" else (*e[:2], state[e[2]]) for e in script]
        # (a milestone list reads this pass's states: the snapshot before let go)
        lists[list_name] = SortedStates(entries, snap.milestones) if milestones else entries
        edits[list_name] = script
    listed_now = {t for t, _risks in at_risk_now}
    for task_id in changed:
        if task_id not in listed_now:
            rowids.pop(task_id, None)
    return {
        "by_section": by_section,
        "by_unit": by_unit,
        **lists,
        "blocking": snap.blocking,
        "cycles": snap.cycles,
        "behind": old["behind"] + behind(snap, changed) - behind(before, changed),
        "snapshot": snap,
        "version": next(_VERSIONS),
        # how the lists follow from the dashboard before: ``dashboard_rows`` and the
        # dashboard's models apply them instead of building every row again
        "edits": {**edits, "base": old["version"]},
    }


def _changed_only(
    before: list[Any], now: list[Any], identity: Callable[[Any], Any]
) -> tuple[list[Any], list[Any]]:
    """``before`` and ``now`` without the entries equal in both (by ``identity``)."""
    was = dict(zip(map(identity, before), before, strict=True))
    same = {identity(entry) for entry in now if was.get(identity(entry), _NONE) == entry}
    if not same:
        return before, now
    return (
        [entry for entry in before if identity(entry) not in same],
        [entry for entry in now if identity(entry) not in same],
    )


_NONE = object()
_FIRST = itemgetter(0)


def _listed(snap: st.StatusSnapshot, tasks: Iterable[str]) -> list[st.MilestoneState]:
    """The milestones of ``tasks`` that the overdue or the late list holds (``_overdue``,
    ``_late``), task by task: the others are not compared (most of a large component's
    milestones are on neither list)."""
    milestones, states = snap.milestones, snap.tasks
    found: list[st.MilestoneState] = []
    for task_id in tasks:
        task = states.get(task_id)
        if task is not None:
            for ms_id in task.milestone_ids:
                ms = milestones[ms_id]
                if ms.status == st.OVERDUE or ms.late_vs_original:
                    found.append(ms)
    return found


def _overdue(milestones: list[st.MilestoneState]) -> list[st.MilestoneState]:
    """The milestones the overdue list holds."""
    return [m for m in milestones if m.status == st.OVERDUE]


def _late(milestones: list[st.MilestoneState]) -> list[st.MilestoneState]:
    """The milestones the late-against-original list holds."""
    return [m for m in milestones if m.late_vs_original and m.status != st.OVERDUE]


# The lists' sort keys, as ``workspace_queries.dashboard`` sorts them, made in C (a
# bisection calls its key ~16 times per entry looked for): (effective due, id); and
# (original due or "", id), where a late milestone always has its original due (a
# milestone without a due date is never late against it).
_OVERDUE_KEY: Callable[[Any], tuple] = attrgetter("effective_due", "id")
_LATE_KEY: Callable[[Any], tuple] = attrgetter("original_due", "id")
_MILESTONE_LISTS = ("overdue", "late_vs_original")  # ``SortedStates`` of those keys


def _SAME(entry: Any) -> Any:  # noqa: N802  (the key of a list of keys)
    return entry


def _replace(
    entries: list[Any], key: Callable[[Any], Any], gone: list[Any], came: list[Any], tasks: bool
) -> list[tuple] | None:
    """Removes from the sorted ``entries`` those of ``gone`` (old milestone states, or
    task ids for the at-risk list) and inserts ``came`` in their places, by bisection
    (keys are unique); returns the edits in order: ("remove", i) / ("insert", i, entry),
    each place as it is when that edit is applied. None when an entry is not where its
    key says (then the list is built afresh). ``_replaced`` in place."""
    found = _replaced(entries, key, gone, came, tasks)
    if found is None:
        return None
    if found[0] is not entries:
        entries[:] = found[0]
    return found[1]


def _replaced(
    entries: list[Any], key: Callable[[Any], Any], gone: list[Any], came: list[Any], tasks: bool
) -> tuple[list[Any], list[tuple]] | None:
    """``_replace`` giving a new list (``entries`` itself when nothing moved), and the
    edits; ``entries`` is not changed. Past ``SLICED`` edits the new list is made once,
    from slices (a ``del`` / ``insert`` per edit moves the 45,000 entries after it each
    time; slices touch every entry's count, so a few edits are made on a copy)."""
    if len(gone) + len(came) <= SLICED:
        copy = list(entries)
        in_place = _replace_in_place(copy, key, gone, came, tasks)
        return None if in_place is None else (copy, in_place)
    script: list[tuple] = []
    removed: list[int] = []  # places in ``entries`` as given, sorted
    for old in gone:
        i = _place_of(entries, key, old, tasks)
        if i is None:
            return None
        if i < 0:
            continue
        at = bisect_left(removed, i)
        if at < len(removed) and removed[at] == i:
            continue  # removed already: no longer found
        removed.insert(at, i)
        script.append(("remove", i - at))
    kept = entries
    if removed:
        kept = []
        start = 0
        for i in removed:
            kept.extend(entries[start:i])
            start = i + 1
        kept.extend(entries[start:])
    inserted: list[Any] = []  # the keys inserted so far, sorted
    places: list[tuple[int, Any, Any]] = []  # (place in ``kept``, key, entry)
    for new in came:
        k = key(new)
        i = bisect_left(kept, k, key=key)
        before = bisect_left(inserted, k)
        if (i < len(kept) and key(kept[i]) == k) or (
            before < len(inserted) and inserted[before] == k
        ):
            return None  # already listed: keys are unique
        inserted.insert(before, k)
        places.append((i, k, new))
        script.append(("insert", i + before, new))
    if places:
        out: list[Any] = []
        start = 0
        for i, _k, new in sorted(places, key=_PLACE_AND_KEY):
            out.extend(kept[start:i])
            out.append(new)
            start = i
        out.extend(kept[start:])
        kept = out
    return kept, script


def _place_of(entries: list[Any], key: Callable[[Any], Any], old: Any, tasks: bool) -> int | None:
    """Where ``old`` (an old milestone state, or a task id for the at-risk list) is in
    the sorted ``entries``: -1 when not listed, None when another entry has its key
    (then the list is built afresh)."""
    k = key((old, ()) if tasks else old)
    i = bisect_left(entries, k, key=key)
    if i < len(entries) and key(entries[i]) == k:
        if tasks and entries[i][0] != old:  # (a milestone's key holds its id)
            return None
        return i
    return -1


def _replace_in_place(
    entries: list[Any], key: Callable[[Any], Any], gone: list[Any], came: list[Any], tasks: bool
) -> list[tuple] | None:
    """``_replace`` by a ``del`` / ``insert`` per edit."""
    script: list[tuple] = []
    for old in gone:
        i = _place_of(entries, key, old, tasks)
        if i is None:
            return None
        if i >= 0:
            del entries[i]
            script.append(("remove", i))
    for new in came:
        k = key(new)
        i = bisect_left(entries, k, key=key)
        if i < len(entries) and key(entries[i]) == k:
            return None  # already listed: keys are unique
        entries.insert(i, new)
        script.append(("insert", i, new))
    return script


def _PLACE_AND_KEY(place: tuple[int, Any, Any]) -> tuple[int, Any]:  # noqa: N802
    return place[0], place[1]


def _by_place(
    index: Mapping[str, int], states: Mapping[str, Any]
) -> tuple[list[Any], Mapping[str, int]]:
    """The snapshot's ids by their places and the ``id -> place`` index: the pass's
    (``index_behind``), or one made of the states' keys when it has none (a pass whose
    inputs were not compacted: ``status_queries.compute_status``)."""
    if not index and states:
        keys = list(states)
        return keys, dict(zip(keys, count()))
    return _keys_by_place(index), index


def _keys_by_place(index: Mapping[str, int]) -> list[Any]:
    """The keys of an ``id -> place`` index by their places (None at a place without
    one): the index's own order when it is the places' (checked in C)."""
    keys: list[Any] = list(index)
    if not all(map(eq, map(index.__getitem__, keys), count())):
        keys = [None] * (max(index.values(), default=-1) + 1)
        for key, at in index.items():
            keys[at] = key
    return keys


class _TaskItems:
    """What the dashboard's counts were made of, task by task: each task's items with a
    reporting unit (``_packed``; () for none). Kept only where they differ from the
    status cache's items of the task (``differs``: usually none); the others are the
    cache's as of the dashboard before (``before`` for a task read again since, else
    ``now``)."""

    __slots__ = ("before", "now")

    def __init__(
        self,
        now: Mapping[str, str | tuple[str, ...]],
        before: Mapping[str, str | tuple[str, ...] | None],
    ) -> None:
        self.now, self.before = now, before

    def kept(
        self, differs: dict[str, str | tuple[str, ...]], task_id: str
    ) -> str | tuple[str, ...]:
        """The task's items as the dashboard before counted them."""
        found = differs.get(task_id, ABSENT)
        if found is ABSENT:
            found = self.before.get(task_id, ABSENT)
            if found is ABSENT:
                found = self.now.get(task_id)
        return () if found is None else found

    def keep(
        self, differs: dict[str, str | tuple[str, ...]], task_id: str, items: str | tuple[str, ...]
    ) -> None:
        """The task's items as this dashboard counts them (kept where not the cache's)."""
        if items == self.now.get(task_id, ()):
            differs.pop(task_id, None)
        else:
            differs[task_id] = items


def _packed(items: list[str]) -> str | tuple[str, ...]:
    """A task's items as ``task_items`` keeps them: the item's id itself when it has one
    (most tasks: 100,000 one-item tuples at 100k tasks were ~4 MB), else their tuple."""
    return items[0] if len(items) == 1 else tuple(items)


def _joined(items: Any, item_id: str) -> str | tuple[str, ...]:
    """A task's items (``_packed``; ``ABSENT``: none yet) with ``item_id`` after them."""
    return (
        item_id if items is ABSENT else (*items, item_id) if type(items) is tuple
        else (items, item_id)
    )  # fmt: skip


def _present(values: list[Any], other: dict[str, Any]) -> list[Any]:
    """The values of the ``Slots(index, values, other)`` in its order (the list itself
    when every place has one and there is no other key): in C."""
    if not other and ABSENT not in values:
        return values
    return [*compress(values, map(is_not, values, repeat(ABSENT))), *other.values()]


def _unit_set(
    pool: dict[tuple[str, ...], tuple[str, ...]], units: Iterable[str]
) -> tuple[str, ...]:
    """``tuple(units)``, one object for every equal set (``pool`` keeps them)."""
    key = tuple(units)
    return pool.setdefault(key, key)


def behind(snap: st.StatusSnapshot, tasks: Iterable[str] | None = None) -> int:
    """How many tasks (of ``tasks``, default all) are 未达序时 in ``snap`` (the dashboard's
    未达序时 tile; builds their states: the snapshot cannot tell it otherwise)."""
    if tasks is None:
        return sum(1 for late in values_of(snap.tasks, "behind").values() if late)
    return sum(1 for t in tasks if field_of(snap.tasks, t, "behind"))


def _empty() -> dict[str, int]:
    return dict.fromkeys(st.STATUSES, 0)


def _count(table: dict[Any, dict[str, Any]], key: Any, status: str, step: int) -> None:
    entry = table.get(key)
    if entry is not None:
        entry["counts"][status] += step


def _section_entry(db: Database, section_id: str | None) -> dict[str, Any]:
    from desktop.models import workspace_queries

    row = db.execute(
        "SELECT no, title, level, parent_id, plan_id FROM section WHERE id = ?", [section_id]
    ).fetchone()
    no, title, level, parent, plan = (
        (*row[:4], workspace_queries.section_plans(db)(row[4])) if row
        else workspace_queries.NO_SECTION
    )  # fmt: skip
    return {"no": no, "title": title, "level": level, "parent_id": parent, "plan": plan,
            "counts": _empty()}  # fmt: skip
