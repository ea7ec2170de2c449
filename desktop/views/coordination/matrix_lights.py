"""What the matrix's label column shows of a row's status: light, 【受阻】, 督办 mark.

``MatrixLightStates`` keeps one ``LightState`` per matrix data row (the rows of the
model's ``MatrixIndex``, which do not move with a filter or a sort), so painting a
row costs one list lookup: no index mapping, no import, no snapshot lookups (issue 14:
the three lookups per painted row cost ~0.3 ms each at 100k). A row's state is
computed the first time it is painted after the status snapshot or the row set
changed; both are checked by identity on each lookup, so the states are never older
than the snapshot and the rows on screen.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

from desktop.models import status as st
from desktop.models.qt.matrix_model import MatrixModel


class LightState(NamedTuple):
    """A row's light (status or None), whether it waits for a dependency, its 督办 mark."""

    status: str | None
    blocked: bool
    mark: str | None


NO_LIGHT = LightState(None, False, None)


def light_state(
    snapshot: st.StatusSnapshot,
    task_id: str,
    item_id: str,
    colour_mark: Callable[[str | None], str],
) -> LightState:
    """The state of one row: the work item's node (else the task's) gives the light, a
    risky unfinished node of either makes it 【受阻】, the task's colour gives the mark."""
    item = snapshot.items.get(item_id)
    task = snapshot.tasks.get(task_id)
    node = item if item is not None else task
    status = node.status if node is not None else None
    blocked = any(n is not None and n.risks and n.status != st.DONE for n in (item, task))
    colour = task.colour if task is not None else None
    return LightState(status, bool(blocked), colour_mark(colour) if colour else None)


class MatrixLightStates:
    """Per data row of ``model``: the ``LightState`` under ``snapshot()``."""

    def __init__(
        self, model: MatrixModel, snapshot: Callable[[], st.StatusSnapshot | None]
    ) -> None:
        self._model = model
        self._snapshot = snapshot
        self._for: tuple[object, object] = (None, None)  # (MatrixIndex, snapshot) of _states
        # each data row's state as its place in ``_distinct`` (0: not computed yet): a
        # byte a row, not a pointer (120,000 rows at 100k tasks, few distinct states)
        self._states = array("B")
        self._distinct: list[LightState] = [NO_LIGHT]
        self._code: dict[LightState, int] = {}
        self._colour_mark: Callable[[str | None], str] | None = None

    def at(self, index: QModelIndex | QPersistentModelIndex) -> LightState:
        """The state of the row of a matrix index (the proxy's or the model's: the proxy
        hides columns only, so its rows are the model's)."""
        model = self._model
        row = index.row()
        if row < 0 or row >= model.rowCount():
            return NO_LIGHT
        data_row = model.data_row(row)
        snapshot = self._snapshot()
        if snapshot is None:
            return NO_LIGHT
        matrix = model.matrix
        if self._for[0] is not matrix or self._for[1] is not snapshot:
            self._reset(matrix, snapshot)
        code = self._states[data_row]
        if code:
            return self._distinct[code]
        return self._compute(matrix, snapshot, data_row)

    def _reset(self, matrix: object, snapshot: object) -> None:
        self._for = (matrix, snapshot)
        self._states = array("B", bytes(self._model.total_rows()))
        self._distinct, self._code = [NO_LIGHT], {}
        if self._colour_mark is None:
            from desktop.models.qt.unit_lights_model import colour_mark

            self._colour_mark = colour_mark

    def _compute(self, matrix: object, snapshot: st.StatusSnapshot, data_row: int) -> LightState:
        assert self._colour_mark is not None
        task_id, item_id = self._model.row_ids(data_row)
        state = light_state(snapshot, task_id, item_id, self._colour_mark)
        code = self._code.get(state)
        if code is None:  # (a new distinct state: its object kept, shared by its rows)
            code = self._code[state] = len(self._distinct)
            self._distinct.append(state)
            if code >= 1 << (8 * self._states.itemsize):  # (more than a byte can tell)
                self._states = array("I", self._states)
        self._states[data_row] = code
        return self._distinct[code]

    def computed_rows(self) -> int:
        """How many rows' states are held for the current snapshot and rows."""
        return len(self._states) - self._states.count(0)
