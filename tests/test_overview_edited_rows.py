"""The incremental overview reads again only the rows an edit changed.

``StatusCache.take_edited`` names the tasks whose own row, items or assignments an op
changed; the overview reads those tasks' titles, sections and units again and moves the
other recomputed tasks' counts only where a status changed (``dashboard_delta``). Here,
after random edits of every kind that changes such rows (items added and removed, unit
roles, titles, sections, a task deleted) and of kinds that change statuses across a
dependency chain (dues, done dates, extensions), the kept dashboard and titles equal a
fresh ``workspace_queries.dashboard`` and ``task_titles``; and the milestones
``dashboard_delta`` compares are those the overdue and late lists hold. Real SQLite
files (the demo plan)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as hs

from desktop.models import authoring, dashboard_delta, dependencies, status_queries
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import coordination_views as cv
from desktop.models import workspace_queries as wq
from desktop.models.status_cache import StatusCache
from desktop.models.store import Store
from tests.helpers.coordination import demo_template, run_drawn
from tests.helpers.generated import store_copy

TODAY = date.today()
DATES = [(TODAY + timedelta(days=d)).isoformat() for d in (-40, -12, -5, 0, 3, 10, 30)]
CHAIN = [1, 2, 4, 5, 9]  # tasks linked one after the other by dependencies
OTHERS = [14, 27]
OPERATIONS = (
    "due", "due", "done", "extend", "add_item", "delete_item", "role", "retitle", "section",
    "delete_task",
)  # fmt: skip


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    def seed(store: Store) -> None:
        ids = [cq.resolve_task(store.db, no) for no in CHAIN + OTHERS]
        for n, task_id in enumerate(ids):
            for k in range(2):
                ms = co.add_milestone(store, task_id, f"节点{k}", DATES[(n + 2 * k) % len(DATES)])
            if n % 3 == 0:  # done after its due: late against it, not overdue
                co.mark_milestone_done(store, ms, TODAY.isoformat(), confirm_before_plan_date=True)
        for pred, succ in zip(ids[: len(CHAIN) - 1], ids[1 : len(CHAIN)], strict=True):
            dependencies.add_dependency(store, ("task", pred), ("task", succ))

    return demo_template(tmp_path_factory.mktemp("template"), seed)


def operation(data: hs.DataObject, store: Store) -> tuple[str, Any]:
    db, draw = store.db, data.draw
    name = draw(hs.sampled_from(OPERATIONS))
    found = db.execute(
        "SELECT id FROM task WHERE no = ? ORDER BY rowid", [draw(hs.sampled_from(CHAIN + OTHERS))]
    ).fetchone()
    if found is None:  # (deleted)
        return "nothing", lambda: None
    task_id = found[0]
    milestones = [r[0] for r in db.execute("SELECT id FROM milestone ORDER BY id")]
    milestone = draw(hs.sampled_from(milestones))
    when = draw(hs.sampled_from(DATES))
    items = [r[0] for r in db.execute("SELECT id FROM item WHERE task_id = ?", [task_id])]
    if name == "due":
        return name, lambda: co.update_milestone(store, milestone, due=when)
    if name == "done":
        done = draw(hs.sampled_from([when, None]))
        return name, lambda: co.mark_milestone_done(
            store, milestone, done, confirm_before_plan_date=True
        )
    if name == "extend":
        return name, lambda: co.extend_milestone(store, milestone, when, "延期")
    if name == "add_item":
        return name, lambda: authoring.add_item(store, task_id, "新增事项")
    if name == "delete_item":
        item = draw(hs.sampled_from(items)) if items else None
        return name, lambda: item and authoring.delete_item(store, item)
    if name == "role":
        units = [r[0] for r in db.execute("SELECT id FROM unit ORDER BY name LIMIT 3")]
        unit = draw(hs.sampled_from(units))
        role = draw(hs.sampled_from(["lead", "responsible", "support", None]))
        return name, lambda: items and authoring.set_unit_role(store, items[-1], unit, role)
    if name == "retitle":
        title = draw(hs.sampled_from(["推进算力中心建设", "完善数据交易平台"]))
        return name, lambda: authoring.edit_task(store, task_id, title=title)
    if name == "section":
        sections = [r[0] for r in db.execute("SELECT id FROM section ORDER BY id LIMIT 3")]
        section = draw(hs.sampled_from(sections))
        return name, lambda: authoring.edit_task(store, task_id, section_id=section)
    return name, lambda: authoring.delete_task(store, task_id)


LISTS = ("by_section", "by_unit", "overdue", "late_vs_original", "at_risk", "behind")


def kept_lists(dash: dict[str, Any]) -> dict[str, Any]:
    """What the dashboard shows: counts per section and unit, the lists, 未达序时."""
    return {name: dash[name] for name in LISTS}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=hs.data())
def test_the_kept_dashboard_and_titles_equal_fresh_ones_after_row_edits(
    template: Path, data
) -> None:
    with store_copy(template) as store:
        cache = StatusCache()
        cv.overview(store.db, TODAY, missing=False, cache=cache)
        for _step in range(data.draw(hs.integers(1, 8), label="steps")):
            name, run = operation(data, store)
            run_drawn(name, run)
            kept = cv.overview(store.db, TODAY, missing=False, cache=cache)
            event(f"{name}: {cache.last_pass} pass")
            snap = status_queries.compute_status(store.db, TODAY)
            fresh = wq.dashboard(store.db, snapshot=snap)
            fresh["behind"] = dashboard_delta.behind(snap)
            assert kept_lists(kept["dashboard"]) == kept_lists(fresh), name
            assert dict(kept["titles"].items()) == dict(cv.task_titles(store.db).items())


def test_take_edited_names_the_tasks_whose_rows_items_or_units_changed(
    template: Path, tmp_path: Path
) -> None:
    with store_copy(template, tmp_path) as store:
        db = store.db
        cache = StatusCache()
        cache.snapshot(db, TODAY)
        first, second, other = (cq.resolve_task(db, no) for no in (CHAIN[0], CHAIN[1], OTHERS[0]))
        ms = db.execute("SELECT id FROM milestone WHERE task_id = ?", [first]).fetchone()[0]
        co.update_milestone(store, ms, due=DATES[5])  # a status edit: no row read again
        cache.snapshot(db, TODAY)
        assert cache.take_changed() >= {first, second}
        assert cache.take_edited() == set()
        authoring.edit_task(store, second, title="完善数据交易平台")
        item = authoring.add_item(store, other, "新增事项")
        cache.snapshot(db, TODAY)
        unit = db.execute("SELECT id FROM unit ORDER BY name LIMIT 1").fetchone()[0]
        authoring.set_unit_role(store, item, unit, "lead")
        cache.snapshot(db, TODAY)
        # edits kept across passes until taken, then gone
        assert cache.take_edited() == {second, other}
        assert cache.take_edited() == set()
        authoring.edit_task(store, other, title="推进算力中心建设")
        cache.invalidate()  # a full pass: nothing kept to follow from
        cache.snapshot(db, TODAY)
        assert cache.take_edited() == set()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=hs.data())
def test_the_milestones_compared_are_those_the_lists_hold(template: Path, data) -> None:
    with store_copy(template) as store:
        for _step in range(data.draw(hs.integers(0, 6), label="steps")):
            name, run = operation(data, store)
            if name in ("due", "done", "extend"):
                run_drawn(name, run)
        snap = status_queries.compute_status(store.db, TODAY)
        fresh = wq.dashboard(store.db, snapshot=snap)
        listed = {m.id for m in fresh["overdue"]} | {m.id for m in fresh["late_vs_original"]}
        # the tasks with milestones, and a few without
        dated = [t for t in snap.tasks if snap.tasks[t].milestone_ids]
        some = [t for t in snap.tasks if t not in dated][:3]
        tasks = data.draw(hs.lists(hs.sampled_from(dated + some), unique=True))
        expected = [
            m
            for t in tasks
            for m in (snap.milestones[i] for i in snap.tasks[t].milestone_ids)
            if m.id in listed
        ]
        assert dashboard_delta._listed(snap, tasks) == expected
        event(f"{len(expected)} listed")
