"""Transactions that log every write for sync (``Tx``), used by the store actions.

Every insert/update/delete of a synced table also appends an op to
``change_log`` (the sync outbox) in the same transaction. Columns listed in
``schema.LOCAL_COLUMNS`` are written but never logged.

Every inserted or updated value is first checked against the schema registry
(``sync.records``, the same rules the sync server applies): kinds, sizes,
control characters, real dates, required columns and references to records
that exist. A violation raises ``InvalidRecord`` (a ``UserError`` naming the
record and the field) before anything of the row is written; the surrounding
``Store.action`` then rolls the whole action back.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from json.encoder import encode_basestring
from typing import Any

from sqlite_utils import Database

from desktop.errors import NotFound, UserError
from desktop.models.ids import new_id
from desktop.models.schema_registry import APPEND_ONLY, SYNCED_TABLES, wire_columns
from sync import record_batches, records
from sync.ids import utc_now


class InvalidRecord(UserError):
    """A record the schema registry refuses; the message names the record and field."""

    def __init__(
        self, table: str, record_id: Any, row: Mapping[str, Any], problem: records.Problem
    ) -> None:
        super().__init__(problem.about(records.describe_record(table, record_id, row)))
        self.table = table
        self.column = problem.column


class Written(frozenset[str]):
    """The tables an action wrote (what the store's listeners are given) and, of each
    table whose rows it only updated, the columns it changed per record id
    (``updated``). A table with a row inserted or deleted, or with more than
    ``UPDATES_NAMED`` rows updated, is not in ``updated``: any of its rows may differ."""

    updated: Mapping[str, Mapping[str, frozenset[str]]]

    def __new__(
        cls,
        tables: Iterable[str] = (),
        updated: Mapping[str, Mapping[str, frozenset[str]]] | None = None,
    ) -> Written:
        written = super().__new__(cls, tables)
        written.updated = updated or {}
        return written


UPDATES_NAMED = 1000  # rows updated per table whose columns an action names


class Tx:
    """The write handle of one action. Every write is logged for sync."""

    def __init__(self, db: Database, action: str) -> None:
        self.db = db
        self.action = action
        self.tables: set[str] = set()
        # of each table whose rows were only updated: record id → the columns changed
        # (``Written.updated``); the tables with rows inserted or deleted
        self._updated: dict[str, dict[str, set[str]]] = {}
        self._rows_changed: set[str] = set()
        self._base_seq = int(
            (db.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone() or [0])[0]
            or 0
        )
        self._now = utc_now()
        self._known: set[tuple[str, str]] = set()  # references found (cleared on delete)

    def written(self) -> Written:
        """What the action wrote so far (``Written``)."""
        return Written(
            self.tables,
            {
                table: {record_id: frozenset(columns) for record_id, columns in rows.items()}
                for table, rows in self._updated.items()
            },
        )

    def _rows_written(self, table: str) -> None:
        """Rows of ``table`` were inserted or deleted (or too many updated to name them):
        which of its rows and columns changed is not said."""
        self.tables.add(table)
        self._rows_changed.add(table)
        self._updated.pop(table, None)

    def forget_checked(self) -> None:
        """Forget the references found so far (a streamed import calls this between
        batches, so the action's memory does not grow with the file); later checks
        ask the database."""
        self._known.clear()

    def _log(self, rows: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
        self._log_encoded(
            (table, record_id, kind, _dump(fields)) for table, record_id, kind, fields in rows
        )

    def _log_encoded(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """Ops whose fields are JSON text already (``_dump`` / ``fields_json``)."""
        self.db.conn.executemany(
            "INSERT INTO change_log (op_id, action, tbl, record_id, kind, fields, base_seq,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (new_id(), self.action, table, record_id, kind, fields, self._base_seq, self._now)
                for table, record_id, kind, fields in rows
            ],
        )

    def _check(
        self,
        table: str,
        record_id: Any,
        fields: Mapping[str, Any],
        *,
        insert: bool,
        row: Mapping[str, Any] | None = None,
        batch: frozenset[str] = frozenset(),
        named: bool = True,
    ) -> None:
        """Refuse what the registry refuses (see the module docstring)."""
        problem = records.check_fields(table, fields, insert=insert, wire=False)
        if problem is None and insert:
            problem = records.check_id(table, record_id)
        if problem is None:

            def exists(target: str, ref_id: str) -> bool:
                return (target == table and ref_id in batch) or self._exists(target, ref_id)

            problem = records.check_references(table, fields, exists)
        if problem is not None:
            if row is None:
                row = dict(fields)
                title = records.TABLES[table].title_column if table in records.TABLES else None
                if title and title not in fields:
                    found = self.db.execute(
                        f"SELECT [{title}] FROM [{table}] WHERE id = ?", [record_id]
                    ).fetchone()
                    row[title] = found[0] if found else None
            raise InvalidRecord(table, record_id if named else None, row, problem)

    def _prefetch(self, table: str, references: dict[str, set[str]], batch: frozenset[str]) -> None:
        """Look up every reference of a batch of rows (``record_batches.reference_ids``)
        at once: one query per referenced table.

        Found records join ``_known``, so the per-row check that follows needs no
        round trip to SQLite; a missing one is looked up (and refused) as before.
        """
        for target, ids in references.items():
            if target not in SYNCED_TABLES:
                continue
            pending = [
                ref_id
                for ref_id in ids
                if (target, ref_id) not in self._known and not (target == table and ref_id in batch)
            ]
            for start in range(0, len(pending), _LOOKUP_CHUNK):
                chunk = pending[start : start + _LOOKUP_CHUNK]
                found = self.db.execute(
                    f"SELECT id FROM [{target}] WHERE id IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                self._known.update((target, ref_id) for (ref_id,) in found)

    def _references_known(
        self, table: str, references: dict[str, set[str]], batch: frozenset[str]
    ) -> bool:
        """Every checked reference of the rows names a record found so far (or one of
        the batch): what ``_check`` would find, without asking again."""
        known = self._known
        for target, ids in references.items():
            if target == table:
                ids = ids - batch
            if any((target, ref_id) not in known for ref_id in ids):
                return False
        return True

    def _exists(self, table: str, record_id: str) -> bool:
        key = (table, record_id)
        if key not in self._known:
            found = self.db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", [record_id]).fetchone()
            if not found:
                return False
            self._known.add(key)
        return True

    @staticmethod
    def _columns(table: str) -> tuple[str, ...]:
        try:
            return SYNCED_TABLES[table]
        except KeyError:
            raise ValueError(f"not a synced table: {table}") from None

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[str]:
        """Insert rows (each may carry its own ``id``); returns the ids."""
        if not rows:
            return []
        columns = self._columns(table)
        batch = frozenset(row["id"] for row in rows if isinstance(row.get("id"), str))
        named = [("id" in row) for row in rows]  # a generated id means nothing to the user
        for row, has_id in zip(rows, named, strict=True):
            if not has_id:
                row["id"] = new_id()
        # Many rows: the references looked up at once, and the rows checked a column at
        # a time; only when that finds (or may find) a problem, row by row for its message.
        references = record_batches.reference_ids(table, rows) if len(rows) > 1 else None
        if references is not None:
            self._prefetch(table, references, batch)
        if not (
            references is not None
            and record_batches.rows_clean(table, rows, insert=True, wire=False)
            and self._references_known(table, references, batch)
        ):
            for row, has_id in zip(rows, named, strict=True):
                fields = {k: v for k, v in row.items() if k != "id"}
                self._check(
                    table, row["id"], fields, insert=True, row=row, batch=batch, named=has_id
                )
        # Columns no row mentions keep their schema DEFAULT (here and on every
        # client that applies the logged insert, which carries the same columns).
        mentioned = set().union(*rows)
        given = [c for c in columns if c in mentioned]
        names = ("id", *given)
        self.db.conn.executemany(
            f"INSERT INTO [{table}] ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [tuple(row.get(name) for name in names) for row in rows],
        )
        self._known.update((table, row["id"]) for row in rows)  # now they exist
        wire = [c for c in wire_columns(table) if c in given]
        self._log_encoded(
            (table, row["id"], "insert", text)
            for row, text in zip(rows, fields_json(wire, rows), strict=True)
        )
        self._rows_written(table)
        return [row["id"] for row in rows]

    def insert(self, table: str, row: dict[str, Any]) -> str:
        return self.insert_many(table, [row])[0]

    def update(self, table: str, record_id: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Set fields; only values that really change are written and logged."""
        self._columns(table)
        if "id" in fields:
            raise ValueError("a record's id cannot be changed")
        if table in APPEND_ONLY:
            raise UserError("该记录只能追加，不能修改：如有错误请提交更正。")
        self._check(table, record_id, fields, insert=False)
        current = self.db.execute(
            f"SELECT {', '.join(fields)} FROM [{table}] WHERE id = ?", [record_id]
        ).fetchone()
        if current is None:
            raise NotFound(f"记录不存在：{table} {record_id}")
        changed = {
            name: fields[name]
            for name, old in zip(fields, current, strict=True)
            if fields[name] != old
        }
        if changed:
            assignments = ", ".join(f"[{name}] = ?" for name in changed)
            self.db.execute(
                f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*changed.values(), record_id]
            )
            wire = wire_columns(table)
            logged = {name: value for name, value in changed.items() if name in wire}
            if logged:
                self._log([(table, record_id, "update", logged)])
            self.tables.add(table)
            if table not in self._rows_changed:
                rows = self._updated.setdefault(table, {})
                if record_id in rows or len(rows) < UPDATES_NAMED:
                    rows.setdefault(record_id, set()).update(changed)
                else:
                    self._rows_written(table)
        return changed

    def delete(self, table: str, record_id: str) -> None:
        """Delete a row and, first, log what SQLite would cascade.

        Children under ``ON DELETE CASCADE`` are deleted (and logged) one by one,
        ``ON DELETE SET NULL`` references are cleared with a logged update, so
        other clients see exactly what happened here.
        """
        self._columns(table)
        for child, column, on_delete in _dependents(self.db, table):
            rows = self.db.execute(
                f"SELECT id FROM [{child}] WHERE [{column}] = ?", [record_id]
            ).fetchall()
            for (child_id,) in rows:
                if on_delete == "CASCADE":
                    self.delete(child, child_id)
                elif on_delete == "SET NULL":
                    self.update(child, child_id, {column: None})
        self._known.discard((table, record_id))
        cursor = self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [record_id])
        if cursor.rowcount:
            self._log([(table, record_id, "delete", {})])
            self._rows_written(table)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dump(fields: Mapping[str, Any]) -> str:
    """An op's fields as the change log stores them (compact JSON, UTF-8 as is)."""
    return _ENCODER.encode(fields)


def _value_json(value: Any) -> str:
    if value is None:
        return "null"
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value)  # what the encoder writes for a finite float
    return _ENCODER.encode(value)


def fields_json(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """``_dump({c: row.get(c) for c in columns})`` of every row, the same text, built a
    column at a time (a bulk insert of thousands of rows logs thousands of ops)."""
    if not columns:
        return ["{}"] * len(rows)
    encoded: list[Iterable[str]] = []
    for column in columns:
        values: list[Any] = [row.get(column) for row in rows]
        key = _ENCODER.encode(column) + ":"
        if set(map(type, values)) == {str}:
            texts: Iterable[str] = map(encode_basestring, values)
        else:
            texts = map(_value_json, values)
        encoded.append(map(key.__add__, texts))
    return ["{" + ",".join(parts) + "}" for parts in zip(*encoded, strict=True)]


_LOOKUP_CHUNK = 500  # ids per reference lookup (SQLite allows 32,766 parameters)

_DEPENDENTS: dict[tuple[int, str], list[tuple[str, str, str]]] = {}


def _dependents(db: Database, table: str) -> list[tuple[str, str, str]]:
    """Synced tables referencing ``table``: (child, column, on_delete action)."""
    key = (id(db.conn), table)
    if key not in _DEPENDENTS:
        found = []
        for child in SYNCED_TABLES:
            for fk in db.execute(f"PRAGMA foreign_key_list([{child}])").fetchall():
                # (id, seq, table, from, to, on_update, on_delete, match)
                if fk[2] == table and fk[6] in ("CASCADE", "SET NULL"):
                    found.append((child, fk[3], fk[6]))
        _DEPENDENTS[key] = found
    return _DEPENDENTS[key]
