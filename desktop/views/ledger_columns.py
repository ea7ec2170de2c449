"""视图 → 台账列: ledger columns (完成时限, 状态, 最新进展, 完成率, 最近填报) beside the
matrix's role cells, chosen by the user and remembered in the settings.

Their texts need every row's ids and a pass over every task and report: ~0.5 s at
100k tasks. From ``BACKGROUND_ROWS`` matrix rows on they are computed on a worker
(``ops.QueryOp``, its own connection; the latest refresh wins, a closing window
cancels it) while the columns keep the texts they had; below, at once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.models import status as st
from desktop.models.matrix_ledger import ledger_values
from desktop.models.matrix_rows import MatrixIndex
from desktop.models.qt.coordination_models import status_label
from desktop.models.qt.matrix_model import (
    LEDGER_COLUMNS,
    RowIds,
    ledger_title,
    read_all_row_ids,
)
from desktop.views import settings as settings_schema
from desktop.views.jobs import Job, Progress
from desktop.views.ops import QueryOp

SETTING = "matrix/ledger_columns"

#: From this many matrix rows on, the columns' texts are computed on a worker.
BACKGROUND_ROWS = 20_000

#: What a refresh computes: the index it is for, every row's ids, item id → key → text.
LedgerResult = tuple[MatrixIndex, list[RowIds], dict[str, dict[str, str]]]


def ledger_texts(
    db: Any,
    index: MatrixIndex,
    ids: list[RowIds] | None,
    snapshot: st.StatusSnapshot | None,
    labels: dict[str, str],
    check: Any = None,
) -> LedgerResult:
    """The ledger columns' texts of ``index``'s rows (``ids``: every row's ids when
    known, else read); ``labels``: status code → its word (``status_label``, built on
    the GUI thread). ``check`` (a job's ``Progress.check``) raises to cancel."""
    if ids is None:
        ids = read_all_row_ids(db, index)
    if check is not None:
        check()
    values = ledger_values(db, ids, snapshot)
    for entry in values.values():
        entry["status"] = labels.get(entry["status"], "") if entry["status"] else ""
    return index, ids, values


def ledger_texts_of(
    store: Any,
    progress: Progress,
    index: MatrixIndex,
    snapshot: st.StatusSnapshot | None,
    labels: dict[str, str],
) -> LedgerResult:
    """Query op body: ``ledger_texts`` on the worker's own store."""
    return ledger_texts(store.db, index, None, snapshot, labels, progress.check)


class LedgerColumns(QObject):
    """The 台账列 menu of a main window and the values of the shown columns."""

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow
        super().__init__(window)
        self.window = window
        #: The refresh running on a worker (large matrices), if any.
        self._job: Job | None = None
        #: The latest texts computed (shown again when a column is switched on).
        self._values: dict[str, dict[str, str]] = {}
        self.menu = QMenu(self.tr("台账列"), window)
        window.menu("view").addMenu(self.menu)
        saved = settings_schema.get(SETTING)
        self.actions: dict[str, QAction] = {}
        for key in LEDGER_COLUMNS:
            action = QAction(ledger_title(key), self.menu)
            action.setCheckable(True)
            action.setChecked(key in saved)
            action.toggled.connect(self._toggled)
            self.menu.addAction(action)
            self.actions[key] = action
        window.reloaded.connect(self.refresh)
        hub = getattr(window, "coordination", None)
        if hub is not None:
            hub.loaded.connect(self.refresh)
        self.refresh()

    def shown(self) -> tuple[str, ...]:
        return tuple(key for key, action in self.actions.items() if action.isChecked())

    def set_shown(self, keys: tuple[str, ...]) -> None:
        for key, action in self.actions.items():
            action.setChecked(key in keys)

    @property
    def pending(self) -> bool:
        """Whether a refresh runs on a worker."""
        return self._job is not None

    @Slot()
    def _toggled(self) -> None:
        settings_schema.put(SETTING, self.shown())
        self.refresh()
        self.window.fit_ledger_columns()

    @Slot()
    def refresh(self) -> None:
        """Recompute the shown columns' texts (after reloads and status passes)."""
        keys = self.shown()
        model = self.window.matrix_model
        self._cancel()
        if not keys:
            self._values = {}
            model.set_ledger((), {})
            return
        hub = getattr(self.window, "coordination", None)
        snapshot = hub.snapshot if hub is not None else None
        labels = {code: status_label(code) for code in st.STATUSES}
        if model.total_rows() < BACKGROUND_ROWS:
            _index, _ids, values = ledger_texts(
                self.window.store.db, model.matrix, model.all_row_ids(), snapshot, labels
            )
            self._values = values
            model.set_ledger(keys, values)
            return
        # the columns show at once with the texts they had; the new ones follow
        model.set_ledger(keys, self._values)
        job = QueryOp(
            self.window,
            ledger_texts_of,
            model.matrix,
            snapshot,
            labels,
            quiet=True,
            show_errors=False,
            pass_progress=True,
        )
        job.succeeded.connect(self._landed)
        job.finished.connect(self._ended)
        self._job = job
        job.start()

    def _cancel(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.cancel()

    @Slot(object)
    def _landed(self, result: object) -> None:
        if self.sender() is not self._job:  # a stale refresh (another one started since)
            return
        assert isinstance(result, tuple)
        index, ids, values = result
        model = self.window.matrix_model
        if not model.adopt_row_ids(index, ids):  # rows reloaded since: a refresh follows
            return
        self._values = values
        keys = self.shown()
        if keys:
            model.set_ledger(keys, values)

    @Slot()
    def _ended(self) -> None:
        if self.sender() is self._job:
            self._job = None
