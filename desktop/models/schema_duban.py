"""Schema of the 督办 workflow (issue 12), registered after every earlier migration.

- ``signin`` (签收): a unit acknowledges a task or one of its items.
- ``report_cycle``: a task's reporting cycle (one row per task, stable id from the
  task, so two offices setting it edit the same record); no row = monthly.
- ``extension_request`` → ``extension_decision`` (延期申请 → 审批): an approval also
  writes the ``milestone_extension`` it names in ``extension_id``; an extension
  without a decision naming it was recorded directly by a coordinator.
- ``signoff`` → ``signoff_decision`` (申请办结 → 销号 / 退回).
- ``unit_contact``: a unit's 联络员 and phone (one row per unit, stable id).

Step tables are append-only: SQLite refuses an UPDATE that changes a row
(``append_only_trigger``), as the store does. Columns are declared in ``sync.records``.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import MIGRATIONS, append_only_trigger, references_unit, run_script

# A merged unit hands its contact over; steps keep the unit they were made by.
references_unit("unit_contact", "unit_id")

STEP_TABLES = ("signin", "extension_request", "extension_decision", "signoff", "signoff_decision")


@MIGRATIONS(name="duban_0001_workflow")
def _workflow(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE signin (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            item_id TEXT REFERENCES item(id) ON DELETE CASCADE,
            unit_id TEXT NOT NULL,
            signed_at TEXT NOT NULL,
            signed_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX signin_task ON signin(task_id, item_id, unit_id);

        CREATE TABLE report_cycle (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            every TEXT NOT NULL,
            due_day INTEGER,
            due_date TEXT
        );
        CREATE INDEX report_cycle_task ON report_cycle(task_id);

        CREATE TABLE extension_request (
            id TEXT PRIMARY KEY,
            milestone_id TEXT NOT NULL REFERENCES milestone(id) ON DELETE CASCADE,
            unit_id TEXT NOT NULL,
            old_due TEXT,
            new_due TEXT NOT NULL,
            reason TEXT NOT NULL,
            requested_at TEXT NOT NULL,
            requested_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX extension_request_ms ON extension_request(milestone_id);

        CREATE TABLE extension_decision (
            id TEXT PRIMARY KEY,
            request_id TEXT NOT NULL REFERENCES extension_request(id) ON DELETE CASCADE,
            decision TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            extension_id TEXT,
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX extension_decision_request ON extension_decision(request_id);

        CREATE TABLE signoff (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            item_id TEXT REFERENCES item(id) ON DELETE CASCADE,
            unit_id TEXT NOT NULL,
            evidence TEXT NOT NULL,
            applied_at TEXT NOT NULL,
            applied_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX signoff_task ON signoff(task_id, item_id);

        CREATE TABLE signoff_decision (
            id TEXT PRIMARY KEY,
            signoff_id TEXT NOT NULL REFERENCES signoff(id) ON DELETE CASCADE,
            decision TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            decided_at TEXT NOT NULL,
            decided_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX signoff_decision_signoff ON signoff_decision(signoff_id);

        CREATE TABLE unit_contact (
            id TEXT PRIMARY KEY,
            unit_id TEXT NOT NULL,
            person TEXT NOT NULL,
            phone TEXT NOT NULL
        );
        CREATE INDEX unit_contact_unit ON unit_contact(unit_id);
        """,
    )
    for table in STEP_TABLES:
        append_only_trigger(db, table)
