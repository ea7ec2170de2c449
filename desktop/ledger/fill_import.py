"""Import a filled-in sheet (``fill_sheet``) back as the unit's progress reports.

Every cell is checked first (``check_fill_sheet``, which writes nothing); any
problem is reported with its cell reference and nothing is written. Otherwise
all reports go in as one store action (``write_reports``: ``fill_sheet_import``),
through the same checks and rows as the GUI's ``add_report`` /
``correct_report`` (``progress.new_report_row`` / ``correction_row``), so they
are logged for sync. ``fill_batch`` checks many sheets the same way and writes
them all in one action.

Per item row, with the sheet's ``base`` (the unit's current reports for the
row when the sheet was made) and the current reports now:

- nothing filled in → nothing (not reported);
- base unchanged → a new report, or a correction of the pre-filled report
  when the values differ (identical values: nothing);
- a report arrived after the sheet was made → nothing when it already holds
  these values (the same sheet imported twice), else refused: the sheet is
  stale, or was imported and then edited again.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.errors import Message, UserError
from desktop.ledger import xlsx
from desktop.ledger.fill_sheet import (
    DATA_SHEET,
    FIGURE_COL,
    FORMAT,
    FORMAT_1,
    LAST_COL,
    MAX_TEXT,
    META_SHEET,
    PERCENT_COL,
    TEXT_COL,
    cell_text,
    checksum,
    checksum_2,
    locked_cells_json,
)
from desktop.ledger.report_rows import NewReports, SharedLookups
from desktop.ledger.xlsx_read import XlsxReader, column_index
from desktop.models import progress, report_queries
from desktop.models.coordination_common import parse_period
from desktop.models.store import Store
from sync.fields import text_problem

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


@dataclass
class Problem:
    cell: str  # "H7", or "" for the whole sheet
    message: str

    def __str__(self) -> str:
        return f"{self.cell}：{self.message}" if self.cell else self.message


class SheetRefused(UserError):
    """The sheet has problems; nothing was written. ``problems`` lists them by cell."""

    def __init__(self, problems: list[Problem], source: str) -> None:
        lines = "\n".join(f"  {p}" for p in problems[:200])
        more = f"\n  ……另有 {len(problems) - 200} 处" if len(problems) > 200 else ""
        super().__init__(
            f"填报表 {source} 有 {len(problems)} 处问题，未导入任何内容：\n{lines}{more}"
        )
        self.problems = problems


@dataclass
class ImportResult:
    unit: str
    period: str
    added: int = 0
    corrected: int = 0
    unchanged: int = 0
    empty: int = 0
    report_ids: list[str] = field(default_factory=list)

    @property
    def message(self) -> Message:
        """What was imported (template and values: the unit's name whole in English)."""
        if not self.added and not self.corrected:
            what = Message("没有新的内容" if self.unchanged else "表中没有填写内容")
            return Message("{} {} 填报表：{}，未做更改。", self.unit, self.period, what)
        return Message(
            "{} {} 填报表已导入：新增填报 {} 条，更正 {} 条，未变 {} 条，未填写 {} 项。",
            self.unit,
            self.period,
            self.added,
            self.corrected,
            self.unchanged,
            self.empty,
        )

    @property
    def summary(self) -> str:
        return str(self.message)


@dataclass
class PlannedReport:
    """One report a checked sheet will write: its sheet row, the row's label, the row."""

    sheet_row: int
    label: str
    row: dict[str, Any]


@dataclass
class CheckedSheet:
    """A sheet that passed every check, with the reports it will write."""

    source: str
    result: ImportResult
    rows: list[PlannedReport] = field(default_factory=list)


def read_meta(reader: XlsxReader, source: str) -> dict[str, Any]:
    """The sheet's metadata, its checksum checked. Format 2 (``fill_sheet``): the
    locked cells stay one JSON text (``meta["locked"]``, parsed only when the
    sheet's locked cells differ from it); format 1: a dict (``meta["cells"]``)."""
    if META_SHEET not in reader.sheetnames or DATA_SHEET not in reader.sheetnames:
        raise UserError("{} 不是联动生成的填报表（缺少表信息），无法导入。", source)
    columns: dict[int, list[Any]] = {1: [], 2: []}
    for _row, col, _coord, value, _fmt in reader.cells(META_SHEET, max_col=2):
        columns[col].append(value)
    values, second = columns[1], columns[2]
    if not values or values[0] not in (FORMAT, FORMAT_1):
        found = str(values[0])[:40] if values else "空"
        raise UserError("{} 的填报表格式不受支持（{}）。", source, found)
    tampered = UserError("{} 中隐藏的表信息被改动过，无法确认其来源；请重新生成填报表。", source)
    if values[0] == FORMAT_1:
        try:
            meta = json.loads("".join(str(v) for v in values[1:]))
        except ValueError:
            meta = None
        if not isinstance(meta, dict) or meta.get("checksum") != checksum(meta):
            raise tampered
        return meta
    head = "".join(str(v) for v in values[1:])
    locked = "".join(str(v) for v in second[1:])
    if not second or second[0] != checksum_2(head, locked):
        raise tampered
    try:
        meta = json.loads(head)
    except ValueError:
        meta = None
    if not isinstance(meta, dict):
        raise tampered
    meta["locked"] = locked
    return meta


def _number(value: object, fmt: str) -> float:
    """A number from a cell (int/float, or text such as "85", "85%", "1,200")."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | float):
        number = float(value) * (100 if "%" in fmt else 1)
    else:
        text = str(value).strip().replace(",", "").replace("，", "")
        text = text.translate({ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．－＋"})
        scale = 1.0
        if text.endswith(("%", "％")):
            text, scale = text[:-1].strip(), 1.0
        if text.lower() in ("nan", "inf", "-inf", "+inf", "infinity", "-infinity"):
            return float(text)
        if not _NUMBER.match(text):
            raise ValueError
        number = float(text) * scale
    return number


# "H7" -> (value, number format, row, column); non-empty cells only
Grid = dict[str, tuple[Any, str, int, int]]


def read_grid(reader: XlsxReader, sheet: str = DATA_SHEET) -> Grid:
    """Every non-empty cell of a sheet in one pass (the stored dimension is not trusted)."""
    return {
        coord: (value, fmt, row, col)
        for row, col, coord, value, fmt in reader.cells(sheet)
        if not (isinstance(value, str) and not value.strip())
    }


def _read_number(grid: Grid, coord: str, what: str, problems: list[Problem]) -> float | None:
    if coord not in grid:
        return None
    raw, fmt, _row, _col = grid[coord]
    try:
        value = _number(raw, fmt)
    except (ValueError, OverflowError):
        problems.append(Problem(coord, f"{what}“{raw}”不是数字。"))
        return None
    if not math.isfinite(value):
        problems.append(Problem(coord, f"{what}不能是无穷大或非数字（{raw}）。"))
        return None
    return value


def _expected_cells(meta: dict[str, Any], source: str) -> dict[str, str]:
    """Every locked cell's text as written (coordinate → text)."""
    if "cells" in meta:  # format 1
        return meta["cells"]
    try:
        cells = json.loads(meta["locked"])
    except ValueError:
        cells = None
    if not isinstance(cells, dict):  # the checksum held: written so, not by us
        raise UserError("{} 中隐藏的表信息被改动过，无法确认其来源；请重新生成填报表。", source)
    return cells


def _check_layout(grid: Grid, meta: dict[str, Any], problems: list[Problem], source: str) -> None:
    """Locked cells unchanged; nothing outside the table; no rows added.

    The sheet's locked cells are compared with those written as a whole (one
    comparison); only when they differ are the cells walked to name each problem."""
    fill = set(meta["fill"])
    locked = {
        coord: value.strip() if type(value) is str else cell_text(value)  # most are text
        for coord, (value, _fmt, _row, _col) in grid.items()
        if coord not in fill
    }
    if "locked" in meta:  # format 2: the canonical text, compared as it is
        if locked_cells_json(locked) == meta["locked"]:
            return
    elif locked == {coord: text for coord, text in meta["cells"].items() if text}:
        return
    expected = _expected_cells(meta, source)
    last_row = int(meta["last_row"])
    last_col = column_index(LAST_COL)
    for coord, text in locked.items():
        _value, _fmt, row, col = grid[coord]
        if row > last_row or col > last_col:
            problems.append(
                Problem(
                    coord,
                    f"表格之外有内容“{text[:20]}”：第 {row} 行不是填报表中的事项，不要增加行或列。",
                )
            )
            continue
        want = expected.get(coord, "")
        if text != want:
            was = f"原为“{want[:30]}”" if want else "原为空"
            problems.append(Problem(coord, f"此单元格不可修改（{was}，现为“{text[:30]}”）。"))
    for coord, want in expected.items():
        if want and coord not in grid:
            problems.append(
                Problem(coord, f"此单元格的内容“{want[:30]}”被删除（是否删除了行？）。")
            )
    problems.sort(key=lambda p: _cell_order(p.cell))


def _cell_order(coord: str) -> tuple[int, str]:
    if not coord:
        return (0, "")
    column = coord.rstrip("0123456789")
    return (int(coord[len(column) :]), column.rjust(3))


def _same(report: dict[str, Any], text: str, percent: float | None, figures: dict) -> bool:
    return (
        (report["text"] or "").strip() == text
        and report["percent"] == percent
        and {k: float(v) for k, v in (report["figures"] or {}).items()} == figures
    )


def _current_reports(
    store: Store, unit_id: str, period: str, task_ids: list[str]
) -> dict[tuple[str, str | None], list[dict[str, Any]]]:
    """(task, item) → the unit's current reports of the period on the sheet's tasks
    (as ``report_history`` marks them current; one indexed query per sheet)."""
    rows = [
        {**row, "figures": json.loads(row["figures"] or "{}")}
        for row in store.db.query(
            "SELECT id, task_id, item_id, text, percent, figures, created_at, supersedes_id,"
            " also_supersedes FROM report WHERE task_id IN (SELECT value FROM json_each(?))"
            " AND unit_id = ? AND period = ? ORDER BY created_at, id",
            [json.dumps(sorted(set(task_ids))), unit_id, period],
        )
    ]
    superseded = report_queries.superseded_ids(
        (row["supersedes_id"], row["also_supersedes"]) for row in rows
    )
    current: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for row in rows:
        if row["id"] not in superseded:
            current.setdefault((row["task_id"], row["item_id"]), []).append(row)
    return current


def check_fill_sheet(
    store: Store,
    path: str | Path,
    *,
    expect_unit_id: str | None = None,
    expect_period: str | None = None,
    author: str = "",
    shared: SharedLookups | None = None,
) -> CheckedSheet:
    """Read and check the whole sheet; nothing is written. ``SheetRefused`` (or a
    ``UserError`` for a file that is no fill-in sheet) when anything is wrong.
    ``shared``: a batch's lookups (``fill_batch``)."""
    path = Path(path)
    source = path.name
    with xlsx.open_reader(path) as reader:
        meta = read_meta(reader, source)
        grid = read_grid(reader)
    db = store.db
    problems: list[Problem] = []
    unit = db.execute("SELECT name FROM unit WHERE id = ?", [meta["unit_id"]]).fetchone()
    if unit is None:
        raise SheetRefused(
            [
                Problem(
                    "A1",
                    f"此表属于单位“{meta['unit_name']}”，本数据库中没有该单位（另一个数据库的表？）。",
                )
            ],
            source,
        )
    found = {
        plan_id
        for (plan_id,) in db.execute(
            "SELECT id FROM plan WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps([p["id"] for p in meta["plans"]])],
        )
    }
    missing = [p["name"] for p in meta["plans"] if p["id"] not in found]
    if missing:
        problems.append(
            Problem("A2", f"此表来自另一份计划（{'、'.join(missing)}），本数据库中没有该计划。")
        )
    if expect_unit_id and expect_unit_id != meta["unit_id"]:
        wanted = db.execute("SELECT name FROM unit WHERE id = ?", [expect_unit_id]).fetchone()
        problems.append(
            Problem(
                "A1", f"这是“{meta['unit_name']}”的填报表，不是“{wanted[0] if wanted else '?'}”的。"
            )
        )
    if expect_period and parse_period(expect_period) != meta["period"]:
        problems.append(
            Problem(
                "A2", f"这是 {meta['period']} 期的填报表，不是 {parse_period(expect_period)} 期的。"
            )
        )
    if problems:  # the wrong sheet altogether: its cells are not worth listing
        raise SheetRefused(problems, source)
    _check_layout(grid, meta, problems, source)
    period = meta["period"]
    unit_id = meta["unit_id"]

    # values per item row
    items = [r for r in meta["rows"] if r["kind"] == "item"]
    figures: dict[int, dict[str, float]] = {r["row"]: {} for r in items}
    for r in meta["rows"]:
        if r["kind"] != "target":
            continue
        value = _read_number(grid, f"{FIGURE_COL}{r['row']}", "目标数值", problems)
        if value is not None:
            if abs(value) > 1e15:
                problems.append(Problem(f"{FIGURE_COL}{r['row']}", "目标数值过大。"))
            figures[r["owner"]][r["target"]] = value
    result = ImportResult(unit[0], period)
    checked = CheckedSheet(source, result)
    current = _current_reports(store, unit_id, period, [r["task"] for r in items])
    new_reports = NewReports(
        store, unit_id, period, (r["task"] for r in items), author, shared=shared
    )
    for r in items:
        row_no = r["row"]
        text_cell = f"{TEXT_COL}{row_no}"
        text = cell_text(grid[text_cell][0]) if text_cell in grid else ""
        # line breaks as Windows and old Macs write them (pasted text): one kind kept
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > MAX_TEXT:
            problems.append(Problem(text_cell, f"本期进展有 {len(text)} 字，最多 {MAX_TEXT} 字。"))
            continue
        bad_text = text_problem(text, MAX_TEXT, multiline=True)
        if bad_text:  # named by its cell here, not refused later by the store
            problems.append(Problem(text_cell, f"本期进展{bad_text}。"))
            continue
        percent = _read_number(grid, f"{PERCENT_COL}{row_no}", "完成百分比", problems)
        if percent is not None and not 0 <= percent <= 100:
            problems.append(
                Problem(
                    f"{PERCENT_COL}{row_no}",
                    f"完成百分比应在 0 到 100 之间（现为 {grid[f'{PERCENT_COL}{row_no}'][0]}）。",
                )
            )
            continue
        row_figures = figures[row_no]
        if not new_reports.known(r["task"], r["item"]):
            problems.append(
                Problem(
                    f"B{row_no}", f"{r['label']} 已不在计划中（计划已修改），请重新生成填报表。"
                )
            )
            continue
        now = current.get((r["task"], r["item"]), [])
        now_ids = sorted(rep["id"] for rep in now)
        filled = bool(text or percent is not None or row_figures)
        if not filled:
            if r["base"]:
                problems.append(
                    Problem(
                        text_cell,
                        f"{r['label']} 本期已有的填报被清空；填报不能这样撤销，请恢复原内容或在软件中更正。",
                    )
                )
            else:
                result.empty += 1
            continue
        if len(now) == 1 and _same(now[0], text, percent, row_figures):
            result.unchanged += 1
            continue
        if now_ids != r["base"] and not now:
            problems.append(
                Problem(
                    text_cell,
                    f"{r['label']} 表中预填的本期填报在本数据库中已不存在（已撤销？），"
                    "请重新生成填报表后再填。",
                )
            )
            continue
        if now_ids != r["base"]:
            latest = max(now, key=lambda rep: rep["created_at"])
            problems.append(
                Problem(
                    text_cell,
                    f"{r['label']} 在此表生成后已另有本期填报（{latest['created_at'][:10]} "
                    f"“{latest['text'][:20]}”），与表中内容不同：此表可能已导入过又被修改。"
                    "请重新生成填报表后再填。",
                )
            )
            continue
        try:
            if now:
                row = progress.correction_row(
                    store, now[0]["id"], text=text, percent=percent, figures=row_figures,
                    author=author,
                )  # fmt: skip
                result.corrected += 1
            else:
                row = new_reports.row(
                    r["task"], r["item"], text=text, percent=percent, figures=row_figures
                )
                result.added += 1
        except UserError as err:
            problems.append(Problem(text_cell, f"{r['label']}：{err.message}"))
            continue
        checked.rows.append(PlannedReport(row_no, r["label"], row))
    if problems:
        raise SheetRefused(problems, source)
    return checked


def write_reports(store: Store, sheets: list[CheckedSheet]) -> None:
    """The checked sheets' reports, in one store action (one transaction, logged for
    sync); each sheet's ``result.report_ids`` gets the ids of its reports."""
    planned = [(sheet, plan.row) for sheet in sheets for plan in sheet.rows]
    if not planned:
        return
    # new reports and corrections apart: each batch carries the same columns
    new = [(sheet, row) for sheet, row in planned if "also_supersedes" not in row]
    corrections = [(sheet, row) for sheet, row in planned if "also_supersedes" in row]
    with store.action("fill_sheet_import") as tx:
        for group in (new, corrections):
            ids = tx.insert_many("report", [row for _sheet, row in group])
            for report_id, (sheet, row) in zip(ids, group, strict=True):
                sheet.result.report_ids.append(report_id)
                progress.record_report_figures(tx, report_id, row)


def import_fill_sheet(
    store: Store,
    path: str | Path,
    *,
    expect_unit_id: str | None = None,
    expect_period: str | None = None,
    author: str = "",
) -> ImportResult:
    """Check the whole sheet, then write its reports in one action (or nothing)."""
    checked = check_fill_sheet(
        store, path, expect_unit_id=expect_unit_id, expect_period=expect_period, author=author
    )
    write_reports(store, [checked])
    return checked.result
