"""The window's overview second step kept between edits (the 催报 round and the targets).

At 100,000 tasks each part of the second step (``coordination_views.second_step``) is
seconds of a worker's CPU, and the worker holds the interpreter meanwhile. The window
keeps each part while an edit writes none of the tables it reads (``TABLES``; a test
derives what each part reads with SQLite's authorizer), for the period and day it was
computed for. A report edit keeps the round too and has the tasks the overview recomputed
since judged again in it (``round_queries.rejudged``); which tasks changed is not known
after a full status pass, so the round is then rebuilt. A generation per part drops a
result whose inputs changed while it was computed. Qt-free; one per window, used on the
GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# What each part reads, and the keys of its result in the overview's dict.
TABLES = {
    "missing": frozenset(
        {"plan", "task", "item", "assignment", "unit", "unit_contact", "report", "report_cycle"}
    ),
    "targets": frozenset({"plan", "task", "item", "target", "target_value"}),
}
KEYS = {
    "missing": ("missing", "missing_groups", "missing_counts"),
    "targets": ("targets", "target_rows", "targets_missed"),
}
Key = tuple[str, Any]  # (period, the day the statuses were computed for)
Request = tuple[tuple[Any, frozenset[str]] | None, dict[str, int]]


class SecondStepCache:
    def __init__(self) -> None:
        self.kept: dict[str, dict[str, Any]] = {}  # part → its keys' values
        self.key: Key | None = None
        self.generation = dict.fromkeys(TABLES, 0)
        # reports changed since the kept round: the tasks to judge again in it
        self._reports_changed = False
        self._tasks: set[str] = set()

    def changed(self, tables: Iterable[str]) -> None:
        """An edit wrote ``tables`` (none named: any table)."""
        written = set(tables)
        reports_only = bool(written) and written <= {"report"}
        for part, read in TABLES.items():
            if written and read.isdisjoint(written):
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
        if self._reports_changed:
            if full_pass:  # which tasks changed is not known
                self._drop("missing")
            else:
                self._tasks |= result.get("changed") or set()
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
                if part == "missing":
                    self._reports_changed = False
                    self._tasks.clear()

    def _drop(self, part: str) -> None:
        self.kept.pop(part, None)
        if part == "missing":
            self._reports_changed = False
            self._tasks.clear()
