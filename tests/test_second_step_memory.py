"""The overview's second step without its two big transients (issue 14, memory at 100k):
the 催报 round reads its places row by row with the item ids packed as they come and
its tasks' labels into columns (no dict of task rows), and the targets come as columns
(``progress.target_table``), not a dict per target. Each equals the former path."""

from __future__ import annotations

from array import array
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.models import coordination_views as cv
from desktop.models import duban_queries as dq
from desktop.models import progress, round_places, round_queries, status_queries
from desktop.models.authoring import add_target
from desktop.models.coded_column import CodedColumn
from desktop.models.packed_strings import (
    FixedWidthStrings,
    PackedIds,
    PackedStrings,
    fixed_width,
)
from desktop.models.round_places import RunCodes
from desktop.models.store import Store
from desktop.models.task_titles import TaskTitles
from desktop.views.coordination import dashboard as D
from desktop.views.coordination import rows as R
from tests.helpers.gui_coordination_data import add_realistic, seed_demo
from tests.helpers.report_round_reference import reference_report_round
from tests.helpers.status_pass_data import generate_status_db

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def demo(store: Store, seed_path) -> Store:  # noqa: ANN001
    seed_demo(store, seed_path)
    add_realistic(store)
    return store


def test_packed_ids_read_as_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PackedIds, "RUN", 7)  # several runs
    ids = [f"{n:08x}-0000-4000-8000-{n * 7:012x}" for n in range(50)]
    cases = [ids, ids[:7], ids[:1], [], ["任务一", "abc", "工作二"],
             [*ids[:20], "short", *ids[20:30]], ["", "a"], ["a", ""], ids[:3] + ["x" * 36],
             [*ids[:10], ids[10].upper(), *ids[11:20]]]  # fmt: skip
    for strings in cases:
        packed = PackedIds()
        for text in strings:
            packed.append(text)
        column = packed.column()
        assert list(column) == strings and len(column) == len(strings)
        assert type(column) is type(fixed_width(list(strings)))
        if isinstance(column, FixedWidthStrings):
            assert column[-1] == strings[-1] and column[2:5] == strings[2:5]


def test_window_round_equals_the_reference_with_tasks_sharing_a_number(demo: Store) -> None:
    """Two tasks of one plan with one number interleave by item position; a unit twice
    on an item of theirs (two roles) is one place, the first; an archived task is out."""
    db = demo.db
    first, second = (
        r[0]
        for r in db.execute(
            "SELECT task_id FROM item GROUP BY task_id HAVING count(*) > 1"
            " ORDER BY min(rowid) LIMIT 2"
        )
    )
    with db.conn:
        db.execute("UPDATE task SET no = (SELECT no FROM task WHERE id = ?) WHERE id = ?",
                   [first, second])  # fmt: skip
        for n, task_id in enumerate((first, second)):
            item_id, unit_id = db.execute(
                "SELECT a.item_id, a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
                " WHERE i.task_id = ? AND a.role = 'lead' ORDER BY i.position DESC LIMIT 1",
                [task_id],
            ).fetchone()
            db.execute(
                "INSERT INTO assignment (id, item_id, unit_id, role, position)"
                " VALUES (?, ?, ?, 'responsible', -1)",
                [f"twice-{n}", item_id, unit_id],
            )
        db.execute(
            "UPDATE task SET archived = '2026-01-01T00:00:00.000+00:00' WHERE id ="
            " (SELECT id FROM task WHERE id NOT IN (?, ?) ORDER BY no DESC LIMIT 1)",
            [first, second],
        )
    plan_id = db.execute("SELECT plan_id FROM task WHERE id = ?", [first]).fetchone()[0]
    titles = cv.task_titles(db)
    for as_of in (date.today(), date.today() + timedelta(days=40)):
        for plan in (None, plan_id):
            fast = dq.report_round(db, as_of, plan, titles=titles)
            plain = reference_report_round(db, as_of, plan, ordered=True)
            assert fast.entries == plain.entries and fast.contacts == plain.contacts
            for state in dq.ROUND_STATES:
                assert fast.by_unit(state) == plain.by_unit(state)
            assert dq.report_round(db, as_of, plan).entries == plain.entries  # no titles
    # the round's task ids are the titles' strings (the window keeps both), its titles
    # packed
    table = dq.report_round(db, date.today(), titles=titles)._table
    assert table is not None and table.labels is not None
    keys = {id(task_id) for task_id in titles}
    assert all(id(task_id) in keys for task_id in table.task_ids)
    assert isinstance(table.labels.titles, round_queries.PlacedColumn)
    assert table.labels.titles._source is titles.titles() and not table.labels.titles._own
    assert list(table.labels.titles) == [titles[task_id][1] for task_id in table.task_ids]
    assert isinstance(dq.report_round(db, date.today())._table.labels.titles, PackedStrings)
    assert isinstance(table.item_ids, FixedWidthStrings) and isinstance(
        table.item_ids._joined, bytes
    )


def test_window_round_of_several_plans_equals_the_reference(tmp_path: Path) -> None:
    """Several plans: each entry's label has its task's plan prefix (the plans kept as
    codes, ``_Labels.plan_codes``), as the reference's."""
    store = Store.open(generate_status_db(tmp_path / "gen.db", plans=3, workflow=False))
    try:
        db = store.db
        titles = cv.task_titles(db)
        fast = dq.report_round(db, date.today(), titles=titles)
        plain = reference_report_round(db, date.today(), ordered=True)
        labels = [entry.label for entry in plain.entries]
        assert len({label.split("任务")[0] for label in labels}) == 3  # (the prefixes)
        assert [entry.label for entry in fast.entries] == labels
        assert fast.entries == plain.entries
        # (the rows a full pass kept: the labels read from them)
        rows = status_queries.compute_status(db, rounds=True).inputs.round_rows
        assert [e.label for e in dq.report_round(db, date.today(), shared=rows).entries] == labels
        table = fast._table
        assert table is not None and table.labels is not None
        # each task's plan a code, each plan's prefix once (no plan id kept)
        labels = table.labels
        assert len(labels.prefixes) == 3 == len(set(labels.prefixes))
        assert isinstance(labels.plan_codes, RunCodes)  # (a plan's tasks come together)
        assert len(labels.plan_codes) == len(table.task_ids)
        assert sorted(set(labels.plan_codes)) == [0, 1, 2]
    finally:
        store.close()


def test_window_round_keeps_apart_what_its_titles_do_not_hold(demo: Store) -> None:
    """The window's round has its tasks' ids, numbers and titles as one array of places
    in the window's titles (``PlacedColumn``s sharing it); a task renumbered or retitled
    since the titles were read, or not in them, has its own values kept apart, and the
    entries equal the reference's. The units, item positions and cycles by place are
    arrays of bytes at this size (``narrowed``)."""
    db = demo.db
    titles = cv.task_titles(db)
    renumbered, retitled, absent = (
        r[0] for r in db.execute("SELECT DISTINCT i.task_id FROM item i ORDER BY i.rowid LIMIT 3")
    )
    with db.conn:
        db.execute("UPDATE task SET no = no + 1000 WHERE id = ?", [renumbered])
        db.execute("UPDATE task SET title = '新标题' WHERE id = ?", [retitled])
    titles = TaskTitles((t, no, title) for t, (no, title) in titles.items() if t != absent)
    fast = dq.report_round(db, date.today(), titles=titles)
    plain = reference_report_round(db, date.today(), ordered=True)
    assert fast.entries == plain.entries
    assert [e.label for e in fast.entries] == [e.label for e in plain.entries]
    table = fast._table
    assert table is not None and table.labels is not None
    ids, nos, names = table.task_ids, table.labels.nos, table.labels.titles
    assert all(isinstance(column, round_queries.PlacedColumn) for column in (ids, nos, names))
    assert ids._at is nos._at is names._at
    now = {t: (no, title) for t, no, title in db.execute("SELECT id, no, title FROM task")}
    order = list(ids)
    assert list(nos) == [now[t][0] for t in order] and list(names) == [now[t][1] for t in order]
    place = {t: n for n, t in enumerate(order)}
    assert ids._own == {place[absent]: absent}
    assert nos._own == {place[renumbered]: now[renumbered][0], place[absent]: now[absent][0]}
    assert names._own == {place[retitled]: "新标题", place[absent]: now[absent][1]}
    known = {id(t) for t in titles}
    assert all(id(t) in known for t in order if t != absent)
    assert {table.unit_at.typecode, table.positions.typecode, table.task_spec.typecode} == {"B"}


def test_tasks_of_several_items_are_told_by_rowid(demo: Store) -> None:
    """The window's round tells a task of several items (its entries' labels name the
    item: ``任务3-2``) by its rowid (``multi_item_rowids``): a byte per rowid while the
    rowids are dense, a set of them when a task's rowid is far out or negative; the
    labels equal the reference's either way."""
    db = demo.db
    titles = cv.task_titles(db)
    several, single = (
        db.execute(
            "SELECT task_id FROM item GROUP BY task_id HAVING count(*) "
            + comparison
            + " ORDER BY min(rowid) LIMIT 1"
        ).fetchone()[0]
        for comparison in ("> 1", "= 1")
    )
    for far in (None, 10**12, -5):
        if far is not None:
            with db.conn:
                db.execute("UPDATE task SET rowid = ? WHERE id = ?", [far, several])
                db.execute("UPDATE task SET rowid = ? WHERE id = ?", [far + 1, single])
        rows = dict(db.execute("SELECT id, rowid FROM task").fetchall())
        told = round_places.multi_item_rowids(db)
        assert isinstance(told.__self__, bytearray if far is None else set)  # type: ignore[attr-defined]
        counts = dict(db.execute("SELECT task_id, count(*) FROM item GROUP BY task_id").fetchall())
        assert {t: bool(told(rows[t])) for t in rows} == {t: counts.get(t, 0) > 1 for t in rows}
        fast = dq.report_round(db, date.today(), titles=titles)
        plain = reference_report_round(db, date.today(), ordered=True)
        labels = [e.label for e in plain.entries]
        assert [e.label for e in fast.entries] == labels
        assert any("-2" in label for label in labels) and fast.entries == plain.entries


def test_narrowed_keeps_the_values_in_the_narrowest_array() -> None:
    for values, code in (([], "i"), ([0, 255], "B"), ([256, 3], "H"), ([65535], "H"),
                         ([65536], "i"), ([-1, 2], "i")):  # fmt: skip
        ints = round_queries.narrowed(array("i", values))
        assert ints.typecode == code and list(ints) == values
    for bound, code in ((0, "B"), (256, "B"), (257, "H"), (65536, "H"), (65537, "i")):
        ints = round_queries.narrowed(array("i", [0, 1]), bound)  # (values below ``bound``)
        assert ints.typecode == code and list(ints) == [0, 1]


def test_target_table_equals_the_target_overview(demo: Store) -> None:
    """Every state (ordered: those needing attention first, ties in query order), the
    same ids, texts and latest values; the dashboard's rows and 未达标 count from the
    columns equal those from the dicts; repeated strings are one object."""
    db = demo.db
    today = date.today()
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY no LIMIT 6")]
    past, future = (today - timedelta(days=30)).isoformat(), (today + timedelta(days=30))
    made = [
        add_target(demo, tasks[0], metric="签约项目", value=10, uom="个", deadline=past),
        add_target(demo, tasks[1], metric="签约项目", value=10, uom="个", deadline=past),
        add_target(demo, tasks[2], metric="投资额", value=5, uom="亿元", deadline=future),
        add_target(demo, tasks[3], metric="覆盖率", value=90, uom="%", deadline=past),
        add_target(
            demo, tasks[4], metric="改革任务", value=3, text="完成三项改革任务", deadline=past
        ),
    ]
    progress.add_target_value(demo, made[1], 12, today - timedelta(days=40))  # met
    progress.add_target_value(demo, made[2], 2, today)  # open
    progress.add_target_value(demo, made[3], 95, today - timedelta(days=3))  # met late
    progress.add_target_value(demo, made[4], 1, today)  # missed with a value
    old = cv.target_overview(db, today)
    titles = cv.task_titles(db)
    table = progress.target_table(db, today, titles)
    assert {t["state"] for t in old} >= {"missed", "met", "met_late", "open"}
    assert len(table) == len(old) > 5
    for n, field in enumerate(progress.TargetTable.FIELDS):
        assert list(table.columns[n]) == [t[field] for t in old], field
    assert table.count("missed") == D.missed_targets(old)
    for state in (*progress.TARGET_ORDER, "no such state"):
        assert table.count(state) == sum(t["state"] == state for t in old), state
    for field in progress.TargetTable.CODED:  # (a code per target, each value once)
        column = table.columns[progress.TargetTable.FIELDS.index(field)]
        assert isinstance(column, CodedColumn), field
    rows, reference = R.TargetRows.of_table(table, titles), R.TargetRows(old, titles)
    assert list(rows) == list(reference) == [R.target_row(titles, t) for t in old]
    keys = {id(task_id) for task_id in titles}
    assert all(id(task_id) in keys for task_id in table.columns[1])
    states = table.columns[6]
    assert len({id(s) for s in states}) == len(set(states))
    # the ids (16 bytes each) and the texts packed as read, read in the table's order
    ids, texts = table.columns[0], table.columns[3]
    assert isinstance(ids, round_queries.PlacedColumn) and isinstance(
        texts, round_queries.PlacedColumn
    )
    assert ids._at is texts._at and not ids._own and not texts._own
    assert isinstance(ids._source, FixedWidthStrings) and isinstance(texts._source, PackedStrings)
    # a target with values whose task is archived: left out of both
    with db.conn:
        db.execute("UPDATE task SET archived = '2026-01-01T00:00:00.000+00:00' WHERE id = ?",
                   [tasks[1]])  # fmt: skip
    fewer = cv.target_overview(db, today)
    assert len(fewer) < len(old) and made[1] not in {t["id"] for t in fewer}
    assert list(R.TargetRows.of_table(progress.target_table(db, today, titles), titles)) == list(
        R.TargetRows(fewer, titles)
    )
    with db.conn:
        db.execute("UPDATE task SET archived = NULL WHERE id = ?", [tasks[1]])
    # the second step's job: the same rows and count, no dicts kept
    later = D.second_step_job(demo, cv.current_period(today), today, titles)
    assert later["targets"] is None and later["targets_missed"] == D.missed_targets(old)
    assert list(later["target_rows"]) == list(reference)
    assert later["missing"].entries == dq.report_round(db, today, titles=titles).entries


def test_canonical_uuids_are_kept_as_sixteen_bytes_each() -> None:
    import uuid

    ids = [str(uuid.uuid5(uuid.NAMESPACE_URL, f"item-{n}")) for n in range(9000)]
    packed = fixed_width(ids)
    assert isinstance(packed, FixedWidthStrings) and packed._joined == bytes.fromhex(
        "".join(ids).replace("-", "")
    )
    assert list(packed) == ids and packed[4100] == ids[4100] and packed[-1] == ids[-1]
    assert fixed_width(packed) is packed  # already compact
    # not read back the same from bytes: kept as the joined text
    upper = [ids[0].upper(), *ids[1:5]]
    spaced = [ids[0][:2] + " " + ids[0][3:], *ids[1:5]]
    dashes = [ids[0].replace("-", "_"), *ids[1:5]]
    letters = [ids[0][:-1] + "g", *ids[1:5]]
    for odd in (upper, spaced, dashes, letters):
        kept = fixed_width(odd)
        assert isinstance(kept, FixedWidthStrings) and isinstance(kept._joined, str)
        assert list(kept) == odd
