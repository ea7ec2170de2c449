"""Parsed plan records: what the importer hands to the store.

Plain dataclasses, no Qt and no SQL. Every parsed fact keeps the span of the
normalised source text it came from (``start``/``end`` character offsets into
``ParsedPlan.source_text``) so the UI can show where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# re-exported: the importer's records take their values from these vocabularies
from sync.vocabulary import COMPARATORS, ROLE_LABELS, ROLES, UNIT_KINDS  # noqa: F401


@dataclass
class Span:
    start: int
    end: int


@dataclass
class ParsedUnitRef:
    """One unit named in an attribution, after list splitting and suffix distribution."""

    name: str  # exactly as written after splitting, e.g. "市政数局", "公主岭市政府"
    role: str  # one of ROLES
    kind: str  # one of UNIT_KINDS (a guess; the user can correct it)


@dataclass
class ParsedItem:
    """A work item: a run of task text carrying one attribution."""

    text: str  # the item's sentences, without the attribution parentheses
    attribution: str  # the attribution as written, e.g. "牵头单位:市城管局;配合单位:..."
    units: list[ParsedUnitRef] = field(default_factory=list)
    span: Span | None = None


@dataclass
class ParsedTarget:
    text: str  # the clause it came from, e.g. "到“十四五”末期,主城区5G基站数量达到13000个以上"
    metric: str  # "主城区5G基站数量"
    comparator: str  # one of COMPARATORS
    value: float  # 13000.0
    uom: str  # unit of measure: "个", "%", "亿元"
    deadline: str | None  # ISO date "2025-12-31" or None
    span: Span | None = None


@dataclass
class ParsedTask:
    no: int
    title: str  # "优化5G网络覆盖"
    text: str  # the whole task paragraph as written
    section_key: str  # ParsedSection.key of the enclosing (sub)section
    items: list[ParsedItem] = field(default_factory=list)
    targets: list[ParsedTarget] = field(default_factory=list)
    span: Span | None = None
    # Outline position: section key + number ("二/一/3"); unique within the plan.
    key: str = ""
    # People named by 责任领导 / 牵头领导 … (never units).
    leaders: list[str] = field(default_factory=list)
    # 完成时限 / 时间节点 written with the attribution, as an ISO date.
    deadline: str | None = None

    def outline_key(self) -> str:
        """The task's identity within its plan (the number when no key was set)."""
        return self.key or str(self.no)


@dataclass
class ParsedSection:
    key: str  # stable within the plan: "二" for 二、, "二/一" for its （一）
    level: int  # 1 for 一、, 2 for （一）
    no: str  # "二" or "一"
    title: str  # "主要任务"
    parent_key: str | None = None
    span: Span | None = None


@dataclass
class ParsedPlan:
    title: str  # 标题, or the first heading when the header is missing
    doc_no: str = ""  # 发文字号 "长府办发〔2023〕17号"
    issuer: str = ""  # 发文机关
    index_no: str = ""  # 索引号
    written_date: str | None = None  # 成文日期, ISO
    published_date: str | None = None  # 发布日期, ISO
    source_name: str = ""  # file name it came from
    source_text: str = ""  # normalised text all spans point into
    fingerprint: str = ""  # sha256 hex of source_text: re-import detection
    sections: list[ParsedSection] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # Chinese, user-facing
    # Plan-level targets found outside tasks (e.g. 一(二)发展目标's "到2025年…占比超过10%").
    goals: list[ParsedTarget] = field(default_factory=list)
    # The numbering levels seen, outermost first: (style, items, items with units),
    # style names from ``desktop.importer.outline.STYLES``; and the one used for tasks.
    outline: list[tuple[str, int, int]] = field(default_factory=list)
    task_style: str = ""
    # Parts (top-level section key -> style) whose tasks are at another level than
    # ``task_style``: their units sit deeper (二、's 1. under a （一） heading while the
    # other parts' tasks are their （一）). Empty when every part agrees or the level is forced.
    part_styles: dict[str, str] = field(default_factory=dict)
    # The first few items of each numbering level as written ("（一）加强市场体系建设"), for
    # showing the outline when the user picks the task level.
    outline_samples: dict[str, list[str]] = field(default_factory=dict)

    def unit_names(self) -> list[str]:
        """Distinct unit names in first-seen order."""
        seen: dict[str, None] = {}
        for task in self.tasks:
            for item in task.items:
                for ref in item.units:
                    seen.setdefault(ref.name, None)
        return list(seen)
