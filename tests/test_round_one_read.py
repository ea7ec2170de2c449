"""The window's 催报 round read in one query, its columns built without a value per place
(issue 14, the second step's peak at 100k tasks).

``report_round`` with the overview's titles reads each assignment row with its task's
number, title and plan (no second read of the tasks, no dict of every task or of the
titles' ids: a task is told apart from the others of its (plan time, number) block
only), and judges the places in C from each cycle's default, then the places with a
report counted. On drawn databases (plans sharing an import time or having none, tasks
sharing a number within and across plans, several items and roles, a unit twice on an
item, group units, archived tasks, every kind of cycle, item and task-level reports in
and out of the windows) it equals ``tests/helpers/report_round_reference.py``, with the
titles as ``TaskTitles``, as a dict, stale (a title changed, a task missing) or none."""

from __future__ import annotations

from array import array
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models import coordination_views as cv
from desktop.models import duban_queries as dq
from desktop.models.packed_strings import PackedStrings
from desktop.models.round_queries import PlacedColumn
from desktop.models.store import Store
from desktop.models.task_titles import TaskTitles
from tests.helpers.generated import store_copy
from tests.helpers.report_round_reference import reference_report_round

AS_OF = date(2026, 3, 18)
PLAN_TIMES = (None, "", "2026-01-01T00:00:00", "2026-01-01T00:00:00", "2026-02-01T00:00:00")
CYCLES = (
    None,
    ("month", None, None),
    ("month", 5, None),
    ("quarter", 10, None),
    ("week", None, None),
    ("2weeks", 3, None),
    ("once", None, "2026-03-01"),
    ("once", None, "2026-04-30"),
)
UNITS = 5  # u0..u4; u4 a group (not a reporting unit)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("round_one_read") / "template.db"
    store = Store.open(path)
    with store.db.conn:
        for n in range(UNITS):
            store.db.execute(
                "INSERT INTO unit (id, name, kind) VALUES (?, ?, ?)",
                [f"u{n}", f"单位{n}", "group" if n == UNITS - 1 else "other"],
            )
        store.db.execute(
            "INSERT INTO unit_contact (id, unit_id, person, phone) VALUES ('c0', 'u0', '张三', '1')"
        )
    store.close()
    return path


def _day(offset: int) -> str:
    return (AS_OF + timedelta(days=offset)).isoformat()


@st.composite
def rounds(draw: st.DrawFn) -> dict:
    plans = draw(st.lists(st.sampled_from(range(len(PLAN_TIMES))), min_size=1, max_size=3))
    tasks = draw(
        st.lists(
            st.tuples(
                st.integers(0, len(plans) - 1),  # plan
                st.integers(1, 4),  # number (ties within and across plans)
                st.sampled_from(("甲", "乙", "任务", "")),  # title
                st.booleans(),  # archived
                st.integers(1, 3),  # items
                st.sampled_from(range(len(CYCLES))),
            ),
            max_size=12,
        )
    )
    assignments = draw(
        st.lists(
            st.tuples(
                st.integers(0, 40),  # item (modulo the items)
                st.integers(0, UNITS - 1),
                st.sampled_from(("lead", "responsible", "support")),
                st.integers(-1, 2),  # position
            ),
            max_size=40,
        )
    )
    reports = draw(
        st.lists(
            st.tuples(
                st.integers(0, 40),  # assignment (modulo them): its item, task, unit
                st.booleans(),  # task-level
                st.integers(0, UNITS),  # another unit (UNITS: the assignment's)
                st.integers(-70, 50),  # the day made, from AS_OF
                st.sampled_from((0, -1, -2, -3)),  # the period: months before AS_OF's
            ),
            max_size=25,
        )
    )
    return {"plans": plans, "tasks": tasks, "assignments": assignments, "reports": reports}


def _fill(store: Store, drawn: dict) -> None:
    db = store.db
    with db.conn:
        for n, time_at in enumerate(drawn["plans"]):
            db.execute(
                "INSERT INTO plan (id, title, imported_at) VALUES (?, ?, ?)",
                [f"p{n}", f"计划{n}", PLAN_TIMES[time_at]],
            )
        items: list[tuple[str, str]] = []
        for n, (plan, no, title, archived, count, cycle) in enumerate(drawn["tasks"]):
            task_id = f"t{n:02d}"
            db.execute(
                "INSERT INTO task (id, plan_id, no, title, archived) VALUES (?, ?, ?, ?, ?)",
                [task_id, f"p{plan}", no, f"{title}{n}" if title else "",
                 "2026-01-01T00:00:00" if archived else None],
            )  # fmt: skip
            for position in range(count):
                item_id = f"{task_id}-i{position}"
                db.execute(
                    "INSERT INTO item (id, task_id, position) VALUES (?, ?, ?)",
                    [item_id, task_id, position],
                )
                items.append((item_id, task_id))
            if CYCLES[cycle] is not None:
                every, due_day, due_date = CYCLES[cycle]
                db.execute(
                    "INSERT INTO report_cycle (id, task_id, every, due_day, due_date)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [f"c{n}", task_id, every, due_day, due_date],
                )
        if not items:
            return
        for n, (item, unit, role, position) in enumerate(drawn["assignments"]):
            db.execute(
                "INSERT INTO assignment (id, item_id, unit_id, role, position)"
                " VALUES (?, ?, ?, ?, ?)",
                [f"a{n:02d}", items[item % len(items)][0], f"u{unit}", role, position],
            )
        assigned = db.execute(
            "SELECT a.item_id, i.task_id, a.unit_id FROM assignment a"
            " JOIN item i ON i.id = a.item_id ORDER BY a.id"
        ).fetchall()
        for n, (at, whole, unit, made, months) in enumerate(drawn["reports"]):
            if not assigned:
                break
            item_id, task_id, unit_id = assigned[at % len(assigned)]
            unit_id = unit_id if unit == UNITS else f"u{unit}"
            month = AS_OF.month + months
            period = f"{AS_OF.year + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}"
            db.execute(
                "INSERT INTO report (id, task_id, item_id, unit_id, period, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [f"r{n:02d}", task_id, None if whole else item_id, unit_id, period,
                 _day(made) + "T09:00:00"],
            )  # fmt: skip


def _same(fast: dq.ReportRound, plain: dq.ReportRound) -> None:
    assert fast.entries == plain.entries
    assert [entry.label for entry in fast.entries] == [entry.label for entry in plain.entries]
    assert fast.contacts == plain.contacts
    for state in dq.ROUND_STATES:
        assert fast.count(state) == plain.count(state), state
        assert fast.unit_counts(state) == plain.unit_counts(state), state
        assert {u: list(e) for u, e in fast.by_unit(state).items()} == {
            u: list(e) for u, e in plain.by_unit(state).items()
        }, state


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])  # fmt: skip
@given(drawn=rounds(), stale=st.integers(0, 3), day=st.sampled_from((0, -17, 45)))
def test_the_window_round_equals_the_reference(
    template: Path, drawn: dict, stale: int, day: int
) -> None:
    with store_copy(template) as store:
        _fill(store, drawn)
        db = store.db
        as_of = AS_OF + timedelta(days=day)
        titles = cv.task_titles(db)
        if stale == 1 and len(titles):  # a title changed since, a task gone from them
            first = next(iter(titles))
            titles = titles.with_titles({first: "改过的标题"})
        elif stale == 2:  # a plain dict, the last task left out
            titles = dict(list(titles.items())[:-1])  # type: ignore[assignment]
        elif stale == 3:
            titles = None  # type: ignore[assignment]
        plans = [None, *(f"p{n}" for n in range(len(drawn["plans"])))]
        for plan in plans[:2]:
            plain = reference_report_round(db, as_of, plan, ordered=True)
            fast = dq.report_round(db, as_of, plan, titles=titles)
            _same(fast, plain)
            table = fast._table
            assert table is not None and table.labels is not None
            # the titles: places in the window's (those differing kept apart), else packed
            if isinstance(titles, TaskTitles):
                column = table.labels.titles
                assert isinstance(column, PlacedColumn) and column._source is titles.titles()
                now = dict(db.execute("SELECT id, title FROM task").fetchall())
                differ = {n for n, t in enumerate(table.task_ids) if titles[t][1] != now[t]}
                assert set(column._own) == differ
                assert (stale == 1) or not differ
            else:
                assert isinstance(table.labels.titles, PackedStrings)
            # the task ids are the titles' own strings when there
            own = {task_id: task_id for task_id in titles or ()}
            for task_id in table.task_ids:
                if task_id in own:
                    assert task_id is own[task_id]


def test_same_ids_finds_each_id_in_any_order() -> None:
    """``TaskTitles.same_ids``: the mapping's own string of an id asked in plan order, out
    of it, twice, or not there (the id given back)."""
    ids = [f"task-{n:03d}" for n in range(50)]
    titles = TaskTitles((task_id, n, f"标题{n}") for n, task_id in enumerate(ids))
    asked = [*ids[:10], ids[30], *ids[11:20], ids[5], "unknown", ids[49], ids[0], "", ids[20]]
    same_id = titles.same_ids()
    for task_id in asked:
        fresh = "".join(list(task_id))  # (another object, equal)
        found = same_id(fresh)
        assert found == task_id
        if task_id in ids:
            assert found is ids[ids.index(task_id)]
        else:
            assert found is fresh
    assert TaskTitles().same_ids()("x") == "x"


def test_a_placed_column_keeps_a_value_apart_even_when_it_is_none() -> None:
    """A value kept apart is the column's, whatever it is: a None (a task with no number
    where the window's titles have one) is not read from the source instead."""
    column = PlacedColumn(["a", "b", "c"], array("i", [2, -1, 0]), {1: None})
    assert list(column) == ["c", None, "a"] and column[1] is None
    replaced = column.replaced({0: None})
    assert list(replaced) == [None, None, "a"] and list(column) == ["c", None, "a"]
