"""The 台账 workbook: one row per task / work item, one sheet per section or unit.

Frozen header, column widths, wrapped Chinese, a status colour with its text,
auto-filter, the header repeated on every printed page and the columns fitted
to the A4 landscape width. Written in openpyxl's write-only mode (a
province-scale ledger of ~12,000 rows takes a few seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlite_utils import Database

from desktop.errors import UserError
from desktop.ledger import xlsx
from desktop.ledger.data import ROLE_NAMES, LedgerData, LedgerRow, load_ledger
from desktop.models import messages

BY_CHOICES = ("section", "unit")
Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The caller's ``cancelled()`` said stop."""


# (header, width in characters, value of a row)
COLUMNS: list[tuple[str, int, Callable[[LedgerRow], object]]] = [
    ("章节", 12, lambda r: r.section),
    ("任务编号", 8, lambda r: r.label),
    ("任务名称", 28, lambda r: r.title),
    ("牵头单位", 12, lambda r: "、".join(r.units["lead"])),
    ("配合单位", 16, lambda r: "、".join(r.units["support"])),
    ("责任单位", 12, lambda r: "、".join(r.units["responsible"])),
    ("状态", 6, lambda r: messages.status_label(r.status)),
    ("下一里程碑", 14, lambda r: r.next_milestone),
    ("逾期里程碑", 14, lambda r: "\n".join(r.overdue)),
    ("完成时限", 11, lambda r: r.deadline),
    ("填报期", 8, lambda r: r.latest.period if r.latest else ""),
    ("填报日期", 11, lambda r: r.latest.date if r.latest else ""),
    ("填报单位", 10, lambda r: r.latest.unit if r.latest else ""),
    ("最新进展", 28, lambda r: r.latest.text if r.latest else ""),
    ("完成百分比", 6, lambda r: r.latest.percent if r.latest else None),
    ("目标进展", 24, lambda r: "\n".join(r.targets)),
]
STATUS_COLUMN = "状态"


def _groups(data: LedgerData, by: str) -> list[tuple[str, str | None, list[LedgerRow]]]:
    """(sheet caption, unit id when by unit, rows) in reading order."""
    groups: dict[str, list[LedgerRow]] = {}
    several_plans = len(data.plans) > 1
    if by == "section":
        for row in data.rows:
            key = f"{row.plan_name} {row.section}" if several_plans else row.section
            groups.setdefault(key, []).append(row)
        return [(caption, None, rows) for caption, rows in groups.items()]
    per_unit: dict[str, list[LedgerRow]] = {}
    for row in data.rows:
        for unit_id in row.unit_roles:
            if data.units.get(unit_id, ("", ""))[1] != "group":
                per_unit.setdefault(unit_id, []).append(row)
    # Busiest units first (as the matrix): the lead offices come before the rest.
    order = sorted(
        per_unit,
        key=lambda u: (
            -sum(r.unit_roles[u] == "lead" for r in per_unit[u]),
            -len(per_unit[u]),
            data.units[u][0],
        ),
    )
    return [(data.units[u][0], u, per_unit[u]) for u in order]


def _write_sheet(
    wb: Workbook,
    caption: str,
    rows: list[LedgerRow],
    *,
    used: set[str],
    title: str,
    unit_id: str | None,
    several_plans: bool,
) -> Worksheet:
    ws = wb.create_sheet(xlsx.sheet_title(caption, used))
    columns = list(COLUMNS)
    if unit_id is not None:
        columns.insert(3, ("本单位角色", 8, lambda r: ROLE_NAMES[r.unit_roles[unit_id]]))
    if several_plans:
        columns.insert(0, ("计划", 16, lambda r: r.plan_name))
    columns.insert(0, ("序号", 5, lambda r: None))
    widths = [width + 2 for _header, width, _value in columns]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(columns))
    ws.freeze_panes = "C3"
    ws.auto_filter.ref = f"A2:{last}{len(rows) + 2}"
    xlsx.print_setup(ws, "1:2")
    heading = WriteOnlyCell(ws, f"{title} — {caption}")
    heading.style = xlsx.TITLE_STYLE
    ws.row_dimensions[1].height = 24
    ws.append([heading])
    header_cells = []
    for header, _width, _value in columns:
        cell = WriteOnlyCell(ws, header)
        cell.style = xlsx.HEADER_STYLE
        header_cells.append(cell)
    ws.append(header_cells)
    status_index = [h for h, _w, _v in columns].index(STATUS_COLUMN)
    # One styled cell per column, reused for every row: the write-only sheet
    # writes a row as soon as it is appended, and setting a style is the
    # costly part of a cell (a province ledger has ~200,000 cells).
    body = [WriteOnlyCell(ws) for _column in columns]
    for cell in body:
        cell.style = xlsx.BODY_STYLE
    status_cells = {}
    for status in xlsx.STATUS_FILLS:
        status_cells[status] = WriteOnlyCell(ws)
        status_cells[status].style = xlsx.status_style(status)
    getters = [value for _header, _width, value in columns]
    ws.row_dimensions[2].height = xlsx.row_height([h for h, _w, _v in columns], widths, 11)
    for n, row in enumerate(rows, start=1):
        cells = list(body)
        cells[status_index] = status_cells[row.status]
        values = [n, *(value(row) for value in getters[1:])]
        for cell, value in zip(cells, values, strict=True):
            cell.value = value
        height = xlsx.row_height(values, widths)
        if height:  # set before the row is written (write-only sheet)
            ws.row_dimensions[n + 2].height = height
        ws.append(cells)
    return ws


def export_ledger(
    db: Database,
    out: str | Path,
    *,
    by: str = "section",
    today: date | None = None,
    plan_ids: list[str] | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, int]:
    """Write the 台账 to ``out`` (.xlsx); returns {"sheets": n, "rows": n}."""
    if by not in BY_CHOICES:
        raise UserError(f"--by 应为 section（按章节）或 unit（按单位），不是“{by}”。")
    out = xlsx.check_output(out)
    data = load_ledger(db, today, plan_ids)
    if not data.rows:
        raise UserError("没有可导出的任务：请先导入计划。")
    groups = _groups(data, by)
    several_plans = len(data.plans) > 1
    title = "任务落实台账" if several_plans else f"{data.plans[0]['title']} 任务落实台账"
    wb = Workbook(write_only=True)
    xlsx.add_styles(wb)
    used: set[str] = set()
    total = len(groups)
    written = 0
    try:
        for done, (caption, unit_id, rows) in enumerate(groups):
            if cancelled is not None and cancelled():
                raise Cancelled()
            if progress is not None:
                progress(done, total, f"正在写入“{caption}”（{done + 1}/{total}）…")
            _write_sheet(
                wb,
                caption,
                rows,
                used=used,
                title=title,
                unit_id=unit_id,
                several_plans=several_plans,
            )
            written += len(rows)
        if cancelled is not None and cancelled():
            raise Cancelled()
        xlsx.save_workbook(wb, out)
    except BaseException:
        xlsx.discard(wb)
        raise
    if progress is not None:
        progress(total, total, "已完成")
    return {"sheets": total, "rows": written}


__all__ = ["BY_CHOICES", "Cancelled", "export_ledger"]
