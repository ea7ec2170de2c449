"""Store actions: dated target values and append-only progress reports (进度填报)."""

from __future__ import annotations

import json
import math
from datetime import date

from desktop.errors import UserError
from desktop.models import coordination_queries as cq
from desktop.models.coordination_common import (
    Snapshot,
    _check_item,
    _check_unit,
    _now_after,
    _row,
    default_author,
    parse_date,
    parse_period,
)
from desktop.models.store import Store, utc_now

# -- target values --------------------------------------------------------------


def add_target_value(
    store: Store,
    target_id: str,
    value: float,
    as_of: str | date,
    *,
    unit_id: str | None = None,
    note: str = "",
) -> str:
    """Record a dated current value of a target (with its source unit)."""
    _row(store, "target", target_id, "目标")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UserError(f"数值“{value}”不是数字。") from None
    as_of_iso = parse_date(as_of, "数据日期")
    _check_unit(store, unit_id)
    with store.action("add_target_value") as tx:
        return tx.insert(
            "target_value",
            {
                "target_id": target_id,
                "unit_id": unit_id,
                "value": number,
                "as_of": as_of_iso,
                "note": note or "",
            },
        )


def delete_target_value(store: Store, value_id: str) -> Snapshot:
    row = _row(store, "target_value", value_id, "目标数值")
    with store.action("delete_target_value") as tx:
        tx.delete("target_value", value_id)
    return {"target_value": [row]}


# -- progress reports (append-only) -------------------------------------------------


def _clean_report(
    store: Store,
    task_id: str,
    item_id: str | None,
    text: str,
    percent: float | None,
    figures: dict[str, float] | None,
) -> tuple[str, float | None, str]:
    text = (text or "").strip()
    if percent is not None:
        try:
            percent = float(percent)
        except (TypeError, ValueError):
            raise UserError(f"完成百分比“{percent}”不是数字。") from None
        if not 0 <= percent <= 100:
            raise UserError("完成百分比应在 0 到 100 之间。")
    if not text and percent is None and not figures:
        raise UserError("填报内容为空：请至少填写进展说明、完成百分比或目标数值之一。")
    clean: dict[str, float] = {}
    targets = {r[0] for r in store.db.execute("SELECT id FROM target WHERE task_id = ?", [task_id])}
    for target_id, number in (figures or {}).items():
        if target_id not in targets:
            raise UserError("填报的目标不属于此任务。")
        try:
            clean[target_id] = float(number)
        except (TypeError, ValueError):
            raise UserError(f"目标数值“{number}”不是数字。") from None
        if not math.isfinite(clean[target_id]):
            raise UserError(f"目标数值不能是无穷大或非数字（{number}）。")
    # allow_nan=False: the JSON text must stay valid JSON for export and sync.
    return text, percent, json.dumps(clean, ensure_ascii=False, sort_keys=True, allow_nan=False)


def new_report_row(
    store: Store,
    task_id: str,
    unit_id: str,
    *,
    period: str,
    text: str = "",
    percent: float | None = None,
    figures: dict[str, float] | None = None,
    item_id: str | None = None,
    author: str = "",
) -> dict:
    """The checked row ``add_report`` inserts (nothing written; ``UserError`` when invalid).

    Batch writers (the Excel fill-in import) check every row first, then
    insert them all in one action."""
    _row(store, "task", task_id, "任务")
    _check_item(store, task_id, item_id)
    _check_unit(store, unit_id)
    period = parse_period(period)
    assigned = store.db.execute(
        "SELECT 1 FROM assignment a JOIN item i ON i.id = a.item_id"
        " WHERE i.task_id = ? AND a.unit_id = ? AND (? IS NULL OR i.id = ?) LIMIT 1",
        [task_id, unit_id, item_id, item_id],
    ).fetchone()
    if not assigned:
        raise UserError("该单位不在此任务（事项）的分工中，不能为其填报。")
    text, percent, figures_json = _clean_report(store, task_id, item_id, text, percent, figures)
    return {
        "task_id": task_id,
        "item_id": item_id,
        "unit_id": unit_id,
        "period": period,
        "text": text,
        "percent": percent,
        "figures": figures_json,
        "author": author or default_author(store),
        "created_at": utc_now(),
        "supersedes_id": None,
    }


def add_report(
    store: Store,
    task_id: str,
    unit_id: str,
    *,
    period: str,
    text: str = "",
    percent: float | None = None,
    figures: dict[str, float] | None = None,
    item_id: str | None = None,
    author: str = "",
) -> str:
    """Append a progress report of ``unit_id`` on a task (or item) for a period.

    The unit must be assigned to the task (any role). ``figures`` maps target
    ids of the task to values.
    """
    row = new_report_row(
        store,
        task_id,
        unit_id,
        period=period,
        text=text,
        percent=percent,
        figures=figures,
        item_id=item_id,
        author=author,
    )
    with store.action("add_report") as tx:
        return tx.insert("report", row)


def correction_row(
    store: Store,
    report_id: str,
    *,
    text: str | None = None,
    percent: float | None = None,
    figures: dict[str, float] | None = None,
    author: str = "",
) -> dict:
    """The checked row ``correct_report`` inserts (nothing written)."""
    old = _row(store, "report", report_id, "填报记录")
    current = cq.current_of(store.db, report_id)
    ids = [r["id"] for r in current]
    if report_id not in ids:
        names = "、".join(cq.short_id(i) for i in ids) or "（无）"
        raise UserError(f"该填报已被更正过，现行的是 {names}；请更正现行的那条。")
    # Closing a fork: the correction supersedes every current report of the
    # unit and period, not only the one it starts from.
    also = sorted(i for i in ids if i != report_id)
    last = max([old["created_at"], *(r["created_at"] for r in current)])
    text = old["text"] if text is None else text
    percent = old["percent"] if percent is None else percent
    figures = json.loads(old["figures"] or "{}") if figures is None else figures
    text, percent, figures_json = _clean_report(
        store, old["task_id"], old["item_id"], text, percent, figures
    )
    return {
        "task_id": old["task_id"],
        "item_id": old["item_id"],
        "unit_id": old["unit_id"],
        "period": old["period"],
        "text": text,
        "percent": percent,
        "figures": figures_json,
        "author": author or default_author(store) or old["author"],
        "created_at": _now_after(last),
        "supersedes_id": report_id,
        "also_supersedes": json.dumps(also),
    }


def correct_report(
    store: Store,
    report_id: str,
    *,
    text: str | None = None,
    percent: float | None = None,
    figures: dict[str, float] | None = None,
    author: str = "",
) -> str:
    """A correction: a new report superseding ``report_id`` (which stays as is).

    Fields left ``None`` are carried over from the corrected report. When the
    unit has several current reports for the period (a fork: concurrent
    corrections), the new one supersedes all of them (``also_supersedes``).
    Correcting a report that is already superseded is refused, naming the
    current one.
    """
    row = correction_row(
        store, report_id, text=text, percent=percent, figures=figures, author=author
    )
    with store.action("correct_report") as tx:
        return tx.insert("report", row)


def retract_report(store: Store, report_id: str) -> Snapshot:
    """Undo a just-added report, only while no server has acknowledged it."""
    row = _row(store, "report", report_id, "填报记录")
    acked = store.db.execute(
        "SELECT 1 FROM change_log WHERE tbl = 'report' AND record_id = ? AND acked_seq IS NOT NULL",
        [report_id],
    ).fetchone()
    if (
        acked
        or store.db.execute(
            "SELECT 1 FROM report WHERE supersedes_id = ? OR also_supersedes LIKE '%' || ? || '%'",
            [report_id, report_id],
        ).fetchone()
    ):
        raise UserError("该填报已同步或已被更正，不能撤销；如有错误请提交更正。")
    with store.action("retract_report") as tx:
        tx.delete("report", report_id)
    return {"report": [row]}
