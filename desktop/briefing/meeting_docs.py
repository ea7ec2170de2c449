"""The 会议纪要 (GB/T 9704 §10.3) and the 工作提醒函 of a meeting (issue 12).

Both are built once as a list of blocks (``Block``: a paragraph of a style, a
table, a page break) and rendered by the PDF story (ReportLab, the briefing's
layout) and by the .docx writer (python-docx, the briefing's Word styles):
the same wording in both.

会议纪要: the red masthead “…纪要”, the red rule, the opening (“X月X日，主持人
主持召开…。现将议定事项纪要如下：”), the progress of the previous meeting's
items (the agenda opens with it), the 议定事项 numbered 一、二、… with the
responsible unit and deadline, then 出席 / 请假 / 列席 in 黑体 with the names.

工作提醒函: one per responsible unit, each numbered from page 1: the unit's
items of this meeting, the deadline and how to report progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.briefing.text import chinese_date, numeral
from desktop.briefing.types import Masthead
from desktop.errors import UserError
from desktop.models import meetings as mt
from desktop.models.store import Store

MINUTES_SUFFIX = "纪要"


@dataclass
class Block:
    style: str  # masthead, title, body, plain, right, centre, h1, names, table, page, sheet
    text: str = ""
    header: tuple[str, ...] = ()
    rows: list[list[str]] = field(default_factory=list)
    widths: tuple[float, ...] = ()
    label: str = ""  # names: 出席 / 请假 / 列席


@dataclass
class MeetingDocument:
    kind: str  # minutes / reminder
    blocks: list[Block]
    count: int = 1


def _masthead_name(meeting: dict[str, Any], masthead: str) -> str:
    if masthead:
        return masthead
    title = meeting["title"]
    return title if title.endswith(MINUTES_SUFFIX) else title + MINUTES_SUFFIX


def _item_rows(items: list[mt.MeetingItem]) -> list[list[str]]:
    return [
        [str(i + 1), f"{item.label} {item.title}", item.unit, item.due]
        for i, item in enumerate(items)
    ]


def _previous_rows(items: list[mt.MeetingItem], today: date) -> list[list[str]]:
    return [
        [str(i + 1), f"{item.label} {item.title}", item.unit, item.due, item.state(today),
         item.report or "尚未报送进展"]
        for i, item in enumerate(items)
    ]  # fmt: skip


def minutes_blocks(store: Store, meeting_id: str, head: Masthead) -> MeetingDocument:
    db = store.db
    meeting = mt.meeting(db, meeting_id)
    items = mt.meeting_items(db, meeting_id)
    held = date.fromisoformat(meeting["date"])
    blocks = [Block("masthead")]
    chair = f"{meeting['chair']}主持召开" if meeting["chair"] else "召开"
    opening = f"{chinese_date(held)}，{chair}{meeting['title']}"
    previous, before = mt.previous_items(db, meeting_id)
    if previous is not None and before:
        before_day = chinese_date(date.fromisoformat(previous["date"]))
        opening += f"，听取了{before_day}{previous['title']}议定事项落实情况汇报"
    opening += "，研究部署有关工作。现将议定事项纪要如下："
    blocks.append(Block("body", opening))
    n = 0
    if previous is not None and before:
        blocks.append(Block("h1", f"{numeral(n)}、上次会议议定事项落实情况"))
        n += 1
        done = sum(1 for i in before if i.done_date)
        late = sum(1 for i in before if i.state(head.date) == "逾期未办结")
        blocks.append(
            Block(
                "body",
                f"{before_day}{previous['title']}议定事项{len(before)}项，"
                f"已办结{done}项，逾期未办结{late}项，其余正在办理。",
            )  # fmt: skip
        )
        blocks.append(Block("table", header=("序号", "事项", "责任单位", "时限", "办理情况", "最新进展"),
                            rows=_previous_rows(before, head.date),
                            widths=(10, 40, 26, 22, 20, 38)))  # fmt: skip
    if items:
        if n:
            blocks.append(Block("h1", f"{numeral(n)}、本次会议议定事项"))
        for i, item in enumerate(items):
            blocks.append(
                Block(
                    "body",
                    f"（{numeral(i)}）{item.title}。由{item.unit}负责，"
                    f"{chinese_date(date.fromisoformat(item.due))}前完成（{item.label}）。",
                )  # fmt: skip
            )
    else:
        blocks.append(Block("body", "本次会议未形成议定事项。"))
    if meeting["note"]:
        blocks.append(Block("body", meeting["note"]))
    for column, label in mt.NAME_LISTS.items():
        if meeting[column]:
            blocks.append(Block("names", "、".join(meeting[column]), label=label))
    return MeetingDocument("minutes", blocks)


def reminder_blocks(
    store: Store, meeting_id: str, head: Masthead, unit_names: list[str] | None
) -> MeetingDocument:
    db = store.db
    meeting = mt.meeting(db, meeting_id)
    grouped = mt.items_by_unit(db, meeting_id)
    if unit_names:
        unknown = [u for u in unit_names if u not in grouped]
        if unknown:
            raise UserError("本次会议没有交给“{}”的议定事项。", unknown)
        grouped = {u: grouped[u] for u in unit_names}
    if not grouped:
        raise UserError("该会议还没有议定事项，无法生成工作提醒函。")
    held = chinese_date(date.fromisoformat(meeting["date"]))
    issuer = head.issuer or "督查办公室"
    blocks: list[Block] = []
    for n, (unit, items) in enumerate(grouped.items()):
        if n:
            blocks.append(Block("page"))
        blocks += [Block("sheet"), Block("title", "工作提醒函"), Block("plain", f"{unit}：")]
        blocks.append(
            Block(
                "body",
                f"根据{held}{meeting['title']}议定事项，你单位负责以下{len(items)}项工作"
                "（已列入督办事项），现提醒如下：",
            )  # fmt: skip
        )
        blocks.append(Block("table", header=("序号", "事项", "责任单位", "完成时限"),
                            rows=_item_rows(items), widths=(12, 84, 34, 26)))  # fmt: skip
        blocks.append(
            Block(
                "body",
                "请对照时限抓好落实，按期报送进展情况；确有困难需要延期的，"
                f"请在时限前书面说明理由。办结后请及时向{issuer}申请销号。",
            )  # fmt: skip
        )
        blocks.append(Block("right", f"{issuer}　　"))
        blocks.append(Block("right", f"{chinese_date(head.date)}　　"))
    return MeetingDocument("reminder", blocks, count=len(grouped))


def build(
    store: Store, kind: str, options: Any, today: date
) -> tuple[str, Masthead, MeetingDocument]:
    """(PDF title, masthead, document) of a ``minutes`` or ``reminder`` (options.meeting_id)."""
    if not options.meeting_id:
        raise UserError("会议纪要和工作提醒函需要指定会议（--meeting）。")
    meeting = mt.meeting(store.db, options.meeting_id)
    day = options.meeting_date or date.fromisoformat(meeting["date"])
    if kind == "minutes":
        head = Masthead(
            name=_masthead_name(meeting, options.masthead), date=day, issuer=options.issuer,
            number=options.number, confidentiality=options.confidentiality,
        )  # fmt: skip
        return head.name, head, minutes_blocks(store, options.meeting_id, head)
    head = Masthead(name="工作提醒函", date=day, issuer=options.issuer,
                    confidentiality=options.confidentiality)  # fmt: skip
    units = options.unit_names or None
    return "工作提醒函", head, reminder_blocks(store, options.meeting_id, head, units)


# -- rendering ------------------------------------------------------------------------------


def story(styles: Any, document: MeetingDocument, head: Masthead, scheme: str) -> list:
    """The PDF flowables of the blocks."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

    from desktop.briefing.layout import BODY_LEADING, BODY_SIZE, SheetStart, escape, paras, table
    from desktop.briefing.pdf_overview import masthead

    out: list = []
    for block in document.blocks:
        if block.style == "masthead":
            out += masthead(styles, head)
        elif block.style == "page":
            out.append(PageBreak())
        elif block.style == "sheet":
            out.append(SheetStart())
            if head.confidentiality:
                out += paras(styles, "mark", head.confidentiality)
        elif block.style == "table":
            out.append(table(styles, block.header, block.rows, block.widths, scheme=scheme,
                             centred=(0,)))  # fmt: skip
            out.append(Spacer(1, BODY_LEADING / 3))
        elif block.style == "names":
            names = ParagraphStyle("names", parent=styles.plain, leftIndent=5 * BODY_SIZE,
                                   firstLineIndent=-3 * BODY_SIZE)  # fmt: skip
            text = (
                f'<font name="{styles.fonts["heiti"]}">{block.label}：</font>{escape(block.text)}'
            )
            out.append(KeepTogether([Spacer(1, BODY_LEADING / 2), Paragraph(text, names)]))
        else:
            out += paras(styles, block.style, block.text)
    return out


def write_docx(document: MeetingDocument, head: Masthead, path: str) -> None:
    """The same blocks as a Word document (the briefing's Word styles)."""
    from docx.enum.section import WD_SECTION

    from desktop.briefing import docx_render as dr

    doc = dr._new_document()
    for block in document.blocks:
        if block.style == "masthead":
            dr._masthead(doc, head)
        elif block.style == "page":
            doc.add_section(WD_SECTION.NEW_PAGE)
        elif block.style == "sheet":
            if head.confidentiality:
                dr._paragraph(doc, "plain", head.confidentiality)
        elif block.style == "table":
            dr._table(doc, block.header, block.rows, block.widths)
        elif block.style == "title":
            doc.add_paragraph(block.text, style="Title")
        elif block.style == "names":
            paragraph = doc.add_paragraph()
            dr._set_font(paragraph.add_run(f"{block.label}："), dr.HEITI)
            paragraph.add_run(block.text)
        else:
            dr._paragraph(doc, block.style, block.text)
    doc.save(path)
