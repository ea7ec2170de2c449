"""CLI of comments, 领导批示 and attachments (issue 12): ``liandong comment add|list``,
``liandong instruction add|list``, ``liandong attach add|list|get``. See docs/cli.md."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.commands.support import english, out, paren, say, store_for
from desktop.commands.sync import sync_engine
from desktop.errors import UserError
from desktop.models import attachments as at
from desktop.models import coordination_queries as cq
from desktop.models import remarks as rm
from desktop.models.attachment_sync import fetch_one
from desktop.models.store import Store
from sync.apply import get_state


def _task(store: Store, args: argparse.Namespace) -> str:
    return cq.resolve_task(store.db, args.task, args.plan)


def cmd_comment_add(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args)
        if args.item is not None and args.report:
            raise UserError("--item 和 --report 只能选一个。")
        if args.report:
            node = ("report", cq.resolve_prefix(store.db, "report", args.report, "填报记录"))
            if (
                store.db.execute("SELECT task_id FROM report WHERE id = ?", [node[1]]).fetchone()[0]
                != task_id
            ):
                raise UserError("该填报记录不属于此任务。")
        elif args.item is not None:
            node = ("item", cq.resolve_item(store.db, task_id, args.item))
        else:
            node = ("task", task_id)
        reply = (
            cq.resolve_prefix(store.db, "comment", args.reply_to, "评论") if args.reply_to else None
        )
        comment_id = rm.add_comment(
            store, node[0], node[1], args.text, reply_to=reply, author=args.author or ""
        )
        out(say("已添加评论 {}。", cq.short_id(comment_id)))
    return 0


def cmd_comment_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args)
        rows = rm.task_comments(store.db, task_id)
        if not rows:
            out(say("（没有评论）"))
        for c in rows:
            indent = "  " * (c.depth + 1)
            reply = "↳ " if c.depth else ""
            author = c.author or say("（未署名）")
            colon = ": " if english() else "："
            out(f"{indent}{reply}[{cq.short_id(c.id)}] {c.created_at[:16].replace('T', ' ')}"
                f" {author}{paren(say(c.about))}{colon}{c.text}")  # fmt: skip
    return 0


def cmd_instruction_add(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args)
        unit_id = store.find_unit(args.assign) if args.assign else None
        rm.add_instruction(
            store, task_id, args.by, args.text, given_on=args.date, assign_unit=unit_id,
            due=args.due,
        )  # fmt: skip
        if unit_id:
            out(
                say(
                    "已登记{}的批示，已交办{}于 {} 前落实。", args.by.strip(), args.assign, args.due
                )
            )
        else:
            out(say("已登记{}的批示。", args.by.strip()))
    return 0


def cmd_instruction_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args) if args.task is not None else None
        rows = rm.instructions(store.db, task_id)
        if not rows:
            out(say("（没有领导批示）"))
        for s in rows:
            follow = say("  交办：{}，{}前", s["assigned_unit"], s["due"]) if s["item_id"] else ""
            out(say("{}  任务{} {}  {}批示：", s["given_on"], s["task_no"], s["task_title"],
                    s["leader"]) + s["text"] + follow
                + say("  （{}登记）", s["recorded_by"]))  # fmt: skip
    return 0


def cmd_attach_add(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args)
        attachment_id = at.add_attachment(store, task_id, args.file, note=args.note or "")
        out(say("已添加附件 {}：{}", cq.short_id(attachment_id), Path(args.file).name))
    return 0


def cmd_attach_list(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        task_id = _task(store, args) if args.task is not None else None
        rows = at.attachments(store.db, task_id)
        if not rows:
            out(say("（没有附件）"))
        for a in rows:
            local = "" if at.has_content(store, a) else say("  （本机无文件内容）")
            note = f"  {a['note']}" if a["note"] else ""
            out(say("[{}] 任务{} {}  {}  {} 字节  {} {}", cq.short_id(a["id"]), a["task_no"],
                    a["task_title"], a["name"], f"{a['size']:,}", a["added_by"],
                    a["added_at"][:10]) + note + local)  # fmt: skip
    return 0


def cmd_attach_get(args: argparse.Namespace) -> int:
    """Export an attachment; content this desktop lacks is downloaded first (when synced)."""
    with store_for(args, create=False) as store:
        attachment_id = cq.resolve_prefix(store.db, "attachment", args.id, "附件")
        record = store.db["attachment"].get(attachment_id)
        fetch = not at.has_content(store, record) and bool(get_state(store.db, "server_url"))
    if fetch:
        engine = sync_engine(args, None, None)
        try:
            fetch_one(engine, record)
            out(say("已从服务器下载附件内容：{}", record["name"]))
        finally:
            engine.close()
    with store_for(args, create=False) as store:
        path = at.read_attachment(store, attachment_id, args.output)
        out(say("已导出附件：{}", path))
    return 0


def _task_args(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--task", type=int, required=required, metavar="N", help="任务序号")
    p.add_argument("--plan", help="计划的发文字号或标题（载入多个计划时必填）")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("comment", help="评论：任务、事项、填报下的讨论（只增不改）")
    sub = group.add_subparsers(dest="comment_command", metavar="COMMAND", required=True)
    p = sub.add_parser("add", parents=[common], help="添加评论或回复")
    _task_args(p)
    p.add_argument("--item", type=int, metavar="K", help="评论第 K 个工作事项")
    p.add_argument("--report", metavar="ID", help="评论某条填报（编号前几位）")
    p.add_argument("--text", required=True, help="评论内容")
    p.add_argument("--reply-to", metavar="ID", help="回复某条评论（编号）")
    p.add_argument("--author", metavar="NAME", help="署名（默认当前账号）")
    p.set_defaults(func=cmd_comment_add)
    p = sub.add_parser("list", parents=[common], help="列出任务及其事项、填报下的评论")
    _task_args(p)
    p.set_defaults(func=cmd_comment_list)

    group = subparsers.add_parser("instruction", help="领导批示：登记批示，可交办落实事项")
    sub = group.add_subparsers(dest="instruction_command", metavar="COMMAND", required=True)
    p = sub.add_parser("add", parents=[common], help="登记领导批示")
    _task_args(p)
    p.add_argument("--by", required=True, metavar="NAME", help="批示领导")
    p.add_argument("--text", required=True, help="批示内容")
    p.add_argument("--date", help="批示日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--assign", metavar="UNIT", help="交办落实的责任单位（与 --due 同用）")
    p.add_argument("--due", metavar="DATE", help="落实时限 YYYY-MM-DD")
    p.set_defaults(func=cmd_instruction_add)
    p = sub.add_parser("list", parents=[common], help="列出领导批示")
    _task_args(p, required=False)
    p.set_defaults(func=cmd_instruction_list)

    group = subparsers.add_parser("attach", help="附件：任务的佐证材料（可选，单个不超过 20 MB）")
    sub = group.add_subparsers(dest="attach_command", metavar="COMMAND", required=True)
    p = sub.add_parser("add", parents=[common], help="给任务添加附件")
    _task_args(p)
    p.add_argument("file", metavar="FILE", help="文件")
    p.add_argument("--note", help="说明")
    p.set_defaults(func=cmd_attach_add)
    p = sub.add_parser("list", parents=[common], help="列出附件")
    _task_args(p, required=False)
    p.set_defaults(func=cmd_attach_list)
    p = sub.add_parser("get", parents=[common], help="导出附件文件")
    p.add_argument("id", metavar="ID", help="附件编号（前几位或后几位）")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="保存为")
    p.add_argument("--ca-bundle", metavar="FILE", help="自定义 CA 证书文件（从服务器下载内容时）")
    p.set_defaults(func=cmd_attach_get)
