"""Build a document's data from the options: one ``Built`` per call, rendered by
the PDF story functions or the .docx writer (same data, same wording)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.briefing.overview_data import OverviewData, overview_data
from desktop.briefing.scope import load_scope
from desktop.briefing.types import Masthead
from desktop.errors import UserError
from desktop.models import briefing_issues as bi
from desktop.models.store import Store

DEFAULT_MASTHEAD = "督查通报"


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
    if kind == "overview":
        return build_overview(store, options, today)
    raise UserError(f"“{kind}”材料尚未实现。")


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
    raise UserError("催办通知尚未实现。")
