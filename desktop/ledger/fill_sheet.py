"""A unit's fill-in sheet (工作进展填报表) for one period.

One row per task / work item the unit is assigned to, and under it one row
per quantitative target of the task. Only three kinds of cell can be edited
(yellow, unlocked, with data validation): 本期进展 and 完成百分比 on item rows,
目标数值 on target rows; everything else is locked and the sheet protected.

A very hidden sheet ``_liandong`` carries what ``fill_import`` needs to take
the sheet back: the unit, plan(s) and period, the record behind every row,
the current reports the sheet was pre-filled from (``base``: a later report
means the sheet is stale or was imported and then edited again), every locked
cell's text (to name a changed cell) and a SHA-256 checksum over all of it.

Format 2 (written since; format 1 sheets already sent out keep importing): column
A holds ``FORMAT`` and the JSON of everything but the locked cells, column B the
checksum (over the two JSON texts as stored) and the locked cells' JSON in the
canonical form ``locked_cells_json`` gives. The import compares the returned
sheet's locked cells with that text as a whole and parses it only to name the
cells that differ (docs/formats.md).
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from sqlite_utils import Database

from desktop.errors import UserError
from desktop.ledger import xlsx
from desktop.ledger.data import load_ledger, number, plan_names
from desktop.models import report_queries
from desktop.models import status as st
from desktop.models.coordination_common import parse_period
from desktop.models.ids import new_id
from sync.vocabulary import ROLE_LABELS

FORMAT = "liandong-fill/2"
FORMAT_1 = "liandong-fill/1"  # sheets written before: still imported
META_SHEET = "_liandong"
DATA_SHEET = "填报表"
CHUNK = 30_000  # characters per meta cell (Excel allows 32,767)
MAX_TEXT = 2000  # characters of 本期进展
HEADER_ROW = 4
FIRST_ROW = 5
TEXT_COL, PERCENT_COL, FIGURE_COL = "H", "I", "J"
HEADERS = [
    ("序号", 5),
    ("任务编号", 10),
    ("任务 / 目标", 40),
    ("本单位角色", 8),
    ("里程碑", 24),
    ("完成时限", 11),
    ("最近填报", 30),
    ("本期进展", 40),
    ("完成百分比(%)", 9),
    ("目标数值", 11),
]
LAST_COL = "J"


def cell_text(value: object) -> str:
    """How a locked cell's value is compared: "" for empty, 3 for 3.0, trimmed text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return number(value)
    return str(value).strip()


def checksum(meta: dict[str, Any]) -> str:
    """Format 1's checksum: over the whole metadata, re-serialised."""
    body = {k: v for k, v in meta.items() if k != "checksum"}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locked_cells_json(cells: dict[str, str]) -> str:
    """The locked cells' texts (coordinate → text, empty ones left out) as format 2
    stores them: one canonical JSON text, so a returned sheet is checked by one
    comparison."""
    return json.dumps(
        {coord: text for coord, text in cells.items() if text},
        ensure_ascii=True,
        sort_keys=True,
        separators=(",", ":"),
    )


def checksum_2(head: str, cells: str) -> str:
    """Format 2's checksum: over the two JSON texts as stored (no re-serialising)."""
    return hashlib.sha256(f"{head}\n{cells}".encode()).hexdigest()


def _current(db: Database, unit_id: str, period: str) -> dict[tuple, list[dict[str, Any]]]:
    out: dict[tuple, list[dict[str, Any]]] = {}
    for row in report_queries.report_history(db, unit_id=unit_id, period=period):
        if row["current"]:
            out.setdefault((row["task_id"], row["item_id"]), []).append(row)
    return out


def _previous(db: Database, unit_id: str, period: str) -> dict[tuple, str]:
    """(task, item) → the unit's latest current report before ``period``, as text."""
    out: dict[tuple, tuple[str, str]] = {}
    for row in report_queries.report_history(db, unit_id=unit_id):
        if not row["current"] or row["period"] >= period:
            continue
        key = (row["task_id"], row["item_id"])
        pct = "" if row["percent"] is None else f"（{number(row['percent'])}%）"
        text = f"{row['period']}：{row['text']}{pct}"
        if key not in out or row["period"] >= out[key][0]:
            out[key] = (row["period"], text)
    return {key: text for key, (_p, text) in out.items()}


def write_fill_sheet(
    db: Database,
    unit_id: str,
    period: str,
    out: str | Path,
    *,
    plan_ids: list[str] | None = None,
    today: date | None = None,
    snapshot: st.StatusSnapshot | None = None,
) -> dict[str, int]:
    """Write the unit's fill-in sheet; returns {"items": n, "targets": n}.
    ``snapshot``: a status pass to reuse (many sheets in a row)."""
    period = parse_period(period)
    out = xlsx.check_output(out)
    unit = db.execute("SELECT name, kind FROM unit WHERE id = ?", [unit_id]).fetchone()
    if unit is None:
        raise UserError("单位不存在。")
    data = load_ledger(db, today, plan_ids, snapshot, unit_id=unit_id)
    if not data.rows:
        raise UserError("“{}”没有分工的任务，无需填报。", unit[0])
    current = _current(db, unit_id, period)
    previous = _previous(db, unit_id, period)
    names = plan_names(data.plans)
    plans = [{"id": p["id"], "name": names[p["id"]]} for p in data.plans]
    plans = [p for p in plans if any(r.plan_id == p["id"] for r in data.rows)]
    year, month = period.split("-")

    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    ws.append([f"{unit[0]} {year}年{int(month)}月 工作进展填报表"])
    ws.append(
        [f"计划：{'；'.join(p['name'] for p in plans)}　填报期：{period}　生成日期：{data.today}"]
    )
    ws.append(
        [
            "填写说明：只在黄色单元格中填写——本期进展（文字）、完成百分比（0–100 的数字）、"
            "目标数值（数字）；不要增删行、不要改动其他内容。填好后交回，"
            "由联动“导入填报表”（liandong ledger import）导入。"
        ]
    )
    ws.append([h for h, _w in HEADERS])
    rows_meta: list[dict[str, Any]] = []
    fill_cells: list[str] = []
    r = FIRST_ROW
    n_items = n_targets = 0
    for seq, row in enumerate(data.rows, start=1):
        key = (row.task_id, row.item_id)
        reports = current.get(key, [])
        base = reports[0] if len(reports) == 1 else None
        milestones = "；".join(
            [
                *(f"逾期：{m}" for m in row.overdue),
                *([row.next_milestone] if row.next_milestone else []),
            ]
        )
        ws.append(
            [
                seq,
                row.label,
                row.title,
                ROLE_LABELS[row.unit_roles[unit_id]],
                milestones,
                row.deadline,
                previous.get(key, ""),
                base["text"] if base else None,
                base["percent"] if base else None,
                None,
            ]
        )
        item_row = r
        rows_meta.append(
            {
                "row": r,
                "kind": "item",
                "task": row.task_id,
                "item": row.item_id,
                "label": row.label,
                "base": sorted(rep["id"] for rep in reports),
            }
        )
        fill_cells += [f"{TEXT_COL}{r}", f"{PERCENT_COL}{r}"]
        n_items += 1
        r += 1
        for target_id, text in zip(row.target_ids, row.targets, strict=True):
            figure = (base or {}).get("figures", {}).get(target_id)
            ws.append(
                [
                    None,
                    row.label,
                    f"　目标：{text}",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    figure,
                ]
            )
            rows_meta.append({"row": r, "kind": "target", "target": target_id, "owner": item_row})
            fill_cells.append(f"{FIGURE_COL}{r}")
            n_targets += 1
            r += 1
    last_row = r - 1
    _style(ws, fill_cells, last_row)

    fill_set = set(fill_cells)
    cells = {
        cell.coordinate: cell_text(cell.value)
        for row_cells in ws.iter_rows(min_row=1, max_row=last_row, max_col=len(HEADERS))
        for cell in row_cells
        if cell.coordinate not in fill_set and cell.value is not None
    }
    meta: dict[str, Any] = {
        "format": FORMAT,
        "sheet_id": new_id(),
        "unit_id": unit_id,
        "unit_name": unit[0],
        "period": period,
        "plans": plans,
        "generated_at": data.today.isoformat(),
        "last_row": last_row,
        "rows": rows_meta,
        "fill": fill_cells,
    }
    # ASCII (\uXXXX for Chinese): openpyxl writes other characters as XML character
    # references, which made reading the hidden sheet back several times slower.
    head = json.dumps(meta, ensure_ascii=True, sort_keys=True)
    locked = locked_cells_json(cells)
    hidden = wb.create_sheet(META_SHEET)
    hidden["A1"], hidden["B1"] = FORMAT, checksum_2(head, locked)
    for column, text in (("A", head), ("B", locked)):
        for n, chunk in enumerate(_chunks(text), start=2):
            hidden[f"{column}{n}"] = chunk
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)
    xlsx.save_workbook(wb, out)
    return {"items": n_items, "targets": n_targets}


def _chunks(text: str) -> list[str]:
    """``text`` in pieces of at most ``CHUNK`` characters, none starting with "="
    (openpyxl would store such a piece as a formula)."""
    pieces, start = [], 0
    while start < len(text):
        end = min(start + CHUNK, len(text))
        while end < len(text) and text[end] == "=" and end > start + 1:
            end -= 1
        pieces.append(text[start:end])
        start = end
    return pieces


def _style(ws, fill_cells: list[str], last_row: int) -> None:  # noqa: ANN001 - openpyxl sheet
    ws.merge_cells(f"A1:{LAST_COL}1")
    ws.merge_cells(f"A2:{LAST_COL}2")
    ws.merge_cells(f"A3:{LAST_COL}3")
    ws["A1"].font = xlsx.TITLE_FONT
    ws["A2"].font = ws["A3"].font = xlsx.NOTE_FONT
    ws["A3"].alignment = xlsx.WRAP
    ws.row_dimensions[1].height = 24
    ws.row_dimensions[3].height = 30
    ws.row_dimensions[HEADER_ROW].height = 28
    for index, (_header, width) in enumerate(HEADERS):
        letter = chr(ord("A") + index)
        ws.column_dimensions[letter].width = width + 2
        cell = ws[f"{letter}{HEADER_ROW}"]
        cell.font, cell.fill = xlsx.HEADER_FONT, xlsx.HEADER_FILL
        cell.alignment, cell.border = xlsx.WRAP_CENTER, xlsx.BORDER
    fill_set = set(fill_cells)
    widths = [width + 2 for _header, width in HEADERS]
    for row_cells in ws.iter_rows(min_row=FIRST_ROW, max_row=last_row, max_col=len(HEADERS)):
        height = xlsx.row_height([c.value for c in row_cells], widths)
        if height:
            ws.row_dimensions[row_cells[0].row].height = height
        for cell in row_cells:
            cell.font, cell.alignment, cell.border = xlsx.BODY_FONT, xlsx.WRAP, xlsx.BORDER
            if cell.coordinate in fill_set:
                cell.fill = xlsx.INPUT_FILL
                cell.protection = Protection(locked=False)
            elif cell.column_letter in (TEXT_COL, PERCENT_COL, FIGURE_COL):
                cell.fill = xlsx.LOCKED_FILL
    text_dv = DataValidation(
        type="textLength", operator="lessThanOrEqual", formula1=str(MAX_TEXT), allow_blank=True
    )
    text_dv.error = f"本期进展最多 {MAX_TEXT} 字。"
    percent_dv = DataValidation(
        type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
    )
    percent_dv.error = "完成百分比应为 0 到 100 之间的数字。"
    figure_dv = DataValidation(
        type="decimal", operator="between", formula1="-1E+15", formula2="1E+15", allow_blank=True
    )
    figure_dv.error = "目标数值应为数字。"
    for dv, column in ((text_dv, TEXT_COL), (percent_dv, PERCENT_COL), (figure_dv, FIGURE_COL)):
        dv.errorTitle = "填写有误"
        dv.showErrorMessage = True
        for coordinate in fill_cells:
            if coordinate.startswith(column):
                dv.add(coordinate)
        ws.add_data_validation(dv)
    ws.freeze_panes = f"C{FIRST_ROW}"
    xlsx.print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    ws.protection.sheet = True
    ws.protection.formatRows = False  # people may still make rows taller to read
    ws.protection.formatColumns = False
