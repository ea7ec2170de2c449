"""Store actions of the 督办 workflow (issue 12): the only code writing its tables.

签收 (``sign_in``), reporting cycles (``set_cycle``), 延期申请 → 审批
(``request_extension`` / ``decide_extension``), 申请办结 → 销号 / 退回
(``apply_signoff`` / ``decide_signoff``) and unit contacts (``set_contact``).

Each function is one user action (one ``Store.action`` transaction, logged for
sync). Every step is dated (UTC timestamp) and attributed (``default_author``:
the sync account, else the login name); steps are append-only rows, a decision is
a new row naming the request. Bad input raises ``UserError`` (Chinese) before
anything is written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.errors import Message, UserError
from desktop.models import duban_queries as dq
from desktop.models.coordination_common import _now_after, _row, default_author, parse_date
from desktop.models.coordination_queries import short_id
from desktop.models.ids import stable_id
from desktop.models.store import Store, utc_now
from sync import records
from sync.fields import phone_problem

CYCLES = records.CYCLES
CYCLE_LABELS = {
    "month": "每月",
    "week": "每周",
    "2weeks": "每两周",
    "quarter": "每季度",
    "once": "一次性",
}
WEEKDAYS = "一二三四五六日"


def _text(value: str | None, what: str, limit: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise UserError(f"请填写{what}。")
    if len(value) > limit:
        raise UserError(f"{what}过长（{len(value)} 字，最多 {limit} 字）。")
    return value


def _who(store: Store, by: str) -> str:
    return _text(by or default_author(store), "经办人", records.UNIT_NAME, required=False)


def _check_item_of(store: Store, task_id: str, item_id: str | None) -> None:
    if (
        item_id
        and not store.db.execute(
            "SELECT 1 FROM item WHERE id = ? AND task_id = ?", [item_id, task_id]
        ).fetchone()
    ):
        raise UserError("该工作事项不属于此任务。")


# -- 签收 ---------------------------------------------------------------------------------


def sign_in(
    store: Store, task_id: str, unit_id: str, *, item_id: str | None = None, signed_by: str = ""
) -> str:
    """A unit acknowledges a task (or one item of it); returns the 签收 id.

    The unit must be assigned to the task (to the item when given). Signing again
    after the task changed is allowed (a new dated row); signing twice with no
    change in between is refused."""
    _row(store, "task", task_id, "任务")
    _check_item_of(store, task_id, item_id)
    roles = dq.unit_roles(store.db, task_id, unit_id, item_id)
    label = dq.work_label(store.db, task_id, item_id)
    unit = dq.unit_name(store.db, unit_id)
    if not roles:
        raise UserError("{}未承担{}，无需签收。", unit, Message(label))
    last = dq.last_signin(store.db, task_id, item_id, unit_id)
    if last and not dq.changes_since(store.db, task_id, last):
        when = last["signed_at"][:16].replace("T", " ")
        raise UserError("{}已于 {} 签收{}。", unit, when, Message(label))
    signed_at = _now_after(last["signed_at"] if last else None)
    with store.action("sign_in") as tx:
        return tx.insert(
            "signin",
            {
                "task_id": task_id,
                "item_id": item_id,
                "unit_id": unit_id,
                "signed_at": signed_at,
                "signed_by": _who(store, signed_by),
            },
        )


# -- reporting cycles ------------------------------------------------------------------


def check_cycle(every: str, due_day: int | None, due_date: str | date | None) -> str | None:
    """Validate a cycle; returns the ISO ``due_date`` (one-off cycles only)."""
    if every not in CYCLES:
        raise UserError("报送周期“{}”无效，应为 {} 之一。", every, " / ".join(CYCLES))
    if every == "once":
        if due_day is not None:
            raise UserError("一次性报送请用报送期限（日期），不用报送日。")
        if not due_date:
            raise UserError("一次性报送须指定报送期限（YYYY-MM-DD）。")
        return parse_date(due_date, "报送期限")
    if due_date:
        raise UserError("只有一次性报送才有报送期限；周期报送请用报送日。")
    if due_day is not None:
        high = 7 if every in ("week", "2weeks") else 31
        if not 1 <= due_day <= high:
            what = "星期几（1–7）" if high == 7 else "每月的第几日（1–31）"
            raise UserError(f"报送日 {due_day} 无效：{CYCLE_LABELS[every]}报送的报送日应为{what}。")
    return None


def set_cycle(
    store: Store,
    task_id: str,
    every: str,
    *,
    due_day: int | None = None,
    due_date: str | date | None = None,
) -> str:
    """Set a task's reporting cycle (one record per task); returns its id."""
    _row(store, "task", task_id, "任务")
    due_iso = check_cycle(every, due_day, due_date)
    cycle_id = stable_id("report_cycle", task_id)
    fields: dict[str, Any] = {"every": every, "due_day": due_day, "due_date": due_iso}
    exists = store.db.execute("SELECT 1 FROM report_cycle WHERE id = ?", [cycle_id]).fetchone()
    with store.action("set_cycle") as tx:
        if exists:
            tx.update("report_cycle", cycle_id, fields)
        else:
            tx.insert("report_cycle", {"id": cycle_id, "task_id": task_id, **fields})
    return cycle_id


# -- 延期申请 → 审批 ----------------------------------------------------------------------


def request_extension(
    store: Store,
    milestone_id: str,
    unit_id: str,
    new_due: str | date,
    reason: str,
    *,
    requested_by: str = "",
    today: date | None = None,
) -> str:
    """A unit asks, before the due date, to move a milestone; returns the request id."""
    ms = _row(store, "milestone", milestone_id, "里程碑")
    reason = _text(reason, "延期理由", records.NOTE)
    new_iso = parse_date(new_due, "申请延至的日期")
    unit = dq.unit_name(store.db, unit_id)
    if ms["owner_unit_id"] != unit_id and not dq.unit_roles(store.db, ms["task_id"], unit_id):
        raise UserError("{}不是该里程碑的责任单位，也未承担其任务，不能申请延期。", unit)
    if ms["done_date"]:
        raise UserError("该里程碑已完成，不能申请延期。")
    current = ms["current_due"] or ms["due"]
    if not current:
        raise UserError("该里程碑尚未排期，没有可延期的截止日期。")
    today_iso = (today or date.today()).isoformat()
    if today_iso > current:
        raise UserError(
            f"截止日期 {current} 已过，不能再申请延期；请联系督办室（协调员可直接延期）。"
        )
    if new_iso <= current:
        raise UserError(f"申请延至的日期须晚于当前截止日期（{current}），{new_iso} 不是延期。")
    pending = dq.pending_extension(store.db, milestone_id)
    if pending:
        raise UserError(f"该里程碑已有待审批的延期申请（{short_id(pending)}），请等待审批结果。")
    with store.action("request_extension") as tx:
        return tx.insert(
            "extension_request",
            {
                "milestone_id": milestone_id,
                "unit_id": unit_id,
                "old_due": current,
                "new_due": new_iso,
                "reason": reason,
                "requested_at": utc_now(),
                "requested_by": _who(store, requested_by),
            },
        )


def decide_extension(
    store: Store, request_id: str, approve: bool, reason: str = "", *, decided_by: str = ""
) -> str:
    """The office approves (the due date moves; the original stays) or refuses
    (a reason is required) a pending request; returns the decision id."""
    req = _row(store, "extension_request", request_id, "延期申请")
    if dq.extension_decision(store.db, request_id):
        raise UserError("该延期申请已审批，不能重复审批。")
    reason = _text(reason, "不予批准的理由", records.NOTE, required=not approve)
    ms = _row(store, "milestone", req["milestone_id"], "里程碑")
    current = ms["current_due"] or ms["due"]
    if approve and ms["done_date"]:
        raise UserError("该里程碑已完成，无需延期；请不予批准。")
    if approve and current and req["new_due"] <= current:
        raise UserError(f"里程碑当前截止日期已是 {current}，不早于申请的 {req['new_due']}。")
    who = _who(store, decided_by)
    with store.action("approve_extension" if approve else "refuse_extension") as tx:
        extension_id = None
        if approve:
            last = store.db.execute(
                "SELECT max(recorded_at) FROM milestone_extension WHERE milestone_id = ?",
                [ms["id"]],
            ).fetchone()[0]
            extension_id = tx.insert(
                "milestone_extension",
                {
                    "milestone_id": ms["id"],
                    "old_due": current,
                    "new_due": req["new_due"],
                    "reason": f"批准{dq.unit_name(store.db, req['unit_id'])}的延期申请：{req['reason']}"[
                        : records.NOTE
                    ],
                    "recorded_at": _now_after(last),
                    "recorded_by": who,
                },
            )
            tx.update("milestone", ms["id"], {"current_due": req["new_due"]})
        return tx.insert(
            "extension_decision",
            {
                "request_id": request_id,
                "decision": "approved" if approve else "refused",
                "reason": reason,
                "extension_id": extension_id,
                "decided_at": utc_now(),
                "decided_by": who,
            },
        )


# -- 申请办结 → 销号 / 退回 ---------------------------------------------------------------


def apply_signoff(
    store: Store,
    task_id: str,
    unit_id: str,
    evidence: str,
    *,
    item_id: str | None = None,
    applied_by: str = "",
) -> str:
    """The lead unit (or the responsible unit where there is no lead) applies to
    close a task or item, with evidence text; returns the application id."""
    _row(store, "task", task_id, "任务")
    _check_item_of(store, task_id, item_id)
    evidence = _text(evidence, "办结说明（办理结果、佐证）", records.NOTE)
    label = dq.work_label(store.db, task_id, item_id)
    unit = dq.unit_name(store.db, unit_id)
    if unit_id not in dq.closing_units(store.db, task_id, item_id):
        raise UserError(
            "{}不是{}的牵头单位，不能申请办结（由牵头单位申请）。", unit, Message(label)
        )
    state = dq.signoff_state(store.db, task_id, item_id)
    if state == "pending":
        raise UserError("{}已有待审核的办结申请，请等待审核结果。", Message(label))
    if state == "approved":
        raise UserError("{}已销号，无需再申请办结。", Message(label))
    with store.action("apply_signoff") as tx:
        return tx.insert(
            "signoff",
            {
                "task_id": task_id,
                "item_id": item_id,
                "unit_id": unit_id,
                "evidence": evidence,
                "applied_at": utc_now(),
                "applied_by": _who(store, applied_by),
            },
        )


def decide_signoff(
    store: Store, signoff_id: str, approve: bool, reason: str = "", *, decided_by: str = ""
) -> str:
    """销号 (approve) or 退回 (return, with a reason) a pending application."""
    row = _row(store, "signoff", signoff_id, "办结申请")
    if dq.signoff_decision(store.db, signoff_id):
        raise UserError("该办结申请已审核，不能重复审核。")
    reason = _text(reason, "退回理由", records.NOTE, required=not approve)
    newer = store.db.execute(
        "SELECT 1 FROM signoff WHERE task_id = ? AND item_id IS ? AND applied_at > ?",
        [row["task_id"], row["item_id"], row["applied_at"]],
    ).fetchone()
    if newer:
        raise UserError("该办结申请之后已有新的申请，请审核最新的一份。")
    with store.action("approve_signoff" if approve else "return_signoff") as tx:
        return tx.insert(
            "signoff_decision",
            {
                "signoff_id": signoff_id,
                "decision": "approved" if approve else "returned",
                "reason": reason,
                "decided_at": utc_now(),
                "decided_by": _who(store, decided_by),
            },
        )


# -- unit contacts ---------------------------------------------------------------------


def check_phone(phone: str) -> str:
    """The phone number, stripped; the rule is the registry's (the server checks it too)."""
    phone = (phone or "").strip()
    if not phone:
        raise UserError("请填写联系电话。")
    problem = phone_problem(phone, records.PHONE)
    if problem:
        raise UserError(f"联系电话{problem}。")
    return phone


def set_contact(store: Store, unit_id: str, person: str, phone: str) -> str:
    """Set a unit's 联络员 and phone (one record per unit); returns its id."""
    _row(store, "unit", unit_id, "单位")
    person = _text(person, "联络员姓名", records.UNIT_NAME)
    phone = check_phone(phone)
    contact_id = stable_id("unit_contact", unit_id)
    exists = store.db.execute("SELECT 1 FROM unit_contact WHERE id = ?", [contact_id]).fetchone()
    with store.action("set_contact") as tx:
        if exists:
            tx.update("unit_contact", contact_id, {"person": person, "phone": phone})
        else:
            tx.insert(
                "unit_contact",
                {"id": contact_id, "unit_id": unit_id, "person": person, "phone": phone},
            )
    return contact_id
