"""Client-side SQL of the sync: applying server changes, outcomes, conflicts, cursor.

Remote changes are written directly (never through ``Tx``), so they are not
logged as local changes. A field with a local change still waiting to be
pushed is never overwritten by a remote value: the pending op reaches the
server later with its ``base_seq`` and the server decides (conflict or not).
Nothing here deletes a local row because the server lacks it. A pulled value
the schema registry refuses (``sync.records``, the rules every local write
obeys) is never written: the op is kept in ``sync_deferred`` with the reason.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from sqlite_utils import Database

from desktop.errors import NotFound, UserError
from desktop.models.ids import new_id
from desktop.models.schema import APPEND_ONLY, SYNCED_TABLES, wire_columns
from desktop.models.store import Store, utc_now
from sync import records

ALL = "*"  # pending marker: a whole record (local delete) is waiting to be pushed


def get_state(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    return row[0] if row and row[0] is not None else default


def set_state(db: Database, key: str, value: Any) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, None if value is None else str(value)],
    )


def cursor(db: Database) -> int:
    return int(get_state(db, "cursor", "0") or 0)


# -- pending local changes ------------------------------------------------------


def pending_ops(db: Database, limit: int) -> list[dict[str, Any]]:
    rows = db.execute(
        "SELECT op_id, tbl, record_id, kind, fields, base_seq FROM change_log"
        " WHERE acked_seq IS NULL ORDER BY seq LIMIT ?",
        [limit],
    ).fetchall()
    return [
        {
            "op": r[0],
            "tbl": r[1],
            "id": r[2],
            "kind": r[3],
            "fields": json.loads(r[4]),
            "base": r[5],
        }
        for r in rows
    ]


def mark_sent(db: Database, ops: list[dict[str, Any]]) -> None:
    """Before a push: these ops may reach the server from now on (never squashed)."""
    if not ops:
        return
    with db.atomic():
        db.conn.executemany(
            "UPDATE change_log SET sent = 1 WHERE op_id = ? AND sent = 0",
            [(op["op"],) for op in ops],
        )


def squash_unsent_pairs(db: Database) -> int:
    """Drop insert…delete runs of records the server never heard of; returns ops dropped.

    A record inserted and deleted again before any of its ops was sent (e.g. a
    progress report added and undone offline) never existed for the server: sending
    both would only make the server refuse the delete of an append-only report and
    bring the report back. The run is marked acknowledged as a no-op (``acked_seq``
    0). Only unsent ops are touched, so a push whose reply was lost is never undone.
    """
    rows = db.execute(
        "SELECT d.tbl, d.record_id, d.seq, (SELECT max(i.seq) FROM change_log i"
        " WHERE i.tbl = d.tbl AND i.record_id = d.record_id AND i.kind = 'insert'"
        " AND i.seq < d.seq AND i.acked_seq IS NULL AND i.sent = 0)"
        " FROM change_log d WHERE d.kind = 'delete' AND d.acked_seq IS NULL AND d.sent = 0"
    ).fetchall()
    runs = [(tbl, rid, first, last) for tbl, rid, last, first in rows if first is not None]
    if not runs:
        return 0
    dropped = 0
    with db.atomic():
        for tbl, record_id, first, last in runs:
            dropped += db.execute(
                "UPDATE change_log SET acked_seq = 0 WHERE tbl = ? AND record_id = ?"
                " AND seq BETWEEN ? AND ? AND acked_seq IS NULL AND sent = 0",
                [tbl, record_id, first, last],
            ).rowcount
    return dropped


class PendingFields:
    """(table, id) → the fields (or ``ALL``) with local changes not yet pushed.

    Looked up per record (indexed) and cached, so a page costs O(page), not
    O(outbox): a client with a large unsent backlog stays fast.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.cache: dict[tuple[str, str], set[str]] = {}
        self.none = (
            db.execute("SELECT 1 FROM change_log WHERE acked_seq IS NULL LIMIT 1").fetchone()
            is None
        )

    def get(self, key: tuple[str, str], default: set[str] | None = None) -> set[str]:
        if self.none:
            return set()
        names = self.cache.get(key)
        if names is None:
            names = set()
            for kind, fields in self.db.execute(
                "SELECT kind, fields FROM change_log WHERE tbl = ? AND record_id = ?"
                " AND acked_seq IS NULL",
                list(key),
            ):
                names.update([ALL] if kind == "delete" else json.loads(fields))
            self.cache[key] = names
        return names


def pending_fields(db: Database) -> PendingFields:
    return PendingFields(db)


# -- writing server state locally (not logged) ------------------------------------


OnError = Callable[[sqlite3.DatabaseError], None]


class _Writer:
    """Writes pulled records. ``batched``: consecutive statements of the same shape go
    to SQLite in one ``executemany`` (``flush`` before reading or deferring, and at the
    end); a batch SQLite refuses is replayed row by row (every statement is an
    idempotent upsert or update), so exactly the refused rows reach ``on_error``."""

    def __init__(self, db: Database, pending: PendingFields, *, batched: bool = False) -> None:
        self.conn = db.conn
        self.pending = pending
        self.batched = batched
        self._sql: dict[tuple[str, str, tuple[str, ...]], str] = {}
        self._wire: dict[str, frozenset[str]] = {}
        self._batch_sql = ""
        self._batch: list[tuple[list[Any], OnError | None]] = []

    def _run(self, sql: str, params: list[Any], on_error: OnError | None) -> None:
        if not self.batched:
            self.conn.execute(sql, params)
            return
        if sql != self._batch_sql:
            self.flush()
            self._batch_sql = sql
        self._batch.append((params, on_error))

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        try:
            self.conn.executemany(self._batch_sql, [params for params, _ in batch])
        except sqlite3.DatabaseError:
            for params, on_error in batch:
                try:
                    self.conn.execute(self._batch_sql, params)
                except sqlite3.DatabaseError as exc:
                    if on_error is None:
                        raise
                    on_error(exc)

    def _cols(self, tbl: str, fields: dict[str, Any], record_id: str) -> tuple[str, ...]:
        known = self._wire.get(tbl)
        if known is None:
            known = self._wire[tbl] = frozenset(wire_columns(tbl))
        held = self.pending.get((tbl, record_id), set())
        return tuple(c for c in fields if c in known and c not in held)

    def upsert(
        self,
        tbl: str,
        record_id: str,
        fields: dict[str, Any],
        *,
        checked: bool = False,
        on_error: OnError | None = None,
    ) -> None:
        """``checked``: the caller already found ``invalid_remote`` empty for this record."""
        if ALL in self.pending.get((tbl, record_id), set()):
            return
        if not checked and invalid_remote(tbl, record_id, fields):  # state from before checks
            return
        cols = self._cols(tbl, fields, record_id)
        key = ("upsert", tbl, cols)
        sql = self._sql.get(key)
        if sql is None:
            names = ("id", *cols)
            updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in cols) or "id = id"
            sql = (
                f"INSERT INTO [{tbl}] ({', '.join(f'[{n}]' for n in names)}) VALUES"
                f" ({', '.join('?' * len(names))}) ON CONFLICT(id) DO UPDATE SET {updates}"
            )
            self._sql[key] = sql
        self._run(sql, [record_id, *(fields[c] for c in cols)], on_error)

    def update(
        self,
        tbl: str,
        record_id: str,
        fields: dict[str, Any],
        *,
        checked: bool = False,
        on_error: OnError | None = None,
    ) -> None:
        if ALL in self.pending.get((tbl, record_id), set()):
            return
        cols = self._cols(tbl, fields, record_id)
        if not cols or (not checked and invalid_remote(tbl, record_id, fields)):
            return
        key = ("update", tbl, cols)
        sql = self._sql.get(key)
        if sql is None:
            sql = f"UPDATE [{tbl}] SET {', '.join(f'[{c}] = ?' for c in cols)} WHERE id = ?"
            self._sql[key] = sql
        self._run(sql, [*(fields[c] for c in cols), record_id], on_error)

    def delete(self, tbl: str, record_id: str) -> None:
        if self.pending.get((tbl, record_id)):
            return  # a local change is waiting: the server decides (edit-vs-delete)
        self.flush()
        self.conn.execute(f"DELETE FROM [{tbl}] WHERE id = ?", [record_id])


def _defer(db: Database, seq: int, op: dict[str, Any], reason: str) -> None:
    db.execute(
        "INSERT INTO sync_deferred (seq, op, reason) VALUES (?, ?, ?)",
        [seq, json.dumps(op, ensure_ascii=False), reason],
    )


def invalid_remote(tbl: str, record_id: Any, fields: Any) -> str | None:
    """Why a pulled record must not be written (registry rules), or ``None``.

    Columns this build does not know are skipped as before (a newer server may
    send them); references are not checked here (the server did, and pages may
    bring children before parents).
    """
    if not isinstance(fields, dict):
        return "变更字段格式错误"
    known = set(wire_columns(tbl))
    problem = records.check_id(tbl, record_id) or records.check_fields(
        tbl, {k: v for k, v in fields.items() if k in known}, insert=False
    )
    return problem.message if problem else None


def held_back(db: Database) -> list[str]:
    """Reasons of pulled records kept out because the registry refuses them (oldest first)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT reason FROM sync_deferred WHERE reason != 'unknown table' ORDER BY id"
        )
    ]


def apply_remote_ops(db: Database, ops: Iterable[dict[str, Any]]) -> int:
    """Write pulled ops (in seq order) to the local tables; returns how many applied.

    Runs of ops of the same shape are written with one ``executemany``; an op
    SQLite refuses (e.g. a constraint this build enforces) is deferred as before.
    """
    writer = _Writer(db, pending_fields(db), batched=True)
    applied = 0

    def defer(op: dict[str, Any], reason: str) -> None:
        writer.flush()  # keep the deferred ops in seq order
        _defer(db, op["seq"], op, reason)

    def refused(op: dict[str, Any]) -> OnError:
        def on_error(exc: sqlite3.DatabaseError) -> None:
            nonlocal applied
            applied -= 1
            _defer(db, op["seq"], op, str(exc))

        return on_error

    for op in ops:
        tbl = op["tbl"]
        if tbl not in SYNCED_TABLES:
            defer(op, "unknown table")
            continue
        invalid = op["kind"] != "delete" and invalid_remote(tbl, op["id"], op["fields"])
        if invalid:
            defer(op, invalid)
            continue
        try:
            if op["kind"] == "delete":
                writer.delete(tbl, op["id"])
            elif op["kind"] == "insert":
                writer.upsert(tbl, op["id"], op["fields"], checked=True, on_error=refused(op))
            else:
                writer.update(tbl, op["id"], op["fields"], checked=True, on_error=refused(op))
        except sqlite3.DatabaseError as exc:
            defer(op, str(exc))
            continue
        applied += 1
    writer.flush()
    return applied


def retry_deferred(db: Database) -> int:
    """Apply kept ops of tables this build now knows (after an upgrade); returns count."""
    rows = db.execute(
        "SELECT id, op FROM sync_deferred WHERE reason = 'unknown table' ORDER BY id"
    ).fetchall()
    ready = [(seq, json.loads(op)) for seq, op in rows]
    ready = [(seq, op) for seq, op in ready if op.get("tbl") in SYNCED_TABLES]
    if not ready:
        return 0
    with db.atomic():
        db.conn.executemany("DELETE FROM sync_deferred WHERE id = ?", [(i,) for i, _ in ready])
        return apply_remote_ops(db, [op for _seq, op in ready])


def apply_pull_page(db: Database, ops: list[dict[str, Any]], next_cursor: int) -> int:
    """Apply one pulled page and move the cursor, in ONE transaction."""
    with db.atomic():
        applied = apply_remote_ops(db, ops)
        set_state(db, "cursor", next_cursor)
    return applied


def apply_snapshot_page(
    db: Database, records: list[dict[str, Any]], as_of: int, after: dict[str, str] | None
) -> int:
    """Upsert one snapshot page and its resume point in one transaction.

    ``as_of`` is the server seq before the first page: when the last page is in,
    the cursor becomes ``as_of`` and later changes arrive by pull.
    """
    with db.atomic():
        writer = _Writer(db, pending_fields(db), batched=True)

        def defer(op: dict[str, Any], reason: str) -> None:
            writer.flush()  # keep the deferred records in page order
            _defer(db, 0, op, reason)

        def refused(op: dict[str, Any]) -> OnError:
            return lambda exc: _defer(db, 0, op, str(exc))

        for rec in records:
            op = {"seq": 0, "op": "", "kind": "insert", **rec}
            if rec["tbl"] not in SYNCED_TABLES:
                defer(op, "unknown table")
                continue
            invalid = invalid_remote(rec["tbl"], rec["id"], rec["fields"])
            if invalid:
                defer(op, invalid)
                continue
            try:
                writer.upsert(
                    rec["tbl"], rec["id"], rec["fields"], checked=True, on_error=refused(op)
                )
            except sqlite3.DatabaseError as exc:
                defer(op, str(exc))
        writer.flush()
        if after is None:
            set_state(db, "cursor", as_of)
            set_state(db, "snapshot_after", None)
            set_state(db, "snapshot_as_of", None)
        else:
            set_state(db, "snapshot_after", json.dumps(after))
            set_state(db, "snapshot_as_of", as_of)
    return len(records)


# -- push outcomes ------------------------------------------------------------------


def _local_row(db: Database, tbl: str, record_id: str) -> dict[str, Any] | None:
    cols = SYNCED_TABLES.get(tbl)
    if not cols:
        return None
    row = db.execute(
        f"SELECT {', '.join(f'[{c}]' for c in cols)} FROM [{tbl}] WHERE id = ?", [record_id]
    ).fetchone()
    return dict(zip(cols, row, strict=True)) if row else None


def record_push_results(
    db: Database, sent: list[dict[str, Any]], results: list[dict[str, Any]]
) -> dict[str, int]:
    """Mark pushed ops acknowledged and record conflicts / rejections, in one transaction.

    Where the server kept its own value (conflict, rejection), the local row is
    brought back to the server's state, so every client converges; the local
    value is kept in the conflict or rejection record.
    """
    counts = {"accepted": 0, "conflict": 0, "rejected": 0}
    by_id = {op["op"]: op for op in sent}
    now = utc_now()
    with db.atomic():
        outcomes = [(r, by_id[r["op"]]) for r in results if r.get("op") in by_id]
        db.conn.executemany(
            "UPDATE change_log SET acked_seq = ? WHERE op_id = ? AND acked_seq IS NULL",
            [(r.get("seq") or 0, r["op"]) for r, _op in outcomes],
        )
        writer = _Writer(db, pending_fields(db))
        for result, op in outcomes:
            status = result["status"]
            counts[status] = counts.get(status, 0) + 1
            tbl, record_id = op["tbl"], op["id"]
            if tbl not in SYNCED_TABLES:
                continue
            server = result.get("server") or {}
            if status == "rejected":
                db.execute(
                    "INSERT OR IGNORE INTO sync_rejected (op_id, tbl, record_id, kind, fields,"
                    " reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        op["op"],
                        tbl,
                        record_id,
                        op["kind"],
                        json.dumps(op["fields"], ensure_ascii=False),
                        result.get("reason", ""),
                        now,
                    ],
                )
                if server.get("exists") and not server.get("deleted"):
                    if tbl in APPEND_ONLY:  # replaced by the server's row, never updated
                        writer.delete(tbl, record_id)
                    writer.upsert(tbl, record_id, server["fields"])
                elif op["kind"] == "insert":
                    writer.delete(tbl, record_id)
                continue
            for c in result.get("conflicts", []):
                mine = c["mine"]
                if c["kind"] == "edit_delete":
                    mine = _local_row(db, tbl, record_id) or mine
                db.execute(
                    "INSERT OR IGNORE INTO sync_conflict (server_conflict_id, op_id, tbl,"
                    " record_id, field, kind, mine, theirs, theirs_seq, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        c.get("id"),
                        op["op"],
                        tbl,
                        record_id,
                        c["field"],
                        c["kind"],
                        json.dumps(mine, ensure_ascii=False),
                        json.dumps(c["theirs"], ensure_ascii=False),
                        c.get("theirs_seq") or 0,
                        now,
                    ],
                )
                if c["kind"] == "field":
                    writer.update(tbl, record_id, {c["field"]: c["theirs"]})
                elif c["kind"] == "edit_delete":
                    writer.delete(tbl, record_id)
                else:  # delete_edit: the record lives on the server; bring it back
                    writer.upsert(tbl, record_id, c["theirs"])
    return counts


# -- conflicts ----------------------------------------------------------------------


def _dicts(db: Database, sql: str) -> list[dict[str, Any]]:
    """The rows of ``sql`` as dicts keyed by column name."""
    rows = db.execute(sql)
    keys = [column[0] for column in rows.description]
    return [dict(zip(keys, row, strict=True)) for row in rows.fetchall()]


def open_conflicts(db: Database) -> list[dict[str, Any]]:
    out = _dicts(
        db,
        "SELECT id, tbl, record_id, field, kind, mine, theirs, theirs_seq, created_at, side"
        " FROM sync_conflict WHERE resolved_at IS NULL ORDER BY id",
    )
    for item in out:
        item["mine"], item["theirs"] = json.loads(item["mine"]), json.loads(item["theirs"])
    return out


def rejected_changes(db: Database) -> list[dict[str, Any]]:
    return _dicts(
        db,
        "SELECT id, op_id, tbl, record_id, kind, fields, reason, created_at FROM sync_rejected"
        " WHERE dismissed_at IS NULL ORDER BY id",
    )


def dismiss_rejected(db: Database, ids: list[int]) -> None:
    """Hide rejected changes the user has read (local bookkeeping, not synced)."""
    with db.atomic():
        db.conn.executemany(
            "UPDATE sync_rejected SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL",
            [(utc_now(), i) for i in ids],
        )


def resolve_conflict(store: Store, conflict_id: int, choice: str, value: Any = None) -> None:
    """Resolve with ``mine`` / ``theirs`` / ``edit`` (new ``value``): a new logged op."""
    db = store.db
    row = db.execute(
        "SELECT tbl, record_id, field, kind, mine, theirs, theirs_seq, resolved_at, side"
        " FROM sync_conflict WHERE id = ?",
        [conflict_id],
    ).fetchone()
    if row is None:
        raise NotFound("冲突记录不存在。")
    tbl, record_id, field, kind, mine, theirs, theirs_seq, resolved_at, side = row
    if resolved_at:
        raise UserError("该冲突已处理。")
    if choice not in ("mine", "theirs", "edit"):
        raise UserError(f"未知的处理方式：{choice}")
    if choice == "edit" and kind != "field":
        raise UserError("整条记录的冲突只能选择保留本机或服务器的版本。")
    if choice != "theirs" and cursor(db) < theirs_seq:
        raise UserError("请先同步一次，再处理该冲突。")
    mine_value = json.loads(mine)
    # The table holds the server's value: ours on the notice side, theirs otherwise.
    current = "mine" if side == "notice" else "theirs"
    with store.action("resolve_conflict") as tx:
        if kind == "field" and choice != current:
            chosen = {"mine": mine_value, "theirs": json.loads(theirs)}.get(choice, value)
            tx.update(tbl, record_id, {field: chosen})
        elif kind == "edit_delete" and choice == "mine":
            row_fields = {k: v for k, v in mine_value.items() if k in SYNCED_TABLES[tbl]}
            tx.insert(tbl, {"id": record_id, **row_fields})
        elif kind == "delete_edit" and choice == "mine":
            tx.delete(tbl, record_id)
        db.execute(
            "UPDATE sync_conflict SET resolved_at = ?, resolution = ? WHERE id = ?",
            [utc_now(), choice, conflict_id],
        )


def unnotified_resolutions(db: Database) -> list[int]:
    return [
        r[0]
        for r in db.execute(
            "SELECT server_conflict_id FROM sync_conflict WHERE resolved_at IS NOT NULL"
            " AND server_notified = 0 AND server_conflict_id IS NOT NULL"
        )
    ]


def mark_resolutions_notified(db: Database, ids: list[int]) -> None:
    with db.atomic():
        db.conn.executemany(
            "UPDATE sync_conflict SET server_notified = 1 WHERE server_conflict_id = ?",
            [(i,) for i in ids],
        )


def notice_request(db: Database) -> dict[str, Any]:
    """What to ask the server: notices after our cursor, and the state of open conflicts."""
    open_ids = [
        r[0]
        for r in db.execute(
            "SELECT server_conflict_id FROM sync_conflict WHERE resolved_at IS NULL"
            " AND server_conflict_id IS NOT NULL"
        )
    ]
    return {"after": int(get_state(db, "notice_cursor", "0") or 0), "open": open_ids}


def apply_notices(db: Database, notices: list[dict[str, Any]], resolved: list[int]) -> int:
    """Record conflicts where our value stood (seen from our side) and close resolved ones.

    A notice is stored with ``mine`` = our (standing) value and ``theirs`` = the
    other device's held-back value, so the same resolution dialog applies: keeping
    ours changes nothing, taking theirs or a new value is a new op. Returns how
    many new open conflicts were recorded.
    """
    now, added = utc_now(), 0
    with db.atomic():
        cursor_value = int(get_state(db, "notice_cursor", "0") or 0)
        for n in notices:
            cursor_value = max(cursor_value, int(n["id"]))
            if n.get("kind") != "field" or n.get("tbl") not in SYNCED_TABLES:
                continue
            if n.get("field") not in SYNCED_TABLES[n["tbl"]]:
                continue
            resolved_at = now if n.get("resolved_at") else None
            cur = db.execute(
                "INSERT OR IGNORE INTO sync_conflict (server_conflict_id, op_id, tbl, record_id,"
                " field, kind, mine, theirs, theirs_seq, created_at, resolved_at, resolution,"
                " server_notified, side) VALUES (?, '', ?, ?, ?, 'field', ?, ?, 0, ?, ?, ?, ?,"
                " 'notice')",
                [
                    n["id"],
                    n["tbl"],
                    n["record_id"],
                    n["field"],
                    json.dumps(n["theirs"], ensure_ascii=False),
                    json.dumps(n["mine"], ensure_ascii=False),
                    now,
                    resolved_at,
                    "remote" if resolved_at else None,
                    int(resolved_at is not None),
                ],
            )
            added += cur.rowcount if not resolved_at else 0
        db.conn.executemany(
            "UPDATE sync_conflict SET resolved_at = ?, resolution = 'remote', server_notified = 1"
            " WHERE server_conflict_id = ? AND resolved_at IS NULL",
            [(now, i) for i in resolved],
        )
        set_state(db, "notice_cursor", cursor_value)
    return added


# -- a new or restored server ----------------------------------------------------------


def prepare_for_new_server(
    db: Database, epoch_base: int, *, restored: bool, identity: tuple[str, str]
) -> int:
    """The server's identity or epoch changed; returns how many ops will be pushed.

    The same server restored from a backup (``restored``: same server id, new
    epoch) gets again every op of ours it may lack (acknowledged after
    ``epoch_base``, the last seq of the restored data). A different or re-initialised server (new server id) gets the
    whole local state as inserts: equal values merge silently, different ones
    become conflicts. Then the client re-downloads from scratch (cursor 0 →
    snapshot), which never deletes local rows.
    """
    with db.atomic():
        if restored:
            count = db.execute(
                "UPDATE change_log SET acked_seq = NULL WHERE acked_seq > ?", [epoch_base]
            ).rowcount
        else:
            # The current rows contain every pending change: supersede those ops.
            db.execute("UPDATE change_log SET acked_seq = 0 WHERE acked_seq IS NULL")
            now, count = utc_now(), 0
            for tbl in SYNCED_TABLES:
                cols = wire_columns(tbl)
                rows = db.execute(
                    f"SELECT id, {', '.join(f'[{c}]' for c in cols)} FROM [{tbl}]"
                ).fetchall()
                db.conn.executemany(
                    "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields,"
                    " base_seq, created_at) VALUES (?, 'restore_server', ?, ?, 'insert', ?, 0, ?)",
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
                        )
                        for r in rows
                    ],
                )
                count += len(rows)
        set_state(db, "cursor", 0)
        set_state(db, "snapshot_after", None)
        set_state(db, "snapshot_as_of", None)
        set_state(db, "server_id", identity[0])
        set_state(db, "epoch", identity[1])
    return count
