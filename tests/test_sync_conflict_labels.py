"""Issue 7 item 3: conflicts name the two sides 本机 / 对方 (device, account) and say
which value is in force — on the desktop whose change lost and on the one whose
value stood, in ``liandong conflicts`` and in the GUI's conflicts view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.cli import main
from desktop.views.sync.conflicts_view import ConflictsView, ResolveDialog
from tests.helpers.sync_helpers import (  # noqa: F401
    Client,
    ServerProcess,
    logged_in,
    new_fingerprint,
    sync_server,
)


@pytest.fixture
def pair(tmp_path: Path, sync_server: ServerProcess):  # noqa: F811
    """Two desktops that changed one task title differently; ``first`` synced first."""
    first = logged_in(tmp_path, sync_server, "first-laptop", "coord-first")
    second = logged_in(tmp_path, sync_server, "second-laptop", "coord-second")
    plan = first.import_plan(new_fingerprint())
    first.sync()
    second.sync()
    task = first.task_id(plan, 1)
    first.edit("task", task, {"title": "甲的标题"})
    second.edit("task", task, {"title": "乙的标题"})
    first.sync()
    assert second.sync().conflicts == 1
    first.sync()  # learns that its value stood against second's change (a notice)
    return first, second, task


def conflicts_cli(capsys, client: Client) -> str:
    assert main(["conflicts", "--db", str(client.path)]) == 0
    return capsys.readouterr().out


def test_cli_labels_both_sides_and_the_value_in_force(pair, capsys) -> None:
    first, second, task = pair
    lost = conflicts_cli(capsys, second)
    assert "服务器" not in lost
    assert "task“1 甲的标题” title" in lost  # the task's number and title, not only its id
    assert '本机："乙的标题"' in lost
    assert '对方（设备 first-laptop，账号 coord-first）："甲的标题"' in lost
    assert "现行：对方（设备 first-laptop，账号 coord-first）的值" in lost
    stood = conflicts_cli(capsys, first)
    assert '本机："甲的标题"' in stood and "对方的修改未被采用" in stood
    assert '对方（设备 second-laptop，账号 coord-second）："乙的标题"' in stood
    assert "现行：本机的值" in stood
    # What "in force" says is true: both desktops hold the first one's title.
    assert first.query("SELECT title FROM task WHERE id = ?", [task]) == [("甲的标题",)]
    assert second.query("SELECT title FROM task WHERE id = ?", [task]) == [("甲的标题",)]


def test_gui_conflicts_view_labels_both_sides(pair, qtbot, qtmodeltester, tmp_path: Path) -> None:
    first, second, _task = pair
    for client, other, standing in (
        (second, "对方（设备 first-laptop，账号 coord-first）", "对方的值"),
        (first, "对方（设备 second-laptop，账号 coord-second）", "本机的值"),
    ):
        with client.opened() as store:
            view = ConflictsView(store)
            qtbot.addWidget(view)
            qtmodeltester.check(view.model)
            headers = [
                view.model.headerData(c, Qt.Orientation.Horizontal)
                for c in range(view.model.columnCount())
            ]
            assert headers[4:8] == ["本机的值", "对方的值", "对方", "现行值"]
            row = [view.model.index(0, c).data() for c in range(view.model.columnCount())]
            assert row[6] == other and row[7] == standing
            dialog = ResolveDialog(store, view.selected(), view)
            qtbot.addWidget(dialog)
            assert other in dialog.theirs_radio.text()
            marked = dialog.mine_radio if standing == "本机的值" else dialog.theirs_radio
            assert marked.text().endswith("（现行）") and marked.isChecked()
            assert standing in dialog.in_force_label.text()
            for size in ((1366, 768), (1920, 1080)):
                view.resize(*size)
                view.grab().save(str(tmp_path / f"conflicts-{client.path.stem}-{size[0]}.png"))
            dialog.grab().save(str(tmp_path / f"resolve-{client.path.stem}.png"))
            view.close()
            dialog.close()
