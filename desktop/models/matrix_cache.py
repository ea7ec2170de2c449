"""The matrix index kept between runs: read back as whole arrays instead of scanned.

At 100k tasks ``matrix_rows.load_matrix_index`` scans ~650k rows and sorts ~400k cells
(~2 s CPU); the same index read back from ``rows_cache`` is a few blob reads and C-level
``array.frombytes`` calls (~20 ms). It is a cache: local (never synced), written by the
window's load when the database is large (``CACHE_MIN_ITEMS``), used only while no matrix
table was written since (``schema_rows``: triggers on a delete or an update of what the
index reads bump ``rows_state``'s generation and mark it dirty; an insert changes the row
count or largest rowid kept with the index).

The index is kept in the same transaction it was read in, as its last statement: the
write succeeds only when nothing was committed since the read began (SQLite refuses to
turn a read transaction on an older snapshot into a write), so what is kept is the
tables as they are. Only the unfolded index is kept. Qt-free.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlite_utils import Database

from desktop.models.matrix_rows import CancelCheck, MatrixIndex, load_matrix_index
from desktop.models.schema_rows import ROWS_TABLES, ROWS_TRIGGERS

#: A database with fewer work items loads its index without the cache (fast enough, and
#: nothing is written by a load).
CACHE_MIN_ITEMS = 20_000
#: The cache's format; a row of another version is not read.
CACHE_VERSION = 1
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
    "unit_start",
    "unit_rows",
    "unit_roles",
)
BYTE_FIELDS = ("archived", "row_roles")


def read_matrix_index(
    db: Database, check: CancelCheck | None = None
) -> tuple[MatrixIndex, Callable[[], bool] | None]:
    """``load_matrix_index(db, check=check)`` — from the cache when it is current —
    and, when it was read from the tables of a large database, ``keep``: call it as the
    last statement of the caller's read transaction to keep the index (False: not kept,
    something was written since the read began). Outside a transaction the index is
    read and kept in one of its own (``matrix_index``) and ``keep`` is None."""
    if not db.conn.in_transaction:
        return matrix_index(db, check), None
    if not _large(db):
        return load_matrix_index(db, check=check), None
    cached = read_cached_index(db)
    if cached is not None:
        return cached, None
    index = load_matrix_index(db, check=check)
    return index, partial(_keep, db, index)


def matrix_index(db: Database, check: CancelCheck | None = None) -> MatrixIndex:
    """``load_matrix_index(db, check=check)`` — from the cache when it is current, else
    read and (a large database) kept, in one read transaction of its own. Inside the
    caller's transaction it reads without keeping."""
    conn = db.conn
    if conn.in_transaction or not _large(db):
        return read_cached_index(db) or load_matrix_index(db, check=check)
    conn.execute("BEGIN")
    try:
        cached = read_cached_index(db)
        if cached is not None:
            return cached
        index = load_matrix_index(db, check=check)
        _keep(db, index)
        return index
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def read_cached_index(db: Database) -> MatrixIndex | None:
    """The kept index when it is current (nothing written since it was read), else None.
    The cheap checks first: the generation and flag, the triggers, the counts; the data
    last."""
    try:
        state = db.execute("SELECT gen, dirty FROM rows_state WHERE id = 1").fetchone()
        kept = db.execute("SELECT gen FROM rows_cache WHERE name = ?", [CACHE_NAME]).fetchone()
        if state is None or kept is None or state[1] or kept[0] != state[0]:
            return None
        triggers = {
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rows\\_%'"
                " ESCAPE '\\'"
            )
        }
        if not set(ROWS_TRIGGERS) <= triggers:  # a write could have passed unseen
            return None
        header_text, data = db.execute(
            "SELECT header, data FROM rows_cache WHERE name = ?", [CACHE_NAME]
        ).fetchone()
    except sqlite3.DatabaseError:  # no cache tables (a database not migrated yet)
        return None
    try:
        header = json.loads(header_text)
        if header.get("tables") != table_marks(db):  # a row inserted since
            return None
        return decode(header, data)
    except (ValueError, KeyError, TypeError, AttributeError):  # another format
        return None


def table_marks(db: Database) -> dict[str, list[int]]:
    """[row count, largest rowid] of each table the index reads: an insert changes one
    (a delete or an update is seen by the triggers)."""
    marks: dict[str, list[int]] = {}
    for table, _columns in ROWS_TABLES:
        count, largest = db.execute(f"SELECT count(*), max(rowid) FROM [{table}]").fetchone()
        marks[table] = [int(count), int(largest or 0)]
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
        "tables": tables,
    }
    return json.dumps(header, ensure_ascii=False), b"".join(parts)


def decode(header: dict[str, Any], data: bytes) -> MatrixIndex:
    """The index ``encode`` wrote (its header read); ValueError when the data does not
    fit the header."""
    if header["version"] != CACHE_VERSION:
        raise ValueError("another cache version")
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
    rows = len(index.item_rowids)
    if not (
        len(index.task_rowids) == len(index.row_plan) == len(index.row_section) == rows
        and len(index.archived) == len(index.row_roles) == rows
        and len(index.cell_start) == rows + 1
        and index.cell_start[-1] == len(index.cell_unit) == len(index.cell_role)
        and len(index.unit_start) == len(index.units) + 1
        and index.unit_start[-1] == len(index.unit_rows) == len(index.unit_roles)
    ):
        raise ValueError("inconsistent lengths")
    return index


def _large(db: Database) -> bool:
    row = db.execute("SELECT max(rowid) FROM item").fetchone()
    return row is not None and row[0] is not None and row[0] >= CACHE_MIN_ITEMS


def _keep(db: Database, index: MatrixIndex) -> bool:
    """Keep ``index``, read in the transaction open now, as the tables' current index:
    a new generation, clean. False when the database cannot be written (read-only,
    locked) or was written since the transaction's snapshot (SQLite's busy snapshot)."""
    header, data = encode(index, table_marks(db))
    try:
        db.execute("UPDATE rows_state SET gen = gen + 1, dirty = 0 WHERE id = 1")
        (gen,) = db.execute("SELECT gen FROM rows_state WHERE id = 1").fetchone()
        db.execute(
            "INSERT OR REPLACE INTO rows_cache (name, gen, header, data) VALUES (?, ?, ?, ?)",
            [CACHE_NAME, gen, header, data],
        )
    except sqlite3.DatabaseError:
        return False
    return True
