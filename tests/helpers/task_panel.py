"""The task panel shown for one task, and the English translator, for the GUI tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.models import coordination_views as cv
from desktop.models.store import Store
from desktop.views.coordination.task_panel import TaskPanel

ENGLISH_QM = Path(__file__).resolve().parents[2] / "assets" / "translations" / "liandong_en.qm"


@contextmanager
def english_translator() -> Iterator[None]:
    """The app's English translation installed meanwhile (a QApplication must exist)."""
    translator = QTranslator()
    assert translator.load(str(ENGLISH_QM))
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def shown_panel(qtbot, store: Store, task_id: str, size: tuple[int, int]) -> TaskPanel:  # noqa: ANN001
    """A task panel of ``size``, shown, with the statuses of a fresh overview, on ``task_id``."""
    panel = TaskPanel(store)
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_snapshot(cv.overview(store.db)["snapshot"])
    panel.show_task(task_id)
    QApplication.processEvents()
    return panel
