"""Word automatic list numbering (numPr) -> the number text a reader sees.

In a .docx, ``一、`` / ``（一）`` / ``1.`` typed by Word's numbering feature are
not in the paragraph text: the paragraph (or its style) names a list (numId)
and a level (ilvl), and ``numbering.xml`` says how that level is counted and
written (``numFmt`` chineseCounting, ``lvlText`` ``（%1）``…). ``Numbering``
replays the counters in document order and returns the label of each
paragraph, so the structure parser sees the numbers the author saw.
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

from .outline import CN_DIGITS

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_PLACEHOLDER = re.compile(r"%([1-9])")


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五."""
    if n <= 0:
        return str(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + chinese_number(rest) if rest < 10 else chinese_number(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return CN_DIGITS[n // 100 % 10] + "百" + tail


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified"):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalZero, decimalFullWidth …


class Numbering:
    """Replays list counters over a document's paragraphs, in order."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> …
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.findall(qn("w:abstractNum")):
            abstract[node.get(qn("w:abstractNumId"))] = self._levels(node)
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            levels = dict(abstract.get(ref.get(qn("w:val")), {}))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in levels:
                    _old, fmt, text = levels[ilvl]
                    levels[ilvl] = (int(start.get(qn("w:val"), "1")), fmt, text)
            self.levels[num.get(qn("w:numId"))] = levels

    @staticmethod
    def _levels(node) -> dict[int, tuple[int, str, str]]:
        levels = {}
        for lvl in node.findall(qn("w:lvl")):
            ilvl = int(lvl.get(qn("w:ilvl"), "0"))
            start = lvl.find(qn("w:start"))
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            levels[ilvl] = (
                int(start.get(qn("w:val"), "1")) if start is not None else 1,
                fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                text.get(qn("w:val"), "") if text is not None else "",
            )
        return levels

    def label(self, paragraph) -> str:
        """The number text of ``paragraph`` ("" when it is not numbered)."""
        if not self.levels:
            return ""
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        start = levels[ilvl][0]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        _start, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return ""

        def fill(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            value = counters[level] or levels.get(level, (1, "", ""))[0]
            return format_number(value, levels.get(level, (1, "decimal", ""))[1])

        return _PLACEHOLDER.sub(fill, text)

    @staticmethod
    def _num_pr(paragraph) -> tuple[str | None, int]:
        for element in (paragraph._p, getattr(paragraph.style, "element", None)):
            if element is None:
                continue
            ppr = element.find(qn("w:pPr"))
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            if num_pr is None:
                continue
            num_id = num_pr.find(qn("w:numId"))
            ilvl = num_pr.find(qn("w:ilvl"))
            return (
                num_id.get(qn("w:val")) if num_id is not None else None,
                int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0,
            )
        return None, 0
