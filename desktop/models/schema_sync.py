"""Schema of the sync feature: migrations registered after the core ones.

``sync_state`` (cursor, server id, epoch, device id, ...) and ``change_log``
(the outbox) are in the core schema. Here: conflicts (both values kept until
the user resolves them), ops the server rejected (shown to the user), and
remote ops this build cannot apply yet (kept to retry after an upgrade).
"""

from __future__ import annotations

from sqlite_utils import Database

from desktop.models.schema import MIGRATIONS, run_script, synced  # noqa: F401


@MIGRATIONS(name="sync_0001_conflicts")
def _sync_conflicts(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE sync_conflict (
            id INTEGER PRIMARY KEY,
            server_conflict_id INTEGER UNIQUE,
            op_id TEXT NOT NULL,
            tbl TEXT NOT NULL,
            record_id TEXT NOT NULL,
            field TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('field', 'edit_delete', 'delete_edit')),
            mine TEXT,
            theirs TEXT,
            theirs_seq INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            resolved_at TEXT,
            resolution TEXT,
            server_notified INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sync_conflict_open ON sync_conflict(resolved_at);

        CREATE TABLE sync_rejected (
            id INTEGER PRIMARY KEY,
            op_id TEXT NOT NULL UNIQUE,
            tbl TEXT NOT NULL,
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            fields TEXT NOT NULL DEFAULT '{}',
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL,
            dismissed_at TEXT
        );

        CREATE TABLE sync_deferred (
            id INTEGER PRIMARY KEY,
            seq INTEGER NOT NULL,
            op TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """,
    )


@MIGRATIONS(name="sync_0002_sent_and_notices")
def _sync_sent_and_notices(db: Database) -> None:
    # sent: the op may have reached the server (marked before each push), so an
    # insert+delete pair is squashed only while both are unsent.
    # side: 'local' (our op lost) or 'notice' (our value stands, another device's
    # op on the same field was held back: both sides know of the conflict).
    run_script(
        db,
        """
        ALTER TABLE change_log ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE sync_conflict ADD COLUMN side TEXT NOT NULL DEFAULT 'local';
        """,
    )


@MIGRATIONS(name="sync_relay_0001_versions")
def _sync_relay_versions(db: Database) -> None:
    # sync_version: who last wrote each field of a record, at which server seq
    # ({field: [seq, device]}, "~deleted" for a delete), from pulls, snapshots and
    # our acknowledged pushes. After a restore from backup the desktop relays every
    # record version newer than the restored data (design invariant 7).
    # change_log.relay: JSON {"from": device, "fields": [...]} of a relayed version.
    # sync_rejected.waiting_base: rejected only because the record was not on the
    # server; re-queued when the record arrives.
    run_script(
        db,
        """
        CREATE TABLE sync_version (
            tbl TEXT NOT NULL,
            record_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            versions TEXT NOT NULL DEFAULT '{}',
            PRIMARY KEY (tbl, record_id)
        ) WITHOUT ROWID;
        CREATE INDEX sync_version_seq ON sync_version(seq);
        ALTER TABLE change_log ADD COLUMN relay TEXT;
        ALTER TABLE sync_rejected ADD COLUMN waiting_base INTEGER NOT NULL DEFAULT 0;
        """,
    )


@MIGRATIONS(name="sync_relay_0002_conflict_other_side")
def _sync_conflict_other_side(db: Database) -> None:
    # Who holds the other value of a conflict (device name, account), so a desktop
    # says 本机 / 对方（设备，账号） instead of "server".
    run_script(
        db,
        """
        ALTER TABLE sync_conflict ADD COLUMN other_device TEXT NOT NULL DEFAULT '';
        ALTER TABLE sync_conflict ADD COLUMN other_user TEXT NOT NULL DEFAULT '';
        """,
    )
