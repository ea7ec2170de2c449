"""The 台账 workbook: one row per task / work item, one sheet per section or unit.

Frozen header, column widths, wrapped Chinese, a status colour with its text,
auto-filter, the header repeated on every printed page and the columns fitted
to the A4 landscape width. Written by ``xlsx_write`` (a streaming writer of
the workbook's XML: openpyxl's write-only mode cost ~10 ms a sheet and a few
objects a cell, 12 s for a province ledger of 1,200 sheets).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from sqlite_utils import Database

from desktop.errors import UserError
from desktop.ledger import xlsx
from desktop.ledger.data import LedgerRow, LedgerRows, ledger_rows, plan_names
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
ROLE_AFTER = 3  # by unit, 本单位角色 comes after the first three columns


# By section, several plans: one sheet per plan and section while there are at
# most this many; beyond, one sheet of every row (its 计划 and 章节 columns and
# the auto-filter take the place of the tabs). A province export of 200 plans
# would otherwise have 1,200 sheets: no tab bar shows them, and LibreOffice
# takes minutes to open such a file (6.5 min measured; one sheet: 4 s).
SECTION_SHEETS_MAX = 60


class Line(NamedTuple):
    """What a sheet row needs of a ledger row, built once (a row is in several unit
    sheets): its ``COLUMNS`` cells, status and units, without the row's lists and dicts."""

    plan_id: str
    section_key: str  # its section id, else its section's label
    status: str
    roles: tuple[tuple[str, str], ...]  # (unit id, strongest role on the row)
    values: tuple[object, ...]  # one per ``COLUMNS``


def _lines(rows: Iterable[LedgerRow]) -> list[Line]:
    """A ``Line`` per row; equal texts and (unit, role) pairs one object (the workbook
    keeps one of each anyway: 120,000 rows' joined unit names, numbers, dates and
    report fields were ~30 MB of copies, their role pairs ~20 MB)."""
    getters = [value for _header, _width, value in COLUMNS]
    shared: dict[object, object] = {}
    share = shared.setdefault
    return [
        Line(
            row.plan_id,
            row.section_id or row.section,
            row.status,
            tuple([share(pair, pair) for pair in row.unit_roles.items()]),  # type: ignore[misc]
            tuple([_shared_text(share, get(row)) for get in getters]),
        )
        for row in rows
    ]


def _shared_text(share: Callable[[object, object], object], value: object) -> object:
    """Texts shared; numbers as they are (85 == 85.0 would make one the other)."""
    return share(value, value) if type(value) is str else value


def _groups(
    lines: list[Line], data: LedgerRows, by: str
) -> list[tuple[str, str | None, list[Line]]]:
    """(sheet caption, unit id when by unit, lines) in reading order."""
    several_plans = len(data.plans) > 1
    if by == "section":
        names_of_plans = plan_names(data.plans)
        # by plan and section id: two plans may share a 发文字号 or a section title
        groups: dict[tuple[str, str], list[Line]] = {}
        captions: dict[tuple[str, str], str] = {}
        for line in lines:
            key = (line.plan_id, line.section_key)
            groups.setdefault(key, []).append(line)
            section = line.values[0]
            captions[key] = (
                f"{names_of_plans[line.plan_id]} {section}" if several_plans else section
            )
        if several_plans and len(groups) > SECTION_SHEETS_MAX:
            return [(f"全部任务（{len(data.plans)}份计划）", None, lines)]
        return [(captions[key], None, group) for key, group in groups.items()]
    per_unit: dict[str, list[Line]] = {}
    leads: dict[str, int] = {}
    for line in lines:
        for unit_id, role in line.roles:
            if data.units.get(unit_id, ("", ""))[1] != "group":
                per_unit.setdefault(unit_id, []).append(line)
                leads[unit_id] = leads.get(unit_id, 0) + (role == "lead")
    # Busiest units first (as the matrix): the lead offices come before the rest.
    order = sorted(per_unit, key=lambda u: (-leads[u], -len(per_unit[u]), data.units[u][0]))
    return [(data.units[u][0], u, per_unit[u]) for u in order]


def _sheet_rows(
    book: WorkbookWriter,
    caption: str,
    lines: list[Line],
    headers: list[str],
    widths: list[float],
    *,
    title: str,
    unit_id: str | None,
    plan_name_of: dict[str, str] | None,
) -> Iterator[tuple[list[object], list[int] | int, float | None]]:
    """The sheet's rows for ``WorkbookWriter.add_sheet``: title, header, one per line
    (序号, 计划 with several plans, then ``COLUMNS`` with 本单位角色 by unit)."""
    yield [f"{title} — {caption}"], book.style[xlsx.TITLE_STYLE], 24
    yield headers, book.style[xlsx.HEADER_STYLE], xlsx.row_height(headers, widths, 11)
    status_index = headers.index(STATUS_COLUMN)
    body = book.style[xlsx.BODY_STYLE]
    status_styles = {status: book.style[xlsx.status_style(status)] for status in xlsx.STATUS_FILLS}
    styles = [body] * len(headers)
    for n, line in enumerate(lines, start=1):
        values: list[object] = [n]
        if plan_name_of is not None:
            values.append(plan_name_of[line.plan_id])
        if unit_id is None:
            values += line.values
        else:
            values += line.values[:ROLE_AFTER]
            values.append(ROLE_LABELS[next(role for unit, role in line.roles if unit == unit_id)])
            values += line.values[ROLE_AFTER:]
        styles[status_index] = status_styles[line.status]
        yield values, list(styles), xlsx.row_height(values, widths)


def _write_sheet(
    book: WorkbookWriter,
    caption: str,
    lines: list[Line],
    *,
    used: set[str],
    title: str,
    unit_id: str | None,
    plan_name_of: dict[str, str] | None,
) -> None:
    columns = [(header, width) for header, width, _value in COLUMNS]
    if unit_id is not None:
        columns.insert(ROLE_AFTER, ("本单位角色", 8))
    if plan_name_of is not None:
        columns.insert(0, ("计划", 16))
    columns.insert(0, ("序号", 5))
    widths = [width + 2 for _header, width in columns]
    last = column_letter(len(columns))
    book.add_sheet(
        xlsx.sheet_title(caption, used),
        widths,
        _sheet_rows(
            book,
            caption,
            lines,
            [header for header, _width in columns],
            widths,
            title=title,
            unit_id=unit_id,
            plan_name_of=plan_name_of,
        ),
        row_count=len(lines) + 2,
        freeze="C3",
        auto_filter=f"A2:{last}{len(lines) + 2}",
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
    data = ledger_rows(db, today, plan_ids)
    if not data.count:
        raise UserError("没有可导出的任务：请先导入计划。")
    lines = _lines(data.rows)
    groups = _groups(lines, data, by)
    del lines  # (the groups hold them)
    several_plans = len(data.plans) > 1
    plan_name_of = plan_names(data.plans) if several_plans else None
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
                        plan_name_of=plan_name_of,
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
