"""Coordination schema additions of issue 7, registered after every earlier migration.

``coord_0001_append_only``: progress reports (``report``) are append-only, so
SQLite itself refuses an UPDATE that changes a report (a trigger), not only the
store's code (``Tx.update``). A correction is a new row; a retraction or an
administrator's removal deletes, which stays allowed.
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import APPEND_ONLY, MIGRATIONS, append_only, append_only_trigger

append_only("report")


@MIGRATIONS(name="coord_0001_append_only")
def _append_only(db: Database) -> None:
    # Append-only tables created by later migrations add their trigger themselves.
    for table in sorted(APPEND_ONLY):
        if db[table].exists():
            append_only_trigger(db, table)
