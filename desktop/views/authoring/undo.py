"""Undo/redo of authoring edits on the window's shared QUndoStack.

``AuthoringActions`` is the one place the GUI changes plan structure. Each
method runs the store action right away (a ``UserError`` reaches the dialog
before anything is pushed), then pushes a command whose undo and redo are new
store actions built from the inverses documented in
``desktop.models.authoring`` — never a rollback, so sync and the change
history (调整记录) see every step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.models import authoring as au
from desktop.models import plan_undo
from desktop.models.store import Store
from desktop.views.coordination.undo import ChangedCommand, CoordinationActions, _StoreCommand


class StepCommand(_StoreCommand):
    """Undo and redo given as two functions (the action already ran once)."""

    def __init__(
        self,
        actions: CoordinationActions,
        text: str,
        undo: Callable[[], None],
        redo: Callable[[], None],
    ) -> None:
        super().__init__(actions, text)
        self._undo, self._redo = undo, redo

    def do_undo(self) -> None:
        self._undo()

    def do_redo(self) -> None:
        self._redo()


class AuthoringActions:
    """Structure edits on the GUI's store, each one undoable (shares the coordination
    undo stack, so Ctrl+Z undoes the last edit whatever it was)."""

    def __init__(self, actions: CoordinationActions) -> None:
        self.actions = actions

    @property
    def store(self) -> Store:
        return self.actions.store

    def _push(self, command: Any) -> None:
        self.actions.undo_stack.push(command)

    def _changed(self, text: str, apply: Callable[[Any], Any], old: Any, new: Any) -> None:
        self._push(ChangedCommand(self.actions, text, apply, old, new))

    # -- plans ------------------------------------------------------------------------------

    def create_plan(self, title: str, **kwargs: Any) -> str:
        plan_id = au.create_plan(self.store, title, **kwargs)
        self._plan_created(QCoreApplication.translate("AuthoringActions", "新建计划"), plan_id)
        return plan_id

    def copy_plan(self, plan_id: str, **kwargs: Any) -> str:
        """A new plan with ``plan_id``'s structure (template copy); undo removes it."""
        new_plan = au.copy_plan(self.store, plan_id, **kwargs)
        self._plan_created(
            QCoreApplication.translate("AuthoringActions", "以模板新建计划"), new_plan
        )
        return new_plan

    def _plan_created(self, text: str, plan_id: str) -> None:
        """Undo removes what was authored in the plan since (refused, with the reason,
        once something else is recorded against it); redo brings all of it back."""
        state: dict[str, plan_undo.PlanSnapshot] = {}

        def undo() -> None:
            state["snap"] = plan_undo.remove_authored_plan(self.store, plan_id, basis=au.UNDO_BASIS)

        def redo() -> None:
            plan_undo.restore_plan_snapshot(self.store, state["snap"], basis=au.REDO_BASIS)

        self._push(StepCommand(self.actions, text, undo, redo))

    def delete_plan(self, plan_id: str) -> None:
        """Delete a plan with everything in it; undo restores all of it (same ids)."""
        state = {"snap": au.delete_plan(self.store, plan_id)}

        def undo() -> None:
            plan_undo.restore_plan_snapshot(self.store, state["snap"], basis=au.UNDO_BASIS)

        def redo() -> None:
            state["snap"] = au.delete_plan(self.store, plan_id)

        self._push(
            StepCommand(
                self.actions, QCoreApplication.translate("AuthoringActions", "删除计划"), undo, redo
            )
        )

    # -- tasks ---------------------------------------------------------------------------------

    def add_task(self, plan_id: str, title: str, **kwargs: Any) -> str:
        task_id = au.add_task(self.store, plan_id, title, **kwargs)
        removal: dict[str, au.TaskRemoval] = {}

        def undo() -> None:
            removal["last"] = au.delete_task(self.store, task_id, basis=au.UNDO_BASIS)

        def redo() -> None:
            au.restore_task(self.store, removal["last"], basis=au.REDO_BASIS)

        self._push(
            StepCommand(
                self.actions, QCoreApplication.translate("AuthoringActions", "新增任务"), undo, redo
            )
        )
        return task_id

    def edit_task(self, task_id: str, *, basis: str = "", **values: Any) -> dict[str, Any]:
        old = au.edit_task(self.store, task_id, basis=basis, **values)
        if old:
            new = {k: values[k] for k in old}
            self._changed(
                QCoreApplication.translate("AuthoringActions", "修改任务"),
                lambda v: au.edit_task(self.store, task_id, basis=au.UNDO_REDO_BASIS, **v),
                old,
                new,
            )
        return old

    def move_task(self, task_id: str, new_no: int, *, basis: str = "") -> int:
        old = au.move_task(self.store, task_id, new_no, basis=basis)
        if old != new_no:
            self._changed(
                QCoreApplication.translate("AuthoringActions", "调整任务序号"),
                lambda n: au.move_task(self.store, task_id, n, basis=au.UNDO_REDO_BASIS),
                old,
                new_no,
            )
        return old

    def delete_task(self, task_id: str, *, basis: str = "") -> au.TaskRemoval:
        state = {"removal": au.delete_task(self.store, task_id, basis=basis)}

        def undo() -> None:
            au.restore_task(self.store, state["removal"], basis=au.UNDO_BASIS)

        def redo() -> None:
            state["removal"] = au.delete_task(self.store, task_id, basis=au.REDO_BASIS)

        self._push(
            StepCommand(
                self.actions, QCoreApplication.translate("AuthoringActions", "删除任务"), undo, redo
            )
        )
        return state["removal"]

    # -- roles, items, targets, sections -----------------------------------------------------------

    def set_unit_role(
        self, item_id: str, unit_id: str, role: str | None, *, basis: str = ""
    ) -> str | None:
        old = au.set_unit_role(self.store, item_id, unit_id, role, basis=basis)
        if old != role:
            self._changed(
                QCoreApplication.translate("AuthoringActions", "修改分工"),
                lambda r: au.set_unit_role(self.store, item_id, unit_id, r, basis=basis),
                old,
                role,
            )
        return old

    def _created(
        self,
        text: str,
        record_id: str,
        delete: Callable[..., au.Snapshot],
    ) -> None:
        state: dict[str, au.Snapshot] = {}

        def undo() -> None:
            state["snap"] = delete(self.store, record_id, basis=au.UNDO_BASIS)

        def redo() -> None:
            au.restore_rows(self.store, state["snap"])

        self._push(StepCommand(self.actions, text, undo, redo))

    def add_item(self, task_id: str, text: str, *, basis: str = "") -> str:
        item_id = au.add_item(self.store, task_id, text, basis=basis)
        self._created(
            QCoreApplication.translate("AuthoringActions", "新增工作事项"), item_id, au.delete_item
        )
        return item_id

    def add_target(self, task_id: str, *, basis: str = "", **fields: Any) -> str:
        target_id = au.add_target(self.store, task_id, basis=basis, **fields)
        self._created(
            QCoreApplication.translate("AuthoringActions", "新增量化目标"),
            target_id,
            au.delete_target,
        )
        return target_id

    def edit_target(self, target_id: str, *, basis: str = "", **fields: Any) -> dict[str, Any]:
        old = au.edit_target(self.store, target_id, basis=basis, **fields)
        if old:
            new = {k: fields[k] for k in old}
            self._changed(
                QCoreApplication.translate("AuthoringActions", "修改量化目标"),
                lambda v: au.edit_target(self.store, target_id, basis=au.UNDO_REDO_BASIS, **v),
                old,
                new,
            )
        return old

    def add_section(self, plan_id: str, title: str, **kwargs: Any) -> str:
        section_id = au.add_section(self.store, plan_id, title, **kwargs)
        self._created(
            QCoreApplication.translate("AuthoringActions", "新增章节"),
            section_id,
            au.delete_section,
        )
        return section_id

    def edit_section(self, section_id: str, *, basis: str = "", **values: Any) -> dict[str, Any]:
        old = au.edit_section(self.store, section_id, basis=basis, **values)
        if old:
            new = {k: values[k] for k in old}
            self._changed(
                QCoreApplication.translate("AuthoringActions", "修改章节"),
                lambda v: au.edit_section(self.store, section_id, basis=au.UNDO_REDO_BASIS, **v),
                old,
                new,
            )
        return old

    def delete_section(self, section_id: str, *, basis: str = "") -> None:
        state = {"snap": au.delete_section(self.store, section_id, basis=basis)}

        def undo() -> None:
            au.restore_rows(self.store, state["snap"])

        def redo() -> None:
            state["snap"] = au.delete_section(self.store, section_id, basis=au.REDO_BASIS)

        self._push(
            StepCommand(
                self.actions, QCoreApplication.translate("AuthoringActions", "删除章节"), undo, redo
            )
        )

    def edit_item(self, item_id: str, text: str, *, basis: str = "") -> str:
        old = au.edit_item(self.store, item_id, text, basis=basis)
        if old != text.strip():
            self._changed(
                QCoreApplication.translate("AuthoringActions", "修改工作事项"),
                lambda v: au.edit_item(self.store, item_id, v, basis=au.UNDO_REDO_BASIS),
                old,
                text,
            )
        return old

    def delete_item(self, item_id: str, *, basis: str = "") -> None:
        state = {"snap": au.delete_item(self.store, item_id, basis=basis)}

        def undo() -> None:
            au.restore_rows(self.store, state["snap"])

        def redo() -> None:
            state["snap"] = au.delete_item(self.store, item_id, basis=au.REDO_BASIS)

        self._push(
            StepCommand(
                self.actions, QCoreApplication.translate("AuthoringActions", "删除工作事项"),
                undo, redo,
            )
        )  # fmt: skip

    def delete_target(self, target_id: str, *, basis: str = "") -> None:
        state = {"snap": au.delete_target(self.store, target_id, basis=basis)}

        def undo() -> None:
            au.restore_rows(self.store, state["snap"])

        def redo() -> None:
            state["snap"] = au.delete_target(self.store, target_id, basis=au.REDO_BASIS)

        self._push(
            StepCommand(
                self.actions, QCoreApplication.translate("AuthoringActions", "删除量化目标"),
                undo, redo,
            )
        )  # fmt: skip

    def link_task(self, task_id: str, parent_id: str | None, *, basis: str = "") -> str | None:
        old = au.link_task(self.store, task_id, parent_id, basis=basis)
        if old != parent_id:
            self._changed(
                QCoreApplication.translate("AuthoringActions", "关联上级任务"),
                lambda v: au.link_task(self.store, task_id, v, basis=au.UNDO_REDO_BASIS),
                old,
                parent_id,
            )
        return old

    def edit_plan(self, plan_id: str, *, basis: str = "", **values: Any) -> dict[str, Any]:
        old = au.edit_plan(self.store, plan_id, basis=basis, **values)
        if old:
            new = {k: values[k] for k in old}
            self._changed(
                QCoreApplication.translate("AuthoringActions", "修改计划"),
                lambda v: au.edit_plan(self.store, plan_id, basis=au.UNDO_REDO_BASIS, **v),
                old,
                new,
            )
        return old
