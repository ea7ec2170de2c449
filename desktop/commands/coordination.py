"""CLI of the coordination feature: milestones, reports, target values,
dependencies, ``status`` and ``remind`` (催报). See docs/cli.md.

The parsers only: the commands run from ``desktop.commands.coordination_run``, imported
when one of them runs (``status --help`` imports no store).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from desktop.commands.support import deferred
from sync.vocabulary import MAX_LAG_DAYS, MIN_LAG_DAYS


def run(name: str) -> Callable[[argparse.Namespace], int]:
    return deferred("coordination_run", name)


def _task_args(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--task", type=int, required=required, metavar="N", help="任务序号")
    parser.add_argument("--plan", help="计划的发文字号或标题（载入多个计划时必填）")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    def sub(
        group: argparse._SubParsersAction, name: str, help_: str, func
    ) -> argparse.ArgumentParser:
        p = group.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    ms = subparsers.add_parser("milestone", help="里程碑：添加、完成、延期、列表")
    ms_sub = ms.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(ms_sub, "add", "添加里程碑", run("cmd_milestone_add"))
    _task_args(p)
    p.add_argument("--title", required=True, help="里程碑名称")
    p.add_argument("--due", required=True, help="截止日期 YYYY-MM-DD")
    p.add_argument("--unit", help="责任单位（名称或别名）")
    p.add_argument("--item", type=int, metavar="K", help="多事项任务中的第 K 个事项")
    p.add_argument("--note", help="备注")
    p.add_argument("--force", action="store_true", help="截止日期早于计划成文日期时仍然添加")
    p = sub(ms_sub, "done", "标记里程碑完成", run("cmd_milestone_done"))
    p.add_argument("id", help="里程碑编号（或其前缀）")
    p.add_argument("--date", help="完成日期（默认今天，不能晚于今天）")
    p.add_argument("--undo", action="store_true", help="取消完成标记")
    p.add_argument("--force", action="store_true", help="完成日期早于计划成文日期时仍然标记")
    p = sub(ms_sub, "extend", "登记延期（保留原定日期）", run("cmd_milestone_extend"))
    p.add_argument("id", help="里程碑编号（或其前缀）")
    p.add_argument("--due", required=True, help="新的截止日期")
    p.add_argument("--reason", required=True, help="延期原因")
    p = sub(ms_sub, "delete", "删除里程碑", run("cmd_milestone_delete"))
    p.add_argument("id", help="里程碑编号（或其前缀）")
    p = sub(ms_sub, "list", "列出里程碑及状态", run("cmd_milestone_list"))
    _task_args(p, required=False)
    p.add_argument("--today", help="按此日期计算状态（默认今天）")

    rp = subparsers.add_parser("report", help="进度填报：登记、更正、历史")
    rp_sub = rp.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(rp_sub, "add", "登记进度填报", run("cmd_report_add"))
    _task_args(p)
    p.add_argument("--unit", required=True, help="填报单位（名称或别名）")
    p.add_argument("--item", type=int, metavar="K", help="多事项任务中的第 K 个事项")
    p.add_argument("--period", help="填报期 YYYY-MM（默认本月）")
    p.add_argument("--percent", type=float, help="完成百分比 0–100")
    p.add_argument("--text", help="进展说明")
    p.add_argument("--figure", action="append", metavar="TARGET_NO=VALUE", help="目标数值，可多次")
    p.add_argument("--author", help="填报人（默认当前登录名）")
    p.add_argument("--force", action="store_true", help="填报期远在计划时间范围之外时仍然登记")
    p = sub(
        rp_sub, "correct", "更正填报（新记录取代旧记录，旧记录保留）", run("cmd_report_correct")
    )
    p.add_argument("id", help="要更正的填报编号（或其前缀）")
    p.add_argument("--percent", type=float)
    p.add_argument("--text")
    p.add_argument("--figure", action="append", metavar="TARGET_NO=VALUE")
    p.add_argument("--author")
    p = sub(rp_sub, "list", "填报历史", run("cmd_report_list"))
    _task_args(p, required=False)
    p.add_argument("--period", help="只看某一期 YYYY-MM")

    tg = subparsers.add_parser("target", help="量化目标：登记当前值、查看进度")
    tg_sub = tg.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(tg_sub, "value", "登记目标当前值", run("cmd_target_value"))
    _task_args(p)
    p.add_argument("--target", type=int, metavar="K", help="任务的第 K 个目标（仅一个时可省略）")
    p.add_argument("--value", required=True, help="数值")
    p.add_argument("--date", required=True, help="数据日期 YYYY-MM-DD")
    p.add_argument("--unit", help="数据来源单位")
    p.add_argument("--note", default="", help="备注")
    p.add_argument("--force", action="store_true", help="数值为负（非计数类目标）时仍然登记")
    p = sub(tg_sub, "show", "查看目标进度", run("cmd_target_show"))
    _task_args(p)
    p.add_argument("--target", type=int, metavar="K")
    p.add_argument("--today", help="按此日期判断是否逾期（默认今天）")

    dp = subparsers.add_parser("depend", help="任务间依赖（完成—开始）")
    dp_sub = dp.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sub(dp_sub, "add", "添加依赖：FROM 完成后 TO 才能开始", run("cmd_depend_add"))
    p.add_argument(
        "--from", dest="from_", required=True, help="前置：任务号、事项 14-2 或 m:里程碑编号"
    )
    p.add_argument("--to", required=True, help="后续：任务号、事项 14-2 或 m:里程碑编号")
    p.add_argument(
        "--lag",
        type=int,
        default=0,
        help=f"间隔天数（默认 0；负数为提前，{MIN_LAG_DAYS} 到 {MAX_LAG_DAYS}）",
    )
    p.add_argument("--plan", help="计划的发文字号或标题（载入多个计划时必填）")
    sub(dp_sub, "list", "列出依赖", run("cmd_depend_list"))
    p = sub(dp_sub, "remove", "删除依赖", run("cmd_depend_remove"))
    p.add_argument("id", help="依赖编号（或其前缀）")

    p = subparsers.add_parser("status", parents=[common], help="逾期、临期、受阻情况")
    p.set_defaults(func=run("cmd_status"))
    p.add_argument("--today", help="按此日期计算（默认今天）")
    p.add_argument("--window", type=int, help="临期窗口天数（默认 14）")
    p.add_argument("--overdue", action="store_true", help="只列逾期里程碑")
    p.add_argument("--at-risk", action="store_true", help="只列受阻任务")
    p.add_argument("--late", action="store_true", help="只列晚于原定日期的里程碑（含已延期）")
    p.add_argument("--behind", action="store_true", help="只列未达序时进度的任务")
    p.add_argument("--unit", help="只看某单位")
    p.add_argument("--plan", help="只看某计划（发文字号或标题）")
    p.add_argument("--by-unit", action="store_true", help="各单位红黄绿灯表（每单位一行）")
    p.add_argument("-o", "--output", metavar="FILE", help="与 --by-unit 同用：导出为 .csv 或 .xlsx")

    p = subparsers.add_parser("remind", parents=[common], help="催报：本期未填报的单位")
    p.set_defaults(func=run("cmd_remind"))
    p.add_argument("--period", help="只看某一填报期 YYYY-MM（不给：按各任务的报送周期，截至今天）")
    p.add_argument("--today", help="不给 --period 时按此日期计算（默认今天）")
    p.add_argument("--by-task", action="store_true", help="按任务列出（默认按单位）")
    p.add_argument("--plan", help="只看某计划（发文字号或标题）")
