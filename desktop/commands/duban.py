"""CLI of the 督办 workflow: ``signin``, ``cycle``, ``extension``, ``signoff``,
``unit contact`` and the all-units table (``status --by-unit``). See docs/cli.md."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop.commands.support import english, join, node_label, out, paren, say, store_for
from desktop.models import coordination as co
from desktop.models import coordination_queries as cq
from desktop.models import duban as du
from desktop.models import duban_queries as dq
from desktop.models import messages, unit_lights
from desktop.models.store import Store


def _task_item(store: Store, args: argparse.Namespace) -> tuple[str, str | None]:
    task_id = cq.resolve_task(store.db, args.task, args.plan)
    item_id = cq.resolve_item(store.db, task_id, args.item) if args.item else None
    return task_id, item_id


def _today(text: str | None) -> date:
    return date.fromisoformat(co.parse_date(text, "--today")) if text else date.today()


def _stamp(text: str | None) -> str:
    return (text or "")[:16].replace("T", " ")


# -- 签收 ------------------------------------------------------------------------------


def cmd_signin(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id, item_id = _task_item(store, args)
        unit_id = store.find_unit(args.unit)
        previous = dq.last_signin(store.db, task_id, item_id, unit_id)
        du.sign_in(store, task_id, unit_id, item_id=item_id)
        label = dq.work_label(store.db, task_id, item_id)
        out(say("{}已签收{}。", dq.unit_name(store.db, unit_id), node_label(label)))
        since = previous["signed_at"] if previous else None
        changes = dq.changes_since(store.db, task_id, previous)
        if changes:
            if since:
                out(say("自上次签收（{}）以来的变化（{}）：", _stamp(since), len(changes)))
            else:
                out(say("本机记录的变更（{}）：", len(changes)))
            for change in changes[-20:]:
                out(f"  {_stamp(change['at']) or say('其他终端')}  {say(change['what'])}")
        elif since:
            out(say("自上次签收（{}）以来本机没有记录到变化。", _stamp(since)))
        return 0


# -- cycles ------------------------------------------------------------------------------


def cmd_cycle_set(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id = cq.resolve_task(store.db, args.task, args.plan)
        du.set_cycle(store, task_id, args.every, due_day=args.due_day, due_date=args.due)
        every, day, due = dq.cycles(store.db)[task_id]
        label = node_label(dq.work_label(store.db, task_id))
        out(say("{}的报送周期：{}。", label, say(dq.cycle_text(every, day, due), nested=True)))
        return 0


def cmd_cycle_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        rows = dq.cycles(store.db)
        for task_id, (every, day, due) in sorted(
            rows.items(), key=lambda kv: dq.work_label(store.db, kv[0])
        ):
            label = node_label(dq.work_label(store.db, task_id))
            colon = ": " if english() else "："
            out(f"  {label}{colon}{say(dq.cycle_text(every, day, due), nested=True)}")
        out(say("共 {} 项任务设有报送周期；其余任务每月报送（月末前）。", len(rows)))
        return 0


# -- 延期申请 ---------------------------------------------------------------------------


def cmd_extension_request(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        ms_id = cq.resolve_prefix(store.db, "milestone", args.milestone, "里程碑")
        unit_id = store.find_unit(args.unit)
        req_id = du.request_extension(
            store, ms_id, unit_id, args.due, args.reason, today=_today(args.today)
        )
        out(say("已提交延期申请 {}（申请延至 {}），待督办室审批。", cq.short_id(req_id),
                co.parse_date(args.due)))  # fmt: skip
        return 0


def _decide_extension(args: argparse.Namespace, approve: bool) -> int:
    with store_for(args) as store:
        req_id = cq.resolve_prefix(store.db, "extension_request", args.id, "延期申请")
        du.decide_extension(store, req_id, approve, args.reason or "")
        row = next(r for r in dq.extension_requests(store.db) if r["id"] == req_id)
        if approve:
            out(say("已批准延期申请 {}：里程碑“{}”截止日期改为 {}（原定 {} 保留）。",
                    cq.short_id(req_id), row["milestone_title"], row["new_due"],
                    row["original_due"]))  # fmt: skip
        else:
            out(
                say("已不予批准延期申请 {}，截止日期仍为 {}。", cq.short_id(req_id), row["old_due"])
            )
        return 0


def cmd_extension_approve(args: argparse.Namespace) -> int:
    return _decide_extension(args, True)


def cmd_extension_refuse(args: argparse.Namespace) -> int:
    return _decide_extension(args, False)


def cmd_extension_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        rows = dq.extension_requests(store.db, pending=args.pending)
        for r in rows:
            state = say(dq.EXTENSION_STATE_LABELS[r["state"]])
            out(say("{}  {}  里程碑“{}”  {} → {}  {}  申请于 {}（{}）  [{}]  理由：{}",
                    cq.short_id(r["id"]), node_label(r["label"]), r["milestone_title"],
                    r["old_due"], r["new_due"], r["unit_name"] or "",
                    _stamp(r["requested_at"]), r["requested_by"], state, r["reason"]))  # fmt: skip
            if r["decision"]:
                note = say("，意见：{}", r["decision_reason"]) if r["decision_reason"] else ""
                out(_decided(state, r) + note)
        if not rows:
            out(say("（没有待审批的延期申请）") if args.pending else say("（没有延期申请）"))
        return 0


# -- 办结 / 销号 --------------------------------------------------------------------------


def cmd_signoff_apply(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        task_id, item_id = _task_item(store, args)
        unit_id = store.find_unit(args.unit)
        signoff_id = du.apply_signoff(store, task_id, unit_id, args.evidence, item_id=item_id)
        label = node_label(dq.work_label(store.db, task_id, item_id))
        out(say("已提交{}的办结申请 {}，待督办室审核销号。", label, cq.short_id(signoff_id)))
        return 0


def _decide_signoff(args: argparse.Namespace, approve: bool) -> int:
    with store_for(args) as store:
        signoff_id = cq.resolve_prefix(store.db, "signoff", args.id, "办结申请")
        du.decide_signoff(store, signoff_id, approve, args.reason or "")
        row = next(r for r in dq.signoffs(store.db) if r["id"] == signoff_id)
        if approve:
            label = node_label(row["label"])
            out(say("{}已销号（办结申请 {} 审核通过）。", label, cq.short_id(signoff_id)))
        else:
            label = node_label(row["label"])
            out(say("已退回{}的办结申请 {}：{}", label, cq.short_id(signoff_id), args.reason))
        return 0


def cmd_signoff_approve(args: argparse.Namespace) -> int:
    return _decide_signoff(args, True)


def cmd_signoff_return(args: argparse.Namespace) -> int:
    return _decide_signoff(args, False)


def cmd_signoff_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        rows = dq.signoffs(store.db, pending=args.pending)
        for r in rows:
            state = say(dq.SIGNOFF_STATE_LABELS[r["state"]])
            out(say("{}  {}  {}  申请于 {}（{}）  [{}]  办结说明：{}", cq.short_id(r["id"]),
                    node_label(r["label"]), r["unit_name"] or "", _stamp(r["applied_at"]),
                    r["applied_by"], state, r["evidence"]))  # fmt: skip
            if r["decision"]:
                note = say("，理由：{}", r["decision_reason"]) if r["decision_reason"] else ""
                out(_decided(state, r) + note)
        if not rows:
            out(say("（没有待审核的办结申请）") if args.pending else say("（没有办结申请）"))
        return 0


def _decided(state: str, row: dict[str, Any]) -> str:
    """The decision line under an extension request or a 办结 application."""
    return say("          {}于 {}（{}）", state, _stamp(row["decided_at"]), row["decided_by"])


# -- unit contacts -----------------------------------------------------------------------


def cmd_unit_contact(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        unit_id = store.find_unit(args.name)
        du.set_contact(store, unit_id, args.person, args.phone)
        person, phone = dq.contacts(store.db)[unit_id]
        out(say("{}的联络员：{}，电话 {}。", dq.unit_name(store.db, unit_id), person, phone))
        return 0


# -- 催报 by cycle -----------------------------------------------------------------------


def _window_label(window: dq.Window) -> str:
    """A reporting window's label (2026-11 / 2026年第4季度 / …) in the command line's language."""
    return messages.window_label(window.label, messages.ENGLISH_LANG if english() else None)


def _window_note(entry: dq.RoundEntry) -> str:
    """（2026-11，11-30前，11-28报）: an entry's reporting window and when it was reported."""
    window = entry.window
    if entry.reported_on:
        return say("（{}，{}前，{}报）", _window_label(window), window.due, entry.reported_on)
    return say("（{}，{}前）", _window_label(window), window.due)


def _contact(contact: tuple[str, str] | None) -> str:
    """（联络员 王五 0431-…） after a unit's name (the person and the phone are data)."""
    return say("（联络员 {} {}）", *contact) if contact else ""


def print_round(store: Store, today: date, plan_id: str | None, *, by_task: bool) -> None:
    """``remind`` without ``--period``: each task's current cycle window as of ``today``."""
    round_ = dq.report_round(store.db, today, plan_id)
    contacts = dq.contacts(store.db)
    due = [e for e in round_.entries if e.state != "open"]
    out(say("截至 {}：已到报送期限 {} 项，按时报送 {} 项，迟报 {} 项，未报 {} 项；未到期 {} 项。",
            today, len(due), round_.count("on_time"), round_.count("late"),
            round_.count("missing"), round_.count("open")))  # fmt: skip
    colon = ": " if english() else "："
    for state in ("missing", "late"):
        entries = [e for e in round_.entries if e.state == state]
        if not entries:
            continue
        heading = say(dq.ROUND_LABELS[state])
        out(f"{heading[:1].upper()}{heading[1:]}{paren(str(len(entries)))}{colon.strip()}")
        if by_task:
            tasks: dict[str, list[dq.RoundEntry]] = {}
            for e in entries:
                tasks.setdefault(e.label, []).append(e)
            for label, group in tasks.items():
                window = say("（{}，{}前）", _window_label(group[0].window), group[0].window.due)
                out(f"  {node_label(label)}{window}{colon}" + join(
                    e.unit_name + _contact(contacts.get(e.unit_id)) for e in group))  # fmt: skip
            continue
        for unit_id, group in round_.by_unit(state).items():
            parts = [node_label(e.label) + _window_note(e) for e in group]
            out(f"  {group[0].unit_name}{_contact(contacts.get(unit_id))}{colon}"
                + join(parts))  # fmt: skip
    unsigned = dq.unsigned(store.db, plan_id)
    if unsigned:
        out(say("未签收（{}）：", len(unsigned)))
        per_unit: dict[str, list[dict]] = {}
        for e in unsigned:
            per_unit.setdefault(e["unit_id"], []).append(e)
        for unit_id, group in per_unit.items():
            out(f"  {group[0]['unit_name']}{_contact(contacts.get(unit_id))}{colon}"
                + join(node_label(e["label"]) for e in group))  # fmt: skip


# -- all units at a glance ---------------------------------------------------------------


def print_by_unit(store: Store, today: date, window: int, output: str | None) -> None:
    table = unit_lights.unit_lights(store.db, today, window)
    if output:
        unit_lights.export(table, output)
        out(say("已导出 {} 个单位的红黄绿灯表：{}", len(table.rows), output))
        return
    out(say("截至 {} 各单位情况（{} 个单位；红 逾期未办结 · 黄 未达序时 · 蓝 临近时限 · 绿 正常）：",
            today, len(table.rows)))  # fmt: skip
    out("  " + "  ".join(say(heading) for heading in unit_lights.HEADERS))
    for row in table.rows:
        values = unit_lights.row_values(row)
        values[1] = say(str(values[1]))  # the light: 红 / red
        out("  " + "  ".join(str(v) for v in values))


# -- registration -------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def sub(
        group: argparse._SubParsersAction, name: str, help_: str, func
    ) -> argparse.ArgumentParser:  # noqa: ANN001,E501
        p = group.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    def task_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--task", type=int, required=True, metavar="N", help="任务序号")
        p.add_argument("--item", type=int, metavar="K", help="多事项任务中的第 K 个事项")
        p.add_argument("--plan", help="计划的发文字号或标题（载入多个计划时必填）")

    p = subparsers.add_parser("signin", parents=[common], help="签收：单位确认收到交办的任务")
    p.set_defaults(func=cmd_signin)
    task_args(p)
    p.add_argument("--unit", required=True, help="签收单位（名称或别名）")

    cy = subparsers.add_parser("cycle", help="任务的报送周期（默认每月）")
    cy_sub = cy.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(cy_sub, "set", "设置任务的报送周期", cmd_cycle_set)
    p.add_argument("--task", type=int, required=True, metavar="N", help="任务序号")
    p.add_argument("--plan", help="计划的发文字号或标题（载入多个计划时必填）")
    p.add_argument("--every", required=True, choices=du.CYCLES, help="周期：月/周/两周/季度/一次性")
    p.add_argument("--due-day", type=int, metavar="D",
                   help="报送日：每月/每季末月第 D 日前；每周/两周为星期 D（1–7）前")  # fmt: skip
    p.add_argument("--due", help="一次性报送的期限 YYYY-MM-DD")
    sub(cy_sub, "list", "列出设有报送周期的任务", cmd_cycle_list)

    ex = subparsers.add_parser("extension", help="延期申请与审批")
    ex_sub = ex.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(ex_sub, "request", "单位在截止日期前申请延期", cmd_extension_request)
    p.add_argument("--milestone", required=True, metavar="ID", help="里程碑编号（或其前缀）")
    p.add_argument("--due", required=True, help="申请延至 YYYY-MM-DD")
    p.add_argument("--reason", required=True, help="延期理由")
    p.add_argument("--unit", required=True, help="申请单位（名称或别名）")
    p.add_argument("--today", help=argparse.SUPPRESS)
    p = sub(ex_sub, "approve", "批准延期申请（截止日期改变，原定日期保留）", cmd_extension_approve)
    p.add_argument("id", help="延期申请编号（或其前缀）")
    p.add_argument("--reason", help="审批意见")
    p = sub(ex_sub, "refuse", "不予批准延期申请（须说明理由）", cmd_extension_refuse)
    p.add_argument("id", help="延期申请编号（或其前缀）")
    p.add_argument("--reason", help="不予批准的理由（必填）")
    p = sub(ex_sub, "list", "列出延期申请及审批结果", cmd_extension_list)
    p.add_argument("--pending", action="store_true", help="只列待审批的")

    so = subparsers.add_parser("signoff", help="申请办结与审核销号")
    so_sub = so.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(so_sub, "apply", "牵头单位申请办结（附办结说明）", cmd_signoff_apply)
    task_args(p)
    p.add_argument("--unit", required=True, help="申请单位（牵头单位）")
    p.add_argument("--evidence", required=True, help="办结说明：办理结果与佐证")
    p = sub(so_sub, "approve", "审核通过，销号", cmd_signoff_approve)
    p.add_argument("id", help="办结申请编号（或其前缀）")
    p.add_argument("--reason", help="审核意见")
    p = sub(so_sub, "return", "退回办结申请（须说明理由）", cmd_signoff_return)
    p.add_argument("id", help="办结申请编号（或其前缀）")
    p.add_argument("--reason", help="退回理由（必填）")
    p = sub(so_sub, "list", "列出办结申请及审核结果", cmd_signoff_list)
    p.add_argument("--pending", action="store_true", help="只列待审核的")
