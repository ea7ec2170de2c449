"""The dashboard's lists read the milestones' statuses once, and their rows are built
when a view reads them (``BuiltRows``), not all in the overview job (issue 14).

A generated database (``bench.generate`` and ``bench.coordination.populate``: overdue,
extended and done milestones, dependencies, at-risk tasks) with a dependency cycle
added: the lists and every row equal the eager code's (``tests/helpers/
dashboard_reference.py``), fresh and after an incremental pass; a shown dashboard
builds the rows of its first page only."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from desktop.models import coordination as co
from desktop.models import coordination_views as cv
from desktop.models import status as st
from desktop.models import workspace_queries
from desktop.models.qt.coordination_models import BuiltRows, Row, RowsModel
from desktop.models.status_cache import StatusCache
from desktop.models.status_columns import index_behind
from desktop.models.status_queries import compute_status
from desktop.models.store import Store
from desktop.models.workspace_queries import SectionEntry
from desktop.views.coordination.dashboard import Dashboard, dashboard_rows
from tests.helpers.dashboard_maps_reference import dashboard_maps_reference
from tests.helpers.dashboard_reference import (
    dashboard_counts_reference,
    dashboard_lists_reference,
    list_rows_reference,
)
from tests.helpers.status_pass_data import generate_status_db

PLANS = 8  # 50 tasks each: 400 tasks, 800 milestones (~180 overdue)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Overdue, extended and done milestones, dependencies with a cycle, an archived
    task in a section with others (no 督办 workflow)."""
    path = tmp_path_factory.mktemp("dash") / "dash.db"
    return generate_status_db(path, PLANS, workflow=False, late=30)


@pytest.fixture
def store(generated: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "db.sqlite"
    shutil.copy(generated, path)
    store = Store.open(path)
    yield store
    store.close()


def _lists(dash: dict[str, Any]) -> dict[str, Any]:
    return {key: dash[key] for key in ("overdue", "late_vs_original", "at_risk")}


def test_the_lists_equal_the_eager_code(store: Store) -> None:
    snap = compute_status(store.db)
    dash = workspace_queries.dashboard(store.db, snapshot=snap)
    reference = dashboard_lists_reference(compute_status(store.db))
    assert _lists(dash) == reference
    # the data has every kind of entry the lists sort and filter
    assert len(dash["overdue"]) > 100 and dash["at_risk"] and dash["cycles"]
    late = dash["late_vs_original"]
    assert any(m.extended for m in late) and any(m.done_date for m in late)
    # each list's filter and order, from the states themselves
    assert all(m.status == st.OVERDUE for m in dash["overdue"])
    keys = [(m.effective_due, m.id) for m in dash["overdue"]]
    assert keys == sorted(keys)
    assert all(m.late_vs_original and m.status != st.OVERDUE for m in late)
    keys = [(m.original_due or "", m.id) for m in late]
    assert keys == sorted(keys)
    at_risk = [task_id for task_id, _risks in dash["at_risk"]]
    assert at_risk == [t for t in snap.tasks if snap.tasks[t].risks]


def test_the_milestone_lists_build_a_state_only_when_read(store: Store) -> None:
    """The overdue and late lists are sorted from the columns: no milestone state built
    until an entry is read, then that one only (``SortedStates``)."""
    snap = compute_status(store.db)
    milestones = snap.milestones
    assert snap.blocking is not None and snap.cycles is not None  # (reads a few states)
    built = set(milestones._made)  # type: ignore[attr-defined]
    dash = workspace_queries.dashboard(store.db, snapshot=snap)
    overdue, late = dash["overdue"], dash["late_vs_original"]
    assert len(overdue) > 100 and len(late) > 10
    assert set(milestones._made) == built  # type: ignore[attr-defined]
    read = [overdue[-1], late[0]]
    assert set(milestones._made) == built | {m.id for m in read}  # type: ignore[attr-defined]
    assert read == [milestones[overdue.keys[-1][-1]], milestones[late.keys[0][-1]]]
    assert [overdue, late] == [*dashboard_lists_reference(compute_status(store.db)).values()][:2]


def test_the_counts_equal_the_eager_code_read_here_or_given(store: Store) -> None:
    from desktop.models import dashboard_delta

    snap = compute_status(store.db)
    reference = dashboard_counts_reference(store.db, compute_status(store.db))
    read_here = workspace_queries.dashboard(store.db, snapshot=snap)
    given = dashboard_delta.dashboard(store.db, snap, {}, set())  # its own maps handed in
    for dash in (read_here, given):
        for key in ("by_section", "by_unit"):
            # in the same order: the sections' rows are in the order of their first task
            assert list(dash[key].items()) == list(reference[key].items()), key
    archived = store.db.execute("SELECT id FROM task WHERE archived IS NOT NULL").fetchone()[0]
    assert archived not in snap.tasks and len(snap.tasks) == PLANS * 50 - 1
    assert sum(sum(e["counts"].values()) for e in read_here["by_section"].values()) == len(
        snap.tasks
    )
    assert any(e["parent_id"] for e in read_here["by_section"].values())


def test_the_kept_maps_equal_the_lists_first_code(store: Store) -> None:
    """The task → section, item → units, task → items and at-risk rowid maps the window
    keeps (``dashboard_delta._fresh``) equal the reference's (a list per item and task
    first, every rowid in a dict), with an item of two units (one both lead and
    responsible), tasks of several items and an archived task's items among the rows."""
    from desktop.models import dashboard_delta

    db = store.db
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid LIMIT 3")]
    units = [r[0] for r in db.execute("SELECT id FROM unit ORDER BY rowid LIMIT 3")]
    with db.conn:
        for n, task_id in enumerate(tasks):
            for k in range(n + 1):  # (0, 1 or 2 more items)
                item_id = f"extra-{n}-{k}"
                db.execute(
                    "INSERT INTO item (id, task_id, position, text) VALUES (?, ?, ?, '')",
                    [item_id, task_id, 100 + k],
                )
                for m, (unit_id, role) in enumerate(
                    [(units[k], "lead"), (units[2], "responsible"), (units[k], "responsible")]
                ):
                    db.execute(
                        "INSERT INTO assignment (id, item_id, unit_id, role, position)"
                        " VALUES (?, ?, ?, ?, ?)",
                        [f"{item_id}-{m}", item_id, unit_id, role, m],
                    )
    snap = compute_status(db)
    reference = dashboard_maps_reference(db, compute_status(db))
    dash, kept = dashboard_delta._fresh(db, snap)
    for name in ("task_section", "item_units", "task_items"):
        assert dict(kept[name].items()) == reference[name], name
    assert list(kept["at_risk_rowid"].items()) == list(reference["at_risk_rowid"].items())
    # the item ids kept are the snapshot's own strings (found by their places), with the
    # pass's index (the window's cache compacts its inputs) or without
    cache = StatusCache()
    compacted = cache.snapshot(db, None, st.DEFAULT_WINDOW_DAYS)
    assert index_behind(compacted.inputs.items) and not index_behind(snap.inputs.items)
    _dash, kept_too = dashboard_delta._fresh(db, compacted)
    for name in ("task_section", "item_units", "task_items"):
        assert dict(kept_too[name].items()) == reference[name], name
    assert list(kept_too["at_risk_rowid"].items()) == list(reference["at_risk_rowid"].items())
    for pass_, maps in ((snap, kept), (compacted, kept_too)):
        ids = {item_id: item_id for item_id in pass_.items}
        items = [
            i for v in maps["task_items"].values() for i in (v if isinstance(v, tuple) else (v,))
        ]
        shown = [item_id for item_id in items if item_id in ids]  # (not an archived task's)
        assert len(shown) > len(items) / 2 and all(i is ids[i] for i in shown)
    assert kept["at_risk_rowid"] and [t for t, _r in dash["at_risk"]] == list(
        reference["at_risk_rowid"]
    )
    assert any(len(u) > 1 for u in reference["item_units"].values())
    assert any(isinstance(i, tuple) for i in reference["task_items"].values())
    archived = db.execute("SELECT id FROM task WHERE archived IS NOT NULL").fetchone()[0]
    assert archived in reference["task_section"]


def test_the_keys_of_an_index_by_place() -> None:
    """``_keys_by_place``: an index in its places' order, in another order, with a
    place left without a key, empty."""
    from desktop.models.dashboard_delta import _keys_by_place

    assert _keys_by_place({"a": 0, "b": 1, "c": 2}) == ["a", "b", "c"]
    assert _keys_by_place({"c": 2, "a": 0, "b": 1}) == ["a", "b", "c"]
    assert _keys_by_place({"b": 1, "d": 3}) == [None, "b", None, "d"]
    assert _keys_by_place({}) == []


def test_section_entries_read_as_the_dicts_they_stand_for(store: Store) -> None:
    """``SectionEntry``: equal to the reference's dict (either way round), its keys in
    order, ``"counts"`` a dict of its own each read, sections of the same counts sharing
    one tuple; after an edit the kept dashboard's entries equal a fresh one's."""
    snap = compute_status(store.db)
    dash = workspace_queries.dashboard(store.db, snapshot=snap)
    reference = dashboard_counts_reference(store.db, compute_status(store.db))["by_section"]
    assert list(dash["by_section"]) == list(reference) and len(reference) > 3
    entries = list(dash["by_section"].values())
    for key, entry in dash["by_section"].items():
        expected = reference[key]
        assert isinstance(entry, SectionEntry)
        assert entry == expected and expected == entry and dict(entry) == expected
        assert list(entry.items()) == list(expected.items()) and len(entry) == len(expected)
        counts = entry["counts"]
        counts[st.OVERDUE] += 1  # (the caller's own dict)
        assert entry["counts"] == expected["counts"] and entry["counts"] is not counts
        assert entry != {**expected, "title": "别的"} and entry.get("id") is None
        with pytest.raises(KeyError):
            entry["id"]
    assert len({id(e._counts) for e in entries}) == len({e._counts for e in entries})
    assert len({e._counts for e in entries}) < len(entries)  # (shared)
    for name in ("_no", "_title", "_parent_id"):  # one string per number, title, parent
        values = [getattr(e, name) for e in entries]
        assert len({id(value) for value in values}) == len(set(values)) < len(values), name
    # an edit's sections copied on write, the others kept: equal to a fresh dashboard
    cache = StatusCache()
    cv.overview(store.db, missing=False, cache=cache)
    overdue = dash["overdue"][0]
    co.mark_milestone_done(store, overdue.id, snap.today.isoformat())
    kept = cv.overview(store.db, missing=False, cache=cache)["dashboard"]["by_section"]
    fresh = cv.overview(store.db, missing=False)["dashboard"]["by_section"]
    assert list(kept.items()) == list(fresh.items()) and kept != reference


def test_the_rows_equal_the_eager_rows_fresh_and_after_an_edit(store: Store, qapp) -> None:
    result = cv.overview(store.db, missing=False)
    rows = dashboard_rows(result)
    reference = list_rows_reference(result["dashboard"], result["snapshot"], result["titles"])
    for key, eager in reference.items():
        assert isinstance(rows[key], BuiltRows)
        assert list(rows[key]) == eager, key
    # after an edit through the window's cache: the kept rows follow by edits
    cache = StatusCache()
    board = Dashboard()
    first = cv.overview(store.db, missing=False, cache=cache)
    first["rows"] = dashboard_rows(first, cache.memo)
    board.set_overview(first)
    overdue = first["dashboard"]["overdue"][0]
    co.mark_milestone_done(store, overdue.id, result["snapshot"].today.isoformat())
    second = cv.overview(store.db, missing=False, cache=cache)
    second["rows"] = dashboard_rows(second, cache.memo)
    assert second["rows"]["edits"]["overdue"][1]  # followed by edits, not built afresh
    assert second["rows"]["edits"]["sections"][1]  # (the changed section's row, in place)
    board.set_overview(second)
    fresh = cv.overview(store.db, missing=False)
    reference = list_rows_reference(fresh["dashboard"], fresh["snapshot"], fresh["titles"])
    for key, eager in reference.items():
        assert list(second["rows"][key]) == eager, key
        assert getattr(board, key).rows == eager, key
    # a second edit: the sections' places found in the kept keys (the rows changed before
    # hold built rows at their places now)
    later = next(ms for ms in second["dashboard"]["overdue"] if ms.task_id != overdue.task_id)
    co.mark_milestone_done(store, later.id, result["snapshot"].today.isoformat())
    third = cv.overview(store.db, missing=False, cache=cache)
    third["rows"] = dashboard_rows(third, cache.memo)
    assert third["rows"]["edits"]["sections"][1]
    board.set_overview(third)
    fresh = cv.overview(store.db, missing=False)
    reference = list_rows_reference(fresh["dashboard"], fresh["snapshot"], fresh["titles"])
    for key, eager in reference.items():
        assert getattr(board, key).rows == eager, key
    board.deleteLater()


def test_places_in_a_list_for_few_keys_or_many() -> None:
    from desktop.views.coordination.dashboard import places_in

    keys = [f"s{n}" for n in range(100)]
    for wanted in ({"s3", "s97", "gone"}, {f"s{n}" for n in range(0, 100, 3)} | {"gone"}):
        assert places_in(keys, wanted) == {k: int(k[1:]) for k in wanted if k != "gone"}


def test_a_shown_dashboard_builds_the_rows_of_its_page(store: Store, qapp) -> None:
    result = cv.overview(store.db, missing=False)
    result["rows"] = dashboard_rows(result)
    built: list[Any] = []
    for key in ("overdue", "late", "at_risk"):
        rows = result["rows"][key]
        build = rows._build
        result["rows"][key] = BuiltRows(rows.entries(), lambda e, b=build: built.append(e) or b(e))
    board = Dashboard()
    board.resize(1366, 768)
    board.set_overview(result)
    board.grab()
    shown = len(result["rows"]["overdue"])
    assert shown > 100
    assert 0 < len(built) < 100  # the first page (and the first rows' widths), not all
    board.deleteLater()


def test_built_rows_take_edits_as_a_list() -> None:
    made: list[int] = []

    def build(n: int) -> Row:
        made.append(n)
        return Row((f"entry {n}",), record_id=str(n))

    rows, mirror = BuiltRows(range(6), build), [build(n) for n in range(6)]
    made.clear()
    assert rows[2] == mirror[2] and made == [2]
    assert rows[2] is rows[2] and made == [2]  # kept once built
    extra = Row(("put in",), record_id="x")
    for target in (rows, mirror):
        target.insert(1, extra)
        del target[4]
        target[0] = Row(("changed",), record_id="0")
    assert list(rows) == mirror and rows[1] is extra
    copy = rows.copy()
    del copy[0]
    assert len(rows) == 6 and len(copy) == 5  # a copy shares no list
    assert rows.entries()[1] is extra


def test_a_model_applies_edits_to_built_rows_and_takes_the_new_ones(qapp) -> None:
    model = RowsModel(["a"])
    old = BuiltRows(range(5), lambda n: Row((f"old {n}",), record_id=str(n)))
    model.set_rows(old)
    assert model._rows is not old  # a copy: the caller's rows are not edited
    new_row = Row(("new 9",), record_id="9")
    new = BuiltRows([*range(2), new_row, *range(3, 5)], lambda n: Row((f"new {n}",), str(n)))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_rows(new, (old, [("remove", 2), ("insert", 2, new_row)]))
    assert not resets  # in place
    # the rows kept are the new ones (built from the new pass, the old one let go)
    assert [model.row(n).cells[0] for n in range(5)] == [
        "new 0", "new 1", "new 9", "new 3", "new 4"
    ]  # fmt: skip
    assert len(old) == 5


def test_a_renamed_root_milestone_renames_its_blocking_rows(store: Store) -> None:
    cache = StatusCache()
    first = cv.overview(store.db, missing=False, cache=cache)
    first["rows"] = dashboard_rows(first, cache.memo)
    blocking = first["dashboard"]["blocking"]
    assert len(blocking) > 3
    root = blocking[2].root_milestone_ids[0]
    co.update_milestone(store, root, title="改名的源头节点")
    second = cv.overview(store.db, missing=False, cache=cache)
    assert cache.last_pass == "incremental"
    rows = dashboard_rows(second, cache.memo)["blocking"]
    fresh = dashboard_rows(cv.overview(store.db, missing=False))["blocking"]
    assert rows == fresh
    assert sum("改名的源头节点" in row.cells[2] for row in rows) >= 1
    # the rows of units whose roots the edit did not reach are the ones kept
    assert sum(a is b for a, b in zip(rows, first["rows"]["blocking"], strict=False)) > 0


def test_a_task_outside_the_pass_index_keeps_its_section_in_place(store: Store) -> None:
    """A task with a status that the full pass's index does not hold (archived then,
    unarchived since: an incremental pass adds it after the index), before indexed
    tasks in the table: its section, of no other task, is in the table's order
    (``dashboard_delta._fresh`` reads the sections again in that order when its slots'
    order is not the table's); an item added since to an indexed task is among that
    task's items; the counts and the kept maps equal the reference's."""
    from desktop.models import dashboard_delta

    db = store.db
    archived, plan_id = db.execute(
        "SELECT t.id, s.plan_id FROM task t JOIN section s ON s.id = t.section_id"
        " WHERE t.archived IS NOT NULL"
    ).fetchone()
    with db.conn:  # (before the full pass: not an op the cache reads)
        db.execute(
            "INSERT INTO section (id, plan_id, key, level, no, title)"
            " VALUES ('own-section', ?, 'own', 1, '九', '归档任务所在')",
            [plan_id],
        )
        db.execute("UPDATE task SET section_id = 'own-section' WHERE id = ?", [archived])
    cache = StatusCache()
    cache.snapshot(db)
    # an indexed task of several items gets one more (outside the item index)
    task_id, unit_id = db.execute(
        "SELECT i.task_id, a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id"
        " JOIN task t ON t.id = i.task_id WHERE t.archived IS NULL"
        " GROUP BY i.task_id HAVING count(DISTINCT i.id) > 1 LIMIT 1"
    ).fetchone()
    with store.action("unarchive_task") as tx:
        tx.update("task", archived, {"archived": None})
        tx.insert("item", {"id": "new-item", "task_id": task_id, "position": 99, "text": ""})
        tx.insert(
            "assignment",
            {"id": "new-lead", "item_id": "new-item", "unit_id": unit_id, "role": "lead"},
        )
    snap = cache.snapshot(db)
    assert cache.last_pass == "incremental"
    assert archived in snap.tasks and archived not in index_behind(snap.inputs.tasks)
    assert "new-item" not in index_behind(snap.inputs.items)
    assert task_id in index_behind(snap.inputs.tasks)
    dash, kept = dashboard_delta._fresh(db, snap)
    fresh = compute_status(db)
    reference = dashboard_counts_reference(db, fresh)
    sections = list(reference["by_section"])
    assert "own-section" in sections[:-1]  # (a section of a task after it comes later)
    assert list(dash["by_section"].items()) == list(reference["by_section"].items())
    # (the units in the items' order here, the task's items after the index's: their rows
    # are sorted by their counts and names, ``rows.unit_entries``)
    assert dash["by_unit"] == reference["by_unit"]
    maps = dashboard_maps_reference(db, fresh)
    for name in ("task_section", "item_units", "task_items"):
        assert dict(kept[name].items()) == maps[name], name
    assert list(kept["at_risk_rowid"].items()) == list(maps["at_risk_rowid"].items())
    items = kept["task_items"][task_id]
    assert isinstance(items, tuple) and items[-1] == "new-item" and len(items) > 2
