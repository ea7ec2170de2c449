"""The 催报 round keeps its item ids as one string (``FixedWidthStrings``): they read as
the list of fetched ids, and a round's entries carry the database's item ids."""

from __future__ import annotations

import tracemalloc
from datetime import date

from desktop.models import duban_queries as dq
from desktop.models.packed_strings import FixedWidthStrings, fixed_width
from desktop.models.store import Store
from tests.helpers.coordination import load_demo


def test_fixed_width_strings_read_as_the_list() -> None:
    ids = [f"{n:08x}-0000-4000-8000-{n * 7:012x}" for n in range(500)]
    kept = fixed_width(ids)
    assert isinstance(kept, FixedWidthStrings)
    assert kept == ids and list(kept) == ids and len(kept) == len(ids)
    assert kept[-1] == ids[-1] and kept[3:9] == ids[3:9] and kept[::-50] == ids[::-50]
    for odd in ([], ["a", "bb"], ["任务", "ab", "abc"]):  # no single width: kept as given
        assert fixed_width(odd) is odd
    wide = fixed_width(["任务一", "abc", "工作二"])  # one length, not ASCII
    assert list(wide) == ["任务一", "abc", "工作二"]


def test_fixed_width_strings_keep_less_than_the_list() -> None:
    def kept(build) -> int:  # noqa: ANN001
        tracemalloc.start()
        try:
            made = build()
            size = tracemalloc.get_traced_memory()[0]
            assert len(made) == 20000
            return size
        finally:
            tracemalloc.stop()

    def fetched() -> list[str]:  # a fresh string per id, as fetched rows give
        return [f"{n:08x}-0000-4000-8000-{n * 7:012x}" for n in range(20000)]

    assert kept(fetched) > 2 * kept(lambda: fixed_width(fetched()))


def test_the_rounds_item_ids_are_the_databases(store: Store) -> None:
    load_demo(store)
    round_ = dq.report_round(store.db, date.today())
    assert isinstance(round_._table.item_ids, FixedWidthStrings)
    items = {r[0]: r[1] for r in store.db.execute("SELECT id, task_id FROM item")}
    entries = round_.entries
    assert entries and all(items[e.item_id] == e.task_id for e in entries)
    pairs = {
        (r[0], r[1])
        for r in store.db.execute(
            "SELECT a.item_id, a.unit_id FROM assignment a WHERE a.role IN ('lead', 'responsible')"
        )
    }
    assert {(e.item_id, e.unit_id) for e in entries} <= pairs


def test_an_item_and_unit_in_two_roles_is_one_place(store: Store) -> None:
    """The window's round (read row by row) keeps the first row of an (item, unit), as
    the reference does, also when a unit holds an item in two reporting roles."""
    from tests.helpers.report_round_reference import reference_report_round

    load_demo(store)
    db = store.db
    rows = db.execute(
        "SELECT a.item_id, a.unit_id, a.role FROM assignment a WHERE a.role = 'lead'"
        " ORDER BY a.rowid LIMIT 3"
    ).fetchall()
    with db.conn:  # the same unit also responsible, and lead twice (rows made by hand)
        for n, (item_id, unit_id, _role) in enumerate(rows):
            db.execute(
                "INSERT INTO assignment (id, item_id, unit_id, role, position)"
                " VALUES (?, ?, ?, ?, 9)",
                [f"dup-{n}", item_id, unit_id, "responsible" if n else "lead"],
            )
    today = date.today()
    entries = dq.report_round(db, today).entries
    assert entries == reference_report_round(db, today, None, ordered=True).entries
    keys = [(e.item_id, e.unit_id, e.state) for e in entries]
    assert len(keys) == len(set(keys)) and {(r[0], r[1]) for r in rows} <= {k[:2] for k in keys}
