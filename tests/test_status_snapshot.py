"""The compact status pass equals the row-by-row one, state by state.

``status_queries.load_status_inputs`` (columns picked out of whole fetched tables) and
``status_pass.compute_pass`` (codes in bulk, states built when first read) are compared
with the loader and the pass as first written (``tests/helpers/status_inputs_reference.py``,
``tests/helpers/status_reference.py``) on a real database: the demo plan with the
benches' milestones, dependencies and 督办 workflow data, made richer by hand (an
archived task, items with several lead and responsible units, first items tied on
position, a roll-up task).
"""

from __future__ import annotations

import shutil
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.models import status as st
from desktop.models import status_queries
from desktop.models.authoring_queries import apply_rollup
from desktop.models.status_tables import LazyStates, status_of, values_of
from desktop.models.store import Store
from desktop.models.workspace_queries import dashboard
from tests.helpers.coordination import populated_demo
from tests.helpers.status_inputs_reference import reference_load_inputs
from tests.helpers.status_reference import reference_compute


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rich") / "demo.db"
    populated_demo(path).close()
    store = Store.open(path)
    db = store.db
    with db.conn:
        tasks = [row[0] for row in db.execute("SELECT id FROM task ORDER BY no LIMIT 12")]
        db.execute("UPDATE task SET archived = '2026-01-05' WHERE id = ?", [tasks[0]])
        # a higher-level task rolling up two lower ones
        db.execute("UPDATE task SET rollup = 1 WHERE id = ?", [tasks[1]])
        db.execute(
            "UPDATE task SET parent_task_id = ? WHERE id IN (?, ?)", [tasks[1], tasks[2], tasks[3]]
        )
        units = [row[0] for row in db.execute("SELECT id FROM unit ORDER BY name LIMIT 4")]
        items = [row[0] for row in db.execute("SELECT id FROM item ORDER BY rowid LIMIT 40")]
        for n, item_id in enumerate(items[::3]):
            # more lead and responsible units, in every order of position and role
            for k, (unit, role) in enumerate(
                [(units[0], "responsible"), (units[1], "lead"), (units[2], "lead")]
            ):
                db.execute(
                    "INSERT INTO assignment (id, item_id, unit_id, role, position)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [f"extra-{n}-{k}", item_id, unit, role, (n + k) % 2],
                )
        # every item of a few tasks at the same position: the first read is the first
        db.execute("UPDATE item SET position = 0 WHERE task_id IN (?, ?)", [tasks[4], tasks[5]])
        # targets: several values at the latest date (each counts), a ceiling, a target
        # without a goal (its values count for nothing), deadlines (the task's latest)
        for n, (comparator, goal, deadline, values) in enumerate(
            [
                (">=", 80.0, "2026-12-31", [(40.0, "2026-03-01"), (30.0, "2026-04-01"),
                                            (55.0, "2026-04-01")]),
                ("<=", 10.0, "2027-06-30", [(20.0, "2026-02-01"), (12.5, "2026-05-01")]),
                (">=", None, "2030-01-01", [(5.0, "2026-05-01")]),
                (">", 0.0, None, [(1.0, "2026-01-01")]),
                (">=", 50.0, "", [(10.0, "2026-01-01"), (60.0, "2026-01-01")]),
            ]
        ):  # fmt: skip
            task_id = tasks[6 + n % 3]
            db.execute(
                "INSERT INTO target (id, task_id, comparator, value, deadline)"
                " VALUES (?, ?, ?, ?, ?)",
                [f"extra-target-{n}", task_id, comparator, goal, deadline],
            )
            for k, (value, as_of) in enumerate(values):
                db.execute(
                    "INSERT INTO target_value (id, target_id, value, as_of) VALUES (?, ?, ?, ?)",
                    [f"extra-value-{n}-{k}", f"extra-target-{n}", value, as_of],
                )
    store.close()
    return path


def _copy(rich: Path, tmp_path: Path) -> Store:
    target = tmp_path / "rich.db"
    shutil.copy(rich, target)
    return Store.open(target)


def test_the_compact_loader_reads_what_the_row_by_row_one_read(rich: Path, tmp_path: Path) -> None:
    store = _copy(rich, tmp_path)
    try:
        db = store.db
        some = [row[0] for row in db.execute("SELECT id FROM task ORDER BY no LIMIT 30")]
        for only in (None, some):
            new = status_queries.load_status_inputs(db, only)
            old = reference_load_inputs(db, only)
            for f in fields(st.StatusInputs):
                assert getattr(new, f.name) == getattr(old, f.name), f.name
            assert new.task_unit and new.item_unit and new.milestones
        shared = status_queries.load_status_inputs(db).round_rows
        assert shared is not None
        # the data has items of several lead and responsible units
        assert len(shared.assignments) > len({row[0] for row in shared.assignments})
    finally:
        store.close()


def test_the_loader_of_several_plans_none_archived_reads_what_the_row_by_row_one_read(
    rich: Path, tmp_path: Path
) -> None:
    """Without an archived task (the usual case) the loader makes the task prefixes and
    the round's task rows as copies of the tasks' dict (``_with_values``): with two
    plans (two prefixes, two plan dates) each task's own prefix, plan date and row."""
    store = _copy(rich, tmp_path)
    try:
        db = store.db
        with db.conn:
            db.execute("UPDATE task SET archived = NULL")
            db.execute(
                "INSERT INTO plan (id, title, doc_no, written_date)"
                " VALUES ('second-plan', '第二个方案', '第二号', '2026-02-01')"
            )
            db.execute("UPDATE task SET plan_id = 'second-plan' WHERE no % 3 = 1")
        new = status_queries.load_status_inputs(db)
        old = reference_load_inputs(db)
        for f in fields(st.StatusInputs):
            assert getattr(new, f.name) == getattr(old, f.name), f.name
        assert len(set(new.task_prefix.values())) == 2 and len(set(new.plan_date.values())) == 2
        assert new.round_rows is not None and len(new.round_rows.tasks) == len(new.tasks)
    finally:
        store.close()


def test_every_state_of_the_compact_pass_equals_the_row_by_row_pass(
    rich: Path, tmp_path: Path
) -> None:
    store = _copy(rich, tmp_path)
    try:
        db = store.db
        for today in (date.today(), date.today() + timedelta(days=120)):
            fast = status_queries.compute_status(db, today)
            plain = apply_rollup(
                db, reference_compute(reference_load_inputs(db), today, st.DEFAULT_WINDOW_DAYS)
            )
            assert isinstance(fast.milestones, LazyStates)
            # read in the iteration order of a full pass, every field of every state
            for table in ("milestones", "items", "tasks"):
                built, expected = getattr(fast, table), getattr(plain, table)
                assert list(built) == list(expected), table
                assert len(built) == len(expected)
                for key, state in expected.items():
                    assert built[key] == state, (table, key)
                    assert built[key] is built[key]  # built once, kept
                assert dict(built.items()) == expected
            assert fast.blocking == plain.blocking and fast.roots == plain.roots
            assert fast.cycle_paths == plain.cycle_paths
            assert fast.cycle_dependency_ids == plain.cycle_dependency_ids
            assert any(n.risks for n in fast.tasks.values())
            assert any(n.behind for n in fast.tasks.values())
            assert any(n.rolled_from for n in fast.tasks.values())
            assert {m.status for m in fast.milestones.values()} >= {st.DONE, st.OVERDUE}
    finally:
        store.close()


def test_states_are_built_when_first_read(rich: Path, tmp_path: Path) -> None:
    store = _copy(rich, tmp_path)
    try:
        snap = status_queries.compute_status(store.db)
        milestones = snap.milestones
        assert isinstance(milestones, LazyStates)
        first = next(iter(milestones))
        assert "gone" not in milestones and milestones.get("gone") is None
        with pytest.raises(KeyError):
            milestones["gone"]
        state = milestones[first]
        state.title = "改过的标题"  # a state read is kept: a change to it stays
        assert milestones.get(first).title == "改过的标题"
        assert next(iter(milestones.values())) is state
    finally:
        store.close()


def test_statuses_read_without_building_equal_the_built_states(rich: Path, tmp_path: Path) -> None:
    """``status_of`` answers every status without building the state, the same as the
    state built afterwards (a built and changed state — the roll-up — answers itself);
    the dashboard's counts and overdue list read it and build only what they list."""
    store = _copy(rich, tmp_path)
    try:
        db = store.db
        for today in (date.today(), date.today() + timedelta(days=120)):
            first = status_queries.compute_status(db, today)
            unbuilt = {
                table: {key: status_of(getattr(first, table), key) for key in getattr(first, table)}
                for table in ("milestones", "items", "tasks")
            }
            assert status_of(first.tasks, "gone") is None
            bulk = status_queries.compute_status(db, today)
            for table in ("milestones", "items", "tasks"):  # the same, a table at a time
                assert values_of(getattr(bulk, table), "status") == unbuilt[table], table
            risks = values_of(bulk.tasks, "risks")
            late = values_of(bulk.milestones, "late_vs_original")
            fresh = status_queries.compute_status(db, today)
            for table, statuses in unbuilt.items():
                built = getattr(fresh, table)
                assert statuses == {key: state.status for key, state in built.items()}, table
            assert risks == {key: state.risks for key, state in fresh.tasks.items()}
            assert any(risks.values())
            assert late == {key: m.late_vs_original for key, m in fresh.milestones.items()}
            assert values_of(fresh.tasks, "status") == unbuilt["tasks"]  # built: as read
            assert {s for s in unbuilt["milestones"].values()} >= {st.DONE, st.OVERDUE}
            # a state changed after it was built answers itself
            rolled = next(n for n in fresh.tasks.values() if n.rolled_from)
            rolled.status = st.OVERDUE if rolled.status != st.OVERDUE else st.DONE
            assert status_of(fresh.tasks, rolled.id) == rolled.status

            snap = status_queries.compute_status(db, today)
            board = dashboard(db, today, snapshot=snap)
            reference = dashboard(db, today, snapshot=fresh_states(db, today))
            assert board["by_section"] == reference["by_section"]
            assert board["by_unit"] == reference["by_unit"]
            assert board["overdue"] == reference["overdue"] and board["overdue"]
            assert board["at_risk"] == reference["at_risk"] and board["at_risk"]
            assert board["late_vs_original"] == reference["late_vs_original"]
            tasks = snap.tasks
            assert isinstance(tasks, LazyStates)
            assert len(tasks._made) < len(tasks) // 2  # counted, not built
    finally:
        store.close()


def fresh_states(db, today: date) -> st.StatusSnapshot:  # noqa: ANN001 - a Database
    """A snapshot whose every state is built first (the dashboard then reads states)."""
    snap = status_queries.compute_status(db, today)
    for table in (snap.milestones, snap.items, snap.tasks):
        dict(table.items())
    return snap


def test_schedule_compared_at_one_decimal_equals_the_row_by_row_pass() -> None:
    """序时进度 column at a time: a percent equal to the expected one at one decimal is not
    behind, a tenth below is; the lower of the reported and the target percent counts;
    finished tasks and tasks outside the pass get none."""
    from desktop.models.status_rules import expected_for

    today = date(2026, 6, 15)
    inputs = st.StatusInputs()
    inputs.tasks = {f"t{n}": n + 1 for n in range(8)}
    inputs.task_deadline = {"t0": "2026-12-31", "t1": "2026-12-31", "t2": "2027-03-31"}
    inputs.task_deadline |= {"t3": "2026-09-30", "t6": "2026-12-31"}
    inputs.plan_date = {"t2": "2026-02-01", "t4": "2026-03-01"}
    bar = {t: round(expected_for(inputs, t, today), 1) for t in inputs.tasks}
    inputs.task_percent = {"t0": bar["t0"], "t1": bar["t1"] - 0.06, "t2": bar["t2"] + 0.04}
    inputs.task_percent |= {"t3": 99.0, "t5": bar["t5"] - 0.05, "t6": 1.0, "gone": 3.0}
    inputs.target_percent = {"t3": bar["t3"] - 0.1, "t4": bar["t4"], "t7": 100.0}
    inputs.closed_tasks = {"t6"}
    fast = st.compute(inputs, today)
    assert fast == reference_compute(inputs, today, st.DEFAULT_WINDOW_DAYS)
    behind = {t: (n.behind, n.percent) for t, n in fast.tasks.items() if n.expected is not None}
    assert behind == {
        "t0": (False, bar["t0"]), "t1": (True, bar["t1"] - 0.06), "t2": (False, bar["t2"] + 0.04),
        "t3": (True, bar["t3"] - 0.1), "t4": (False, bar["t4"]),
        "t5": (round(bar["t5"] - 0.05, 1) < bar["t5"], bar["t5"] - 0.05), "t7": (False, 100.0),
    }  # fmt: skip


def test_a_snapshot_let_go_is_freed_at_once(rich: Path, tmp_path: Path) -> None:
    """No reference cycle keeps a status pass alive (its rows, codes and closures): a
    snapshot nobody holds, or one a ``StatusCache`` replaced, is freed by reference
    counting, not at the collector's next full collection (until then every full
    pass kept one more snapshot resident: +80 MiB after four passes at the province
    size). Run with the collector off, so only reference counting can free it."""
    import gc
    import weakref

    from desktop.models.status_cache import StatusCache

    store = _copy(rich, tmp_path)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        snap = status_queries.compute_status(store.db)
        assert any(n.rolled_from for n in snap.tasks.values())  # the roll-up ran
        gone = weakref.ref(snap)
        del snap
        assert gone() is None
        cache = StatusCache()
        first = cache.snapshot(store.db)
        replaced = weakref.ref(first)
        del first
        cache.invalidate()
        cache.snapshot(store.db)
        assert cache.last_pass == "full" and replaced() is None
    finally:
        if was_enabled:
            gc.enable()


def test_the_dashboards_unit_counts_and_at_risk_list_equal_the_distinct_query(
    rich: Path, tmp_path: Path
) -> None:
    """``dashboard`` reads each (item, unit) reporting pair once from a scan of the
    assignments (not ``SELECT DISTINCT``, which read them in an index's order) and the
    at-risk tasks' risks without building their states: the same counts and list as
    the query and the states it replaced."""
    store = _copy(rich, tmp_path)
    try:
        db = store.db
        with db.conn:  # a unit both lead and responsible of an item (as a sync may bring)
            db.execute(
                "INSERT INTO assignment (id, item_id, unit_id, role, position) SELECT"
                " 'twice', item_id, unit_id, 'responsible', 9 FROM assignment"
                " WHERE role = 'lead' ORDER BY rowid LIMIT 1"
            )
        snap = status_queries.compute_status(db)
        board = dashboard(db, snapshot=snap)
        statuses = values_of(snap.items, "status")
        expected: dict[str, dict[str, int]] = {}
        for item_id, unit_id in db.execute(
            "SELECT DISTINCT item_id, unit_id FROM assignment WHERE role IN ('lead', 'responsible')"
        ):
            if item_id in statuses:
                counts = expected.setdefault(unit_id, dict.fromkeys(st.STATUSES, 0))
                counts[statuses[item_id]] += 1
        assert {unit: e["counts"] for unit, e in board["by_unit"].items()} == expected
        both = db.execute(  # a pair listed twice (lead and responsible) counts once
            "SELECT count(*) FROM (SELECT item_id, unit_id FROM assignment"
            " WHERE role IN ('lead', 'responsible') GROUP BY 1, 2 HAVING count(*) > 1)"
        ).fetchone()[0]
        built = status_queries.compute_status(db)
        assert board["at_risk"] == [(t, built.tasks[t].risks) for t in built.at_risk("task")]
        assert board["at_risk"] and expected and both == 1
    finally:
        store.close()
