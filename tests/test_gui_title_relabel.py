"""A task's new title shows in the 总览 催报 and 量化目标 tabs without the second step.

At 100,000 tasks the overview's second step (the 催报 round and the targets) is seconds
of a worker's CPU. A new title only changes labels: the window relabels the parts it
keeps (``SecondStepCache``) and starts no second-step job; the tabs show the new label
and equal a fresh second step. Undo relabels back; a new number computes them again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex

from desktop.models.store import Store
from tests.helpers.coordination import task
from tests.helpers.main_window_fixtures import ready_dashboard
from tests.helpers.second_step_window import counting_second_steps, settle

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _texts(model: QAbstractItemModel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    """Every cell of the first column the model shows (a tree's rows under their groups)."""
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(str(index.data()))
        out.extend(_texts(model, index))
    return out


def test_a_new_title_relabels_the_overview_tabs_without_a_second_step(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    with counting_second_steps(qtbot, tmp_path, monkeypatch) as counted:
        window, store, hub, steps = counted.window, counted.store, counted.hub, counted.steps
        real_step = counted.real_step
        dash = ready_dashboard(qtbot, hub)
        assert steps == [("missing", "targets")]
        renamed = task(store, 1)  # in the round, with a target
        old = store.db.execute("SELECT title FROM task WHERE id = ?", [renamed]).fetchone()[0]
        assert any(old in text for text in _texts(dash.missing))
        assert any(old in text for text in _texts(dash.targets))

        # a task without targets: the 量化目标 tab keeps its rows (not re-set)
        shown_targets = dash.targets._rows
        no_target = store.db.execute(
            "SELECT id FROM task WHERE archived IS NULL AND id NOT IN"
            " (SELECT task_id FROM target) ORDER BY no LIMIT 1"
        ).fetchone()[0]
        window.authoring.authoring.edit_task(no_target, title="没有目标的任务")
        settle(qtbot, hub)
        assert steps == [("missing", "targets")]
        assert dash.targets._rows is shown_targets
        _equal_fresh(store, hub.result, real_step)

        window.authoring.authoring.edit_task(renamed, title="联动改名的任务")
        settle(qtbot, hub)
        assert steps == [("missing", "targets")]  # no second step: relabelled
        assert any("联动改名的任务" in text for text in _texts(dash.missing))
        assert any("联动改名的任务" in text for text in _texts(dash.targets))
        assert not any(old in text for text in _texts(dash.targets))
        _equal_fresh(store, hub.result, real_step)

        window.undo_stack.undo()
        settle(qtbot, hub)
        assert steps == [("missing", "targets")]
        assert any(old in text for text in _texts(dash.missing))
        assert not any("联动改名的任务" in text for text in _texts(dash.missing))
        _equal_fresh(store, hub.result, real_step)

        window.authoring.authoring.move_task(renamed, 3)  # rows may move: computed again
        settle(qtbot, hub)
        assert steps == [("missing", "targets"), ("missing", "targets")]
        _equal_fresh(store, hub.result, real_step)


def _equal_fresh(store: Store, result: dict[str, Any], step: Any) -> None:
    fresh = step(store, result["period"], result["snapshot"].today, result["titles"])
    assert result["missing"].entries == fresh["missing"].entries
    assert result["missing_groups"] == fresh["missing_groups"]
    assert result["missing_counts"] == fresh["missing_counts"]
    assert list(result["target_rows"]) == list(fresh["target_rows"])
