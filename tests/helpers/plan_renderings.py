"""The demo plan re-rendered in the styles other offices publish plans in.

Every rendering is generated from the parsed demo plan (tasks, work items,
units by role), so nothing binary is hand-made: .docx with python-docx, .xlsx
with openpyxl, .pdf with reportlab. ``expected(plan)`` is what any rendering
must import back to: per task, the set of (role, unit) pairs.
"""

from __future__ import annotations

from pathlib import Path

from desktop.importer.docx_numbering import chinese_number
from desktop.importer.model import ParsedPlan, ParsedTask

CN = chinese_number


def expected(plan: ParsedPlan) -> list[set[tuple[str, str]]]:
    return [{(u.role, u.name) for item in t.items for u in item.units} for t in plan.tasks]


def expected_lead_first(plan: ParsedPlan) -> list[set[tuple[str, str]]]:
    """Under 列第一位者为牵头单位, a list of several 责任 units reads first = lead."""
    out = []
    for task in plan.tasks:
        pairs = set()
        for item in task.items:
            roles = {u.role for u in item.units}
            for i, u in enumerate(item.units):
                role = u.role
                if roles == {"responsible"} and len(item.units) > 1:
                    role = "lead" if i == 0 else "support"
                pairs.add((role, u.name))
        out.append(pairs)
    return out


def _names(item, role: str) -> list[str]:
    return [u.name for u in item.units if u.role == role]


def _sections(plan: ParsedPlan) -> dict[str, str]:
    return {s.key: s.title for s in plan.sections}


def _item_texts(task: ParsedTask) -> list[str]:
    texts = []
    for i, item in enumerate(task.items):
        text = item.text.replace("\n", "")
        if i == 0 and text.startswith(f"{task.no}."):
            text = text[len(f"{task.no}.") :].strip()
        texts.append(text or task.title)
    return texts


def walk(plan: ParsedPlan):
    """(section path titles that start here, task) in document order."""
    titles = _sections(plan)
    seen: set[str] = set()
    for task in plan.tasks:
        starts = []
        parts = task.section_key.split("/") if task.section_key else []
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key not in seen:
                seen.add(key)
                starts.append((depth, parts[depth - 1], titles.get(key, "")))
        yield starts, task


def verb_attribution(item, lead_first: bool = False) -> str:
    lead, support, resp = (_names(item, r) for r in ("lead", "support", "responsible"))
    if lead_first:
        return "（" + "、".join(lead + support + resp) + "负责）"
    parts = []
    if lead:
        parts.append("、".join(lead) + "牵头")
    if support:
        parts.append("、".join(support) + ("配合" if len(support) % 2 else "参与"))
    if resp:
        parts.append("、".join(resp) + "负责")
    return "（" + "，".join(parts) + "）"


def national(plan: ParsedPlan) -> str:
    """Action areas as 一、 sections, tasks （一）（二）… restarting in each, 列第一位者为牵头单位."""
    lines = [plan.title, "（列第一位者为牵头单位，下同）"]
    section, n, current = 0, 0, None
    titles = _sections(plan)
    for task in plan.tasks:
        if task.section_key != current:
            current = task.section_key
            section, n = section + 1, 0
            lines.append(f"{CN(section)}、{titles.get(current, '重点任务')}")
        n += 1
        body = "".join(
            text + verb_attribution(item, lead_first=True)
            for text, item in zip(_item_texts(task), task.items, strict=True)
        )
        lines.append(f"（{CN(n)}）{body}")
    return "\n".join(lines)


def verb_forms(plan: ParsedPlan) -> str:
    """The demo's outline, attributions as （X牵头，Y配合）/（Y参与）/（X、Y负责）."""
    lines = [plan.title]
    for starts, task in walk(plan):
        for depth, no, title in starts:
            lines.append(f"{no}、{title}" if depth == 1 else f"（{no}）{title}")
        body = "".join(
            text + verb_attribution(item)
            for text, item in zip(_item_texts(task), task.items, strict=True)
        )
        lines.append(f"{task.no}. {body}")
    return "\n".join(lines)


def label_lines(plan: ParsedPlan) -> str:
    """Tasks numbered （1）, restarting per section; labels on their own lines."""
    lines = [plan.title]
    n = 0
    for starts, task in walk(plan):
        for depth, no, title in starts:
            lines.append(f"{no}、{title}" if depth == 1 else f"（{no}）{title}")
            n = 0
        n += 1
        for i, (text, item) in enumerate(zip(_item_texts(task), task.items, strict=True)):
            lines.append(f"（{n}）{text}" if i == 0 else text)
            for role, label in (
                ("lead", "牵头单位"),
                ("support", "配合单位"),
                ("responsible", "责任单位"),
            ):
                names = _names(item, role)
                if names:
                    lines.append(f"{label}：{'、'.join(names)}")
    return "\n".join(lines)


HEADER = ["序号", "重点任务", "牵头 单位", "配合单位", "责任单位", "完成时限"]


def table_rows(plan: ParsedPlan) -> list[list[str]]:
    """One row per work item; 序号 14-1 … for tasks with several items."""
    rows = []
    for task in plan.tasks:
        texts = _item_texts(task)
        for i, item in enumerate(task.items):
            no = str(task.no) if len(task.items) == 1 else f"{task.no}-{i + 1}"
            rows.append(
                [no, texts[i]]
                + ["、".join(_names(item, r)) for r in ("lead", "support", "responsible")]
                + ["2025年底前"]
            )
    return rows


def text_table(plan: ParsedPlan) -> str:
    lines = [plan.title, " | ".join(HEADER), " | ".join("---" for _ in HEADER)]
    lines += [" | ".join(row) for row in table_rows(plan)]
    return "\n".join(lines)


def word_table(plan: ParsedPlan, path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(plan.title)
    table = document.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row in table_rows(plan):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.save(path)
    return path


def excel_table(plan: ParsedPlan, path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([plan.title])
    sheet.append(HEADER)
    for row in table_rows(plan):
        sheet.append([int(row[0]) if row[0].isdigit() else row[0], *row[1:]])
    book.save(path)
    return path


def word_auto_numbering(plan: ParsedPlan, path: Path) -> Path:
    """一、/（一）/1. typed by Word's list numbering (numPr), not in the text."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvl_xml = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(levels)
    )
    numbering.append(
        parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{lvl_xml}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )

    def numbered(text: str, ilvl: int) -> None:
        paragraph = document.add_paragraph(text)
        ppr = paragraph._p.get_or_add_pPr()
        ppr.append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="90"/></w:numPr>'
            )
        )
        assert ppr.find(qn("w:numPr")) is not None

    document.add_paragraph(plan.title)
    for starts, task in walk(plan):
        for depth, _no, title in starts:
            numbered(title, depth - 1)
        body = "".join(
            text + verb_attribution(item)
            for text, item in zip(_item_texts(task), task.items, strict=True)
        )
        numbered(body, 2)
    document.save(path)
    return path


def pdf(text: str, path: Path) -> Path:
    """``text`` typeset on A4 pages with a CJK font, lines wrapped at the margin."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    size, margin = 10.5, 56
    per_line = int((width - 2 * margin) // size)
    y = height - margin
    page = 1
    for paragraph in text.split("\n"):
        chunks = [paragraph[i : i + per_line] for i in range(0, len(paragraph), per_line)] or [""]
        for chunk in chunks:
            if y < margin + size:
                c.setFont("WQY", 9)
                c.drawCentredString(width / 2, margin / 2, f"- {page} -")
                c.showPage()
                page += 1
                y = height - margin
            c.setFont("WQY", size)
            c.drawString(margin, y, chunk)
            y -= size * 1.6
    c.showPage()
    c.save()
    return path


def gb18030_mixed(text: str) -> bytes:
    """Half-width punctuation in every other paragraph, encoded GB18030."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i % 2:
            line = line.translate(str.maketrans("（）：；，", "():;,"))
        out.append(line)
    return "\r\n".join(out).encode("gb18030")


def traditional(text: str) -> str:
    """The text as a traditional-character site reposts it (发展改革委 -> 發展改革委)."""
    from desktop.importer.hant import _SIMPLIFIED, _TRADITIONAL

    back: dict[str, str] = {}
    for trad, simp in zip(_TRADITIONAL, _SIMPLIFIED, strict=True):
        back.setdefault(simp, trad)
    return text.translate(str.maketrans(back))
