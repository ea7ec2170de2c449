"""CLI: Excel ledgers — ``ledger export``, ``ledger fill-sheet``, ``ledger import``
(one or many sheets, or folders of them: one transaction)."""

from __future__ import annotations

import argparse
from datetime import date

from desktop.commands.support import language, out, say, store_for
from desktop.ledger.export import BY_CHOICES, export_ledger
from desktop.ledger.fill_batch import import_fill_sheets, sheet_paths
from desktop.ledger.fill_sheet import write_fill_sheet
from desktop.models import coordination_queries as cq
from desktop.models import messages
from desktop.models.coordination_common import parse_period


def cmd_export(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        plan_ids = [cq.resolve_plan(store.db, args.plan)] if args.plan else None
        counts = export_ledger(store.db, args.output, by=args.by, plan_ids=plan_ids)
    sheets, rows = counts["sheets"], counts["rows"]
    if args.by == "section":
        out(say("已导出台账到 {}：按章节分 {} 个工作表，共 {} 行。", args.output, sheets, rows))
    else:
        out(say("已导出台账到 {}：按单位分 {} 个工作表，共 {} 行。", args.output, sheets, rows))
    return 0


def cmd_fill_sheet(args: argparse.Namespace) -> int:
    period = parse_period(args.period or date.today().strftime("%Y-%m"))
    with store_for(args, create=False) as store:
        unit_id = store.find_unit(args.unit)
        plan_ids = [cq.resolve_plan(store.db, args.plan)] if args.plan else None
        counts = write_fill_sheet(store.db, unit_id, period, args.output, plan_ids=plan_ids)
    out(say("已生成 {} {} 填报表 {}：事项 {} 项，目标 {} 个。", args.unit, period, args.output,
            counts["items"], counts["targets"]))  # fmt: skip
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    paths = sheet_paths(args.files)  # checked before the database is opened
    with store_for(args, create=False) as store:
        unit_id = store.find_unit(args.unit) if args.unit else None
        result = import_fill_sheets(store, paths, expect_unit_id=unit_id, expect_period=args.period)
    out(messages.localize(result.message, language()))
    return 0


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    ledger = sub.add_parser("ledger", help="Excel 台账：导出台账、生成填报表、导入填报表")
    actions = ledger.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)
    p = actions.add_parser(
        "export",
        parents=[common],
        help="导出任务落实台账（.xlsx，每个章节或单位一个工作表；多份计划的章节超过 60 个时合为一张可筛选的表）",
    )
    p.add_argument("--by", choices=BY_CHOICES, default="section", help="按章节（默认）或按单位分表")
    p.add_argument("--plan", help="只导出某计划（发文字号或标题）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    p.set_defaults(func=cmd_export)
    p = actions.add_parser(
        "fill-sheet", parents=[common], help="生成某单位某期的进展填报表（.xlsx）"
    )
    p.add_argument("--unit", required=True, help="单位名称或别名")
    p.add_argument("--period", help="填报期 YYYY-MM（默认本月）")
    p.add_argument("--plan", help="只含某计划（发文字号或标题）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    p.set_defaults(func=cmd_fill_sheet)
    p = actions.add_parser(
        "import",
        parents=[common],
        help="导入填好的填报表（一份、多份或整个文件夹；全部无误才写入，重复导入不重复登记）",
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE.xlsx|DIR", help="填报表文件，或存放填报表的文件夹"
    )
    p.add_argument("--unit", help="核对：应是该单位的填报表")
    p.add_argument("--period", help="核对：应是该期（YYYY-MM）的填报表")
    p.set_defaults(func=cmd_import)
