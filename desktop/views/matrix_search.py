"""The filter bar's full-text search, run off the GUI thread (issue 14: 100k tasks).

``MatrixSearch.found(text)`` gives the rowids of the tasks a search text found, once its
answer is known; ``ask(text)`` starts the query on a worker (``ops.QueryOp``: its own
connection, interrupted when cancelled). The latest text wins: asking for another text
cancels the query in flight, and an answer to a text no longer asked for is dropped.
``answered`` is emitted when the answer to the current text lands; the window then
applies its filters (the matrix keeps the rows it shows until then).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from desktop.models import queries
from desktop.views.jobs import Job, Progress
from desktop.views.ops import QueryOp


def search_rowids(store: Any, _progress: Progress, text: str) -> tuple[str, frozenset[int]]:
    """Worker body: (the text, rowids of the tasks it finds)."""
    return text, frozenset(queries.search_task_rowids(store.db, text))


class MatrixSearch(QObject):
    """One search at a time for a window's matrix; see the module docstring."""

    #: The answer to the text last asked for has landed (read it with ``found``).
    answered = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._job: Job | None = None
        self._asked: str | None = None
        self._answer: tuple[str, frozenset[int]] | None = None

    @property
    def pending(self) -> bool:
        """Whether a query runs (its answer not landed yet)."""
        return self._job is not None

    def found(self, text: str) -> frozenset[int] | None:
        """Rowids of the tasks ``text`` finds, or None while its answer is not known."""
        if self._answer is not None and self._answer[0] == text:
            return self._answer[1]
        return None

    def ask(self, text: str) -> None:
        """Start the query for ``text`` (unless it runs already); the one in flight for
        another text is cancelled."""
        if self._job is not None and self._asked == text:
            return
        self.cancel()
        self._asked = text
        job = QueryOp(self._window, search_rowids, text, quiet=True, pass_progress=True)
        job.succeeded.connect(self._landed)
        job.finished.connect(self._ended)
        self._job = job
        job.start()

    def cancel(self) -> None:
        """Stop the query in flight (its answer, should it still come, is dropped)."""
        job, self._job, self._asked = self._job, None, None
        if job is not None:
            job.cancel()

    def forget(self) -> None:
        """Drop the known answer (the tasks changed): the next ``found`` asks again."""
        self._answer = None

    @Slot(object)
    def _landed(self, result: object) -> None:
        assert isinstance(result, tuple)
        text: str = result[0]
        rowids: frozenset[int] = result[1]
        if text != self._asked:  # a stale answer (another text was asked since)
            return
        self._answer = (text, rowids)
        self._job, self._asked = None, None
        self.answered.emit()

    @Slot()
    def _ended(self) -> None:
        if self.sender() is self._job:  # failed: nothing to wait for
            self._job, self._asked = None, None
