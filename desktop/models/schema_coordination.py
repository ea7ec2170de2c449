"""Schema of the coordination feature: migrations registered after the core ones.

Tables (all synced, every write goes through ``Store.action``):

- ``milestone``: a dated step of a task (``item_id`` NULL) or of one work item.
  ``due`` is the date as planned; it is *not* moved by an extension.
- ``milestone_extension``: one row per deadline extension (延期), kept as
  history. The effective due date is ``milestone.current_due`` (0101), set in
  the same action; the original ``milestone.due`` stays visible.
- ``target_value``: dated current values of an imported target, with the
  source unit.
- ``report``: progress reports (进度填报), append-only. A correction is a new row
  with ``supersedes_id``; rows are never updated.
- ``dependency``: finish-to-start links between tasks, items and milestones
  (``*_kind`` is ``task`` / ``item`` / ``milestone``; no foreign key because
  the id is polymorphic), with ``lag_days``.

Unit references carry no foreign key: merging or deleting a unit must not
change these rows behind the change log's back (a cascade is not logged).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import MIGRATIONS, references_unit, run_script

# The tables' columns are declared in ``sync.records`` (shared with the server).

# Merged units hand these over; progress reports are append-only and keep theirs.
references_unit("milestone", "owner_unit_id")
references_unit("target_value", "unit_id")


@MIGRATIONS(name="0100_coordination")
def _coordination(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE milestone (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            item_id TEXT REFERENCES item(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            due TEXT,
            owner_unit_id TEXT,
            done_date TEXT,
            note TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX milestone_task ON milestone(task_id, position);
        CREATE INDEX milestone_item ON milestone(item_id);
        CREATE INDEX milestone_owner ON milestone(owner_unit_id);

        CREATE TABLE milestone_extension (
            id TEXT PRIMARY KEY,
            milestone_id TEXT NOT NULL REFERENCES milestone(id) ON DELETE CASCADE,
            old_due TEXT,
            new_due TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            recorded_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX milestone_extension_ms ON milestone_extension(milestone_id, recorded_at);

        CREATE TABLE target_value (
            id TEXT PRIMARY KEY,
            target_id TEXT NOT NULL REFERENCES target(id) ON DELETE CASCADE,
            unit_id TEXT,
            value REAL NOT NULL,
            as_of TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX target_value_target ON target_value(target_id, as_of);

        CREATE TABLE report (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            item_id TEXT REFERENCES item(id) ON DELETE CASCADE,
            unit_id TEXT NOT NULL,
            period TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            percent REAL,
            figures TEXT NOT NULL DEFAULT '{}',
            author TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            supersedes_id TEXT
        );
        CREATE INDEX report_period ON report(period, task_id, unit_id);
        CREATE INDEX report_task ON report(task_id, item_id, unit_id, period);
        CREATE INDEX report_supersedes ON report(supersedes_id);

        CREATE TABLE dependency (
            id TEXT PRIMARY KEY,
            pred_kind TEXT NOT NULL CHECK (pred_kind IN ('task', 'item', 'milestone')),
            pred_id TEXT NOT NULL,
            succ_kind TEXT NOT NULL CHECK (succ_kind IN ('task', 'item', 'milestone')),
            succ_id TEXT NOT NULL,
            lag_days INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX dependency_pred ON dependency(pred_kind, pred_id);
        CREATE INDEX dependency_succ ON dependency(succ_kind, succ_id);
        """,
    )


# -- 0101: clock-free effective due dates and report forks (design §4) ----------------
#
# ``milestone.current_due`` is the effective due date, set by the same action
# that records (or removes) an extension: two concurrent extensions change the
# same field, so the sync server records a field conflict instead of letting
# the later ``recorded_at`` (a desktop clock) win. NULL means "not extended"
# (use ``due``). ``report.also_supersedes`` (JSON list of report ids) lets one
# correction close a fork: several corrections of the same report.
# (``current_due`` and ``also_supersedes`` are declared in ``sync.records``.)


@MIGRATIONS(name="0101_coordination_clock_free")
def _coordination_clock_free(db: Database) -> None:
    run_script(
        db,
        """
        ALTER TABLE milestone ADD COLUMN current_due TEXT;
        UPDATE milestone SET current_due = (
            SELECT e.new_due FROM milestone_extension e WHERE e.milestone_id = milestone.id
            ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1
        );
        ALTER TABLE report ADD COLUMN also_supersedes TEXT NOT NULL DEFAULT '[]';
        """,
    )
