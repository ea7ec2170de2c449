"""Reporting cycles and the reporting round (催报 by cycle: 按时 / 迟报 / 未报 / 未到期).

``report_round`` judges every reporting (item, unit) against its task's cycle. It
reads four plain lists (assignments joined to their items, active tasks, units,
reports), or takes three of them from a full status pass of the same database state
(``shared=``: ``RoundRows``, kept in ``StatusInputs.round_rows``), and decides the state of the pairs *without* a report on their task in bulk
(each one takes its cycle's default: 未报 once due, 未到期 while not); only the pairs
of the units that reported on the task are looked at one by one. The entries
(``RoundEntry``, with labels) are built when first asked for: the counts, the
per-unit tallies of the all-units table and the dashboard need none of them.
``duban_queries`` re-exports everything here; the pairs and their task labels are read in
``round_places``.
"""

from __future__ import annotations

import calendar
import json
from array import array
from collections import Counter
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import compress, repeat
from operator import itemgetter
from typing import Any, cast

from sqlite_utils import Database

from desktop.models.coded_column import CodedColumn, extend_ints
from desktop.models.coordination_queries import plan_prefixes
from desktop.models.lazy_sequence import LazySequence
from desktop.models.packed_strings import PackedStrings, fixed_width
from desktop.models.report_queries import REPORTING_ROLES
from desktop.models.round_places import (  # noqa: F401 (PlacedColumn: read through here)
    MULTI_ITEM_TASKS,
    AscendingPlaces,
    NearPlaces,
    PlacedColumn,
    RunCodes,
    read_pairs,
    read_places,
    read_places_in_order,
    read_task_rows,
)
from sync.collector import collector_paused

_ANCHOR = date(2024, 1, 1)  # a Monday: two-week windows are counted from it


@dataclass(frozen=True)
class Window:
    """One reporting period of a cycle: reports made in it count; due by ``due``."""

    start: date
    end: date
    due: date
    label: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def cycle_window(every: str, due_day: int | None, due_date: str | None, as_of: date) -> Window:
    """The window of a cycle containing ``as_of``."""
    if every == "once":
        due = date.fromisoformat(due_date) if due_date else _month_end(as_of.year, 12)
        return Window(date(1900, 1, 1), max(due, as_of), due, f"一次性（{due.isoformat()}前）")
    if every in ("week", "2weeks"):
        if every == "week":
            start = as_of - timedelta(days=as_of.weekday())
            length = 7
        else:
            start = _ANCHOR + timedelta(days=(as_of - _ANCHOR).days // 14 * 14)
            length = 14
        end = start + timedelta(days=length - 1)
        due = end if due_day is None else start + timedelta(days=length - 8 + due_day)
        return Window(start, end, due, f"{start.isoformat()}至{end.isoformat()}")
    if every == "quarter":
        first = (as_of.month - 1) // 3 * 3 + 1
        start, end = date(as_of.year, first, 1), _month_end(as_of.year, first + 2)
        label = f"{as_of.year}年第{(first - 1) // 3 + 1}季度"
    else:
        start, end = date(as_of.year, as_of.month, 1), _month_end(as_of.year, as_of.month)
        label = f"{as_of.year}-{as_of.month:02d}"
    due = end if due_day is None else end.replace(day=min(due_day, end.day))
    return Window(start, end, due, label)


def _judged_windows(
    cycle: tuple[str, int | None, str | None] | None, as_of: date
) -> tuple[Window | None, Window | None]:
    """(the latest window whose due date has passed, the current window if not yet due)."""
    every, due_day, due_date = cycle or ("month", None, None)
    current = cycle_window(every, due_day, due_date, as_of)
    if as_of > current.due:
        return current, None
    if every == "once":
        return None, current
    return cycle_window(every, due_day, due_date, current.start - timedelta(days=1)), current


def cycles(db: Database) -> dict[str, tuple[str, int | None, str | None]]:
    """task_id → (every, due_day, due_date); tasks without a row report monthly."""
    shared: dict[Any, Any] = {}  # one tuple per distinct cycle (a few dozen)
    one = shared.setdefault
    return {
        t: one((e, d, dd), (e, d, dd)) for t, e, d, dd in db.execute(
            "SELECT task_id, every, due_day, due_date FROM report_cycle ORDER BY id")
    }  # fmt: skip


def cycle_of(db: Database, task_id: str) -> tuple[str, int | None, str | None]:
    """``cycles(db)[task_id]`` (the task's last row), or monthly; read for one task."""
    row = db.execute(
        "SELECT every, due_day, due_date FROM report_cycle WHERE task_id = ?"
        " ORDER BY id DESC LIMIT 1",
        [task_id],
    ).fetchone()
    return tuple(row) if row else ("month", None, None)


def contacts(db: Database) -> dict[str, tuple[str, str]]:
    """unit_id → (联络员, phone)."""
    return {
        u: (p, ph) for u, p, ph in db.execute("SELECT unit_id, person, phone FROM unit_contact")
    }


@dataclass(slots=True)
class RoundRows:
    """The rows of a whole-database round that a full status pass reads anyway
    (``status_queries.load_status_inputs`` keeps them in ``StatusInputs.round_rows``):
    handed to ``report_round`` / ``round_tally`` (``shared=``) they are not read again.
    Valid for the database state of that pass only (an incremental pass keeps none).

    ``assignments``: (item id, unit id, role, position) of every lead or responsible
    assignment, in the assignments' order; ``items``: the active tasks' item id →
    (task id, item position);
    ``reports``: (task id, item id, unit id, 填报期, day made, …) of every report;
    ``tasks``: active task id → (id, no, title, plan id); ``multi_item``: the active
    tasks of more than one item."""

    assignments: list[tuple[Any, ...]]
    items: dict[str, tuple[str, int]]
    reports: list[tuple[Any, ...]]
    tasks: dict[str, tuple[str, int, str, str]]
    multi_item: set[str]


ROUND_STATES = ("on_time", "late", "missing", "open")
ROUND_LABELS = {"on_time": "按时报送", "late": "迟报", "missing": "未报", "open": "未到期"}


@dataclass(slots=True)
class RoundEntry:
    task_id: str
    item_id: str
    unit_id: str
    unit_name: str
    window: Window
    state: str
    reported_on: date | None = None
    # for the label, built only when shown: (prefix, task no, title, item position or None)
    parts: tuple[str, int, str, int | None] = ("", 0, "", None)

    @property
    def short_label(self) -> str:
        """``任务3-2`` (with the plan's prefix when several plans are loaded)."""
        prefix, no, _title, pos = self.parts
        return f"{prefix}任务{no}" + (f"-{pos + 1}" if pos is not None else "")

    @property
    def label(self) -> str:
        return f"{self.short_label}“{self.parts[2]}”"


@dataclass(frozen=True, slots=True)
class _Spec:
    """A cycle's windows as of the round's day: the judged one (its due date passed)
    and the current one (not yet due), with their bounds as compared with a report's
    填报期 (``by_period``: months and quarters) or the day it was made."""

    judged: Window | None
    current: Window | None
    by_period: bool
    judged_bounds: tuple[str, str] | None
    current_bounds: tuple[str, str] | None
    judged_due: str  # ISO day ("" without a judged window)

    def judge(self, day: str) -> str | None:
        """The judged state when the first report counted came on ``day`` (an ISO
        day, ``_NEVER`` when none came); None without a judged window."""
        if self.judged is None:
            return None
        if day == _NEVER:
            return "missing"
        return "late" if day > self.judged_due else "on_time"


def _spec(cycle: tuple[str, int | None, str | None] | None, as_of: date) -> _Spec:
    by_period = cycle is None or cycle[0] in ("month", "quarter")
    judged, current = _judged_windows(cycle, as_of)

    def bounds(window: Window | None) -> tuple[str, str] | None:
        if window is None:
            return None
        first, last = window.start.isoformat(), window.end.isoformat()
        return (first[:7], last[:7]) if by_period else (first, last)

    due = judged.due.isoformat() if judged else ""
    return _Spec(judged, current, by_period, bounds(judged), bounds(current), due)


_STATE_CODES = {None: 0, "on_time": 1, "late": 2, "missing": 3}
_OPEN = 4  # (added to a place's state code: its current window is still open for it)
_CODES_OF = {
    state: [code | opened for opened in (0, _OPEN)] for state, code in _STATE_CODES.items() if state
} | {"open": [code | _OPEN for code in _STATE_CODES.values()]}
# per state: a ``bytes.translate`` table, each place's code to 1 when in it, else 0
_MASKS = {
    state: bytes(int(code in codes) for code in range(256)) for state, codes in _CODES_OF.items()
}


@dataclass
class _Labels:
    """What a ``report_round``'s entries are labelled with, one place per task of the
    round (``_Table.task_ids``): number, title, plan id, whether it has several items."""

    nos: Sequence[int]  # (an array, or a ``PlacedColumn`` of the window's numbers)
    # (an object per title was ~7 MB at 100k tasks; a packed copy of the window's ~2.5 MB)
    titles: PackedStrings | PlacedColumn
    # each task's plan's prefix (when several plans are loaded, else ""):
    # ``prefixes[plan_codes[task]]``, the prefixes by the plans' codes as read (not the
    # plans' ids and a dict of their prefixes: ~0.9 MB at 100k tasks and 2,000 plans)
    plan_codes: Sequence[int]  # (``RunCodes``: a plan's tasks come together)
    prefixes: list[str]
    multi_item: bytearray

    @classmethod
    def of(
        cls,
        nos: Sequence[int],
        titles: PackedStrings | PlacedColumn,
        plans: CodedColumn,
        multi_item: bytearray,
        prefixes: Mapping[str, str],
    ) -> _Labels:
        """The labels of tasks whose plans are ``plans`` (ids, coded as read) and whose
        plans' prefixes are ``prefixes`` (plan id → prefix; none: "")."""
        by_code = [prefixes.get(plan, "") for plan in plans.values]
        return cls(nos, titles, RunCodes.of(plans.codes), by_code, multi_item)

    def prefix(self, task: int) -> str:
        return self.prefixes[self.plan_codes[task]]


@dataclass
class _Table:
    """The round in columns, one place per (item, unit) in the round's order (kept by
    the window: ~120,000 places at 100k tasks, so numbers in arrays, not a tuple and a
    few list slots per place): ``task_at`` / ``unit_at`` index ``task_ids`` /
    ``unit_ids``; ``positions`` the item's position (-1 in a ``round_tally``);
    ``states`` the judged state's code (``_STATE_CODES``; 0: no judged window), plus
    ``_OPEN`` while the current window is still open for it (one byte a place, not a
    second column); ``days`` place → the day of the report that counted (none: not
    there); the cycle's windows are
    ``specs[task_spec[task_at[place]]]``. ``labels`` is None in a ``round_tally``."""

    task_at: Sequence[int]  # (``NearPlaces``: how far from its place, when narrower)
    item_ids: Sequence[str]  # (``fixed_width``: one string of them all)
    unit_at: array[int]
    positions: array[int]
    states: bytearray
    days: dict[int, str]
    task_ids: Sequence[str]  # (a list, or a ``PlacedColumn`` of the window's ids)
    unit_ids: list[str]
    task_spec: array[int]
    specs: list[_Spec]
    units: dict[str, str]  # unit id → name
    labels: _Labels | None

    def spec(self, place: int) -> _Spec:
        return self.specs[self.task_spec[self.task_at[place]]]

    def mask(self, state: str) -> Iterable[int]:
        """Per place: whether it is in ``state`` (1 / 0, in C)."""
        return self.states.translate(_MASKS[state])

    def count(self, state: str) -> int:
        """How many places are in ``state``."""
        return sum(map(self.states.count, _CODES_OF[state]))


class UnitEntries(LazySequence[RoundEntry]):
    """One unit's entries in one state of a ``ReportRound`` (``by_unit``), built when
    read: the list keeps the pairs' places only."""

    __slots__ = ("_round", "_state", "_places")

    def __init__(self, round_: ReportRound, state: str, places: AscendingPlaces) -> None:
        self._round = round_
        self._state = state
        self._places = places

    def __len__(self) -> int:
        return len(self._places)

    def in_round(self, round_: ReportRound) -> UnitEntries:
        """The same places of ``round_`` (this round relabelled: ``relabelled``)."""
        return UnitEntries(round_, self._state, self._places)

    def _item(self, index: int) -> RoundEntry:
        return self._round.entry_at(self._places.item_at(index), self._state)

    def __repr__(self) -> str:
        return f"UnitEntries({list(self)!r})"


class ReportRound:
    """The 催报 picture as of a date: each reporting unit's current window per its
    task's cycle, 按时 / 迟报 / 未报 (due date passed) / 未到期.

    ``entries`` (in plan, task, item and assignment order) and the per-unit lists
    (``by_unit``, ``with_lists``) are built on first use; ``count``, ``unit_counts``
    and ``unit_tasks`` read the columns (all a ``round_tally`` has)."""

    def __init__(
        self,
        as_of: date,
        entries: list[RoundEntry] | None = None,
        contacts: dict[str, tuple[str, str]] | None = None,
        *,
        table: _Table | None = None,
    ) -> None:
        self.as_of = as_of
        # unit_id → (联络员, phone): shown beside a unit on every 催报 list
        self.contacts = contacts if contacts is not None else {}
        self._table = table
        self._entries = entries if entries is not None or table is not None else []
        self._by_unit: dict[str, dict[str, list[RoundEntry]]] = {}

    @property
    def entries(self) -> list[RoundEntry]:
        if self._entries is None:
            self._entries = self._build()
        return self._entries

    def count(self, state: str) -> int:
        table = self._table
        if table is None:
            return sum(1 for e in self.entries if e.state == state)
        return table.count(state)

    def unit_counts(self, state: str) -> Counter[str]:
        """unit_id → how many of its entries are in ``state``."""
        table = self._table
        if table is None:
            return Counter(e.unit_id for e in self.entries if e.state == state)
        at = Counter(compress(table.unit_at, table.mask(state)))
        return Counter({table.unit_ids[n]: k for n, k in at.items()})

    def unit_tasks(self) -> set[tuple[str, str]]:
        """(unit_id, task_id) of every reporting pair of the round."""
        table = self._table
        if table is None:
            return {(e.unit_id, e.task_id) for e in self.entries}
        units, tasks = table.unit_ids, list(table.task_ids)
        return {
            (units[u], tasks[t]) for u, t in set(zip(table.unit_at, table.task_at, strict=True))
        }

    def by_unit(self, state: str) -> dict[str, list[RoundEntry]]:
        """unit_id → its entries in ``state`` (built once: the same dict every call,
        not to be changed)."""
        known = self._by_unit.get(state)
        if known is not None:
            return known
        table = self._table
        if self._entries is None and table is not None:
            if table.labels is None:
                raise RuntimeError("round_tally() has counts only: use report_round() for entries")
            # each unit's places in the round; an entry is built when read (the window
            # keeps the 未报 list: ~120,000 entries at 100k tasks, read a screenful at a time)
            places: dict[int, array[int]] = {}
            unit_at = table.unit_at
            for n in compress(range(len(unit_at)), table.mask(state)):
                found = places.get(unit_at[n])
                if found is None:
                    found = places[unit_at[n]] = array("i")
                found.append(n)
            units = table.unit_ids
            lazy = {
                units[u]: UnitEntries(self, state, AscendingPlaces(at)) for u, at in places.items()
            }
            self._by_unit[state] = lazy  # type: ignore[assignment]
            return lazy  # type: ignore[return-value]
        out: dict[str, list[RoundEntry]] = {}
        for entry in self.entries:
            if entry.state == state:
                out.setdefault(entry.unit_id, []).append(entry)
        if table is not None:
            self._by_unit[state] = out
        return out

    def entry_at(self, place: int, state: str) -> RoundEntry:
        """The entry in ``state`` of the round's pair at ``place`` (``by_unit``'s lists)."""
        table = self._table
        assert table is not None and table.labels is not None
        return self._entry(table, table.labels, place, state, {})

    @staticmethod
    def _entry(
        table: _Table, labels: _Labels, place: int, state: str, days: dict[str, date]
    ) -> RoundEntry:
        """The entry at ``place`` in ``state`` (``days``: the dates made so far)."""
        task = table.task_at[place]
        task_id, unit_id = table.task_ids[task], table.unit_ids[table.unit_at[place]]
        parts = (
            labels.prefix(task),
            labels.nos[task],
            labels.titles[task],
            table.positions[place] if labels.multi_item[task] else None,
        )
        spec = table.spec(place)
        window = spec.current if state == "open" else spec.judged
        assert window is not None  # an open or judged place has its window
        reported = None
        day = table.days.get(place) if state != "open" else None
        if day is not None:
            reported = days.get(day) or days.setdefault(day, date.fromisoformat(day))
        return RoundEntry(task_id, table.item_ids[place], unit_id, table.units[unit_id],
                          window, state, reported, parts)  # fmt: skip

    def with_lists(self) -> ReportRound:
        """Builds the 未报 and 迟报 lists the 催报 views show (``by_unit``), so that a
        background job does it rather than the GUI thread; returns the round."""
        for state in ("missing", "late"):
            self.by_unit(state)
        return self

    def carry_lists(self, before: ReportRound, places: Iterable[int]) -> None:
        """This round's per-unit lists (``by_unit``) from those ``before`` built, whose
        places other than ``places`` are in the same states as this round's (the same
        places, units and labels: ``rejudged``): a unit none of ``places`` belongs to
        keeps its list; the others' lists have those places added or taken out. Equal
        to the lists built anew (every unit's places read: ~20 ms at 100,000 tasks), in
        the same order (by each unit's first place)."""
        table = self._table
        assert table is not None and before._table is not None
        unit_ids, unit_at = table.unit_ids, table.unit_at
        by_unit: dict[str, list[int]] = {}
        for place in places:
            by_unit.setdefault(unit_ids[unit_at[place]], []).append(place)
        for state in ("missing", "late"):
            built = before._by_unit.get(state)
            if built is None or not all(isinstance(e, UnitEntries) for e in built.values()):
                continue  # (not built, or built as entries: built anew when asked)
            lists = cast(dict[str, UnitEntries], built)
            in_state = _MASKS[state]
            carried: dict[str, UnitEntries] = {}
            for unit_id, entries in lists.items():
                if unit_id not in by_unit:
                    carried[unit_id] = entries.in_round(self)
            for unit_id, changed in by_unit.items():
                kept = lists.get(unit_id)
                now = set(kept._places) if kept is not None else set()
                for place in changed:
                    if in_state[table.states[place]]:
                        now.add(place)
                    else:
                        now.discard(place)
                if now:
                    rising = AscendingPlaces(array("i", sorted(now)))
                    carried[unit_id] = UnitEntries(self, state, rising)
            order = sorted(carried.items(), key=lambda pair: pair[1]._places[0])
            self._by_unit[state] = cast(dict[str, list[RoundEntry]], dict(order))

    def _build(self) -> list[RoundEntry]:
        """The entries, in the round's order (a place's judged entry, then its open one)."""
        table = self._table
        if table is None:
            return []
        labels = table.labels
        if labels is None:
            raise RuntimeError("round_tally() has counts only: use report_round() for entries")
        days: dict[str, date] = {}
        entry = self._entry
        out: list[RoundEntry] = []
        append = out.append
        for place, code in enumerate(table.states):
            if code & 3:
                append(entry(table, labels, place, ROUND_STATES[(code & 3) - 1], days))
            if code & _OPEN:
                append(entry(table, labels, place, "open", days))
        return out


def report_round(
    db: Database,
    as_of: date,
    plan_id: str | None = None,
    roles: tuple[str, ...] = REPORTING_ROLES,
    *,
    ordered: bool = True,
    shared: RoundRows | None = None,
    titles: Mapping[str, tuple[int, str]] | None = None,
) -> ReportRound:
    """Every reporting (item, unit) against its task's cycle (monthly by default), as of
    ``as_of``: in the latest window whose due date has passed it is 按时, 迟报 (the report
    came after the due date) or 未报 (none came); while the current window is not yet due
    and it has not reported in it, it is also 未到期 (``open``). A report counts for a
    month or quarter by its 填报期, for weekly, two-weekly and one-off cycles by the day
    it was made. A task-level report covers the unit's items. ``ordered=False`` keeps
    the assignments' order (for counts). The one 催报 query: CLI ``remind``, the
    dashboard's 催报 tab, the unit workspace and the all-units table use it.
    ``shared``: the rows a full status pass of the same database state read
    (``snapshot.inputs.round_rows``), used for the whole database's round.
    ``titles`` (task id → (no, title), ``coordination_views.task_titles``, which the
    window keeps): the round's task rows share their id and title strings."""
    if plan_id is not None or roles != REPORTING_ROLES:
        shared = None
    return _round(db, as_of, plan_id, roles, ordered=ordered, shared=shared, titles=titles)


def round_tally(
    db: Database,
    as_of: date,
    active: Container[str] | None = None,
    *,
    shared: RoundRows | None = None,
) -> ReportRound:
    """``report_round`` for its counts only (``count``, ``unit_counts``, ``unit_tasks``:
    the all-units table): in the assignments' order, without the tasks' labels, so
    without ``entries``. ``active``: the ids of the active (not archived) tasks when the
    caller has them (a status snapshot's ``tasks``), else they are read; ``shared`` as
    in ``report_round``."""
    if active is None:
        if shared is not None:
            active = shared.tasks
        else:
            active = {r[0] for r in db.execute("SELECT id FROM task WHERE archived IS NULL")}
    return _round(db, as_of, None, REPORTING_ROLES, ordered=False, active=active, shared=shared)


def _round(
    db: Database,
    as_of: date,
    plan_id: str | None,
    roles: tuple[str, ...],
    *,
    ordered: bool,
    active: Container[str] | None = None,
    shared: RoundRows | None = None,
    titles: Mapping[str, tuple[int, str]] | None = None,
) -> ReportRound:
    """``active`` given or not: a ``round_tally`` (no labels) or a ``report_round``."""
    # no cyclic collection meanwhile (turned off before anything is allocated): the
    # round's rows are all kept, and a collection would also walk what the caller
    # holds (a status snapshot just computed: the round cost twice as much beside one)
    with collector_paused():
        table = _round_table(db, as_of, plan_id, roles, ordered, active, shared, titles)
        return ReportRound(as_of, None, contacts(db), table=table)


_NEVER = "~"  # after every ISO day: "no report counted"


def _round_table(
    db: Database,
    as_of: date,
    plan_id: str | None,
    roles: tuple[str, ...],
    ordered: bool,
    active: Container[str] | None,
    shared: RoundRows | None = None,
    titles: Mapping[str, tuple[int, str]] | None = None,
) -> _Table:
    """The round's columns; without labels (a ``round_tally``) when the ``active``
    tasks are given."""
    units = {u: name for u, name, kind in db.execute("SELECT id, name, kind FROM unit")
             if kind != "group"}  # fmt: skip
    # the task rows themselves are kept (no tuple built per task) for the labels
    rows_of: dict[str, tuple[str, int, str, str]] = {}
    labels = active is None
    # the window's round: (task id) → (no, title, plan id) by the places' tasks
    task_labels: tuple[Sequence[int], PackedStrings | PlacedColumn, CodedColumn, bytearray] | None
    task_labels = None
    if ordered and shared is None and labels:  # (the window's round) read row by row
        # the places and their tasks' labels into columns as read: no dict of task rows
        # (~11 MB of the round's peak at 100k tasks)
        places, task_labels = read_places_in_order(db, roles, plan_id, units, titles)
    else:
        if active is None and shared is not None:
            rows_of = shared.tasks
        elif active is None:
            rows_of = read_task_rows(db, plan_id, titles)
        tasks: Container[str] = rows_of if active is None else active
        # the pairs (fresh strings from the fetch) as the columns kept, let go at once
        places = read_places(read_pairs(db, roles, ordered, labels, tasks, units, shared), units,
                         rows_of if labels else None)  # fmt: skip
    task_cycles = cycles(db)
    specs_by_cycle: dict[Any, _Spec] = {None: _spec(None, as_of)}
    for cycle in set(task_cycles.values()):
        specs_by_cycle[cycle] = _spec(cycle, as_of)
    spec_of_task = {t: specs_by_cycle[c] for t, c in task_cycles.items()}
    default = specs_by_cycle[None]
    specs = list(specs_by_cycle.values())
    spec_number = {id(spec): n for n, spec in enumerate(specs)}
    task_spec = array("i")
    extend_ints(task_spec, map(spec_number.__getitem__,
                               map(id, map(spec_of_task.get, places.task_ids, repeat(default)))))  # fmt: skip
    reports = (
        shared.reports
        if shared is not None
        else db.execute(
            "SELECT task_id, item_id, unit_id, period, substr(created_at, 1, 10) FROM report"
        )
    )
    judged_day, current_made = _reports_counted(reports, spec_of_task.get, default)
    # each place's state and whether its current window is open, as its cycle has them
    # without a report counted, in C (no list of a value per place: each ~1 MB at 100k
    # tasks, six of them were the round's peak), then the places with a report counted
    never = bytes(
        _STATE_CODES[spec.judge(_NEVER)] | (_OPEN if spec.current is not None else 0)
        for spec in specs
    )
    states = bytearray(map(never.__getitem__, map(task_spec.__getitem__, places.task_at)))
    days: dict[int, str] = {}
    item_ids = places.item_ids
    # (the window's task ids are places in its titles: a list of them made to look up)
    ids = places.task_ids
    if (judged_day or current_made) and not isinstance(ids, list):
        ids = list(ids)

    def task_ids() -> Iterable[str]:
        return map(ids.__getitem__, places.task_at)

    def unit_ids() -> Iterable[str]:
        return map(places.unit_ids.__getitem__, places.unit_at)

    if judged_day:
        # a task-level report covers the unit's items: the earlier of the two counts
        # (without a report counted, no item id is read: they are packed)
        own = map(judged_day.get, zip(task_ids(), item_ids, unit_ids(), strict=True),
                  repeat(_NEVER))  # fmt: skip
        whole = map(judged_day.get, zip(task_ids(), repeat(None), unit_ids()), repeat(_NEVER))
        for place, day in enumerate(map(min, own, whole)):
            if day != _NEVER:
                days[place] = day
                spec = specs[task_spec[places.task_at[place]]]
                states[place] = states[place] & _OPEN | _STATE_CODES[spec.judge(day)]
        del own, whole
    if current_made:
        for n in compress(
            range(len(item_ids)),
            map(current_made.__contains__, zip(task_ids(), item_ids, unit_ids(), strict=True)),
        ):
            states[n] &= ~_OPEN
        for n in compress(
            range(len(item_ids)),
            map(current_made.__contains__, zip(task_ids(), repeat(None), unit_ids())),
        ):
            states[n] &= ~_OPEN
    # (the reports counted and the cycles by task id let go before the labels are read:
    # ~10 MB at 100k tasks with 50,000 reports)
    del judged_day, current_made, spec_of_task, task_cycles
    ids = places.task_ids  # (the list made to look up let go)
    labelled: _Labels | None = None
    if labels:
        prefixes = {} if plan_id else plan_prefixes(db)
        if task_labels is not None:  # (with whether each task has several items)
            labelled = _Labels.of(*task_labels, prefixes)
        else:
            if shared is not None:
                multi_item: Container[str] = shared.multi_item
            else:
                multi_item = {r[0] for r in db.execute(MULTI_ITEM_TASKS)}
            rows = list(map(rows_of.__getitem__, places.task_ids))
            labelled = _Labels.of(
                array("i", map(itemgetter(1), rows)),
                PackedStrings(map(itemgetter(2), rows)),
                CodedColumn(map(itemgetter(3), rows)),
                bytearray(map(multi_item.__contains__, places.task_ids)),
                prefixes,
            )
    return _Table(
        NearPlaces.of(places.task_at),
        fixed_width(places.item_ids),
        narrowed(places.unit_at, len(places.unit_ids)),
        narrowed(places.positions),
        states,
        days,
        places.task_ids,
        places.unit_ids,
        narrowed(task_spec, len(specs)),
        specs,
        units,
        labelled,
    )


def narrowed(ints: array[int], bound: int | None = None) -> array[int]:
    """``ints`` in the narrowest array that holds them (a byte each up to 255, two up to
    65,535; else as given; ``bound``: above every value, when known): the window keeps
    the round's units, item positions and cycles by place or task (~120,000 and 100,000
    at 100k tasks: 4 bytes each as read)."""
    if bound is None:
        if not ints or min(ints) < 0:
            return ints
        bound = max(ints) + 1
    for code in ("B", "H"):
        if bound <= 1 << 8 * array(code).itemsize:
            if ints.typecode == code:
                return ints
            out = array(code)
            extend_ints(out, ints)  # (a list of a few thousand at a time)
            return out
    return ints


def _reports_counted(
    reports: Iterable[tuple[Any, ...]],
    spec_of: Callable[[str, _Spec], _Spec],
    default: _Spec,
) -> tuple[dict[tuple[str, str | None, str], str], set[tuple[str, str | None, str]]]:
    """Each (task, item or None for the whole task, unit) that reported: the day of its
    first report in its task's judged window, and those that reported in the current
    window (``reports``: rows of task id, item id, unit id, 填报期, day made)."""
    judged_day: dict[tuple[str, str | None, str], str] = {}
    current_made: set[tuple[str, str | None, str]] = set()
    # one string per unit id and day kept (the fetched rows bring new ones: at 100k
    # tasks the kept keys held ~7.7 MB of strings at the round's peak)
    shared: dict[str, str] = {}
    one = shared.setdefault
    for task_id, item_id, unit_id, period, day, *_ in reports:
        spec = spec_of(task_id, default)
        made = period if spec.by_period else day
        key = (task_id, item_id, one(unit_id, unit_id))
        if spec.judged_bounds is not None:
            first, last = spec.judged_bounds
            if first <= made <= last and day < judged_day.get(key, _NEVER):
                judged_day[key] = one(day, day)
        if spec.current_bounds is not None:
            first, last = spec.current_bounds
            if first <= made <= last:
                current_made.add(key)
    return judged_day, current_made


def rejudged(db: Database, round_: ReportRound, task_ids: Iterable[str]) -> ReportRound | None:
    """``round_`` with the places of ``task_ids`` judged again from their reports as they
    are now (the window's round after reports were added, corrected or retracted: the
    places, cycles and labels unchanged), its lists built; None when it has no columns.
    Equal to a fresh ``report_round`` of the same day when only reports changed: the
    rest of the round is kept (at 100,000 tasks ~0.1 s instead of ~3 s)."""
    table = round_._table
    if table is None:
        return None
    wanted = set(task_ids)
    numbers = set(compress(range(len(table.task_ids)), map(wanted.__contains__, table.task_ids)))
    spec_by_task = {
        table.task_ids[n]: table.specs[table.task_spec[n]] for n in numbers
    }  # (a task outside the round has no places: nothing to judge)
    rows = db.execute(
        "SELECT task_id, item_id, unit_id, period, substr(created_at, 1, 10) FROM report"
        " WHERE task_id IN (SELECT value FROM json_each(?))",
        [json.dumps(sorted(spec_by_task))],
    ).fetchall()
    judged_day, current_made = _reports_counted(rows, spec_by_task.get, table.specs[0])
    states, days = bytearray(table.states), dict(table.days)
    places = list(compress(range(len(table.task_at)), map(numbers.__contains__, table.task_at)))
    for place in places:
        task_id = table.task_ids[table.task_at[place]]
        unit_id = table.unit_ids[table.unit_at[place]]
        spec = spec_by_task[task_id]
        own, whole = (task_id, table.item_ids[place], unit_id), (task_id, None, unit_id)
        day = min(judged_day.get(own, _NEVER), judged_day.get(whole, _NEVER))
        opened = spec.current is not None and not (own in current_made or whole in current_made)
        states[place] = _STATE_CODES[spec.judge(day)] | (_OPEN if opened else 0)
        if day != _NEVER:
            days[place] = day
        else:
            days.pop(place, None)
    again = ReportRound(
        round_.as_of, None, round_.contacts, table=replace(table, states=states, days=days)
    )
    again.carry_lists(round_, places)
    return again.with_lists()


def relabelled(
    round_: ReportRound, titles: Mapping[str, tuple[int, str]], task_ids: Iterable[str]
) -> ReportRound | None:
    """``round_`` with the tasks ``task_ids`` titled as in ``titles`` (task id → (no,
    title): the window's overview's) when renamed since it was built, nothing else it
    reads changed: equal to a fresh ``report_round`` of the same day, its lists built
    (the places, judged states and the per-unit lists kept: a few ms at 100,000 tasks
    instead of seconds). ``round_`` itself when no label differs; None when it has no
    labels or a task's number differs (its places may move)."""
    table = round_._table
    if table is None or table.labels is None:
        return None
    labels = table.labels
    wanted = set(task_ids)
    new_titles: dict[int, str] = {}
    for n in compress(range(len(table.task_ids)), map(wanted.__contains__, table.task_ids)):
        found = titles.get(table.task_ids[n])
        if found is None or found[0] != labels.nos[n]:
            return None
        if found[1] != labels.titles[n]:
            new_titles[n] = found[1]
    if not new_titles:
        return round_
    labelled = replace(labels, titles=labels.titles.replaced(new_titles))
    again = ReportRound(round_.as_of, None, round_.contacts, table=replace(table, labels=labelled))
    # the per-unit lists keep their places: only what an entry is labelled with changed
    for state, lists in round_._by_unit.items():
        lazy = [entries for entries in lists.values() if isinstance(entries, UnitEntries)]
        if len(lazy) == len(lists):
            moved = {
                unit_id: entries.in_round(again)
                for unit_id, entries in zip(lists, lazy, strict=True)
            }
            again._by_unit[state] = moved  # type: ignore[assignment]
    return again.with_lists()
