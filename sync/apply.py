"""Client-side SQL of the sync: applying server changes, outcomes, conflicts, cursor.

The desktop's side of the protocol (the outbox is the ``change_log`` table the
desktop's store fills in the same transaction as each edit); it works on the
desktop's SQLite database and, where a resolution makes a new local edit, on the
small ``LocalStore`` interface the desktop's store implements.

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
from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlite_utils import Database

from sync import records
from sync.bulk_writes import bulk_writes
from sync.errors import NotFound, UserError
from sync.ids import new_id, utc_now
from sync.protocol import MISSING_BASE
from sync.records import wire_columns

# Every synced table and its columns (the registry, shared with the server).
SYNCED_TABLES = records.ColumnsView()


class Writer(Protocol):
    """A transaction of the local store that logs what it writes (the desktop's ``Tx``)."""

    def insert(self, table: str, row: dict[str, Any]) -> Any: ...

    def update(self, table: str, record_id: str, fields: dict[str, Any]) -> Any: ...

    def delete(self, table: str, record_id: str) -> Any: ...


class LocalStore(Protocol):
    """What the sync needs of the desktop's database (``desktop.models.store.Store``):
    the SQLite database, and logged edits (a conflict resolution is a new local change)."""

    db: Database

    def action(self, name: str) -> AbstractContextManager[Writer]: ...

    def pending_changes(self) -> int: ...

    def close(self) -> None: ...


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
    """The next ops to push: relayed record versions first (our edits may build on
    them), then our own changes in the order they were made."""
    rows = db.execute(
        "SELECT op_id, tbl, record_id, kind, fields, base_seq, relay FROM change_log"
        " WHERE acked_seq IS NULL ORDER BY relay IS NULL, seq LIMIT ?",
        [limit],
    ).fetchall()
    ops = []
    for r in rows:
        op = {
            "op": r[0],
            "tbl": r[1],
            "id": r[2],
            "kind": r[3],
            "fields": json.loads(r[4]),
            "base": r[5],
        }
        if r[6] is not None:
            op["relay"] = json.loads(r[6])
        ops.append(op)
    return ops


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
    A relayed version is no creation (the server may hold an older one): never squashed.
    """
    rows = db.execute(
        "SELECT d.tbl, d.record_id, d.seq, (SELECT max(i.seq) FROM change_log i"
        " WHERE i.tbl = d.tbl AND i.record_id = d.record_id AND i.kind = 'insert'"
        " AND i.seq < d.seq AND i.acked_seq IS NULL AND i.sent = 0 AND i.relay IS NULL)"
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

    A small outbox (≤ ``PRELOAD`` unsent changes, the usual case) is read at once;
    a larger one is looked up per record (indexed) and cached, so a page costs
    O(page), not O(outbox): a client with a large unsent backlog stays fast.
    """

    PRELOAD = 2000

    def __init__(self, db: Database) -> None:
        self.db = db
        self.cache: dict[tuple[str, str], set[str]] = {}
        rows = db.execute(
            "SELECT tbl, record_id, kind, fields FROM change_log WHERE acked_seq IS NULL"
            " ORDER BY seq LIMIT ?",
            [self.PRELOAD + 1],
        ).fetchall()
        self.none = not rows
        self.complete = len(rows) <= self.PRELOAD  # the cache holds every record's
        if self.complete:
            for tbl, record_id, kind, fields in rows:
                names = self.cache.setdefault((tbl, record_id), set())
                names.update([ALL] if kind == "delete" else json.loads(fields))

    def get(self, key: tuple[str, str], default: set[str] | None = None) -> set[str]:
        if self.none:
            return set()
        names = self.cache.get(key)
        if names is None and self.complete:
            return set()
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


DELETED = "~deleted"  # the versions entry of a delete (as on the server)
ANY_FIELD = "*"  # the version of every field without its own entry (from a snapshot)


def _version_pair(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], int)
        and isinstance(value[1], str)
    )


def note_versions(db: Database, rows: Iterable[tuple[str, str, int, dict[str, Any]]]) -> None:
    """Remember who wrote which fields at which server seq: (tbl, id, seq, versions).

    A ``None`` version removes the entry (an insert clears an earlier delete).
    """
    db.conn.executemany(
        "INSERT INTO sync_version (tbl, record_id, seq, versions) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(tbl, record_id) DO UPDATE SET seq = max(seq, excluded.seq),"
        " versions = json_patch(versions, excluded.versions)",
        [
            (tbl, record_id, seq, json.dumps(versions, separators=(",", ":")))
            for tbl, record_id, seq, versions in rows
        ],
    )


def _op_versions(kind: str, fields: Iterable[str], seq: int, device: str) -> dict[str, Any]:
    if kind == "delete":
        return {DELETED: [seq, device]}
    versions: dict[str, Any] = {f: [seq, device] for f in fields}
    if kind == "insert":
        versions[DELETED] = None
    return versions


def requeue_waiting(db: Database, arrived: dict[tuple[str, str], int]) -> int:
    """Edits rejected because their record was missing on the server: once it has
    arrived (``arrived``: (tbl, id) → the seq it came with), push them again as new
    changes and take them off the rejected list. Returns how many."""
    waiting = db.execute(
        "SELECT id, tbl, record_id, kind, fields FROM sync_rejected"
        " WHERE waiting_base = 1 AND dismissed_at IS NULL"
    ).fetchall()
    ready = [row for row in waiting if (row[1], row[2]) in arrived]
    now = utc_now()
    for rejected_id, tbl, record_id, kind, fields in ready:
        db.execute(
            "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields, base_seq,"
            " created_at) VALUES (?, 'retry_rejected', ?, ?, ?, ?, ?, ?)",
            [new_id(), tbl, record_id, kind, fields, arrived[(tbl, record_id)], now],
        )
        db.execute(
            "UPDATE sync_rejected SET waiting_base = 0, dismissed_at = ? WHERE id = ?",
            [now, rejected_id],
        )
    return len(ready)


def apply_remote_ops(db: Database, ops: Iterable[dict[str, Any]]) -> int:
    """Write pulled ops (in seq order) to the local tables; returns how many applied.

    Runs of ops of the same shape are written with one ``executemany``; an op
    SQLite refuses (e.g. a constraint this build enforces) is deferred as before.
    """
    ops = list(ops)
    # Before the writer reads what is pending: a re-queued edit keeps its value.
    requeue_waiting(db, {(op["tbl"], op["id"]): op["seq"] for op in ops if op["kind"] != "delete"})
    writer = _Writer(db, pending_fields(db), batched=True)
    note_versions(
        db,
        [
            (
                op["tbl"],
                op["id"],
                op["seq"],
                _op_versions(op["kind"], op["fields"], op["seq"], op["dev"]),
            )
            for op in ops
            if op.get("dev") and op["tbl"] in SYNCED_TABLES
        ],
    )
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
    with bulk_writes(db.conn), db.atomic():
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
    with bulk_writes(db.conn), db.atomic():
        requeue_waiting(db, {(rec["tbl"], rec["id"]): as_of for rec in records})
        writer = _Writer(db, pending_fields(db), batched=True)
        # A snapshot names only the record's last change: every field counts as of it.
        db.conn.executemany(
            "INSERT OR REPLACE INTO sync_version (tbl, record_id, seq, versions)"
            " VALUES (?1, ?2, ?3, json_object(?4, json_array(?3, ?5)))",
            [
                (rec["tbl"], rec["id"], rec["v"][0], ANY_FIELD, rec["v"][1])
                for rec in records
                if rec["tbl"] in SYNCED_TABLES and _version_pair(rec.get("v"))
            ],
        )

        def defer(op: dict[str, Any], reason: str) -> None:
            writer.flush()  # keep the deferred records in page order
            _defer(db, 0, op, reason)

        def refused(op: dict[str, Any]) -> OnError:
            return lambda exc: _defer(db, 0, op, str(exc))

        for rec in records:
            op = {"seq": 0, "op": "", "kind": "insert", "tbl": rec["tbl"], "id": rec["id"],
                  "fields": rec["fields"]}  # fmt: skip
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


def local_row(db: Database, tbl: str, record_id: str) -> dict[str, Any] | None:
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
    counts = {"accepted": 0, "conflict": 0, "rejected": 0, "relay_rejected": 0}
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
            tbl, record_id = op["tbl"], op["id"]
            if status == "rejected" and "relay" in op:
                # A version we could not restore for its author (not ours to write):
                # nothing of ours was refused, and the local copy stays as it is.
                counts["relay_rejected"] += 1
                continue
            counts[status] = counts.get(status, 0) + 1
            if tbl not in SYNCED_TABLES:
                continue
            server = result.get("server") or {}
            if status == "rejected":
                db.execute(
                    "INSERT OR IGNORE INTO sync_rejected (op_id, tbl, record_id, kind, fields,"
                    " reason, created_at, waiting_base) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        op["op"],
                        tbl,
                        record_id,
                        op["kind"],
                        json.dumps(op["fields"], ensure_ascii=False),
                        result.get("reason", ""),
                        now,
                        int(result.get("code") == MISSING_BASE),
                    ],
                )
                if server.get("exists") and not server.get("deleted"):
                    if (
                        tbl in records.append_only_tables()
                    ):  # replaced by the server's row, never updated
                        writer.delete(tbl, record_id)
                    writer.upsert(tbl, record_id, server["fields"])
                elif op["kind"] == "insert":
                    writer.delete(tbl, record_id)
                continue
            if isinstance(result.get("set"), dict):  # e.g. the author, set from the account
                row = local_row(db, tbl, record_id) if tbl in records.append_only_tables() else None
                if row is not None and any(row.get(k) != v for k, v in result["set"].items()):
                    # An append-only row is replaced by the server's version, never updated.
                    db.execute(f"DELETE FROM [{tbl}] WHERE id = ?", [record_id])
                    writer.upsert(tbl, record_id, {**row, **result["set"]})
                elif row is None:
                    writer.update(tbl, record_id, result["set"])
            for c in result.get("conflicts", []):
                mine = c["mine"]
                if c["kind"] == "edit_delete":
                    mine = local_row(db, tbl, record_id) or mine
                db.execute(
                    "INSERT OR IGNORE INTO sync_conflict (server_conflict_id, op_id, tbl,"
                    " record_id, field, kind, mine, theirs, theirs_seq, created_at,"
                    " other_device, other_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                        str(c.get("theirs_device") or ""),
                        str(c.get("theirs_user") or ""),
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

_LABEL_SQL = {
    "plan": "SELECT title FROM plan WHERE id = ?",
    "section": "SELECT title FROM section WHERE id = ?",
    "task": "SELECT no || ' ' || title FROM task WHERE id = ?",
    "item": "SELECT text FROM item WHERE id = ?",
    "unit": "SELECT name FROM unit WHERE id = ?",
    "milestone": "SELECT title FROM milestone WHERE id = ?",
}


def record_label(db: Database, tbl: str, record_id: str, fields: Any = None) -> str:
    """The record's title where one is known (or in ``fields``), else a short id."""
    sql = _LABEL_SQL.get(tbl)
    text = None
    if sql:
        try:
            row = db.execute(sql, [record_id]).fetchone()
        except Exception:  # noqa: BLE001 - a table this build lacks: fall back to the id
            row = None
        text = row[0] if row else None
    if not text and isinstance(fields, dict):
        text = fields.get("title") or fields.get("name") or fields.get("text")
    text = str(text or record_id[:8])
    return text if len(text) <= 40 else text[:39] + "…"


def _dicts(db: Database, sql: str) -> list[dict[str, Any]]:
    """The rows of ``sql`` as dicts keyed by column name."""
    rows = db.execute(sql)
    keys = [column[0] for column in rows.description]
    return [dict(zip(keys, row, strict=True)) for row in rows.fetchall()]


def open_conflicts(db: Database) -> list[dict[str, Any]]:
    """Open conflicts: ``mine`` is this desktop's value (本机), ``theirs`` the other
    side's (对方: ``other_device`` / ``other_user``), ``in_force`` which of the two is
    the value in force now (on the server and in the local tables)."""
    out = _dicts(
        db,
        "SELECT id, tbl, record_id, field, kind, mine, theirs, theirs_seq, created_at, side,"
        " other_device, other_user FROM sync_conflict WHERE resolved_at IS NULL ORDER BY id",
    )
    for item in out:
        item["mine"], item["theirs"] = json.loads(item["mine"]), json.loads(item["theirs"])
        item["in_force"] = in_force(item["side"])
    return out


def in_force(side: str) -> str:
    """Which value of a conflict stands until it is resolved: ``mine`` or ``theirs``.

    Our change lost (``local``): the other side's value stands (for whole-record
    conflicts: their delete, or their edited record). A notice (our value stood
    against another device's held-back change): ours.
    """
    return "mine" if side == "notice" else "theirs"


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


def resolve_conflict(store: LocalStore, conflict_id: int, choice: str, value: Any = None) -> None:
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
    current = in_force(side)  # what the table (and the server) holds
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
                " server_notified, side, other_device, other_user) VALUES (?, '', ?, ?, ?,"
                " 'field', ?, ?, 0, ?, ?, ?, ?, 'notice', ?, ?)",
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
                    str(n.get("by_device") or ""),
                    str(n.get("by") or ""),
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
