"""The overview's task titles taken from the rows its full status pass read
(``task_titles.titles_from_pass``, issue 14) equal the titles read from the task table
as before (``SELECT … ORDER BY p.imported_at, t.no``): the same tasks (archived ones
too), the same numbers and titles, in the same plan order; on a generated database and
over random plans (imported_at NULL, equal or shuffled, numbers out of rowid order)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies
from sqlite_utils import Database

from desktop.models import coordination_views as cv
from desktop.models.status_queries import compute_status
from desktop.models.store import Store
from desktop.models.task_titles import TaskTitles, titles_from_pass
from tests.helpers.status_pass_data import generate_status_db

_READ = (
    "SELECT t.id, t.no, t.title FROM task t JOIN plan p ON p.id = t.plan_id"
    " ORDER BY p.imported_at, t.no"
)


def _reference(db: Database) -> list[tuple[str, tuple[int, str]]]:
    """``coordination_views.task_titles`` as it was: the task table read in plan order."""
    return [(task_id, (no, title)) for task_id, no, title in db.execute(_READ)]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate_status_db(tmp_path_factory.mktemp("titles") / "db.sqlite")


def test_the_pass_rows_give_the_titles_read_from_the_table(db_path: Path) -> None:
    store = Store.open(db_path)
    try:
        db = store.db
        snap = compute_status(db, rounds=True)
        kept = snap.inputs.round_rows
        assert kept is not None
        expected = _reference(db)
        archived = db.execute("SELECT id FROM task WHERE archived IS NOT NULL").fetchall()
        assert archived and len(expected) == len(kept.tasks) + len(archived)
        titles = cv.task_titles(db, snap.tasks, kept)
        assert isinstance(titles, TaskTitles)
        assert list(titles.items()) == expected and titles == dict(expected)
        ids = {id(task_id) for task_id in snap.tasks}
        assert all(id(task_id) in ids for task_id in titles if task_id in snap.tasks)
        # a task added since the pass: its rows cannot stand for the table
        db.execute("INSERT INTO task (id, plan_id, no, title) SELECT 'new', plan_id, 999, 'x'"
                   " FROM task LIMIT 1")  # fmt: skip
        assert titles_from_pass(db, kept.tasks) is None
        assert list(cv.task_titles(db, snap.tasks, kept).items()) == _reference(db)
        # the overview's titles (a full pass without the window's cache)
        assert list(cv.overview(db, timeline=False, missing=False)["titles"].items()) == (
            _reference(db)
        )
    finally:
        store.close()


_PLANS = strategies.lists(
    strategies.one_of(strategies.none(), strategies.sampled_from(["2026-01-01", "2026-02-01",
                                                                  "2026-02-01 10:00"])),
    min_size=1, max_size=5,
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    plans=_PLANS,
    tasks=strategies.lists(
        strategies.tuples(strategies.integers(0, 4), strategies.integers(1, 6),
                          strategies.booleans()),
        max_size=30,
    ),
)  # fmt: skip
def test_titles_from_rows_equal_the_table_in_plan_order(
    plans: list[str | None], tasks: list[tuple[int, int, bool]]
) -> None:
    """Ties of (imported_at, no) have no order in SQL: the (imported_at, no) sequence
    and the mapping are compared; a task of a missing plan is left out as the join
    leaves it."""
    db = Database(memory=True)
    db.execute("CREATE TABLE plan (id TEXT PRIMARY KEY, imported_at TEXT)")
    db.execute(
        "CREATE TABLE task (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL, no INTEGER NOT NULL,"
        " title TEXT NOT NULL, archived TEXT)"
    )
    db.execute("CREATE INDEX task_plan_no ON task(plan_id, no)")
    for n, at in enumerate(plans):
        db.execute("INSERT INTO plan VALUES (?, ?)", [f"p{n}", at])
    for n, (plan, no, archived) in enumerate(tasks):
        db.execute(
            "INSERT INTO task VALUES (?, ?, ?, ?, ?)",
            [f"t{n:02d}", f"p{plan}", no, f"任务{n}", "2026-03-01" if archived else None],
        )
    active = {
        row[0]: row
        for row in db.execute(
            "SELECT id, no, title, plan_id FROM task WHERE archived IS NULL ORDER BY rowid"
        )
    }
    titles = titles_from_pass(db, active)
    assert titles is not None
    expected = _reference(db)
    assert dict(titles) == dict(expected) and len(titles) == len(expected)
    plan_at = dict(db.execute("SELECT p.id, p.imported_at FROM plan p").fetchall())
    plan_of = dict(db.execute("SELECT id, plan_id FROM task").fetchall())

    def key(task_id: str, no: int) -> tuple[bool, str, int]:
        imported = plan_at[plan_of[task_id]]
        return imported is not None, imported or "", no

    assert [key(t, no) for t, (no, _title) in titles.items()] == [
        key(t, no) for t, (no, _title) in expected
    ]
