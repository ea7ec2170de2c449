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

from datetime import date
from typing import Any

from desktop.errors import UserError
from desktop.models.coordination_common import (  # noqa: F401 - re-exported  # noqa: F401 - private helpers
    MILESTONE_FIELDS,
    NODE_KINDS,
    TABLE_ORDER,
    AlreadyReported,
    NeedsConfirmation,
    NodeKey,
    Snapshot,
    _check_item,
    _check_plan_date,
    _check_unit,
    _now_after,
    _row,
    default_author,
    parse_date,
    parse_period,
)
from desktop.models.store import Store, Tx

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


def check_done_date(
    store: Store, task_id: str, done_date: str | date, confirm_before_plan_date: bool = False
) -> str:
    """The ISO done date of a milestone of ``task_id``: never after today; before
    the plan's date only when confirmed (``NeedsConfirmation``), as for ``add``."""
    value = parse_date(done_date, "完成日期")
    if value > date.today().isoformat():
        raise UserError(f"完成日期 {value} 晚于今天：不能预先标记完成。")
    _check_plan_date(store, task_id, value, confirm_before_plan_date, "完成日期")
    return value


def mark_milestone_done(
    store: Store,
    milestone_id: str,
    done_date: str | date | None,
    *,
    confirm_before_plan_date: bool = False,
) -> str | None:
    """Set (or with ``None`` clear) the done date; returns the previous one.

    See ``check_done_date`` for the dates refused or needing confirmation.
    """
    row = _row(store, "milestone", milestone_id, "里程碑")
    value = (
        check_done_date(store, row["task_id"], done_date, confirm_before_plan_date)
        if done_date
        else None
    )
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
    if not old:
        raise UserError("该里程碑尚未排期，没有可延期的截止日期：请直接设置截止日期。")
    if new_iso <= old:
        raise UserError(f"延期后的截止日期须晚于当前截止日期（{old}），{new_iso} 不是延期。")
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


def insert_snapshot(tx: Tx, snapshot: Snapshot, restored: set[str] | None = None) -> None:
    """Insert the rows of ``snapshot`` (parents first). ``restored``: ids of milestones
    restored by earlier calls of the same action (an import, table by table)."""
    restored_ms = {row["id"] for row in snapshot.get("milestone") or []} | (restored or set())
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


# The other coordination actions live in focused modules; ``coordination`` is
# the one import for callers (the CLI, the undo stack, the exchange).
from desktop.models.dependencies import (  # noqa: E402, F401
    MAX_LAG_DAYS,
    MIN_LAG_DAYS,
    add_dependency,
    remove_dependency,
)
from desktop.models.progress import (  # noqa: E402, F401
    TARGET_STATE_LABELS,
    TARGET_STATES,
    add_report,
    add_target_value,
    correct_report,
    delete_target_value,
    retract_report,
    target_state,
    target_states,
)
