"""All units at a glance (红黄绿灯表): one row per unit with its tasks counted by
status, 受阻, 未达序时, reports missing / late in the current cycle window, and
its pending 办结 applications and 延期 requests. Plain Python (no Qt); the GUI
shows it through ``desktop.models.qt.unit_lights_model``; CSV / xlsx export here.

A unit's tasks are those it leads or is responsible for (any item) or owns a
milestone of. The light: 红 any task 逾期未办结, else 黄 any 未达序时, else 蓝 any
临近时限, else 绿.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

from sqlite_utils import Database

from desktop.errors import UserError
from desktop.models import duban_queries as dq
from desktop.models import messages, status_queries
from desktop.models import status as st
from sync.collector import collector_paused

LIGHT_LABELS = {"red": "红", "yellow": "黄", "blue": "蓝", "green": "绿"}
COUNTED = (st.OVERDUE, st.DUE_SOON, st.ON_TRACK, st.NOT_SCHEDULED, st.AWAITING_SIGNOFF, st.DONE)
HEADERS = (
    "单位", "灯", "联络员", "电话", "任务", *(messages.status_label(s) for s in COUNTED),
    "受阻", "未达序时", "未报", "迟报", "待审办结", "待批延期",
)  # fmt: skip


@dataclass
class UnitRow:
    unit_id: str
    name: str
    person: str = ""
    phone: str = ""
    tasks: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    at_risk: int = 0
    behind: int = 0
    missing: int = 0
    late: int = 0
    signoffs_pending: int = 0
    extensions_pending: int = 0

    @property
    def light(self) -> str:
        if self.counts[st.OVERDUE]:
            return "red"
        if self.behind:
            return "yellow"
        if self.counts[st.DUE_SOON]:
            return "blue"
        return "green"


@dataclass
class UnitLights:
    today: date
    rows: list[UnitRow]


def unit_lights(
    db: Database,
    today: date,
    window_days: int = st.DEFAULT_WINDOW_DAYS,
    snapshot: st.StatusSnapshot | None = None,
    round_: dq.ReportRound | None = None,
) -> UnitLights:
    """The table as of ``today``; a ``snapshot`` just computed saves a status pass, and
    the whole-database ``report_round`` of the same day computed with it (the overview
    has both) saves judging the round again. Without a round, the one counted reads
    the assignments and reports the snapshot's full pass kept (``round_rows``)."""
    snap = snapshot or status_queries.compute_status(
        db, today, window_days, rounds=round_ is None
    )  # (its rows give the round counted below)
    with collector_paused():  # see round_queries._round: the snapshot is not walked
        return _unit_lights(db, today, snap, round_)


def _unit_lights(
    db: Database, today: date, snap: st.StatusSnapshot, round_: dq.ReportRound | None
) -> UnitLights:
    rows: dict[str, UnitRow] = {
        unit_id: UnitRow(unit_id, name)
        for unit_id, name in db.execute(
            "SELECT id, name FROM unit WHERE kind != 'group' ORDER BY name"
        )
    }
    # the 催报 round lists every (item, unit) a unit leads or is responsible for: its
    # tasks come from there (one pass over the assignments for both)
    if round_ is None:
        round_ = dq.round_tally(db, today, active=snap.tasks, shared=snap.inputs.round_rows)
    for column, state in (("missing", "missing"), ("late", "late")):
        for unit_id, n in round_.unit_counts(state).items():
            row = rows.get(unit_id)
            if row is not None:
                setattr(row, column, n)
    # and the tasks of the milestones it owns (a milestone without an owner is
    # attributed to a lead or responsible unit of its task: one of the round's pairs)
    mine = round_.unit_tasks()
    mine.update(
        db.execute(
            "SELECT DISTINCT owner_unit_id, task_id FROM milestone WHERE owner_unit_id IS NOT NULL"
        ).fetchall()
    )
    # each task's (status, 受阻, 未达序时), counted per unit in one go
    code_of = {
        task_id: (node.status, bool(node.risks) and node.status != st.DONE, node.behind)
        for task_id, node in snap.tasks.items()
    }
    tally = Counter(
        zip(map(itemgetter(0), mine), map(code_of.get, map(itemgetter(1), mine)), strict=True)
    )
    for (unit_id, code), n in tally.items():
        row = rows.get(unit_id)
        if row is None or code is None:
            continue
        status, at_risk, behind = code
        row.tasks += n
        row.counts[status] += n
        row.at_risk += n if at_risk else 0
        row.behind += n if behind else 0
    for unit_id, (person, phone) in round_.contacts.items():
        if unit_id in rows:
            rows[unit_id].person, rows[unit_id].phone = person, phone
    signoffs, extensions = dq.pending_counts(db)
    for unit_id, row in rows.items():
        row.signoffs_pending = signoffs.get(unit_id, 0)
        row.extensions_pending = extensions.get(unit_id, 0)
    order = {"red": 0, "yellow": 1, "blue": 2, "green": 3}
    listed = [r for r in rows.values() if r.tasks or r.signoffs_pending or r.extensions_pending]
    listed.sort(key=lambda r: (order[r.light], -r.counts[st.OVERDUE], -r.behind, r.name))
    return UnitLights(today, listed)


def row_values(row: UnitRow) -> list[str | int]:
    return [
        row.name, LIGHT_LABELS[row.light], row.person, row.phone, row.tasks,
        *(row.counts[s] for s in COUNTED), row.at_risk, row.behind, row.missing, row.late,
        row.signoffs_pending, row.extensions_pending,
    ]  # fmt: skip


def export(table: UnitLights, path: str | Path) -> None:
    """Write the table as CSV (UTF-8 with BOM, for Excel) or .xlsx by the suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserError("导出文件“{}”的类型不支持：请用 .csv 或 .xlsx。", path.name)
    if not path.parent.exists():
        raise UserError("目录不存在：{}", path.parent)
    try:
        if suffix == ".csv":
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(HEADERS)
                writer.writerows(row_values(r) for r in table.rows)
        else:
            from openpyxl import Workbook

            book = Workbook()
            sheet = book.active
            sheet.title = "各单位红黄绿灯"
            sheet.append([f"各单位督办情况（截至 {table.today}）"])
            sheet.append(list(HEADERS))
            for row in table.rows:
                sheet.append(row_values(row))
            sheet.freeze_panes = "B3"
            book.save(path)
    except OSError as exc:
        raise UserError("无法写入 {}：{}", path, exc.strerror or exc) from None


def unit_lights_from_path(
    path: str,
    today: date | None = None,
    window_days: int = st.DEFAULT_WINDOW_DAYS,
    snapshot: st.StatusSnapshot | None = None,
) -> UnitLights:
    """``unit_lights`` on a connection of its own (for a background job); a
    ``snapshot`` just computed (read only) saves a second status pass."""
    from desktop.models.store import Store

    store = Store.open(path)
    try:
        day = snapshot.today if snapshot is not None else (today or date.today())
        return unit_lights(store.db, day, window_days, snapshot=snapshot)
    finally:
        store.close()
