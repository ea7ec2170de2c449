"""The wording of the documents, shared by the PDF and the .docx renderers.

Each function returns paragraphs as (style, text) pairs; style is one of
``body`` (indented 仿宋), ``h1`` (一、 黑体), ``h2`` (（一） 楷体), ``h3`` (1. 仿宋),
``plain`` (not indented), ``right`` (signature lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from desktop.briefing.overview_data import TARGET_MISSED, OverviewData, capped
from desktop.briefing.scope import TaskFacts
from desktop.briefing.sheet_data import LEVEL_NAMES, Notice, UnitSheet
from desktop.briefing.types import Masthead

CHINESE_NUMERALS = "一二三四五六七八九十"
Line = tuple[str, str]


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def numeral(index: int) -> str:
    """0 → 一, 10 → 十一 (up to 99)."""
    n = index + 1
    if n <= 10:
        return CHINESE_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens - 1]
    return head + "十" + (CHINESE_NUMERALS[ones - 1] if ones else "")


def plan_name(titles: list[str]) -> str:
    """《长春市数字经济发展行动计划》 from "…关于印发长春市数字经济发展行动计划的通知"."""
    names = []
    for title in titles:
        match = re.search(r"关于印发(.+?)的通知", title)
        names.append(f"《{(match.group(1) if match else title).strip('《》')}》")
    return "、".join(names) if len(names) <= 3 else f"{names[0]}等{len(names)}个计划"


def more_note(left_out: int, noun: str, where: str = "") -> str:
    """ "另有12项…未列出" after a shortened list ("" when nothing was left out)."""
    if not left_out:
        return ""
    return f"（另有{left_out}{noun}未列出{('，' + where) if where else ''}。）"


LEDGER_HINT = "完整清单请导出台账"


def attachment_titles() -> tuple[str, str]:
    return ("滞后及慢于序时进度事项清单", "按序时推进事项清单")


def task_list(tasks: list[TaskFacts], limit: int = 0) -> str:
    """任务5“建设算力中心”、任务7“…” (the first ``limit`` and "等N项")."""
    shown = tasks[:limit] if limit else tasks
    text = "、".join(t.heading for t in shown)
    if limit and len(tasks) > limit:
        text += f"等{len(tasks)}项"
    return text


def _lag_reason(task: TaskFacts) -> str:
    if task.state == "overdue":
        return "逾期未办结"
    if task.percent is not None:
        return f"完成{task.percent:g}%，低于序时进度{task.expected:.1f}%"
    return "慢于序时进度"


@dataclass
class OverviewLines:
    before_tables: list[Line] = field(default_factory=list)
    sections: list[Line] = field(default_factory=list)
    closing: list[Line] = field(default_factory=list)
    overdue_heading: str = ""  # the paragraph after which the overdue table goes


def overview_lines(data: OverviewData, head: Masthead) -> OverviewLines:
    lines = OverviewLines()
    c = data.counts
    plan = plan_name(data.scope.plan_titles)
    today = chinese_date(data.scope.today)
    lines.before_tables.append(("body", f"截至{today}，现将{plan}落实情况通报如下："))
    lines.before_tables.append(("h1", "一、总体情况"))
    summary = (
        f"纳入本期通报的任务共{c.total}项，已办结{c.done}项（{c.done_share}），"
        f"正在办理{c.in_progress}项，逾期{c.overdue}项，受阻{c.blocked}项"
        "（受阻指因上游事项逾期或工期衔接不上而无法按期推进，与前几项有重叠）。"
    )
    if c.with_percent:
        summary += (
            f"报送完成比例的{c.with_percent}项中，达到序时进度{c.on_schedule}项，"
            f"未达序时进度{c.behind_schedule}项。"
        )
    lines.before_tables.append(("body", summary))
    missed = [t for t in data.targets if t.state == TARGET_MISSED]
    if data.targets:
        lines.before_tables.append(
            (
                "body",
                f"量化目标{len(data.targets)}项，其中已过时限未达标{len(missed)}项"
                + (
                    f"（{'、'.join(t.text for t in missed[:5])}{'等' if len(missed) > 5 else ''}）"
                    if missed
                    else ""
                )
                + "，详见下表。",
            )
        )
    index = 1
    if data.parts:
        lines.sections.append(("h1", f"{numeral(index)}、各领域滞后事项"))
        index += 1
        for i, part in enumerate(data.parts):
            lines.sections.append(("h2", f"（{numeral(i)}）{part.title}"))
            units = sorted(part.units.items(), key=lambda kv: -len(kv[1]))
            shown, left_out = capped(units, "part_units")
            for unit, tasks in shown:
                named, more = capped(tasks, "unit_tasks")
                items = "；".join(f"{t.heading}{_lag_reason(t)}" for t in named)
                tail = f"等{len(tasks)}项" if more else ""
                lines.sections.append(("body", f"{unit}：{items}{tail}。"))
            if left_out:
                rest = sum(len(tasks) for _unit, tasks in units[len(shown) :])
                lines.sections.append(
                    ("body", f"另有{left_out}个单位的{rest}项滞后事项，详见附件1。")
                )
    heading = f"{numeral(index)}、逾期和临期节点"
    index += 1
    lines.sections.append(("h1", heading))
    lines.overdue_heading = f"截至{today}，逾期未完成的节点{len(data.overdue)}个" + (
        "，见下表。" if data.overdue else "。"
    )
    lines.sections.append(("body", lines.overdue_heading))
    if data.due_soon:
        shown, left_out = capped(data.due_soon, "due_soon")
        soon = "；".join(
            f"{m.task.heading}“{m.title}”（{m.unit or '未指定单位'}，{m.due}，还有{m.days}天）"
            for m in shown
        )
        tail = f"等{len(data.due_soon)}个" if left_out else ""
        lines.sections.append(("body", f"即将到期的节点{len(data.due_soon)}个：{soon}{tail}。"))
    if data.blocks:
        lines.sections.append(("h1", f"{numeral(index)}、受阻事项及堵点"))
        index += 1
        shown, left_out = capped(data.blocks, "blocks")
        for block in shown:
            lines.sections.append(
                (
                    "body",
                    f"{block.task.heading}（{block.task.units_text}）受{block.unit}"
                    f"{block.cause}{block.reason}影响，无法按期推进。",
                )
            )
        if left_out:
            lines.sections.append(("body", f"另有{left_out}项受阻事项未列出。"))
    if data.unreported:
        lines.sections.append(("h1", f"{numeral(index)}、未报送进展情况"))
        index += 1
        period = f"{data.period[:4]}年{int(data.period[5:7])}月"
        lines.sections.append(("body", f"以下单位未报送{period}进展情况，请于会后及时补报："))
        shown, left_out = capped(list(data.unreported.items()), "unreported_units")
        for unit, tasks in shown:
            lines.sections.append(("body", f"{unit}：{task_list(tasks, 8)}。"))
        if left_out:
            lines.sections.append(
                ("body", f"另有{left_out}个单位未报送（liandong remind 可列出全部）。")
            )
    if data.instructions:  # issue 12: 领导批示
        from desktop.briefing.instruction_data import instruction_sentence

        lines.sections.append(("h1", f"{numeral(index)}、领导批示"))
        index += 1
        for line in data.instructions:
            lines.sections.append(("body", instruction_sentence(line) + "。"))
        if data.more_instructions:
            lines.sections.append(("body", f"另有{data.more_instructions}条批示未列出。"))
    if head.requirements.strip():
        lines.closing.append(("h1", f"{numeral(index)}、工作要求"))
        for paragraph in head.requirements.strip().splitlines():
            if paragraph.strip():
                lines.closing.append(("body", paragraph.strip()))
    lines.closing.append(("body", "特此通报。"))
    first, second = attachment_titles()
    lines.closing.append(("body", f"附件：1．{first}"))
    lines.closing.append(("plain", f"　　　　　2．{second}"))
    if head.issuer:
        lines.closing.append(("right", f"{head.issuer}　　"))
    lines.closing.append(("right", f"{chinese_date(head.date)}　　"))
    return lines


def unit_sheet_lines(sheet: UnitSheet) -> list[tuple[str, str, str]]:
    """(style, text, section) of a unit sheet; a table of ``section`` follows its heading."""
    out: list[tuple[str, str, str]] = []
    index = 0
    titles = (
        ("lead", "牵头任务"),
        ("responsible", "责任任务"),
        ("support", "配合任务"),
    )
    for role, title in titles:
        tasks = sheet.roles[role]
        if not tasks and role == "responsible":
            continue
        out.append(("h1", f"{numeral(index)}、{title}（{len(tasks)}项）", role))
        index += 1
        if not tasks:
            out.append(("body", "无。", ""))
    for section, title, lines in (
        ("overdue", "逾期节点", sheet.overdue),
        ("upcoming", "近期节点", sheet.upcoming),
    ):
        out.append(("h1", f"{numeral(index)}、{title}（{len(lines)}个）", section))
        index += 1
        if not lines:
            out.append(("body", "无。", ""))
    out.append(("h1", f"{numeral(index)}、影响其他单位的事项", ""))
    index += 1
    for text in sheet.blocking or ["无。"]:
        out.append(("body", text if text == "无。" else text + "。", ""))
    out.append(("h1", f"{numeral(index)}、受其他单位影响的事项", ""))
    for text in sheet.blocked_by or ["无。"]:
        out.append(("body", text if text == "无。" else text + "。", ""))
    return out


@dataclass
class NoticeLines:
    salutation: str
    opening: str
    closing: list[Line]
    plain_text: str


def notice_lines(notice: Notice, head: Masthead) -> NoticeLines:
    counts = []
    for level, name in (("red", "逾期未办结"), ("yellow", "未达序时进度"), ("blue", "临近时限")):
        if notice.count(level):
            counts.append(f"{name}{notice.count(level)}项")
    if notice.count("report"):
        counts.append(f"未报送进展{notice.count('report')}项")
    opening = (
        f"经梳理，截至{chinese_date(head.date)}，你单位承担的任务中有"
        + "、".join(counts)
        + "（详见下表）。请高度重视，逐项抓好落实。"
    )
    issuer = head.issuer or "督查办公室"
    reply = f"请于{chinese_date(notice.reply_by)}前将有关情况书面报送{issuer}。"
    if notice.contact:  # the unit's 联络员 on file (issue 12)
        reply += f"（你单位联络员：{notice.contact}）"
    closing: list[Line] = [("body", reply)]
    closing.append(("right", f"{issuer}　　"))
    closing.append(("right", f"{chinese_date(head.date)}　　"))
    text = [
        f"【{LEVEL_NAMES[notice.level]}】{notice.unit}：",
        opening.replace("（详见下表）", ""),
    ]
    for i, item in enumerate(notice.items):
        text.append(
            f"{i + 1}. [{item.category}] {item.task.heading}：{item.what}；请{item.needed}。"
        )
    text.append(reply)
    text.append(f"{issuer} {chinese_date(head.date)}")
    return NoticeLines(f"{notice.unit}：", opening, closing, "\n".join(text))
