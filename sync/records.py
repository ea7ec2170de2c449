"""The schema registry: every synced table and column, shared by desktop and server.

This is the ONE declaration of what a synced record may hold. The desktop store
(``desktop.models.transactions.Tx``, the only writer) checks every insert and
update against it, the desktop checks every pulled op against it, and the sync
server checks every pushed op against it before anything is applied (table,
columns, kinds, sizes, control characters, required columns, references). The
SQL tables themselves are created by the desktop's migrations;
``tests/test_records.py`` checks that both agree column by column.

Columns are declared in their SQL order (``wire_columns`` keeps that order).
Local columns are written by the store but never synced (facts about one copy).
Limits fit a printed briefing; docs/formats.md lists them.

A new synced table is declared here with ``declare(name, label, {column: kind})``
(kinds in ``sync.fields``: Text, IsoDate, Timestamp, Period, Integer, Real, Boolean,
Choice, Json, Ref, KindRef), next to its migration on the desktop.

A table declared only through the desktop's ``schema.synced(name, *columns)``
(plain names: the lenient ``Scalar`` kind) is known to that desktop but not to
the server, which refuses its ops until the table is declared here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from sync.fields import (
    Choice,
    Integer,
    IsoDate,
    Json,
    KindRef,
    Period,
    Phone,
    Real,
    Ref,
    Scalar,
    Spec,
    Text,
    Timestamp,
    id_problem,
    printable,
)
from sync.vocabulary import COMPARATORS, MAX_LAG_DAYS, MIN_LAG_DAYS, ROLES, UNIT_KINDS


@dataclass
class Table:
    name: str
    label: str  # Chinese noun used in messages: 里程碑
    columns: dict[str, Spec]
    local: frozenset[str] = frozenset()
    append_only: bool = False  # rows are never updated (corrections are new rows)
    members: bool = False  # unit members may write it (else coordinators only)
    title_column: str | None = None  # names a record in messages

    def wire_columns(self) -> tuple[str, ...]:
        return tuple(c for c in self.columns if c not in self.local)


TABLES: dict[str, Table] = {}


def declare(
    name: str,
    label: str,
    columns: dict[str, Spec],
    *,
    local: tuple[str, ...] = (),
    append_only: bool = False,
    members: bool = False,
    title_column: str | None = None,
) -> Table:
    table = Table(name, label, dict(columns), frozenset(local), append_only, members, title_column)
    TABLES[name] = table
    return table


def declare_names(name: str, columns: tuple[str | tuple[str, Spec], ...]) -> Table:
    """The desktop's ``synced(table, *columns)``: keep known specs, plain new names → Scalar.

    Columns may also be given as ``(name, spec)``. Redeclaring a table with
    more columns (a migration adding one) keeps the specs it already has.
    """
    existing = TABLES.get(name)
    known = existing.columns if existing else {}
    specs: dict[str, Spec] = {}
    for column in columns:
        if isinstance(column, tuple):
            specs[column[0]] = column[1]
        else:
            specs[column] = known.get(column) or Scalar(column)
    if existing is not None:
        existing.columns = specs
        return existing
    return declare(name, name, specs)


def wire_columns(table: str) -> tuple[str, ...]:
    """The columns of a synced table that travel in sync ops."""
    return TABLES[table].wire_columns()


def member_tables() -> frozenset[str]:
    return frozenset(t.name for t in TABLES.values() if t.members)


def structure_tables() -> frozenset[str]:
    return frozenset(t.name for t in TABLES.values() if not t.members)


def append_only_tables() -> frozenset[str]:
    return frozenset(t.name for t in TABLES.values() if t.append_only)


class ColumnsView(MutableMapping[str, tuple[str, ...]]):
    """``{table: column names}`` over the registry (the desktop's ``SYNCED_TABLES``)."""

    def __getitem__(self, table: str) -> tuple[str, ...]:
        return tuple(TABLES[table].columns)

    def __setitem__(self, table: str, columns: tuple[str, ...]) -> None:
        declare_names(table, tuple(columns))

    def __delitem__(self, table: str) -> None:
        del TABLES[table]

    def __iter__(self) -> Iterator[str]:
        return iter(list(TABLES))

    def __len__(self) -> int:
        return len(TABLES)


class LocalView(Mapping[str, frozenset[str]]):
    """``{table: local-only columns}`` for tables that have any."""

    def __getitem__(self, table: str) -> frozenset[str]:
        local = TABLES[table].local if table in TABLES else frozenset()
        if not local:
            raise KeyError(table)
        return local

    def __iter__(self) -> Iterator[str]:
        return iter([t.name for t in TABLES.values() if t.local])

    def __len__(self) -> int:
        return sum(1 for t in TABLES.values() if t.local)


# -- checking --------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Why a record (or op) is refused; ``message`` is the Chinese reason.

    ``field`` and ``detail`` (when a column's value is at fault) let a caller name
    the record first: ``about(record)`` gives ``里程碑“…”（编号 …）的“名称”过长…``.
    """

    table: str
    column: str | None
    message: str
    field: str | None = None  # the column's Chinese label
    detail: str = ""

    def about(self, record: str) -> str:
        if self.field:
            return f"{record}的“{self.field}”{self.detail}。"
        return f"{record}：{self.message}"


def _field_problem(table: Table, column: str, detail: str) -> Problem:
    label = table.columns[column].label
    return Problem(table.name, column, f"{table.label}的“{label}”{detail}。", label, detail)


def _label(table: str) -> str:
    return TABLES[table].label if table in TABLES else table


def describe_record(table: str, record_id: Any, fields: Mapping[str, Any]) -> str:
    """``里程碑“只有A写过”（编号 …）``: a record named in a message."""
    label = _label(table)
    title_column = TABLES[table].title_column if table in TABLES else None
    title = fields.get(title_column) if title_column else None
    name = f"“{printable(title)}”" if isinstance(title, str) and title else ""
    ident = f"（编号 {printable(str(record_id), 40)}）" if record_id else ""
    return f"{label}{name}{ident}"


def check_fields(
    table: str, fields: Mapping[str, Any], *, insert: bool, wire: bool = True
) -> Problem | None:
    """The first thing wrong with ``fields`` of a ``table`` record, or ``None``.

    ``insert``: required columns must be given. ``wire``: local columns are
    not accepted (they never travel in sync ops).
    """
    spec_table = TABLES.get(table)
    if spec_table is None:
        return Problem(table, None, f"未知的数据表“{printable(table)}”（本版本不认识该表）。")
    local = spec_table.local if wire else frozenset()
    for name, value in fields.items():
        spec = spec_table.columns.get(name)
        if name in local:
            return Problem(
                table, name, f"{spec_table.label}的字段“{name}”只保存在本机，不参与同步。"
            )
        if spec is None:
            return Problem(
                table, name, f"{spec_table.label}没有字段“{printable(str(name))}”（未知字段）。"
            )
        problem = spec.problem(value)
        if problem:
            return _field_problem(spec_table, name, problem)
    if insert:
        for name, spec in spec_table.columns.items():
            if spec.required and fields.get(name) is None and name not in local:
                return _field_problem(spec_table, name, "不能为空")
    return None


def check_id(table: str, record_id: Any) -> Problem | None:
    problem = id_problem(record_id)
    if problem:
        return Problem(table, "id", f"{_label(table)}的编号{problem}。", "编号", problem)
    return None


# table → (its columns dict, {reference column: (referenced table, kind column)}); a
# redeclared table (new columns dict) is read again.
_REFERENCE_COLUMNS: dict[str, tuple[dict[str, Spec], dict[str, tuple[str, str]]]] = {}


def _reference_columns(spec_table: Table) -> dict[str, tuple[str, str]]:
    cached = _REFERENCE_COLUMNS.get(spec_table.name)
    if cached is not None and cached[0] is spec_table.columns:
        return cached[1]
    found: dict[str, tuple[str, str]] = {}
    for name, spec in spec_table.columns.items():
        if isinstance(spec, Ref) and spec.checked:
            found[name] = (spec.table, "")
        elif isinstance(spec, KindRef):
            found[name] = ("", spec.kind_column)
    _REFERENCE_COLUMNS[spec_table.name] = (spec_table.columns, found)
    return found


def references(table: str, fields: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """``(column, referenced table, id)`` of every checked reference set in ``fields``."""
    spec_table = TABLES.get(table)
    if spec_table is None:
        return
    columns = _reference_columns(spec_table)
    for name, value in fields.items():
        ref = columns.get(name)
        if ref is None or not isinstance(value, str):
            continue
        target, kind_column = ref
        if kind_column:
            kind = fields.get(kind_column)
            if not isinstance(kind, str) or kind not in TABLES:
                continue
            target = kind
        yield name, target, value


def check_references(
    table: str, fields: Mapping[str, Any], exists: Callable[[str, str], bool]
) -> Problem | None:
    """The first reference in ``fields`` naming a record that ``exists`` does not know."""
    for column, target, record_id in references(table, fields):
        if not exists(target, record_id):
            detail = f"指向的{_label(target)}（编号 {printable(record_id)}）不存在"
            return _field_problem(TABLES[table], column, detail)
    return None


# -- the synced tables -------------------------------------------------------------------

NODE_KINDS = ("task", "item", "milestone")

TITLE = 200  # titles and names: one line of a printed briefing
# Titles of plans, sections and tasks are taken from the document (a heading or first
# sentence, as written), so they get more room than titles people type.
DOC_TITLE = 500
UNIT_NAME = 100
NOTE = 4000  # notes, reasons, warnings: a few paragraphs
BODY = 20_000  # a task's or work item's text as written in the plan
REPORT_TEXT = 10_000
SOURCE_TEXT = 2_000_000  # a whole plan document (about 6 MB of UTF-8)
SPAN = Integer("原文位置", low=0, high=SOURCE_TEXT)
POSITION = 100_000


def _position() -> Integer:
    return Integer("顺序", nullable=False, low=0, high=POSITION)


def _target_columns() -> dict[str, Spec]:
    return {
        "position": _position(),
        "text": Text("目标原文", nullable=False, max_len=NOTE, multiline=True),
        "metric": Text("指标", nullable=False, max_len=TITLE),
        "comparator": Choice("比较方式", nullable=False, choices=COMPARATORS),
        "value": Real("目标值"),
        "uom": Text("计量单位", nullable=False, max_len=50),
        "deadline": IsoDate("期限"),
        "span_start": SPAN,
        "span_end": SPAN,
    }


declare(
    "plan",
    "计划",
    {
        "title": Text("标题", nullable=False, required=True, max_len=DOC_TITLE),
        "doc_no": Text("发文字号", nullable=False, max_len=100),
        "issuer": Text("发文机关", nullable=False, max_len=TITLE),
        "index_no": Text("索引号", nullable=False, max_len=100),
        "written_date": IsoDate("成文日期"),
        "published_date": IsoDate("发布日期"),
        "source_name": Text("来源文件名", nullable=False, max_len=260),
        "source_text": Text("原文", nullable=False, max_len=SOURCE_TEXT, multiline=True),
        "fingerprint": Text("指纹", nullable=False, max_len=128),
        "imported_at": Timestamp("导入时间"),
    },
    local=("imported_at", "source_name"),
    title_column="title",
)
declare(
    "section",
    "章节",
    {
        "plan_id": Ref("所属计划", nullable=False, required=True, table="plan"),
        "parent_id": Ref("上级章节", table="section"),
        "key": Text("章节路径", nullable=False, required=True, max_len=100),
        "level": Integer("层级", nullable=False, required=True, low=0, high=20),
        "no": Text("编号", nullable=False, max_len=20),
        "title": Text("标题", nullable=False, max_len=DOC_TITLE),
        "position": _position(),
    },
    title_column="title",
)
declare(
    "task",
    "任务",
    {
        "plan_id": Ref("所属计划", nullable=False, required=True, table="plan"),
        "section_id": Ref("所属章节", table="section"),
        "no": Integer("任务序号", nullable=False, required=True, low=0, high=POSITION),
        "title": Text("标题", nullable=False, max_len=DOC_TITLE),
        "text": Text("任务原文", nullable=False, max_len=BODY, multiline=True),
        "span_start": SPAN,
        "span_end": SPAN,
        # The outline position (section key + number, "二/一/3"): the task's identity.
        "outline_key": Text("大纲位置", nullable=False, max_len=200),
        "leaders": Json("责任领导", nullable=False, shape="list", max_len=4_000),
        "deadline": IsoDate("完成时限"),
        # Plan authoring: removed while things were recorded against it; 上级任务 link.
        "archived": IsoDate("归档日期"),
        "parent_task_id": Ref("上级任务", table="task"),
        "rollup": Integer("状态汇总", nullable=False, low=0, high=1),
    },
    title_column="title",
)
declare(
    "item",
    "工作事项",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "position": _position(),
        "text": Text("事项原文", nullable=False, max_len=BODY, multiline=True),
        "attribution": Text("分工原文", nullable=False, max_len=NOTE, multiline=True),
        "span_start": SPAN,
        "span_end": SPAN,
    },
)
declare(
    "unit",
    "单位",
    {
        "name": Text("名称", nullable=False, required=True, max_len=UNIT_NAME),
        "kind": Choice("类别", nullable=False, choices=UNIT_KINDS),
        "aliases": Json("别名", nullable=False, shape="list", max_len=20_000, item_max=UNIT_NAME),
    },
    title_column="name",
)
declare(
    "assignment",
    "分工",
    {
        "item_id": Ref("工作事项", nullable=False, required=True, table="item"),
        "unit_id": Ref("单位", nullable=False, required=True, table="unit"),
        "role": Choice("职责", nullable=False, required=True, choices=ROLES),
        "position": _position(),
    },
)
declare(
    "target",
    "量化目标",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "item_id": Ref("工作事项", table="item"),
        **_target_columns(),
    },
    title_column="metric",
)
declare(
    "plan_warning",
    "导入警告",
    {
        "plan_id": Ref("所属计划", nullable=False, required=True, table="plan"),
        "position": _position(),
        "message": Text("内容", nullable=False, required=True, max_len=NOTE, multiline=True),
    },
)
declare(
    "plan_goal",
    "总体目标",
    {
        "plan_id": Ref("所属计划", nullable=False, required=True, table="plan"),
        **_target_columns(),
    },
    title_column="metric",
)

# -- coordination (members write these for their own tasks) ---------------------------

declare(
    "milestone",
    "里程碑",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "item_id": Ref("工作事项", table="item"),
        "title": Text("名称", nullable=False, required=True, max_len=TITLE),
        "due": IsoDate("截止日期"),
        "owner_unit_id": Ref("责任单位", table="unit"),
        "done_date": IsoDate("完成日期"),
        "note": Text("备注", nullable=False, max_len=NOTE, multiline=True),
        "position": _position(),
        "current_due": IsoDate("当前截止日期"),
    },
    members=True,
    title_column="title",
)
declare(
    "milestone_extension",
    "延期记录",
    {
        "milestone_id": Ref("里程碑", nullable=False, required=True, table="milestone"),
        "old_due": IsoDate("原截止日期"),
        "new_due": IsoDate("新截止日期", nullable=False, required=True),
        "reason": Text("延期原因", nullable=False, max_len=NOTE, multiline=True),
        "recorded_at": Timestamp("记录时间", nullable=False, required=True),
        "recorded_by": Text("记录人", nullable=False, max_len=UNIT_NAME),
    },
    members=True,
)
declare(
    "target_value",
    "目标数值",
    {
        "target_id": Ref("量化目标", nullable=False, required=True, table="target"),
        "unit_id": Ref("填报单位", table="unit"),
        "value": Real("数值", nullable=False, required=True),
        "as_of": IsoDate("数据日期", nullable=False, required=True),
        "note": Text("备注", nullable=False, max_len=NOTE, multiline=True),
        # Unchecked: the value is written in the same action as its report (issue 12).
        "report_id": Ref("来源报告", table="report", checked=False),
    },
    members=True,
)
declare(
    "report",
    "进展报告",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "item_id": Ref("工作事项", table="item"),
        # Unchecked: a report keeps the unit it was filed by after a merge.
        "unit_id": Ref("填报单位", nullable=False, required=True, table="unit", checked=False),
        "period": Period("填报期", nullable=False, required=True),
        "text": Text("进展说明", nullable=False, max_len=REPORT_TEXT, multiline=True),
        "percent": Real("完成百分比", low=0, high=100),
        "figures": Json("目标数值", nullable=False, shape="object", max_len=20_000),
        "author": Text("填报人", nullable=False, max_len=UNIT_NAME),
        "created_at": Timestamp("填报时间", nullable=False, required=True),
        "supersedes_id": Ref("更正的报告", table="report"),
        "also_supersedes": Json("同时更正的报告", nullable=False, shape="list", item_max=64),
    },
    append_only=True,
    members=True,
)
declare(
    "dependency",
    "依赖",
    {
        "pred_kind": Choice("前置类型", nullable=False, required=True, choices=NODE_KINDS),
        "pred_id": KindRef("前置事项", nullable=False, required=True, kind_column="pred_kind"),
        "succ_kind": Choice("后续类型", nullable=False, required=True, choices=NODE_KINDS),
        "succ_id": KindRef("后续事项", nullable=False, required=True, kind_column="succ_kind"),
        # A structural bound only; coordination rules may narrow it.
        "lag_days": Integer("间隔天数", nullable=False, low=MIN_LAG_DAYS, high=MAX_LAG_DAYS),
    },
    members=True,
)

# -- plan authoring: the append-only change history of tasks (调整记录) --------------

declare(
    "task_change",
    "调整记录",
    {
        "plan_id": Ref("所属计划", nullable=False, required=True, table="plan", checked=False),
        # Not checked: the history outlives the task it describes.
        "task_id": Ref("任务", table="task", checked=False),
        "task_no": Integer("任务序号", low=0, high=POSITION),
        "task_title": Text("任务标题", nullable=False, max_len=DOC_TITLE),
        "kind": Text("调整类别", nullable=False, required=True, max_len=50),
        "summary": Text("调整内容", nullable=False, required=True, max_len=NOTE, multiline=True),
        "old": Text("调整前", max_len=BODY, multiline=True),
        "new": Text("调整后", max_len=BODY, multiline=True),
        "basis": Text("依据", nullable=False, max_len=500),
        "author": Text("调整人", nullable=False, max_len=200),
        "changed_at": Timestamp("调整时间", nullable=False, required=True),
    },
    append_only=True,
)

# -- meetings, comments and 领导批示 (issue 12) ---------------------------------------

COMMENT_KINDS = ("task", "item", "report")

declare(
    "meeting",
    "会议",
    {
        "title": Text("会议名称", nullable=False, required=True, max_len=TITLE),
        "date": IsoDate("会议日期", nullable=False, required=True),
        "chair": Text("主持人", nullable=False, max_len=UNIT_NAME),
        "plan_id": Ref("交办事项所在计划", table="plan"),
        "present": Json("出席", nullable=False, shape="list", max_len=20_000, item_max=TITLE),
        "absent": Json("请假", nullable=False, shape="list", max_len=20_000, item_max=TITLE),
        "attending": Json("列席", nullable=False, shape="list", max_len=20_000, item_max=TITLE),
        "note": Text("备注", nullable=False, max_len=NOTE, multiline=True),
        "created_at": Timestamp("登记时间", nullable=False, required=True),
    },
    title_column="title",
)
declare(
    "meeting_item",
    "会议议定事项",
    {
        "meeting_id": Ref("所属会议", nullable=False, required=True, table="meeting"),
        "position": _position(),
        "title": Text("事项", nullable=False, required=True, max_len=TITLE),
        "unit_id": Ref("责任单位", nullable=False, required=True, table="unit"),
        "due": IsoDate("完成时限", nullable=False, required=True),
        # the 交办 task created for it (kept when that task is deleted later)
        "task_id": Ref("交办任务", table="task", checked=False),
    },
    title_column="title",
)
declare(
    "comment",
    "评论",
    {
        "node_kind": Choice("对象类型", nullable=False, required=True, choices=COMMENT_KINDS),
        "node_id": KindRef("评论对象", nullable=False, required=True, kind_column="node_kind"),
        "reply_to": Ref("回复的评论", table="comment"),
        "text": Text("内容", nullable=False, required=True, max_len=NOTE, multiline=True),
        "author": Text("作者", nullable=False, max_len=UNIT_NAME),
        "created_at": Timestamp("时间", nullable=False, required=True),
    },
    append_only=True,
    members=True,
)
declare(
    "instruction",
    "领导批示",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "leader": Text("批示领导", nullable=False, required=True, max_len=UNIT_NAME),
        "given_on": IsoDate("批示日期", nullable=False, required=True),
        "text": Text("批示内容", nullable=False, required=True, max_len=NOTE, multiline=True),
        # the follow-up 交办 work item it created, if any
        "item_id": Ref("交办事项", table="item", checked=False),
        "recorded_by": Text("登记人", nullable=False, max_len=UNIT_NAME),
        "recorded_at": Timestamp("登记时间", nullable=False, required=True),
    },
    append_only=True,
)

# -- briefings (the office's register of issued 通报, 第N期) ---------------------------

declare(
    "briefing_issue",
    "通报期号",
    {
        "plan_key": Text("计划", nullable=False, required=True, max_len=4_000),
        "year": Integer("年度", nullable=False, required=True, low=1900, high=2100),
        "number": Integer("期号", nullable=False, required=True, low=1, high=100_000),
        "meeting_date": IsoDate("会议日期", nullable=False, required=True),
        "requirements": Text("工作要求", nullable=False, max_len=NOTE, multiline=True),
        "issuer": Text("发文单位", nullable=False, max_len=200),
        "created_at": Timestamp("生成时间", nullable=False, required=True),
    },
)

ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024  # evidence, not an archive: 20 MB a file

declare(
    "attachment",
    "附件",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "name": Text("文件名", nullable=False, required=True, max_len=260),
        "size": Integer(
            "大小（字节）", nullable=False, required=True, low=0, high=ATTACHMENT_MAX_BYTES
        ),  # fmt: skip
        "sha256": Text("SHA-256", nullable=False, required=True, max_len=64),
        "note": Text("说明", nullable=False, max_len=NOTE, multiline=True),
        "added_by": Text("添加人", nullable=False, max_len=UNIT_NAME),
        "added_at": Timestamp("添加时间", nullable=False, required=True),
    },
    members=True,
    title_column="name",
)


# -- the 督办 workflow (issue 12): 签收, cycles, 延期申请, 办结/销号, contacts ----------------
# Step tables are append-only (a decision is a new row, never an edit): every step stays
# dated and attributed (留痕). Members write requests, applications and sign-ins for their
# own unit; decisions are the coordinators' (sync/server/permissions.py).

CYCLES = ("month", "week", "2weeks", "quarter", "once")
SIGNOFF_DECISIONS = ("approved", "returned")
EXTENSION_DECISIONS = ("approved", "refused")
PHONE = 40

declare(
    "signin",
    "签收记录",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "item_id": Ref("工作事项", table="item"),
        "unit_id": Ref("签收单位", nullable=False, required=True, table="unit", checked=False),
        "signed_at": Timestamp("签收时间", nullable=False, required=True),
        "signed_by": Text("签收人", nullable=False, max_len=UNIT_NAME),
    },
    append_only=True,
    members=True,
)
declare(
    "report_cycle",
    "报送周期",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "every": Choice("周期", nullable=False, required=True, choices=CYCLES),
        "due_day": Integer("报送日", low=1, high=31),
        "due_date": IsoDate("一次性报送期限"),
    },
)
declare(
    "extension_request",
    "延期申请",
    {
        "milestone_id": Ref("里程碑", nullable=False, required=True, table="milestone"),
        "unit_id": Ref("申请单位", nullable=False, required=True, table="unit", checked=False),
        "old_due": IsoDate("原截止日期"),
        "new_due": IsoDate("申请延至", nullable=False, required=True),
        "reason": Text("申请理由", nullable=False, required=True, max_len=NOTE, multiline=True),
        "requested_at": Timestamp("申请时间", nullable=False, required=True),
        "requested_by": Text("申请人", nullable=False, max_len=UNIT_NAME),
    },
    append_only=True,
    members=True,
)
declare(
    "extension_decision",
    "延期审批",
    {
        "request_id": Ref("延期申请", nullable=False, required=True, table="extension_request"),
        "decision": Choice("审批结果", nullable=False, required=True, choices=EXTENSION_DECISIONS),
        "reason": Text("审批意见", nullable=False, max_len=NOTE, multiline=True),
        "extension_id": Ref("延期记录", table="milestone_extension", checked=False),
        "decided_at": Timestamp("审批时间", nullable=False, required=True),
        "decided_by": Text("审批人", nullable=False, max_len=UNIT_NAME),
    },
    append_only=True,
)
declare(
    "signoff",
    "办结申请",
    {
        "task_id": Ref("所属任务", nullable=False, required=True, table="task"),
        "item_id": Ref("工作事项", table="item"),
        "unit_id": Ref("申请单位", nullable=False, required=True, table="unit", checked=False),
        "evidence": Text("办结说明", nullable=False, required=True, max_len=NOTE, multiline=True),
        "applied_at": Timestamp("申请时间", nullable=False, required=True),
        "applied_by": Text("申请人", nullable=False, max_len=UNIT_NAME),
    },
    append_only=True,
    members=True,
)
declare(
    "signoff_decision",
    "办结审核",
    {
        "signoff_id": Ref("办结申请", nullable=False, required=True, table="signoff"),
        "decision": Choice("审核结果", nullable=False, required=True, choices=SIGNOFF_DECISIONS),
        "reason": Text("审核意见", nullable=False, max_len=NOTE, multiline=True),
        "decided_at": Timestamp("审核时间", nullable=False, required=True),
        "decided_by": Text("审核人", nullable=False, max_len=UNIT_NAME),
    },
    append_only=True,
)
declare(
    "unit_contact",
    "联络员",
    {
        "unit_id": Ref("单位", nullable=False, required=True, table="unit"),
        "person": Text("联络员", nullable=False, required=True, max_len=UNIT_NAME),
        "phone": Phone("联系电话", nullable=False, required=True, max_len=PHONE),
    },
    members=True,
)


def limits_markdown() -> str:
    """The registry as Markdown tables (docs/formats.md embeds it; a test keeps it current)."""
    lines: list[str] = []
    for table in TABLES.values():
        flags = [
            "members write it" if table.members else "coordinators only",
            *(["append-only"] if table.append_only else []),
        ]
        lines += [f"**`{table.name}`** ({table.label}; {', '.join(flags)})", ""]
        lines += ["| column | label | rule | null |", "|---|---|---|---|"]
        for name, spec in table.columns.items():
            null = "required" if spec.required else ("yes" if spec.nullable else "no")
            local = " — local only, never synced" if name in table.local else ""
            lines.append(f"| `{name}` | {spec.label} | {spec.describe()}{local} | {null} |")
        lines.append("")
    return "\n".join(lines)
