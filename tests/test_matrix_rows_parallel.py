"""The matrix rows' assignments read on a thread and connection of their own while the
rows are read (issue 14: the row load at 100k; ``matrix_rows.PARALLEL_ASSIGNMENTS``,
lowered here): the index equals the one read on one connection, in every array; a
cancelled load leaves no thread behind; a connection inside a transaction, or a reader
that cannot open the file, reads them itself.

A generated database of 12 plans (``bench.generate``) with odd data a long-lived
database may hold: an item id holding the scan's separator, a position stored as a real
number, archived tasks, items without units, an assignment of a deleted unit.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop.models import matrix_rows
from desktop.models.matrix_rows import MatrixIndex, load_matrix_index
from desktop.models.store import Store
from desktop.views.jobs import Cancelled


@pytest.fixture(scope="module")
def odd_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from bench.generate import generate

    path = tmp_path_factory.mktemp("parallel") / "odd.db"
    generate(path, plans=12)
    raw = sqlite3.connect(path)
    task_id, unit_id = raw.execute(
        "SELECT i.task_id, a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id LIMIT 1"
    ).fetchone()
    raw.execute(
        "INSERT INTO item (id, task_id, position, text) VALUES ('odd\x1fitem', ?, 7, '')",
        [task_id],
    )
    raw.execute(
        "INSERT INTO assignment (id, item_id, unit_id, role)"
        " VALUES ('odd-a', 'odd\x1fitem', ?, 'lead')",
        [unit_id],
    )
    raw.execute("UPDATE item SET position = 0.5 WHERE rowid = (SELECT max(rowid) FROM item) - 3")
    raw.execute("UPDATE task SET archived = '2024-07-01' WHERE rowid % 17 = 0")
    raw.execute(
        "DELETE FROM assignment WHERE item_id IN (SELECT id FROM item WHERE rowid % 23 = 0)"
    )
    raw.execute(  # foreign keys off: an assignment of a unit that is gone
        "INSERT INTO assignment (id, item_id, unit_id, role)"
        " VALUES ('gone-a', (SELECT id FROM item LIMIT 1), 'no-such-unit', 'support')"
    )
    raw.commit()
    raw.close()
    return path


def _arrays(index: MatrixIndex) -> dict[str, object]:
    return {name: getattr(index, name) for name in MatrixIndex.__dataclass_fields__}


def _reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "matrix-assignments"]


@pytest.mark.parametrize("part_rows", [matrix_rows.SCAN_PART_ROWS, 100])
def test_assignments_read_beside_the_rows_give_the_same_index(
    odd_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part_rows: int
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(odd_db, path)
    store = Store.open(path)
    monkeypatch.setattr(matrix_rows, "SCAN_PART_ROWS", part_rows)
    started: list[object] = []
    start = matrix_rows._AssignmentsReader.start

    def spy(db):  # type: ignore[no-untyped-def]
        reader = start(db)
        started.append(reader)
        return reader

    monkeypatch.setattr(matrix_rows._AssignmentsReader, "start", spy)
    try:
        alone = load_matrix_index(store.db)  # small: one connection
        assert started == [None]
        monkeypatch.setattr(matrix_rows, "PARALLEL_ASSIGNMENTS", 0)
        beside = load_matrix_index(store.db)
        assert started[-1] is not None  # the reader ran
        assert _arrays(beside) == _arrays(alone)
        assert len(alone.cell_unit) > 0 and 0 in alone.row_roles  # rows without units
        folded = load_matrix_index(store.db, fold_lower=True)
        monkeypatch.setattr(matrix_rows, "PARALLEL_ASSIGNMENTS", 10**12)
        assert _arrays(folded) == _arrays(load_matrix_index(store.db, fold_lower=True))
        assert _reader_threads() == []
    finally:
        store.close()


def _cancel_at(stop_at: int):  # type: ignore[no-untyped-def]
    """A check that raises ``Cancelled`` at its ``stop_at``-th call."""
    calls = 0

    def check() -> None:
        nonlocal calls
        calls += 1
        if calls >= stop_at:
            raise Cancelled()

    return check


def test_a_cancelled_load_stops_the_reader_too(
    odd_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(odd_db, path)
    store = Store.open(path)
    monkeypatch.setattr(matrix_rows, "PARALLEL_ASSIGNMENTS", 0)
    monkeypatch.setattr(matrix_rows, "SCAN_PART_ROWS", 100)
    try:
        for stop_at in (1, 2, 5, 12):
            with pytest.raises(Cancelled):
                load_matrix_index(store.db, check=_cancel_at(stop_at))
            assert _reader_threads() == []  # stopped and waited for
    finally:
        store.close()


def test_inside_a_transaction_or_without_a_reader_the_rows_connection_reads_them(
    odd_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(odd_db, path)
    store = Store.open(path)
    monkeypatch.setattr(matrix_rows, "PARALLEL_ASSIGNMENTS", 0)
    try:
        before = load_matrix_index(store.db)
        # an uncommitted write: only this connection sees it
        store.db.execute("BEGIN")
        store.db.execute("DELETE FROM assignment WHERE role = 'lead'")
        assert store.db.conn.in_transaction
        inside = load_matrix_index(store.db)
        assert 0 not in set(inside.cell_role) and 0 in set(before.cell_role)
        store.db.execute("ROLLBACK")
        # a reader whose connection fails: the rows' connection reads the assignments

        def refuse(*_args: object, **_kwargs: object) -> sqlite3.Connection:
            raise sqlite3.OperationalError("unable to open database file")

        monkeypatch.setattr(matrix_rows.sqlite3, "connect", refuse)
        assert _arrays(load_matrix_index(store.db)) == _arrays(before)
        assert _reader_threads() == []
    finally:
        store.close()
