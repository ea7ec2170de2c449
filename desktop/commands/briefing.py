"""CLI of the briefing documents: ``liandong briefing overview|unit|task|notice|issues``.

Names typed by the user (plans, sections, units, task numbers) are resolved
here; the documents are written by ``desktop.briefing.api.generate``. See
docs/cli.md.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.briefing.kinds import DOCUMENT_KINDS, KIND_LABELS
from desktop.commands.support import db_path, join, language, out, paren, say, store_for
from desktop.errors import NotFound, UserError
from desktop.models import briefing_issues as bi
from desktop.models import coordination_queries as cq
from desktop.models import messages
from desktop.models.coordination_common import parse_date
from desktop.models.store import Store

if TYPE_CHECKING:  # (the renderers, ReportLab with them, imported by the commands that write)
    from desktop.briefing.api import BriefingOptions

MAX_REQUIREMENTS_FILE = 1_000_000  # bytes


def _date(text: str | None, what: str) -> date | None:
    return date.fromisoformat(parse_date(text, what)) if text else None


def _sections(store: Store, plan_ids: list[str] | None, names: list[str]) -> list[str]:
    rows = store.db.execute("SELECT id, plan_id, no, title FROM section").fetchall()
    if plan_ids:
        rows = [r for r in rows if r[1] in plan_ids]
    found = []
    for name in names:
        name = name.strip()
        exact = [r for r in rows if name == r[3]]
        matches = exact or [r for r in rows if name and name in r[3]]
        if not matches:
            raise NotFound("找不到章节“{}”（按章节标题）。", name)
        if len(matches) > 1:
            titles = [r[3] for r in matches[:5]]
            raise UserError("“{}”匹配多个章节（{}），请写得更完整些。", name, titles)
        found.append(matches[0][0])
    return found


def _requirements(args: argparse.Namespace) -> str:
    if args.requirements_file:
        path = Path(args.requirements_file)
        try:
            if path.stat().st_size > MAX_REQUIREMENTS_FILE:
                raise UserError("工作要求文件过大：{}", path)
            return path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise UserError("工作要求文件不是 UTF-8 文本：{}", path) from None
        except OSError as exc:
            raise UserError("无法读取工作要求文件：{}（{}）", path, exc.strerror) from None
    return args.requirements or ""


def options_from_args(store: Store, args: argparse.Namespace) -> BriefingOptions:
    """Resolve what the user typed into ids (``UserError`` when something is unknown)."""
    from desktop.briefing.api import BriefingOptions

    db = store.db
    plan_ids = [cq.resolve_plan(db, name) for name in args.plan] if args.plan else None
    options = BriefingOptions(
        plan_ids=plan_ids,
        section_ids=_sections(store, plan_ids, args.section) if args.section else None,
        unit_ids=[store.find_unit(name) for name in args.unit] if args.unit else None,
        meeting_date=_date(args.date, "--date"),
        include_done=args.include_done,
        confidentiality=args.confidential or "",
        issuer=args.issuer or _last_issuer(store),
        colour_scheme=args.colours,
        requirements=_requirements(args),
        masthead=args.masthead or "",
        reply_by=_date(args.reply_by, "--reply-by"),
        font_path=args.font or "",
    )
    if args.task is not None:
        if args.kind != "task":
            raise UserError("--task 只用于任务督办单（liandong briefing task）。")
        plan = args.plan[0] if args.plan and len(args.plan) == 1 else None
        if args.plan and len(args.plan) > 1:
            raise UserError("--task 只能配合一个 --plan 使用。")
        options.task_id = cq.resolve_task(db, args.task, plan)
    return options


def _last_issuer(store: Store) -> str:
    """The issuing office of the latest 通报 in the register (the remembered setting)."""
    row = store.db.execute(
        "SELECT issuer FROM briefing_issue WHERE issuer != '' ORDER BY created_at DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else ""


def cmd_briefing(args: argparse.Namespace) -> int:
    from desktop.briefing.api import generate, notice_text

    if args.text and args.kind != "notice":
        raise UserError("--text 只用于督办通知单（liandong briefing notice）。")
    if not args.output and not args.text:
        raise UserError("请用 -o 指定输出文件。")
    with store_for(args, create=False) as store:
        options = options_from_args(store, args)
    path = db_path(args)
    if args.text:
        out(notice_text(path, options))
        if not args.output:
            return 0
    output = Path(args.output)
    fmt = args.format or ("docx" if output.suffix.lower() == ".docx" else "pdf")
    result = generate(path, args.kind, options, output, fmt)
    label = say(KIND_LABELS[args.kind])
    if result.issue_number is not None:
        year = (options.meeting_date or date.today()).year
        label += say("（{}年第{}期）", year, result.issue_number)
    if result.documents > 1:
        label += say("，共 {} 份", result.documents)
    pages = say("，{} 页", result.pages) if result.pages else ""
    out(say("已生成{}：{}", label, result.path) + pages)
    for role, face in result.fonts.items():  # 文泉驿正黑（/usr/share/…）
        display, _open, where = face.partition("（")
        where = where.removesuffix("）")
        out(say("  字体 {}：{}（{}）", say(role), display, say(where)))
    for note in result.font_notes:
        out(f"  {paren(messages.localize(note, language())).strip()}")
    for warning in result.warnings:
        print(say("警告：{}", messages.localize(warning, language())), file=sys.stderr)
    return 0


def cmd_issues(args: argparse.Namespace) -> int:
    with store_for(args, create=False) as store:
        rows = bi.issues(store)
        titles = dict(store.db.execute("SELECT id, doc_no FROM plan").fetchall())
        if not rows:
            out(say("尚未生成过督查通报。"))
        for row in rows:
            named = bi.key_plan_ids(row["plan_key"])
            plans = (
                say("{} 个计划", named)
                if isinstance(named, int)
                else join(titles.get(p) or say("（已删除的计划）") for p in named)
            )
            out((say("{}年第{}期  会议日期 {}  ", row["year"], row["number"], row["meeting_date"])
                 + f"{plans}  {row['issuer'] or ''}").rstrip())  # fmt: skip
    return 0


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser(
        "briefing", help="会议材料：督查通报、单位工作单、任务督办单、督办通知单"
    )
    kinds = group.add_subparsers(dest="kind", metavar="KIND", required=True)
    helps = {
        "overview": "督查通报（第N期，按计划和年度编号）",
        "unit": "单位工作单（每个参会单位一份）",
        "task": "任务督办单（一项任务的全部情况）",
        "notice": "督办/催报通知单（红黄蓝三色，每个有事项的单位一份）",
    }
    for kind in DOCUMENT_KINDS:
        p = kinds.add_parser(kind, parents=[common], help=helps[kind], description=helps[kind])
        p.set_defaults(func=cmd_briefing, kind=kind)
        p.add_argument("-o", "--output", metavar="FILE", help="输出文件（.pdf 或 .docx）")
        p.add_argument(
            "--plan", action="append", help="计划的发文字号或标题，可多次（默认全部计划）"
        )
        p.add_argument(
            "--section", action="append", metavar="TITLE", help="只含某章节（标题），可多次"
        )
        p.add_argument(
            "--unit", action="append", metavar="NAME", help="参会单位（名称或别名），可多次"
        )
        p.add_argument("--task", type=int, metavar="NO", help="任务序号（任务督办单）")
        p.add_argument("--date", help="会议日期 YYYY-MM-DD（默认今天），状态和序时进度按此日期计算")
        formats = ("pdf", "docx") if kind in ("overview", "unit") else ("pdf",)
        p.add_argument("--format", choices=formats, help="输出格式（默认按 -o 的扩展名，否则 pdf）")
        p.add_argument(
            "--confidential", metavar="TEXT", help="左上角密级标识，如“内部资料 注意保存”"
        )
        p.add_argument("--issuer", help="发文单位（默认沿用上一期通报的发文单位）")
        p.add_argument(
            "--colours",
            choices=("red-yellow-green", "blue-yellow-red"),
            default="red-yellow-green",
            help="状态颜色：红黄绿或蓝黄红（始终同时标注文字）",
        )
        p.add_argument("--include-done", action="store_true", help="清单中包含已办结事项")
        p.add_argument("--requirements", metavar="TEXT", help="工作要求（督查通报），随该期保存")
        p.add_argument("--requirements-file", metavar="FILE", help="从 UTF-8 文本文件读取工作要求")
        p.add_argument("--masthead", metavar="NAME", help="通报名称（默认“督查通报”）")
        p.add_argument(
            "--reply-by", metavar="DATE", help="督办通知的反馈时限（默认会议日期后 5 天）"
        )
        p.add_argument("--font", metavar="FILE", help="使用指定的 TrueType 字体文件（.ttf/.ttc）")
        if kind == "notice":
            p.add_argument(
                "--text", action="store_true", help="以纯文本输出通知（便于粘贴到消息中）"
            )
        else:
            p.set_defaults(text=False)
    p = kinds.add_parser("issues", parents=[common], help="已生成的督查通报期号登记")
    p.set_defaults(func=cmd_issues)
