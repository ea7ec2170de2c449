"""PDF stories of the 单位工作单, the 任务督办单 and the 督办/催报通知单."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from desktop.briefing.layout import (
    BLOCK_W,
    BODY_LEADING,
    Mark,
    SheetStart,
    Styles,
    escape,
    paras,
    table,
)
from desktop.briefing.overview_data import TARGET_MISSED
from desktop.briefing.scope import STATE_LABELS, TaskFacts
from desktop.briefing.sheet_data import (
    LEVEL_COLOURS,
    LEVEL_NAMES,
    Notice,
    TaskSheet,
    UnitSheet,
)
from desktop.briefing.text import chinese_date, notice_lines, numeral, unit_sheet_lines
from desktop.briefing.types import Masthead

NOTICE_STATES = {"red": "overdue", "yellow": "behind", "blue": "due_soon", "report": "behind"}


def _para(styles: Styles, kind: str, text: str) -> Paragraph:
    return Paragraph(escape(text), getattr(styles, kind))


def _head(styles: Styles, head: Masthead, title: str, subtitle: str) -> list[Flowable]:
    story: list[Flowable] = [SheetStart()]
    if head.confidentiality:
        story += paras(styles, "mark", head.confidentiality)
    story += paras(styles, "title", title)
    story += paras(styles, "centre", subtitle)
    story.append(Spacer(1, BODY_LEADING / 3))
    return story


def _task_rows(styles: Styles, tasks: list[TaskFacts], other: str, scheme: str) -> list[list]:
    rows = []
    for i, task in enumerate(tasks):
        units = task.support if other == "support" else (task.lead or task.responsible)
        rows.append(
            [
                str(i + 1),
                f"{task.label} {task.title}",
                "、".join(units) or "—",
                task.deadline or "—",
                task.progress_text,
                Mark(task.state, STATE_LABELS[task.state]),
            ]
        )
    return rows


def unit_story(styles: Styles, sheets: list[UnitSheet], head: Masthead, scheme: str) -> list:
    story: list = []
    for n, sheet in enumerate(sheets):
        if n:
            story.append(PageBreak())
        story += _head(
            styles, head, "单位工作单", f"{sheet.name}　　{chinese_date(head.date)}调度会"
        )
        for kind, text, section in unit_sheet_lines(sheet):
            story += paras(styles, kind, text)
            if section in ("lead", "support", "responsible"):
                tasks = sheet.roles[section]
                if tasks:
                    other = "support" if section == "lead" else "lead"
                    header = "配合单位" if other == "support" else "牵头单位"
                    rows = _task_rows(styles, tasks, other, scheme)
                    story.append(
                        table(
                            styles,
                            ("序号", "任务", header, "完成时限", "最新进展", "状态"),
                            rows,
                            (10, 37, 25, 24, 38, 22),
                            scheme=scheme,
                            centred=(0, 3),
                        )  # fmt: skip
                    )
            elif section in ("overdue", "upcoming"):
                lines = sheet.overdue if section == "overdue" else sheet.upcoming
                if lines:
                    rows = [
                        [
                            str(i + 1),
                            f"{m.task.label} {m.task.title}",
                            m.title,
                            m.due,
                            (f"逾期{m.days}天" if section == "overdue" else f"还有{m.days}天"),
                        ]  # fmt: skip
                        for i, m in enumerate(lines)
                    ]
                    story.append(
                        table(
                            styles,
                            ("序号", "任务", "节点", "时限", "情况"),
                            rows,
                            (10, 50, 42, 32, 22),
                            centred=(0, 4),
                        )  # fmt: skip
                    )
    return story


def task_story(styles: Styles, sheet: TaskSheet, head: Masthead, scheme: str) -> list:
    task = sheet.task
    story = _head(styles, head, "任务督办单", f"{task.label}　{task.title}")
    facts = [
        ("所属计划", f"{sheet.plan_title}（{sheet.doc_no}）" if sheet.doc_no else sheet.plan_title),
        ("所属章节", "　".join(x for x in (task.part, task.subpart) if x) or "—"),
        ("牵头单位", "、".join(task.lead) or "—"),
        ("配合单位", "、".join(task.support) or "—"),
        ("责任单位", "、".join(task.responsible) or "—"),
        ("完成时限", task.deadline or "—"),
        ("当前状态", STATE_LABELS[task.state]),
        ("序时进度", f"{task.expected:.1f}%（截至{chinese_date(head.date)}）"),
        ("最新进展", task.progress_text),
    ]
    story.append(table(styles, ("项目", "内容"), facts, (30, 126)))
    index = 0
    story += paras(styles, "h1", f"{numeral(index)}、任务原文")
    index += 1
    for paragraph in (sheet.text or task.title).splitlines():
        if paragraph.strip():
            story += paras(styles, "body", paragraph.strip())
    if len(sheet.items) > 1:
        story += paras(styles, "h1", f"{numeral(index)}、分项分工")
        index += 1
        rows = [
            [f"{task.no}-{i + 1}", text, "、".join(units["lead"]) or "—",
             "、".join(units["support"] + units["responsible"]) or "—"]
            for i, (text, units) in enumerate(sheet.items)
        ]  # fmt: skip
        story.append(
            table(
                styles, ("事项", "内容", "牵头", "配合/责任"), rows, (14, 82, 28, 32), centred=(0,)
            )
        )
    story += paras(styles, "h1", f"{numeral(index)}、节点安排")
    index += 1
    if sheet.milestones:
        rows = [
            [str(i + 1), m.title, m.original_due, m.current_due,
             "；".join(m.extensions) or "—", m.unit or "—", m.status]
            for i, m in enumerate(sheet.milestones)
        ]  # fmt: skip
        story.append(
            table(
                styles,
                ("序号", "节点", "原定时限", "现时限", "延期记录", "责任单位", "状态"),
                rows,
                (10, 28, 24, 24, 32, 20, 18),
                centred=(0, 2, 3),
            )  # fmt: skip
        )
    else:
        story += paras(styles, "body", "尚未设置节点。")
    if sheet.targets:
        story += paras(styles, "h1", f"{numeral(index)}、量化目标")
        index += 1
        for i, target in enumerate(sheet.targets):
            line = target.line
            mark = "（未达标）" if line.state == TARGET_MISSED else f"（{line.state}）"
            story.append(
                _para(
                    styles,
                    "h2",
                    f"（{numeral(i)}）{line.text}：目标{line.goal}，时限{line.deadline}{mark}",
                )  # fmt: skip
            )
            if target.values:
                story.append(
                    table(
                        styles,
                        ("日期", "数值", "来源单位", "备注"),
                        target.values,
                        (28, 36, 40, 52),
                        centred=(0,),
                    )  # fmt: skip
                )
            else:
                story += paras(styles, "body", "尚无数值。")
    story += paras(styles, "h1", f"{numeral(index)}、填报记录")
    if sheet.reports:
        rows = [
            [r.period, r.unit, r.text or "—", r.percent, r.author or "—", r.note]
            for r in sheet.reports
        ]
        story.append(
            table(
                styles,
                ("填报期", "单位", "进展情况", "完成比例", "填报人", "状态"),
                rows,
                (18, 26, 62, 16, 16, 18),
                centred=(0, 3),
            )  # fmt: skip
        )
    else:
        story += paras(styles, "body", "尚无填报。")
    return story


def _level_banner(styles: Styles, notice: Notice) -> Table:
    colour = colors.HexColor(LEVEL_COLOURS[notice.level])
    text = f"{LEVEL_NAMES[notice.level]}（{notice.meaning}）"
    cell = Paragraph(f'<font color="white">{escape(text)}</font>', styles.centre)
    banner = Table([[cell]], colWidths=[BLOCK_W], rowHeights=[12 * mm])
    banner.setStyle(
        [("BACKGROUND", (0, 0), (-1, -1), colour), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    )
    return banner


def notice_story(styles: Styles, notices: list[Notice], head: Masthead, scheme: str) -> list:
    story: list = []
    if not notices:
        story += _head(styles, head, "督办通知单", chinese_date(head.date))
        story += paras(styles, "body", "本期没有需要督办或催报的事项。")
        return story
    for n, notice in enumerate(notices):
        if n:
            story.append(PageBreak())
        story += _head(styles, head, "督办通知单", f"{notice.unit}　　{chinese_date(head.date)}")
        story.append(_level_banner(styles, notice))
        story.append(Spacer(1, BODY_LEADING / 3))
        lines = notice_lines(notice, head)
        story += paras(styles, "plain", lines.salutation)
        story += paras(styles, "body", lines.opening)
        rows = []
        for i, item in enumerate(notice.items):
            mark = Mark(NOTICE_STATES[item.level], item.category)
            rows.append(
                [str(i + 1), mark, f"{item.task.label} {item.task.title}", item.what, item.needed]
            )
        # the notice form's own three colours: 蓝 临近时限, 黄 未达序时进度, 红 逾期未办结
        story.append(
            table(
                styles,
                ("序号", "类别", "任务", "情况", "需报送"),
                rows,
                (10, 26, 42, 42, 36),
                scheme="blue-yellow-red",
                centred=(0,),
            )  # fmt: skip
        )
        # the answer deadline and the signature stay together on one page
        story.append(KeepTogether([_para(styles, kind, text) for kind, text in lines.closing]))
    return story
