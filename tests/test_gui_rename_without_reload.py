"""A task's new title relabels the window's rows without reloading them (real window,
real SQLite): the matrix and the plan tree read the renamed task's label again, a search
finds the new title, the detail panel and the unit's list show it; any other edit of what
the rows read still reloads."""

from __future__ import annotations

import pytest

from desktop.models import authoring
from desktop.models.transactions import Written
from desktop.models.window_rows import renamed_tasks
from tests.helpers.main_window_fixtures import (  # noqa: F401 - fixtures
    _isolated_settings,
    seeded_path,
    shown_labels,
    window,
)

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def _reloads(window, monkeypatch: pytest.MonkeyPatch) -> list[int]:  # type: ignore[no-untyped-def]
    calls: list[int] = []
    reload = window.reload_in_background

    def counted() -> None:
        calls.append(1)
        reload()

    monkeypatch.setattr(window, "reload_in_background", counted)
    return calls


def _tree_labels(window) -> list[str]:  # type: ignore[no-untyped-def]
    model = window.tree_model
    labels: list[str] = []
    stack = [model.index(r, 0) for r in range(model.rowCount())]
    while stack:
        index = stack.pop()
        labels.append(index.data())
        stack.extend(model.index(r, 0, index) for r in range(model.rowCount(index)))
    return sorted(labels)


def test_a_new_title_relabels_the_rows_without_a_reload(window, qtbot, monkeypatch) -> None:
    reloads = _reloads(window, monkeypatch)
    db = window.store.db
    task_id, no = db.execute("SELECT id, no FROM task ORDER BY no LIMIT 1 OFFSET 4").fetchone()
    unit_id = db.execute(
        "SELECT a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id WHERE i.task_id = ?",
        [task_id],
    ).fetchone()[0]
    window.filter_bar.set_unit(unit_id)  # the unit's list shows the task
    qtbot.waitUntil(lambda: window.unit_panel.current_unit == unit_id, timeout=3000)
    window.show_task(task_id)
    _ = shown_labels(window), _tree_labels(window)  # every label read (cached) before
    authoring.edit_task(window.store, task_id, title="全新的任务标题甲乙")
    qtbot.wait(50)
    assert reloads == []
    shown = shown_labels(window)
    assert any("全新的任务标题甲乙" in label for label in shown)
    assert any("全新的任务标题甲乙" in label for label in _tree_labels(window))
    assert "全新的任务标题甲乙" in window.detail.toPlainText()
    unit_rows = window.unit_panel.assignments
    texts = [unit_rows.index(r, 3).data() for r in range(unit_rows.rowCount())]
    titles = [unit_rows.index(r, 2).data() for r in range(unit_rows.rowCount())]
    assert any("全新的任务标题甲乙" in (t or "") for t in texts + titles)
    tree_after = _tree_labels(window)
    # equal to what a reload shows
    window.reload()
    assert shown_labels(window) == shown
    assert _tree_labels(window) == tree_after
    assert no  # (the task kept its number)


def test_a_search_finds_the_new_title(window, qtbot, monkeypatch) -> None:
    reloads = _reloads(window, monkeypatch)
    task_id = window.store.db.execute("SELECT id FROM task ORDER BY no LIMIT 1").fetchone()[0]
    window.filter_bar.search.setText("独一无二的名字")
    qtbot.waitUntil(lambda: not window.matrix_search.pending, timeout=3000)
    qtbot.waitUntil(lambda: window.matrix_proxy.rowCount() == 0, timeout=3000)
    authoring.edit_task(window.store, task_id, title="独一无二的名字")
    qtbot.waitUntil(lambda: not window.matrix_search.pending, timeout=3000)
    qtbot.waitUntil(lambda: window.matrix_proxy.rowCount() > 0, timeout=3000)
    assert all("独一无二的名字" in label for label in shown_labels(window))
    assert reloads == []


def test_other_edits_still_reload(window, qtbot, monkeypatch) -> None:
    reloads = _reloads(window, monkeypatch)
    task_id = window.store.db.execute("SELECT id FROM task ORDER BY no LIMIT 1").fetchone()[0]
    authoring.edit_task(window.store, task_id, title="新标题", text="新的任务内容")
    assert reloads == [1]
    authoring.edit_task(window.store, task_id, title="再一个标题")
    assert reloads == [1]  # (a title alone: relabelled)


def test_renamed_tasks_reads_only_title_updates() -> None:
    title = {"task": {"t1": frozenset({"title"})}}
    assert renamed_tasks(Written({"task"}, title)) == {"t1"}
    assert renamed_tasks(Written({"task", "change_log"}, title)) == {"t1"}  # not a row table
    assert renamed_tasks(Written({"task"}, {"task": {"t1": frozenset({"title", "no"})}})) == set()
    assert renamed_tasks(Written({"task"}, {})) == set()  # a row inserted or deleted
    assert renamed_tasks(Written({"task", "item"}, title)) == set()  # item rows written too
    assert renamed_tasks(frozenset({"task"})) == set()  # a background job's tables
    assert renamed_tasks(Written(set(), {})) == set()
    assert renamed_tasks(None) == set()
