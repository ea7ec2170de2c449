"""Build a document's data from the options: one ``Built`` per call, rendered by
the PDF story functions or the .docx writer (same data, same wording)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop.briefing.overview_data import OverviewData, overview_data
from desktop.briefing.scope import check_ids, load_scope
from desktop.briefing.sheet_data import attending_units, notices, task_sheet, unit_sheet
from desktop.briefing.text import notice_lines
from desktop.briefing.types import Masthead
from desktop.errors import UserError
from desktop.models import briefing_issues as bi
from desktop.models.store import Store

DEFAULT_MASTHEAD = "督查通报"
DEFAULT_REPLY_DAYS = 5  # a notice's answer deadline: meeting date + 5 days


@dataclass
class Built:
    kind: str
    title: str  # PDF metadata title
    head: Masthead
    data: Any  # OverviewData, list[UnitSheet], TaskSheet, list[Notice]
    count: int = 1
    issue: bi.Issue | None = None
    render: Callable[..., list] | None = None  # (styles, data, head, scheme) -> story

    def story(self, styles: Any, scheme: str) -> list:
        assert self.render is not None
        return self.render(styles, self.data, self.head, scheme)


def _scope(store: Store, options: Any, today: date, **extra: Any):  # noqa: ANN202
    return load_scope(
        store.db,
        today,
        plan_ids=options.plan_ids,
        section_ids=options.section_ids,
        unit_ids=options.unit_ids,
        include_done=options.include_done,
        **extra,
    )


def build(store: Store, kind: str, options: Any, today: date) -> Built:
    builders = {
        "overview": build_overview,
        "unit": build_unit_sheets,
        "task": build_task_sheet,
        "notice": build_notices,
    }
    return builders[kind](store, options, today)


def _head(options: Any, today: date, name: str) -> Masthead:
    return Masthead(
        name=name, date=today, issuer=options.issuer, confidentiality=options.confidentiality
    )


def build_unit_sheets(store: Store, options: Any, today: date) -> Built:
    from desktop.briefing.pdf_sheets import unit_story

    scope = _scope(store, options, today)
    units = attending_units(scope)
    if not units:
        raise UserError("所选范围内没有承担任务的单位。")
    sheets = [unit_sheet(scope, unit_id, name) for unit_id, name in units]
    head = _head(options, today, "单位工作单")
    title = "单位工作单" + (f" {sheets[0].name}" if len(sheets) == 1 else "")
    return Built("unit", title, head, sheets, count=len(sheets), render=unit_story)


def build_task_sheet(store: Store, options: Any, today: date) -> Built:
    from desktop.briefing.pdf_sheets import task_story

    check_ids(store.db, "task", [options.task_id], "任务")
    scope = _scope(store, options, today, task_ids=[options.task_id])
    sheet = task_sheet(scope, options.task_id)
    head = _head(options, today, "任务督办单")
    return Built("task", f"任务督办单 {sheet.task.label}", head, sheet, render=task_story)


def build_notices(store: Store, options: Any, today: date) -> Built:
    from desktop.briefing.pdf_sheets import notice_story

    scope = _scope(store, options, today)
    reply_by = options.reply_by or today + timedelta(days=DEFAULT_REPLY_DAYS)
    if reply_by < today:
        raise UserError("反馈时限不能早于会议日期。")
    period = f"{today.year:04d}-{today.month:02d}"
    found = notices(scope, reply_by, period)
    head = _head(options, today, "督办通知单")
    return Built("notice", "督办通知单", head, found, count=len(found), render=notice_story)


def build_overview(store: Store, options: Any, today: date) -> Built:
    from desktop.briefing.pdf_overview import overview_story

    scope = _scope(store, options, today)
    data: OverviewData = overview_data(scope)
    issue = bi.peek_issue(store, scope.plan_ids, today)
    head = Masthead(
        name=options.masthead or DEFAULT_MASTHEAD,
        date=today,
        issuer=options.issuer or issue.issuer,
        number=f"{issue.year}年第{issue.number}期",
        confidentiality=options.confidentiality,
        requirements=options.requirements or issue.requirements,
    )
    return Built(
        "overview", f"{head.name} {head.number}", head, data, issue=issue, render=overview_story
    )


def record_issue(store: Store, built: Built, options: Any, today: date) -> bi.Issue:
    """Enter the overview in the register once it is written (see briefing_issues)."""
    data: OverviewData = built.data
    return bi.issue_briefing(
        store,
        data.scope.plan_ids,
        today,
        requirements=options.requirements,
        issuer=options.issuer,
    )


def notice_plain_text(store: Store, options: Any, today: date) -> str:
    built = build_notices(store, options, today)
    if not built.data:
        return "本期没有需要督办或催报的事项。"
    return "\n\n".join(notice_lines(n, built.head).plain_text for n in built.data)
