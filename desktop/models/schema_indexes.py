"""Indexes added after their tables, registered after every other migration.

A foreign key's child column without an index makes every delete (or id change) of a
parent row scan the child table: at 100,000 tasks deleting one work item scanned the
204,000 sign-ins, the 50,000 reports and the 30,000 targets (~0.3 s on the GUI thread).
``tests/test_schema_indexes.py`` checks that every child column leads an index.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import MIGRATIONS, run_script


@MIGRATIONS(name="indexes_0001_child_keys")
def _child_keys(db: Database) -> None:
    run_script(
        db,
        """
        CREATE INDEX IF NOT EXISTS section_parent ON section(parent_id);
        CREATE INDEX IF NOT EXISTS target_item ON target(item_id);
        CREATE INDEX IF NOT EXISTS report_item ON report(item_id);
        CREATE INDEX IF NOT EXISTS meeting_plan ON meeting(plan_id);
        CREATE INDEX IF NOT EXISTS signin_item ON signin(item_id);
        CREATE INDEX IF NOT EXISTS signoff_item ON signoff(item_id);
        """,
    )


@MIGRATIONS(name="indexes_0002_target_value_covering")
def _target_value_covering(db: Database) -> None:
    """``target_value_target`` covers the value too: a status pass reads each target's
    latest values (``workflow_inputs``: the latest date per target, then the values on
    it) from the index alone, not each value's row from the table (100k tasks, 30,000
    targets, 150,000 values: that query ~87 -> ~47 ms). It replaces the two-column index
    (the same leading columns, one index to maintain on a write)."""
    run_script(
        db,
        """
        DROP INDEX IF EXISTS target_value_target;
        CREATE INDEX target_value_target ON target_value(target_id, as_of, value);
        """,
    )


@MIGRATIONS(name="indexes_0003_milestone_current_due")
def _milestone_current_due(db: Database) -> None:
    """The extended milestones (``milestone.current_due`` set: a few percent of them)
    from an index of their own: a full status pass reads them (``status_queries``)
    without scanning every milestone row a second time (100k tasks, 200,000
    milestones, 7,874 extended: that query ~12 -> ~2 ms). Partial: a milestone
    written without an extension (every import, most edits) adds no entry."""
    run_script(
        db,
        """
        CREATE INDEX milestone_current_due ON milestone(id, current_due)
            WHERE current_due IS NOT NULL;
        """,
    )
