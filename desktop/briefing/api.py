"""Public entry point of the briefing documents (the GUI and the CLI call only this).

    result = generate(db_path, "overview", BriefingOptions(meeting_date=date(2026, 11, 30)),
                      Path("通报.pdf"))

``generate`` opens its own connection (safe in a background thread), checks the
options (unknown plan, section, unit or task, unwritable path → ``UserError``
with a Chinese message, nothing written), renders through a temporary file
and moves it in place. ``progress(done, total)`` is called between steps;
``cancelled()`` is polled between steps and on every page (→ ``Cancelled``,
nothing written, no 第N期 used up).

Kinds: ``overview`` 督查通报 (numbered 第N期 per plan and year, see
``desktop.models.briefing_issues``), ``unit`` 单位工作单 (one per attending unit),
``task`` 任务督办单, ``notice`` 督办/催报通知单 (one per unit with something due,
overdue, behind schedule or unreported). Formats: ``pdf`` for every kind,
``docx`` for the overview and the unit sheets. Meetings (issue 12): ``minutes``
会议纪要 and ``reminder`` 工作提醒函 (one per responsible unit) of
``options.meeting_id``, PDF or docx (``desktop.briefing.meeting_docs``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.briefing.fonts import find_fonts
from desktop.briefing.kinds import DOCUMENT_KINDS, KIND_LABELS, MEETING_KINDS
from desktop.briefing.layout import BriefingDoc, Cancelled, Styles, replace_into, writable_target
from desktop.errors import UserError
from desktop.models.store import Store

__all__ = [
    "DOCUMENT_KINDS",
    "FORMATS",
    "KIND_LABELS",
    "MEETING_KINDS",
    "BriefingOptions",
    "Cancelled",
    "GeneratedDocument",
    "generate",
    "issue_number",
    "notice_text",
    "units_with_work",
]

log = logging.getLogger(__name__)

FORMATS = {"overview": ("pdf", "docx"), "unit": ("pdf", "docx"), "task": ("pdf",)}
FORMATS["notice"] = ("pdf",)
FORMATS["minutes"] = FORMATS["reminder"] = ("pdf", "docx")
COLOUR_SCHEMES = ("red-yellow-green", "blue-yellow-red")
MAX_TEXT = 200  # confidentiality mark, issuer, masthead name


@dataclass
class BriefingOptions:
    """What to put in the document; every field is optional."""

    plan_ids: list[str] | None = None  # None: every plan
    section_ids: list[str] | None = None  # None: every section
    unit_ids: list[str] | None = None  # attending units; None: all with work
    task_id: str | None = None  # required for "task"
    meeting_date: date | None = None  # None: today
    include_done: bool = False
    confidentiality: str = ""  # e.g. 内部资料 注意保存, top left
    issuer: str = ""  # issuing office (a setting)
    colour_scheme: str = "red-yellow-green"  # or "blue-yellow-red"
    requirements: str = ""  # 工作要求 (overview), stored with its 第N期
    masthead: str = ""  # the 通报 name; default 督查通报
    reply_by: date | None = None  # notice: answer deadline; default meeting date + 5 days
    font_path: str = ""  # a TrueType font for every role (overrides the search)
    meeting_id: str | None = None  # required for "minutes" and "reminder"
    number: str = ""  # minutes: 第N期 line under the masthead
    unit_names: list[str] | None = None  # reminder: only these units (None: all)


@dataclass
class GeneratedDocument:
    path: Path
    kind: str
    fmt: str
    pages: int  # 0 for .docx (Word paginates)
    fonts: dict[str, str] = field(default_factory=dict)  # role → face used (PDF)
    # how the faces were chosen: a role's own face missing and which one stands in,
    # files skipped and why (CFF .otf); for the log or a details pane
    font_notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    issue_number: int | None = None  # 第N期 of an overview
    documents: int = 1  # unit sheets / notices in the file


def _check_options(kind: str, options: BriefingOptions, fmt: str) -> None:
    if kind not in DOCUMENT_KINDS + MEETING_KINDS:
        raise UserError("未知的材料类型“{}”，可选：{}。", kind, list(DOCUMENT_KINDS))
    if fmt not in FORMATS[kind]:
        raise UserError(f"{KIND_LABELS[kind]}只能生成 {' 或 '.join(FORMATS[kind])} 格式。")
    if options.colour_scheme not in COLOUR_SCHEMES:
        raise UserError(f"颜色方案应为 {' 或 '.join(COLOUR_SCHEMES)}。")
    for name, value in (
        ("密级标识", options.confidentiality),
        ("发文单位", options.issuer),
        ("通报名称", options.masthead),
    ):
        if len(value or "") > MAX_TEXT:
            raise UserError(f"{name}过长（最多 {MAX_TEXT} 字）。")
    if kind in ("minutes", "reminder") and not options.meeting_id:
        raise UserError("会议纪要和工作提醒函需要指定会议。")
    if len(options.number or "") > MAX_TEXT:
        raise UserError(f"期号过长（最多 {MAX_TEXT} 字）。")
    if kind == "task" and not options.task_id:
        raise UserError("任务督办单需要指定任务（--task）。")


def generate(
    db_path: Path | str,
    kind: str,
    options: BriefingOptions,
    out: Path | str,
    fmt: str = "pdf",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> GeneratedDocument:
    """Write the document ``kind`` to ``out`` (see the module doc)."""
    _check_options(kind, options, fmt)
    out = writable_target(Path(out))
    suffix = out.suffix.lower().lstrip(".")
    if suffix in ("pdf", "docx") and suffix != fmt:
        raise UserError("输出文件 {} 的扩展名与格式 {} 不符。", out.name, fmt)
    if not Path(db_path).exists():
        raise UserError("数据库文件不存在：{}", db_path)

    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(done, total)

    store = Store.open(db_path)
    try:
        return _generate(store, kind, options, out, fmt, step, cancelled)
    finally:
        store.close()


def _generate(store, kind, options, out, fmt, step, cancelled) -> GeneratedDocument:  # noqa: ANN001
    from desktop.briefing import documents

    today = options.meeting_date or date.today()
    step(0, 3)
    built = documents.build(store, kind, options, today)
    step(1, 3)
    result = GeneratedDocument(out, kind, fmt, 0, documents=built.count)
    if fmt == "docx":
        from desktop.briefing import docx_render

        replace_into(out, lambda temp: docx_render.write(built, temp), ".docx")
    else:
        fonts = find_fonts(options.font_path or None)
        result.fonts = fonts.describe()
        result.font_notes = list(fonts.notes)
        result.warnings += fonts.warnings
        styles = Styles(fonts)
        story = built.story(styles, options.colour_scheme)
        step(2, 3)
        pages = [0]

        def write(temp: str) -> None:
            doc = BriefingDoc(
                temp, fonts, built.title, cancelled=cancelled,
                on_page=lambda n: pages.__setitem__(0, n),
            )  # fmt: skip
            doc.build(story)

        replace_into(out, write, ".pdf")
        result.pages = pages[0]
    if built.issue is not None:
        issue = documents.record_issue(store, built, options, today)
        result.issue_number = issue.number
    step(3, 3)
    log.info("briefing %s written to %s (%d pages)", kind, out, result.pages)
    return result


def issue_number(db_path: Path | str, options: BriefingOptions) -> int:
    """The 第N期 an overview with these options would carry (nothing written):
    the stored number when this plan set already has an issue on that meeting
    date, else the next one of its year."""
    from desktop.briefing.scope import check_ids
    from desktop.models.briefing_issues import peek_issue

    store = Store.open(db_path)
    try:
        today = options.meeting_date or date.today()
        if options.plan_ids:
            plan_ids = check_ids(store.db, "plan", options.plan_ids, "计划")
        else:  # every plan, as load_scope takes them
            plan_ids = [r[0] for r in store.db.execute("SELECT id FROM plan")]
        return peek_issue(store, plan_ids, today).number
    finally:
        store.close()


def units_with_work(db_path: Path | str, options: BriefingOptions) -> list[tuple[str, str]]:
    """(id, name) of the units the unit sheets cover by default (every unit, not a
    group, with work in the chosen plans and sections; busiest first): the GUI's
    attending-units picker starts from these."""
    from desktop.briefing.scope import load_scope
    from desktop.briefing.sheet_data import attending_units

    store = Store.open(db_path)
    try:
        scope = load_scope(
            store.db,
            options.meeting_date or date.today(),
            plan_ids=options.plan_ids,
            section_ids=options.section_ids,
        )
        return attending_units(scope)
    finally:
        store.close()


def notice_text(db_path: Path | str, options: BriefingOptions) -> str:
    """The 督办/催报通知 of every unit concerned, as plain text for a message."""
    from desktop.briefing import documents

    _check_options("notice", options, "pdf")
    store = Store.open(db_path)
    try:
        today = options.meeting_date or date.today()
        return documents.notice_plain_text(store, options, today)
    finally:
        store.close()
