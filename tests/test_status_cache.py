"""The incremental status pass (``desktop.models.status_cache``) against a full pass.

Property: after any sequence of edits through the store actions (milestones, done
dates, extensions, dependencies including a cycle arriving by sync, reports,
target values, 办结, unit roles, 上级任务 links with roll-up), the cache's snapshot
equals ``compute_status`` on the same database — every milestone, item and task
state with its risks and their paths, the blocking ranking, the cycles and the
labels — and the overview's timeline rows and titles kept between passes equal
freshly built ones, and so do the dashboard's rows. Real SQLite files (the demo plan).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as hs

from desktop.models import authoring, dependencies, duban, progress, status_queries
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import coordination_views as cv
from desktop.models import status as st
from desktop.models.status_cache import StatusCache
from desktop.models.status_merge import Layered
from desktop.models.store import Store
from desktop.views.coordination.dashboard import dashboard_rows
from tests.helpers.coordination import demo_template, run_drawn
from tests.helpers.generated import store_copy

TODAY = date.today()
DATES = [(TODAY + timedelta(days=d)).isoformat() for d in (-40, -5, 0, 3, 10, 30, 200)]
TASK_NOS = [1, 2, 4, 5, 9, 14, 27]
OPERATIONS = (
    "add_milestone", "add_milestone", "done", "extend", "delete_milestone", "due", "depend",
    "depend", "undepend", "cycle", "report", "target_value", "signoff", "role", "link",
    "rollup", "retitle", "move",
)  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    def seed(store: Store) -> None:
        for n, no in enumerate(TASK_NOS):  # milestones to work on, one task at risk
            task_id = cq.resolve_task(store.db, no)
            for k in range(2):
                ms = co.add_milestone(store, task_id, f"节点{k}", DATES[(n + 3 * k) % len(DATES)])
            if n % 3 == 0:
                co.mark_milestone_done(store, ms, DATES[1])
        first, second = cq.resolve_task(store.db, 1), cq.resolve_task(store.db, 2)
        dependencies.add_dependency(store, ("task", first), ("task", second))

    return demo_template(tmp_path_factory.mktemp("template"), seed)


def normal(snap: st.StatusSnapshot) -> dict[str, Any]:
    """Everything a snapshot tells, as plain data."""
    return {
        "milestones": {k: asdict(v) for k, v in snap.milestones.items()},
        "items": {k: asdict(v) for k, v in snap.items.items()},
        "tasks": {k: asdict(v) for k, v in snap.tasks.items()},
        "blocking": [asdict(b) for b in snap.blocking],
        "cycles": snap.cycles,
        "cycle_dependencies": snap.cycle_dependency_ids,
        "roots": snap.roots,
        # the dashboard lists at-risk tasks in this order
        "order": list(snap.tasks),
        "labels": {
            key: snap.label(key)
            for key in [*(("task", t) for t in snap.tasks), *(("item", i) for i in snap.items)]
        },
    }


def ids(store: Store, table: str) -> list[str]:
    return [r[0] for r in store.db.execute(f"SELECT id FROM [{table}] ORDER BY id")]


def operation(data: hs.DataObject, store: Store) -> tuple[str, Any]:
    db = store.db
    draw = data.draw
    name = draw(hs.sampled_from(OPERATIONS))
    task_id = cq.resolve_task(db, draw(hs.sampled_from(TASK_NOS)))
    other = cq.resolve_task(db, draw(hs.sampled_from(TASK_NOS)))
    milestones = ids(store, "milestone")
    milestone = draw(hs.sampled_from(milestones)) if milestones else None
    when = draw(hs.sampled_from(DATES))
    items = [r[0] for r in db.execute("SELECT id FROM item WHERE task_id = ?", [task_id])]
    units = [  # the task's own units (they report and apply for 办结), and one more
        *(r[0] for r in db.execute(
            "SELECT DISTINCT a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
            " WHERE i.task_id = ? ORDER BY a.unit_id", [task_id],
        )),
        db.execute("SELECT id FROM unit ORDER BY name LIMIT 1").fetchone()[0],
    ]  # fmt: skip
    if name == "add_milestone":
        item = draw(hs.sampled_from([None, *items]))
        return name, lambda: co.add_milestone(
            store, task_id, "节点", when, item_id=item, confirm_before_plan_date=True
        )
    if milestone is None or (name == "cycle" and not ids(store, "dependency")):
        return "nothing", lambda: None
    if name == "done":
        done = draw(hs.sampled_from([when, None]))
        return name, lambda: co.mark_milestone_done(
            store, milestone, done, confirm_before_plan_date=True
        )
    if name == "extend":
        return name, lambda: co.extend_milestone(store, milestone, when, "延期")
    if name == "delete_milestone":
        return name, lambda: co.delete_milestone(store, milestone)
    if name == "due":
        return name, lambda: co.update_milestone(store, milestone, due=when)
    if name == "depend":
        pred = draw(hs.sampled_from([("task", other), ("milestone", milestone)]))
        lag = draw(hs.sampled_from([0, 5, 30]))
        return name, lambda: dependencies.add_dependency(store, pred, ("task", task_id), lag)
    if name == "undepend":
        deps = ids(store, "dependency")
        dep = draw(hs.sampled_from(deps)) if deps else None
        return name, lambda: dep and dependencies.remove_dependency(store, dep)
    if name == "cycle":  # what a sync can bring: the reverse of a dependency
        dep = draw(hs.sampled_from(ids(store, "dependency")))

        def reverse() -> None:
            row = next(db.query("SELECT * FROM dependency WHERE id = ?", [dep]))
            if db.execute("SELECT 1 FROM dependency WHERE id = ?", [dep + "-back"]).fetchone():
                return
            with store.action("sync_stand_in") as tx:
                tx.insert("dependency", {
                    "id": dep + "-back", "pred_kind": row["succ_kind"], "pred_id": row["succ_id"],
                    "succ_kind": row["pred_kind"], "succ_id": row["pred_id"], "lag_days": 0,
                })  # fmt: skip

        return name, reverse
    if name == "report":
        percent = draw(hs.sampled_from([10, 50, 95, None]))
        unit = draw(hs.sampled_from(units))
        return name, lambda: progress.add_report(
            store, task_id, unit, period=TODAY.strftime("%Y-%m"), text="推进", percent=percent,
            confirm_period=True,
        )  # fmt: skip
    if name == "target_value":
        targets = ids(store, "target")
        target = draw(hs.sampled_from(targets)) if targets else None
        value = draw(hs.sampled_from([0.0, 50.0, 1e6]))
        return name, lambda: target and progress.add_target_value(store, target, value, when)
    if name == "signoff":
        unit = draw(hs.sampled_from(units))
        approve = draw(hs.booleans())

        def signoff() -> None:
            signoff_id = duban.apply_signoff(store, task_id, unit, "已完成")
            duban.decide_signoff(store, signoff_id, approve, "" if approve else "材料不全")

        return name, signoff
    if name == "role":
        unit = draw(hs.sampled_from(units))
        role = draw(hs.sampled_from(["lead", "responsible", "support", None]))
        return name, lambda: items and authoring.set_unit_role(store, items[0], unit, role)
    if name == "link":
        parent = draw(hs.sampled_from([other, None]))
        return name, lambda: authoring.link_task(store, task_id, parent)
    if name == "retitle":
        title = draw(hs.sampled_from(["推进算力中心建设", "完善数据交易平台"]))
        return name, lambda: authoring.edit_task(store, task_id, title=title)
    if name == "move":
        no = draw(hs.sampled_from([1, 3, 8]))
        return name, lambda: authoring.move_task(store, task_id, no)
    rollup = draw(hs.booleans())
    return name, lambda: authoring.edit_task(store, task_id, rollup=rollup)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=hs.data())
def test_incremental_pass_equals_a_full_pass(template: Path, qapp, data) -> None:
    from PySide6.QtTest import QAbstractItemModelTester

    from desktop.views.coordination.dashboard import Dashboard

    board = Dashboard()  # its models updated in place from the kept rows' edits
    # every model's signals checked as they come (a failure is a Qt warning: the test fails)
    testers = [  # noqa: F841 - kept alive for the test
        QAbstractItemModelTester(
            getattr(board, key), QAbstractItemModelTester.FailureReportingMode.Warning
        )
        for key in MODELS
    ]
    resets = {key: [0] for key in MODELS}
    for key, counter in resets.items():
        getattr(board, key).modelReset.connect(lambda c=counter: c.__setitem__(0, c[0] + 1))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.sqlite"
        shutil.copy(template, path)
        store = Store.open(path)
        cache = StatusCache()
        flatten = Layered.MIN_CHANGES
        # layers kept, or flattened into a new dict on every pass
        Layered.MIN_CHANGES = data.draw(hs.sampled_from([flatten, -1]), label="flatten")
        try:
            assert normal(cache.snapshot(store.db, TODAY)) == normal(
                status_queries.compute_status(store.db, TODAY)
            )
            previous = cache.snapshot(store.db, TODAY)
            kept = normal(previous)
            for _step in range(data.draw(hs.integers(1, 10), label="steps")):
                name, run = operation(data, store)
                run_drawn(name, run)
                snap = cache.snapshot(store.db, TODAY)
                event(f"{name}: {cache.last_pass} pass")
                assert normal(snap) == normal(status_queries.compute_status(store.db, TODAY)), name
                # the overview's timeline rows and titles, kept between passes; some
                # passes without the dashboard (the window's before 总览 is first shown):
                # the next one with it must not start from the one kept before them
                with_dashboard = data.draw(hs.booleans(), label="dashboard")
                kept_rows = cv.overview(
                    store.db, TODAY, missing=False, cache=cache, dashboard=with_dashboard
                )
                fresh = cv.overview(store.db, TODAY, missing=False)
                assert asdict(kept_rows["timeline"]) == asdict(fresh["timeline"]), name
                assert kept_rows["titles"] == fresh["titles"]
                if not with_dashboard:
                    assert kept_rows["dashboard"] is None
                    assert "dashboard" not in cache.memo and "rows" not in cache.memo
                    assert normal(previous) == kept
                    previous, kept = snap, normal(snap)
                    continue
                # the dashboard's rows, kept for the tasks the edit did not reach
                kept_rows["rows"] = dashboard_rows(kept_rows, cache.memo)
                fresh_rows = dashboard_rows(fresh)
                assert shown(kept_rows["rows"]) == shown(fresh_rows), name
                # the dashboard's models after the edits applied in place: row by row
                # the fresh rows (a model reset only when the edits could not apply)
                before = {key: counter[0] for key, counter in resets.items()}
                board.set_overview(kept_rows)
                for key in MODELS:
                    assert getattr(board, key).rows == fresh_rows[key], (name, key)
                    changed = "reset" if resets[key][0] > before[key] else "in place"
                    event(f"{key} model: {changed}")
                assert board.status_totals() == fresh_rows["totals"]
                # the snapshot handed out before is never changed by a later pass
                assert normal(previous) == kept
                previous, kept = snap, normal(snap)
        finally:
            Layered.MIN_CHANGES = flatten
            store.close()
            board.deleteLater()


MODELS = ("sections", "units", "overdue", "late", "at_risk", "blocking")


def shown(rows: dict[str, Any]) -> dict[str, Any]:
    """``dashboard_rows`` without its edits (how the rows follow from the ones before)."""
    return {key: value for key, value in rows.items() if key != "edits"}


def test_an_edit_recomputes_its_component_only(template: Path, tmp_path: Path) -> None:
    with store_copy(template, tmp_path) as store:
        first, second, third = (cq.resolve_task(store.db, no) for no in (1, 2, 5))  # 1 → 2
        cache = StatusCache()
        cache.snapshot(store.db, TODAY)
        assert cache.last_pass == "full"
        assert cache.snapshot(store.db, TODAY) is cache.snapshot(store.db, TODAY)
        assert cache.last_pass == "same"

        co.add_milestone(store, first, "节点", DATES[0])  # overdue: task 2 is at risk
        snap = cache.snapshot(store.db, TODAY)
        assert (cache.last_pass, cache.last_component) == ("incremental", {first, second})
        assert snap.tasks[second].risks
        assert normal(snap) == normal(status_queries.compute_status(store.db, TODAY))

        co.add_milestone(store, third, "另一节点", DATES[1])
        cache.snapshot(store.db, TODAY)
        assert cache.last_component == {third}

        authoring.add_unit(store, "新单位")  # names of units: a full pass
        cache.snapshot(store.db, TODAY)
        assert cache.last_pass == "full"
        assert normal(cache.snapshot(store.db, TODAY)) == normal(
            status_queries.compute_status(store.db, TODAY)
        )
        cache.snapshot(store.db, TODAY + timedelta(days=1))  # a new day
        assert cache.last_pass == "full"


def test_the_plan_prefixes_kept_between_passes_follow_plan_edits_and_syncs(
    template: Path, tmp_path: Path, monkeypatch
) -> None:
    """The cache hands its full pass's ``plan_prefixes`` to the incremental passes (no
    plan read per edit); a plan edit or a sync makes the next pass a full one."""
    with store_copy(template, tmp_path) as store:
        db = store.db
        first = cq.resolve_task(db, 1)
        ms = co.add_milestone(store, first, "节点", DATES[3])
        plan = db.execute("SELECT plan_id FROM task WHERE id = ?", [first]).fetchone()[0]
        cache = StatusCache()
        assert cache.snapshot(db, TODAY).label(("task", first)) == "任务1"  # one plan
        other = authoring.create_plan(store, "第二个计划", doc_no="联办〔2026〕2号")
        cache.snapshot(db, TODAY)
        assert cache.last_pass == "full"
        doc_no = db.execute("SELECT doc_no FROM plan WHERE id = ?", [plan]).fetchone()[0]
        assert doc_no

        reads: list[object] = []
        read = status_queries.plan_prefixes

        def counted(db_read: Any) -> dict[str, str]:
            reads.append(db_read)
            return read(db_read)

        monkeypatch.setattr(status_queries, "plan_prefixes", counted)
        co.update_milestone(store, ms, due=DATES[0])
        snap = cache.snapshot(db, TODAY)
        assert cache.last_pass == "incremental" and first in cache.last_component
        assert reads == []  # the kept prefixes
        assert snap.label(("task", first)) == f"{doc_no} 任务1"
        monkeypatch.undo()
        assert normal(snap) == normal(status_queries.compute_status(db, TODAY))

        authoring.edit_plan(store, plan, doc_no="联办〔2026〕9号")  # a plan edit: a full pass
        co.update_milestone(store, ms, due=DATES[1])
        snap = cache.snapshot(db, TODAY)
        assert cache.last_pass == "full"
        assert snap.label(("task", first)) == "联办〔2026〕9号 任务1"
        co.update_milestone(store, ms, due=DATES[2])
        snap = cache.snapshot(db, TODAY)
        assert cache.last_pass == "incremental"
        assert normal(snap) == normal(status_queries.compute_status(db, TODAY))

        # a sync pull: the second plan goes without a change-log op, the cursor moves
        cursor = db.execute("SELECT value FROM sync_state WHERE key = 'cursor'").fetchone()
        with db.conn:
            db.execute("DELETE FROM plan WHERE id = ?", [other])
            db.execute(
                "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('cursor', ?)",
                [str(int(cursor[0] if cursor else 0) + 1)],
            )
        co.update_milestone(store, ms, due=DATES[3])
        snap = cache.snapshot(db, TODAY)
        assert cache.last_pass == "full"
        assert snap.label(("task", first)) == "任务1"
        assert normal(snap) == normal(status_queries.compute_status(db, TODAY))


def test_a_failed_overview_leaves_no_half_kept_parts(
    template: Path, tmp_path: Path, monkeypatch
) -> None:
    from desktop.models import dashboard_delta

    with store_copy(template, tmp_path) as store:
        cache = StatusCache()
        cv.overview(store.db, TODAY, missing=False, cache=cache)
        co.add_milestone(store, cq.resolve_task(store.db, 1), "节点", DATES[0])

        def broken(*_args: object) -> None:
            raise RuntimeError("disk gone")

        monkeypatch.setattr(dashboard_delta, "_after", broken)
        with pytest.raises(RuntimeError):
            cv.overview(store.db, TODAY, missing=False, cache=cache)
        monkeypatch.undo()
        kept = cv.overview(store.db, TODAY, missing=False, cache=cache)
        assert cache.last_pass == "full"  # everything computed again
        assert shown(dashboard_rows(kept, cache.memo)) == shown(
            dashboard_rows(cv.overview(store.db, TODAY, missing=False))
        )


def test_the_kept_dashboard_maps_share_one_string_per_id(template: Path, tmp_path: Path) -> None:
    """The task → section, task → items and item → units maps the window keeps between
    passes hold one string object per task, item, section and unit id (the snapshot's
    task and item ids, not one per fetched row), in tuples, one tuple per distinct set
    of units; an incremental pass keeps that shape and the same counts as a fresh one."""
    with store_copy(template, tmp_path) as store:
        cache = StatusCache()
        titles = cv.overview(store.db, TODAY, missing=False, cache=cache)["titles"]
        kept = cache.memo["dashboard"]
        tasks = {id(t) for t in kept["snapshot"].tasks}
        assert all(id(t) in tasks for t in titles if t in kept["snapshot"].tasks)
        assert all(id(t) in tasks for t in kept["task_section"] if t in kept["snapshot"].tasks)
        sections = [s for s in kept["task_section"].values() if s]
        assert len({id(s) for s in sections}) == len(set(sections)) < len(sections)
        items = {id(i) for i in kept["snapshot"].items}
        assert all(id(i) in items for i in kept["item_units"])
        # the tasks' items as counted: the cache's (a task's one item its id itself,
        # several a tuple), but where the dashboard's differ (none here)
        assert kept["task_items"] == {}
        counted = cache.task_items()
        task_items = {t: (i,) if isinstance(i, str) else i for t, i in counted.items()}
        assert any(isinstance(i, str) for i in counted.values())
        assert all(id(i) in items for ids in task_items.values() for i in ids)
        assert all(id(t) in tasks for t in counted)
        units = [u for us in kept["item_units"].values() for u in us]
        assert len({id(u) for u in units}) == len(set(units)) < len(units)
        sets = list(kept["item_units"].values())
        assert len({id(us) for us in sets}) == len(set(sets)) < len(sets)
        assert all(isinstance(us, tuple) for us in kept["item_units"].values())
        assert all(
            isinstance(i, tuple) and len(i) > 1 for i in counted.values() if not isinstance(i, str)
        )  # fmt: skip
        task_id = cq.resolve_task(store.db, 1)
        co.add_milestone(store, task_id, "节点", DATES[0])
        rows = cv.overview(store.db, TODAY, missing=False, cache=cache)
        assert cache.last_pass == "incremental"
        kept = cache.memo["dashboard"]
        sets = list(kept["item_units"].values())
        assert all(isinstance(us, tuple) for us in sets)
        assert len({id(us) for us in sets}) == len(set(sets))
        # the at-risk list's sort keys: the rowids of the listed tasks only
        listed = [t for t, _risks in kept["dashboard"]["at_risk"]]
        assert listed and set(kept["at_risk_rowid"]) == set(listed)
        assert [kept["at_risk_rowid"][t] for t in listed] == sorted(kept["at_risk_rowid"].values())
        assert task_id not in kept["task_items"]  # (counted as the cache has them)
        assert isinstance(cache.task_items()[task_id], (str, tuple))
        assert shown(dashboard_rows(rows, cache.memo)) == shown(
            dashboard_rows(cv.overview(store.db, TODAY, missing=False))
        )


def test_a_task_s_items_read_again_twice_before_the_dashboard_count_as_first_kept(
    template: Path, tmp_path: Path
) -> None:
    """Two incremental passes before the next overview, each after an edit of a task's
    items (one removed, then one added with a lead): the dashboard takes away what it
    had counted (the items as of the dashboard before, not as of the first pass) and
    equals a fresh one."""
    with store_copy(template, tmp_path) as store:
        db = store.db
        task_id = db.execute(
            "SELECT task_id FROM item GROUP BY task_id HAVING count(*) > 1 ORDER BY min(rowid)"
        ).fetchone()[0]
        cache = StatusCache()
        cv.overview(db, TODAY, missing=False, cache=cache)
        items = [r[0] for r in db.execute("SELECT id FROM item WHERE task_id = ?", [task_id])]
        authoring.delete_item(store, items[0])
        cache.snapshot(db, TODAY)
        assert cache.last_pass == "incremental"
        unit = db.execute("SELECT id FROM unit ORDER BY rowid LIMIT 1").fetchone()[0]
        authoring.set_unit_role(store, authoring.add_item(store, task_id, "新增事项"), unit, "lead")
        cache.snapshot(db, TODAY)
        rows = cv.overview(db, TODAY, missing=False, cache=cache)
        assert cache.last_pass in ("incremental", "same")
        assert shown(dashboard_rows(rows, cache.memo)) == shown(
            dashboard_rows(cv.overview(db, TODAY, missing=False))
        )


def test_the_dashboard_keeps_only_the_task_items_that_differ_from_the_caches(
    template: Path, tmp_path: Path
) -> None:
    """The dashboard counts each task's items with a reporting unit, in the order of
    their first such assignment. It keeps them only where they differ from the status
    cache's items of the task (an item without a reporting unit, or the items in
    another order): no second map of every task. Read together, they are the items
    read from the tables."""
    with store_copy(template, tmp_path) as store:
        db = store.db
        multi = [r[0] for r in db.execute(
            "SELECT task_id FROM item GROUP BY task_id HAVING count(*) > 1 ORDER BY min(rowid)"
        )]  # fmt: skip
        assert len(multi) >= 2
        with db.conn:  # the first task's first item assigned last: another order
            first = db.execute(
                "SELECT id FROM item WHERE task_id = ? ORDER BY position LIMIT 1", [multi[0]]
            ).fetchone()[0]
            rows = db.execute("SELECT * FROM assignment WHERE item_id = ?", [first]).fetchall()
            db.execute("DELETE FROM assignment WHERE item_id = ?", [first])
            marks = ",".join("?" * len(rows[0]))
            db.conn.executemany(f"INSERT INTO assignment VALUES ({marks})", rows)
            # the second task's last item reports through no unit (only 配合)
            last = db.execute(
                "SELECT id FROM item WHERE task_id = ? ORDER BY position DESC LIMIT 1", [multi[1]]
            ).fetchone()[0]
            db.execute("UPDATE assignment SET role = 'support' WHERE item_id = ?", [last])
        cache = StatusCache()
        cv.overview(store.db, TODAY, missing=False, cache=cache)
        differs = cache.memo["dashboard"]["task_items"]
        ours = cache.task_items()
        expected: dict[str, list[str]] = {}
        for task_id, item_id in db.execute(
            "SELECT i.task_id, a.item_id FROM assignment a JOIN item i ON i.id = a.item_id"
            " WHERE a.role IN ('lead', 'responsible') ORDER BY a.rowid"
        ):
            listed = expected.setdefault(task_id, [])
            if item_id not in listed:
                listed.append(item_id)
        assert set(differs) == {multi[0], multi[1]}
        counted = {t: differs.get(t, ours.get(t, ())) for t in set(ours) | set(differs)}
        as_tuples = {t: (i,) if isinstance(i, str) else i for t, i in counted.items() if i}
        assert as_tuples == {t: tuple(items) for t, items in expected.items()}


@settings(max_examples=60, deadline=None)
@given(hs.lists(hs.tuples(hs.sets(hs.integers(0, 40)), hs.sets(hs.integers(0, 50))), max_size=8))
def test_a_flattened_layer_keeps_every_entry_in_its_order(passes) -> None:  # noqa: ANN001
    """``Layered.flattened`` (the copy made when the layers grow) is ``dict(items())``:
    the same entries in the same order (a changed or re-added key in its base place)."""
    merged: Any = {n: f"v{n}" for n in range(30)}
    for number, (gone, new) in enumerate(passes):
        merged = Layered.over(merged, gone, {n: f"p{number}-{n}" for n in new})
        if isinstance(merged, Layered):
            flat = merged.flattened()
            assert list(flat.items()) == list(merged.items())
            assert len(flat) == len(merged) == sum(1 for _ in merged)
