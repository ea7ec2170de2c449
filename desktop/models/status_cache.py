"""Statuses kept between passes: an edit recomputes only what it can reach.

A ``StatusCache`` (one per window; plain Python, no Qt) holds the last
``StatusSnapshot`` of a database. ``snapshot(db)`` reads the change log since
that pass (``change_log.seq``), maps every op to the tasks it touches (a
milestone, item, assignment, report, target value, 办结 … to its task; a
dependency to the tasks at both ends, before and after) and recomputes the
statuses, risks and cycles of the *component* of those tasks only: the tasks
linked to them by dependencies or 上级任务 links, in either direction. Nothing
outside the component can reach it or be reached from it, so everything there
stays as it was; inside it the pass is the ordinary ``status.compute`` on the
component's rows, which gives exactly what a full pass gives there (risk
propagation of a root cause never leaves its component, and the order in which
causes reach a node depends only on the causes inside it). The blocking ranking
is ranked again from every root's reach (the component's roots replaced).

A full pass (``status_queries.compute_status``) runs when the cache is
cold, the day or the due-soon window changed, the sync cursor moved (pulled and
snapshot records are applied without change-log ops), the log went backwards
(another file), a plan, unit or section changed (labels and prefixes of many
tasks), an op cannot be mapped to a task, or the component is a large share of
the database (a full pass is then as cheap).

An incremental snapshot's ``inputs`` hold every task's, item's and milestone's
per-record rows (labels, units, dates, dependencies) but only the component's row
lists (``inputs.milestones``, ``inputs.extensions``; a full pass's are emptied, its
rows kept as its states' columns): read milestones from ``snapshot.milestones``.

Snapshots are never changed after they are returned: an incremental pass builds
new dictionaries (the records outside the component are shared), so a view may
keep reading the previous snapshot while a background job computes the next
one. One pass at a time per cache (the window's overview job is serialised).
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any

from sqlite_utils import Database

from desktop.models import status as st
from desktop.models.cancellation import CancelCheck, Cancelled
from desktop.models.dependency_table import DependencyTable
from desktop.models.status_columns import Column, ItemPlaces, Slots, index_behind
from desktop.models.status_kept import keep_compact, pass_tables
from desktop.models.status_merge import Tally, merged_inputs, replaced
from desktop.models.status_tables import value_of

log = logging.getLogger(__name__)

# Tables whose change alters labels, prefixes or names of many tasks: full pass.
FULL_PASS_TABLES = frozenset({"plan", "unit"})
# Tables a status pass reads, and the columns naming what their rows belong to.
TASK_TABLES: dict[str, tuple[str, ...]] = {
    "task": ("id", "parent_task_id"),
    "milestone": ("task_id",),
    "item": ("task_id",),
    "assignment": ("item_id",),
    "milestone_extension": ("milestone_id",),
    "dependency": (),  # both ends, see _dependency_tasks
    "signoff": ("task_id",),
    "signoff_decision": ("signoff_id",),
    "report": ("task_id",),
    "target": ("task_id",),
    "target_value": ("target_id",),
}
# Tables whose ops change a task's own row (title, number, section, archived …), its
# items or their units: only these tasks' rows are read again by the overview
# (``take_edited``); every other task's read the same as before the edit.
ROW_TABLES = frozenset({"task", "item", "assignment"})
# A component larger than this share of the tasks is recomputed by a full pass.
LARGE_SHARE = 0.25
# More ops than this since the last pass: a full pass (a bulk import or undo).
MANY_OPS = 5_000
# A task's dependency ids in a tuple up to this many, beyond in a set (``_Graph``).
_FEW = 8


@dataclass
class _Graph:
    """What the cache knows about how tasks are linked (kept up to date)."""

    # id -> row, and its ends' tasks (``ends``): columns, not a tuple per row
    dependencies: DependencyTable = field(default_factory=DependencyTable)
    # task id -> the id of the dependency touching it, or their ids when there are
    # several: a tuple of a few, a set of more (a set per task: 30,000 dependencies at
    # 100k tasks were ~7 MB of sets; 15,000 sets of two to four ids still ~3 MB)
    task_dependencies: dict[str, str | tuple[str, ...] | set[str]] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)  # active 上级任务 links
    children: dict[str, list[str]] = field(default_factory=dict)
    rolled: set[str] = field(default_factory=set)
    # task id -> its item's id, or its items' ids (a tuple) when it has several: no
    # list per task (100,000 lists at 100k tasks were ~17 MB); after a full pass, slots
    # by the tasks' positions in its task index (a dict of 100,000 tasks: 3.7 MB)
    items_of: MutableMapping[str, str | tuple[str, ...]] = field(default_factory=dict)

    def add_items(self, items: Mapping[str, tuple[str, int]]) -> None:
        """Adds the ``items`` (item id -> (task id, position)) to ``items_of``, in order."""
        items_of = self.items_of
        if isinstance(items_of, Slots) and isinstance(items, ItemPlaces):  # (in bulk)
            items_of.group(zip(items.task_ids(), items, strict=True))
            return
        for item_id, (task_id, _pos) in items.items():
            known = items_of.get(task_id)
            if known is None:
                items_of[task_id] = item_id
            elif isinstance(known, str):
                items_of[task_id] = (known, item_id)
            else:
                items_of[task_id] = (*known, item_id)

    def item_ids(self, task_id: str) -> tuple[str, ...]:
        """The ids of the task's items, in order."""
        found = self.items_of.get(task_id, ())
        return (found,) if isinstance(found, str) else found

    def dependencies_of(self, task_id: str) -> Iterable[str]:
        """The ids of the dependencies touching the task."""
        found = self.task_dependencies.get(task_id, ())
        return (found,) if isinstance(found, str) else found

    def link(self, task_id: str, dep_id: str) -> None:
        known = self.task_dependencies.get(task_id)
        if known is None:
            self.task_dependencies[task_id] = dep_id
        elif isinstance(known, str):
            if known != dep_id:
                self.task_dependencies[task_id] = (known, dep_id)
        elif isinstance(known, tuple):
            if dep_id not in known:
                self.task_dependencies[task_id] = (
                    (*known, dep_id) if len(known) < _FEW else {*known, dep_id}
                )
        else:
            known.add(dep_id)

    def add_links(self, dep_ids: Iterable[str], ends: Iterable[tuple[str | None, ...]]) -> None:
        """``link`` of each dependency's ends' tasks (``ends``: a pair per id) to it, in
        order, to tasks not linked yet (gathered first: a task of one dependency its id,
        of several a list, made a tuple or a set once they are all met)."""
        linked: dict[str, Any] = {}
        several: list[str] = []  # (the tasks whose ids are in a list)
        known = linked.get
        for dep_id, pair in zip(dep_ids, ends, strict=True):
            for task in pair:
                if task:
                    found = known(task)
                    if found is None:
                        linked[task] = dep_id
                    elif type(found) is str:
                        if found != dep_id:
                            linked[task] = [found, dep_id]
                            several.append(task)
                    elif dep_id not in found:
                        found.append(dep_id)
        for task in several:  # (in place: the tasks' order kept)
            found = linked[task]
            linked[task] = tuple(found) if len(found) <= _FEW else set(found)
        self.task_dependencies.update(linked)

    def unlink(self, task_id: str, dep_id: str) -> None:
        known = self.task_dependencies.get(task_id)
        if known is None:
            return
        if isinstance(known, str):
            if known == dep_id:
                del self.task_dependencies[task_id]
        elif isinstance(known, tuple):
            if dep_id in known:
                left = tuple(d for d in known if d != dep_id)
                self.task_dependencies[task_id] = left[0] if len(left) == 1 else left
        else:
            known.discard(dep_id)
            if not known:
                del self.task_dependencies[task_id]

    def neighbours(self, task_id: str) -> Iterable[str]:
        for dep_id in self.dependencies_of(task_id):
            yield from (t for t in self.dependencies.ends(dep_id) if t)
        if task_id in self.parent:
            yield self.parent[task_id]
        yield from self.children.get(task_id, ())


class StatusCache:
    """The last status snapshot of one database, updated incrementally."""

    def __init__(self) -> None:
        self._snap: st.StatusSnapshot | None = None
        self._graph = _Graph()
        self._tally: Tally | None = None
        self._seq = 0
        self._cursor: object = None
        # ``plan_prefixes`` as of the last full pass: a plan change (or a sync, which can
        # bring plans without change-log ops) makes the next pass a full one
        self._prefixes: dict[str, str] = {}
        #: How the last ``snapshot`` call was answered: "full", "incremental" or "same".
        self.last_pass = ""
        #: Tasks recomputed by the last incremental pass.
        self.last_component: set[str] = set()
        #: What a caller derives from the snapshots and keeps between passes (the
        #: overview's timeline rows, task titles); emptied by every full pass.
        self.memo: dict[str, Any] = {}
        self._changed: set[str] = set()
        self._edited: set[str] = set()  # (``take_edited``)
        self._cancelled: CancelCheck | None = None  # of the pass running
        #: Dependency ops seen so far (added, changed, removed): while it stays the same,
        #: the dependencies and their order (``inputs.dependencies``) stay the same.
        self.dependency_ops = 0
        self._moved: list[str] = []  # the dependencies of those ops (``take_moved``)
        self._dependency_ops_kept = 0  # ``dependency_ops`` as of the snapshot kept
        #: (``take_items_before``) task id → its items as of the last call, for the tasks
        #: whose items were read again since (None: it had none)
        self._items_before: dict[str, str | tuple[str, ...] | None] = {}

    def task_items(self) -> Mapping[str, str | tuple[str, ...]]:
        """task id → its item's id, or its items' ids in order (a tuple) as the cache
        keeps them (read only: the overview's dashboard reads a task's items there
        unless its own differ)."""
        return self._graph.items_of

    def take_items_before(self) -> dict[str, str | tuple[str, ...] | None]:
        """task id → its items (as ``task_items``; None: none) as of the last call, for
        the tasks whose items were read again since (``task_items`` has them as they
        are now); after a full pass: none (``memo`` is empty)."""
        before, self._items_before = self._items_before, {}
        return before

    def take_changed(self) -> set[str]:
        """Tasks recomputed since the last call (after a full pass, ``memo`` is empty)."""
        changed, self._changed = self._changed, set()
        return changed

    def take_edited(self) -> set[str]:
        """Tasks whose own row, items or assignments (``ROW_TABLES``) an op changed since
        the last call, among those recomputed (``take_changed``): every other recomputed
        task's row (title, number, section), items and their units read the same as
        before (after a full pass: none; ``memo`` is empty)."""
        edited, self._edited = self._edited, set()
        return edited

    def take_moved(self) -> list[str]:
        """The ids of the dependencies added, changed or removed since the last call, in
        the order of their ops (after a full pass: none; ``memo`` is empty). Each is
        gone now or, in ``inputs.dependencies``, after every dependency not among them
        (the others keep their order)."""
        moved, self._moved = self._moved, []
        return moved

    def dependency_rows(self, tasks: Iterable[str]) -> list[tuple]:
        """The rows (as in ``inputs.dependencies``) of the dependencies touching
        ``tasks`` now, from what the cache knows (no database read)."""
        graph = self._graph
        found = {d for t in tasks for d in graph.dependencies_of(t)}
        return [graph.dependencies[d] for d in found if d in graph.dependencies]

    def invalidate(self) -> None:
        """Forget everything: the next ``snapshot`` is a full pass."""
        self._snap = None

    def snapshot(
        self,
        db: Database,
        today: date | None = None,
        window_days: int = st.DEFAULT_WINDOW_DAYS,
        *,
        cancelled: CancelCheck | None = None,
    ) -> st.StatusSnapshot:
        """The statuses of ``db`` now (see the module doc for when a pass is full).

        ``cancelled`` is asked every few thousand rows; once it says stop the pass raises
        ``Cancelled`` and the cache forgets everything (the next pass is a full one)."""
        self._cancelled = cancelled
        try:
            return self._snapshot(db, today, window_days)
        except Cancelled:
            self.invalidate()
            raise
        finally:
            self._cancelled = None

    def _snapshot(self, db: Database, today: date | None, window_days: int) -> st.StatusSnapshot:
        today = today or date.today()
        seq = db.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
        cursor = db.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone()
        snap = self._snap
        if (
            snap is None
            or snap.today != today
            or snap.window_days != window_days
            or cursor != self._cursor
            or seq < self._seq
        ):
            return self._full(db, today, window_days, seq, cursor)
        if seq == self._seq:
            self.last_pass = "same"
            return snap
        ops = db.execute(
            "SELECT tbl, record_id, kind, fields FROM change_log WHERE seq > ? ORDER BY seq"
            f" LIMIT {MANY_OPS + 1}",
            [self._seq],
        ).fetchall()
        found = None if len(ops) > MANY_OPS else self._changed_tasks(db, ops)
        if found is None:
            return self._full(db, today, window_days, seq, cursor)
        changed, edited = found
        component = self.component(changed)
        if len(component) > LARGE_SHARE * max(len(snap.tasks), 1):
            return self._full(db, today, window_days, seq, cursor)
        try:
            self._snap = self._recompute(db, component)
        except Cancelled:
            raise
        except Exception:  # never leave a half-updated cache behind
            log.exception("incremental status pass failed; computing every status")
            return self._full(db, today, window_days, seq, cursor)
        self._seq, self._dependency_ops_kept = seq, self.dependency_ops
        self.last_pass, self.last_component = "incremental", component
        self._changed |= component
        self._edited |= edited
        return self._snap

    # -- full pass ---------------------------------------------------------------------

    def _full(
        self, db: Database, today: date, window_days: int, seq: int, cursor: object
    ) -> st.StatusSnapshot:
        from desktop.models import status_queries
        from desktop.models.authoring_queries import apply_rollup, rollup_links
        from desktop.models.coordination_queries import plan_prefixes

        prefixes = plan_prefixes(db)
        graph = _Graph()
        children, graph.rolled = rollup_links(db)
        graph.children = children
        graph.parent = {c: p for p, kids in children.items() for c in kids}
        with st.collector_paused(promote=True):  # (inputs: no local, cleared if cancelled)
            snap = st.compute(
                status_queries.load_status_inputs(
                    db, cancelled=self._cancelled, rounds=False, compact=True, prefixes=prefixes
                ),
                today,
                window_days,
                cancelled=self._cancelled,
                held_up=True,  # (for the tally: each root's unit and tasks)
            )
            # (the extensions live on as their counts, made by the pass: freed before the
            # milestone rows become columns, the top of the pass's memory; 7,874 rows of
            # fresh strings at ssu-100k, the window's peak 0.8 MiB lower)
            snap.inputs.extensions = []
            # (the pass's dicts as columns, its other locals gone; the milestone rows
            # freed as they become columns: dropped below)
            keep_compact(snap, release=True)
            apply_rollup(db, snap, (children, graph.rolled))
            # (what the cache keeps besides: made with the collector paused, and frozen)
            inputs = snap.inputs
            inputs.round_rows = None  # the snapshot outlives edits the round would see
            # the milestone rows live on as the states' columns (``status_kept``): read
            # milestones from ``snap.milestones`` (as after an incremental pass, whose lists
            # hold its component's rows only)
            inputs.milestones = []
            # the percents (read by the pass and the roll-up as dicts) by the task positions
            task_index = index_behind(inputs.tasks)
            for name in ("task_percent", "target_percent"):  # (where a column is smaller)
                percents = getattr(inputs, name)
                if len(percents) * 4 >= len(task_index):
                    setattr(inputs, name, Column.of(task_index, percents))
            graph.items_of = Slots(index_behind(snap.inputs.tasks))
            graph.add_items(snap.inputs.items)
            self._graph = graph
            self._snap = snap
            self._prefixes = prefixes
            self._tally = Tally(snap)
            self._put_dependencies(snap.inputs.dependencies)
        self._seq, self._cursor = seq, cursor
        self._dependency_ops_kept = self.dependency_ops
        self.last_pass, self.last_component = "full", set()
        self.memo, self._changed, self._edited, self._moved = {}, set(), set(), []
        self._items_before = {}
        return snap

    # -- from ops to tasks ---------------------------------------------------------------

    def _changed_tasks(self, db: Database, ops: list[tuple]) -> tuple[set[str], set[str]] | None:
        """Tasks whose rows the ops changed (before or after), and those of them whose
        own row, items or assignments changed (``ROW_TABLES``); None when unknown."""
        tasks: set[str] = set()
        edited: set[str] = set()
        for table, record_id, kind, fields_json in ops:
            if table in FULL_PASS_TABLES:
                return None
            if table not in TASK_TABLES:
                continue  # not read by a status pass
            found = self._tasks_of(db, table, record_id, kind, fields_json)
            if found is None:
                return None
            tasks |= found
            if table in ROW_TABLES:
                edited |= found
        return tasks, edited

    def _tasks_of(
        self, db: Database, table: str, record_id: str, kind: str, fields_json: str
    ) -> set[str] | None:
        snap = self._snap
        assert snap is not None
        graph = self._graph
        found: set[str] = set()
        # what the cache knew before the op
        if table == "task":
            found.add(record_id)
            found.update(t for t in (graph.parent.get(record_id),) if t)
        elif table == "milestone" and record_id in snap.milestones:
            found.add(snap.milestones[record_id].task_id)
        elif table == "item" and record_id in snap.inputs.items:
            found.add(snap.inputs.items[record_id][0])
        elif table == "dependency":
            self.dependency_ops += 1
            self._moved.append(record_id)
            found.update(t for t in graph.dependencies.ends(record_id) if t)
            row = db.execute(
                "SELECT id, pred_kind, pred_id, succ_kind, succ_id, lag_days FROM dependency"
                " WHERE id = ?",
                [record_id],
            ).fetchone()
            self._drop_dependency(record_id)
            if row is not None:
                found.update(t for t in self._put_dependency(tuple(row), db) if t)
            return found
        # what the row says now (or said when it was inserted, for a deleted row)
        refs: dict[str, str] = {}
        columns = TASK_TABLES[table]
        row = db.execute(
            f"SELECT {', '.join(columns)} FROM [{table}] WHERE id = ?", [record_id]
        ).fetchone()
        if row is not None:
            refs = {c: v for c, v in zip(columns, row, strict=True) if v}
        else:
            refs = {c: v for c, v in json.loads(fields_json or "{}").items() if c in columns and v}
            if not refs and table != "task":
                inserted = db.execute(
                    "SELECT fields FROM change_log WHERE tbl = ? AND record_id = ?"
                    " AND kind = 'insert' ORDER BY seq DESC LIMIT 1",
                    [table, record_id],
                ).fetchone()
                if inserted:
                    refs = {c: v for c, v in json.loads(inserted[0]).items() if c in columns and v}
        for column, value in refs.items():
            task = self._task_of_ref(db, column, value)
            if task:
                found.add(task)
        if table == "task":
            self._update_links(db, record_id)
        return found or None

    def _task_of_ref(self, db: Database, column: str, value: str) -> str | None:
        snap = self._snap
        assert snap is not None
        if column in ("id", "task_id", "parent_task_id"):
            return value
        if column == "item_id":
            known = snap.inputs.items.get(value)
            query = "SELECT task_id FROM item WHERE id = ?"
            if known:
                return known[0]
        elif column == "milestone_id":
            ms = snap.milestones.get(value)
            if ms:
                return ms.task_id
            query = "SELECT task_id FROM milestone WHERE id = ?"
        elif column == "signoff_id":
            query = "SELECT task_id FROM signoff WHERE id = ?"
        else:  # target_id
            query = "SELECT task_id FROM target WHERE id = ?"
        row = db.execute(query, [value]).fetchone()
        return row[0] if row else None

    def _node_task(self, db: Database | None, kind: str, node_id: str) -> str | None:
        if kind == "task":
            return node_id
        column = "item_id" if kind == "item" else "milestone_id"
        snap = self._snap
        if kind == "item" and snap and node_id in snap.inputs.items:
            return snap.inputs.items[node_id][0]
        if kind == "milestone" and snap and node_id in snap.milestones:  # (no state built)
            return value_of(snap.milestones, node_id, "task_id")
        return self._task_of_ref(db, column, node_id) if db is not None else None

    def _put_dependency(
        self, row: tuple, db: Database | None = None
    ) -> tuple[str | None, str | None]:
        dep_id, pred_kind, pred_id, succ_kind, succ_id, _lag = row
        ends = (self._node_task(db, pred_kind, pred_id), self._node_task(db, succ_kind, succ_id))
        graph = self._graph
        graph.dependencies.put(row, ends)
        for task in ends:
            if task:
                graph.link(task, dep_id)
        return ends

    def _put_dependencies(self, rows: Sequence[tuple]) -> None:
        """``_put_dependency`` of each row in order, at a full pass (no database read: an
        end the snapshot does not know has no task), each task's links gathered first;
        then ``inputs.dependencies`` read from the table's columns (the same rows, no
        tuple kept per row) when the rows' ids are distinct. The ends' tasks are the
        pass's (``StatusSnapshot.dependency_tasks``, found by its cycle search) when it
        kept them, else read from its tables."""
        snap = self._snap
        assert snap is not None
        graph = self._graph
        tables = pass_tables(snap.milestones)
        assert tables is not None  # (a full pass's states: always read from its tables)
        handed, snap.dependency_tasks = snap.dependency_tasks, None  # (taken over)
        if handed is not None and len(handed[0]) == len(rows):
            pred_tasks, succ_tasks = handed
        else:  # (in bulk, the ends by column)
            pred_tasks, succ_tasks = (
                tables.node_tasks(
                    list(map(itemgetter(kind), rows)), list(map(itemgetter(kind + 1), rows)), None
                )
                for kind in (1, 3)
            )
        del handed
        ends = list(zip(pred_tasks, succ_tasks, strict=True))
        dep_ids = list(map(itemgetter(0), rows))
        if len(set(dep_ids)) == len(dep_ids):  # (positions: the task index's int objects)
            graph.dependencies.extend(rows, ends, index_behind(snap.inputs.tasks).values())
            snap.inputs.dependencies = graph.dependencies.view() or snap.inputs.dependencies
        else:  # (an id twice: its first place, its last row, as a dict's update kept)
            last = dict(zip(dep_ids, zip(rows, ends, strict=True), strict=True))
            graph.dependencies.extend(
                [row for row, _pair in last.values()], [pair for _row, pair in last.values()]
            )
        graph.add_links(dep_ids, ends)

    def _drop_dependency(self, dep_id: str) -> None:
        graph = self._graph
        for task in graph.dependencies.pop(dep_id) or ():
            if task:
                graph.unlink(task, dep_id)

    def _update_links(self, db: Database, task_id: str) -> None:
        """The task's 上级任务 link and roll-up flag as they are now."""
        graph = self._graph
        old = graph.parent.pop(task_id, None)
        if old is not None:
            graph.children[old] = [c for c in graph.children.get(old, ()) if c != task_id]
        graph.rolled.discard(task_id)
        row = db.execute(
            "SELECT parent_task_id, archived, rollup FROM task WHERE id = ?", [task_id]
        ).fetchone()
        if row is None:
            return
        parent, archived, rollup = row
        if parent and archived is None:
            graph.parent[task_id] = parent
            graph.children.setdefault(parent, []).append(task_id)
        if rollup == 1:
            graph.rolled.add(task_id)

    def component(self, tasks: set[str]) -> set[str]:
        """``tasks`` and every task linked to them, directly or not, either way."""
        seen = set(tasks)
        queue = deque(tasks)
        while queue:
            for other in self._graph.neighbours(queue.popleft()):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        return seen

    # -- the incremental pass --------------------------------------------------------------

    def _recompute(self, db: Database, component: set[str]) -> st.StatusSnapshot:
        from desktop.models import status_queries
        from desktop.models.authoring_queries import apply_rollup

        old = self._snap
        assert old is not None
        graph = self._graph
        part_inputs = status_queries.load_status_inputs(  # (no plan changed: same prefixes)
            db, component, cancelled=self._cancelled, prefixes=self._prefixes,
            # the dependencies linked to these tasks (the ends' tasks never change; the
            # dependency ops are applied to the links already): read by id
            dependency_ids={d for t in component for d in graph.dependencies_of(t)},
            unit_names=old.inputs.unit_names,  # (a unit op makes the pass a full one)
        )  # fmt: skip
        part = st.compute(part_inputs, old.today, old.window_days, cancelled=self._cancelled)
        apply_rollup(db, part, (graph.children, graph.rolled))

        old_ms = {m for t in component if t in old.tasks for m in old.tasks[t].milestone_ids}
        old_items = {i for t in component for i in graph.item_ids(t)}
        items_before = self._items_before
        for task_id in component:
            was = graph.items_of.pop(task_id, None)
            if task_id not in items_before:  # (as of the last call: the first seen)
                items_before[task_id] = was
        graph.add_items(part.inputs.items)

        milestones = replaced(old.milestones, old_ms, part.milestones)
        items = replaced(old.items, old_items, part.items)
        tasks = replaced(old.tasks, component, part.tasks)
        roots = replaced(old.roots, old_ms, part.roots)
        inputs = merged_inputs(old.inputs, part.inputs, component, old_items, old_ms)
        # (no dependency op since the pass before: its list, the links' rows in order)
        inputs.dependencies = (
            old.inputs.dependencies
            if self.dependency_ops == self._dependency_ops_kept
            else graph.dependencies.rows()
        )
        touched = {("task", t) for t in component}
        touched |= {("item", i) for i in old_items | set(part.items)}
        touched |= {("milestone", m) for m in old_ms | set(part.milestones)}
        cycle_paths = sorted(
            [p for p in old.cycle_paths if not touched.intersection(p)] + part.cycle_paths
        )
        component_deps = {d for t in component for d in graph.dependencies_of(t)} | {
            row[0] for row in part.inputs.dependencies
        }
        in_cycle = {
            d
            for d in old.cycle_dependency_ids
            if d in graph.dependencies and d not in component_deps  # not removed meanwhile
        } | part.cycle_dependency_ids
        tally = self._tally
        assert tally is not None
        changed_units = {tally.remove(root) for root in old_ms if root in old.roots}
        snap = st.StatusSnapshot(  # layered read views stand in for the dicts
            old.today, old.window_days, milestones, items, tasks, [], inputs,
            cycle_paths, in_cycle, roots,
        )  # fmt: skip
        changed_units |= {tally.add(root, nodes, snap) for root, nodes in part.roots.items()}
        snap.blocking = tally.ranking(old.blocking, changed_units, inputs.unit_names)
        return snap
