"""The matrix index kept between runs: read back as whole arrays instead of scanned.

At 100k tasks ``matrix_rows.load_matrix_index`` scans ~650k rows and sorts ~400k cells
(~2 s CPU); the same index read back from ``rows_cache`` is a few blob reads and C-level
``array.frombytes`` calls. It is a cache: local (never synced), written by the window's
load when the database is large (``CACHE_MIN_ITEMS``), used only while no matrix table was
written since it was read (``schema_rows``: triggers on every table the index reads mark
``rows_state`` dirty and bump its generation).

Writing it is guarded so a load that overlaps a write never stores what it read:
the loader first resets ``rows_state`` (new generation, clean), then reads, then stores
the index only if the generation is still its own and still clean — any matrix write in
between (this process or another) set the flag, and a second loader's reset changed the
generation. Only the unfolded index is kept. Qt-free.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from typing import Any

from sqlite_utils import Database

from desktop.models.matrix_rows import CancelCheck, MatrixIndex, load_matrix_index
from desktop.models.schema_rows import ROWS_TRIGGERS

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


def matrix_index(db: Database, check: CancelCheck | None = None) -> MatrixIndex:
    """``load_matrix_index(db, check=check)`` — from the cache when it is current, else
    read and (a large database) kept for the next run."""
    if db.conn.in_transaction or not _large(db):  # the cache's writes commit alone
        return load_matrix_index(db, check=check)
    cached = read_cached_index(db)
    if cached is not None:
        return cached
    token = _reset(db)
    index = load_matrix_index(db, check=check)
    if token is not None:
        _store(db, token, index)
    return index


def read_cached_index(db: Database) -> MatrixIndex | None:
    """The kept index when it is current (nothing written since it was read), else None."""
    try:
        state = db.execute("SELECT gen, dirty FROM rows_state WHERE id = 1").fetchone()
        row = db.execute(
            "SELECT gen, header, data FROM rows_cache WHERE name = ?", [CACHE_NAME]
        ).fetchone()
        triggers = {
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rows\\_%'"
                " ESCAPE '\\'"
            )
        }
    except sqlite3.DatabaseError:  # no cache tables (a database not migrated yet)
        return None
    if state is None or row is None or state[1] or row[0] != state[0]:
        return None
    if not set(ROWS_TRIGGERS) <= triggers:  # a write could have passed unseen
        return None
    try:
        return decode(row[1], row[2])
    except (ValueError, KeyError, TypeError):  # another format: read the tables
        return None


def encode(index: MatrixIndex) -> tuple[str, bytes]:
    """(JSON header, data) of an unfolded index."""
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
    }
    return json.dumps(header, ensure_ascii=False), b"".join(parts)


def decode(header_text: str, data: bytes) -> MatrixIndex:
    """The index ``encode`` wrote; ValueError when the data does not fit the header."""
    header = json.loads(header_text)
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


def _reset(db: Database) -> int | None:
    """Start a generation (clean) before a read; None when the database cannot be
    written (read-only, locked, not migrated): the index is then not kept."""
    try:
        with _immediate(db):
            db.execute("UPDATE rows_state SET gen = gen + 1, dirty = 0 WHERE id = 1")
            row = db.execute("SELECT gen FROM rows_state WHERE id = 1").fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else int(row[0])


def _store(db: Database, token: int, index: MatrixIndex) -> bool:
    """Keep ``index`` if nothing was written since ``_reset`` gave ``token``."""
    header, data = encode(index)
    try:
        with _immediate(db):
            state = db.execute("SELECT gen, dirty FROM rows_state WHERE id = 1").fetchone()
            if state is None or state[0] != token or state[1]:
                return False
            db.execute(
                "INSERT OR REPLACE INTO rows_cache (name, gen, header, data) VALUES (?, ?, ?, ?)",
                [CACHE_NAME, token, header, data],
            )
    except sqlite3.DatabaseError:
        return False
    return True


class _immediate:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on an error) on an autocommit
    connection with no transaction open."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
