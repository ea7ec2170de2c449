"""New progress reports of one unit and period, checked for a whole sheet at once.

``progress.new_report_row`` checks one report with a handful of queries (the
task, the item, the unit, its assignment, the task's targets); a province
fill-in sheet has hundreds of rows, so those queries were a third of an
import. ``NewReports`` loads what the checks need once, for every task of the
sheet, and applies the same rules with the same messages; the row it returns
is the one ``new_report_row`` returns (``tests/test_ledger_fill.py`` compares
them), and the store's ``Tx.insert_many`` checks it again against the schema.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from typing import Any

from desktop.errors import NotFound, UserError
from desktop.models import progress
from desktop.models.coordination_common import default_author, parse_period
from desktop.models.store import Store
from desktop.models.transactions import utc_now


class SharedLookups:
    """What ``NewReports`` asks of the database, loaded once for many sheets (a round of
    returned sheets covers most of the plan): every task, every item's task, the
    author; a unit's assigned items when its sheet asks (one indexed query: loading
    every unit's assignments cost more than the batch's units need). Answers as the
    per-sheet queries do."""

    def __init__(self, store: Store, author: str = "") -> None:
        db = store.db
        self._db = db
        self.tasks = {task_id for (task_id,) in db.execute("SELECT id FROM task")}
        self.item_task: dict[str, str] = dict(db.execute("SELECT id, task_id FROM item"))
        self.author = author or default_author(store)

    def unit_items(self, unit_id: str) -> set[str]:
        """The items the unit is assigned to (any role)."""
        query = "SELECT item_id FROM assignment WHERE unit_id = ?"
        return {item_id for (item_id,) in self._db.execute(query, [unit_id])}

    @staticmethod
    def worth_it(store: Store, sheets: int) -> bool:
        """Loading whole tables pays when the sheets cover a good share of the units
        (a few sheets of a large database: the per-sheet queries are cheaper)."""
        units = store.db.execute("SELECT count(*) FROM unit").fetchone()[0]
        return sheets >= 2 and sheets * 4 >= units


class NewReports:
    """The checked rows of new reports of ``unit_id`` for ``period`` on ``task_ids``
    (``shared``: the lookups of a batch of sheets instead of this sheet's queries)."""

    def __init__(
        self,
        store: Store,
        unit_id: str,
        period: str,
        task_ids: Iterable[str],
        author: str = "",
        shared: SharedLookups | None = None,
    ) -> None:
        db = store.db
        if not db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone():
            raise NotFound("单位不存在。")
        self.unit_id = unit_id
        self.period = parse_period(period)
        wanted = json.dumps(sorted(set(task_ids)))
        self._db, self._wanted = db, wanted
        self._targets: dict[str, dict[str, dict[str, Any]]] | None = None
        if shared is not None:  # whole tables: the same answers for this sheet's tasks
            self.tasks = shared.tasks
            self.item_task = shared.item_task
            self.assigned_items = shared.unit_items(unit_id)
            self.author = author or shared.author
            return
        in_sheet = "IN (SELECT value FROM json_each(?))"
        self.tasks = {
            r[0] for r in db.execute(f"SELECT id FROM task WHERE id {in_sheet}", [wanted])
        }
        self.item_task = dict(
            db.execute(f"SELECT id, task_id FROM item WHERE task_id {in_sheet}", [wanted])
        )
        self.assigned_items = {
            item_id
            for (item_id,) in db.execute(
                "SELECT item_id FROM assignment WHERE unit_id = ?", [unit_id]
            )
            if item_id in self.item_task
        }
        self.author = author or default_author(store)

    @functools.cached_property
    def assigned_tasks(self) -> set[str]:
        """The tasks of the unit's assigned items (asked for reports on a whole task)."""
        return {self.item_task[item_id] for item_id in self.assigned_items}

    def targets(self, task_id: str) -> dict[str, dict[str, Any]]:
        """The task's targets by id (loaded for the whole sheet on first use: only
        rows with 目标数值 need them)."""
        if self._targets is None:
            self._targets = {}
            for row in self._db.query(
                "SELECT * FROM target WHERE task_id IN (SELECT value FROM json_each(?))",
                [self._wanted],
            ):
                self._targets.setdefault(row["task_id"], {})[row["id"]] = row
        return self._targets.get(task_id, {})

    def known(self, task_id: str, item_id: str | None) -> bool:
        """The task still exists and the item (if any) still belongs to it."""
        return task_id in self.tasks and (item_id is None or self.item_task.get(item_id) == task_id)

    def row(
        self,
        task_id: str,
        item_id: str | None,
        *,
        text: str = "",
        percent: float | None = None,
        figures: dict[str, float] | None = None,
    ) -> dict[str, Any]:
        """The row ``progress.new_report_row`` would return (``UserError`` when invalid)."""
        if task_id not in self.tasks:
            raise NotFound("任务不存在。")
        if item_id and self.item_task.get(item_id) != task_id:
            raise NotFound("该工作事项不属于此任务。")
        assigned = item_id in self.assigned_items if item_id else task_id in self.assigned_tasks
        if not assigned:
            raise UserError("该单位不在此任务（事项）的分工中，不能为其填报。")
        text, percent, figures_json = progress.clean_report_values(
            text, percent, figures, self.targets(task_id) if figures else {}
        )
        return {
            "task_id": task_id,
            "item_id": item_id,
            "unit_id": self.unit_id,
            "period": self.period,
            "text": text,
            "percent": percent,
            "figures": figures_json,
            "author": self.author,
            "created_at": utc_now(),
            "supersedes_id": None,
        }
