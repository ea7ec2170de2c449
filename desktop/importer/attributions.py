"""Find attributions (牵头单位/配合单位/责任单位 …) inside a task's text.

Two written forms are recognised:

* bracketed: ``（牵头单位：市政数局；配合单位：市工信局）`` with half- or
  full-width parentheses (mixed pairs too). Brackets nest, so names such as
  ``长春数字交易中心(所)`` or ``各县〔市〕区政府`` inside do not end it early. The
  content must *start* with a label; ``射频识别(RFID)`` is not an attribution.
* labels on their own lines: a line starting with ``牵头单位：`` (or after a
  ``。`` on the line) to the end of the line, plus the directly following lines
  that also start with a label (配合单位/责任单位/完成时限 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .units import LABEL_RE, UNIT_LABEL_RE

_OPENERS = "(（"
_CLOSERS = ")）"
_MAX_BRACKET = 800
_DEADLINE_VALUE = re.compile(r"(?:完成时限|完成时间|完成期限|时间节点)\s*[:：]\s*([^;；\n)）]+)")
_BARE_START = re.compile(rf"(?:(?<=\n)|(?<=[。；;]))\s*(?=(?:{LABEL_RE.pattern}))")


@dataclass
class Attribution:
    start: int  # span of the whole attribution in the source, brackets included
    end: int
    text: str  # as written, without brackets, e.g. "牵头单位:市城管局;配合单位:市规自局"
    deadline: str = ""  # the 完成时限 value written with it, if any


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
        if not LABEL_RE.match(src, inner):
            i += 1
            continue
        close = _match_close(src, i, end)
        if close < 0:
            # Unclosed bracket: the attribution runs to the end of the line.
            line_end = src.find("\n", i, end)
            close = line_end if line_end >= 0 else end
            text = src[i + 1 : close].rstrip(")） ")
            stop = close
        else:
            text = src[i + 1 : close]
            stop = close + 1
        if UNIT_LABEL_RE.search(text):
            found.append(Attribution(i, stop, text.strip(), _deadline_of(text)))
            i = stop
        else:
            i += 1
    found.extend(_bare_blocks(src, start, end, found))
    found.sort(key=lambda a: a.start)
    return found


def _next_opener(src: str, i: int, end: int) -> int:
    best = -1
    for ch in _OPENERS:
        j = src.find(ch, i, end)
        if j >= 0 and (best < 0 or j < best):
            best = j
    return best


def _bare_blocks(src: str, start: int, end: int, taken: list[Attribution]) -> list[Attribution]:
    blocks: list[Attribution] = []
    pos = start
    while pos < end:
        m = _BARE_START.search(src, pos, end)
        if not m:
            break
        s = m.end()
        if any(a.start <= s < a.end for a in taken):
            pos = s + 1
            continue
        # Extend over following lines that also start with a label.
        e = src.find("\n", s, end)
        e = end if e < 0 else e
        while e < end and LABEL_RE.match(src, e + 1):
            nxt = src.find("\n", e + 1, end)
            e = end if nxt < 0 else nxt
        block = src[s:e]
        if UNIT_LABEL_RE.search(block):
            blocks.append(Attribution(s, e, _unit_part(block), _deadline_of(block)))
        pos = e + 1
    return blocks


def _unit_part(block: str) -> str:
    """The block without trailing deadline-only labels (完成时限：… stays in the task text)."""
    labels = list(LABEL_RE.finditer(block))
    last_unit = max(i for i, m in enumerate(labels) if m.lastgroup != "deadline")
    cut = labels[last_unit + 1].start() if last_unit + 1 < len(labels) else len(block)
    return block[:cut].rstrip(" \n;；,，。")
