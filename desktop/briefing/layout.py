"""Page layout of the briefing PDFs (GB/T 9704-2012, followed by analogy).

A4; top margin 37 mm, binding (left) margin 28 mm, text block 156 × 225 mm,
so right 26 mm and bottom 35 mm. Body in 3号 (16 pt) 仿宋, set at 15.75 pt on
a 28.9 pt line so that 28 characters fill a line and 22 lines a page. Page
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

import reportlab.lib.textsplit as reportlab_textsplit
import reportlab.platypus.paragraph as reportlab_paragraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from desktop.briefing.fonts import FontSet
from desktop.errors import UserError

TOP, BINDING, BLOCK_W, BLOCK_H = 37 * mm, 28 * mm, 156 * mm, 225 * mm
BOTTOM = A4[1] - TOP - BLOCK_H  # 35 mm
BODY_SIZE, BODY_LEADING = 15.75, 28.9  # 3号 at 28 characters × 22 lines (225 mm / 22)
PAGE_NO_SIZE = 14.0  # 4号
TABLE_SIZE, TABLE_LEADING = 10.0, 13.5  # about 五号 (10.5 pt) in tables
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


# ReportLab's CJK line breaking keeps Japanese closing marks off the start of a line
# (they hang in the margin) but not the Chinese full-width ones (，：；？！》”…): add
# them, in both places it looks (process-wide, additive).
_CHINESE_NO_LINE_START = "，。、；：？！）》」』”’〉】〕…％"
for _module in (reportlab_textsplit, reportlab_paragraph):
    _module.ALL_CANNOT_START += "".join(
        c for c in _CHINESE_NO_LINE_START if c not in _module.ALL_CANNOT_START
    )


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
        heading = {"firstLineIndent": 2 * BODY_SIZE, **base}
        self.h1 = ParagraphStyle("h1", fontName=f["heiti"], **heading)
        self.h2 = ParagraphStyle("h2", fontName=f["kaiti"], **heading)
        self.h3 = ParagraphStyle("h3", fontName=f["fangsong"], **heading)
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


def paras(styles: Styles, kind: str, text: str) -> list[Flowable]:
    """A paragraph of style ``kind``; a heading starts a new page when fewer than
    four lines are left (never alone at the foot of a page, while the table after
    it may still split)."""
    paragraph = Paragraph(escape(text), getattr(styles, kind))
    if kind in ("h1", "h2", "h3"):
        return [CondPageBreak(4 * BODY_LEADING), paragraph]
    return [paragraph]


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


@dataclass(frozen=True)
class Mark:
    """A status cell: a coloured ● and its words (colour alone does not survive a
    black-and-white copy), on a light tint of the colour."""

    state: str
    text: str


def _scheme(scheme: str) -> dict[str, str]:
    return COLOUR_SCHEMES.get(scheme, COLOUR_SCHEMES["red-yellow-green"])


# Characters that must not start a line (避头) and must not end one (避尾).
NO_LINE_START = set("，。、；：？！）》」』”’…—%,.;:?!)]}")
NO_LINE_END = set("（《「『“‘([{")
CELL_PAD = 3.0
HEADER_FILL = colors.HexColor("#E7E6E6")


class _Widths:
    """Character widths of one font and size, cached (CJK faces: mostly one width)."""

    def __init__(self, font_name: str, size: float) -> None:
        self.font = pdfmetrics.getFont(font_name)
        self.size = size
        self.cache: dict[str, float] = {}

    def __call__(self, char: str) -> float:
        width = self.cache.get(char)
        if width is None:
            width = self.cache[char] = self.font.stringWidth(char, self.size)
        return width


def wrap_cjk(text: str, width: float, measure: _Widths) -> list[str]:
    """Greedy line breaking for Chinese: any character may end a line, except that
    closing punctuation never starts one (the character before it moves down with
    it) and opening punctuation never ends one; Latin words and numbers are not
    broken unless longer than a line. No line is wider than ``width``."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line, used = "", 0.0
        i, n = 0, len(paragraph)
        while i < n:
            char = paragraph[i]
            # keep runs of ASCII letters/digits together (dates, numbers, words)
            j = i + 1
            if char.isascii() and char.isalnum():
                while (
                    j < n
                    and paragraph[j].isascii()
                    and (paragraph[j].isalnum() or paragraph[j] in "-.:/%")
                ):
                    j += 1
            token = paragraph[i:j]
            token_width = sum(measure(c) for c in token)
            if token_width > width and len(token) > 1:  # longer than a line: break it anywhere
                for c in token:
                    if used + measure(c) > width and line:
                        lines.append(line)
                        line, used = "", 0.0
                    line += c
                    used += measure(c)
                i = j
                continue
            if used + token_width > width and line:
                if token[0] in NO_LINE_START and len(line) > 1:  # take a character along
                    carry = line[-1] + token
                    lines.append(line[:-1])
                    line, used = carry, sum(measure(c) for c in carry)
                    i = j
                    continue
                if line[-1] in NO_LINE_END and len(line) > 1:
                    carry = line[-1]
                    lines.append(line[:-1])
                    line, used = carry, measure(carry)
                else:
                    lines.append(line)
                    line, used = "", 0.0
            line += token
            used += token_width
            i = j
        lines.append(line)
    return lines


class PagedTable(Flowable):
    """A ruled table that breaks across pages in linear time.

    Cells are wrapped once (``wrap_cjk``) and every row's height is known up
    front, so a page takes the rows that fit whole (a row is never cut in
    half) under a repeat of the header row; ReportLab's own split re-measures
    all remaining rows on every page, which is quadratic for long lists."""

    def __init__(
        self,
        styles: Styles,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths_mm: Sequence[float],
        scheme: str = "red-yellow-green",
        centred: Sequence[int] = (),
        *,
        _prepared: tuple | None = None,
    ) -> None:
        super().__init__()
        self.widths = [w * mm for w in widths_mm]
        self.styles, self.scheme, self.centred = styles, scheme, tuple(centred)
        if _prepared is not None:
            self.head, self.head_height, self.cells, self.heights, self.marks = _prepared
        else:
            self._prepare(header, rows)
        self.spaceAfter = 8

    def _lines(self, text: object, col: int, measure: _Widths) -> str:
        return "\n".join(wrap_cjk(str(text), self.widths[col] - 2 * CELL_PAD - 0.5, measure))

    def _prepare(self, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        fonts = self.styles.fonts
        head_measure = _Widths(fonts["heiti"], TABLE_SIZE)
        cell_measure = _Widths(fonts["fangsong"], TABLE_SIZE)
        self.head = [self._lines(h, c, head_measure) for c, h in enumerate(header)]
        self.head_height = self._height(self.head)
        self.cells, self.heights, self.marks = [], [], []
        for row in rows:
            cells, marks = [], {}
            for col, value in enumerate(row):
                if isinstance(value, Mark):
                    marks[col] = value.state
                    value = f"●{value.text}"
                cells.append(self._lines(value, col, cell_measure))
            cells = [self._fit_page(cell) for cell in cells]
            self.cells.append(cells)
            self.marks.append(marks)
            self.heights.append(self._height(cells))

    def _fit_page(self, cell: str) -> str:
        """A row must fit on one (landscape) page under the header, or it could never
        be placed without cutting it: a cell longer than that ends with "……（略）"."""
        room = BLOCK_W - self.head_height - 2 * BODY_LEADING
        most = max(1, int((room - 6) // TABLE_LEADING))
        lines = cell.split("\n")
        if len(lines) <= most:
            return cell
        return "\n".join([*lines[: most - 1], "……（略）"])

    @staticmethod
    def _height(cells: Sequence[str]) -> float:
        lines = max((c.count("\n") + 1 for c in cells), default=1)
        return lines * TABLE_LEADING + 2 + 3 + 1

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self.head_height + sum(self.heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self.head_height
        fit, used = 0, 0.0
        while fit < len(self.heights) and used + self.heights[fit] <= room:
            used += self.heights[fit]
            fit += 1
        if fit == 0:
            return []  # not even one row: start on the next page
        return [self._slice(0, fit), self._slice(fit, len(self.cells))]

    def _slice(self, start: int, stop: int) -> PagedTable:
        prepared = (
            self.head, self.head_height, self.cells[start:stop], self.heights[start:stop],
            self.marks[start:stop],
        )  # fmt: skip
        return PagedTable(
            self.styles, (), (), [w / mm for w in self.widths], self.scheme, self.centred,
            _prepared=prepared,
        )  # fmt: skip

    def draw(self) -> None:
        """Backgrounds, text and rules drawn straight on the canvas (one text object
        per table; no per-cell style resolution)."""
        canvas = self.canv
        fonts = self.styles.fonts
        palette = _scheme(self.scheme)
        lefts = [0.0]
        for width in self.widths:
            lefts.append(lefts[-1] + width)
        tops = [self.height]
        for height in (self.head_height, *self.heights):
            tops.append(tops[-1] - height)
        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, tops[1], lefts[-1], self.head_height, stroke=0, fill=1)
        for r, marks in enumerate(self.marks, start=1):
            for c, state in marks.items():
                tint = TINTS.get(palette[state])
                if tint and state in ("overdue", "behind", "due_soon"):
                    canvas.setFillColor(colors.HexColor(tint))
                    canvas.rect(lefts[c], tops[r + 1], self.widths[c], tops[r] - tops[r + 1], 0, 1)
        text = canvas.beginText()
        measures = {
            fonts["heiti"]: _Widths(fonts["heiti"], TABLE_SIZE),
            fonts["fangsong"]: _Widths(fonts["fangsong"], TABLE_SIZE),
        }
        for r, row in enumerate((self.head, *self.cells)):
            font = fonts["heiti"] if r == 0 else fonts["fangsong"]
            measure = measures[font]
            text.setFont(font, TABLE_SIZE, TABLE_LEADING)
            marks = self.marks[r - 1] if r else {}
            for c, cell in enumerate(row):
                lines = cell.split("\n")
                colour = palette[marks[c]] if c in marks else None
                text.setFillColor(colors.HexColor(colour) if colour else colors.black)
                centre = r == 0 or c in self.centred or c in marks
                block = len(lines) * TABLE_LEADING
                top = tops[r] - (tops[r] - tops[r + 1] - block) / 2
                for i, line in enumerate(lines):
                    baseline = top - i * TABLE_LEADING - (TABLE_LEADING - TABLE_SIZE) / 2
                    baseline -= 0.82 * TABLE_SIZE
                    if centre:
                        x = lefts[c] + (self.widths[c] - sum(measure(ch) for ch in line)) / 2
                    else:
                        x = lefts[c] + CELL_PAD
                    text.setTextOrigin(x, baseline)
                    text.textOut(line)
        canvas.drawText(text)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.5)
        lines = [(0, y, lefts[-1], y) for y in tops]
        lines += [(x, tops[0], x, tops[-1]) for x in lefts]
        canvas.lines(lines)
        canvas.restoreState()


def table(
    styles: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths_mm: Sequence[float],
    *,
    centred: Sequence[int] = (),
    scheme: str = "red-yellow-green",
) -> PagedTable:
    """A ruled table: header repeated on each page, rows never split, CJK wrapped.
    Cells are text or ``Mark`` (a status with its colour)."""
    return PagedTable(styles, header, rows, widths_mm, scheme, centred)


def landscape_pages() -> list[Flowable]:
    """Switch the following content to landscape pages (for attachments)."""
    return [NextPageTemplate("landscape"), PageBreak()]


class SheetStart(Flowable):
    """Restart the page numbers: each unit sheet or notice in one file is numbered
    from — 1 — (drawn at the top of the sheet's first page)."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._doctemplate.sheet_first_page = self.canv.getPageNumber()


def _page_number(canvas, doc, page_size: tuple[float, float], left: float, width: float) -> None:
    number = canvas.getPageNumber() - doc.sheet_first_page + 1
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
        doc.on_page(canvas.getPageNumber())


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
        self.sheet_first_page = 1
        self.cancelled = cancelled
        self.on_page = on_page
        wide = landscape(A4)
        wide_left = (wide[0] - BLOCK_H) / 2
        wide_bottom = (wide[1] - BLOCK_W) / 2
        portrait = PageTemplate(
            "portrait",
            [Frame(BINDING, BOTTOM, BLOCK_W, BLOCK_H, 0, 0, 0, 0, id="body")],
            onPageEnd=lambda c, d: _page_number(c, d, A4, BINDING, BLOCK_W),
            pagesize=A4,
        )
        wide_page = PageTemplate(
            "landscape",
            [Frame(wide_left, wide_bottom, BLOCK_H, BLOCK_W, 0, 0, 0, 0, id="wide")],
            onPageEnd=lambda c, d: _page_number(c, d, wide, wide_left, BLOCK_H),
            pagesize=wide,
        )
        self.addPageTemplates([portrait, wide_page])


def writable_target(out: Path) -> Path:
    """``out`` resolved, after checking its folder exists and can be written."""
    out = Path(out).expanduser()
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise UserError("输出路径是一个文件夹：{}。请给出文件名。", out)
    if not folder.is_dir():
        raise UserError("输出文件夹不存在：{}", folder)
    if not os.access(folder, os.W_OK):
        raise UserError("没有权限写入文件夹：{}", folder)
    return out


def replace_into(out: Path, write: Callable[[str], None], suffix: str) -> None:
    """Write through a temporary file next to ``out``, then move it in place:
    a failure or a cancel leaves the old file (or no file)."""
    handle, temp = tempfile.mkstemp(prefix=".liandong-", suffix=suffix, dir=out.parent)
    os.close(handle)
    try:
        write(temp)
        # mkstemp makes the file private (0600); a document is an ordinary file
        os.chmod(temp, out.stat().st_mode & 0o777 if out.exists() else 0o644)
        try:
            os.replace(temp, out)
        except PermissionError as exc:
            raise UserError(
                "无法写入 {}：文件可能正被其他程序（如 WPS、Word、PDF 阅读器）打开，请关闭后再试。",
                out,
                detail=str(exc),
            ) from exc
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
