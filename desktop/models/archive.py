"""Archived tasks: removed from their plan while something was recorded against them
(``desktop.models.authoring``), kept with all of it and shown — greyed, marked 已归档 —
in the plan view, the detail panel and the history, but counted nowhere.

Every query that counts or lists tasks for follow-up (the status pass and everything
built on it: status totals, dashboard, all-units lights; 催报 / 未报 / 未签收 lists;
the ledger; briefings) takes the rule from here, so it lives in one place.
"""

from __future__ import annotations

from sqlite_utils import Database


def active(alias: str = "t") -> str:
    """SQL condition: the task table aliased ``alias`` holds an active (not archived) task."""
    return f"{alias}.archived IS NULL"


def archived_task_ids(db: Database) -> set[str]:
    """Ids of the archived tasks (few: archiving is rare)."""
    return {row[0] for row in db.execute("SELECT id FROM task WHERE archived IS NOT NULL")}
