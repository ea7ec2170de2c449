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
