"""Schema of plan authoring: task change history, task deadlines, archive, 上级任务 links.

- ``task_change``: the append-only change history (调整记录). One row per
  structural change of a task (``task_id`` NULL: a change of the plan itself),
  with a readable Chinese ``summary``, old and new values, the basis (依据),
  who and when. SQLite triggers refuse UPDATE and DELETE, so a row, once
  written, stays; the history also survives the task it describes (no
  foreign key: a deleted task's history keeps its number and title).
- ``task.deadline`` (added by the importer's schema): the task's own deadline
  (完成时限), ISO date or NULL, set on import or by hand.
- ``task.archived``: the date a task was removed while things were recorded
  against it (milestones, reports, values): it is kept, archived and visible.
- ``task.parent_task_id``: the task of a higher-level plan this task
  implements (上级任务); ``task.rollup`` 1 = its status rolls up from its
  lower-level tasks, 0 = reported directly.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import (
    MIGRATIONS,
    SYNCED_TABLES,
    append_only_trigger,
    run_script,
    synced,
)

synced(
    "task_change",
    "plan_id",
    "task_id",
    "task_no",
    "task_title",
    "kind",
    "summary",
    "old",
    "new",
    "basis",
    "author",
    "changed_at",
)
synced("task", *SYNCED_TABLES["task"], "archived", "parent_task_id", "rollup")


@MIGRATIONS(name="authoring_0001_task_changes")
def _task_changes(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE task_change (
            id TEXT PRIMARY KEY,
            plan_id TEXT NOT NULL,
            task_id TEXT,
            task_no INTEGER,
            task_title TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            summary TEXT NOT NULL,
            old TEXT,
            new TEXT,
            basis TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            changed_at TEXT NOT NULL
        );
        CREATE INDEX task_change_task ON task_change(task_id, changed_at);
        CREATE INDEX task_change_plan ON task_change(plan_id, changed_at);
        CREATE TRIGGER task_change_no_delete BEFORE DELETE ON task_change BEGIN
            SELECT RAISE(ABORT, 'task_change is append-only');
        END;

        ALTER TABLE task ADD COLUMN archived TEXT;
        ALTER TABLE task ADD COLUMN parent_task_id TEXT
            REFERENCES task(id) ON DELETE SET NULL;
        ALTER TABLE task ADD COLUMN rollup INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX task_parent ON task(parent_task_id);
        """,
    )
    append_only_trigger(db, "task_change")  # refuses any UPDATE that changes a row


@MIGRATIONS(name="authoring_dash100k_archived_tasks")
def _archived_tasks(db: Database) -> None:
    """The archived tasks (few) found without reading every task: every status pass,
    an incremental one after an edit too, leaves them out (``archive.archived_task_ids``;
    a scan of 100,000 tasks took ~14 ms of the ~50 ms an edit may cost)."""
    run_script(db, "CREATE INDEX task_archived ON task(archived) WHERE archived IS NOT NULL;")
