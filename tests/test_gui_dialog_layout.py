"""What a user sees in the edit dialogs: notes not clipped, one-task reads, plain errors."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from desktop.errors import NotFound
from desktop.models import milestone_queries, report_queries
from desktop.models.store import Store
from desktop.views import dialogs
from desktop.views.coordination.extension_dialog import ExtensionDialog
from desktop.views.coordination.form import find_milestone, find_report
from desktop.views.coordination.milestone_dialog import MilestoneDialog
from desktop.views.coordination.report_dialog import ReportDialog
from desktop.views.coordination.undo import CoordinationActions
from tests.helpers.gui_coordination_data import add_realistic, seed_demo

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def actions(qtbot, store: Store, seed_path) -> CoordinationActions:
    seed_demo(store, seed_path)
    return CoordinationActions(store)


def _clipped_labels(dialog) -> list[str]:  # noqa: ANN001
    """Word-wrapped labels given less height than their text needs at their width."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.text()
        and label.height() < label.heightForWidth(label.width())
    ]


def test_extension_and_milestone_notes_are_not_clipped(qtbot, actions) -> None:
    ids = add_realistic(actions.store)
    for dialog in (
        ExtensionDialog(actions, ids["ext"]),
        MilestoneDialog(actions, milestone_id=ids["ext"]),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.layout().activate()
        assert _clipped_labels(dialog) == []
        # the note takes the field column's width instead of a narrow column of lines
        notes = [
            lbl for lbl in dialog.findChildren(QLabel) if "2026" in lbl.text() or "→" in lbl.text()
        ]
        assert notes and all(lbl.width() >= 300 for lbl in notes)


def test_dialogs_find_one_record_and_refuse_unknown_ids(qtbot, actions) -> None:
    store = actions.store
    ids = add_realistic(store)
    ms = find_milestone(store.db, ids["ext"])
    assert ms is not None and ms["id"] == ids["ext"] and ms["extensions"]
    assert ms == next(m for m in milestone_queries.milestones(store.db) if m["id"] == ids["ext"])
    report_id = store.db.execute("SELECT id FROM report LIMIT 1").fetchone()[0]
    report = find_report(store.db, report_id)
    assert report == next(
        r for r in report_queries.report_history(store.db) if r["id"] == report_id
    )
    assert find_milestone(store.db, "nope") is None and find_report(store.db, "nope") is None
    with pytest.raises(NotFound):  # was an AttributeError (co.NotFound)
        MilestoneDialog(actions, milestone_id="nope")
    with pytest.raises(NotFound):
        ExtensionDialog(actions, "nope")
    with pytest.raises(NotFound) as err:  # was a bare StopIteration
        ReportDialog(actions, correcting="nope")
    assert "不存在" in err.value.message


def test_ok_cancel_wires_accept_reject_and_custom_ok(qtbot) -> None:
    from PySide6.QtWidgets import QDialog

    dialog = QDialog()
    qtbot.addWidget(dialog)
    pressed: list[str] = []
    box = dialogs.ok_cancel(dialog, "登录", lambda: pressed.append("ok"))
    assert dialogs.ok_button(box).text() == "登录"
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    dialogs.ok_button(box).click()
    assert pressed == ["ok"] and dialog.result() == 0
    plain = dialogs.ok_cancel(dialog)
    assert dialogs.ok_button(plain).text() == "确定"
    dialogs.ok_button(plain).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
