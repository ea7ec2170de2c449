"""The matrix index kept between runs: read back as whole arrays instead of scanned.

At 100k tasks ``matrix_rows.load_matrix_index`` scans ~650k rows and sorts ~400k cells
(~2 s CPU); the same index read back from ``rows_cache`` is a few blob reads and C-level
``array.frombytes`` calls (~20 ms). It is a cache: local (never synced), written by the
window's load when the database is large (``CACHE_MIN_ITEMS``), used only while no matrix
table was written since (``schema_rows``: triggers on a delete or an update of what the
index reads bump ``rows_state``'s generation and mark it dirty; an insert changes the row
count or largest rowid kept with the index).

A stale index is brought up to date when that is exactly known (``updated_index``):
the triggers also record the plans each delete or update touches (``rows_dirty``), and
each table's deletes and lowest largest rowid since the index was kept, so the rows
inserted since are those above it (their plans read) and the count says whether any
other row was inserted; those plans' rows are read and spliced into the kept index
(``matrix_update``, ~0.3 s at 100k instead of ~1.5 s). A plan or unit renamed (its id),
a task of no known plan, a row replaced or inserted at a freed rowid: read whole.

The index is kept in the same transaction it was read in, as its last statement: the
write succeeds only when nothing was committed since the read began (SQLite refuses to
turn a read transaction on an older snapshot into a write), so what is kept is the
tables as they are. Its numbers are range-checked when kept and its data carries a CRC
checked when read back. Only the unfolded index is kept. Qt-free.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlite_utils import Database

from desktop.models.matrix_rows import (
    ROLES,
    CancelCheck,
    MatrixIndex,
    load_matrix_index,
    rowid_bounds,
)
from desktop.models.matrix_update import splice
from desktop.models.schema_rows import ROWS_TABLES, ROWS_TRIGGERS

#: A database with fewer work items loads its index without the cache (fast enough, and
#: nothing is written by a load).
CACHE_MIN_ITEMS = 20_000
#: The cache's format; a row of another version is not read (3: the columns narrowed,
#: ``matrix_rows.narrow_index``; 4: no cells by unit; an index of an older format is
#: read from the tables once again).
CACHE_VERSION = 4
CACHE_NAME = "matrix"
#: The index's array fields, kept as raw bytes in this order.
ARRAY_FIELDS = (
    "item_rowids",
    "task_rowids",
    "row_plan",
    "row_section",
    "cell_start",
    "cell_unit",
    "cell_role",
)
BYTE_FIELDS = ("archived", "row_roles")


def read_matrix_index(
    db: Database, check: CancelCheck | None = None
) -> tuple[MatrixIndex, Callable[[], bool] | None]:
    """``load_matrix_index(db, check=check)`` — from the cache when it is current, else
    the kept index updated (``updated_index``) or the tables — and, when it was not
    current and the database is large, ``keep``: call it as the last statement of the
    caller's read transaction to keep the index (False: not kept, something was written
    since the read began). Outside a transaction the index is read and kept in one of
    its own (``matrix_index``) and ``keep`` is None."""
    if not db.conn.in_transaction:
        return matrix_index(db, check), None
    if not _large(db):
        return load_matrix_index(db, check=check), None
    cached = read_cached_index(db)
    if cached is not None:
        return cached, None
    index = updated_index(db, check) or load_matrix_index(db, check=check)
    return index, partial(_keep, db, index)


def matrix_index(db: Database, check: CancelCheck | None = None) -> MatrixIndex:
    """``load_matrix_index(db, check=check)`` — from the cache when it is current, else
    updated or read and (a large database) kept, in one read transaction of its own.
    Inside the caller's transaction it reads without keeping."""
    conn = db.conn
    if conn.in_transaction or not _large(db):
        return read_cached_index(db) or load_matrix_index(db, check=check)
    conn.execute("BEGIN")
    try:
        index, keep = read_matrix_index(db, check)
        if keep is not None:
            keep()
        return index
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def _kept(
    db: Database, current: bool = False
) -> tuple[dict[str, int], dict[str, Any], bytes] | None:
    """(``rows_state``'s row by column, the kept header, the kept data) when an index
    of this format is kept and every trigger is in place as ``schema_rows`` creates it
    (``current``: and nothing was written since it was kept but rows inserted, checked
    before the kept data is read); else None."""
    try:
        cursor = db.execute("SELECT * FROM rows_state WHERE id = 1")
        row = cursor.fetchone()
        kept_gen = db.execute("SELECT gen FROM rows_cache WHERE name = ?", [CACHE_NAME]).fetchone()
        if row is None or kept_gen is None:
            return None
        state = dict(zip((c[0] for c in cursor.description), row, strict=True))
        if current and (state["dirty"] or kept_gen[0] != state["gen"]):
            return None
        triggers = dict(
            db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE 'rows\\_%' ESCAPE '\\'"
            ).fetchall()
        )
        if any(triggers.get(name) != sql for name, sql in ROWS_TRIGGERS.items()):
            return None  # a write could have passed unseen
        header_text, data = db.execute(
            "SELECT header, data FROM rows_cache WHERE name = ?", [CACHE_NAME]
        ).fetchone()
        header = json.loads(header_text)
    except (sqlite3.DatabaseError, ValueError, TypeError):  # not migrated; another format
        return None
    if not isinstance(header, dict) or header.get("version") != CACHE_VERSION:
        return None
    header["gen"] = kept_gen[0]
    return state, header, data


def read_cached_index(db: Database) -> MatrixIndex | None:
    """The kept index when it is current (nothing written since it was read), else None.
    The cheap checks first: the generation and flag, the triggers, the counts; the data
    last."""
    kept = _kept(db, current=True)
    if kept is None:
        return None
    _state, header, data = kept
    try:
        if header.get("tables") != table_marks(db):  # a row inserted since
            return None
        return decode(header, data)
    except (ValueError, KeyError, TypeError, AttributeError):  # another format
        return None


#: The plans of a table's rows inserted after a rowid (no trigger sees an insert).
_NEW_ROWS_PLANS = {
    "plan": "SELECT id FROM plan WHERE rowid > ?",
    "section": "SELECT DISTINCT t.plan_id FROM section s JOIN task t ON t.section_id = s.id"
    " WHERE s.rowid > ?",
    "task": "SELECT DISTINCT plan_id FROM task WHERE rowid > ?",
    "item": "SELECT DISTINCT t.plan_id FROM item i JOIN task t ON t.id = i.task_id"
    " WHERE i.rowid > ?",
    "unit": "SELECT DISTINCT t.plan_id FROM unit u JOIN assignment a ON a.unit_id = u.id"
    " JOIN item i ON i.id = a.item_id JOIN task t ON t.id = i.task_id WHERE u.rowid > ?",
    "assignment": "SELECT DISTINCT t.plan_id FROM assignment a JOIN item i ON i.id = a.item_id"
    " JOIN task t ON t.id = i.task_id WHERE a.rowid > ?",
}
#: Above this share of the plans written, the whole index is read (as fast).
UPDATE_MAX_SHARE = 0.5
#: Nor more plans than this (each one bound parameter; older SQLite builds allow 999).
UPDATE_MAX_PLANS = 900


def updated_index(db: Database, check: CancelCheck | None = None) -> MatrixIndex | None:
    """The kept index brought up to date when it is stale: the plans written since it
    was kept (``rows_dirty``, and those of rows inserted since: each table's rows above
    its kept largest rowid, their number checked against the kept count and the deletes
    counted since) read from the tables and spliced in (``matrix_update.splice``). None
    when that cannot be known exactly (a plan or unit deleted or renamed, a row inserted
    at a freed rowid or replaced, a task of no known plan, no index kept) or when most
    plans were written: then the tables are read whole."""
    kept = _kept(db)
    if kept is None:
        return None
    state, header, data = kept
    if state.get("whole", 1) or header["gen"] != state["gen"] - state["dirty"]:
        return None
    try:
        tables = header["tables"]
        written = {plan_id for (plan_id,) in db.execute("SELECT plan_id FROM rows_dirty")}
        for table, (count, _largest) in table_marks(db).items():
            # every row above the table's lowest largest rowid since is new; the count
            # tells whether a row was inserted below it (at a freed rowid) or replaced
            # (its delete fires no trigger)
            was_count, _was_largest = tables[table]
            low = state[f"low_{table}"]
            if low is None:
                return None
            added = db.execute(f"SELECT count(*) FROM [{table}] WHERE rowid > ?", [low]).fetchone()[
                0
            ]
            if count != was_count + added - state[f"del_{table}"]:
                return None
            if added:
                query = _NEW_ROWS_PLANS[table]
                written.update(plan_id for (plan_id,) in db.execute(query, [low]))
        plans = [plan_id for (plan_id,) in db.execute("SELECT id FROM plan")]
        gone = sorted(written.difference(plans))
        if len(gone) > UPDATE_MAX_PLANS or (
            gone
            and db.execute(  # a task of no known plan (with the first plan's rows)
                f"SELECT 1 FROM task WHERE plan_id IN ({', '.join('?' * len(gone))}) LIMIT 1", gone
            ).fetchone()
        ):
            return None
        index = decode(header, data)
    except (ValueError, KeyError, TypeError, AttributeError):  # another format
        return None
    reread = sorted((written | set(plans).difference(index.plan_ids)).intersection(plans))
    if len(reread) > min(UPDATE_MAX_SHARE * len(plans), UPDATE_MAX_PLANS):
        return None
    fresh = load_matrix_index(db, check=check, plans=reread)
    return splice(index, fresh, written)


def table_marks(db: Database) -> dict[str, list[int]]:
    """[row count, largest rowid] of each table the index reads: an insert changes one
    (a delete or an update is seen by the triggers)."""
    marks: dict[str, list[int]] = {}
    for table, _columns in ROWS_TABLES:
        _smallest, largest, count = rowid_bounds(db, table)
        marks[table] = [count, largest]
    return marks


def encode(index: MatrixIndex, tables: dict[str, list[int]]) -> tuple[str, bytes]:
    """(JSON header, data) of an unfolded index read when the tables' marks were
    ``tables`` (``table_marks``)."""
    assert not index.folded_under, "only the unfolded index is kept"
    arrays: list[list[Any]] = []
    parts: list[bytes] = []
    for name in ARRAY_FIELDS:
        values: array = getattr(index, name)
        arrays.append([name, values.typecode, values.itemsize, len(values)])
        parts.append(values.tobytes())
    for name in BYTE_FIELDS:
        data = bytes(getattr(index, name))
        arrays.append([name, "B", 1, len(data)])
        parts.append(data)
    header = {
        "version": CACHE_VERSION,
        "arrays": arrays,
        "plan_ids": index.plan_ids,
        "section_ids": index.section_ids,
        "units": index.units,
        "task_count": index.task_count,
        "orphan_tasks": index.orphan_tasks,
        "tables": tables,
    }
    data = b"".join(parts)
    header["crc"] = zlib.crc32(data)
    return json.dumps(header, ensure_ascii=False), data


def decode(header: dict[str, Any], data: bytes) -> MatrixIndex:
    """The index ``encode`` wrote (its header read); ValueError when the data does not
    fit the header."""
    if header["version"] != CACHE_VERSION:
        raise ValueError("another cache version")
    if zlib.crc32(data) != header["crc"]:  # ~1.5 ms at 100k
        raise ValueError("the data was changed since it was kept")  # (its ranges: when kept)
    index = MatrixIndex()
    view = memoryview(data)
    at = 0
    expected = {name: None for name in (*ARRAY_FIELDS, *BYTE_FIELDS)}
    for name, typecode, itemsize, count in header["arrays"]:
        if name not in expected:
            raise ValueError(f"unknown field {name}")
        end = at + itemsize * count
        if name in BYTE_FIELDS:
            setattr(index, name, bytearray(view[at:end]))
        else:
            values = array(typecode)
            if values.itemsize != itemsize:
                raise ValueError("another machine's integer sizes")
            values.frombytes(view[at:end])
            setattr(index, name, values)
        at = end
        del expected[name]
    if expected or at != len(data):
        raise ValueError("fields missing or data left over")
    index.plan_ids = list(header["plan_ids"])
    index.section_ids = list(header["section_ids"])
    index.units = [tuple(unit) for unit in header["units"]]
    index.task_count = int(header["task_count"])
    index.orphan_tasks = int(header["orphan_tasks"])
    rows = len(index.item_rowids)
    if not (
        len(index.task_rowids) == len(index.row_plan) == len(index.row_section) == rows
        and len(index.archived) == len(index.row_roles) == rows
        and len(index.cell_start) == rows + 1
        and index.cell_start[-1] == len(index.cell_unit) == len(index.cell_role)
    ):
        raise ValueError("inconsistent lengths")
    return index


def _below(values: array, end: int) -> bool:
    """Every value of an integer array in ``range(end)`` (one C-level pass: its bytes read
    as unsigned, a negative value is above any ``end``)."""
    if not values:
        return True
    unsigned = array(values.typecode.upper())
    unsigned.frombytes(values.tobytes())
    return max(unsigned) < end


def check_ranges(index: MatrixIndex) -> None:
    """ValueError unless every number names what it indexes (a plan, section, unit, row,
    role, cell). Checked when an index is kept (~15 ms at 100k, on the worker), not when
    it is read back: the data read is the data written (its CRC), so in range."""
    rows, units = len(index), len(index.units)
    roles = bytes(range(len(ROLES)))
    role_bits = bytes(range(1 << len(ROLES)))
    cells = len(index.cell_unit)
    if rows and not (
        _below(index.row_plan, len(index.plan_ids))
        and min(index.row_section) >= -1
        and max(index.row_section) < len(index.section_ids)
    ):
        raise ValueError("a row's plan or section out of range")
    if not (
        _below(index.cell_unit, units)
        and not bytes(index.cell_role).translate(None, roles)
        and not bytes(index.archived).translate(None, b"\x00\x01")
        and not bytes(index.row_roles).translate(None, role_bits)
        and index.cell_start[0] == 0
        and _below(index.cell_start, cells + 1)
    ):
        raise ValueError("a cell out of range")


def _large(db: Database) -> bool:
    row = db.execute("SELECT max(rowid) FROM item").fetchone()
    return row is not None and row[0] is not None and row[0] >= CACHE_MIN_ITEMS


def _keep(db: Database, index: MatrixIndex) -> bool:
    """Keep ``index``, read in the transaction open now, as the tables' current index:
    a new generation, clean. False when the database cannot be written (read-only,
    locked) or was written since the transaction's snapshot (SQLite's busy snapshot)."""
    try:
        check_ranges(index)
    except ValueError:  # never kept: read from the tables next time
        return False
    marks = table_marks(db)
    header, data = encode(index, marks)
    try:
        db.execute(
            "UPDATE rows_state SET gen = gen + 1, dirty = 0, whole = 0, "
            + ", ".join(
                f"del_{table} = 0, low_{table} = {int(marks[table][1])}"
                for table, _columns in ROWS_TABLES
            )
            + " WHERE id = 1"
        )
        db.execute("DELETE FROM rows_dirty")
        (gen,) = db.execute("SELECT gen FROM rows_state WHERE id = 1").fetchone()
        db.execute(
            "INSERT OR REPLACE INTO rows_cache (name, gen, header, data) VALUES (?, ?, ?, ?)",
            [CACHE_NAME, gen, header, data],
        )
    except sqlite3.DatabaseError:
        return False
    return True
