"""CLI: importing and exporting plans, listing and editing units."""

from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

from desktop.commands.support import deferred, english, join, out, say, store_for
from desktop.errors import UserError
from desktop.models import messages, queries

# (the importer, the JSON exchange and the revision's diff are imported by the commands
# that use them: ``liandong plans`` or ``units`` read the database only)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="导入行动计划（.txt / .html / .docx）或联动导出的 JSON 文件",
        description="导入一份行动计划文档，生成任务—单位矩阵；重复导入同一文档不会产生重复数据。",
    )
    p.add_argument(
        "file",
        help="计划文件：.txt（UTF-8 或 GBK/GB18030）、.html、.docx、.pdf、.xlsx、.csv、"
        ".doc/.wps（需 LibreOffice），或 .json",
    )
    p.add_argument(
        "--level",
        choices=sorted(LEVEL_CHOICES),
        metavar="层级",
        help="任务所在的编号层级：一、 （一） 1. （1） ① 一是 第一章（默认：标注了责任单位的层级）",
    )
    p.add_argument(
        "--deadline-milestones",
        action="store_true",
        help="把计划中写明的完成时限设为各任务的里程碑“完成时限”",
    )
    p.add_argument(
        "--update-plan",
        metavar="发文字号",
        help="把文件作为已有计划的修订版：列出变化（按内容匹配任务），--accept-all 时全部采用",
    )
    p.add_argument("--dry-run", action="store_true", help="与 --update-plan 同用：只列出变化")
    p.add_argument("--accept-all", action="store_true", help="与 --update-plan 同用：采用全部变化")
    p.add_argument(
        "--accept", metavar="N,N…", help="与 --update-plan 同用：只采用列表中这些编号的变化"
    )
    p.add_argument(
        "--as-new", action="store_true", help="与已有计划同文号/标题但内容不同时，作为新计划导入"
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "import-json",
        parents=[common],
        help="从联动导出的 JSON 文件恢复数据（与 import 一个 .json 文件相同）",
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "export", parents=[common], help="导出全部数据（liandong/1 JSON 格式，见 docs/formats.md）"
    )
    p.add_argument("--format", choices=["json"], default="json", help="导出格式（目前仅 json）")
    p.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认输出到标准输出）")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("plans", parents=[common], help="列出已导入的计划")
    p.set_defaults(func=cmd_plans)

    p = sub.add_parser("units", parents=[common], help="列出单位及其牵头/配合/责任次数")
    p.set_defaults(func=cmd_units)

    unit = sub.add_parser("unit", parents=[common], help="维护单位：改名、别名、合并")
    unit_sub = unit.add_subparsers(dest="unit_command", metavar="ACTION", required=True)
    p = unit_sub.add_parser("rename", parents=[common], help="单位改名（旧名称保留为别名）")
    p.add_argument("name", help="现有名称或别名")
    p.add_argument("new_name")
    p.set_defaults(func=cmd_unit_rename)
    p = unit_sub.add_parser("alias", parents=[common], help="设置单位的别名（替换原有别名）")
    p.add_argument("name")
    p.add_argument("aliases", nargs="*", help="别名列表；不给则清空")
    p.set_defaults(func=cmd_unit_alias)
    p = unit_sub.add_parser(
        "merge", parents=[common], help="把第二个单位合并进第一个（分工合并，名称成为别名）"
    )
    p.add_argument("keep", help="保留的单位")
    p.add_argument("drop", help="并入后删除的单位")
    p.set_defaults(func=cmd_unit_merge)
    p = unit_sub.add_parser("contact", parents=[common], help="设置单位的联络员和联系电话")
    p.add_argument("name", help="单位名称或别名")
    p.add_argument("--person", required=True, help="联络员姓名")
    p.add_argument("--phone", required=True, help="联系电话（如 0431-88881234 转 801）")
    p.set_defaults(func=deferred("duban", "cmd_unit_contact"))


# --level value -> outline style (both the numbering as written and the style name).
LEVEL_CHOICES = {
    "一、": "cn",
    "（一）": "pcn",
    "(一)": "pcn",
    "1.": "ar",
    "（1）": "par",
    "(1)": "par",
    "①": "circ",
    "第一章": "chapter",
    "一是": "shi",
    **{style: style for style in ("cn", "pcn", "ar", "par", "circ", "shi", "chapter")},
}


def cmd_import(args: argparse.Namespace) -> int:
    from desktop import exchange
    from desktop.commands.revision import refuse_revised_header, revision_command, suggest_links
    from desktop.importer.abbreviations import suggest_merges

    path = Path(args.file)
    if not path.exists():
        raise UserError("文件不存在：{}", path)
    if path.is_dir():
        raise UserError("“{}”是文件夹，不是文件；请指定文件夹中的计划文件", path.name or path)
    json_file = path.suffix.lower() == ".json" or args.command == "import-json"
    if json_file or exchange.is_exchange_file(path):
        units = exchange.check_file(path)  # before the database is opened
        summary: dict[str, int] = {}
        with store_for(args) as store:
            results = exchange.import_file(store, path, summary, units)
        _print_json_summary(results, summary)
        return 0
    from desktop.importer import parse_file

    started = time.perf_counter()
    level = LEVEL_CHOICES.get(getattr(args, "level", None) or "", "")
    parsed = parse_file(path, task_style=level)  # before opening the db: a bad file creates nothing
    if getattr(args, "update_plan", None):
        return revision_command(args, parsed)
    as_new = getattr(args, "as_new", False)
    with store_for(args) as store:
        if not as_new:
            refuse_revised_header(store, parsed, path)
        known = {name for unit in queries.unit_summaries(store.db) for name in _names(unit)}
        result = store.import_plan(
            parsed, deadline_milestones=getattr(args, "deadline_milestones", False), as_new=as_new
        )
    elapsed = (time.perf_counter() - started) * 1000
    if not result.created:
        out(say("《{}》已导入过，未做更改。", result.title))
        return 0
    c = result.counts
    if parsed.doc_no:
        out(say("已导入《{}》（{}）", result.title, parsed.doc_no))
    else:
        out(say("已导入《{}》", result.title))
    out(say("  章节 {}  任务 {}  工作事项 {}", c["sections"], c["tasks"], c["items"]))
    out(say("  单位 {}（新增 {}）  分工 {}", c["units"], c["units_new"], c["assignments"]))
    out(say("  量化目标 {}  总体目标 {}  警告 {}", c["targets"], c.get("goals", 0),
            len(result.warnings)))  # fmt: skip
    if c.get("milestones"):
        out(say("  由完成时限生成里程碑 {}", c["milestones"]))
    out(say("  用时 {} 毫秒", f"{elapsed:.0f}"))
    for warning in result.warnings:
        out(say("  警告：{}", messages.localize(warning, getattr(args, "lang", None))))
    for s in suggest_merges(parsed.unit_names(), known):
        if s.existing:
            out(say("  提示：“{}”可能与已有单位“{}”是同一单位，核对后可合并：liandong unit merge {} {}",
                    s.name, s.same_as, s.same_as, s.name))  # fmt: skip
        else:
            out(say("  提示：“{}”可能与本计划中的“{}”是同一单位，核对后可合并：liandong unit merge {} {}",
                    s.name, s.same_as, s.same_as, s.name))  # fmt: skip
    with store_for(args) as store:
        suggest_links(store, result.plan_id, parsed.doc_no or parsed.title)
    return 0


# What import-json reports per kind of record (coordination tables included).
_JSON_RECORDS = (
    ("units", "单位"),
    ("milestone", "里程碑"),
    ("milestone_extension", "延期记录"),
    ("target_value", "目标数值"),
    ("report", "进度填报"),
    ("dependency", "依赖"),
    ("report_cycle", "报送周期"),
    ("unit_contact", "联络员"),
    ("signin", "签收记录"),
    ("signoff", "办结申请"),
    ("signoff_decision", "办结审核"),
    ("extension_request", "延期申请"),
    ("extension_decision", "延期审批"),
)


def _print_json_summary(results: list, summary: dict[str, int]) -> None:
    """Exactly what an import-json added: plans, units, coordination records."""
    for result in results:
        if result.created:
            c = result.counts
            out(say("{}：已导入（任务 {}、工作事项 {}）", result.title, c.get("tasks", 0),
                    c.get("items", 0)))  # fmt: skip
        else:
            out(say("{}：计划已存在，未重复导入", result.title))
    if not results:
        out(say("文件中没有计划。"))
    parts = [f"{say(label)} {summary[key]}" for key, label in _JSON_RECORDS if summary.get(key)]
    out((say("新增：") + join(parts)) if parts else say("没有新增单位或协同记录。"))
    if summary.get("kept"):
        out(say("已有记录 {} 条保持不变（导入不修改已有记录）。", summary["kept"]))


def _names(unit: dict) -> list[str]:
    return [unit["name"], *unit["aliases"]]


def cmd_export(args: argparse.Namespace) -> int:
    from desktop import exchange

    with store_for(args, create=False) as store:
        text = exchange.dumps(exchange.export_data(store.db))
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError("无法写入 {}：{}", args.output, exc.strerror) from exc
        out(say("已导出到 {}", args.output))
    else:
        out(text.rstrip("\n"))
    return 0


_ROLE_HEADINGS_EN = ("Lead", "Asst", "Resp")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def cmd_plans(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        rows = queries.plans(store.db)
    if not rows:
        out(say("还没有导入任何计划。用 liandong import 文件 导入。"))
    for row in rows:
        out(f"{row['doc_no'] or '-'}  {row['title']}  " + say("任务 {}", row["task_count"]))
    return 0


def cmd_units(args: argparse.Namespace) -> int:
    from sync.vocabulary import ROLE_LABELS

    with store_for(args, create=False) as store:
        rows = queries.unit_summaries(store.db)
    if not rows:
        out(say("还没有任何单位。"))
        return 0
    width = max(_width(r["name"]) for r in rows) + 2
    roles = ("lead", "support", "responsible")
    # four columns wide each: 牵头 / Lead (the counts below are right-aligned to four)
    labels = _ROLE_HEADINGS_EN if english() else [ROLE_LABELS[r] for r in roles]
    unit = say("单位")
    heading = _pad(unit[:1].upper() + unit[1:], width)  # Unit
    out(heading + "  ".join(f"{label:>2}" for label in labels) + say("  别名"))
    for r in rows:
        counts = "  ".join(f"{r[role]:>4}" for role in roles)
        out(_pad(r["name"], width) + counts + "  " + join(r["aliases"]))
    out(say("共 {} 个单位", len(rows)))
    return 0


def cmd_unit_rename(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        store.rename_unit(store.find_unit(args.name), args.new_name)
    if args.new_name.strip() == args.name.strip():
        out(say("名称未改变。"))
    else:
        out(say("已将“{}”改名为“{}”（旧名称保留为别名）。", args.name, args.new_name))
    return 0


def cmd_unit_alias(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        store.set_unit_aliases(store.find_unit(args.name), args.aliases)
    unique = list(dict.fromkeys(a.strip() for a in args.aliases if a.strip()))
    out(say("已更新“{}”的别名：{}", args.name, join(unique) or say("（无）")))
    return 0


def cmd_unit_merge(args: argparse.Namespace) -> int:
    with store_for(args) as store:
        moved = store.merge_units(store.find_unit(args.keep), store.find_unit(args.drop)).moved
    out(say("已将“{}”并入“{}”，转移分工 {} 条。", args.drop, args.keep, moved))
    return 0
