"""The 督查通报 and the 单位工作单 as Word documents (python-docx), for offices
that edit the wording in WPS/Word before it goes to the leader.

Same data and wording as the PDF (``desktop.briefing.text``); real Word styles
(标题 1 = 黑体, 标题 2 = 楷体, 正文 = 仿宋 3号 with a two-character indent),
real tables (header row repeated on each page, rows not split across pages),
GB/T 9704 margins, landscape sections for the attachments and page numbers
"— 1 —" at the outer edge (odd/even footers).
"""

from __future__ import annotations

from collections.abc import Sequence

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from desktop.briefing.overview_data import OverviewData, capped
from desktop.briefing.pdf_overview import ATTACHMENT_HEADER
from desktop.briefing.scope import STATE_LABELS, TaskFacts
from desktop.briefing.sheet_data import UnitSheet
from desktop.briefing.text import (
    LEDGER_HINT,
    attachment_titles,
    chinese_date,
    more_note,
    overview_lines,
    plan_name,
    unit_sheet_lines,
)
from desktop.briefing.types import Masthead

# Word font names offices have (Word/WPS substitute when one is missing).
FANGSONG, HEITI, KAITI, SONGTI = "仿宋", "黑体", "楷体", "宋体"
RED = RGBColor(0xC0, 0x00, 0x00)


def _set_font(target, name: str, size: float | None = None) -> None:  # noqa: ANN001
    """Latin and East Asian font of a style or run."""
    target.font.name = name
    if size is not None:
        target.font.size = Pt(size)
    r_pr = target.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _new_document() -> Document:
    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    _set_font(normal, FANGSONG, 16)
    normal.paragraph_format.line_spacing = Pt(28.9)
    normal.paragraph_format.space_after = Pt(0)
    for name, font in (("Heading 1", HEITI), ("Heading 2", KAITI), ("Heading 3", FANGSONG)):
        style = styles[name]
        _set_font(style, font, 16)
        style.font.bold = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.first_line_indent = Pt(32)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = Pt(28.9)
    title = styles["Title"]
    _set_font(title, SONGTI, 22)
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(16)
    for border in title.element.xpath("./w:pPr/w:pBdr"):  # the template's blue rule
        border.getparent().remove(border)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_setup(doc.sections[0], landscape=False)
    return doc


def _page_number_field(paragraph) -> None:  # noqa: ANN001
    """ "— PAGE —" with a real PAGE field (Word fills in the number)."""
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    paragraph.add_run(" —")
    for r in paragraph.runs:
        _set_font(r, SONGTI, 14)


def _page_setup(section, *, landscape: bool) -> None:  # noqa: ANN001
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(36)
        section.top_margin = section.bottom_margin = Mm(27)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28 if not landscape else 20)
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.text = ""
        paragraph.alignment = align
        _page_number_field(paragraph)


def _restart_page_numbers(section) -> None:  # noqa: ANN001
    """Each unit's sheet is numbered from — 1 —."""
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.append(numbering)


def _paragraph(doc, style: str, text: str) -> None:  # noqa: ANN001
    if style in ("h1", "h2", "h3"):
        doc.add_paragraph(
            text, style={"h1": "Heading 1", "h2": "Heading 2"}.get(style, "Heading 3")
        )
        return
    paragraph = doc.add_paragraph(text)
    if style == "body":
        paragraph.paragraph_format.first_line_indent = Pt(32)
    elif style == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif style == "centre":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _mark_row(row, *, header: bool) -> None:  # noqa: ANN001
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)


def _table(doc, header: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float]):  # noqa: ANN001, ANN202
    if header[0] == "序号":  # Word's cell margins are wider than the PDF's: room for 序号
        widths_mm = [widths_mm[0] + 3, widths_mm[1] - 3, *widths_mm[2:]]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        run = cell.paragraphs[0].runs[0]
        _set_font(run, HEITI, 10.5)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _mark_row(table.rows[0], header=True)
    for values in rows:
        row = table.add_row()
        _mark_row(row, header=False)
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = str(text)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing = Pt(14)
            paragraph.paragraph_format.first_line_indent = Pt(0)
            for run in paragraph.runs:
                _set_font(run, FANGSONG, 10.5)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid (LibreOffice and WPS read this)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)  # each cell (Word reads this)
    doc.add_paragraph()
    return table


def _note(doc, text: str) -> None:  # noqa: ANN001
    if text:
        doc.add_paragraph(text)


def _masthead(doc, head: Masthead) -> None:  # noqa: ANN001
    if head.confidentiality:
        run = doc.add_paragraph().add_run(head.confidentiality)
        _set_font(run, HEITI, 16)
    name = doc.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = name.add_run(head.name)
    _set_font(run, SONGTI, 30)
    run.font.color.rgb = RED
    if head.number:
        _paragraph(doc, "centre", head.number)
    if head.issuer:
        doc.add_paragraph(head.issuer)
    _paragraph(doc, "right", chinese_date(head.date))
    rule = doc.add_paragraph()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", "C00000")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    rule._p.get_or_add_pPr().append(border)


def _task_row(i: int, task: TaskFacts) -> list[str]:
    return [
        str(i + 1),
        f"{task.label} {task.title}",
        "、".join(task.lead or task.responsible) or "—",
        "、".join(task.support) or "—",
        task.deadline or "—",
        task.progress_text,
        STATE_LABELS[task.state],
    ]


def write_overview(data: OverviewData, head: Masthead, path: str) -> None:
    doc = _new_document()
    _masthead(doc, head)
    doc.add_paragraph(f"关于{plan_name(data.scope.plan_titles)}落实情况的通报", style="Title")
    lines = overview_lines(data, head)
    for style, text in lines.before_tables:
        _paragraph(doc, style, text)
    if data.targets:
        _paragraph(doc, "h2", "（一）量化目标完成情况")
        rows = [
            [f"{t.task.label} {t.task.title}", t.text, t.goal, t.latest, t.percent, t.gap,
             t.deadline, t.state]
            for t in capped(data.targets, "targets")[0]
        ]  # fmt: skip
        header = ("任务", "指标", "目标值", "最新值", "完成率", "差距", "时限", "状态")
        _table(doc, header, rows, (26, 20, 16, 28, 14, 14, 20, 18))
        _note(doc, more_note(capped(data.targets, "targets")[1], "项量化目标", LEDGER_HINT))
    for style, text in lines.sections:
        _paragraph(doc, style, text)
        if text == lines.overdue_heading and data.overdue:
            rows = [
                [str(i + 1), f"{m.task.label} {m.task.title}", m.title, m.due, m.unit or "—",
                 f"逾期{m.days}天"]
                for i, m in enumerate(capped(data.overdue, "overdue")[0])
            ]  # fmt: skip
            header = ("序号", "任务", "节点", "时限", "责任单位", "状态")
            _table(doc, header, rows, (10, 46, 34, 24, 24, 18))
            left_out = capped(data.overdue, "overdue")[1]
            _note(doc, more_note(left_out, "个逾期节点", "所属任务见附件1"))
    for style, text in lines.closing:
        _paragraph(doc, style, text)
    for index, (tasks, title) in enumerate(
        zip((data.lagging, data.on_track), attachment_titles(), strict=True)
    ):
        section = doc.add_section(WD_SECTION.NEW_PAGE)
        _page_setup(section, landscape=True)
        run = doc.add_paragraph().add_run(f"附件{index + 1}")
        _set_font(run, HEITI, 16)
        doc.add_paragraph(title, style="Title")
        if tasks:
            rows = [_task_row(i, t) for i, t in enumerate(capped(tasks, "attachment")[0])]
            _table(doc, ATTACHMENT_HEADER, rows, (11, 50, 30, 36, 24, 52, 22))
            _note(doc, more_note(capped(tasks, "attachment")[1], "项", LEDGER_HINT))
        else:
            doc.add_paragraph("（无）")
    doc.save(path)


def write_unit_sheets(sheets: list[UnitSheet], head: Masthead, path: str) -> None:
    doc = _new_document()
    for n, sheet in enumerate(sheets):
        if n:
            section = doc.add_section(WD_SECTION.NEW_PAGE)
            _page_setup(section, landscape=False)
            _restart_page_numbers(section)
        if head.confidentiality:
            run = doc.add_paragraph().add_run(head.confidentiality)
            _set_font(run, HEITI, 16)
        doc.add_paragraph("单位工作单", style="Title")
        _paragraph(doc, "centre", f"{sheet.name}　　{chinese_date(head.date)}调度会")
        for style, text, part in unit_sheet_lines(sheet):
            _paragraph(doc, style, text)
            if part in ("lead", "support", "responsible") and sheet.roles[part]:
                other = "配合单位" if part == "lead" else "牵头单位"
                rows = [
                    [str(i + 1), f"{t.label} {t.title}",
                     "、".join(t.support if part == "lead" else (t.lead or t.responsible)) or "—",
                     t.deadline or "—", t.progress_text, STATE_LABELS[t.state]]
                    for i, t in enumerate(sheet.roles[part])
                ]  # fmt: skip
                header = ("序号", "任务", other, "完成时限", "最新进展", "状态")
                _table(doc, header, rows, (10, 37, 25, 24, 38, 22))
            elif part in ("overdue", "upcoming"):
                lines = sheet.overdue if part == "overdue" else sheet.upcoming
                if lines:
                    rows = [
                        [str(i + 1), f"{m.task.label} {m.task.title}", m.title, m.due,
                         f"逾期{m.days}天" if part == "overdue" else f"还有{m.days}天"]
                        for i, m in enumerate(lines)
                    ]  # fmt: skip
                    _table(
                        doc, ("序号", "任务", "节点", "时限", "情况"), rows, (10, 50, 42, 32, 22)
                    )
    doc.save(path)


def write(built, path: str) -> None:  # noqa: ANN001
    """Write a ``documents.Built`` of kind overview or unit."""
    if built.kind in ("minutes", "reminder"):
        from desktop.briefing.meeting_docs import write_docx

        write_docx(built.data, built.head, path)
    elif built.kind == "overview":
        write_overview(built.data, built.head, path)
    else:
        write_unit_sheets(built.data, built.head, path)
