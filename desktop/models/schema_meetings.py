"""Schema of meetings, comments and 领导批示 (issue 12), after every earlier migration.

- ``meeting``: a 调度会 (date, title, chair; 出席/请假/列席 as JSON lists of
  names) and the plan its 交办 tasks are created in.
- ``meeting_item``: one row of the meeting's 确定事项清单 (item, responsible
  unit, deadline) with the 交办 task created for it through the authoring
  actions (the meeting is that task's basis 依据).
- ``comment``: threaded comments on a task, work item or report; append-only.
- ``instruction``: a leader's written instruction (批示) on a task, recorded
  by the office; append-only; ``item_id`` is the follow-up 交办 item it made.
  No foreign key to the task: like the change history, a 批示 outlives a
  deleted task (a cascade would delete append-only rows).
- ``target_value.report_id``: the report a value was taken from (a report's
  figures become dated target values in the same action; no double entry).

- ``attachment`` (0002): evidence files of a task. The record (name, size,
  SHA-256, who, when) is synced; the content is stored beside the database,
  content-addressed (``attachments/ab/abcdef…``), and stays on the desktop that
  added it (``desktop.models.attachments``).

Append-only tables are refused UPDATEs by SQLite triggers as well as by the store.
Columns and kinds are declared in ``sync.records``.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import MIGRATIONS, append_only_trigger, references_unit, run_script

# Merged units hand over the 议定事项 they are responsible for.
references_unit("meeting_item", "unit_id")


@MIGRATIONS(name="meetings_0001_meetings_comments")
def _meetings(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE meeting (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            date TEXT NOT NULL,
            chair TEXT NOT NULL DEFAULT '',
            plan_id TEXT REFERENCES plan(id) ON DELETE SET NULL,
            present TEXT NOT NULL DEFAULT '[]',
            absent TEXT NOT NULL DEFAULT '[]',
            attending TEXT NOT NULL DEFAULT '[]',
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX meeting_date ON meeting(date);

        CREATE TABLE meeting_item (
            id TEXT PRIMARY KEY,
            meeting_id TEXT NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL,
            unit_id TEXT NOT NULL,
            due TEXT NOT NULL,
            task_id TEXT
        );
        CREATE INDEX meeting_item_meeting ON meeting_item(meeting_id, position);
        CREATE INDEX meeting_item_task ON meeting_item(task_id);

        CREATE TABLE comment (
            id TEXT PRIMARY KEY,
            node_kind TEXT NOT NULL CHECK (node_kind IN ('task', 'item', 'report')),
            node_id TEXT NOT NULL,
            reply_to TEXT,
            text TEXT NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX comment_node ON comment(node_kind, node_id, created_at);

        CREATE TABLE instruction (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL,
            leader TEXT NOT NULL,
            given_on TEXT NOT NULL,
            text TEXT NOT NULL,
            item_id TEXT,
            recorded_by TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX instruction_task ON instruction(task_id, given_on);

        ALTER TABLE target_value ADD COLUMN report_id TEXT;
        CREATE INDEX target_value_report ON target_value(report_id);
        """,
    )
    append_only_trigger(db, "comment")
    append_only_trigger(db, "instruction")


@MIGRATIONS(name="meetings_0002_attachments")
def _attachments(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE attachment (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            added_by TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL
        );
        CREATE INDEX attachment_task ON attachment(task_id, added_at);
        CREATE INDEX attachment_hash ON attachment(sha256);
        """,
    )
