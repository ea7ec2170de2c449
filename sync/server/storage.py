"""Server storage: a small interface and its SQLite implementation.

The server keeps:
- ``record``: the current state of every synced record as JSON, with a
  per-field version ``{field: [seq, device_id]}`` and a tombstone seq;
- ``op``: the global, gap-free sequence of accepted changes (what clients pull);
- ``outcome``: the first outcome of every pushed op id (idempotent retries); an op
  accepted as sent has none while its ``op`` row exists (that row is its outcome);
- accounts, devices, hashed tokens, conflicts, the audit log, and ``meta``
  (server id, epoch).

Two backends run the same statements (portable SQL with ``?`` placeholders):
``SqliteStorage`` (one file in a data folder, ``--data DIR``) and
``PostgresStorage`` (``sync.server.storage_pg``, ``--database postgresql://…``);
``open_storage`` picks one from a location.

Why a pull can never skip a lower seq: all writes go through one write
transaction at a time — SQLite: ``BEGIN IMMEDIATE`` (a single writer) plus a
process lock; PostgreSQL: a transaction-scoped advisory lock taken first in
every write transaction and held until it commits, across all server processes
— and seq is assigned inside that transaction as ``max(seq) + 1``. A reader
sees either none or all of a transaction and the next writer starts only after
the previous one committed, so when a reader sees seq N every seq < N is
already committed; a rolled-back transaction frees its seq again (no gaps).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

DB_NAME = "liandong-server.db"

MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'member')),
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE TABLE device (
        id TEXT PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES account(id),
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen TEXT,
        revoked_at TEXT
    );
    CREATE TABLE token (
        hash TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES device(id),
        kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
        expires_at REAL NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX token_device ON token(device_id);
    CREATE TABLE login_failure (key TEXT NOT NULL, at REAL NOT NULL);
    CREATE INDEX login_failure_key ON login_failure(key, at);
    CREATE TABLE record (
        tbl TEXT NOT NULL,
        id TEXT NOT NULL,
        fields TEXT NOT NULL,
        versions TEXT NOT NULL,
        deleted_seq INTEGER,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tbl, id)
    ) WITHOUT ROWID;
    CREATE TABLE op (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        op_id TEXT NOT NULL UNIQUE,
        tbl TEXT NOT NULL,
        record_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        fields TEXT NOT NULL,
        device_id TEXT NOT NULL
    );
    CREATE TABLE outcome (op_id TEXT PRIMARY KEY, result TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE conflict (
        id INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL,
        tbl TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT,
        kind TEXT NOT NULL,
        mine TEXT,
        theirs TEXT,
        theirs_seq INTEGER,
        device_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        username TEXT NOT NULL,
        device_id TEXT NOT NULL,
        ip TEXT NOT NULL DEFAULT '',
        op_id TEXT NOT NULL,
        tbl TEXT NOT NULL,
        record_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        seq INTEGER,
        reason TEXT NOT NULL DEFAULT '',
        fields TEXT NOT NULL DEFAULT '{}'
    );
    """,
    """
    ALTER TABLE token ADD COLUMN rotated_at REAL;
    ALTER TABLE conflict ADD COLUMN theirs_device TEXT;
    CREATE INDEX conflict_theirs ON conflict(theirs_device, id);
    CREATE INDEX audit_at ON audit(at);
    """,
    # authsec: login attempts counted atomically (in-flight checks count), token
    # families (one login and its refreshes) with the wrapped successor of each
    # rotated refresh token (an idempotent retry returns the same one).
    """
    CREATE TABLE login_attempt (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL,
        ip TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX login_attempt_user ON login_attempt(username, at);
    DROP TABLE login_failure;
    ALTER TABLE token ADD COLUMN family TEXT;
    ALTER TABLE token ADD COLUMN successor BLOB;
    ALTER TABLE token ADD COLUMN revoked_reason TEXT;
    UPDATE token SET family = device_id WHERE family IS NULL;
    CREATE INDEX token_family ON token(family);
    """,
    # duban_blob (issue 12): attachment content by SHA-256, in the database on both
    # backends (sync/server/blobs.py; docs/server.md).
    """
    CREATE TABLE blob (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        content BLOB NOT NULL,
        stored_at TEXT NOT NULL
    );
    """,
    # serverpush: ``record`` as a rowid table (a WITHOUT ROWID table keeps its rows, a few
    # hundred bytes of JSON each, in the random order of their ids: every pushed batch
    # dirtied a page per record; now new rows are appended and only the small (tbl, id)
    # index is random), and lookups of records by a reference (``RECORD_LOOKUPS``) instead
    # of reading every record of a table: the 办结 rule (items of a task, assignments of an
    # item) and attachment content (records naming a hash).
    """
    CREATE TABLE record_rows (
        tbl TEXT NOT NULL,
        id TEXT NOT NULL,
        fields TEXT NOT NULL,
        versions TEXT NOT NULL,
        deleted_seq INTEGER,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tbl, id)
    );
    INSERT INTO record_rows (tbl, id, fields, versions, deleted_seq, seq)
        SELECT tbl, id, fields, versions, deleted_seq, seq FROM record ORDER BY seq;
    DROP TABLE record;
    ALTER TABLE record_rows RENAME TO record;
    CREATE INDEX record_item_task ON record (json_extract(fields, '$.task_id'))
        WHERE tbl = 'item';
    CREATE INDEX record_assignment_item ON record (json_extract(fields, '$.item_id'))
        WHERE tbl = 'assignment';
    CREATE INDEX record_attachment_sha256 ON record (json_extract(fields, '$.sha256'))
        WHERE tbl = 'attachment';
    """,
    # A record created by a push and not changed since keeps compact version stamps
    # ({"*": [seq, device]}, ``batch.read_versions``). A server older than this one would
    # misread them and miss conflicts: every server refuses a schema newer than it knows
    # (``refuse_newer_schema``), so this marker keeps older servers off such a database.
    """
    INSERT INTO meta (key, value) VALUES ('version_stamps', 'compact')
    """,
    # push3 (issues 13/14): ops accepted as sent are audited by reference. A push writes one
    # ``audit_log`` row per run of such ops (``seq`` … ``last_seq``, consecutive seqs of one
    # device and request) instead of a row per op repeating its op row; the ``audit`` view
    # spells every run out again from the op rows, or from ``audit_op``, where compaction
    # moves the op rows it prunes (``Storage.compact``). Other entries (refusals, conflicts,
    # relays, logins) keep a row of their own, ``last_seq`` NULL.
    """
    ALTER TABLE audit RENAME TO audit_log;
    ALTER TABLE audit_log ADD COLUMN last_seq INTEGER;
    CREATE TABLE audit_op (
        seq INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL,
        tbl TEXT NOT NULL,
        record_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        fields TEXT NOT NULL
    );
    CREATE VIEW audit AS
        SELECT a.id, a.at, a.username, a.device_id, a.ip, a.op_id, a.tbl, a.record_id,
            a.kind, a.status, a.seq, a.reason, a.fields
        FROM audit_log a WHERE a.last_seq IS NULL
        UNION ALL
        SELECT a.id, a.at, a.username, a.device_id, a.ip, o.op_id, o.tbl, o.record_id,
            o.kind, a.status, o.seq, a.reason, o.fields
        FROM audit_log a JOIN (
            SELECT seq, op_id, tbl, record_id, kind, fields FROM op
            UNION ALL
            SELECT seq, op_id, tbl, record_id, kind, fields FROM audit_op
        ) o ON o.seq BETWEEN a.seq AND a.last_seq
        WHERE a.last_seq IS NOT NULL
    """,
    # push4 (issues 13/14): the lookups by reference (``RECORD_LOOKUPS``) index a plain
    # column, ``record.lookup``, which every write of a record fills from its fields
    # (``lookup_value``), instead of ``json_extract`` over the whole row at every insert
    # (13.5 % of SQLite's work in a bulk insert of a push's rows). An older server would
    # not fill it: it refuses this schema (``refuse_newer_schema``).
    """
    ALTER TABLE record ADD COLUMN lookup TEXT;
    UPDATE record SET lookup = json_extract(fields, '$.task_id') WHERE tbl = 'item';
    UPDATE record SET lookup = json_extract(fields, '$.item_id') WHERE tbl = 'assignment';
    UPDATE record SET lookup = json_extract(fields, '$.sha256') WHERE tbl = 'attachment';
    DROP INDEX record_item_task;
    DROP INDEX record_assignment_item;
    DROP INDEX record_attachment_sha256;
    CREATE INDEX record_lookup ON record (tbl, lookup) WHERE lookup IS NOT NULL
    """,
]


def refuse_newer_schema(version: int, label: str) -> None:
    """A database migrated by a newer server is not served (nor migrated) by this one."""
    if version > len(MIGRATIONS):
        raise StorageUnavailable(
            f"{label} 的结构版本为 {version}，比本服务器所知的 {len(MIGRATIONS)} 新："
            "它已由较新版本的联动服务器升级。请升级本服务器，或恢复升级前的备份。"
        )


# (table, column) of the records found by a reference value through an index
# (``record.lookup``, the last migration above): ``Storage.records_where``.
RECORD_LOOKUPS = frozenset(
    {("item", "task_id"), ("assignment", "item_id"), ("attachment", "sha256")}
)
LOOKUP_FIELD = dict(RECORD_LOOKUPS)  # table → the field its ``lookup`` column holds
assert len(LOOKUP_FIELD) == len(RECORD_LOOKUPS), "one lookup field per table"


def lookup_value(tbl: str, fields: dict[str, Any]) -> str | None:
    """``record.lookup`` of a record: its ``LOOKUP_FIELD`` when that is text (references
    and hashes always are), else ``None`` (no index entry)."""
    name = LOOKUP_FIELD.get(tbl)
    if name is None:
        return None
    value = fields.get(name)
    return value if type(value) is str else None


class Conn(Protocol):
    """What the statements need of a connection: sqlite3's, or the PostgreSQL adapter."""

    def execute(self, sql: str, params: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, rows: Any, /) -> Any: ...


META_UPSERT = (
    "INSERT INTO meta (key, value) VALUES (?, ?)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class Account:
    id: int
    username: str
    password_hash: str
    unit: str
    role: str
    disabled: bool


@dataclass
class TokenRow:
    device_id: str
    kind: str
    expires_at: float
    revoked: bool
    revoked_reason: str
    rotated_at: float | None
    successor: bytes | None
    family: str


@dataclass
class Device:
    id: str
    account: Account
    name: str
    revoked: bool


class StorageUnavailable(RuntimeError):
    """The database cannot be reached (a plain Chinese message)."""


def is_database_url(location: str | Path) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def open_storage(location: str | Path) -> Storage:
    """The storage at ``location``: a PostgreSQL URL or a SQLite data folder."""
    if is_database_url(location):
        from sync.server.storage_pg import PostgresStorage

        return PostgresStorage(str(location))
    return SqliteStorage(location)


class Storage:
    """The server's data; every statement here is shared by both backends.

    Subclasses provide connections (``conn``, ``write``), the schema (``exists``,
    ``migrate``) and what a duplicate key raises. Static methods take the
    connection of a ``write()`` transaction.
    """

    integrity_errors: tuple[type[BaseException], ...] = (sqlite3.IntegrityError,)
    backend = ""
    location = ""  # for messages: a folder, or a database URL without its password

    @property
    def label(self) -> str:
        """Where the data is, in a message: 目录 … / 数据库 …"""
        return f"{'数据库' if self.backend == 'postgresql' else '目录'} {self.location}"

    def conn(self) -> Any:
        raise NotImplementedError

    def write(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def exists(self) -> bool:
        raise NotImplementedError

    def migrate(self) -> None:
        raise NotImplementedError

    def schema_version(self) -> int:
        raise NotImplementedError

    def create_private(self) -> None:
        """Make the data private to the server account (a data folder only)."""

    def close(self) -> None:
        """Release connections; the storage is not used afterwards."""

    def init_identity(self) -> tuple[str, str]:
        """Create the server id and a fresh epoch (a wiped server gets a new one)."""
        with self.write() as conn:
            server_id = self.meta("server_id") or str(uuid.uuid4())
            epoch = str(uuid.uuid4())
            conn.executemany(
                META_UPSERT,
                [
                    ("server_id", server_id),
                    ("epoch", epoch),
                    ("epoch_base", "0"),
                    ("created_at", now_iso()),
                ],
            )
        return server_id, epoch

    def new_epoch(self) -> str:
        """After restoring a backup: a new epoch makes clients re-push what is missing."""
        epoch = str(uuid.uuid4())
        with self.write() as conn:
            # epoch_base: the last seq the restored data has; clients re-push what
            # the server acknowledged after it.
            base = conn.execute("SELECT coalesce(max(seq), 0) FROM op").fetchone()[0]
            conn.executemany(
                META_UPSERT,
                [("epoch", epoch), ("epoch_base", str(base))],
            )
        return epoch

    def metas(self, *keys: str) -> dict[str, str]:
        """Several ``meta`` values with one query (missing keys are left out)."""
        marks = ",".join("?" * len(keys))
        rows = self.conn().execute(f"SELECT key, value FROM meta WHERE key IN ({marks})", keys)
        return dict(rows.fetchall())

    def meta(self, key: str) -> str | None:
        row = self.conn().execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    # -- accounts and devices ----------------------------------------------------

    def add_account(self, username: str, password_hash: str, unit: str, role: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO account (username, password_hash, unit, role, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [username, password_hash, unit, role, now_iso()],
            )

    def account(self, username: str) -> Account | None:
        row = (
            self.conn()
            .execute(
                "SELECT id, username, password_hash, unit, role, disabled FROM account"
                " WHERE username = ?",
                [username],
            )
            .fetchone()
        )
        return Account(row[0], row[1], row[2], row[3], row[4], bool(row[5])) if row else None

    def accounts(self) -> list[Account]:
        rows = (
            self.conn()
            .execute(
                "SELECT id, username, password_hash, unit, role, disabled FROM account ORDER BY id"
            )
            .fetchall()
        )
        return [Account(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def set_disabled(self, username: str, disabled: bool) -> bool:
        with self.write() as conn:
            cur = conn.execute(
                "UPDATE account SET disabled = ? WHERE username = ?", [int(disabled), username]
            )
            if disabled:
                conn.execute(
                    "UPDATE token SET revoked = 1 WHERE device_id IN (SELECT d.id FROM device d"
                    " JOIN account a ON a.id = d.account_id WHERE a.username = ?)",
                    [username],
                )
        return bool(cur.rowcount)

    def add_device(self, account: Account, device_id: str, name: str) -> None:
        with self.write() as conn:
            conn.execute(
                "INSERT INTO device (id, account_id, name, created_at) VALUES (?, ?, ?, ?)",
                [device_id, account.id, name, now_iso()],
            )

    def device(self, device_id: str) -> Device | None:
        row = (
            self.conn()
            .execute(
                "SELECT d.id, d.name, d.revoked_at, a.id, a.username, a.password_hash, a.unit,"
                " a.role, a.disabled FROM device d JOIN account a ON a.id = d.account_id"
                " WHERE d.id = ?",
                [device_id],
            )
            .fetchone()
        )
        if row is None:
            return None
        account = Account(row[3], row[4], row[5], row[6], row[7], bool(row[8]))
        return Device(row[0], account, row[1], row[2] is not None)

    def devices(self) -> list[tuple[str, str, str, str | None, str | None]]:
        return (
            self.conn()
            .execute(
                "SELECT d.id, a.username, d.name, d.last_seen, d.revoked_at FROM device d"
                " JOIN account a ON a.id = d.account_id ORDER BY d.created_at"
            )
            .fetchall()
        )

    def revoke_device(self, device_id: str) -> bool:
        with self.write() as conn:
            cur = conn.execute(
                "UPDATE device SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                [now_iso(), device_id],
            )
            conn.execute("UPDATE token SET revoked = 1 WHERE device_id = ?", [device_id])
        return bool(cur.rowcount)

    # -- tokens and login attempts (used inside write(): check and change are atomic) ----

    @staticmethod
    def insert_token(
        conn: Conn,
        token_hash: str,
        device_id: str,
        kind: str,
        expires_at: float,
        family: str,
    ) -> None:
        """Store a token (hashed) of a token family: one login and its refreshes."""
        conn.execute(
            "INSERT INTO token (hash, device_id, kind, expires_at, family) VALUES (?, ?, ?, ?, ?)",
            [token_hash, device_id, kind, expires_at, family],
        )
        conn.execute("UPDATE device SET last_seen = ? WHERE id = ?", [now_iso(), device_id])
        if kind == "refresh":  # housekeeping: drop tokens expired a day ago
            conn.execute("DELETE FROM token WHERE expires_at < ?", [time.time() - 86400])

    @staticmethod
    def token_row(conn: Conn, token_hash: str) -> TokenRow | None:
        row = conn.execute(
            "SELECT device_id, kind, expires_at, revoked, coalesce(revoked_reason, ''),"
            " rotated_at, successor, coalesce(family, device_id) FROM token WHERE hash = ?",
            [token_hash],
        ).fetchone()
        if row is None:
            return None
        successor = bytes(row[6]) if row[6] is not None else None  # PostgreSQL: memoryview
        return TokenRow(row[0], row[1], row[2], bool(row[3]), row[4], row[5], successor, row[7])

    @staticmethod
    def mark_rotated(conn: Conn, token_hash: str, at: float, successor: bytes) -> None:
        conn.execute(
            "UPDATE token SET rotated_at = ?, successor = ? WHERE hash = ?",
            [at, successor, token_hash],
        )

    @staticmethod
    def revoke_family(conn: Conn, family: str, reason: str) -> None:
        """Revoke every token (refresh and access) of one login's family."""
        conn.execute(
            "UPDATE token SET revoked = 1, revoked_reason = ? WHERE family = ? AND revoked = 0",
            [reason, family],
        )

    def token_device(self, token_hash: str) -> tuple[TokenRow, Device | None] | None:
        """A token with its device and account, read with one query (every request)."""
        row = (
            self.conn()
            .execute(
                "SELECT t.device_id, t.kind, t.expires_at, t.revoked,"
                " coalesce(t.revoked_reason, ''), t.rotated_at, t.successor,"
                " coalesce(t.family, t.device_id), d.id, d.name, d.revoked_at, a.id,"
                " a.username, a.password_hash, a.unit, a.role, a.disabled FROM token t"
                " LEFT JOIN device d ON d.id = t.device_id"
                " LEFT JOIN account a ON a.id = d.account_id WHERE t.hash = ?",
                [token_hash],
            )
            .fetchone()
        )
        if row is None:
            return None
        successor = bytes(row[6]) if row[6] is not None else None
        token = TokenRow(row[0], row[1], row[2], bool(row[3]), row[4], row[5], successor, row[7])
        if row[8] is None or row[11] is None:
            return token, None
        account = Account(row[11], row[12], row[13], row[14], row[15], bool(row[16]))
        return token, Device(row[8], account, row[9], row[10] is not None)

    def expire_access_tokens(self, at: float) -> None:
        """Make every access token expire (admin/test tool; refresh tokens stay)."""
        with self.write() as conn:
            conn.execute("UPDATE token SET expires_at = ? WHERE kind = 'access'", [at])

    @staticmethod
    def login_attempts(
        conn: Conn, username: str, ip: str | None, since: float
    ) -> tuple[int, float]:
        """(count, latest time) of failed or in-flight logins of a user (from ``ip``)."""
        sql = "SELECT count(*), coalesce(max(at), 0) FROM login_attempt WHERE username = ?"
        params: list[Any] = [username]
        if ip is not None:
            sql += " AND ip = ?"
            params.append(ip)
        count, latest = conn.execute(sql + " AND at >= ?", [*params, since]).fetchone()
        return int(count), float(latest)

    @staticmethod
    def add_login_attempt(conn: Conn, username: str, ip: str, at: float) -> int:
        """Reserve a password check; it counts as a failure until it succeeds."""
        conn.execute("DELETE FROM login_attempt WHERE at < ?", [at - 86400])
        row = conn.execute(
            "INSERT INTO login_attempt (username, ip, at) VALUES (?, ?, ?) RETURNING id",
            [username, ip, at],
        ).fetchone()
        return int(row[0])

    def clear_login_attempts(self, attempt_id: int) -> None:
        """A right password: forget the failures of that user from that address."""
        with self.write() as conn:
            conn.execute(
                "DELETE FROM login_attempt WHERE (username, ip) ="
                " (SELECT username, ip FROM login_attempt WHERE id = ?)",
                [attempt_id],
            )

    def drop_login_attempt(self, attempt_id: int) -> None:
        """The check never ran (server busy): it does not count."""
        with self.write() as conn:
            conn.execute("DELETE FROM login_attempt WHERE id = ?", [attempt_id])

    # -- records, ops, outcomes (used inside write()) -----------------------------

    def max_seq(self) -> int:
        return self.conn().execute("SELECT coalesce(max(seq), 0) FROM op").fetchone()[0]

    def compact(self, below: int) -> tuple[int, int]:
        """Prune the op log below seq ``below`` (the newest op always stays): a desktop
        whose cursor is older downloads the snapshot (the ``record`` table: current state)
        instead. Outcomes stay (a very late retry is still recognised). Attachment
        content that no live record names is deleted too. Returns (new floor, ops
        deleted)."""
        with self.write() as conn:
            newest = conn.execute("SELECT coalesce(max(seq), 0) FROM op").fetchone()[0]
            floor = max(self.min_servable_seq(), min(below, newest - 1), 0)
            # An op accepted as sent has no outcome row (its op row is the outcome):
            # write it now, so a very late retry is still answered as a duplicate.
            conn.execute(
                "INSERT INTO outcome (op_id, result) SELECT op_id, '{\"op\":' ||"
                f' {self.QUOTE.format("op_id")} || \',"status":"accepted","seq":\' || seq'
                " || '}' FROM op WHERE seq <= ? ON CONFLICT (op_id) DO NOTHING",
                [floor],
            )
            # The audit log refers to accepted ops by seq (``audit`` view): their rows move.
            conn.execute(
                "INSERT INTO audit_op (seq, op_id, tbl, record_id, kind, fields)"
                " SELECT seq, op_id, tbl, record_id, kind, fields FROM op WHERE seq <= ?",
                [floor],
            )
            deleted = conn.execute("DELETE FROM op WHERE seq <= ?", [floor]).rowcount
            conn.execute(META_UPSERT, ["log_floor", str(floor)])
            # Attachment content no live record names (deleted, or uploaded while its
            # record was being deleted): pushes drop it at once, this catches the rest.
            self.drop_unnamed_blobs(conn)
        return floor, max(deleted, 0)

    def seq_before(self, at: str) -> int:
        """The last seq accepted before time ``at`` (ISO), from the audit log."""
        row = (
            self.conn()
            .execute(
                "SELECT coalesce(max(coalesce(last_seq, seq)), 0) FROM audit_log"
                " WHERE at < ? AND seq IS NOT NULL",
                [at],
            )
            .fetchone()
        )
        return int(row[0])

    def min_servable_seq(self) -> int:
        """Pulls with ``since`` below this need a snapshot (the log was compacted)."""
        return int(self.meta("log_floor") or 0)

    @staticmethod
    def put_record(conn: Conn, tbl: str, record_id: str, rec: dict[str, Any]) -> None:
        conn.execute(
            "INSERT INTO record (tbl, id, fields, versions, deleted_seq, seq, lookup)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tbl, id) DO UPDATE SET"
            " fields = excluded.fields, versions = excluded.versions,"
            " deleted_seq = excluded.deleted_seq, seq = excluded.seq, lookup = excluded.lookup",
            [
                tbl,
                record_id,
                json.dumps(rec["fields"], ensure_ascii=False, separators=(",", ":")),
                json.dumps(rec["versions"], separators=(",", ":")),
                rec["deleted_seq"],
                rec["seq"],
                lookup_value(tbl, rec["fields"]),
            ],
        )

    @staticmethod
    def next_seq(
        conn: Conn,
        op_id: str,
        tbl: str,
        record_id: str,
        kind: str,
        fields: dict[str, Any],
        device_id: str,
    ) -> int:
        # max + 1 under the write lock: seqs in commit order, without gaps.
        row = conn.execute(
            "INSERT INTO op (seq, op_id, tbl, record_id, kind, fields, device_id)"
            " VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM op), ?, ?, ?, ?, ?, ?)"
            " RETURNING seq",
            [
                op_id,
                tbl,
                record_id,
                kind,
                json.dumps(fields, ensure_ascii=False, separators=(",", ":")),
                device_id,
            ],
        ).fetchone()
        return int(row[0])

    @staticmethod
    def add_conflict(conn: Conn, **values: Any) -> int:
        row = conn.execute(
            "INSERT INTO conflict (op_id, tbl, record_id, field, kind, mine, theirs, theirs_seq,"
            " device_id, theirs_device, created_at) VALUES (:op_id, :tbl, :record_id, :field,"
            " :kind, :mine, :theirs, :theirs_seq, :device_id, :theirs_device, :created_at)"
            " RETURNING id",
            {"theirs_device": None, **values, "created_at": now_iso()},
        ).fetchone()
        return int(row[0])

    @staticmethod
    def device_label(conn: Conn, device_id: str | None) -> tuple[str, str]:
        """(device name, account username) of a device; empty strings if unknown."""
        row = conn.execute(
            "SELECT d.name, a.username FROM device d JOIN account a ON a.id = d.account_id"
            " WHERE d.id = ?",
            [device_id or ""],
        ).fetchone()
        return (row[0], row[1]) if row else ("", "")

    def conflict_notices(self, device_id: str, after: int, limit: int) -> list[tuple[Any, ...]]:
        """Conflicts in which ``device_id``'s value stood against another device's op."""
        return (
            self.conn()
            .execute(
                "SELECT c.id, c.tbl, c.record_id, c.field, c.kind, c.mine, c.theirs,"
                " coalesce(a.username, ''), c.resolved_at, coalesce(d.name, '') FROM conflict c"
                " LEFT JOIN device d ON d.id = c.device_id"
                " LEFT JOIN account a ON a.id = d.account_id"
                " WHERE c.theirs_device = ? AND c.id > ? ORDER BY c.id LIMIT ?",
                [device_id, after, limit],
            )
            .fetchall()
        )

    def resolved_among(self, device_id: str, ids: list[int]) -> list[int]:
        """Which of these conflicts (of this device, either side) are resolved."""
        found: list[int] = []
        conn = self.conn()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += [
                row[0]
                for row in conn.execute(
                    f"SELECT id FROM conflict WHERE id IN ({marks}) AND resolved_at IS NOT NULL"
                    " AND (device_id = ? OR theirs_device = ?)",
                    [*chunk, device_id, device_id],
                )
            ]
        return found

    def resolve_conflicts(self, ids: list[int], device_id: str | None = None) -> int:
        """Mark conflicts resolved (only those of ``device_id`` when given)."""
        at = now_iso()
        done = 0
        with self.write() as conn:
            for i in ids:
                if device_id is None:
                    cur = conn.execute(
                        "UPDATE conflict SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
                        [at, i],
                    )
                else:
                    cur = conn.execute(
                        "UPDATE conflict SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL"
                        " AND (device_id = ? OR theirs_device = ?)",
                        [at, i, device_id, device_id],
                    )
                done += cur.rowcount
        return done

    def among(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        """``column`` is one of ``values`` (at most a few hundred), in SQL: the condition
        and its parameters. SQLite: ``IN (?, …)``."""
        return f"{column} IN ({','.join('?' * len(values))})", values

    def insert_rows(
        self,
        conn: Conn,
        table: str,
        columns: tuple[tuple[str, str], ...],
        rows: list[tuple[Any, ...]],
        tail: str = "",
    ) -> None:
        """Insert many rows at once (``columns``: names and PostgreSQL types; ``tail``:
        an ``ON CONFLICT`` clause). SQLite: ``executemany`` of one prepared statement."""
        if not rows:
            return
        names = ", ".join(name for name, _type in columns)
        marks = ", ".join("?" * len(columns))
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks}){tail}", rows)

    @staticmethod
    def audit(conn: Conn, rows: list[tuple[Any, ...]]) -> None:
        conn.executemany(
            "INSERT INTO audit_log (at, username, device_id, ip, op_id, tbl, record_id, kind,"
            " status, seq, reason, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def lookup_sql(self, tbl: str, column: str, count: int) -> str:
        """The statement of ``records_where`` for ``count`` values (the table and column are
        written into it, as the partial index's condition must be)."""
        if (tbl, column) not in RECORD_LOOKUPS:
            raise ValueError(f"no index for {tbl}.{column}")
        marks = ",".join("?" * count)
        return (
            f"SELECT id, fields FROM record WHERE tbl = '{tbl}'"
            f" AND lookup IN ({marks}) AND deleted_seq IS NULL"
        )

    def records_where(
        self, conn: Conn, tbl: str, column: str, values: list[str]
    ) -> list[tuple[str, dict[str, Any]]]:
        """Live records of ``tbl`` whose ``column`` is one of ``values``, by index
        (``RECORD_LOOKUPS``), not by reading every record of the table."""
        found: list[tuple[str, dict[str, Any]]] = []
        wanted = sorted({v for v in values if isinstance(v, str)})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = conn.execute(self.lookup_sql(tbl, column, len(chunk)), chunk).fetchall()
            found += [(record_id, json.loads(fields)) for record_id, fields in rows]
        return found

    def drop_unnamed_blobs(self, conn: Conn, hashes: list[str] | None = None) -> int:
        """Delete attachment content that no live attachment record names any more (of
        ``hashes``; ``None``: all). Returns how many were deleted."""
        named = (
            "NOT EXISTS (SELECT 1 FROM record r WHERE r.tbl = 'attachment'"
            " AND r.deleted_seq IS NULL AND r.lookup = blob.sha256)"
        )
        if hashes is None:
            return max(conn.execute(f"DELETE FROM blob WHERE {named}").rowcount, 0)
        deleted = 0
        wanted = sorted(set(hashes))
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            cur = conn.execute(f"DELETE FROM blob WHERE sha256 IN ({marks}) AND {named}", chunk)
            deleted += max(cur.rowcount, 0)
        return deleted

    @staticmethod
    def live_records(conn: Conn, tbl: str) -> list[tuple[str, dict[str, Any]]]:
        rows = conn.execute(
            "SELECT id, fields FROM record WHERE tbl = ? AND deleted_seq IS NULL", [tbl]
        ).fetchall()
        return [(record_id, json.loads(fields)) for record_id, fields in rows]

    # -- reads for pull / snapshot ------------------------------------------------------

    def ops_since(self, since: int, limit: int) -> list[tuple[int, str, str, str, str, str, str]]:
        return (
            self.conn()
            .execute(
                "SELECT seq, op_id, tbl, record_id, kind, fields, device_id FROM op WHERE seq > ?"
                " ORDER BY seq LIMIT ?",
                [since, limit],
            )
            .fetchall()
        )

    QUOTE = "json_quote({})"  # a text as a JSON string, in SQL

    # The wire form of a pulled op / snapshot record, built by the database (``fields`` is
    # stored as JSON text; ``kind`` is one of three words): no Python loop per row.
    PULL_JSON = (
        "'{\"seq\":' || seq || ',\"op\":' || json_quote(op_id) || ',\"tbl\":' ||"
        ' json_quote(tbl) || \',"id":\' || json_quote(record_id) || \',"kind":"\' || kind ||'
        " '\",\"fields\":' || fields || ',\"dev\":' || json_quote(device_id) || '}'"
    )
    SNAPSHOT_JSON = (
        "'{\"tbl\":' || json_quote(r.tbl) || ',\"id\":' || json_quote(r.id) || ',\"fields\":'"
        " || r.fields || ',\"v\":[' || r.seq || ',' || json_quote(coalesce(o.device_id, ''))"
        " || ']}'"
    )

    def pull_page(self, since: int, limit: int, device_id: str) -> tuple[str, int, int, bool]:
        """Ops after ``since`` (at most ``limit``) as the inside of a JSON array, leaving
        out ``device_id``'s own: (text, ops in it, last seq read, whether more follow)."""
        rows = (
            self.conn()
            .execute(
                f"SELECT seq, device_id, {self.PULL_JSON} FROM op WHERE seq > ?"
                " ORDER BY seq LIMIT ?",
                [since, limit + 1],
            )
            .fetchall()
        )
        more = len(rows) > limit
        rows = rows[:limit]
        others = [row[2] for row in rows if row[1] != device_id]
        return ",".join(others), len(others), (rows[-1][0] if rows else since), more

    def pull_rows(self, since: int, limit: int) -> list[tuple[int, str, str]]:
        """(seq, device, the op's wire JSON) of the ops after ``since``, in order."""
        return (
            self.conn()
            .execute(
                f"SELECT seq, device_id, {self.PULL_JSON} FROM op WHERE seq > ?"
                " ORDER BY seq LIMIT ?",
                [since, limit],
            )
            .fetchall()
        )

    def snapshot_json(
        self, after_tbl: str, after_id: str, limit: int
    ) -> tuple[str, tuple[str, str] | None, int]:
        """Live records after (tbl, id) as a JSON array body: the text, the resume point
        (``None`` on the last page) and the number of records."""
        rows = (
            self.conn()
            .execute(
                f"SELECT r.tbl, r.id, {self.SNAPSHOT_JSON} FROM record r"
                " LEFT JOIN op o ON o.seq = r.seq WHERE r.deleted_seq IS NULL"
                " AND (r.tbl, r.id) > (?, ?) ORDER BY r.tbl, r.id LIMIT ?",
                [after_tbl, after_id, limit + 1],
            )
            .fetchall()
        )
        more = len(rows) > limit
        rows = rows[:limit]
        after = (rows[-1][0], rows[-1][1]) if more else None
        return ",".join([row[2] for row in rows]), after, len(rows)

    AUDIT_OPS = (
        "SELECT seq, op_id, tbl, record_id, kind, fields FROM op WHERE seq BETWEEN ? AND ?"
        " UNION ALL SELECT seq, op_id, tbl, record_id, kind, fields FROM audit_op"
        " WHERE seq BETWEEN ? AND ? ORDER BY seq DESC LIMIT ?"
    )

    def audit_rows(
        self, *, username: str | None = None, since: str | None = None, limit: int = 100
    ) -> list[tuple[Any, ...]]:
        """The newest audit entries (oldest first): at, user, device, ip, op, table, record,
        kind, status, seq, reason, fields. A run of ops accepted as sent (one
        ``audit_log`` row, ``last_seq`` set) is spelled out from their op rows."""
        where, params = [], []
        if username:
            where.append("username = ?")
            params.append(username)
        if since:
            where.append("at >= ?")
            params.append(since)
        sql = (
            "SELECT at, username, device_id, ip, op_id, tbl, record_id, kind, status, seq,"
            " reason, fields, last_seq FROM audit_log"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY id DESC LIMIT ?"
        )
        conn = self.conn()
        newest: list[tuple[Any, ...]] = []  # newest first
        # Every log row is at least one entry: ``limit`` log rows are enough.
        for row in conn.execute(sql, [*params, limit]).fetchall():
            if len(newest) >= limit:
                break
            first, last = row[9], row[12]
            if last is None:
                newest.append(tuple(row[:12]))
                continue
            ops = conn.execute(
                self.AUDIT_OPS, [first, last, first, last, limit - len(newest)]
            ).fetchall()
            newest += [(*row[:4], *op[1:5], row[8], op[0], row[10], op[5]) for op in ops]
        return list(reversed(newest[:limit]))

    def conflicts(self) -> list[tuple[Any, ...]]:
        return (
            self.conn()
            .execute(
                "SELECT id, tbl, record_id, field, kind, mine, theirs, device_id, created_at,"
                " resolved_at FROM conflict ORDER BY id"
            )
            .fetchall()
        )


class SqliteStorage(Storage):
    """One SQLite file in WAL mode; a connection per thread."""

    backend = "sqlite"

    def __init__(self, data_dir: str | Path) -> None:
        self.path = Path(data_dir) / DB_NAME
        self.location = str(Path(data_dir))
        self._local = threading.local()
        self.write_lock = threading.Lock()

    # -- connections and schema ------------------------------------------------

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            # 64 MiB of page cache (default 2 MiB): pushes touch records all over the
            # (tbl, id) index; with the small default every batch re-reads its pages.
            conn.execute("PRAGMA cache_size = -65536")
            # Checkpoint every ~40 MB of WAL (default ~4 MB): a page that many pushes
            # change (the (tbl, id) index) is copied back to the database once, not per
            # few batches (the commits of a whole-log upload cost ~40 % less CPU).
            conn.execute("PRAGMA wal_autocheckpoint = 10000")
            self._local.conn = conn
        return conn

    def exists(self) -> bool:
        if not self.path.exists():
            return False
        row = (
            self.conn()
            .execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
            .fetchone()
        )
        return bool(row) and self.meta("server_id") is not None

    def create_private(self) -> None:
        """The data folder 700 and the database file 600, whatever the umask.

        SQLite gives the ``-wal`` and ``-shm`` files it creates later the mode of the
        database file, so they are 600 too.
        """
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
        os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        for suffix in ("", "-wal", "-shm"):
            file = Path(f"{self.path}{suffix}")
            if file.exists():
                os.chmod(file, 0o600)

    def migrate(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = self.conn()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        refuse_newer_schema(version, self.label)
        for index in range(version, len(MIGRATIONS)):
            with self.write():
                # Read again under the write lock: another worker may have just done it.
                if conn.execute("PRAGMA user_version").fetchone()[0] > index:
                    continue
                for statement in MIGRATIONS[index].split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {index + 1}")

    def schema_version(self) -> int:
        return int(self.conn().execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One serialised write transaction."""
        conn = self.conn()
        with self.write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
