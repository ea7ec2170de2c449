"""The window's overview second step kept between edits (the 催报 round and the targets).

At 100,000 tasks each part of the second step (``coordination_views.second_step``) is
seconds of a worker's CPU, and the worker holds the interpreter meanwhile. The window
keeps each part while an edit writes none of the tables it reads (``TABLES``; a test
derives what each part reads with SQLite's authorizer), for the period and day it was
computed for. A report edit keeps the round too and has the tasks the overview recomputed
since judged again in it (``round_queries.rejudged``); which tasks changed is not known
after a full status pass, so the round is then rebuilt. A generation per part drops a
result whose inputs changed while it was computed.

Of ``task`` and ``item`` (which an edit of a task's title, text or deadline updates) the
store names the columns each row's update changed (``transactions.Written``): an update of
none of the columns a part reads (``COLUMNS``) keeps it; a task's new title (shown in both
parts' labels: the round reads it, the target rows show the overview's titles) keeps it
too, and each overview has the renamed tasks relabelled in it (``relabel``: by the
overview's titles, about 5 ms at 100,000 tasks instead of seconds). The renamed tasks are
remembered until the part is dropped, so a part computed meanwhile is relabelled too.
Qt-free; one per window, used on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from desktop.models.transactions import Written

# What each part reads, and the keys of its result in the overview's dict.
TABLES = {
    "missing": frozenset(
        {"plan", "task", "item", "assignment", "unit", "unit_contact", "report", "report_cycle"}
    ),
    "targets": frozenset({"plan", "task", "item", "target", "target_value"}),
}
# The columns each part reads of the tables whose updates the store names column by column
# (besides ``TITLE``): an update of none of them leaves the part as it was.
COLUMNS = {
    "missing": {
        # (the rowid, named "ROWID" and "" by SQLite's authorizer: the tasks of several
        # items are found by it; an edit never changes it)
        "task": frozenset({"id", "no", "plan_id", "archived", "ROWID", ""}),
        "item": frozenset({"id", "task_id", "position"}),
    },
    "targets": {"task": frozenset({"id", "no", "plan_id", "archived"}), "item": frozenset()},
}
TITLE = "title"  # of ``task``: only labels rows (relabelled in place)
KEYS = {
    "missing": ("missing", "missing_groups", "missing_counts"),
    "targets": ("targets", "target_rows", "targets_missed"),
}
Key = tuple[str, Any]  # (period, the day the statuses were computed for)
Request = tuple[tuple[Any, frozenset[str]] | None, dict[str, int]]
# (part, its kept values, the overview's titles, the tasks renamed): the values relabelled,
# the same values when no label differs, None when it cannot be done
Relabel = Callable[
    [str, dict[str, Any], Mapping[str, tuple[int, str]], Iterable[str]], dict[str, Any] | None
]


class SecondStepCache:
    def __init__(self, relabel: Relabel | None = None) -> None:
        """``relabel``: how a kept part is relabelled after tasks were renamed (without
        it a new title drops the parts, as any other edit of what they read)."""
        self.kept: dict[str, dict[str, Any]] = {}  # part → its keys' values
        self.key: Key | None = None
        self.generation = dict.fromkeys(TABLES, 0)
        # reports changed since the kept round: the tasks to judge again in it
        self._reports_changed = False
        self._tasks: set[str] = set()
        self._relabel = relabel
        # per part: the tasks renamed since it was dropped (relabelled by each overview)
        self._renamed: dict[str, set[str]] = {part: set() for part in TABLES}
        # per part: the titles it was last relabelled by (a mapping never changed once
        # handed out), while neither it nor its renamed tasks changed since
        self._relabelled_by: dict[str, object] = {}

    def changed(self, tables: Iterable[str]) -> None:
        """An edit wrote ``tables`` (none named: any table; a ``Written`` also names the
        columns of the rows it updated)."""
        written = set(tables)
        updated = tables.updated if isinstance(tables, Written) else {}
        reports_only = bool(written) and written <= {"report"}
        for part, read in TABLES.items():
            if written and read.isdisjoint(written):
                continue
            renamed = self._renamed_only(part, written & read, updated)
            if renamed is not None:  # (not a new generation: a result computed
                if renamed:  # meanwhile is relabelled as well)
                    self._renamed[part] |= renamed
                    self._relabelled_by.pop(part, None)
                continue
            self.generation[part] += 1
            if part == "missing" and "missing" in self.kept and reports_only:
                self._reports_changed = True
                continue
            self._drop(part)

    def overview(self, result: dict[str, Any], full_pass: bool) -> tuple[str, ...]:
        """An overview landed (``full_pass``: its statuses were all recomputed): the kept
        parts go into ``result`` when it has no second step of its own; returns the
        parts to compute (none when it has one)."""
        key = (result["period"], result["snapshot"].today)
        if self.key != key:
            self.kept = {}
            self._reports_changed = False
            self._tasks.clear()
            for renamed in self._renamed.values():
                renamed.clear()
        if self._reports_changed:
            if full_pass:  # which tasks changed is not known
                self._drop("missing")
            else:
                self._tasks |= result.get("changed") or set()
        self._relabelled(result.get("titles"))
        if result["missing"] is not None:
            return ()
        for values in self.kept.values():
            result.update(values)
        return tuple(
            part
            for part in TABLES
            if part not in self.kept or (part == "missing" and self._reports_changed)
        )

    def request(self, parts: Iterable[str]) -> Request:
        """What a second step of ``parts`` starts from: (the round before and the tasks
        to judge again in it, or None: built afresh) and the parts' generations now."""
        parts = tuple(parts)
        again = None
        if "missing" in parts and self._reports_changed and "missing" in self.kept:
            again = (self.kept["missing"]["missing"], frozenset(self._tasks))
        return again, {part: self.generation[part] for part in parts}

    def landed(self, later: dict[str, Any], key: Key, generations: dict[str, int]) -> None:
        """A second step computed for ``key`` from the state of ``generations`` landed:
        each part whose inputs did not change meanwhile is kept."""
        if key[1] is None:
            return
        if key != self.key:
            self.kept, self.key = {}, key
        for part, generation in generations.items():
            if generation == self.generation[part]:
                self.kept[part] = {name: later[name] for name in KEYS[part]}
                self._relabelled_by.pop(part, None)
                if part == "missing":
                    self._reports_changed = False
                    self._tasks.clear()

    def _renamed_only(
        self, part: str, tables: set[str], updated: Mapping[str, Mapping[str, frozenset[str]]]
    ) -> set[str] | None:
        """The tasks renamed when an edit of ``tables`` (those ``part`` reads) changed
        nothing else it reads (none: it changed nothing ``part`` reads); None when it
        may have (the part is dropped)."""
        if not tables:
            return None
        renamed: set[str] = set()
        for table in tables:
            columns, rows = COLUMNS[part].get(table), updated.get(table)
            if columns is None or rows is None:
                return None
            for record_id, changed in rows.items():
                if not columns.isdisjoint(changed):
                    return None
                if table == "task" and TITLE in changed:
                    renamed.add(record_id)
        return None if renamed and self._relabel is None else renamed

    def _relabelled(self, titles: Mapping[str, tuple[int, str]] | None) -> None:
        """The kept parts with their renamed tasks labelled by ``titles`` (the
        overview's); a part that cannot be is dropped."""
        for part, renamed in self._renamed.items():
            if not renamed or part not in self.kept or self._relabelled_by.get(part) is titles:
                continue
            assert self._relabel is not None  # (else nothing is renamed: dropped)
            values = self._relabel(part, self.kept[part], titles, renamed) if titles else None
            if values is None:
                self.generation[part] += 1
                self._drop(part)
            else:
                self.kept[part] = values
                self._relabelled_by[part] = titles

    def _drop(self, part: str) -> None:
        self.kept.pop(part, None)
        self._renamed[part].clear()
        self._relabelled_by.pop(part, None)
        if part == "missing":
            self._reports_changed = False
            self._tasks.clear()
