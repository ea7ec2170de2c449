"""After the server's identity or epoch changed: offer it what it lacks (design invariant 7).

A server restored from a backup gets every record version this desktop holds that
is newer than the restored data, whoever wrote it (relayed ops); a re-initialised
server gets the whole local state. Nothing local is ever deleted because the
server lacks it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from sync.apply import (
    ALL,
    ANY_FIELD,
    DELETED,
    SYNCED_TABLES,
    get_state,
    local_row,
    pending_fields,
    set_state,
)
from sync.ids import new_id, utc_now
from sync.records import wire_columns


def prepare_for_new_server(
    db: Database, epoch_base: int, *, restored: bool, identity: tuple[str, str]
) -> int:
    """The server's identity or epoch changed; returns how many ops will be pushed.

    The same server restored from a backup (``restored``: same server id, new
    epoch) is offered every record version this desktop holds that is newer
    than the restored data (``epoch_base``, the last seq it kept), whoever wrote
    it (design invariant 7): one relayed op per record and original author. Our
    own acknowledged ops of records without known versions (a database synced
    by an older build) are sent again as before. Pending edits were made
    without seeing what the restored server gets after ``epoch_base``: their
    base moves back to it, so a concurrent change there is a conflict.

    A different or re-initialised server (new server id) is offered the whole
    local state as relays of our own: equal values merge silently, different
    ones become conflicts. Then the client re-downloads from scratch (cursor 0 →
    snapshot), which never deletes local rows.
    """
    with db.atomic():
        if restored:
            db.execute(
                "UPDATE change_log SET base_seq = ? WHERE acked_seq IS NULL AND base_seq > ?",
                [epoch_base, epoch_base],
            )
            count = _queue_relays(db, epoch_base)
        else:
            # The current rows contain every pending change: supersede those ops.
            db.execute("UPDATE change_log SET acked_seq = 0 WHERE acked_seq IS NULL")
            now, count = utc_now(), 0
            for tbl in SYNCED_TABLES:
                cols = wire_columns(tbl)
                relay = json.dumps({"from": None, "fields": list(cols)})
                rows = db.execute(
                    f"SELECT id, {', '.join(f'[{c}]' for c in cols)} FROM [{tbl}]"
                ).fetchall()
                db.conn.executemany(
                    "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields,"
                    " base_seq, created_at, relay)"
                    " VALUES (?, 'restore_server', ?, ?, 'insert', ?, 0, ?, ?)",
                    [
                        (
                            new_id(),
                            tbl,
                            r[0],
                            json.dumps(
                                dict(zip(cols, r[1:], strict=True)),
                                ensure_ascii=False,
                                separators=(",", ":"),
                            ),
                            now,
                            relay,
                        )
                        for r in rows
                    ],
                )
                count += len(rows)
            # Versions of the old server mean nothing to the new one.
            db.execute("DELETE FROM sync_version")
        set_state(db, "cursor", 0)
        set_state(db, "snapshot_after", None)
        set_state(db, "snapshot_as_of", None)
        set_state(db, "server_id", identity[0])
        set_state(db, "epoch", identity[1])
    return count


def _versions_after(db: Database, epoch_base: int) -> dict[tuple[str, str], dict[str, Any]]:
    """Field versions of every record changed on the server after ``epoch_base``.

    Others' changes come from ``sync_version`` (pulls and snapshots); ours from the
    change log (each acknowledged op has its seq), under this desktop's device.
    """
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for tbl, record_id, versions in db.execute(
        "SELECT tbl, record_id, versions FROM sync_version WHERE seq > ?", [epoch_base]
    ).fetchall():
        found[(tbl, record_id)] = json.loads(versions)
    device = get_state(db, "device_id") or ""
    for tbl, record_id, kind, fields, seq in db.execute(
        "SELECT tbl, record_id, kind, fields, acked_seq FROM change_log"
        " WHERE acked_seq > ? AND relay IS NULL ORDER BY acked_seq",
        [epoch_base],
    ).fetchall():
        key = (tbl, record_id)
        if key not in found:
            row = db.execute(
                "SELECT versions FROM sync_version WHERE tbl = ? AND record_id = ?", list(key)
            ).fetchone()
            found[key] = json.loads(row[0]) if row else {}
        versions = found[key]
        if kind == "delete":
            versions[DELETED] = [seq, device]
            continue
        for name in json.loads(fields):
            current = versions.get(name) or versions.get(ANY_FIELD)
            if not isinstance(current, list) or current[0] <= seq:
                versions[name] = [seq, device]

    def first_change(item: tuple[tuple[str, str], dict[str, Any]]) -> int:
        seqs = [v[0] for v in item[1].values() if isinstance(v, list) and v[0] > epoch_base]
        return min(seqs, default=0)

    # In server order: a record created after the backup comes before its children.
    return dict(sorted(found.items(), key=first_change))


def _queue_relays(db: Database, epoch_base: int) -> int:
    """Queue a relayed op per record version newer than ``epoch_base`` and author."""
    pending = pending_fields(db)
    now = utc_now()
    ops: list[tuple[str, str, str, dict[str, Any], dict[str, Any]]] = []
    for (tbl, record_id), versions in _versions_after(db, epoch_base).items():
        if tbl not in SYNCED_TABLES:
            continue
        held = pending.get((tbl, record_id))
        if ALL in held:
            continue  # our own delete is waiting: it goes as it is
        row = local_row(db, tbl, record_id)
        if row is None:
            deleted = versions.get(DELETED)
            if isinstance(deleted, list) and deleted[0] > epoch_base:
                relay = {"from": deleted[1], "fields": []}
                ops.append((tbl, record_id, "delete", {}, relay))
            continue
        wire = wire_columns(tbl)
        fields = {c: row[c] for c in wire if c not in held}
        by_author: dict[str, list[str]] = {}
        for name in fields:
            version = versions.get(name) or versions.get(ANY_FIELD)
            if isinstance(version, list) and version[0] > epoch_base:
                by_author.setdefault(version[1], []).append(name)
        for author, names in by_author.items():
            ops.append((tbl, record_id, "insert", fields, {"from": author, "fields": names}))
    db.conn.executemany(
        "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields, base_seq,"
        " created_at, relay) VALUES (?, 'relay', ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                new_id(),
                tbl,
                record_id,
                kind,
                json.dumps(fields, ensure_ascii=False, separators=(",", ":")),
                epoch_base,
                now,
                json.dumps(relay, separators=(",", ":")),
            )
            for tbl, record_id, kind, fields, relay in ops
        ],
    )
    return len(ops)
