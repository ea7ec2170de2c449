"""Normalised text -> ParsedPlan: header, sections, tasks, items, targets.

The numbered outline (``outline.py``) decides the structure: the numbering
level whose items carry the attributions is the task level; levels above it
are sections (key ``"二/一"`` for （一） under 二、; repeated keys get ``#2``…),
levels below it are work items inside the task text. A task's key is its
outline position, section key + number (``"二/一/3"``), so numbering that
restarts in every section gives distinct tasks.

Tasks are the task-level items of every section in which at least one of them
carries an attribution (牵头单位/配合单位/责任单位…, bracketed, in verb form or
on label lines). So 一(三)发展原则's ``1. 坚持创新引领`` headings, which name no
unit, are not tasks, while a task that lost its attribution in a section of
attributed tasks still is (with a warning).

A task ends at the line holding its last attribution (or, without one, at its
first line): trailing paragraphs belong to no task. Each attribution closes a
work item whose text is everything since the previous attribution (or the task
number). Title = the first line up to its first ``。`` (or attribution).

A heading that carries the units of everything under it — ``一、强化科技创新
（区科技局牵头）`` or ``一、县示范区管委会牵头工作（8项）`` with ``（一）``/``1.`` items
under it that name no unit — is a section: each item under it is a task with
the heading's units (when the task level is picked automatically).

``列第一位者为牵头单位（下同）`` applies from where it is written onwards.
Targets inside a task go on the task; targets elsewhere in the sections
(一(二)发展目标's ``到2025年…占比超过10%``) are plan goals (``ParsedPlan.goals``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from desktop.errors import ImportFailed

from .attributions import Attribution, find_attributions
from .dates import find_deadlines
from .hant import to_simplified
from .header import parse_header
from .model import (
    ROLE_LABELS,
    ParsedItem,
    ParsedPlan,
    ParsedSection,
    ParsedTarget,
    ParsedTask,
    ParsedUnitRef,
    Span,
)
from .normalize import fingerprint, normalize_text
from .outline import (
    STYLE_LABELS,
    STYLES,
    Item,
    Line,
    Outline,
    assign_attributions,
    build_outline,
    choose_task_style,
    cn_to_int,
    part_task_styles,
    split_lines,
)
from .tables import convert_text_tables
from .targets import extract_targets
from .units import is_generic_reference, parse_units

_TITLE_END = re.compile(r"[。！？!?]")
_LEAD_FIRST = re.compile(
    r"(?:列|排|位)(?:在|于)?(?:第一位|首位|第一)(?:者|的)?(?:责任)?(?:单位|部门)?为牵头"
    # …，其他部门和单位按职责分工负责: the others are responsible, not support.
    r"(?:[^。；;()（）\n]{0,12}?[，,]\s*其他[^。；;()（）\n，,]{0,12}?(?P<others>(?:按照?职责分工)?负责))?"
)
_SECTION_STYLES = ("chapter", "cn", "pcn")
# Where a part's heading is cut when a message names it (二、大力推进产业项目建设,促进…).
_HEADING_CUT = re.compile(r"[,，。；;：:（(]|$", re.M)
# A 完成时限 cell that names the whole year: the plan year's end.
_WHOLE_YEAR = re.compile(r"^(?:全年|全年度|本年度|年度|年内)(?:内|完成|推进|实施)?$")

MSG_EMPTY = "文件为空"
MSG_NO_TASKS = "未在文档中找到任何编号任务，这可能不是一份行动计划"
MSG_PARAGRAPHS = "文档中的任务没有编号，已把每个标注了责任单位的段落识别为一项任务，请核对"
MSG_NO_ATTRIBUTED = (
    "文档中的编号条目都没有标注牵头单位或责任单位，无法识别为任务，这可能不是一份行动计划"
)


@dataclass
class _Candidate:
    no: int
    label: str  # number as written
    start: int
    body_start: int
    end: int  # extent end before trimming
    section_key: str
    key: str = ""
    attributions: list[Attribution] = field(default_factory=list)
    item: int = -1  # index into outline.items (-1: a paragraph, not an outline item)
    inherited: bool = False  # the attributions are its section heading's

    @classmethod
    def of(
        cls,
        item: Item,
        index: int,
        section_key: str,
        attributions: list[Attribution],
        *,
        inherited: bool = False,
    ) -> _Candidate:
        """The candidate task of outline item ``index`` (``item``), its whole extent."""
        return cls(
            no=_number(item), label=item.no, start=item.start, body_start=item.body,
            end=item.end, section_key=section_key, attributions=attributions, item=index,
            inherited=inherited,
        )  # fmt: skip


def _heading_title(rest: str) -> str:
    m = _TITLE_END.search(rest)
    title = rest[: m.start()] if m else rest
    return title.strip(" ：:；;，,")


def _number(item: Item) -> int:
    return int(item.no) if item.no.isascii() and item.no.isdigit() else cn_to_int(item.no)


_FORM_LABELS = {"bracket": "括号内标注", "verb": "“X牵头/负责”式", "lines": "单独成行的标签"}


def outline_message(
    outline: Outline, task_style: str = "", attributions: list[Attribution] | None = None
) -> str:
    """What the importer saw, for a refusal: one line per numbering level, and the
    attributions found by form."""
    if not outline.levels:
        return ""
    lines = ["文档中的编号层级："] + [f"  {level.describe()}" for level in outline.levels]
    if attributions:
        forms: dict[str, int] = {}
        for a in attributions:
            forms[a.form] = forms.get(a.form, 0) + 1
        shown = "，".join(f"{_FORM_LABELS[f]} {n} 处" for f, n in forms.items())
        lines.append(f"  找到责任分工 {len(attributions)} 处（{shown}）")
    return "\n".join(lines)


def parse_text_to_plan(text: str, source_name: str = "", task_style: str = "") -> ParsedPlan:
    """Parse plan text (already decoded) into a ParsedPlan.

    ``task_style`` forces the task level (an ``outline.STYLES`` name, e.g.
    ``"pcn"`` for （一）); by default the level carrying the attributions.
    """
    if task_style and task_style not in STYLES:
        raise ImportFailed("未知的编号层级：{}", task_style)
    # A traditional page reads as simplified before its tables are looked for: their
    # headers (責任單位, 序號) are matched in simplified characters.
    src = normalize_text(convert_text_tables(to_simplified(text)))
    if not src:
        raise ImportFailed(MSG_EMPTY)
    lines = split_lines(src)

    # Prelude = lines before the first heading (or numbered line when there is none).
    first_heading = next((i for i, ln in enumerate(lines) if ln.style in _SECTION_STYLES), None)
    if first_heading is None:
        first_heading = next((i for i, ln in enumerate(lines) if ln.style), len(lines))
    prelude = [src[ln.start : ln.end] for ln in lines[: min(first_heading, 200)]]
    header = parse_header(prelude)
    plan = ParsedPlan(
        # No title anywhere in the text: the file name is the best the user gave.
        title=header.title or PurePath(source_name).stem,
        doc_no=header.doc_no,
        issuer=header.issuer,
        index_no=header.index_no,
        written_date=header.written_date,
        published_date=header.published_date,
        source_name=source_name,
        source_text=src,
        fingerprint=fingerprint(src),
    )

    attributions = find_attributions(src, 0, len(src))
    outline = build_outline(src, lines)
    assign_attributions(outline, src, [(a.start, a.standalone) for a in attributions])
    style = choose_task_style(outline, task_style)
    plan.outline = [(lv.style, lv.count, lv.attributed) for lv in outline.levels]
    for item in outline.items:
        samples = plan.outline_samples.setdefault(item.style, [])
        if len(samples) < 4:
            line = lines[item.line]
            samples.append(src[line.start : min(line.end, item.body + 24)])
    candidates: list[_Candidate] = []
    section_of: dict[int, str] = {}
    # The task level of each item's part, when a part's units sit deeper (None: one level).
    levels_of: list[str] | None = None
    if style:
        parts = {} if task_style else part_task_styles(outline, style)
        if parts:
            levels_of = _levels_of(outline, style, parts)
        section_of = _sections(plan, src, lines, outline, style, levels_of)
        candidates = _candidates(outline, style, section_of, attributions, levels_of)
        for idx, part_style in parts.items():
            part = outline.items[idx]
            plan.part_styles[section_of[idx]] = part_style
            cut = _HEADING_CUT.search(src, part.body, min(lines[part.line].end, part.body + 16))
            heading = src[part.start : cut.start() if cut else part.body + 16].rstrip()
            plan.warnings.append(
                f"“{heading}”部分的任务按“{STYLE_LABELS[part_style]}”层级识别"
                f"（其中的“{STYLE_LABELS[style]}”条目未标注单位）"
            )
        # Items that name no unit under a section heading that does take its units.
        _inherit_from_sections(src, lines, outline, candidates, attributions)
    owned = any(lv.style == style and lv.attributed for lv in outline.levels)
    if owned or any(c.inherited for c in candidates):
        plan.task_style = style
        attributed = {c.section_key for c in candidates if c.attributions}
        tasks = [c for c in candidates if c.section_key in attributed]
        if not task_style:
            tasks = _inherit_heading_units(plan, src, lines, outline, tasks, section_of)
            levels = {outline.items[c.item].style for c in tasks}
            if len(levels) == 1 and all(c.inherited for c in tasks):
                # Every task is an item under a heading that became a section: their
                # level is the one in use (choosing the headings' level gets them back).
                plan.task_style = levels.pop()
    elif attributions and not task_style:
        # No numbered item carries units, but paragraphs do: each is a task.
        plan.sections = []
        style, section_of = "", {}
        tasks = _paragraph_candidates(src, lines, attributions)
        plan.warnings.append(MSG_PARAGRAPHS)
    elif not outline.items:
        raise ImportFailed(MSG_NO_TASKS)
    else:
        detail = outline_message(outline, task_style, attributions)
        head = MSG_NO_ATTRIBUTED
        if task_style:
            head = f"按“{STYLE_LABELS[task_style]}”层级没有找到标注了牵头单位或责任单位的条目"
        raise ImportFailed(head + ("\n" + detail if detail else ""))
    _assign_keys(tasks)

    lead_first_at = [
        (m.start(), "responsible" if m["others"] else "support") for m in _LEAD_FIRST.finditer(src)
    ]
    year = header.year
    unique_numbers = len({c.no for c in tasks}) == len(tasks)
    task_ranges: list[tuple[int, int]] = []
    for cand in tasks:
        label = str(cand.no) if unique_numbers else cand.key
        task = _build_task(src, cand, lead_first_at, header.home_city, year, plan.warnings, label)
        plan.tasks.append(task)
        assert task.span is not None
        task_ranges.append((task.span.start, task.span.end))

    section_of_line = _section_of_line(lines, outline, section_of) if style else [""] * len(lines)
    outer = {name for name, (rank, _rx) in STYLES.items() if not style or rank <= STYLES[style][0]}
    # In a part whose tasks are deeper, its headings down to that level are no goals either.
    headings = (
        {
            item.line
            for item, level in zip(outline.items, levels_of, strict=True)
            if STYLES[item.style][0] <= STYLES[level][0]
        }
        if levels_of
        else set()
    )
    plan.goals = _goals(src, lines, section_of_line, task_ranges, year, outer, headings)
    _check_numbers(plan)
    return plan


def _levels_of(outline: Outline, style: str, parts: dict[int, str]) -> list[str]:
    """The task level of every item: its part's (``parts``: part item -> level) or ``style``."""
    levels: list[str] = []
    level = style
    for idx, item in enumerate(outline.items):
        if item.parent is None:
            level = parts.get(idx, style)
        levels.append(level)
    return levels


def _sections(
    plan: ParsedPlan,
    src: str,
    lines: list[Line],
    outline: Outline,
    style: str,
    levels_of: list[str] | None = None,
) -> dict[int, str]:
    """Items above the task level (of their part, ``levels_of``) become sections;
    returns item index -> section key."""
    task_rank = STYLES[style][0]
    keys: set[str] = set()
    section_of: dict[int, str] = {}
    depth: dict[int, int] = {}
    for idx, item in enumerate(outline.items):
        rank = STYLES[levels_of[idx]][0] if levels_of else task_rank
        if STYLES[item.style][0] >= rank:
            continue
        parent = item.parent
        parent_key = section_of.get(parent) if parent is not None else None
        key = _unique(f"{parent_key}/{item.no}" if parent_key else item.no, keys)
        depth[idx] = depth.get(parent, 0) + 1 if parent is not None else 1
        section_of[idx] = key
        line = lines[item.line]
        plan.sections.append(
            ParsedSection(
                key=key,
                level=depth[idx],
                no=item.no,
                title=_heading_title(src[item.body : line.end]),
                parent_key=parent_key,
                span=Span(item.start, item.end),
            )
        )
    return section_of


def _unique(key: str, keys: set[str]) -> str:
    n, base = 1, key
    while key in keys:
        n += 1
        key = f"{base}#{n}"
    keys.add(key)
    return key


def _candidates(
    outline: Outline,
    style: str,
    section_of: dict[int, str],
    attributions: list[Attribution],
    levels_of: list[str] | None = None,
) -> list[_Candidate]:
    starts = [a.start for a in attributions]
    out: list[_Candidate] = []
    for idx, item in enumerate(outline.items):
        if item.style != (levels_of[idx] if levels_of else style):
            continue
        section_key = section_of.get(item.parent, "") if item.parent is not None else ""
        # The extent runs to the next same-or-outer item, without its trailing newline.
        lo = bisect.bisect_left(starts, item.body)
        hi = bisect.bisect_left(starts, item.end)
        out.append(_Candidate.of(item, idx, section_key, attributions[lo:hi]))
    return out


_HEADING_STYLES = ("chapter", "cn", "pcn")
_MAX_HEADING = 40


def _is_heading_units(src: str, lines: list[Line], item: Item, attrs: list[Attribution]) -> bool:
    """``attrs`` (the attributions in ``item``) are all on its heading line, after a short
    title: the units of the items under it, which name none of their own."""
    if not attrs or item.style not in _HEADING_STYLES:
        return False
    if attrs[0].start < item.body or attrs[-1].end > lines[item.line].end:
        return False
    title = src[item.body : attrs[0].start]
    return len(title) <= _MAX_HEADING and not _TITLE_END.search(title)


def _heading_units(src: str, lines: list[Line], outline: Outline, cand: _Candidate) -> bool:
    if cand.item < 0:
        return False
    return _is_heading_units(src, lines, outline.items[cand.item], cand.attributions)


def _inherit_from_sections(
    src: str,
    lines: list[Line],
    outline: Outline,
    candidates: list[_Candidate],
    attributions: list[Attribution],
) -> None:
    """Task-level items none of which names a unit, under a section heading that does
    (``一、强化科技创新（区科技局牵头）`` over ``（一）…（二）…`` while other sections'
    ``（一）`` carry their own units), take the heading's attributions."""
    starts = [a.start for a in attributions]
    by_parent: dict[int, list[_Candidate]] = {}
    for cand in candidates:
        parent = outline.items[cand.item].parent
        if parent is not None:
            by_parent.setdefault(parent, []).append(cand)
    for parent, kids in by_parent.items():
        if any(c.attributions for c in kids):
            continue
        item = outline.items[parent]
        lo = bisect.bisect_left(starts, item.body)
        hi = bisect.bisect_left(starts, outline.items[kids[0].item].start)
        heading = attributions[lo:hi]
        if _is_heading_units(src, lines, item, heading):
            for cand in kids:
                cand.attributions, cand.inherited = heading, True


def _inherit_heading_units(
    plan: ParsedPlan,
    src: str,
    lines: list[Line],
    outline: Outline,
    tasks: list[_Candidate],
    section_of: dict[int, str],
) -> list[_Candidate]:
    """Headings that carry the units of the items under them become sections, and
    those items tasks with the heading's attributions (see the module docstring)."""
    children: dict[int, list[int]] = {}
    for idx, item in enumerate(outline.items):
        if item.parent is not None:
            children.setdefault(item.parent, []).append(idx)

    def inner_items(cand: _Candidate) -> list[int]:
        kids = children.get(cand.item, [])
        if not kids or any(outline.items[i].owned for i in kids):
            return []
        if not _heading_units(src, lines, outline, cand):
            return []
        return [i for i in kids if outline.items[i].style == outline.items[kids[0]].style]

    inner_of = {id(c): inner_items(c) for c in tasks}
    if not any(inner_of.values()):
        return tasks
    keys = {section.key for section in plan.sections}
    # A heading that becomes a section keeps its outline position apart from the tasks'.
    keys |= {
        f"{c.section_key}/{c.label}" if c.section_key else c.label
        for c in tasks
        if not inner_of[id(c)]
    }
    levels = {section.key: section.level for section in plan.sections}
    out: list[_Candidate] = []
    for cand in tasks:
        inner = inner_of[id(cand)]
        if not inner:
            out.append(cand)
            continue
        item = outline.items[cand.item]
        key = _unique(f"{cand.section_key}/{cand.label}" if cand.section_key else cand.label, keys)
        section_of[cand.item] = key
        title = _heading_title(src[item.body : cand.attributions[0].start])
        plan.sections.append(
            ParsedSection(
                key=key,
                level=levels.get(cand.section_key, 0) + 1,
                no=cand.label,
                title=title or _heading_title(src[item.body : lines[item.line].end]),
                parent_key=cand.section_key or None,
                span=Span(item.start, item.end),
            )
        )
        for i in inner:
            child = outline.items[i]
            out.append(_Candidate.of(child, i, key, cand.attributions, inherited=True))
    plan.sections.sort(key=lambda section: section.span.start if section.span else 0)
    # As before: only the sections in which a task carries units hold tasks.
    attributed = {c.section_key for c in out if c.attributions}
    return [c for c in out if c.section_key in attributed]


def _paragraph_candidates(
    src: str, lines: list[Line], attributions: list[Attribution]
) -> list[_Candidate]:
    """Tasks of a document without numbering: each paragraph holding attributions
    (with the label lines directly after it) is one task, numbered in order."""
    starts = [ln.start for ln in lines]
    out: list[_Candidate] = []
    for a in attributions:
        idx = bisect.bisect_right(starts, a.start) - 1
        if a.standalone and idx > 0 and not (out and out[-1].end >= lines[idx - 1].end):
            idx -= 1  # label lines belong to the paragraph above them
        line = lines[idx]
        if out and out[-1].start <= line.start <= out[-1].end:
            out[-1].end = max(out[-1].end, a.end, line.end)
            out[-1].attributions.append(a)
            continue
        out.append(
            _Candidate(
                no=len(out) + 1,
                label=str(len(out) + 1),
                start=line.start,
                body_start=line.start,
                end=max(line.end, a.end),
                section_key="",
                attributions=[a],
            )
        )
    return out


def _assign_keys(tasks: list[_Candidate]) -> None:
    keys: set[str] = set()
    for cand in tasks:
        base = f"{cand.section_key}/{cand.label}" if cand.section_key else cand.label
        cand.key = _unique(base, keys)


def _section_of_line(lines: list[Line], outline: Outline, section_of: dict[int, str]) -> list[str]:
    """The innermost section key each line is in ("" outside every section)."""
    result = [""] * len(lines)
    for idx, key in sorted(section_of.items()):
        item = outline.items[idx]
        first = item.line
        for j in range(first, len(lines)):
            if lines[j].start >= item.end:
                break
            result[j] = key  # inner sections come later and overwrite
    return result


def _build_task(
    src: str,
    cand: _Candidate,
    lead_first_at: list[tuple[int, str]],
    home_city: str,
    year: int | None,
    warnings: list[str],
    label: str,
) -> ParsedTask:
    attrs = cand.attributions
    if cand.inherited:
        end = _trim(src, cand.start, cand.end)[1]
    elif attrs:
        line_end = src.find("\n", attrs[-1].end - 1)
        end = min(cand.end, line_end if line_end >= 0 else len(src))
        end = max(end, attrs[-1].end)
    else:
        line_end = src.find("\n", cand.start)
        end = line_end if 0 <= line_end < cand.end else cand.end
        warnings.append(f"任务{label}：未找到牵头单位或责任单位")

    first_line_end = src.find("\n", cand.body_start, end)
    first_line_end = end if first_line_end < 0 else first_line_end
    title_end = first_line_end
    if attrs and cand.body_start <= attrs[0].start < title_end:
        title_end = attrs[0].start
    m = _TITLE_END.search(src, cand.body_start, title_end)
    title = src[cand.body_start : m.start() if m else title_end].strip(" ：:；;，,")

    task = ParsedTask(
        no=cand.no,
        title=title,
        text=src[cand.start : end],
        section_key=cand.section_key,
        span=Span(cand.start, end),
        key=cand.key,
    )

    cursor = cand.body_start
    task_deadline = ""
    target_ranges: list[tuple[int, int]] = []
    for a in attrs:
        # An inherited attribution (its section heading's) covers the whole task text.
        text_end = end if cand.inherited else a.start
        ts, te = _trim(src, cursor, text_end)
        notes = bisect.bisect_left(lead_first_at, (a.end,))
        others = lead_first_at[notes - 1][1] if notes else "support"
        dropped: list[ParsedUnitRef] = []
        units = parse_units(
            a.segments, lead_first=notes > 0, others=others, home_city=home_city, dropped=dropped
        )
        if cand.inherited and task.items:
            # A heading with several attributions: one work item with all their units.
            task.items[0].units.extend(units)
            task.items[0].attribution += "；" + a.text
        else:
            task.items.append(
                ParsedItem(
                    text=src[ts:te],
                    attribution=a.text,
                    units=units,
                    span=Span(ts, te)
                    if cand.inherited
                    else Span(ts if ts < te else a.start, a.end),
                )
            )
        for person in a.leaders:
            if person not in task.leaders:
                task.leaders.append(person)
        target_ranges.append((cursor, text_end))
        task_deadline = task_deadline or a.deadline
        for ref in units:
            if is_generic_reference(ref.name):
                shown = ref.name.replace("“", "‘").replace("”", "’")
                warnings.append(
                    f"任务{label}：{ROLE_LABELS[ref.role]}单位“{shown}”为泛指，未对应具体单位"
                )
        for ref in dropped:
            # A unit column's 已完成 / 2024年底 (a table's progress or date in the wrong
            # column): kept in the source text, never a unit.
            shown = ref.name.replace("“", "‘").replace("”", "’")
            warnings.append(
                f"任务{label}：{ROLE_LABELS[ref.role]}单位“{shown}”不是单位名称，未作为单位导入"
            )
        if not units and not a.leaders and not dropped:
            warnings.append(f"任务{label}：责任分工“{a.text}”中未识别出单位名称")
        cursor = end if cand.inherited else a.end
    if cursor < end:
        target_ranges.append((cursor, end))
    if task.leaders and not any(item.units for item in task.items):
        # 牵头领导:靳国 and nothing else: people, no unit to assign the task to.
        people = "、".join(task.leaders)
        warnings.append(f"任务{label}：只写了领导（{people}），未找到牵头单位或责任单位")

    fallback = None
    if task_deadline:
        found = next(iter(find_deadlines(task_deadline, year)), None)
        fallback = found.iso if found else None
        if found is None and year is not None and _WHOLE_YEAR.match(task_deadline.strip()):
            fallback = f"{year}-12-31"  # 完成时限：全年 — by the plan year's end
        task.deadline = fallback
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
    lines: list[Line],
    section_of_line: list[str],
    task_ranges: list[tuple[int, int]],
    year: int | None,
    skipped_styles: set[str],
    skipped_lines: set[int],
) -> list[ParsedTarget]:
    goals: list[ParsedTarget] = []
    ti = 0
    for idx, ln in enumerate(lines):
        if not section_of_line[idx] or ln.style in skipped_styles or idx in skipped_lines:
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
