"""The reporting round (催报 by cycle) and the all-units light table, as sped up,
against the straightforward versions in ``tests/helpers`` on a real database: the
demo plan with the bench's 20,000-milestone structure and 督办 workflow data, plus
what a sync can bring in (archived tasks, a unit twice on an item, item-level
reports, milestones owned by a unit not assigned to their task, two tasks with one
number)."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.models import coordination as co
from desktop.models import coordination_views, progress, status_queries, unit_lights
from desktop.models import duban_queries as dq
from desktop.models.store import Store
from tests.helpers.coordination import populated_demo
from tests.helpers.report_round_reference import reference_report_round
from tests.helpers.unit_lights_reference import reference_unit_lights


@pytest.fixture(scope="module")
def populated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("round") / "demo.db"
    store = populated_demo(path)
    db = store.db
    today = date.today()
    tasks = [r[0] for r in db.execute("SELECT id FROM task ORDER BY no")]
    units = [r[0] for r in db.execute("SELECT id FROM unit WHERE kind != 'group' ORDER BY name")]
    # milestones owned by a unit assigned to nothing of the task
    for task_id in tasks[:3]:
        co.add_milestone(
            store, task_id, "外单位节点", today - timedelta(days=2), owner_unit_id=units[-1]
        )
    # item-level reports: this month's and last month's, by a lead unit of an item
    multi = db.execute(
        "SELECT i.task_id, i.id, a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id"
        " WHERE a.role = 'lead' AND i.task_id IN"
        " (SELECT task_id FROM item GROUP BY task_id HAVING count(*) > 1) ORDER BY i.rowid"
    ).fetchall()
    assert multi, "the demo plan has tasks of several items"
    last_month = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    for n, (task_id, item_id, unit_id) in enumerate(multi[:6]):
        period = today.strftime("%Y-%m") if n % 2 else last_month
        progress.add_report(store, task_id, unit_id, period=period, item_id=item_id, percent=30)
    with db.conn:
        db.execute(
            "UPDATE task SET archived = '2026-01-01T00:00:00.000+00:00' WHERE id IN (?, ?)",
            tasks[5:7],
        )
        item_id, unit_id = db.execute(
            "SELECT item_id, unit_id FROM assignment WHERE role = 'lead' ORDER BY rowid LIMIT 1"
        ).fetchone()
        db.execute(
            "INSERT INTO assignment (id, item_id, unit_id, role, position)"
            " VALUES ('twice', ?, ?, 'responsible', 0)",
            [item_id, unit_id],
        )
    store.close()
    return path


def reporting_pairs(db, plan_id: str | None) -> set[tuple[str, str]]:  # noqa: ANN001
    return set(
        db.execute(
            "SELECT a.unit_id, t.id FROM assignment a JOIN item i ON i.id = a.item_id"
            " JOIN task t ON t.id = i.task_id JOIN unit u ON u.id = a.unit_id"
            " WHERE a.role IN ('lead', 'responsible') AND u.kind != 'group'"
            " AND t.archived IS NULL AND t.plan_id = coalesce(?, t.plan_id)",
            [plan_id],
        ).fetchall()
    )


def assert_same_round(db, as_of: date, plan_id: str | None = None) -> None:  # noqa: ANN001
    # the rows a full status pass kept (used for the whole database's round only)
    kept = status_queries.compute_status(db, as_of, rounds=True).inputs.round_rows
    assert kept is not None and kept.assignments and kept.reports
    for ordered, shared in ((True, None), (False, None), (True, kept), (False, kept)):
        fast = dq.report_round(db, as_of, plan_id, ordered=ordered, shared=shared)
        plain = reference_report_round(db, as_of, plan_id, ordered=ordered)
        for state in dq.ROUND_STATES:
            assert fast.count(state) == plain.count(state)
            assert fast.unit_counts(state) == Counter(
                e.unit_id for e in plain.entries if e.state == state
            )
            assert fast.by_unit(state) == plain.by_unit(state)
        # every reporting pair, with entries or not (a one-off reported before it is due)
        assert fast.unit_tasks() >= {(e.unit_id, e.task_id) for e in plain.entries}
        assert fast.unit_tasks() == reporting_pairs(db, plan_id)
        assert fast.entries == plain.entries and fast.contacts == plain.contacts
        # the lists the 催报 views show, built once (in the background job)
        assert fast.with_lists() is fast and fast.by_unit("late") is fast.by_unit("late")
    # given the overview's titles (the window's round): the same entries
    titles = coordination_views.task_titles(db)
    ordered_plain = reference_report_round(db, as_of, plan_id, ordered=True)
    assert dq.report_round(db, as_of, plan_id, titles=titles).entries == ordered_plain.entries
    if plan_id is None:
        snap_tasks = status_queries.compute_status(db, as_of).tasks  # the active tasks
        for tally in (
            dq.round_tally(db, as_of),
            dq.round_tally(db, as_of, snap_tasks),
            dq.round_tally(db, as_of, shared=kept),
            dq.round_tally(db, as_of, snap_tasks, shared=kept),
        ):
            assert {s: tally.count(s) for s in dq.ROUND_STATES} == {
                s: plain.count(s) for s in dq.ROUND_STATES
            }
            assert tally.unit_counts("missing") == fast.unit_counts("missing")
            assert tally.unit_tasks() == fast.unit_tasks()
            with pytest.raises(RuntimeError):
                tally.by_unit("missing")


def test_round_and_light_table_equal_the_straightforward_ones(
    populated: Path, tmp_path: Path
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(populated, path)
    store = Store.open(path)
    try:
        db = store.db
        for as_of in (date.today(), date.today() + timedelta(days=45)):
            assert_same_round(db, as_of)
            snap = status_queries.compute_status(db, as_of)
            fast = unit_lights.unit_lights(db, as_of, snapshot=snap)
            plain = reference_unit_lights(db, as_of, snap)
            assert fast.rows == plain.rows
            # the overview's round handed over: the same table
            shared = dq.report_round(db, as_of)
            assert (
                unit_lights.unit_lights(db, as_of, snapshot=snap, round_=shared).rows == plain.rows
            )
            assert any(r.missing for r in fast.rows) and any(r.behind for r in fast.rows)
            # its own pass (whose kept rows its round reads), and a snapshot without them
            assert unit_lights.unit_lights(db, as_of).rows == plain.rows
            snap.inputs.round_rows = None
            assert unit_lights.unit_lights(db, as_of, snapshot=snap).rows == plain.rows
        states = {e.state for e in dq.report_round(db, date.today()).entries}
        assert {"missing", "open", "late"} <= states
        # one plan only: no prefixes
        plan_id = db.execute("SELECT id FROM plan").fetchone()[0]
        assert_same_round(db, date.today(), plan_id)
        # two tasks with one number (possible after a sync): rows interleave by item
        with db.conn:
            db.execute(
                "UPDATE task SET no = 1 WHERE id = (SELECT task_id FROM item"
                " GROUP BY task_id HAVING count(*) > 1 ORDER BY min(rowid) LIMIT 1)"
            )
        assert_same_round(db, date.today())
    finally:
        store.close()


def test_kept_round_rows_only_from_a_full_pass(populated: Path, tmp_path: Path) -> None:
    """An incremental pass and the status cache's snapshots (which outlive edits the
    round must see) keep no round rows: a round then reads its own."""
    from desktop.models.status_cache import StatusCache

    path = tmp_path / "copy.db"
    shutil.copy(populated, path)
    store = Store.open(path)
    try:
        db = store.db
        some = [r[0] for r in db.execute("SELECT id FROM task ORDER BY rowid LIMIT 3")]
        assert status_queries.load_status_inputs(db, some).round_rows is None
        full = status_queries.load_status_inputs(db)
        assert full.round_rows is not None
        active = {r[0] for r in db.execute("SELECT id FROM task WHERE archived IS NULL")}
        assert set(full.round_rows.tasks) == active
        assert (
            len(full.round_rows.reports) == db.execute("SELECT count(*) FROM report").fetchone()[0]
        )
        snap = StatusCache().snapshot(db, date.today())
        assert snap.inputs.round_rows is None
    finally:
        store.close()


def test_compute_status_keeps_a_round_s_rows_only_when_asked(
    populated: Path, tmp_path: Path
) -> None:
    """``compute_status`` reads a reporting round's rows only for a caller that asks
    (the overview, the unit lights computing their own pass); its statuses are the same
    either way, and the overview's own pass keeps them for its round."""
    path = tmp_path / "copy.db"
    shutil.copy(populated, path)
    store = Store.open(path)
    try:
        db, today = store.db, date.today()
        plain = status_queries.compute_status(db, today)
        kept = status_queries.compute_status(db, today, rounds=True)
        assert plain.inputs.round_rows is None and kept.inputs.round_rows is not None
        for table in ("milestones", "items", "tasks"):
            assert dict(getattr(plain, table).items()) == dict(getattr(kept, table).items())
        assert plain.blocking == kept.blocking and plain.blocking
        result = coordination_views.overview(db, today, timeline=False)
        assert result["snapshot"].inputs.round_rows is not None
    finally:
        store.close()
