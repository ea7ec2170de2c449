"""Schema of the briefing feature: the register of issued 通报 (第N期).

``briefing_issue``: one row per issued overview, numbered per plan (or set of
plans: ``plan_key`` is their ids, sorted, joined by ",") and year. The id is a
name-based UUID of (plan_key, meeting_date), so the same issue generated on
two desktops is one row. Synced: the register is part of the record of what
the office issued (an issuing number two offices both give out shows up as a
sync conflict instead of silently repeating).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import MIGRATIONS, run_script, synced

synced(
    "briefing_issue",
    "plan_key",
    "year",
    "number",
    "meeting_date",
    "requirements",
    "issuer",
    "created_at",
)


@MIGRATIONS(name="briefing_0001_issue_numbers")
def _briefing_issue_numbers(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE briefing_issue (
            id TEXT PRIMARY KEY,
            plan_key TEXT NOT NULL,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            meeting_date TEXT NOT NULL,
            requirements TEXT NOT NULL DEFAULT '',
            issuer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX briefing_issue_key ON briefing_issue(plan_key, year, number);
        """,
    )
