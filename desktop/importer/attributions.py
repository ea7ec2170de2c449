"""Find attributions (牵头单位/配合单位/责任单位 …) inside a plan's text.

Three written forms are recognised:

* labelled, in brackets: ``（牵头单位：市政数局；配合单位：市工信局）``,
  ``[牵头单位:…;责任单位:…]``, ``〔责任单位:…〕`` with half- or full-width
  brackets (mixed pairs too). Brackets nest, so names such as
  ``县发改局(粮食局)`` or ``各县〔市〕区政府`` inside do not end it early. The
  content must *start* with a label (people labels such as 责任领导 count);
  ``射频识别(RFID)`` is not an attribution.
* verb forms, in brackets: ``（市发改委牵头，市工信局、市财政局配合）``,
  ``（X、Y等按职责分工负责）``, ``（国务院各部门分别负责，年内持续推进）`` — every
  name before a verb must look like a unit (see ``units.parse_verb_segments``).
* labels on their own lines: a line starting with ``牵头单位：`` (or after a
  ``。`` on the line) to the end of the line, plus the directly following lines
  that also start with a label (配合单位/责任单位/完成时限 …).
* a heading that is a verb form itself: ``一、县示范区管委会牵头工作（8项）``
  (units, then 牵头/负责, then 工作/任务/事项 and a count at most). The items
  under such a heading carry no units of their own (see ``structure``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .units import (
    LABEL_RE,
    LEADER_LABEL_RE,
    UNIT_LABEL_RE,
    leaders_of,
    parse_segments,
    parse_verb_segments,
    trailing_deadline,
    verb_people,
)

_OPENERS = "(（[【〔"
_CLOSERS = ")）]】〕"
_MAX_BRACKET = 800
_DEADLINE_VALUE = re.compile(
    r"(?:完成时限|完成时间|完成期限|时间节点|时限要求)\s*[:：]\s*([^;；\n)）\]】〕]+)"
)
_BARE_START = re.compile(rf"(?:(?<=\n)|(?<=[。；;！ ]))\s*(?=(?:{LABEL_RE.pattern}))")


@dataclass
class Attribution:
    start: int  # span of the whole attribution in the source, brackets included
    end: int
    text: str  # as written, without brackets, e.g. "牵头单位:市城管局;配合单位:市规自局"
    deadline: str = ""  # the 完成时限 value written with it, if any
    segments: list[tuple[str, str]] = field(default_factory=list)  # (role, unit list)
    leaders: list[str] = field(default_factory=list)  # 责任领导 … (people, not units)
    standalone: bool = False  # the attribution starts its line
    form: str = (
        "bracket"  # "bracket" （牵头单位：…）, "verb" （X牵头，Y配合）, "lines" 牵头单位：… lines
    )


def _match_close(src: str, i: int, limit: int) -> int:
    """Index of the bracket closing the one at ``i``, or -1."""
    depth = 0
    for j in range(i, min(limit, i + _MAX_BRACKET)):
        ch = src[j]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth -= 1
            if depth == 0:
                return j
        elif ch == "\n" and j > i + 1 and LABEL_RE.match(src, j + 1):
            return -1  # runs into a label line: treat as unclosed
    return -1


def _deadline_of(text: str) -> str:
    m = _DEADLINE_VALUE.search(text)
    return m.group(1).strip() if m else ""


def _segments_and_deadline(text: str, block: str = "") -> tuple[list[tuple[str, str]], str]:
    """The unit lists of a labelled attribution and its deadline: a 完成时限 label's value, or
    a deadline phrase after the last list's units (``责任单位：A、B，6月底完成``)."""
    segments = parse_segments(text)
    deadline = _deadline_of(block or text)
    if deadline:
        return segments, deadline
    return trailing_deadline(segments)


def _starts_line(src: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and src[j] == " ":
        j -= 1
    return j < 0 or src[j] == "\n"


def _labelled(src: str, i: int, end: int, inner: int) -> Attribution | None:
    close = _match_close(src, i, end)
    if close < 0:
        # Unclosed bracket: the attribution runs to the end of the line.
        line_end = src.find("\n", i, end)
        close = line_end if line_end >= 0 else end
        text = src[i + 1 : close].rstrip(")）]】〕 ")
        stop = close
    else:
        text = src[i + 1 : close]
        stop = close + 1
    text = text.strip()
    if not (UNIT_LABEL_RE.search(text) or LEADER_LABEL_RE.search(text)):
        return None
    segments, deadline = _segments_and_deadline(text)
    return Attribution(
        i,
        stop,
        text,
        deadline,
        segments=segments,
        leaders=leaders_of(text),
        standalone=_starts_line(src, i),
    )


def _verb_form(src: str, i: int, end: int) -> Attribution | None:
    close = _match_close(src, i, end)
    if close < 0 or close - i < 3:
        return None
    text = src[i + 1 : close].strip()
    segments = parse_verb_segments(text)
    if segments is None:
        return None
    return Attribution(
        i,
        close + 1,
        text,
        segments=segments,
        leaders=verb_people(text),
        standalone=_starts_line(src, i),
        form="verb",
    )


def find_attributions(src: str, start: int, end: int) -> list[Attribution]:
    """All attributions in ``src[start:end]``, in order."""
    found: list[Attribution] = []
    i = start
    while True:
        i = _next_opener(src, i, end)
        if i < 0:
            break
        inner = i + 1
        while inner < end and src[inner] == " ":
            inner += 1
        if LABEL_RE.match(src, inner):
            attribution = _labelled(src, i, end, inner)
        else:
            attribution = _verb_form(src, i, end)
        if attribution is not None:
            found.append(attribution)
            i = attribution.end
        else:
            i += 1
    found.extend(_bare_blocks(src, start, end, found))
    found.extend(_heading_forms(src, start, end, found))
    found.sort(key=lambda a: a.start)
    sentences = _sentence_forms(src, start, end, found)
    if sentences:
        found.extend(sentences)
        found.sort(key=lambda a: a.start)
    return found


_MAX_SENTENCE = 200
# After 牵头 / 主办: no bracket and no sentence end before the line's end.
_TAIL = re.compile(r"[^\n。；;()（）\[\]【】〔〕]*[。；;]*$", re.M)


def _lead_verbs(src: str, start: int, end: int) -> list[int]:
    """Where 牵头 and 主办 are written, in order (``str.find``: a regex alternation of
    them scans every character)."""
    found: list[int] = []
    for verb in ("牵头", "主办"):
        i = src.find(verb, start, end)
        while i >= 0:
            found.append(i)
            i = src.find(verb, i + 2, end)
    found.sort()
    return found


_SENTENCE_END = "。；;"


def _sentence_forms(src: str, start: int, end: int, taken: list[Attribution]) -> list[Attribution]:
    """A paragraph's last sentence that is a verb form with a lead, without brackets:
    ``1.水利化工程:…新增旱田节水灌溉面积200万亩。省水利厅牵头,省发改委、农垦总局等单位配合。``
    Only lines whose last sentence holds 牵头/主办 outside brackets are looked at."""
    out: list[Attribution] = []
    starts = [a.start for a in taken]
    last_line = -1
    for verb_at in _lead_verbs(src, start, end):
        line_start = src.rfind("\n", start, verb_at) + 1
        tail = _TAIL.match(src, verb_at + 2, end)
        if line_start == last_line or tail is None:
            continue  # (one sentence a line)
        last_line = line_start
        stop = tail.end()
        while stop > line_start and src[stop - 1] in _SENTENCE_END:
            stop -= 1
        s = max(line_start, *(src.rfind(ch, line_start, stop) + 1 for ch in _SENTENCE_END))
        if not 4 <= stop - s <= _MAX_SENTENCE:
            continue
        inside = bisect.bisect_right(starts, stop - 1) - 1
        if inside >= 0 and taken[inside].end > s:
            continue  # the sentence holds an attribution already
        text = src[s:stop]
        if sum(text.count(c) for c in _OPENERS) != sum(text.count(c) for c in _CLOSERS):
            continue  # an unclosed bracket (an excerpt cut inside it) is no sentence
        segments = parse_verb_segments(text)
        if segments is None or not any(role == "lead" for role, _ in segments):
            continue
        out.append(
            Attribution(
                s,
                stop,
                text,
                segments=segments,
                leaders=verb_people(text),
                standalone=_starts_line(src, s),
                form="verb",
            )
        )
    return out


_CN = "一二三四五六七八九十百零〇两"
_HEADING_FORM = re.compile(
    rf"^(?:第[{_CN}]{{1,4}}(?:章|部分|篇)|[{_CN}]{{1,4}}\s*[、．.]|[（(]\s*[{_CN}]{{1,4}}\s*[)）])\s*"
    r"(?P<verb>[^\n，,。；;：:()（）]{2,80}?(?:分别|共同)?(?:牵头|负责))的?(?:工作|任务|事项)?"
    r"\s*(?:[(（]\s*共?\d{1,4}\s*项\s*[)）])?\s*[。：:]?\s*$",
    re.M,
)


def _heading_forms(src: str, start: int, end: int, taken: list[Attribution]) -> list[Attribution]:
    """Headings made of units and a verb: ``一、县示范区管委会牵头工作（8项）``."""
    out: list[Attribution] = []
    for m in _HEADING_FORM.finditer(src, start, end):
        s, e = m.span("verb")
        if any(a.start < e and s < a.end for a in taken):
            continue
        segments = parse_verb_segments(m["verb"])
        if segments is None:
            continue
        out.append(Attribution(s, e, m["verb"], segments=segments, form="verb"))
    return out


_OPENER_RE = re.compile(r"[(（\[【〔]")


def _next_opener(src: str, i: int, end: int) -> int:
    m = _OPENER_RE.search(src, i, end)
    return m.start() if m else -1


def _bare_blocks(src: str, start: int, end: int, taken: list[Attribution]) -> list[Attribution]:
    blocks: list[Attribution] = []
    starts = [a.start for a in taken]  # taken is in document order, without overlaps
    pos = start
    while pos < end:
        m = _BARE_START.search(src, pos, end)
        if not m:
            break
        s = m.end()
        inside = bisect.bisect_right(starts, s) - 1
        if inside >= 0 and s < taken[inside].end:
            pos = s + 1
            continue
        # Extend over following lines that also start with a label.
        e = src.find("\n", s, end)
        e = end if e < 0 else e
        while e < end and LABEL_RE.match(src, e + 1):
            nxt = src.find("\n", e + 1, end)
            e = end if nxt < 0 else nxt
        block = src[s:e]
        if UNIT_LABEL_RE.search(block) or LEADER_LABEL_RE.search(block):
            text = _unit_part(block)
            segments, deadline = _segments_and_deadline(text, block)
            blocks.append(
                Attribution(
                    s,
                    e,
                    text,
                    deadline,
                    segments=segments,
                    leaders=leaders_of(text),
                    standalone=_starts_line(src, s),
                    form="lines",
                )
            )
        pos = e + 1
    return blocks


def _unit_part(block: str) -> str:
    """The block without trailing deadline-only labels (完成时限：… stays in the task text)."""
    labels = list(LABEL_RE.finditer(block))
    units = [i for i, m in enumerate(labels) if m.lastgroup != "deadline"]
    if not units:
        return block.rstrip(" \n;；,，。")
    last_unit = max(units)
    cut = labels[last_unit + 1].start() if last_unit + 1 < len(labels) else len(block)
    return block[:cut].rstrip(" \n;；,，。")
