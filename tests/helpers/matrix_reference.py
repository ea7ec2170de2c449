"""The matrix's former per-row computations, kept as references for the fast paths:
a row's light, 【受阻】 and 督办 mark read from the snapshot through the proxy → model
mapping (what the light delegate did per painted row before ``MatrixLightStates``), and the
unit columns a filter shows, from every cell of every shown row (before ``_unit_bits``)."""

from __future__ import annotations

from desktop.models import status as st
from desktop.models.matrix_rows import ROLE_CODE
from desktop.models.qt.matrix_model import MatrixFilter, MatrixModel
from desktop.models.qt.unit_lights_model import colour_mark


def light_of(window, index) -> tuple[str | None, bool, str | None]:  # noqa: ANN001
    """(status, blocked, mark) of the row of a matrix proxy index, looked up afresh."""
    proxy, model = window.matrix_proxy, window.matrix_model
    snapshot = window.coordination.snapshot
    if snapshot is None:
        return None, False, None
    source = proxy.mapToSource(index) if index.model() is proxy else index
    row = model.row_ids(model.data_row(source.row()))
    item, task = snapshot.items.get(row.item_id), snapshot.tasks.get(row.task_id)
    node = item or task
    blocked = any(n and n.risks and n.status != st.DONE for n in (item, task))
    mark = colour_mark(task.colour) if task is not None and task.colour else None
    return (node.status if node else None), bool(blocked), mark


def shown_columns(model: MatrixModel, f: MatrixFilter) -> set[int] | None:
    """Model columns a filter shows: the label, every unit with a cell (of the filtered
    role) in a shown row, the ledger columns; ``None`` when nothing is filtered."""
    mask, _columns = model.filter_sets(f)
    if mask is None:
        return None
    wanted = ROLE_CODE.get(f.role) if f.role is not None else None
    matrix = model.matrix
    columns = {0}
    for row in range(len(matrix)):
        if mask[row]:
            columns.update(unit + 1 for unit, code in matrix.cells(row) if wanted in (None, code))
    columns.update(range(1 + len(matrix.units), model.columnCount()))
    return columns
