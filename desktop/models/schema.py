"""The local database schema, as ordered sqlite-utils migrations.

Migrations are registered per migration set. A database that has applied a
migration this build does not know was written by a newer Liandong and is
refused (see ``desktop.models.db.open_database``). This module holds the core
tables and the building blocks; each feature's ``schema_*`` module adds its own
migration functions to ``MIGRATIONS`` (names must stay unique and the order
append-only). Which feature modules exist, and in which order their migrations
run, is said in one place: ``desktop.models.schema_registry``, which is also
what the rest of the app imports the assembled schema from.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from sync import records
from sync.fields import Spec

MIGRATION_SET = "liandong"
MIGRATIONS = Migrations(MIGRATION_SET)

# The synced tables and their columns are declared once, in ``sync.records`` (shared
# with the sync server, which validates every op against it). ``SYNCED_TABLES`` maps
# each to its columns other than ``id`` (a live view of the registry); the store logs
# every insert/update/delete of these to ``change_log`` and validates every value.
SYNCED_TABLES = records.ColumnsView()

# Columns written through the store but never sent to the server: facts about
# this copy (when and from which file it was imported), which would otherwise
# turn the same plan imported in two offices into a conflict.
LOCAL_COLUMNS = records.LocalView()

# A quantitative target's columns, shared by task targets and plan-level goals.
TARGET_COLUMNS = tuple(records.TABLES["plan_goal"].columns)[1:]


def synced(table: str, *columns: str | tuple[str, Spec]) -> None:
    """Register a synced table (or more columns of one) on this desktop.

    Plain names get the lenient default kind (``sync.fields.Scalar``); pass
    ``(name, spec)`` for a declared kind. Tables registered only here are
    unknown to the server until declared in ``sync.records``.
    """
    records.declare_names(table, columns)


# Columns naming a unit without a foreign key (feature tables register them):
# merging two units re-points them to the unit that stays.
UNIT_REFERENCES: list[tuple[str, str]] = []


def references_unit(table: str, column: str) -> None:
    UNIT_REFERENCES.append((table, column))


# Append-only synced tables (declared ``append_only`` in ``sync.records``, so the
# server knows them too): rows are inserted (and may be deleted) but never changed.
# ``Tx.update`` refuses them, and ``append_only_trigger`` makes SQLite refuse any
# UPDATE that changes a value (identical re-writes, such as a replayed insert
# arriving by sync, pass).
class _AppendOnlyTables(AbstractSet[str]):
    def __contains__(self, table: object) -> bool:
        return table in records.append_only_tables()

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(records.append_only_tables()))

    def __len__(self) -> int:
        return len(records.append_only_tables())


APPEND_ONLY = _AppendOnlyTables()


def append_only(table: str) -> None:
    """Mark a synced table append-only (a table declared only on this desktop)."""
    records.TABLES[table].append_only = True


def append_only_trigger(db: Database, table: str) -> None:
    """(Re)create the trigger refusing changes to ``table``'s rows, covering
    every column it has now: a migration adding a column to an append-only
    table calls this again."""
    columns = [row[1] for row in db.execute(f"PRAGMA table_info([{table}])").fetchall()]
    if not columns:
        return  # not created yet: the migration creating the table adds its trigger
    changed = " OR ".join(f"OLD.[{c}] IS NOT NEW.[{c}]" for c in columns)
    db.execute(f"DROP TRIGGER IF EXISTS [{table}_append_only]")
    db.execute(
        f"CREATE TRIGGER [{table}_append_only] BEFORE UPDATE ON [{table}]"
        f" WHEN {changed} BEGIN"
        f" SELECT RAISE(ABORT, 'append-only table {table}: rows are never changed'); END"
    )


def wire_columns(table: str) -> tuple[str, ...]:
    """The columns of a synced table that travel in sync ops."""
    return records.wire_columns(table)


def run_script(db: Database, script: str) -> None:
    """Execute a multi-statement script inside the current transaction.

    ``sqlite3.Connection.executescript`` commits first, which would break the
    migration's transaction; this splits on complete statements instead.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            db.execute(buffer)
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement: {buffer[:80]!r}")


@MIGRATIONS(name="0001_core")
def _core(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE plan (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            doc_no TEXT NOT NULL DEFAULT '',
            issuer TEXT NOT NULL DEFAULT '',
            index_no TEXT NOT NULL DEFAULT '',
            written_date TEXT,
            published_date TEXT,
            source_name TEXT NOT NULL DEFAULT '',
            source_text TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL DEFAULT '',
            imported_at TEXT
        );
        CREATE INDEX plan_fingerprint ON plan(fingerprint);
        CREATE INDEX plan_doc_no ON plan(doc_no);

        CREATE TABLE section (
            id TEXT PRIMARY KEY,
            plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            parent_id TEXT REFERENCES section(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            level INTEGER NOT NULL,
            no TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX section_plan ON section(plan_id, position);

        CREATE TABLE task (
            id TEXT PRIMARY KEY,
            plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            section_id TEXT REFERENCES section(id) ON DELETE SET NULL,
            no INTEGER NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            span_start INTEGER,
            span_end INTEGER
        );
        CREATE INDEX task_plan_no ON task(plan_id, no);
        CREATE INDEX task_section ON task(section_id);

        CREATE TABLE item (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL DEFAULT '',
            attribution TEXT NOT NULL DEFAULT '',
            span_start INTEGER,
            span_end INTEGER
        );
        CREATE INDEX item_task ON item(task_id, position);

        CREATE TABLE unit (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'other',
            aliases TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX unit_name ON unit(name);

        CREATE TABLE assignment (
            id TEXT PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES item(id) ON DELETE CASCADE,
            unit_id TEXT NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('lead', 'support', 'responsible')),
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX assignment_item ON assignment(item_id, position);
        CREATE INDEX assignment_unit ON assignment(unit_id, role);

        CREATE TABLE target (
            id TEXT PRIMARY KEY,
            task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            item_id TEXT REFERENCES item(id) ON DELETE SET NULL,
            position INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL DEFAULT '',
            metric TEXT NOT NULL DEFAULT '',
            comparator TEXT NOT NULL DEFAULT '>=',
            value REAL,
            uom TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            span_start INTEGER,
            span_end INTEGER
        );
        CREATE INDEX target_task ON target(task_id, position);

        CREATE TABLE plan_warning (
            id TEXT PRIMARY KEY,
            plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            message TEXT NOT NULL
        );
        CREATE INDEX plan_warning_plan ON plan_warning(plan_id, position);

        -- Every local change, in order: the sync outbox. acked_seq is the
        -- server's global sequence number once the server accepted the op.
        CREATE TABLE change_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            op_id TEXT NOT NULL UNIQUE,
            action TEXT NOT NULL,
            tbl TEXT NOT NULL,
            record_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
            fields TEXT NOT NULL DEFAULT '{}',
            base_seq INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            acked_seq INTEGER
        );
        CREATE INDEX change_log_pending ON change_log(seq) WHERE acked_seq IS NULL;
        CREATE INDEX change_log_record ON change_log(tbl, record_id);

        CREATE TABLE sync_state (
            key TEXT PRIMARY KEY,
            value TEXT
        );

        -- Full-text search over tasks (trigram: substring search works for
        -- Chinese, which has no spaces; queries shorter than 3 characters
        -- fall back to instr()).
        CREATE VIRTUAL TABLE task_fts USING fts5(
            title, text, content='task', content_rowid='rowid', tokenize='trigram'
        );
        CREATE TRIGGER task_fts_ai AFTER INSERT ON task BEGIN
            INSERT INTO task_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER task_fts_ad AFTER DELETE ON task BEGIN
            INSERT INTO task_fts(task_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER task_fts_au AFTER UPDATE OF title, text ON task BEGIN
            INSERT INTO task_fts(task_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO task_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        """,
    )


@MIGRATIONS(name="0002_plan_goals")
def _plan_goals(db: Database) -> None:
    """Plan-level quantitative goals (发展目标), outside any task."""
    run_script(
        db,
        """
        CREATE TABLE plan_goal (
            id TEXT PRIMARY KEY,
            plan_id TEXT NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            text TEXT NOT NULL DEFAULT '',
            metric TEXT NOT NULL DEFAULT '',
            comparator TEXT NOT NULL DEFAULT '>=',
            value REAL,
            uom TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            span_start INTEGER,
            span_end INTEGER
        );
        CREATE INDEX plan_goal_plan ON plan_goal(plan_id, position);
        """,
    )
