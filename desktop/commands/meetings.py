"""CLI of meetings (调度会, issue 12): ``liandong meeting new|list|show|edit|delete|attendance|
item add|edit|remove|minutes|reminders``. The documents are written by ``desktop.briefing.api.generate``.
See docs/cli.md."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desktop.briefing.kinds import KIND_LABELS
from desktop.commands.support import (
    db_path,
    english,
    join,
    language,
    node_label,
    out,
    paren,
    say,
    store_for,
)
from desktop.errors import UserError
from desktop.models import coordination_queries as cq
from desktop.models import meeting_edits as me
from desktop.models import meetings as mt
from desktop.models import messages


def _names(values: list[str] | None) -> list[str] | None:
    """``--present 张三 --present 李四`` or ``--present 张三、李四`` → names (None: not given)."""
    if values is None:
        return None
    names: list[str] = []
    for value in values:
        names += mt.split_names(value)
    return names


def cmd_new(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        plan_id = cq.resolve_plan(store.db, args.plan) if args.plan else None
        meeting_id = mt.new_meeting(
            store, args.date, args.title, chair=args.chair or "", plan_id=plan_id,
            present=_names(args.present), absent=_names(args.absent),
            attending=_names(args.attending),
        )  # fmt: skip
        out(say("已登记会议 {}：{} {}", cq.short_id(meeting_id), args.date, args.title.strip()))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        rows = mt.meetings(store.db)
        if not rows:
            out(say("尚未登记会议。"))
        for row in rows:
            chair = say("  主持：{}", row["chair"]) if row["chair"] else ""
            out(f"{cq.short_id(row['id'])}  {row['date']}  {row['title']}{chair}"
                + say("  议定事项 {} 项", row["items"]))  # fmt: skip
    return 0


def _print_items(items: list[mt.MeetingItem], today: date) -> None:
    for i, item in enumerate(items):
        label = node_label(say(item.label))
        out(say("  {}. {} {}  责任单位：{}  时限：{}", i + 1, label, item.title, item.unit, item.due)
            + f"  {say(item.state(today))}")  # fmt: skip
        if item.report:
            out(say("     最新进展 {}", _report(item.report)))


def cmd_show(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        meeting_id = mt.resolve_meeting(store.db, args.meeting)
        meeting = mt.meeting(store.db, meeting_id)
        today = date.today()
        out(f"{meeting['date']} {meeting['title']}{paren(cq.short_id(meeting_id))}")
        if meeting["chair"]:
            out(say("主持：{}", meeting["chair"]))
        colon = ": " if english() else "："
        for column, label in mt.NAME_LISTS.items():
            if meeting[column]:
                heading = say(label)
                out(f"{heading[:1].upper()}{heading[1:]}{colon}{join(meeting[column])}")
        previous, before = mt.previous_items(store.db, meeting_id)
        if previous is not None:
            out(say("一、上次会议（{} {}）议定事项落实情况：", previous["date"], previous["title"]))
            if before:
                _print_items(before, today)
            else:
                out(say("  （上次会议没有议定事项）"))
        items = mt.meeting_items(store.db, meeting_id)
        out(say("二、本次会议议定事项：") if previous is not None else say("本次会议议定事项："))
        if items:
            _print_items(items, today)
        else:
            out(say("  （尚无）"))
    return 0


def cmd_attendance(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        meeting_id = mt.resolve_meeting(store.db, args.meeting)
        changed = me.edit_meeting(
            store, meeting_id, chair=args.chair, present=_names(args.present),
            absent=_names(args.absent), attending=_names(args.attending),
        )  # fmt: skip
        out(say("已更新出席情况。") if changed else say("没有要修改的内容。"))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        meeting_id = mt.resolve_meeting(store.db, args.meeting)
        changed = me.edit_meeting(
            store, meeting_id, meeting_date=args.date, title=args.title, chair=args.chair,
            present=_names(args.present), absent=_names(args.absent),
            attending=_names(args.attending), note=args.note,
        )  # fmt: skip
        meeting = mt.meeting(store.db, meeting_id)
        out(say("已修改会议 {}：{} {}", cq.short_id(meeting_id), meeting["date"], meeting["title"])
            if changed else say("没有要修改的内容。"))  # fmt: skip
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        meeting_id = mt.resolve_meeting(store.db, args.meeting)
        removal = me.delete_meeting(store, meeting_id, tasks=args.tasks)
        meeting = removal.meeting
        out(say("已删除会议 {} {} 及其 {} 项议定事项。", meeting["date"], meeting["title"],
                len(removal.items)))  # fmt: skip
        if removal.removed:
            numbers = join(node_label(f"任务{no}") for no in _task_numbers(store, removal.removed))
            out(say("已归档交办任务 {} 项：{}", len(removal.removed), numbers))
        for task in removal.kept:
            references = join(say(ref) for ref in task.references)  # 填报 2 条
            why = say("（仍有{}）", references) if task.references else ""
            out(say("保留交办任务：{}", node_label(task.label)) + why)
    return 0


def _task_numbers(store, removed) -> list[int]:  # noqa: ANN001
    ids = [r.task_id for r in removed]
    marks = ",".join("?" * len(ids))
    return [r[0] for r in store.db.execute(f"SELECT no FROM task WHERE id IN ({marks})"
                                           " ORDER BY no", ids)]  # fmt: skip


def _report(text: str) -> str:
    """The latest report of an item (2026-05：推进中（完成 40%）): its frame in the command
    line's language, the report's own text as written."""
    if not english():
        return text
    period, _colon, rest = text.partition("：")
    if rest.startswith("（无文字说明）"):
        rest = say("（无文字说明）") + rest[len("（无文字说明）") :]
    if rest.endswith("%）") and "（完成 " in rest:
        body, _open, percent = rest.rpartition("（完成 ")
        rest = body + say("（完成 {}%）", percent.removesuffix("%）"))
    return f"{period}: {rest}"


def _item(store, args: argparse.Namespace) -> tuple[str, mt.MeetingItem]:  # noqa: ANN001
    """(meeting id, its item number ``args.number``)."""
    meeting_id = mt.resolve_meeting(store.db, args.meeting)
    items = mt.meeting_items(store.db, meeting_id)
    if not 1 <= args.number <= len(items):
        raise UserError(f"该会议有 {len(items)} 项议定事项，没有第 {args.number} 项。")
    return meeting_id, items[args.number - 1]


def cmd_item_edit(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        meeting_id, item = _item(store, args)
        unit_id = store.find_unit(args.unit) if args.unit else None
        changed = me.edit_meeting_item(store, item.id, title=args.title, unit_id=unit_id,
                                       due=args.due)  # fmt: skip
        if not changed:
            out(say("没有要修改的内容。"))
            return 0
        now = next(i for i in mt.meeting_items(store.db, meeting_id) if i.id == item.id)
        label = node_label(say(now.label))
        follows = say("，交办的{}已同步修改", label) if now.task_no is not None else ""
        out(say("已修改议定事项 {}：{}（{}，{}前）", args.number, now.title, now.unit, now.due)
            + follows)  # fmt: skip
    return 0


def cmd_item_add(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        meeting_id = mt.resolve_meeting(store.db, args.meeting)
        unit_id = store.find_unit(args.unit)
        item_id = mt.add_meeting_item(store, meeting_id, args.title, unit_id, args.due)
        item = next(i for i in mt.meeting_items(store.db, meeting_id) if i.id == item_id)
        out(say("已登记议定事项 {}：{}（{}，{}前），已交办为{}", item.position + 1, item.title,
                item.unit, item.due, node_label(say(item.label))))  # fmt: skip
    return 0


def cmd_item_remove(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        _meeting_id, item = _item(store, args)
        me.remove_meeting_item(store, item.id, args.reason or "")
        label = node_label(say(item.label))
        out(say("已撤回议定事项“{}”，交办的{}已撤销（归档保留）。", item.title, label))
    return 0


def cmd_document(args: argparse.Namespace) -> int:
    from desktop.briefing.api import BriefingOptions, generate  # (ReportLab: here only)

    with store_for(args, create=False) as store:
        meeting_id = mt.resolve_meeting(store.db, args.meeting)
        units = getattr(args, "unit", None)
        if units:  # names or aliases → the names the 提醒函 are grouped by
            names = dict(store.db.execute("SELECT id, name FROM unit").fetchall())
            units = [names[store.find_unit(u)] for u in units]
    options = BriefingOptions(
        meeting_id=meeting_id, issuer=args.issuer or "", confidentiality=args.confidential or "",
        number=getattr(args, "number", None) or "", masthead=getattr(args, "masthead", None) or "",
        unit_names=units, font_path=args.font or "",
    )  # fmt: skip
    output = Path(args.output)
    fmt = "docx" if output.suffix.lower() == ".docx" else "pdf"
    result = generate(db_path(args), args.kind, options, output, fmt)
    count = say("，共 {} 份", result.documents) if result.documents > 1 else ""
    pages = say("，{} 页", result.pages) if result.pages else ""
    out(say("已生成{}：{}", say(KIND_LABELS[args.kind]), result.path) + count + pages)
    for warning in result.warnings:
        print(say("警告：{}", messages.localize(warning, language())), file=sys.stderr)
    return 0


def _attendance_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--chair", metavar="NAME", help="主持人")
    for flag, label in (("--present", "出席"), ("--absent", "请假"), ("--attending", "列席")):
        p.add_argument(
            flag, action="append", metavar="NAMES", help=f"{label}人员（可多次，或用顿号分隔）"
        )


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("meeting", help="调度会：议定事项交办、会议纪要、工作提醒函")
    sub = group.add_subparsers(dest="meeting_command", metavar="COMMAND", required=True)

    p = sub.add_parser("new", parents=[common], help="登记一次会议")
    p.add_argument("--date", required=True, help="会议日期 YYYY-MM-DD")
    p.add_argument("--title", required=True, help="会议名称，如“第十次调度会”")
    p.add_argument("--plan", help="交办任务所在计划（默认“调度会议定事项”，不存在时新建）")
    _attendance_options(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("list", parents=[common], help="列出会议")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[common], help="会议详情：上次议定事项进展和本次议定事项")
    p.add_argument("meeting", metavar="MEETING", help="会议编号（前几位）或日期")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("attendance", parents=[common], help="修改主持人和出席/请假/列席名单")
    p.add_argument("meeting", metavar="MEETING", help="会议编号（前几位）或日期")
    _attendance_options(p)
    p.set_defaults(func=cmd_attendance)

    p = sub.add_parser(
        "edit", parents=[common], help="修改会议：日期、名称、主持人、出席名单、备注"
    )
    p.add_argument("meeting", metavar="MEETING", help="会议编号（前几位）或日期")
    p.add_argument("--date", help="会议日期 YYYY-MM-DD")
    p.add_argument("--title", help="会议名称")
    p.add_argument("--note", help="备注")
    _attendance_options(p)
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("delete", parents=[common], help="删除会议及其议定事项")
    p.add_argument("meeting", metavar="MEETING", help="会议编号（前几位）或日期")
    p.add_argument(
        "--tasks", choices=me.TASK_CHOICES,
        help="已交办的任务：keep 保留；archive 归档（仍被填报等记录引用的任务保留）",
    )  # fmt: skip
    p.set_defaults(func=cmd_delete)

    item = sub.add_parser("item", help="议定事项")
    item_sub = item.add_subparsers(dest="item_command", metavar="COMMAND", required=True)
    p = item_sub.add_parser("add", parents=[common], help="登记议定事项并交办为任务")
    p.add_argument("meeting", metavar="MEETING", help="会议编号（前几位）或日期")
    p.add_argument("--title", required=True, help="事项")
    p.add_argument("--unit", required=True, help="责任单位（名称或别名）")
    p.add_argument("--due", required=True, help="完成时限 YYYY-MM-DD")
    p.set_defaults(func=cmd_item_add)
    p = item_sub.add_parser("edit", parents=[common], help="修改议定事项（交办任务随之修改）")
    p.add_argument("meeting", metavar="MEETING", help="会议编号（前几位）或日期")
    p.add_argument("number", type=int, metavar="N", help="第几项（meeting show 中的序号）")
    p.add_argument("--title", help="事项")
    p.add_argument("--unit", help="责任单位（名称或别名）")
    p.add_argument("--due", help="完成时限 YYYY-MM-DD")
    p.set_defaults(func=cmd_item_edit)
    p = item_sub.add_parser("remove", parents=[common], help="撤回议定事项（交办任务归档保留）")
    p.add_argument("meeting", metavar="MEETING", help="会议编号（前几位）或日期")
    p.add_argument("number", type=int, metavar="N", help="第几项（meeting show 中的序号）")
    p.add_argument("--reason", help="撤回原因（记入交办任务的调整记录）")
    p.set_defaults(func=cmd_item_remove)

    for name, kind, helptext in (
        ("minutes", "minutes", "会议纪要（GB/T 9704 纪要格式，PDF 或 .docx）"),
        ("reminders", "reminder", "工作提醒函（每个责任单位一份，PDF 或 .docx）"),
    ):
        p = sub.add_parser(name, parents=[common], help=helptext, description=helptext)
        p.add_argument("meeting", metavar="MEETING", help="会议编号（前几位）或日期")
        p.add_argument(
            "-o", "--output", required=True, metavar="FILE", help="输出文件 .pdf 或 .docx"
        )
        p.add_argument("--issuer", help="发文单位（如“市政府督查室”）")
        p.add_argument("--confidential", metavar="TEXT", help="左上角密级标识")
        p.add_argument("--font", metavar="FILE", help="使用指定的 TrueType 字体文件")
        if kind == "minutes":
            p.add_argument("--number", metavar="TEXT", help="期号，如“第10期”")
            p.add_argument("--masthead", metavar="NAME", help="纪要名称（默认“会议名称＋纪要”）")
        else:
            p.add_argument("--unit", action="append", metavar="NAME", help="只给这些单位（可多次）")
        p.set_defaults(func=cmd_document, kind=kind)
