"""The 台账 workbook: one row per task / work item, one sheet per section or unit.

Frozen header, column widths, wrapped Chinese, a status colour with its text,
auto-filter, the header repeated on every printed page and the columns fitted
to the A4 landscape width. Written by ``xlsx_write`` (a streaming writer of
the workbook's XML: openpyxl's write-only mode cost ~10 ms a sheet and a few
objects a cell, 12 s for a province ledger of 1,200 sheets).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from desktop.errors import UserError
from desktop.ledger import xlsx
from desktop.ledger.data import LedgerData, LedgerRow, load_ledger
from desktop.ledger.xlsx_read import column_letter
from desktop.ledger.xlsx_write import PageSetup, WorkbookWriter
from desktop.models import messages
from sync.vocabulary import ROLE_LABELS

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


# By section, several plans: one sheet per plan and section while there are at
# most this many; beyond, one sheet of every row (its 计划 and 章节 columns and
# the auto-filter take the place of the tabs). A province export of 200 plans
# would otherwise have 1,200 sheets: no tab bar shows them, and LibreOffice
# takes minutes to open such a file (6.5 min measured; one sheet: 4 s).
SECTION_SHEETS_MAX = 60


def _groups(data: LedgerData, by: str) -> list[tuple[str, str | None, list[LedgerRow]]]:
    """(sheet caption, unit id when by unit, rows) in reading order."""
    several_plans = len(data.plans) > 1
    if by == "section":
        # by plan and section id: two plans may share a 发文字号 or a section title
        groups: dict[tuple[str, str], list[LedgerRow]] = {}
        captions: dict[tuple[str, str], str] = {}
        for row in data.rows:
            key = (row.plan_id, row.section_id or row.section)
            groups.setdefault(key, []).append(row)
            captions[key] = f"{row.plan_name} {row.section}" if several_plans else row.section
        if several_plans and len(groups) > SECTION_SHEETS_MAX:
            return [(f"全部任务（{len(data.plans)}份计划）", None, data.rows)]
        return [(captions[key], None, rows) for key, rows in groups.items()]
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


def _sheet_rows(
    book: WorkbookWriter,
    caption: str,
    rows: list[LedgerRow],
    columns: list[tuple[str, int, Callable[[LedgerRow], object]]],
    widths: list[float],
    title: str,
) -> Iterator[tuple[list[object], list[int] | int, float | None]]:
    """The sheet's rows for ``WorkbookWriter.add_sheet``: title, header, one per ledger row."""
    yield [f"{title} — {caption}"], book.style[xlsx.TITLE_STYLE], 24
    headers = [header for header, _width, _value in columns]
    yield headers, book.style[xlsx.HEADER_STYLE], xlsx.row_height(headers, widths, 11)
    status_index = headers.index(STATUS_COLUMN)
    body = book.style[xlsx.BODY_STYLE]
    status_styles = {status: book.style[xlsx.status_style(status)] for status in xlsx.STATUS_FILLS}
    getters = [value for _header, _width, value in columns[1:]]
    styles = [body] * len(columns)
    for n, row in enumerate(rows, start=1):
        values = [n, *(value(row) for value in getters)]
        styles[status_index] = status_styles[row.status]
        yield values, list(styles), xlsx.row_height(values, widths)


def _write_sheet(
    book: WorkbookWriter,
    caption: str,
    rows: list[LedgerRow],
    *,
    used: set[str],
    title: str,
    unit_id: str | None,
    several_plans: bool,
) -> None:
    columns = list(COLUMNS)
    if unit_id is not None:
        columns.insert(3, ("本单位角色", 8, lambda r: ROLE_LABELS[r.unit_roles[unit_id]]))
    if several_plans:
        columns.insert(0, ("计划", 16, lambda r: r.plan_name))
    columns.insert(0, ("序号", 5, lambda r: None))
    widths = [width + 2 for _header, width, _value in columns]
    last = column_letter(len(columns))
    book.add_sheet(
        xlsx.sheet_title(caption, used),
        widths,
        _sheet_rows(book, caption, rows, columns, widths, title),
        freeze="C3",
        auto_filter=f"A2:{last}{len(rows) + 2}",
        page=PageSetup(title_rows=(1, 2)),
    )


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
        raise UserError("--by 应为 section（按章节）或 unit（按单位），不是“{}”。", by)
    out = xlsx.check_output(out)
    data = load_ledger(db, today, plan_ids)
    if not data.rows:
        raise UserError("没有可导出的任务：请先导入计划。")
    groups = _groups(data, by)
    several_plans = len(data.plans) > 1
    title = "任务落实台账" if several_plans else f"{data.plans[0]['title']} 任务落实台账"
    total = len(groups)
    written = 0

    def write(tmp_name: str) -> None:
        nonlocal written
        with open(tmp_name, "wb") as handle:
            book = WorkbookWriter(handle, xlsx.LEDGER_STYLES)
            try:
                used: set[str] = set()
                for done, (caption, unit_id, rows) in enumerate(groups):
                    if cancelled is not None and cancelled():
                        raise Cancelled()
                    if progress is not None:
                        progress(done, total, f"正在写入“{caption}”（{done + 1}/{total}）…")
                    _write_sheet(
                        book,
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
            except BaseException:
                book.abort()
                raise
            book.close()

    xlsx.save_via_temp(out, write)
    if progress is not None:
        progress(total, total, "已完成")
    return {"sheets": total, "rows": written}


__all__ = ["BY_CHOICES", "Cancelled", "export_ledger"]
