"""An edit that writes nothing a part of the second step reads keeps that part; one that does reruns it.

The overview's second step (the 催报 round and the target states) reads the whole database:
at 100,000 tasks it is seconds of a worker's CPU after every edit. A milestone edit or a
new dependency changes neither, so the window keeps the step's rows (the same objects, not
re-set in the 总览 tabs); a report reruns the round only, a target value the targets only,
and what the window then shows equals a fresh second step."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.models import coordination_queries as cq
from desktop.models import progress
from tests.helpers.coordination import task
from tests.helpers.main_window_fixtures import ready_dashboard
from tests.helpers.second_step_window import counting_second_steps, settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_milestone_edit_keeps_the_second_step_a_report_reruns_it(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    with counting_second_steps(qtbot, tmp_path, monkeypatch) as counted:
        store, hub, steps, judged_again = counted.store, counted.hub, counted.steps, counted.again
        real_step = counted.real_step
        dash = ready_dashboard(qtbot, hub)  # built: an overview applied to it
        assert steps == [("missing", "targets")]
        shown_groups, shown_targets = dash.missing._groups, dash.targets._rows  # (not re-set)
        first = hub.result["missing_groups"]

        due = (date.today() + timedelta(days=40)).isoformat()
        milestone = hub.actions.add_milestone(task(store, 3), "新节点", due)
        hub.actions.mark_done(milestone, date.today().isoformat())
        settle(qtbot, hub)
        assert len(steps) == 1  # the milestone edits kept it
        assert hub.result["missing_groups"] is first
        assert dash.missing._groups is shown_groups and dash.targets._rows is shown_targets
        assert hub.snapshot is not None and milestone in hub.snapshot.milestones

        unit = store.db.execute(
            "SELECT a.unit_id FROM item i JOIN assignment a ON a.item_id = i.id"
            " WHERE i.task_id = ? LIMIT 1",
            [task(store, 4)],
        ).fetchone()[0]
        period = f"{date.today():%Y-%m}"
        hub.actions.add_report(task(store, 4), unit, period=period, text="已推进", percent=30)
        settle(qtbot, hub)
        assert steps[1:] == [("missing",)]  # the round again, the targets kept
        # the round before, its task judged again (not the whole round rebuilt)
        assert judged_again[1] is not None and task(store, 4) in judged_again[1][1]
        fresh_round = real_step(
            store, hub.result["period"], hub.snapshot.today, hub.result["titles"], ("missing",)
        )
        assert hub.result["missing_groups"] == fresh_round["missing_groups"]
        assert hub.result["missing_counts"] == fresh_round["missing_counts"]
        assert dash.targets._rows is shown_targets
        target = cq.resolve_target(store.db, task(store, 1))
        hub.actions.add_target_value(target, 13000, date.today().isoformat())
        settle(qtbot, hub)
        assert steps[2:] == [("targets",)]  # the targets again, the new round kept
        fresh = real_step(
            store,
            hub.result["period"],
            hub.snapshot.today,
            hub.result["titles"],
            ("missing", "targets"),
        )
        assert hub.result["missing_counts"] == fresh["missing_counts"]
        assert hub.result["missing_groups"] == fresh["missing_groups"]
        assert list(dash.targets.rows) == list(fresh["target_rows"])
        assert progress.target_table(store.db).count("missed") == hub.result["targets_missed"]
