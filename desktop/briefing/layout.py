"""Page layout of the briefing PDFs (GB/T 9704-2012, followed by analogy).

A4; top margin 37 mm, binding (left) margin 28 mm, text block 156 × 225 mm,
so right 26 mm and bottom 35 mm. Body in 3号 (16 pt) 仿宋, set at 15.75 pt on
a 29 pt line so that 28 characters fill a line and 22 lines a page. Page
numbers "— 1 —" in 4号 (14 pt), 7 mm below the text block, one character in
from the outer edge: right on odd pages, left on even ones. Attachments are
landscape pages (text block 225 × 156 mm). Tables repeat their header row on
every page and never cut a row in half; Chinese wraps with ``wordWrap='CJK'``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from desktop.briefing.fonts import FontSet
from desktop.errors import UserError

TOP, BINDING, BLOCK_W, BLOCK_H = 37 * mm, 28 * mm, 156 * mm, 225 * mm
BOTTOM = A4[1] - TOP - BLOCK_H  # 35 mm
BODY_SIZE, BODY_LEADING = 15.75, 29.0  # 3号 at 28 characters × 22 lines
PAGE_NO_SIZE = 14.0  # 4号
TABLE_SIZE, TABLE_LEADING = 10.5, 14.0  # 五号 in tables
RED = colors.HexColor("#C00000")

# Status colours per scheme, always printed next to a text mark.
COLOUR_SCHEMES: dict[str, dict[str, str]] = {
    "red-yellow-green": {
        "overdue": "#C00000",
        "behind": "#B8860B",
        "due_soon": "#B8860B",
        "on_track": "#2E7D32",
        "done": "#555555",
        "not_scheduled": "#555555",
    },
    "blue-yellow-red": {
        "overdue": "#C00000",
        "behind": "#B8860B",
        "due_soon": "#1F4E9E",
        "on_track": "#333333",
        "done": "#555555",
        "not_scheduled": "#555555",
    },
}
TINTS = {"#C00000": "#F8D7D7", "#B8860B": "#FCF1CC", "#2E7D32": "#DCEFD9", "#1F4E9E": "#D9E4F5"}


class Cancelled(Exception):
    """The user cancelled the generation; nothing was written."""


@dataclass
class Styles:
    fonts: FontSet

    def __post_init__(self) -> None:
        f = self.fonts
        base = {"wordWrap": "CJK", "fontSize": BODY_SIZE, "leading": BODY_LEADING}
        self.body = ParagraphStyle(
            "body", fontName=f["fangsong"], firstLineIndent=2 * BODY_SIZE, alignment=TA_JUSTIFY,
            **base,
        )  # fmt: skip
        self.plain = ParagraphStyle("plain", fontName=f["fangsong"], **base)
        self.h1 = ParagraphStyle("h1", fontName=f["heiti"], firstLineIndent=2 * BODY_SIZE, **base)
        self.h2 = ParagraphStyle("h2", fontName=f["kaiti"], firstLineIndent=2 * BODY_SIZE, **base)
        self.h3 = ParagraphStyle(
            "h3", fontName=f["fangsong"], firstLineIndent=2 * BODY_SIZE, **base
        )
        self.title = ParagraphStyle(
            "title", fontName=f["songti"], fontSize=22, leading=36, alignment=TA_CENTER,
            wordWrap="CJK", spaceAfter=BODY_LEADING,
        )  # fmt: skip
        self.masthead = ParagraphStyle(
            "masthead", fontName=f["songti"], fontSize=30, leading=44, alignment=TA_CENTER,
            textColor=RED, wordWrap="CJK",
        )  # fmt: skip
        self.centre = ParagraphStyle("centre", parent=self.plain, alignment=TA_CENTER)
        self.right = ParagraphStyle("right", parent=self.plain, alignment=TA_RIGHT)
        self.mark = ParagraphStyle("mark", parent=self.plain, fontName=f["heiti"])
        self.cell = ParagraphStyle(
            "cell", fontName=f["fangsong"], fontSize=TABLE_SIZE, leading=TABLE_LEADING,
            wordWrap="CJK", alignment=TA_LEFT,
        )  # fmt: skip
        self.cell_centre = ParagraphStyle("cellc", parent=self.cell, alignment=TA_CENTER)
        self.head = ParagraphStyle(
            "head", parent=self.cell, fontName=f["heiti"], alignment=TA_CENTER
        )


def escape(text: object) -> str:
    """Text for a Paragraph (its mini-markup must not see < > &)."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RedRule(Flowable):
    """The red separation line under a masthead (版头分隔线)."""

    def __init__(self, width: float, thickness: float = 1.5, space: float = 6) -> None:
        super().__init__()
        self.width, self.thickness, self.space = width, thickness, space

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.thickness + 2 * self.space

    def draw(self) -> None:
        self.canv.setStrokeColor(RED)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, self.space, self.width, self.space)


def status_cell(styles: Styles, state: str, text: str, scheme: str) -> Paragraph:
    """A coloured mark AND its words (colour alone does not print in black and white)."""
    colour = COLOUR_SCHEMES.get(scheme, COLOUR_SCHEMES["red-yellow-green"])[state]
    return Paragraph(f'<font color="{colour}">●</font>{escape(text)}', styles.cell_centre)


def status_tint(state: str, scheme: str) -> colors.Color | None:
    colour = COLOUR_SCHEMES.get(scheme, COLOUR_SCHEMES["red-yellow-green"])[state]
    tint = TINTS.get(colour)
    return colors.HexColor(tint) if tint else None


def table(
    styles: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths_mm: Sequence[float],
    *,
    tints: Sequence[tuple[int, int, colors.Color]] = (),
    centred: Sequence[int] = (),
) -> LongTable:
    """A ruled table: header repeated on each page, rows never split, CJK wrapped.

    Cells that are strings become Paragraphs (``centred`` column indexes are
    centred); Flowables are used as they are. ``tints``: (column, row, colour)
    backgrounds, row counted without the header."""
    data: list[list[object]] = [[Paragraph(escape(h), styles.head) for h in header]]
    for row in rows:
        cells = []
        for col, value in enumerate(row):
            if isinstance(value, Flowable):
                cells.append(value)
            else:
                style = styles.cell_centre if col in centred else styles.cell
                cells.append(Paragraph(escape(value), style))
        data.append(cells)
    widths = [w * mm for w in widths_mm]
    result = LongTable(data, colWidths=widths, repeatRows=1, splitByRow=1)
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E7E6E6")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (c, r + 1), (c, r + 1), tint) for c, r, tint in tints]
    result.setStyle(commands)
    return result


def landscape_pages() -> list[Flowable]:
    """Switch the following content to landscape pages (for attachments)."""
    return [NextPageTemplate("landscape"), PageBreak()]


def _page_number(canvas, doc, page_size: tuple[float, float], left: float, width: float) -> None:
    number = canvas.getPageNumber()
    text = f"— {number} —"
    canvas.saveState()
    canvas.setFont(doc.page_number_font, PAGE_NO_SIZE)
    y = (BOTTOM if page_size == A4 else (page_size[1] - BLOCK_W) / 2) - 7 * mm - PAGE_NO_SIZE
    if number % 2:  # odd: right, one character in
        canvas.drawRightString(left + width - PAGE_NO_SIZE, y, text)
    else:
        canvas.drawString(left + PAGE_NO_SIZE, y, text)
    canvas.restoreState()
    if doc.cancelled is not None and doc.cancelled():
        raise Cancelled()
    if doc.on_page is not None:
        doc.on_page(number)


class BriefingDoc(BaseDocTemplate):
    """Portrait pages (GB/T 9704 text block) and landscape attachment pages."""

    def __init__(
        self,
        filename: str,
        fonts: FontSet,
        title: str,
        *,
        cancelled: Callable[[], bool] | None = None,
        on_page: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(
            filename, pagesize=A4, title=title, author="联动", creator="联动 Liandong",
            leftMargin=BINDING, rightMargin=A4[0] - BINDING - BLOCK_W,
            topMargin=TOP, bottomMargin=BOTTOM,
        )  # fmt: skip
        self.page_number_font = fonts["songti"]
        self.cancelled = cancelled
        self.on_page = on_page
        wide = landscape(A4)
        wide_left = (wide[0] - BLOCK_H) / 2
        wide_bottom = (wide[1] - BLOCK_W) / 2
        portrait = PageTemplate(
            "portrait",
            [Frame(BINDING, BOTTOM, BLOCK_W, BLOCK_H, 0, 0, 0, 0, id="body")],
            onPage=lambda c, d: _page_number(c, d, A4, BINDING, BLOCK_W),
            pagesize=A4,
        )
        wide_page = PageTemplate(
            "landscape",
            [Frame(wide_left, wide_bottom, BLOCK_H, BLOCK_W, 0, 0, 0, 0, id="wide")],
            onPage=lambda c, d: _page_number(c, d, wide, wide_left, BLOCK_H),
            pagesize=wide,
        )
        self.addPageTemplates([portrait, wide_page])


def writable_target(out: Path) -> Path:
    """``out`` resolved, after checking its folder exists and can be written."""
    out = Path(out).expanduser()
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise UserError(f"输出路径是一个文件夹：{out}。请给出文件名。")
    if not folder.is_dir():
        raise UserError(f"输出文件夹不存在：{folder}")
    if not os.access(folder, os.W_OK):
        raise UserError(f"没有权限写入文件夹：{folder}")
    return out


def replace_into(out: Path, write: Callable[[str], None], suffix: str) -> None:
    """Write through a temporary file next to ``out``, then move it in place:
    a failure or a cancel leaves the old file (or no file)."""
    handle, temp = tempfile.mkstemp(prefix=".liandong-", suffix=suffix, dir=out.parent)
    os.close(handle)
    try:
        write(temp)
        try:
            os.replace(temp, out)
        except PermissionError as exc:
            raise UserError(
                f"无法写入 {out}：文件可能正被其他程序（如 WPS、Word、PDF 阅读器）打开，"
                "请关闭后再试。",
                detail=str(exc),
            ) from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
