"""The desktop side of sync: login dialog, status item, 同步, backoff, conflicts, rejections.

Real widgets offscreen, a real ``liandong serve`` process, real SQLite files;
tokens in a memory-only TokenStore (the null keyring), settings in a temp ini.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.backends.null import Keyring as NullKeyring
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from desktop.models.store import Store
from desktop.views import jobs
from desktop.views.sync import integration
from desktop.views.sync.controller import backoff_seconds
from desktop.views.sync.login_dialog import LoginDialog
from desktop.views.sync.status import LOGGED_OUT, OFFLINE, ONLINE, SyncStatusWidget
from sync import apply as sync_apply
from sync.client import TokenStore
from tests.helpers.main_window_fixtures import messages  # noqa: F401
from tests.helpers.plans import small_plan
from tests.helpers.sync_helpers import (  # noqa: F401
    PASSWORD,
    Client,
    ServerProcess,
    coordinator_with_plan,
    fresh_server,
    logged_in,
    new_fingerprint,
    sync_server,
)

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    monkeypatch.setattr(integration, "make_token_store", lambda: TokenStore(NullKeyring()))


@pytest.fixture
def window(qtbot, tmp_path: Path):
    from desktop.views.main_window import MainWindow

    store = Store.open(tmp_path / "gui.db")
    win = MainWindow(store)  # not qtbot.addWidget: we close it while jobs can still land
    win.show()
    yield win
    win.close()
    assert not win.sync.controller.timer_active  # the timer stops with the window
    for _ in range(2):  # a store change may still schedule one status refresh
        assert jobs.wait_for_jobs(10_000)
        qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=10_000)
        qtbot.wait(250)
    assert jobs.active_jobs() == 0
    win.deleteLater()
    qtbot.wait(10)
    store.close()


def login(qtbot, window, server: ServerProcess, user: str) -> None:
    """Log in without the dialog and wait for the first sync."""
    ctrl = window.sync.controller
    engine = ctrl.make_engine(server.url, user)
    engine.login(user, PASSWORD, "gui")
    with qtbot.waitSignal(ctrl.synced, timeout=20_000):
        ctrl.logged_in_with(engine)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=10_000)  # window reload too
    assert ctrl.status.state == ONLINE


def sync_and_wait(qtbot, window, signal: str = "synced") -> object:
    ctrl = window.sync.controller
    with qtbot.waitSignal(getattr(ctrl, signal), timeout=20_000) as blocker:
        qtbot.mouseClick(ctrl.status.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not ctrl.running, timeout=5000)
    qtbot.waitUntil(lambda: jobs.active_jobs() == 0, timeout=10_000)  # window reload too
    return blocker.args[0]


def plan_labels(window, plan_id: str) -> list[str]:
    model = window.matrix_model
    index = model.matrix
    return [
        model.row_text(row).label
        for row in range(model.total_rows())
        if index.plan_ids[index.row_plan[row]] == plan_id
    ]


def test_status_counts_have_thousands_separators(qtbot) -> None:
    status = SyncStatusWidget()
    qtbot.addWidget(status)
    status.set_counts(1_350_000, 1_200, 3, None)  # a desktop of 100,000 tasks, never synced
    assert "待上传 1,350,000" in status.info_label.text()
    assert "被拒绝 3" in status.info_label.text()
    assert status.conflicts_button.text() == "冲突 1,200"


def test_backoff_grows_and_is_capped() -> None:
    assert [backoff_seconds(n) for n in range(1, 8)] == [30, 60, 120, 240, 480, 900, 900]
    assert backoff_seconds(0) == 0


def test_login_dialog_keeps_the_token_out_of_files(
    qtbot,
    window,
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("coord")
    ctrl = window.sync.controller
    assert ctrl.status.state == LOGGED_OUT and ctrl.status.state_text() == "未登录"
    dialog = LoginDialog(ctrl, window)
    qtbot.addWidget(dialog)
    dialog.show()
    # No keyring backend: said plainly, the token is kept for this session only.
    assert dialog.keyring_label.isVisible() and "钥匙串" in dialog.keyring_label.text()
    dialog.server_edit.setText(sync_server.url)
    dialog.user_edit.setText("coord")
    dialog.password_edit.setText("wrong-password")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=10_000)
    assert "用户名或密码错误" in dialog.error_label.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(ctrl.synced, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ctrl.status.state == ONLINE and ctrl.status.state_text() == "在线"
    assert ctrl.status.last_sync  # shown in the status item
    assert ctrl.timer_active and ctrl.next_delay_ms == 5 * 60_000

    token = ctrl.tokens.get(sync_server.url, "coord", ctrl.engine.device_id)
    assert token and len(token) > 16
    window.store.db.execute("PRAGMA wal_checkpoint(FULL)")
    db = tmp_path / "gui.db"
    for path in (db, Path(f"{db}-wal")):
        if path.exists():
            assert token.encode() not in path.read_bytes()
    settings_file = Path(ctrl.settings.fileName())
    text = settings_file.read_bytes()
    assert sync_server.url.encode() in text and token.encode() not in text
    assert PASSWORD.encode() not in text


def test_sync_button_brings_another_clients_change_into_the_window(
    qtbot,
    window,
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("coord")
    login(qtbot, window, sync_server, "coord")
    b = logged_in(tmp_path, sync_server, "b", "coord2")
    plan = b.import_plan(new_fingerprint())
    b.sync()
    report = sync_and_wait(qtbot, window)
    assert report.pulled > 0
    labels = plan_labels(window, plan)
    assert labels and any("任务一" in label for label in labels)
    tree_titles = [
        window.tree_model.index(r, 0).data() for r in range(window.tree_model.rowCount())
    ]
    assert any("测试行动计划" in (t or "") for t in tree_titles)

    b.edit("task", b.task_id(plan, 1), {"title": "乙改的标题"})
    b.sync()
    sync_and_wait(qtbot, window)
    assert any("乙改的标题" in label for label in plan_labels(window, plan))
    assert window.sync.controller.status.pending == 0


def test_server_down_goes_offline_with_backoff_and_nothing_is_lost(
    qtbot,
    window,
    messages,
    fresh_server: ServerProcess,  # noqa: F811
) -> None:
    fresh_server.user("coord")
    ctrl = window.sync.controller
    login(qtbot, window, fresh_server, "coord")
    plan = window.store.import_plan(small_plan(new_fingerprint())).plan_id
    sync_and_wait(qtbot, window)
    assert ctrl.status.pending == 0
    fresh_server.stop()

    delays = []
    for _ in range(3):  # automatic syncs: no message box, the status item says why
        with qtbot.waitSignal(ctrl.sync_failed, timeout=20_000):
            ctrl.auto_sync()
        qtbot.waitUntil(lambda: not ctrl.running, timeout=5000)
        delays.append(ctrl.next_delay_ms)
    assert delays == [30_000, 60_000, 120_000]
    assert ctrl.timer_active
    assert messages == []
    assert ctrl.status.state == OFFLINE and ctrl.status.state_text() == "离线"
    assert "无法连接同步服务器" in ctrl.status.state_label.toolTip()

    # Fully usable offline: a local edit is kept and counted as pending.
    task_id = window.store.db.execute(
        "SELECT id FROM task WHERE plan_id = ? AND no = 1", [plan]
    ).fetchone()[0]
    with window.store.action("edit_title") as tx:
        tx.update("task", task_id, {"title": "离线时改的标题"})
    # (a title alone relabels the rows at once: no reload)
    assert any("离线时改的标题" in label for label in plan_labels(window, plan))
    assert ctrl.status.pending == 1

    # A manual 同步 shows the reason.
    sync_and_wait(qtbot, window, "sync_failed")
    assert messages and "无法连接同步服务器" in messages[-1][1]
    assert ctrl.next_delay_ms == 240_000

    fresh_server.start()
    sync_and_wait(qtbot, window)
    assert ctrl.status.state == ONLINE and ctrl.failures == 0
    assert ctrl.next_delay_ms == 5 * 60_000 and ctrl.status.pending == 0
    check = Client(window.db_path.parent / "check.db", fresh_server, "coord")
    check.login()
    check.sync()
    assert check.query("SELECT title FROM task WHERE id = ?", [task_id]) == [("离线时改的标题",)]


def test_conflict_listed_resolved_as_mine_and_cleared_on_the_server(
    qtbot,
    window,
    qtmodeltester,
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("coord")
    login(qtbot, window, sync_server, "coord")
    b = logged_in(tmp_path, sync_server, "b", "coord2")
    plan = b.import_plan(new_fingerprint())
    b.sync()
    sync_and_wait(qtbot, window)
    task_id = b.task_id(plan, 1)
    b.edit("task", task_id, {"title": "对方的标题"})
    b.sync()
    with window.store.action("edit_title") as tx:
        tx.update("task", task_id, {"title": "我的标题"})
    report = sync_and_wait(qtbot, window)
    assert report.conflicts == 1
    ctrl = window.sync.controller
    assert ctrl.status.conflicts == 1 and ctrl.status.conflicts_button.isVisible()
    # The server's value stands meanwhile; both are listed.
    assert any("对方的标题" in label for label in plan_labels(window, plan))

    view = window.sync.show_conflicts()
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 1
    row = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
    assert row[0] == "任务" and "对方的标题" in row[1] and row[2] == "标题"
    assert row[4] == "我的标题" and row[5] == "对方的标题"

    dialog = view.open_resolve_dialog()
    assert dialog is not None and dialog.edit_radio.isVisible()
    dialog.mine_radio.setChecked(True)
    dialog.accept()  # (the title written again: the rows relabelled at once)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert view.model.rowCount() == 0 and view.empty_hint.is_shown()
    assert ctrl.status.conflicts == 0 and ctrl.status.pending == 1  # the resolution is a new op
    assert any("我的标题" in label for label in plan_labels(window, plan))

    report = sync_and_wait(qtbot, window)
    assert report.conflicts == 0 and ctrl.status.pending == 0
    b.sync()
    assert b.query("SELECT title FROM task WHERE id = ?", [task_id]) == [("我的标题",)]
    server_row = [
        r for r in sync_server.storage().conflicts() if r[2] == task_id and r[3] == "title"
    ]
    assert server_row and server_row[0][9] is not None  # resolved on the server too


def test_resolve_with_theirs_and_edited_value(
    qtbot,
    window,
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("coord")
    login(qtbot, window, sync_server, "coord")
    b = logged_in(tmp_path, sync_server, "b", "coord2")
    plan = b.import_plan(new_fingerprint())
    b.sync()
    sync_and_wait(qtbot, window)
    t1, t2 = b.task_id(plan, 1), b.task_id(plan, 2)
    b.edit("task", t1, {"title": "乙一"})
    b.edit("task", t2, {"title": "乙二"})
    b.sync()
    with window.store.action("edit_titles") as tx:
        tx.update("task", t1, {"title": "甲一"})
        tx.update("task", t2, {"title": "甲二"})
    assert sync_and_wait(qtbot, window).conflicts == 2
    view = window.sync.show_conflicts()
    assert view.model.rowCount() == 2
    view.table.selectRow(0)
    assert view.resolve_selected("theirs")
    assert view.model.rowCount() == 1
    dialog = view.open_resolve_dialog()
    dialog.edit_radio.setChecked(True)
    dialog.editor.setPlainText("商定的标题")
    dialog.accept()
    assert view.model.rowCount() == 0
    sync_and_wait(qtbot, window)
    b.sync()
    titles = {r[0] for r in b.query("SELECT title FROM task WHERE id IN (?, ?)", [t1, t2])}
    assert titles == {"乙一", "商定的标题"} or titles == {"乙二", "商定的标题"}
    assert sync_apply.open_conflicts(window.store.db) == []


def test_permission_rejected_change_shows_with_the_reason(
    qtbot,
    window,
    messages,
    qtmodeltester,
    tmp_path: Path,
    sync_server: ServerProcess,  # noqa: F811
) -> None:
    sync_server.user("gongxin", "member", "市工信局")
    a, plan = coordinator_with_plan(tmp_path, sync_server)
    a.sync()
    login(qtbot, window, sync_server, "gongxin")
    task_id = a.task_id(plan, 2)
    original = a.query("SELECT title FROM task WHERE id = ?", [task_id])[0][0]
    with window.store.action("member_edit") as tx:
        tx.update("task", task_id, {"title": "成员改的标题"})
    report = sync_and_wait(qtbot, window)
    assert report.rejected == 1
    assert messages and "协调员" in messages[-1][1]  # a manual sync tells the reason
    ctrl = window.sync.controller
    assert ctrl.status.rejected == 1 and "被拒绝 1" in ctrl.status.info_label.text()
    assert ctrl.status.pending == 0
    assert window.store.db.execute("SELECT title FROM task WHERE id = ?", [task_id]).fetchone() == (
        original,
    )

    view = window.sync.show_rejected()
    qtmodeltester.check(view.model)
    assert view.model.rowCount() == 1
    row = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
    assert row[0] == "任务" and row[2] == "修改" and "成员改的标题" in row[3]
    assert "协调员" in row[4]
    view.table.selectRow(0)
    assert view.dismiss_selected() == 1
    assert view.model.rowCount() == 0 and ctrl.status.rejected == 0


def test_records_the_data_rules_refuse_are_kept_out_and_reported(
    qtbot,
    window,
    tmp_path: Path,
    fresh_server: ServerProcess,  # noqa: F811
) -> None:
    """A record stored on the server before validation existed never reaches the window."""
    from desktop.models.ids import new_id
    from sync.server.storage import SqliteStorage

    fresh_server.user("coord", "coordinator", "")
    login(qtbot, window, fresh_server, "coord")
    a, plan = coordinator_with_plan(tmp_path, fresh_server)
    a.sync()
    fields = {"task_id": a.task_id(plan, 1), "title": "长" * 30_000, "due": "2026-06-30"}
    with fresh_server.storage().write() as conn:
        seq = SqliteStorage.next_seq(conn, new_id(), "milestone", "legacy", "insert", fields, "x")
        rec = {"fields": fields, "versions": {}, "deleted_seq": None, "seq": seq}
        SqliteStorage.put_record(conn, "milestone", "legacy", rec)
    report = sync_and_wait(qtbot, window)
    assert len(report.held_back) == 1 and "过长" in report.held_back[0]
    assert "1 条服务器记录不符合数据规则，未写入" in window.sync.controller.summary(report)
    # attachment content moved by the sync is counted too
    report.content_up, report.content_down, report.content_problems = 1, 2, ["x"]
    summary = window.sync.controller.summary(report)
    assert "附件内容上传 1 个、下载 2 个" in summary and "1 个附件内容未能传送" in summary
    assert window.store.db.execute("SELECT count(*) FROM milestone").fetchone() == (0,)
    assert window.store.db.execute("SELECT count(*) FROM task").fetchone()[0] > 0
