"""The numbered outline of a plan and the choice of its task level.

Every line that starts with a number is an outline item of one *style*,
ordered from the outermost to the innermost as official documents nest them:

    第一章/第一部分 > 一、 > （一） > 1. 1． 1、 > （1） > ① > 一是

An item runs to the next item of the same or an outer style. Each attribution
(牵头单位…, （X牵头，Y配合）…) is *owned* by the innermost item containing it —
except an attribution standing on its own line after the last of a run of
sub-items none of which has one: that one belongs to their parent (``1.``
with ``(1)…(4)`` then ``（责任单位：…）``).

The task level is the style whose items own the most attributions (ties go to
the outer style). Styles outside it are sections; styles inside it are work
items within the task text. So national documents whose attributed items are
``（一）`` directly under ``一、`` get ``（一）`` tasks, and the Changchun plan gets
its ``1.`` tasks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

CN_DIGITS = "零一二三四五六七八九"
_CN_NUM = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# style name -> (rank, pattern). The pattern's group "no" is the number as written.
STYLES: dict[str, tuple[int, re.Pattern[str]]] = {
    "chapter": (0, re.compile(rf"^第(?P<no>[{_CN_NUM}]{{1,4}})(?:章|部分|篇)\s*")),
    "cn": (1, re.compile(rf"^(?P<no>[{_CN_NUM}]{{1,4}})\s*[、．.]\s*")),
    "pcn": (2, re.compile(rf"^[（(]\s*(?P<no>[{_CN_NUM}]{{1,4}})\s*[)）]\s*")),
    # 1. 1． 1、 or "1 任务" (a space only after 1-3 digits: "2023 年" is not a number)
    "ar": (
        3,
        re.compile(r"^(?P<no>\d{1,4})\s*(?:[.．、](?!\d)|(?<!\d{4})\s(?=[\u4e00-\u9fff]))\s*"),
    ),
    "par": (4, re.compile(r"^[（(]\s*(?P<no>\d{1,3})\s*[)）]\s*")),
    "circ": (5, re.compile(rf"^(?P<no>[{_CIRCLED}])\s*")),
    # 一是…二是… at the start of a line (inside a paragraph they are just text).
    "shi": (6, re.compile(rf"^(?P<no>[{_CN_NUM}]{{1,3}})是(?=[\u4e00-\u9fff“\"（(])")),
}
STYLE_LABELS = {
    "chapter": "第一章",
    "cn": "一、",
    "pcn": "（一）",
    "ar": "1.",
    "par": "（1）",
    "circ": "①",
    "shi": "一是",
}


def cn_to_int(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零三 -> 103 (0 when unreadable)."""
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if text.isascii() and text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            current = CN_DIGITS.index(ch)
        elif ch == "两":
            current = 2
        elif ch == "〇":
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return 0
    return total + current


@dataclass
class Line:
    start: int
    end: int
    style: str = ""  # "" for plain text
    no: str = ""  # number as written ("二", "3", "①")
    body: int = 0  # offset where the text after the number starts


@dataclass
class Item:
    line: int  # index into lines
    style: str
    no: str
    start: int
    body: int
    end: int  # end of its extent (exclusive), up to the next same-or-outer item
    parent: int | None = None  # index into items
    owned: int = 0  # attributions owned


@dataclass
class LevelSummary:
    style: str
    count: int
    attributed: int

    def describe(self) -> str:
        return f"{self.count} 个“{STYLE_LABELS[self.style]}”编号条目（其中 {self.attributed} 个标注了责任单位）"


@dataclass
class Outline:
    lines: list[Line]
    items: list[Item] = field(default_factory=list)
    levels: list[LevelSummary] = field(default_factory=list)
    task_style: str = ""

    def rank(self, style: str) -> int:
        return STYLES[style][0]

    def describe(self) -> str:
        """One line per numbering style seen, outermost first (for error messages)."""
        return "\n".join(level.describe() for level in self.levels)


# A notice's list of its attachments: 附件：1. …分解表 / 2. …分解表. Its items are no tasks.
_ATTACHMENT_LIST = re.compile(r"^附件\s*[:：]\s*\d{1,2}\s*[.．、]")
_ATTACHMENT_ITEM = re.compile(
    r"^\d{1,2}\s*[.．、].{2,60}(?:表|清单|方案|名单|目录|计划|细则|办法)[)）]?$"
)


# An item written on the line of the one before it, after that one's closing bracket:
# ``（一）…增长11%左右。(省发改委负责)(二)公共财政收入…``, ``…协办)2.重点抓好…``.
_INLINE_STYLES = ("pcn", "ar", "par")
# A closing bracket with a number or an opening bracket after it.
_AFTER_CLOSER = re.compile(r"[)）\]】〕]\s*(?=[（(\d])")
# The styles' patterns without their ``^``, to match inside a line.
_UNANCHORED = {style: re.compile(STYLES[style][1].pattern[1:]) for style in _INLINE_STYLES}


def _inline_next(raw: str, start: int, style: str, no: str) -> tuple[int, re.Match[str]] | None:
    """The next item of ``style`` (number ``no`` + 1) right after a closing bracket in
    ``raw[start:]``: the bracket's index and the item's number match."""
    n = cn_to_int(no) + 1
    for cut in _AFTER_CLOSER.finditer(raw, start):
        m = _UNANCHORED[style].match(raw, cut.end())
        if m is not None and cn_to_int(m["no"]) == n:
            return cut.start(), m
    return None


def split_lines(src: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    attachments = False  # inside the list that a line 附件：1. … opens
    for raw in src.split("\n"):
        end = pos + len(raw)
        line = Line(pos, end)
        first = raw[:1]
        if attachments and _ATTACHMENT_ITEM.match(raw):
            first = ""  # 2. …分解表: the next attachment's name
        else:
            attachments = bool(_ATTACHMENT_LIST.match(raw))
        if first and (first.isdigit() or first in "（(第" or first in _CN_NUM or first in _CIRCLED):
            for style, (_rank, rx) in STYLES.items():
                m = rx.match(raw)
                if m and m.end() < len(raw):
                    line.style, line.no, line.body = style, m["no"], pos + m.end()
                    break
        lines.append(line)
        while line.style in _INLINE_STYLES:
            found = _inline_next(raw, line.body - pos, line.style, line.no)
            if found is None or found[1].end() >= len(raw):
                break
            closer, m = found
            line.end = pos + closer + 1  # the closing bracket ends the item
            line = Line(pos + m.start(), end, line.style, m["no"], pos + m.end())
            lines.append(line)
        pos = end + 1
    return lines


def build_outline(src: str, lines: list[Line]) -> Outline:
    outline = Outline(lines)
    items = outline.items
    stack: list[int] = []  # open items, outermost first
    for idx, ln in enumerate(lines):
        if not ln.style:
            continue
        rank = STYLES[ln.style][0]
        while stack and STYLES[items[stack[-1]].style][0] >= rank:
            closed = items[stack.pop()]
            closed.end = lines[idx - 1].end
        item = Item(idx, ln.style, ln.no, ln.start, ln.body, len(src))
        item.parent = stack[-1] if stack else None
        items.append(item)
        stack.append(len(items) - 1)
    for i in stack:
        items[i].end = len(src)
    return outline


def assign_attributions(outline: Outline, src: str, positions: list[tuple[int, bool]]) -> None:
    """Give each attribution (start offset, standalone line?) to the item owning it."""
    items = outline.items
    starts = [it.start for it in items]
    siblings: dict[tuple[int | None, str], list[int]] = {}
    for i, it in enumerate(items):
        siblings.setdefault((it.parent, it.style), []).append(i)
    for pos, standalone in positions:
        owner = _innermost(items, starts, pos)
        if owner is None:
            continue
        if standalone:
            owner = _lift_trailing(items, owner, siblings)
        items[owner].owned += 1


def _innermost(items: list[Item], starts: list[int], pos: int) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    while i >= 0:
        if items[i].start <= pos < items[i].end:
            return i
        parent = items[i].parent
        i = parent if parent is not None else -1
    return None


def _lift_trailing(
    items: list[Item], owner: int, siblings: dict[tuple[int | None, str], list[int]]
) -> int:
    """A standalone attribution after the last of several unattributed siblings
    belongs to their parent."""
    item = items[owner]
    if item.parent is None:
        return owner
    run = siblings[(item.parent, item.style)]
    if len(run) < 2 or run[-1] != owner:
        return owner
    if any(items[i].owned for i in run[:-1]):
        return owner
    return item.parent


def choose_task_style(outline: Outline, forced: str = "") -> str:
    counts: dict[str, list[int]] = {}
    for item in outline.items:
        c = counts.setdefault(item.style, [0, 0])
        c[0] += 1
        c[1] += 1 if item.owned else 0
    outline.levels = [
        LevelSummary(style, c[0], c[1])
        for style, c in sorted(counts.items(), key=lambda kv: STYLES[kv[0]][0])
    ]
    if forced:
        outline.task_style = forced
        return forced
    best = max(outline.levels, key=lambda lv: (lv.attributed, -STYLES[lv.style][0]), default=None)
    if best is None or not best.attributed:
        outline.task_style = ""
        return ""
    style = best.style
    tied = [lv.style for lv in outline.levels if lv.attributed == best.attributed]
    for inner in tied[tied.index(style) + 1 :]:
        # A tie between a level and a deeper one whose attributed items are all inside
        # the level's attributed items: the outer attributions are each heading's overall
        # lead (一、…工程 任务分工:…省农委总牵头 over 1.…省水利厅牵头), the inner ones the tasks'.
        if not _all_enclose(outline.items, style, inner):
            break
        style = inner
    outline.task_style = style
    return style


def _all_enclose(items: list[Item], outer: str, inner: str) -> bool:
    """Every ``outer`` item owning an attribution holds an ``inner`` item owning one."""
    holding: set[int] = set()
    for item in items:
        if item.style == inner and item.owned:
            parent = item.parent
            while parent is not None:
                if items[parent].style == outer:
                    holding.add(parent)
                    break
                parent = items[parent].parent
    return all(i in holding for i, it in enumerate(items) if it.style == outer and it.owned)


def part_task_styles(outline: Outline, style: str) -> dict[int, str]:
    """Top-level parts (一、 or 第X部分 items without a parent, above the task level
    ``style``) in which no ``style`` item owns an attribution, nor the part's heading nor
    any level between them, while deeper items do: part's item index -> the deeper
    style owning the most there (ties to the outer). Parts whose units sit at ``style``
    (or nowhere) are not listed: every document whose parts agree reads as before."""
    rank = STYLES[style][0]
    parts: dict[int, str] = {}
    part = -1
    counts: dict[str, int] = {}
    for idx, item in enumerate(outline.items):
        if item.parent is None:
            _close_part(parts, part, counts, rank)
            part, counts = -1, {}
            if STYLES[item.style][0] < rank and not item.owned:
                part = idx
        elif part >= 0 and item.owned:
            counts[item.style] = counts.get(item.style, 0) + item.owned
    _close_part(parts, part, counts, rank)
    return parts


def _close_part(parts: dict[int, str], part: int, counts: dict[str, int], rank: int) -> None:
    if part < 0 or not counts or any(STYLES[s][0] <= rank for s in counts):
        return
    parts[part] = max(counts, key=lambda s: (counts[s], -STYLES[s][0]))
