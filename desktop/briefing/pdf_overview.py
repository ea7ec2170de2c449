"""The 督查通报 / 推进情况通报 (meeting overview) as a PDF story."""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from desktop.briefing.layout import (
    BLOCK_W,
    BODY_LEADING,
    Mark,
    RedRule,
    Styles,
    escape,
    landscape_pages,
    paras,
    table,
)
from desktop.briefing.overview_data import (
    TARGET_MET,
    TARGET_MET_LATE,
    TARGET_MISSED,
    OverviewData,
    capped,
)
from desktop.briefing.scope import STATE_LABELS, TaskFacts
from desktop.briefing.text import (
    LEDGER_HINT,
    attachment_titles,
    chinese_date,
    more_note,
    overview_lines,
    plan_name,
)
from desktop.briefing.types import Masthead

# 序号 | 任务 | 牵头单位 | 配合单位 | 完成时限 | 进展情况 | 状态 (landscape, 225 mm)
ATTACHMENT_HEADER = ("序号", "任务", "牵头单位", "配合单位", "完成时限", "进展情况", "状态")
ATTACHMENT_WIDTHS = (11, 50, 30, 36, 24, 52, 22)


def masthead(styles: Styles, head: Masthead) -> list[Flowable]:
    story: list[Flowable] = []
    if head.confidentiality:
        story.append(Paragraph(escape(head.confidentiality), styles.mark))
    story.append(Paragraph(escape(head.name), styles.masthead))
    if head.number:
        story.append(Paragraph(escape(head.number), styles.centre))
    story.append(Spacer(1, BODY_LEADING / 2))
    # issuing office at the left, date at the right, on one line above the red rule
    line = Table(
        [[Paragraph(escape(head.issuer or ""), styles.plain),
          Paragraph(escape(chinese_date(head.date)), styles.right)]],
        colWidths=[BLOCK_W * 0.65, BLOCK_W * 0.35],
    )  # fmt: skip
    line.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])  # fmt: skip
    story.append(line)
    story.append(RedRule(BLOCK_W))
    story.append(Spacer(1, BODY_LEADING / 2))
    return story


def _task_cell(task: TaskFacts) -> str:
    return f"{task.label} {task.title}"


def attachment_table(styles: Styles, tasks: list[TaskFacts], scheme: str) -> Flowable | Paragraph:
    if not tasks:
        return Paragraph("（无）", styles.plain)
    rows = []
    for i, task in enumerate(capped(tasks, "attachment")[0]):
        rows.append(
            [
                str(i + 1),
                _task_cell(task),
                "、".join(task.lead or task.responsible) or "—",
                "、".join(task.support) or "—",
                task.deadline or "—",
                task.progress_text,
                Mark(task.state, STATE_LABELS[task.state]),
            ]
        )
    return table(styles, ATTACHMENT_HEADER, rows, ATTACHMENT_WIDTHS, scheme=scheme, centred=(0, 4))


def targets_table(styles: Styles, data: OverviewData, scheme: str) -> Flowable:
    rows = []
    for line in capped(data.targets, "targets")[0]:
        state = {TARGET_MISSED: "overdue", TARGET_MET: "done", TARGET_MET_LATE: "done"}.get(
            line.state, "on_track"
        )
        rows.append(
            [
                f"{line.task.label} {line.task.title}",
                line.text,
                line.goal,
                line.latest,
                line.percent,
                line.gap,
                line.deadline,
                Mark(state, line.state),
            ]
        )
    header = ("任务", "指标", "目标值", "最新值", "完成率", "差距", "时限", "状态")
    return table(
        styles, header, rows, (26, 20, 16, 28, 14, 14, 20, 18), scheme=scheme, centred=(4, 6)
    )


def overview_story(styles: Styles, data: OverviewData, head: Masthead, scheme: str) -> list:
    story: list = masthead(styles, head)
    plan = plan_name(data.scope.plan_titles)
    story.append(Paragraph(escape(f"关于{plan}落实情况的通报"), styles.title))
    lines = overview_lines(data, head)
    for kind, text in lines.before_tables:
        story += paras(styles, kind, text)
    if data.targets:
        story.append(Paragraph("（一）量化目标完成情况", styles.h2))
        story.append(targets_table(styles, data, scheme))
        note = more_note(capped(data.targets, "targets")[1], "项量化目标", LEDGER_HINT)
        if note:
            story.append(Paragraph(escape(note), styles.plain))
        story.append(Spacer(1, BODY_LEADING / 2))
    for kind, text in lines.sections:
        story += paras(styles, kind, text)
        if text == lines.overdue_heading and data.overdue:
            story.append(_milestone_table(styles, data, scheme))
            note = more_note(capped(data.overdue, "overdue")[1], "个逾期节点", "所属任务见附件1")
            if note:
                story.append(Paragraph(escape(note), styles.plain))
    for kind, text in lines.closing:
        story += paras(styles, kind, text)
    titles = attachment_titles()
    for index, (tasks, title) in enumerate(((data.lagging, titles[0]), (data.on_track, titles[1]))):
        story += landscape_pages() if index == 0 else [PageBreak()]
        story.append(Paragraph(f"附件{index + 1}", styles.mark))
        story.append(Paragraph(escape(title), styles.title))
        story.append(attachment_table(styles, tasks, scheme))
        note = more_note(capped(tasks, "attachment")[1], "项", LEDGER_HINT)
        if note:
            story.append(Paragraph(escape(note), styles.plain))
    return story


def _milestone_table(styles: Styles, data: OverviewData, scheme: str) -> Flowable:
    rows = []
    for i, line in enumerate(capped(data.overdue, "overdue")[0]):
        rows.append(
            [
                str(i + 1),
                f"{line.task.label} {line.task.title}",
                line.title,
                line.due,
                line.unit or "—",
                Mark("overdue", f"逾期{line.days}天"),
            ]
        )
    header = ("序号", "任务", "节点", "时限", "责任单位", "状态")
    return table(styles, header, rows, (10, 46, 34, 24, 24, 18), scheme=scheme, centred=(0,))
