"""Normalised text -> ParsedPlan: header, sections, tasks, items, targets.

Lines are classified as:

* level-1 headings ``一、总体要求`` (also ``第一章``/``第一部分``) — key ``"一"``;
* level-2 headings ``（一）指导思想`` / ``(一)`` — key ``"二/一"`` under their
  level-1 heading (just ``"一"`` when there is none; repeated keys get ``#2``…);
* numbered lines ``1.`` ``12.`` ``1．`` ``1、`` (space optional) — task candidates;
* anything else.

Task rule. A numbered line starts a candidate that runs to the next numbered
line or heading. Candidates are grouped by their innermost section (the whole
document counts as one section when there are none). A group's candidates are
tasks only if at least one of them carries an attribution (牵头单位/配合单位/
责任单位…, bracketed or on label lines). So 一(三)发展原则's ``1. 坚持创新引领``
headings, which name no unit, are not tasks, while a task that lost its
attribution in a section of attributed tasks still is (with a warning).

A task ends at the line holding its last attribution (or, without one, at its
first line): trailing paragraphs belong to no task. Each attribution closes a
work item whose text is everything since the previous attribution (or the task
number). Title = the first line up to its first ``。`` (or attribution).

Targets inside a task go on the task; targets elsewhere in the sections
(一(二)发展目标's ``到2025年…占比超过10%``) are plan goals (``ParsedPlan.goals``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.errors import ImportFailed

from .attributions import Attribution, find_attributions
from .dates import find_deadlines
from .header import parse_header
from .model import (
    ROLE_LABELS,
    ParsedItem,
    ParsedPlan,
    ParsedSection,
    ParsedTarget,
    ParsedTask,
    Span,
)
from .normalize import fingerprint, normalize_text
from .targets import extract_targets
from .units import is_generic_reference, parse_units

_CN_NUM = "一二三四五六七八九十"
_H1 = re.compile(
    rf"^(?:(?P<a>[{_CN_NUM}]{{1,3}})\s*、|第(?P<b>[{_CN_NUM}]{{1,3}})(?:章|部分)\s*)\s*(?P<rest>.+)$"
)
_H2 = re.compile(rf"^[（(]\s*(?P<a>[{_CN_NUM}]{{1,3}})\s*[)）]\s*(?P<rest>.+)$")
_NUM = re.compile(r"^(?P<no>\d{1,3})\s*[.．、](?!\d)\s*")
_TITLE_END = re.compile(r"[。！？!?]")
_LEAD_FIRST = re.compile(
    r"(?:列|排|位)(?:在|于)?(?:第一位|首位|第一)(?:者|的)?(?:单位|部门)?为牵头(?:单位|部门)"
)

MSG_EMPTY = "文件为空"
MSG_NO_TASKS = "未在文档中找到任何编号任务，这可能不是一份行动计划"
MSG_NO_ATTRIBUTED = (
    "文档中的编号条目都没有标注牵头单位或责任单位，无法识别为任务，这可能不是一份行动计划"
)


@dataclass
class _Line:
    start: int
    end: int
    kind: str  # "h1", "h2", "num", "text"
    match: re.Match[str] | None = None


@dataclass
class _Candidate:
    no: int
    line: int  # index into lines
    start: int
    body_start: int
    end: int  # extent end before trimming
    section_key: str
    attributions: list[Attribution] = field(default_factory=list)


def _split_lines(src: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in src.split("\n"):
        end = pos + len(raw)
        kind, m = "text", None
        if raw[:1].isdigit():
            m = _NUM.match(raw)
            kind = "num" if m else "text"
        elif raw[:1] in "（(":
            m = _H2.match(raw)
            kind = "h2" if m else "text"
        elif raw[:1] in _CN_NUM or raw[:1] == "第":
            m = _H1.match(raw)
            kind = "h1" if m else "text"
        lines.append(_Line(pos, end, kind, m))
        pos = end + 1
    return lines


def _heading_title(rest: str) -> str:
    m = _TITLE_END.search(rest)
    title = rest[: m.start()] if m else rest
    return title.strip(" ：:；;，,")


def parse_text_to_plan(text: str, source_name: str = "") -> ParsedPlan:
    """Parse plan text (any line endings/encoding already decoded) into a ParsedPlan."""
    src = normalize_text(text)
    if not src:
        raise ImportFailed(MSG_EMPTY)
    lines = _split_lines(src)

    # Prelude = lines before the first heading (or numbered line when there is none).
    first_heading = next((i for i, ln in enumerate(lines) if ln.kind in ("h1", "h2")), None)
    if first_heading is None:
        first_heading = next((i for i, ln in enumerate(lines) if ln.kind == "num"), len(lines))
    prelude = [src[ln.start : ln.end] for ln in lines[: min(first_heading, 200)]]
    header = parse_header(prelude)
    plan = ParsedPlan(
        title=header.title,
        doc_no=header.doc_no,
        issuer=header.issuer,
        index_no=header.index_no,
        written_date=header.written_date,
        published_date=header.published_date,
        source_name=source_name,
        source_text=src,
        fingerprint=fingerprint(src),
    )
    lead_first = bool(_LEAD_FIRST.search(src))

    # Sections and task candidates in one walk.
    section_of_line: list[str] = []
    open_sections: dict[int, ParsedSection] = {}
    keys: set[str] = set()
    candidates: list[_Candidate] = []

    def close(level: int, at: int) -> None:
        for lvl in sorted(open_sections, reverse=True):
            if lvl >= level:
                sec = open_sections.pop(lvl)
                assert sec.span is not None
                sec.span.end = at

    def unique(key: str) -> str:
        n, base = 1, key
        while key in keys:
            n += 1
            key = f"{base}#{n}"
        keys.add(key)
        return key

    for idx, ln in enumerate(lines):
        m = ln.match
        if ln.kind in ("h1", "h2") and m is not None:
            level = 1 if ln.kind == "h1" else 2
            prev_end = lines[idx - 1].end if idx else 0
            close(level, prev_end)
            no = m["a"] or m.groupdict().get("b") or ""
            parent = open_sections.get(1) if level == 2 else None
            key = unique(f"{parent.key}/{no}" if parent else no)
            sec = ParsedSection(
                key=key,
                level=level,
                no=no,
                title=_heading_title(m["rest"]),
                parent_key=parent.key if parent else None,
                span=Span(ln.start, ln.end),
            )
            plan.sections.append(sec)
            open_sections[level] = sec
        current = open_sections.get(2) or open_sections.get(1)
        section_of_line.append(current.key if current else "")
        if ln.kind == "num" and m is not None:
            candidates.append(
                _Candidate(
                    no=int(m["no"]),
                    line=idx,
                    start=ln.start,
                    body_start=ln.start + m.end(),
                    end=ln.end,
                    section_key=section_of_line[-1],
                )
            )
    close(1, len(src))

    # Candidate extents: up to the next numbered line or heading.
    for cand in candidates:
        j = cand.line + 1
        while j < len(lines) and lines[j].kind == "text":
            j += 1
        cand.end = lines[j - 1].end
        cand.attributions = find_attributions(src, cand.body_start, cand.end)

    if not candidates:
        raise ImportFailed(MSG_NO_TASKS)
    attributed = {c.section_key for c in candidates if c.attributions}
    tasks = [c for c in candidates if c.section_key in attributed]
    if not tasks:
        raise ImportFailed(MSG_NO_ATTRIBUTED)

    year = header.year
    task_ranges: list[tuple[int, int]] = []
    for cand in tasks:
        task = _build_task(src, cand, lead_first, header.home_city, year, plan.warnings)
        plan.tasks.append(task)
        assert task.span is not None
        task_ranges.append((task.span.start, task.span.end))

    plan.goals = _goals(src, lines, section_of_line, task_ranges, year)
    _check_numbers(plan)
    return plan


def _build_task(
    src: str,
    cand: _Candidate,
    lead_first: bool,
    home_city: str,
    year: int | None,
    warnings: list[str],
) -> ParsedTask:
    attrs = cand.attributions
    if attrs:
        line_end = src.find("\n", attrs[-1].end - 1)
        end = min(cand.end, line_end if line_end >= 0 else len(src))
        end = max(end, attrs[-1].end)
    else:
        line_end = src.find("\n", cand.start)
        end = line_end if 0 <= line_end < cand.end else cand.end
        warnings.append(f"任务{cand.no}：未找到牵头单位或责任单位")

    first_line_end = src.find("\n", cand.body_start, end)
    first_line_end = end if first_line_end < 0 else first_line_end
    title_end = first_line_end
    if attrs and attrs[0].start < title_end:
        title_end = attrs[0].start
    m = _TITLE_END.search(src, cand.body_start, title_end)
    title = src[cand.body_start : m.start() if m else title_end].strip(" ：:；;，,")

    task = ParsedTask(
        no=cand.no,
        title=title,
        text=src[cand.start : end],
        section_key=cand.section_key,
        span=Span(cand.start, end),
    )

    cursor = cand.body_start
    task_deadline = ""
    target_ranges: list[tuple[int, int]] = []
    for a in attrs:
        ts, te = _trim(src, cursor, a.start)
        units = parse_units(a.text, lead_first=lead_first, home_city=home_city)
        task.items.append(
            ParsedItem(
                text=src[ts:te],
                attribution=a.text,
                units=units,
                span=Span(ts if ts < te else a.start, a.end),
            )
        )
        target_ranges.append((cursor, a.start))
        task_deadline = task_deadline or a.deadline
        for ref in units:
            if is_generic_reference(ref.name):
                shown = ref.name.replace("“", "‘").replace("”", "’")
                warnings.append(
                    f"任务{cand.no}：{ROLE_LABELS[ref.role]}单位“{shown}”为泛指，未对应具体单位"
                )
        if not units:
            warnings.append(f"任务{cand.no}：责任分工“{a.text}”中未识别出单位名称")
        cursor = a.end
    if cursor < end:
        target_ranges.append((cursor, end))

    fallback = None
    if task_deadline:
        found = next(iter(find_deadlines(task_deadline, year)), None)
        fallback = found.iso if found else None
    for s, e in target_ranges:
        task.targets.extend(extract_targets(src, s, e, year, fallback))
    return task


def _trim(src: str, s: int, e: int) -> tuple[int, int]:
    while s < e and src[s] in " \n":
        s += 1
    while e > s and src[e - 1] in " \n":
        e -= 1
    return s, e


def _goals(
    src: str,
    lines: list[_Line],
    section_of_line: list[str],
    task_ranges: list[tuple[int, int]],
    year: int | None,
) -> list[ParsedTarget]:
    goals: list[ParsedTarget] = []
    ti = 0
    for idx, ln in enumerate(lines):
        if not section_of_line[idx] or ln.kind != "text":
            continue
        while ti < len(task_ranges) and task_ranges[ti][1] < ln.start:
            ti += 1
        if ti < len(task_ranges) and task_ranges[ti][0] <= ln.start < task_ranges[ti][1]:
            continue
        goals.extend(extract_targets(src, ln.start, ln.end, year))
    return goals


def _check_numbers(plan: ParsedPlan) -> None:
    seen: dict[int, int] = {}
    for task in plan.tasks:
        seen[task.no] = seen.get(task.no, 0) + 1
    dups = sorted(no for no, n in seen.items() if n > 1)
    if dups:
        shown = "、".join(str(n) for n in dups[:5])
        plan.warnings.append(f"任务编号有重复（{shown}），各部分可能分别编号，请核对")
