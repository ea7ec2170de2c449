"""Importer schema: what a plan says about a task beyond its units.

* ``task.outline_key`` — the task's outline position (section key + number,
  ``"二/一/3"``): its identity within the plan, also when numbering restarts in
  every section.
* ``task.leaders`` — JSON list of the people the plan names with 责任领导 /
  牵头领导 / 分管领导 … (people are never units).
* ``task.deadline`` — the 完成时限 / 时间节点 written with the units (ISO date
  or NULL).

Synced like the other task columns.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import MIGRATIONS, SYNCED_TABLES, run_script, synced

synced("task", *SYNCED_TABLES["task"], "outline_key", "leaders", "deadline")


@MIGRATIONS(name="importer_0001_task_outline")
def _task_outline(db: Database) -> None:
    run_script(
        db,
        """
        ALTER TABLE task ADD COLUMN outline_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE task ADD COLUMN leaders TEXT NOT NULL DEFAULT '[]';
        ALTER TABLE task ADD COLUMN deadline TEXT;
        """,
    )
