"""Undo/redo of every coordination edit (QUndoStack).

``CoordinationActions`` is the one place the GUI writes coordination data. Each
method runs the domain action right away (so a ``UserError`` or
``NeedsConfirmation`` reaches the dialog before anything is pushed), then
pushes a command whose undo and redo are *new* store actions built from the
inverses documented in ``desktop.models.coordination`` — never a rollback, so
the change log (and sync) sees every step. Redo of an undone creation restores
the snapshot: the record comes back with the same id.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.errors import UserError
from desktop.models import coordination as co
from desktop.models.store import Store

Snapshot = co.Snapshot


class _StoreCommand(QUndoCommand):
    """Base: the action already ran once; the first ``redo()`` (from push) is skipped."""

    def __init__(self, actions: CoordinationActions, text: str) -> None:
        super().__init__(text)
        self._actions = actions
        self._pushed = False

    @property
    def store(self) -> Store:
        return self._actions.store

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._guard(self.do_redo)

    def undo(self) -> None:
        self._guard(self.do_undo)

    def _guard(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except UserError as exc:  # e.g. the report was synced meanwhile
            self.setObsolete(True)
            self._actions.failed.emit(exc)

    def do_redo(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def do_undo(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class CreatedCommand(_StoreCommand):
    """A record was created: undo removes it (keeping a snapshot), redo restores it."""

    def __init__(
        self,
        actions: CoordinationActions,
        text: str,
        record_id: str,
        remove: Callable[[Store, str], Snapshot],
        action: str,
    ) -> None:
        super().__init__(actions, text)
        self.record_id = record_id
        self._remove = remove
        self._action = action
        self._snapshot: Snapshot = {}

    def do_undo(self) -> None:
        self._snapshot = self._remove(self.store, self.record_id)

    def do_redo(self) -> None:
        co.restore(self.store, self._snapshot, self._action)


class DeletedCommand(_StoreCommand):
    """A record was deleted (snapshot kept): undo restores it, redo deletes again."""

    def __init__(
        self,
        actions: CoordinationActions,
        text: str,
        record_id: str,
        snapshot: Snapshot,
        delete: Callable[[Store, str], Snapshot],
    ) -> None:
        super().__init__(actions, text)
        self.record_id = record_id
        self._snapshot = snapshot
        self._delete = delete

    def do_undo(self) -> None:
        co.restore(self.store, self._snapshot)

    def do_redo(self) -> None:
        self._snapshot = self._delete(self.store, self.record_id)


class ChangedCommand(_StoreCommand):
    """Fields changed: undo applies the old values, redo the new ones."""

    def __init__(
        self,
        actions: CoordinationActions,
        text: str,
        apply: Callable[[Any], Any],
        old: Any,
        new: Any,
    ) -> None:
        super().__init__(actions, text)
        self._apply = apply
        self._old = old
        self._new = new

    def do_undo(self) -> None:
        self._apply(self._old)

    def do_redo(self) -> None:
        self._apply(self._new)


class CoordinationActions(QObject):
    """Coordination edits on the GUI's store, each one undoable."""

    #: An undo/redo step failed (the exception); the integration shows it.
    failed = Signal(object)

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        #: The application's undo stack (``MainWindow.undo_stack``); its own without one.
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)

    def _push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def macro(self, text: str) -> _Macro:
        """``with actions.macro(text):`` groups several edits into one undo step."""
        return _Macro(self.undo_stack, text)

    # -- milestones ----------------------------------------------------------------

    def add_milestone(self, task_id: str, title: str, due: str | date | None, **kwargs: Any) -> str:
        ms_id = co.add_milestone(self.store, task_id, title, due, **kwargs)
        self._push(
            CreatedCommand(self, self.tr("添加里程碑"), ms_id, co.delete_milestone, "add_milestone")
        )
        return ms_id

    def update_milestone(
        self, milestone_id: str, *, confirm_before_plan_date: bool = False, **fields: Any
    ) -> dict[str, Any]:
        old = co.update_milestone(
            self.store, milestone_id, confirm_before_plan_date=confirm_before_plan_date, **fields
        )
        if old:
            new = {name: fields[name] for name in old}

            def apply(values: dict[str, Any]) -> None:
                co.update_milestone(
                    self.store, milestone_id, confirm_before_plan_date=True, **values
                )

            self._push(ChangedCommand(self, self.tr("修改里程碑"), apply, old, new))
        return old

    def mark_done(
        self,
        milestone_id: str,
        done_date: str | date | None,
        *,
        confirm_before_plan_date: bool = False,
    ) -> str | None:
        old = co.mark_milestone_done(
            self.store, milestone_id, done_date, confirm_before_plan_date=confirm_before_plan_date
        )
        new = co.parse_date(done_date) if done_date else None

        def apply(value: str | None) -> None:  # dates accepted (or confirmed) before
            co.mark_milestone_done(self.store, milestone_id, value, confirm_before_plan_date=True)

        text = self.tr("标记完成") if new else self.tr("重新打开里程碑")
        self._push(ChangedCommand(self, text, apply, old, new))
        return old

    def extend(self, milestone_id: str, new_due: str | date, reason: str) -> str:
        ext_id = co.extend_milestone(self.store, milestone_id, new_due, reason)
        self._push(
            CreatedCommand(self, self.tr("延期"), ext_id, co.remove_extension, "extend_milestone")
        )
        return ext_id

    def delete_milestone(self, milestone_id: str) -> None:
        snapshot = co.delete_milestone(self.store, milestone_id)
        self._push(
            DeletedCommand(self, self.tr("删除里程碑"), milestone_id, snapshot, co.delete_milestone)
        )

    # -- targets, reports, dependencies -----------------------------------------------

    def add_target_value(
        self, target_id: str, value: float, as_of: str | date, **kwargs: Any
    ) -> str:
        value_id = co.add_target_value(self.store, target_id, value, as_of, **kwargs)
        self._push(
            CreatedCommand(
                self,
                self.tr("录入目标数值"),
                value_id,
                co.delete_target_value,
                "add_target_value",
            )
        )
        return value_id

    def add_report(self, task_id: str, unit_id: str, **kwargs: Any) -> str:
        report_id = co.add_report(self.store, task_id, unit_id, **kwargs)
        self._push(
            CreatedCommand(self, self.tr("进度填报"), report_id, co.retract_report, "add_report")
        )
        return report_id

    def correct_report(self, report_id: str, **kwargs: Any) -> str:
        new_id = co.correct_report(self.store, report_id, **kwargs)
        self._push(
            CreatedCommand(self, self.tr("更正填报"), new_id, co.retract_report, "correct_report")
        )
        return new_id

    def add_dependency(
        self, pred: tuple[str, str], succ: tuple[str, str], lag_days: int = 0
    ) -> str:
        dep_id = co.add_dependency(self.store, pred, succ, lag_days)
        self._push(
            CreatedCommand(
                self, self.tr("添加依赖"), dep_id, co.remove_dependency, "add_dependency"
            )
        )
        return dep_id

    def remove_dependency(self, dependency_id: str) -> None:
        snapshot = co.remove_dependency(self.store, dependency_id)
        self._push(
            DeletedCommand(self, self.tr("删除依赖"), dependency_id, snapshot, co.remove_dependency)
        )


class _Macro:
    def __init__(self, stack: QUndoStack, text: str) -> None:
        self._stack = stack
        self._text = text

    def __enter__(self) -> None:
        self._stack.beginMacro(self._text)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self._stack.endMacro()
        top = self._stack.command(self._stack.index() - 1)
        if exc_type is not None and top is not None and top.childCount() == 0:
            # nothing was written: drop the empty step (undo it, then clear redo)
            self._stack.undo()
            self._stack.push(_Nothing())


class _Nothing(QUndoCommand):
    """Pushed obsolete: clears the redo list without adding a step."""

    def redo(self) -> None:
        self.setObsolete(True)
