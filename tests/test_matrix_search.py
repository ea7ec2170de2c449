"""The filter bar's search (issue 14: interactive at 100k tasks).

The search is one SQL statement answering with task rowids; its results equal the
former search (one query per term and per matching plan, intersected in Python:
``tests/helpers/search_reference.py``) on a generated database. In the window it runs
on a worker: the matrix keeps its rows until the answer lands, the latest text wins
(a stale answer is dropped), and closing the window mid-search leaves nothing running.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from desktop.models import queries
from desktop.models.qt.roles import ID_ROLE
from desktop.models.store import Store
from desktop.views import jobs, matrix_search
from tests.helpers.generated import generated_db
from tests.helpers.main_window_fixtures import (  # noqa: F401 - fixtures
    _isolated_settings,
    seeded_path,
    window,
)
from tests.helpers.search_reference import reference_search_tasks

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

#: Terms of every kind: 2 characters (scanned), 3 and more (trigram index), letters in
#: either case, a plan's 发文字号 and title, several terms, quotes, nothing found.
TERMS = [
    "平台",
    "5G",
    "5g",
    "vr",
    "区块链",
    "城市安全大脑",
    "加快 平台",
    "深化 5G 网络",
    "〔2024〕1号",
    "长春市数字化",
    "长春 平台",
    '区"块',
    "不存在的词语",
    "a",
    "   ",
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_db(tmp_path_factory, "search", 6)


def test_one_statement_search_equals_the_former_search(generated: Path) -> None:
    store = Store.open(generated)
    try:
        found_something = 0
        for text in TERMS:
            expected = reference_search_tasks(store.db, text)
            assert queries.search_tasks(store.db, text) == expected, text
            rowids = queries.search_task_rowids(store.db, text)
            ids = {
                row[0]
                for row in store.db.execute(
                    "SELECT id FROM task WHERE rowid IN (SELECT value FROM json_each(?))",
                    [str(sorted(rowids))],
                )
            }
            assert ids == expected, text
            found_something += bool(expected)
        assert found_something >= 8  # the terms do find tasks
    finally:
        store.close()


def shown_task_ids(window) -> set[str]:  # type: ignore[no-untyped-def]
    model = window.matrix_model
    return {model.row_ids(model.data_row(row)).task_id for row in range(model.rowCount())}


def search(window, text: str) -> None:  # type: ignore[no-untyped-def]
    """What typing and Enter do (Enter skips the typing pause)."""
    window.filter_bar.search.setText(text)
    window.filter_bar.search.returnPressed.emit()


def test_rows_stay_until_the_answer_lands(window, qtbot, monkeypatch) -> None:
    release = threading.Event()
    real = matrix_search.search_rowids

    def slow(store, progress, text):  # type: ignore[no-untyped-def]
        while not release.wait(0.01):
            progress.check()
        return real(store, progress, text)

    monkeypatch.setattr(matrix_search, "search_rowids", slow)
    everything = window.matrix_proxy.rowCount()
    label = window.matrix_proxy.index(0, 0).data()
    search(window, "5G")
    qtbot.wait(100)
    assert window.matrix_search.pending
    assert window.matrix_proxy.rowCount() == everything  # still every row, still readable
    assert window.matrix_proxy.index(0, 0).data() == label
    assert window.counts_label.text() == "正在搜索“5G”…"  # the status bar says so
    release.set()
    qtbot.waitUntil(lambda: not window.matrix_search.pending, timeout=5000)
    assert shown_task_ids(window) == queries.search_tasks(window.store.db, "5G")
    assert 0 < window.matrix_proxy.rowCount() < everything


def test_the_latest_text_wins(window, qtbot) -> None:
    db = window.store.db
    first, latest = queries.search_tasks(db, "5G"), queries.search_tasks(db, "平台")
    assert first and latest and first != latest
    answers: list[str] = []
    window.matrix_search.answered.connect(lambda: answers.append(window.filter_bar.search_text))
    search(window, "5G")
    # its worker has returned and its answer waits in the event queue ...
    assert QThreadPool.globalInstance().waitForDone(5000)
    search(window, "平台")  # ... when the next text is asked for
    qtbot.waitUntil(lambda: not window.matrix_search.pending, timeout=5000)
    qtbot.wait(50)  # anything late would land now
    assert answers == ["平台"]  # the stale answer was dropped
    assert shown_task_ids(window) == latest
    search(window, "")  # no text: every row at once
    assert not window.matrix_search.pending
    assert window.matrix_proxy.rowCount() == window.matrix_model.total_rows()


def test_closing_mid_search_leaves_nothing_running(
    qtbot, capfd, seeded_path: Path, monkeypatch
) -> None:
    from desktop.views.main_window import MainWindow

    started = threading.Event()

    def endless(store, progress, text):  # type: ignore[no-untyped-def]
        started.set()
        while True:  # until the window's close cancels it
            progress.check()
            threading.Event().wait(0.01)

    monkeypatch.setattr(matrix_search, "search_rowids", endless)
    store = Store.open(seeded_path)
    win = MainWindow(store, remember_layout=False)
    win.show()
    search(win, "5G")
    assert started.wait(5)
    win.close()
    assert jobs.active_jobs() == 0
    assert QThreadPool.globalInstance().waitForDone(5000)
    win.deleteLater()
    qtbot.wait(20)
    store.close()
    out, err = capfd.readouterr()
    assert err == "" and "Traceback" not in out, err


def test_sort_and_filter_keep_the_current_task_without_announcing_it(window, qtbot) -> None:
    """The row made current again after a sort or a filter is the task already shown: no
    ``task_selected`` (its detail and task panel refresh were most of a sort at 100k)."""
    from PySide6.QtCore import Qt

    view, model = window.matrix_view, window.matrix_model
    task_id = model.row_ids(model.data_row(5)).task_id
    window.show_task(task_id)
    rows = model.rows_of_task(task_id)
    assert rows and all(model.row_ids(model.data_row(r)).task_id == task_id for r in rows)
    announced: list[str] = []
    view.task_selected.connect(announced.append)
    column = next(
        c for c in range(1, model.columnCount()) if model.unit_counts(model.unit_id(c))[0]
    )
    view.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert view.currentIndex().siblingAtColumn(0).data(ID_ROLE) == task_id
    search(window, "5G")
    qtbot.waitUntil(lambda: not window.matrix_search.pending, timeout=5000)
    search(window, "")
    assert view.currentIndex().siblingAtColumn(0).data(ID_ROLE) == task_id
    assert announced == []
    assert sorted(model.rows_of_task(task_id)) == model.rows_of_task(task_id)
    other = next(
        r for r in range(model.rowCount()) if model.row_ids(model.data_row(r)).task_id != task_id
    )
    view.setCurrentIndex(window.matrix_proxy.index(other, 0))  # the user's own choice is told
    assert announced == [model.row_ids(model.data_row(other)).task_id]
