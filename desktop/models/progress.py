"""Store actions: dated target values and append-only progress reports (进度填报).

Also the one rule for a target's state against its deadline (``target_state``):
the CLI, the task panel, the chart, the dashboard and ``status`` all use it.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from operator import gt
from typing import Any, ClassVar

from desktop.errors import Message, UserError
from desktop.models import coordination_queries as cq
from desktop.models import report_queries, target_queries
from desktop.models.coded_column import CodedColumn, extend_ints
from desktop.models.coordination_common import (
    AlreadyReported,
    NeedsConfirmation,
    Snapshot,
    _check_item,
    _check_unit,
    _now_after,
    _row,
    default_author,
    parse_date,
    parse_period,
)
from desktop.models.packed_strings import PackedIds, PackedStrings
from desktop.models.round_places import PlacedColumn
from desktop.models.store import Store, utc_now
from desktop.models.task_titles import same_ids

# -- target state against the deadline ------------------------------------------------

TARGET_MET = "met"
TARGET_MET_LATE = "met_late"
TARGET_MISSED = "missed"
TARGET_OPEN = "open"
TARGET_NO_VALUE = "no_value"
TARGET_STATES = (TARGET_MISSED, TARGET_OPEN, TARGET_NO_VALUE, TARGET_MET_LATE, TARGET_MET)
TARGET_STATE_LABELS = {
    TARGET_MET: "已达成",
    TARGET_MET_LATE: "逾期达成",
    TARGET_MISSED: "未达标",
    TARGET_OPEN: "进行中",
    TARGET_NO_VALUE: "尚无数值",
}
# Units of measure of counted things: a negative value is impossible.
COUNT_UNITS = frozenset("个家户座条人次项台套所处栋间辆架名件宗张只批")


def _deadline(target: dict[str, Any]) -> str | None:
    text = (target.get("deadline") or "").strip()
    try:
        return date.fromisoformat(text).isoformat() if text else None
    except ValueError:
        return None  # a free-text deadline cannot be judged


def target_state(
    target: dict[str, Any], history: list[dict[str, Any]], today: date | None = None
) -> str:
    """已达成 / 逾期达成 / 未达标 / 进行中 / 尚无数值 of a target on ``today``.

    ``history`` is its values oldest first (as ``target_progress`` gives them).
    The latest value decides whether the goal is met; it was met *late* when
    the run of values meeting it (up to the latest) began after the deadline.
    An unmet target whose deadline has passed is 未达标. A target without a
    numeric goal (or a free-text deadline) cannot be judged against it.
    """
    values = [(row["as_of"], row["value"]) for row in history]
    return target_state_of(target["comparator"], target.get("value"), target.get("deadline"), values,
                  (today or date.today()).isoformat())  # fmt: skip


def target_state_of(
    comparator: str,
    goal: float | None,
    deadline_text: str | None,
    values: list[tuple[str, float]],
    today_iso: str,
) -> str:
    """``target_state`` on plain values: [(as_of, value)] oldest first."""
    if goal is None:
        return TARGET_OPEN if values else TARGET_NO_VALUE
    deadline = _deadline({"deadline": deadline_text})
    meets = target_queries.meets_goal
    if values and meets(comparator, goal, values[-1][1]):
        since = values[-1][0]
        for as_of, value in reversed(values):
            if not meets(comparator, goal, value):
                break
            since = as_of
        return TARGET_MET_LATE if deadline and since > deadline else TARGET_MET
    if deadline and today_iso > deadline:
        return TARGET_MISSED
    return TARGET_OPEN if values else TARGET_NO_VALUE


def target_values(db: Any) -> dict[str, list[tuple[str, float]]]:
    """target id → its values [(as_of, value)] oldest first, in one query."""
    values: dict[str, list[tuple[str, float]]] = {}
    for target_id, as_of, value in db.execute(
        "SELECT target_id, as_of, value FROM target_value ORDER BY target_id, as_of, id"
    ):
        entry = values.get(target_id)
        if entry is None:
            values[target_id] = [(as_of, value)]
        else:
            entry.append((as_of, value))
    return values


# The targets' order as read (by plan, task number and position; the id orders a tie)
TARGET_READ_ORDER = "t.plan_id, t.no, g.position, g.id"
# Order of target states in the dashboard: the ones needing attention first.
TARGET_ORDER = {TARGET_MISSED: 0, TARGET_MET_LATE: 1, TARGET_OPEN: 2, TARGET_NO_VALUE: 3,
                TARGET_MET: 4}  # fmt: skip


@dataclass
class TargetTable:
    """``coordination_views.target_overview``'s targets as columns (``FIELDS``, one
    sequence each, in its order: ``CODED`` ones a ``CodedColumn``), without a dict per
    target: at 100k tasks ~30,000 targets, whose dicts were ~30 MB while the dashboard's
    second step built its rows from them."""

    FIELDS: ClassVar[tuple[str, ...]] = (
        "id", "task_id", "metric", "text", "uom", "deadline", "state", "latest",
    )  # fmt: skip
    columns: tuple[Sequence[Any] | CodedColumn, ...]

    def __len__(self) -> int:
        return len(self.columns[0])

    #: the columns of few distinct values, kept as codes (``CodedColumn``)
    CODED: ClassVar[tuple[str, ...]] = ("metric", "uom", "deadline", "state")

    def count(self, state: str) -> int:
        """How many targets are in ``state``."""
        states = self.columns[self.FIELDS.index("state")]
        assert isinstance(states, CodedColumn)
        if state not in states.values:
            return 0
        return states.codes.count(states.values.index(state))


def target_table(db: Any, today: date | None = None, task_ids: Iterable[str] = ()) -> TargetTable:
    """``target_overview``'s targets (the same order, ids, texts, states and latest
    values) as a ``TargetTable``, read row by row; each repeated metric, unit of
    measure, deadline and state one string, a task id the ``task_ids`` string (the
    window's titles) when it is one of them.

    The rows go into the columns as they are read, their ids and texts packed as they
    come (``PackedIds``, ``PackedStrings``), the repeated values as codes: no fresh id
    or text string is kept, and the window's titles find their own strings without a
    dict of every task id (``same_ids``; at 100k tasks the 30,000 targets' ids and
    texts and that dict were ~11 MB of the second step's peak). Each target's values
    come beside it, read in the same order: no dict of every target's goal or judged
    state (~8 MB of the second step's peak at 100k tasks). The table's order (the
    targets needing attention first, in query order within a state: ``TARGET_ORDER``)
    is a stable sort of the rows' places by their state's rank: the packed ids and texts
    are read through it (``PlacedColumn``), not packed again in that order (their copies and
    the columns of each state were ~2 MB of the step's peak at 100k tasks)."""
    from desktop.models.archive import active

    today_iso = (today or date.today()).isoformat()
    one_task = same_ids(task_ids)
    ids, texts = PackedIds(), PackedStrings()
    tasks: list[str] = []
    metrics, uoms, deadlines, states = (CodedColumn() for _ in range(4))
    latest: list[float | None] = []
    ranks = bytearray()
    # the targets and their values in the same order (``TARGET_READ_ORDER``), each
    # target's values oldest first; the two statements are active together, so they
    # read one state of the database. The tasks first (``CROSS JOIN``: by the index of
    # plan and number, then each task's targets and their values by index) so SQLite
    # sorts only each task's few rows, not every target or value at once (its sorter
    # was +2 MB at 100k tasks, beside the Python memory this read saves)
    targets = db.execute(
        "SELECT g.id, g.task_id, g.metric, g.text, g.uom, g.deadline, g.comparator, g.value"
        f" FROM task t CROSS JOIN target g ON g.task_id = t.id WHERE {active('t')}"
        f" ORDER BY {TARGET_READ_ORDER}"
    )
    values = db.execute(
        "SELECT g.id, v.as_of, v.value FROM task t CROSS JOIN target g ON g.task_id = t.id"
        f" CROSS JOIN target_value v ON v.target_id = g.id WHERE {active('t')}"
        f" ORDER BY {TARGET_READ_ORDER}, v.as_of, v.id"
    )
    pending = next(values, None)
    for target_id, task_id, metric, text, uom, deadline, comparator, goal in targets:
        history: list[tuple[str, float]] = []
        while pending is not None and pending[0] == target_id:
            history.append((pending[1], pending[2]))
            pending = next(values, None)
        state = target_state_of(comparator, goal, deadline, history, today_iso)
        ranks.append(TARGET_ORDER.get(state, 9))
        ids.append(target_id)
        tasks.append(one_task(task_id))
        metrics.append(metric)
        texts.append(text)
        uoms.append(uom)
        deadlines.append(deadline)
        states.append(state)
        latest.append(history[-1][1] if history else None)
    # the places in the table's order (a stable sort by rank, as target_overview's)
    order = array("i")
    if any(map(gt, ranks, islice(ranks, 1, None))):  # (not already in that order)
        extend_ints(order, sorted(range(len(ranks)), key=ranks.__getitem__))
    del ranks
    columns: list[Any] = [ids.column(), tasks, metrics, texts, uoms, deadlines, states, latest]
    if order:
        for n, column in enumerate(columns):
            if isinstance(column, CodedColumn):
                codes = map(column.codes.__getitem__, order)
                columns[n] = CodedColumn(map(column.values.__getitem__, codes))
            elif isinstance(column, list):
                columns[n] = list(map(column.__getitem__, order))
            else:
                columns[n] = PlacedColumn(column, order, {})
    return TargetTable(tuple(columns))


def target_states(
    db: Any, today: date | None = None, values: dict[str, list[tuple[str, float]]] | None = None
) -> dict[str, str]:
    """target id → ``target_state`` for every target of an active (not archived) task
    (two queries; ``values`` from ``target_values`` when the caller has them already)."""
    from desktop.models.archive import active

    values = target_values(db) if values is None else values
    today_iso = (today or date.today()).isoformat()
    return {
        target_id: target_state_of(comparator, goal, deadline, values.get(target_id, []), today_iso)
        for target_id, comparator, goal, deadline in db.execute(
            "SELECT g.id, g.comparator, g.value, g.deadline FROM target g"
            f" JOIN task t ON t.id = g.task_id WHERE {active('t')}"
        )
    }


# -- target values --------------------------------------------------------------


def _check_sign(target: dict[str, Any], number: float, confirmed: bool) -> None:
    """A negative value: refused for a count (个、家…), else confirmed first."""
    if number >= 0:
        return
    uom = (target["uom"] or "").strip()
    if uom in COUNT_UNITS:
        raise UserError("数值 {}{} 是负数：计数类目标的数值不能为负。", f"{number:g}", uom)
    if not confirmed:
        raise NeedsConfirmation("数值 {}{} 是负数，请确认是否无误。", f"{number:g}", uom)


def add_target_value(
    store: Store,
    target_id: str,
    value: float,
    as_of: str | date,
    *,
    unit_id: str | None = None,
    note: str = "",
    confirm_negative: bool = False,
) -> str:
    """Record a dated current value of a target (with its source unit).

    A value dated after today is refused (a current value cannot come from the
    future); a negative value is refused for a count (个、家…) and needs
    confirmation (``NeedsConfirmation``) otherwise.
    """
    target = _row(store, "target", target_id, "目标")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UserError("数值“{}”不是数字。", value) from None
    if not math.isfinite(number):
        raise UserError(f"数值不能是无穷大或非数字（{value}）。")
    as_of_iso = parse_date(as_of, "数据日期")
    if as_of_iso > date.today().isoformat():
        raise UserError(f"数据日期 {as_of_iso} 晚于今天：只能登记已经取得的数值。")
    _check_sign(target, number, confirm_negative)
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


# -- report figures feed targets (issue 12) -------------------------------------------


def figure_date(period: str, today: date | None = None) -> str:
    """The date a report's figures are values of: the period's last day, or today
    while the period is still running (a current value cannot come from the future)."""
    year, month = int(period[:4]), int(period[5:7])
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = date.fromordinal(nxt.toordinal() - 1)
    return min(last, today or date.today()).isoformat()


def _figure_values(tx: Any, report_id: str, report: dict[str, Any]) -> None:
    """Write a report's figures as dated target values with the report as their
    source (in the report's own action: one entry, two records)."""
    if report["figures"] in (None, "", "{}"):  # most reports: no figures to write
        return
    figures = json.loads(report["figures"])
    as_of = figure_date(report["period"])
    for target_id in sorted(figures):
        tx.insert(
            "target_value",
            {
                "target_id": target_id,
                "unit_id": report["unit_id"],
                "value": float(figures[target_id]),
                "as_of": as_of,
                "note": f"来自 {report['period']} 期进展报告",
                "report_id": report_id,
            },
        )


def _drop_figure_values(tx: Any, report_ids: list[str]) -> None:
    for report_id in report_ids:
        for (value_id,) in tx.db.execute(
            "SELECT id FROM target_value WHERE report_id = ? ORDER BY id", [report_id]
        ).fetchall():
            tx.delete("target_value", value_id)


def record_report_figures(tx: Any, report_id: str, report: dict[str, Any]) -> None:
    """In the action that inserted ``report``: its figures become dated target values
    with the report as their source; a correction's replace those of the reports it
    corrects. Every writer of reports calls this (dialogs, CLI, the Excel fill-in)."""
    if report.get("supersedes_id"):
        also = json.loads(report.get("also_supersedes") or "[]")
        _drop_figure_values(tx, [report["supersedes_id"], *also])
    _figure_values(tx, report_id, report)


# -- progress reports (append-only) -------------------------------------------------

# A period this far (in months) before the plan's date or after the later of
# today and the plan's last deadline is almost certainly a typo (2099-01).
PERIOD_SLACK_MONTHS = 12


def _months(text: str | None) -> int | None:
    """Months since year 0 of an ISO date or period (``2024-06…``), else None."""
    if not text or len(text) < 7 or not (text[:4].isdigit() and text[5:7].isdigit()):
        return None
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def _month_text(months: int) -> str:
    months = max(0, min(months, 9999 * 12 + 11))  # periods stay YYYY-MM
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def plan_period_span(store: Store, task_id: str) -> tuple[str | None, str]:
    """(first, last) reporting period that needs no confirmation for a task's plan:
    from the plan's date (less the slack) to the later of today and the plan's
    last target deadline or milestone due date, plus the slack."""
    plan_date, last = store.db.execute(
        "SELECT coalesce(p.written_date, p.published_date),"
        " (SELECT max(d) FROM (SELECT g.deadline AS d FROM target g JOIN task x"
        "   ON x.id = g.task_id WHERE x.plan_id = p.id"
        "   UNION ALL SELECT coalesce(m.current_due, m.due) FROM milestone m JOIN task y"
        "   ON y.id = m.task_id WHERE y.plan_id = p.id))"
        " FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?",
        [task_id],
    ).fetchone()
    today = _months(date.today().isoformat()) or 0
    end = max(today, _months(last) or today)
    start = _months(plan_date)
    first = None if start is None else _month_text(start - PERIOD_SLACK_MONTHS)
    return first, _month_text(end + PERIOD_SLACK_MONTHS)


def _check_period_span(store: Store, task_id: str, period: str) -> None:
    first, last = plan_period_span(store, task_id)
    if (first and period < first) or period > last:
        raise NeedsConfirmation(
            "填报期 {} 远在计划时间范围之外（通常在 {} 至 {} 之间），请确认是否无误。",
            period,
            first or "—",
            last,
        )


def _clean_report(
    store: Store,
    task_id: str,
    item_id: str | None,
    text: str,
    percent: float | None,
    figures: dict[str, float] | None,
) -> tuple[str, float | None, str]:
    targets = (
        {r["id"]: r for r in store.db.query("SELECT * FROM target WHERE task_id = ?", [task_id])}
        if figures
        else {}
    )
    return clean_report_values(text, percent, figures, targets)


def clean_report_values(
    text: str,
    percent: float | None,
    figures: dict[str, float] | None,
    targets: dict[str, dict],
) -> tuple[str, float | None, str]:
    """A report's text, percent and figures (as JSON) checked: ``targets`` are the
    task's targets by id (the figures must name them). ``UserError`` when invalid.
    The one rule for a report typed in the app and a row of a filled-in sheet."""
    text = (text or "").strip()
    if percent is not None:
        try:
            percent = float(percent)
        except (TypeError, ValueError):
            raise UserError("完成百分比“{}”不是数字。", percent) from None
        if not 0 <= percent <= 100:
            raise UserError("完成百分比应在 0 到 100 之间。")
    if not text and percent is None and not figures:
        raise UserError("填报内容为空：请至少填写进展说明、完成百分比或目标数值之一。")
    clean: dict[str, float] = {}
    for target_id, number in (figures or {}).items():
        if target_id not in targets:
            raise UserError("填报的目标不属于此任务。")
        try:
            clean[target_id] = float(number)
        except (TypeError, ValueError):
            raise UserError("目标数值“{}”不是数字。", number) from None
        if not math.isfinite(clean[target_id]):
            raise UserError(f"目标数值不能是无穷大或非数字（{number}）。")
        # a report's figure is a value of the target: the same rule for counts
        _check_sign(targets[target_id], clean[target_id], confirmed=True)
    if not clean:  # most reports (json.dumps builds an encoder per call: a sheet's rows add up)
        return text, percent, "{}"
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
        "SELECT 1 FROM item i CROSS JOIN assignment a ON a.item_id = i.id"  # items first
        " WHERE i.task_id = ? AND +a.unit_id = ? AND (? IS NULL OR i.id = ?) LIMIT 1",
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
    confirm_period: bool = False,
) -> str:
    """Append a progress report of ``unit_id`` on a task (or item) for a period.

    The unit must be assigned to the task (any role). ``figures`` maps target
    ids of the task to values. A period far outside the plan's span needs
    ``confirm_period``; a second report of the unit for the same task, item and
    period is refused with ``AlreadyReported`` (correct the first one instead).
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
    period = row["period"]
    if not confirm_period:
        _check_period_span(store, task_id, period)
    current = [
        r
        for r in report_queries.report_history(store.db, task_id, unit_id=unit_id, period=period)
        if r["current"] and r["item_id"] == item_id
    ]
    if current:
        short = cq.short_id(current[-1]["id"])
        raise AlreadyReported(
            Message(
                "该单位 {} 期已有填报 {}：如需修改请更正这条填报，不要重复登记。", period, short
            ),
            current[-1]["id"],
        )
    with store.action("add_report") as tx:
        report_id = tx.insert("report", row)
        record_report_figures(tx, report_id, row)
        return report_id


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
    current = report_queries.current_of(store.db, report_id)
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
        new_id = tx.insert("report", row)
        record_report_figures(tx, new_id, row)
        return new_id


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
    values = list(
        store.db.query("SELECT * FROM target_value WHERE report_id = ? ORDER BY id", [report_id])
    )
    with store.action("retract_report") as tx:
        _drop_figure_values(tx, [report_id])
        tx.delete("report", report_id)
    return {"report": [row], "target_value": values}
