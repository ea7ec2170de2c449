"""Store actions of the coordination feature: the only code writing its tables.

Each public function is one user action (one ``Store.action`` transaction,
every write logged in ``change_log``). Bad input raises ``UserError`` with a
Chinese message before anything is written.

Undo support (for the GUI's QUndoStack; each undo is itself a new action):

==========================  =================================================
action                      inverse
==========================  =================================================
``add_milestone`` → id      ``delete_milestone(id)``
``update_milestone`` → old  ``update_milestone(id, **old)``
``mark_milestone_done`` →   ``mark_milestone_done(id, old)`` (``None`` reopens)
old done date
``extend_milestone`` → id   ``remove_extension(id)``
``delete_*`` / ``remove_*``  ``restore(snapshot)``: re-creates the same ids
→ snapshot
``add_target_value`` → id   ``delete_target_value(id)``
``add_report`` /            ``retract_report(id)`` (only while the server has
``correct_report`` → id     not acknowledged it; afterwards: a new correction)
``add_dependency`` → id     ``remove_dependency(id)``
==========================  =================================================

A *snapshot* is ``{table: [row, ...]}`` with complete rows.
"""

from __future__ import annotations

import getpass
import json
import re
from collections import deque
from datetime import date, datetime, timedelta
from typing import Any

from desktop.errors import NotFound, UserError
from desktop.models import coordination_queries as cq
from desktop.models.ids import stable_id
from desktop.models.store import Store, Tx, utc_now

Snapshot = dict[str, list[dict[str, Any]]]
NodeKey = tuple[str, str]
NODE_KINDS = ("task", "item", "milestone")
# Restore order: parents before children.
TABLE_ORDER = ("milestone", "milestone_extension", "target_value", "report", "dependency")
MILESTONE_FIELDS = ("title", "due", "owner_unit_id", "note", "item_id", "position")


class NeedsConfirmation(UserError):
    """Valid but unusual input: ask the user, then retry with confirmation."""


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")


def parse_date(text: str | date | None, what: str = "日期") -> str:
    """``2024-06-30`` / ``2024/6/30`` / ``2024年6月30日`` → ``2024-06-30``."""
    if isinstance(text, date):
        return text.isoformat()
    match = _DATE.match(text or "")
    try:
        if not match:
            raise ValueError
        return date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        raise UserError(f"{what}“{text or ''}”不是有效日期，请写成 YYYY-MM-DD。") from None


def parse_period(text: str) -> str:
    """``2024-06`` / ``2024年6月`` → ``2024-06``."""
    match = _PERIOD.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise UserError(f"填报期“{text}”无效，请写成 YYYY-MM（如 2024-06）。")
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


def _now_after(last: str | None) -> str:
    """The current UTC timestamp, made strictly later than ``last``."""
    now = utc_now()
    if last and now <= last:
        bumped = datetime.fromisoformat(last) + timedelta(milliseconds=1)
        now = bumped.isoformat(timespec="milliseconds")
    return now


def default_author(store: Store) -> str:
    """Who is editing: the sync account if logged in, else the OS login name."""
    row = store.db.execute("SELECT value FROM sync_state WHERE key = 'username'").fetchone()
    if row and row[0]:
        return str(row[0])
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some systems
        return ""


def _row(store: Store, table: str, record_id: str, noun: str) -> dict[str, Any]:
    row = next(store.db.query(f"SELECT * FROM [{table}] WHERE id = ?", [record_id]), None)
    if row is None:
        raise NotFound(f"{noun}不存在。")
    return row


def _check_unit(store: Store, unit_id: str | None) -> None:
    if unit_id and not store.db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone():
        raise NotFound("单位不存在。")


def _check_item(store: Store, task_id: str, item_id: str | None) -> None:
    if (
        item_id
        and not store.db.execute(
            "SELECT 1 FROM item WHERE id = ? AND task_id = ?", [item_id, task_id]
        ).fetchone()
    ):
        raise NotFound("该工作事项不属于此任务。")


def _check_plan_date(store: Store, task_id: str, due: str | None, confirmed: bool) -> None:
    if not due or confirmed:
        return
    plan_date = store.db.execute(
        "SELECT coalesce(p.written_date, p.published_date) FROM task t"
        " JOIN plan p ON p.id = t.plan_id WHERE t.id = ?",
        [task_id],
    ).fetchone()[0]
    if plan_date and due < plan_date:
        raise NeedsConfirmation(f"截止日期 {due} 早于计划成文日期 {plan_date}，请确认是否无误。")


# -- milestones -------------------------------------------------------------------


def add_milestone(
    store: Store,
    task_id: str,
    title: str,
    due: str | date | None,
    *,
    item_id: str | None = None,
    owner_unit_id: str | None = None,
    note: str = "",
    confirm_before_plan_date: bool = False,
) -> str:
    """Add a milestone to a task (or one of its items); returns its id.

    ``UserError`` on an empty title or a bad date; ``NeedsConfirmation`` when
    the due date is before the plan's written date and not confirmed.
    """
    title = (title or "").strip()
    if not title:
        raise UserError("里程碑名称不能为空。")
    due_iso = parse_date(due, "截止日期") if due else None
    _row(store, "task", task_id, "任务")
    _check_item(store, task_id, item_id)
    _check_unit(store, owner_unit_id)
    _check_plan_date(store, task_id, due_iso, confirm_before_plan_date)
    position = store.db.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM milestone WHERE task_id = ?", [task_id]
    ).fetchone()[0]
    with store.action("add_milestone") as tx:
        return tx.insert(
            "milestone",
            {
                "task_id": task_id,
                "item_id": item_id,
                "title": title,
                "due": due_iso,
                "owner_unit_id": owner_unit_id,
                "done_date": None,
                "note": note or "",
                "position": position,
            },
        )


def update_milestone(
    store: Store, milestone_id: str, *, confirm_before_plan_date: bool = False, **fields: Any
) -> dict[str, Any]:
    """Change ``title``/``due``/``owner_unit_id``/``note``/``item_id``/``position``.

    Returns the previous values of the fields that changed (the undo). The
    due date of an extended milestone is changed with ``extend_milestone``.
    """
    unknown = set(fields) - set(MILESTONE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    row = _row(store, "milestone", milestone_id, "里程碑")
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise UserError("里程碑名称不能为空。")
    if "due" in fields:
        fields["due"] = parse_date(fields["due"], "截止日期") if fields["due"] else None
        if fields["due"] != row["due"]:
            if store.db.execute(
                "SELECT 1 FROM milestone_extension WHERE milestone_id = ?", [milestone_id]
            ).fetchone():
                raise UserError("该里程碑已有延期记录，请用“延期”修改日期（原定日期保留）。")
            _check_plan_date(store, row["task_id"], fields["due"], confirm_before_plan_date)
    if "item_id" in fields:
        _check_item(store, row["task_id"], fields["item_id"])
    if "owner_unit_id" in fields:
        _check_unit(store, fields["owner_unit_id"])
    with store.action("update_milestone") as tx:
        changed = tx.update("milestone", milestone_id, fields)
    return {name: row[name] for name in changed}


def mark_milestone_done(
    store: Store, milestone_id: str, done_date: str | date | None
) -> str | None:
    """Set (or with ``None`` clear) the done date; returns the previous one."""
    row = _row(store, "milestone", milestone_id, "里程碑")
    value = parse_date(done_date, "完成日期") if done_date else None
    with store.action("mark_milestone_done" if value else "reopen_milestone") as tx:
        tx.update("milestone", milestone_id, {"done_date": value})
    return row["done_date"]


def effective_due(store: Store, milestone_id: str) -> str | None:
    """``current_due`` (set by extensions), else the planned ``due``."""
    row = _row(store, "milestone", milestone_id, "里程碑")
    return row["current_due"] or row["due"]


def extend_milestone(
    store: Store, milestone_id: str, new_due: str | date, reason: str, *, recorded_by: str = ""
) -> str:
    """Record a deadline extension (延期); the original due date is kept.

    The same action sets ``milestone.current_due``: two desktops extending the
    same milestone concurrently then edit the same field, which the sync
    server records as a conflict (no desktop clock picks the winner).
    """
    recorded_by = recorded_by or default_author(store)
    row = _row(store, "milestone", milestone_id, "里程碑")
    new_iso = parse_date(new_due, "新的截止日期")
    reason = (reason or "").strip()
    if not reason:
        raise UserError("请填写延期原因。")
    if row["done_date"]:
        raise UserError("该里程碑已完成，不能延期。")
    old = row["current_due"] or row["due"]
    if old == new_iso:
        raise UserError(f"新的截止日期与当前截止日期相同（{old}）。")
    # recorded_at is history only (when, by this desktop's clock); it decides nothing
    recorded_at = _now_after(
        store.db.execute(
            "SELECT max(recorded_at) FROM milestone_extension WHERE milestone_id = ?",
            [milestone_id],
        ).fetchone()[0]
    )
    with store.action("extend_milestone") as tx:
        ext_id = tx.insert(
            "milestone_extension",
            {
                "milestone_id": milestone_id,
                "old_due": old,
                "new_due": new_iso,
                "reason": reason,
                "recorded_at": recorded_at,
                "recorded_by": recorded_by,
            },
        )
        tx.update("milestone", milestone_id, {"current_due": new_iso})
        return ext_id


def remove_extension(store: Store, extension_id: str) -> Snapshot:
    """Undo an extension; returns the snapshot to restore it.

    When the milestone's current due date is this extension's, it goes back to
    the extension's ``old_due`` (or to unextended when no extension is left).
    """
    row = _row(store, "milestone_extension", extension_id, "延期记录")
    ms = _row(store, "milestone", row["milestone_id"], "里程碑")
    others = store.db.execute(
        "SELECT count(*) FROM milestone_extension WHERE milestone_id = ? AND id != ?",
        [row["milestone_id"], extension_id],
    ).fetchone()[0]
    with store.action("remove_extension") as tx:
        tx.delete("milestone_extension", extension_id)
        if not others:
            tx.update("milestone", ms["id"], {"current_due": None})
        elif (ms["current_due"] or ms["due"]) == row["new_due"]:
            back = None if row["old_due"] == ms["due"] else row["old_due"]
            tx.update("milestone", ms["id"], {"current_due": back})
    return {"milestone_extension": [row]}


def delete_milestone(store: Store, milestone_id: str) -> Snapshot:
    """Delete a milestone with its extensions and dependencies; returns the snapshot."""
    snapshot: Snapshot = {"milestone": [_row(store, "milestone", milestone_id, "里程碑")]}
    snapshot["milestone_extension"] = list(
        store.db.query("SELECT * FROM milestone_extension WHERE milestone_id = ?", [milestone_id])
    )
    snapshot["dependency"] = list(
        store.db.query(
            "SELECT * FROM dependency WHERE (pred_kind = 'milestone' AND pred_id = ?)"
            " OR (succ_kind = 'milestone' AND succ_id = ?)",
            [milestone_id, milestone_id],
        )
    )
    with store.action("delete_milestone") as tx:
        for table in ("dependency", "milestone_extension"):
            for row in snapshot[table]:
                tx.delete(table, row["id"])
        tx.delete("milestone", milestone_id)
    return snapshot


def restore(store: Store, snapshot: Snapshot, action: str = "restore") -> None:
    """Re-create deleted rows with their ids (the undo of a delete)."""
    with store.action(action) as tx:
        insert_snapshot(tx, snapshot)


def insert_snapshot(tx: Tx, snapshot: Snapshot) -> None:
    restored_ms = {row["id"] for row in snapshot.get("milestone") or []}
    for table in TABLE_ORDER:
        rows = snapshot.get(table) or []
        if table == "report":
            rows = _parents_first(rows)
        tx.insert_many(table, [dict(row) for row in rows])
    # Undo of remove_extension: the extension's date becomes current again when
    # the milestone still stands where the extension started from.
    for ext in snapshot.get("milestone_extension") or []:
        if ext["milestone_id"] in restored_ms:
            continue  # the restored milestone row carries its current_due
        current = tx.db.execute(
            "SELECT coalesce(current_due, due) FROM milestone WHERE id = ?", [ext["milestone_id"]]
        ).fetchone()
        if current is not None and current[0] == ext["old_due"]:
            tx.update("milestone", ext["milestone_id"], {"current_due": ext["new_due"]})


def _parents_first(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = {r["id"] for r in reports}
    done: set[str] = set()
    ordered: list[dict[str, Any]] = []
    pending = sorted(reports, key=lambda r: (r["created_at"], r["id"]))
    while pending:
        rest = []
        for row in pending:
            parent = row.get("supersedes_id")
            if parent and parent in ids and parent not in done:
                rest.append(row)
            else:
                ordered.append(row)
                done.add(row["id"])
        if len(rest) == len(pending):  # a loop in bad data: keep the rows anyway
            ordered.extend(rest)
            break
        pending = rest
    return ordered


def delete_for_plan(tx: Tx, plan_id: str) -> None:
    """Delete (logged) every coordination row of a plan; for ``Store.delete_plan``."""
    db = tx.db
    task_ids = [r[0] for r in db.execute("SELECT id FROM task WHERE plan_id = ?", [plan_id])]
    for task_id in task_ids:
        ms_ids = [r[0] for r in db.execute("SELECT id FROM milestone WHERE task_id = ?", [task_id])]
        item_ids = [r[0] for r in db.execute("SELECT id FROM item WHERE task_id = ?", [task_id])]
        nodes = [("task", task_id)] + [("item", i) for i in item_ids]
        nodes += [("milestone", m) for m in ms_ids]
        for kind, rid in nodes:
            for (dep_id,) in db.execute(
                "SELECT id FROM dependency WHERE (pred_kind = ? AND pred_id = ?)"
                " OR (succ_kind = ? AND succ_id = ?)",
                [kind, rid, kind, rid],
            ).fetchall():
                tx.delete("dependency", dep_id)
        for ms_id in ms_ids:
            for (ext_id,) in db.execute(
                "SELECT id FROM milestone_extension WHERE milestone_id = ?", [ms_id]
            ).fetchall():
                tx.delete("milestone_extension", ext_id)
            tx.delete("milestone", ms_id)
        for (value_id,) in db.execute(
            "SELECT v.id FROM target_value v JOIN target g ON g.id = v.target_id"
            " WHERE g.task_id = ?",
            [task_id],
        ).fetchall():
            tx.delete("target_value", value_id)
        for (report_id,) in db.execute(
            "SELECT id FROM report WHERE task_id = ? ORDER BY created_at DESC", [task_id]
        ).fetchall():
            tx.delete("report", report_id)


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
    return text, percent, json.dumps(clean, ensure_ascii=False, sort_keys=True)


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
    with store.action("add_report") as tx:
        return tx.insert(
            "report",
            {
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
            },
        )


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
    with store.action("correct_report") as tx:
        return tx.insert(
            "report",
            {
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
            },
        )


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


# -- dependencies -----------------------------------------------------------------


def _node_exists(store: Store, key: NodeKey) -> bool:
    kind, rid = key
    if kind not in NODE_KINDS:
        raise ValueError(f"bad node kind {kind}")
    return bool(store.db.execute(f"SELECT 1 FROM [{kind}] WHERE id = ?", [rid]).fetchone())


def _containers(store: Store, key: NodeKey) -> list[NodeKey]:
    kind, rid = key
    if kind == "milestone":
        row = store.db.execute(
            "SELECT task_id, item_id FROM milestone WHERE id = ?", [rid]
        ).fetchone()
        return [("task", row[0])] + ([("item", row[1])] if row[1] else [])
    if kind == "item":
        return [
            ("task", store.db.execute("SELECT task_id FROM item WHERE id = ?", [rid]).fetchone()[0])
        ]
    return []


def _event(key: NodeKey, end: str) -> tuple[str, str, str]:
    """A task/item has a start ("s") and a finish ("f"); a milestone is one point."""
    return (*key, "p" if key[0] == "milestone" else end)


def _find_path(store: Store, start: NodeKey, goal: NodeKey) -> list[NodeKey] | None:
    """Nodes on a path from ``start``'s start to ``goal``'s finish, if any.

    The event graph: dependency = finish(pred) → start(succ); a task/item
    starts before it finishes; a task starts before its items and milestones
    and finishes after them.
    """
    edges: dict[tuple, list[tuple]] = {}

    def link(a: tuple, b: tuple) -> None:
        edges.setdefault(a, []).append(b)

    for pk, pid, sk, sid in store.db.execute(
        "SELECT pred_kind, pred_id, succ_kind, succ_id FROM dependency"
    ):
        link(_event((pk, pid), "f"), _event((sk, sid), "s"))
    for item_id, task_id in store.db.execute("SELECT id, task_id FROM item"):
        link(("task", task_id, "s"), ("item", item_id, "s"))
        link(("item", item_id, "f"), ("task", task_id, "f"))
        link(("item", item_id, "s"), ("item", item_id, "f"))
    for (task_id,) in store.db.execute("SELECT id FROM task"):
        link(("task", task_id, "s"), ("task", task_id, "f"))
    for ms_id, task_id, item_id in store.db.execute("SELECT id, task_id, item_id FROM milestone"):
        parent = ("item", item_id) if item_id else ("task", task_id)
        link((*parent, "s"), ("milestone", ms_id, "p"))
        link(("milestone", ms_id, "p"), (*parent, "f"))
    first, last = _event(start, "s"), _event(goal, "f")
    parent_of: dict[tuple, tuple | None] = {first: None}
    queue = deque([first])
    while queue:
        event = queue.popleft()
        if event == last:
            path: list[NodeKey] = []
            cursor: tuple | None = event
            while cursor is not None:
                node = (cursor[0], cursor[1])
                if not path or path[-1] != node:
                    path.append(node)
                cursor = parent_of[cursor]
            return path[::-1]
        for nxt in edges.get(event, ()):
            if nxt not in parent_of:
                parent_of[nxt] = event
                queue.append(nxt)
    return None


def add_dependency(store: Store, pred: NodeKey, succ: NodeKey, lag_days: int = 0) -> str:
    """Finish-to-start: ``succ`` starts after ``pred`` finishes plus ``lag_days``.

    A dependency that would close a cycle is refused, naming the cycle.
    """
    for key in (pred, succ):
        if not _node_exists(store, key):
            raise NotFound("依赖的前置或后续事项不存在。")
    try:
        lag = int(lag_days or 0)
    except (TypeError, ValueError):
        raise UserError(f"间隔天数“{lag_days}”不是整数。") from None
    if pred == succ:
        raise UserError("不能让一项工作依赖它自己。")
    if pred in _containers(store, succ) or succ in _containers(store, pred):
        raise UserError("任务与它自己的事项或里程碑之间不能建立依赖。")
    dep_id = stable_id("dependency", *pred, *succ)
    if store.db.execute("SELECT 1 FROM dependency WHERE id = ?", [dep_id]).fetchone():
        raise UserError("该依赖已存在。")
    path = _find_path(store, succ, pred)
    if path is not None:
        names = cq.node_labels(store.db, [*path, succ])
        raise UserError("依赖形成循环：" + " → ".join(names))
    with store.action("add_dependency") as tx:
        return tx.insert(
            "dependency",
            {
                "id": dep_id,
                "pred_kind": pred[0],
                "pred_id": pred[1],
                "succ_kind": succ[0],
                "succ_id": succ[1],
                "lag_days": lag,
            },
        )


def remove_dependency(store: Store, dependency_id: str) -> Snapshot:
    row = _row(store, "dependency", dependency_id, "依赖")
    with store.action("remove_dependency") as tx:
        tx.delete("dependency", dependency_id)
    return {"dependency": [row]}
