"""Store work off the GUI thread, the one way (Anki's ``CollectionOp`` / ``QueryOp``).

``QueryOp(window, read, *args)`` runs ``read(store, *args)`` on a worker thread with
a ``Store`` opened for that thread (``jobs.on_own_store``: opened, used, closed) and
delivers its value with ``succeeded``. Nothing is written, nobody is told.

``Op(window, write, *args, action=…, tables=…, undo=…)`` is the same for a write.
Once it succeeded, on the GUI thread and before ``succeeded``:

- the undo entry ``undo(value)`` (a ``QUndoCommand`` whose first ``redo()`` does
  nothing: the op already did the work) is pushed onto the window's undo stack;
- the window is told once what changed: ``window.notify_store_changed(action,
  tables)`` emits ``store_changed`` a single time, and every page listening to it
  refreshes once.

What changed: the ``tables`` given, or, when the body returns ``Changes(value,
tables)``, the tables it names (an empty set means "unknown": every page reloads);
``Changes(value, changed=False)`` says nothing was written (nobody is told, no undo).

Both are ``jobs.Job`` objects (progress, cancel, busy cursor, errors shown the usual
way: a ``UserError`` as its message, a bug in the crash dialog)::

    op = Op(window, import_plan, parsed, action="import_plan", label=self.tr("正在导入…"))
    op.succeeded.connect(self._imported)
    op.start()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from desktop.views.jobs import Job, Progress, on_own_store


@dataclass(frozen=True)
class Changes:
    """An op body's value and what it changed (see the module docstring)."""

    value: Any = None
    tables: frozenset[str] = field(default_factory=frozenset)
    changed: bool = True


def _database_of(window: Any) -> Path:
    path = getattr(window, "db_path", None)
    if path is None:
        raise TypeError("an op needs a window with a database (db_path) or db_path=")
    return Path(path)


#: SQLite virtual-machine steps between two looks at a cancelled job's flag.
INTERRUPT_CHECK_STEPS = 20_000


def _on_own_store_with_progress(
    progress: Progress, db_path: Path, body: Callable[..., Any], *args: Any
) -> Any:
    def with_interrupt(store: Any, *rest: Any) -> Any:
        # Once the job is cancelled (its window closed), the statement running on the
        # worker's connection is interrupted (sqlite3.OperationalError, reported as
        # the cancellation): long queries stop without a check of their own.
        store.db.conn.set_progress_handler(
            lambda: 1 if progress.cancelled else 0, INTERRUPT_CHECK_STEPS
        )
        return body(store, *rest)

    return on_own_store(db_path, with_interrupt, progress, *args)


def _in_one_snapshot(body: Callable[..., Any]) -> Callable[..., Any]:
    """``body`` run in one read transaction: its queries see the database as of one
    moment, not a write committed between two of them (a plan imported by the window
    while the overview read targets and then their states)."""

    def read(store: Any, *args: Any) -> Any:
        conn = store.db.conn
        conn.execute("BEGIN")
        try:
            return body(store, *args)
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")  # (a read: nothing to keep, nothing to undo)

    return read


class QueryOp(Job):
    """Read the store on a worker thread (its own connection, every query of the body
    in one read transaction); see the module docstring.

    With ``pass_progress=True`` the body is called as ``body(store, progress, *args)``
    (``progress.check()`` raises ``Cancelled`` once the job is cancelled or its
    window closes)."""

    #: the body only reads: one snapshot for all its queries (``Op`` writes)
    READS = True

    def __init__(
        self,
        window: QWidget,
        body: Callable[..., Any],
        *args: Any,
        db_path: Path | None = None,
        **job_options: Any,
    ) -> None:
        path = Path(db_path) if db_path is not None else _database_of(window)
        run = _on_own_store_with_progress if job_options.get("pass_progress") else on_own_store
        if self.READS:
            body = _in_one_snapshot(body)
        super().__init__(window, run, path, body, *args, **job_options)


class Op(QueryOp):
    """Write through a store of the worker thread's own, then push the undo entry and
    tell the window once what changed; see the module docstring."""

    READS = False  # (its body writes through ``store.action``: a transaction each)

    def __init__(
        self,
        window: QWidget,
        body: Callable[..., Any],
        *args: Any,
        action: str,
        tables: Iterable[str] = (),
        undo: Callable[[Any], QUndoCommand | None] | None = None,
        db_path: Path | None = None,
        **job_options: Any,
    ) -> None:
        super().__init__(window, body, *args, db_path=db_path, **job_options)
        self.window = window
        self.action = action
        self.tables = frozenset(tables)
        self._undo = undo
        #: What the finished op changed (None: nothing was written).
        self.changes: Changes | None = None

    @Slot(object)
    def _on_done(self, result: object) -> None:
        if self._delivered:  # stopped by its owner meanwhile: the late result is dropped
            super()._on_done(result)
            return
        changes = result if isinstance(result, Changes) else Changes(result, self.tables)
        if changes.changed:
            self.changes = changes
            self._publish(changes)
        super()._on_done(changes.value)

    def _publish(self, changes: Changes) -> None:
        window = self._owner()
        if window is None:
            return
        command = self._undo(changes.value) if self._undo is not None else None
        stack = getattr(window, "undo_stack", None)
        if command is not None and stack is not None:
            stack.push(command)  # its first redo() does nothing: the op did the work
        notify = getattr(window, "notify_store_changed", None)
        if notify is not None:
            notify(self.action, changes.tables)
