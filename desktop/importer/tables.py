"""Task tables (任务分工表) -> plan text the structure parser reads.

Used for Word tables, Excel/CSV sheets and text tables (cells separated by
``|`` or tabs, one cell per line with blank lines between rows, or a web page's
table flattened to one cell per paragraph). A header
naming 序号 / 重点任务 / 工作内容 / 牵头单位 / 配合单位 / 责任单位 / 完成时限 /
责任领导 columns in any order (spaces inside a header cell such as ``牵头 单位``
are ignored) makes a task table: each row becomes ``N. 任务`` followed by
label lines (``牵头单位：…``), which the parser reads like any "labels on
their own lines" document. 序号 ``14-1`` … ``14-4`` are work items of task 14.
"""

from __future__ import annotations

import itertools
import re

from .units import is_unit_name, split_units

_HEADER_COLUMNS = {
    "no": re.compile(r"^(序号|编号|序)$"),
    "lead": re.compile(r"^(牵头(?:责任)?单位|牵头(?:部门|科室|处室|股室)|主办单位|牵头)$"),
    "support": re.compile(
        r"^(配合单位|配合部门|协同(?:责任)?(?:单位|部门)|协作(?:单位|部门)|参与(?:单位|部门)|协办单位"
        r"|配合|协同|参与)$"
    ),
    "responsible": re.compile(
        r"^(责任单位|责任(?:部门|科室|处室|股室)|主责单位|承办单位|责任主体|实施主体)$"
    ),
    "deadline": re.compile(r"^(?:计划)?(完成时限|完成时间|时间节点|时限|完成期限|时限要求)$"),
    "leader": re.compile(
        r"^(责任领导|牵头领导|牵头负责领导|负责领导|分管[市区县]?领导|牵头[市区县]领导|责任人)$"
    ),
    # 项目名称 / 项目内容 / 建设内容: the 民生实事 lists name projects, not tasks.
    "task": re.compile(
        r"任务|工作内容|具体内容|主要内容|工作措施|具体措施|重点工作|举措|事项"
        r"|^项目(?:名称|内容)$|建设内容$"
        # 预期目标 / 主要目标: a list of the year's targets, one a row.
        r"|(?:预期|主要|工作|年度)目标$"
    ),
    # 分类 / 类别: a column merged down over the rows of one group (发展目标 …).
    "category": re.compile(r"^(分类|类别|类型|板块|领域)$"),
}
_UNIT_LABELS = {
    "leader": "责任领导",
    "lead": "牵头单位",
    "support": "配合单位",
    "responsible": "责任单位",
}
# The columns that name units (责任领导 names people).
_UNIT_ROLES = tuple(key for key in _UNIT_LABELS if key != "leader")


def _unit_columns(columns: dict[str, int]) -> list[int]:
    """The places of a table's unit columns (牵头 / 配合 / 责任), left to right."""
    return sorted(idx for key, idx in columns.items() if key in _UNIT_ROLES)


_LEADING_NO = re.compile(r"^\s*\d{1,4}\s*[.．、]\s*")
_INT = re.compile(r"^\s*(\d{1,4})\s*[.．、]?\s*$")
# 序号 of a work item: 14-1, 14－2, 14.3 (task 14, item 3).
_SUB_NO = re.compile(r"^\s*(\d{1,4})\s*[-－—–.．]\s*(\d{1,3})\s*$")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


_YEAR_PREFIX = re.compile(r"^\d{4}年度?")


def _label(text: str) -> str:
    """A header cell as its column name: no spaces, no leading year (2022年预期目标)."""
    return _YEAR_PREFIX.sub("", _squash(text))


def _table_columns(header: list[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for idx, raw in enumerate(header):
        label = _label(raw)
        if idx in columns.values():
            continue
        for key, rx in _HEADER_COLUMNS.items():
            if not rx.search(label):
                continue
            if key not in columns:
                columns[key] = idx
                break
            if key == "task" and "measure" not in columns:
                columns["measure"] = idx  # 重点任务 | 具体措施: title, then body
                break
    has_units = any(k in columns for k in ("lead", "support", "responsible"))
    return columns if "task" in columns and has_units else None


def _is_sub_header(top: list[str], sub: list[str]) -> bool:
    """``sub`` names columns that ``top`` groups (责任单位 over 牵头单位 | 配合单位)."""
    exact = [rx for key, rx in _HEADER_COLUMNS.items() if key != "task"]
    return any(
        _squash(s) != _squash(t) and any(rx.search(_squash(s)) for rx in exact)
        for t, s in zip(top, sub, strict=False)
    )


def header_of(rows: list[list[str]], limit: int = 6) -> tuple[dict[str, int], int] | None:
    """The column map of a task table whose header is in its first ``limit`` rows,
    and the index of its first data row."""
    return _header(rows, limit)


def _header(rows: list[list[str]], limit: int = 2) -> tuple[dict[str, int], int] | None:
    """The column map of a task table and the index of its first data row."""
    for idx in range(min(limit, len(rows))):
        if idx + 1 < len(rows) and _is_sub_header(rows[idx], rows[idx + 1]):
            top, sub = rows[idx], rows[idx + 1]
            merged = [
                s if s.strip() and _squash(s) != _squash(t) else t
                for t, s in zip(top, sub, strict=False)
            ]
            columns = _table_columns(merged)
            if columns is not None:
                return columns, idx + 2
        columns = _table_columns(rows[idx])
        if columns is not None:
            return columns, idx + 1
    return None


def table_rows_to_lines(
    rows: list[list[str]],
    columns: dict[str, int] | None = None,
    header_rows: int = 1,
    limit: int = 6,
) -> list[str]:
    """A table's rows -> plan text lines: a task table (recognised header within
    its first ``limit`` rows, or ``columns`` given with ``header_rows`` rows to
    skip) becomes numbered tasks with label lines; any other table one line per
    row. Rows above the header (a title) stay text lines."""
    if columns is not None:
        return _task_table_lines(rows[header_rows:], columns)
    header = _header(rows, limit)
    if header is not None:
        found, start = header
        heading_rows = rows[: start - 1]
        if start >= 2 and _is_sub_header(rows[start - 2], rows[start - 1]):
            heading_rows = rows[: start - 2]
        headings = [" ".join(dict.fromkeys(c for c in r if c.strip())) for r in heading_rows]
        return [ln for ln in headings if ln] + _task_table_lines(rows[start:], found)
    lines: list[str] = []
    for cells in rows:
        distinct = list(dict.fromkeys(c for c in cells if c.strip()))
        if len(distinct) == 1:
            lines.extend(distinct[0].split("\n"))  # a layout cell holding paragraphs
        elif distinct:
            lines.append(" ".join(c.replace("\n", " ") for c in distinct))
    return lines


# A totals row's first cell: 合计, 合 计, 小计, 总计, 全市合计 (a colon after it allowed).
_TOTALS = re.compile(r"^(?:全[省市州县区])?(?:合计|总计|小计)[:：]?$")


def is_totals_row(cells: list[str]) -> bool:
    """A row of sums (``合 计 | 3069.7 | 0 | …``): its first non-empty cell says so."""
    first = next((c for c in cells if c.strip()), "")
    return bool(_TOTALS.match(_squash(first)))


def _item_line(text: str) -> str:
    """A work-item line inside a task: never read as a numbered line of its own."""
    return _LEADING_NO.sub("", text)


def _task_table_lines(rows: list[list[str]], columns: dict[str, int]) -> list[str]:
    lines: list[str] = []
    counter = 0
    previous: tuple[str, str] | None = None
    previous_task = ""

    def cell(cells: list[str], key: str) -> str:
        idx = columns.get(key)
        return cells[idx] if idx is not None and idx < len(cells) else ""

    def joined(text: str) -> str:
        return "".join(part.strip() for part in text.split("\n"))

    previous_main: int | None = None
    for cells in rows:
        if is_totals_row(cells):
            previous = None  # 合计 / 小计: the sums of the rows above, no task
            previous_main = None
            continue
        distinct = list(dict.fromkeys(c.strip() for c in cells if c.strip()))
        if len(distinct) == 1 and len(cells) > 1:
            lines.append(distinct[0])  # a merged row: a sub-heading such as （一）…
            previous = None
            previous_main = None
            continue
        task = _LEADING_NO.sub("", joined(cell(cells, "task")))
        measure = joined(cell(cells, "measure"))
        no_cell = cell(cells, "no").strip()
        sub = _SUB_NO.match(no_cell)
        key = (no_cell, task)
        if sub and previous_main == int(sub.group(1)) and (task or measure):
            # 14-2, 14-3 …: one more work item of task 14, with its own units.
            lines.append(
                _item_line(measure if measure and task == previous_task else task or measure)
            )
        elif task and key == previous:
            # 序号 and 重点任务 merged down over several rows: each row is one more
            # work item of the same task, with its own units (and the task text
            # again when the row has no text of its own).
            lines.append(_item_line(measure or task))
        elif task or measure:
            m = _INT.match(no_cell)
            if sub:
                counter = int(sub.group(1))
            else:
                counter = int(m.group(1)) if m else counter + 1
            previous_main = counter
            previous_task = task
            if task and measure:
                end = "" if task[-1] in "。；;！？!?" else "。"
                task = f"{task}{end}{measure}"
            lines.append(f"{counter}. {task or measure}")
            previous = key
        else:
            continue
        for role, label in _UNIT_LABELS.items():
            units = "、".join(p.strip() for p in cell(cells, role).split("\n") if p.strip())
            if units:
                lines.append(f"{label}：{units}")
        deadline = " ".join(cell(cells, "deadline").split())
        if deadline:
            lines.append(f"完成时限：{deadline}")
    return lines


# --------------------------------------------------------------------------- text tables

_PIPE_ROW = re.compile(r"^\s*\|?(.*?)\|?\s*$")
_RULE_ROW = re.compile(r"^[\s|:：\-—=+]+$")


def _split_row(line: str) -> list[str] | None:
    if "|" in line:
        inner = _PIPE_ROW.match(line)
        cells = (inner.group(1) if inner else line).split("|")
    elif "\t" in line:
        cells = line.split("\t")
    else:
        return None
    cells = [c.strip() for c in cells]
    return cells if len(cells) >= 2 else None


def _header_only(cells: list[str]) -> dict[str, int] | None:
    return _table_columns(cells)


def convert_text_tables(text: str) -> str:
    """Replace task tables written as text by the plan lines they stand for.

    Three layouts: one row per line with cells separated by ``|`` or tabs;
    one cell per line, rows separated by blank lines, after a header written
    one cell per line; or every cell a paragraph of its own (a web page's table
    copied as text), rows told apart by their 序号. Other text is kept as it is.
    """
    if (
        "|" not in text
        and "\t" not in text
        and "\n\n" not in text.replace("\r", "")
        and not _SPACED_UNIT_LABEL.search(text)
    ):
        return text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "|" in text:
        lines = _join_cell_lines(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        cells = _split_row(lines[i])
        if cells is not None and _header_only(cells) is not None:
            rows = [cells]
            j = i + 1
            while j < len(lines):
                if _RULE_ROW.match(lines[j]) and lines[j].strip():
                    j += 1
                    continue
                row = _split_row(lines[j])
                if row is None:
                    break
                rows.append(row)
                j += 1
            _expand_two_row_header(rows)
            _restore_merged_cells(rows)
            out.extend(table_rows_to_lines(rows))
            i = j
            continue
        block = (
            _space_separated_table(lines, i)
            or _cell_per_line_table(lines, i)
            or _cell_per_paragraph_table(lines, i)
        )
        if block is not None:
            rows, j = block
            out.extend(table_rows_to_lines(rows))
            i = j
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


# A unit column's label followed by a space or the line's end: a header whose cells are
# separated by spaces may be in the text.
_SPACED_UNIT_LABEL = re.compile(r"(?:单位|部门|牵头|配合|协同)(?: |$)", re.M)
_MAX_SPACED_HEADER = 80


def _space_separated_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """A web table copied with its cells separated by single spaces, one row a line:
    a header line of >= 4 column names (``负责领导 重点工作 基本要求 牵头部门 协同部门
    完成情况``), then rows that split into as many cells (the last one takes the rest of
    the line) whose unit cells name units; a shorter line goes on the row's last cell
    (a 完成情况 of several lines)."""
    line = lines[i].strip()
    if " " not in line or len(line) > _MAX_SPACED_HEADER:
        return None
    header = line.split(" ")
    if len(header) < 4 or not all(
        0 < len(c) <= 8 and (_is_header_cell(c) or _is_other_column(c)) for c in header
    ):
        return None
    columns = _table_columns(header)
    if columns is None:
        return None
    width = len(header)
    units = _unit_columns(columns)
    rows = [header]
    j = i + 1
    while j < len(lines) and lines[j].strip():
        cells = lines[j].strip().split(" ", width - 1)
        if cells == header:
            pass  # the header again, on the next page
        elif len(cells) == width and all(_names_units(cells[idx]) for idx in units):
            rows.append(cells)
        elif len(rows) > 1 and len(cells) < width:
            rows[-1][-1] += "\n" + lines[j].strip()
        else:
            break
        j += 1
    return (rows, j) if len(rows) > 1 else None


_CELL_LINE = re.compile(r"^[^|]+\|\s*$")
_BAR_LINE = re.compile(r"^\s*\|+\s*$")


def _join_cell_lines(lines: list[str]) -> list[str]:
    """A pipe table copied one cell per line (``序号 |``, ``项目名称 |`` …) with a line of
    bars alone between rows: each row becomes one ``a | b | c`` line (read as any pipe
    table); a row of one cell (the table's title) a plain line."""
    out: list[str] = []
    i, n = 0, len(lines)
    while i < n:
        if not (_CELL_LINE.match(lines[i]) or _BAR_LINE.match(lines[i])):
            out.append(lines[i])
            i += 1
            continue
        j, cells, bars = i, 0, 0
        while j < n and (_CELL_LINE.match(lines[j]) or _BAR_LINE.match(lines[j])):
            if _BAR_LINE.match(lines[j]):
                bars += 1
            else:
                cells += 1
            j += 1
        if cells >= 3 and not bars:
            # No bar lines between the rows: the header's width tells them apart.
            by_header = _rows_by_header([ln.rstrip().rstrip("|").strip() for ln in lines[i:j]])
            if by_header is not None:
                out.extend(" | ".join(r) for r in by_header)
                i = j
                continue
        if cells < 3 or not bars:
            out.extend(lines[i:j])  # a line or two that happen to end in a bar
            i = j
            continue
        row: list[str] = []
        for line in lines[i:j]:
            if _BAR_LINE.match(line):
                if row:
                    out.append(" | ".join(row))
                row = []
            else:
                row.append(line.rstrip().rstrip("|").strip())
        if row:
            out.append(" | ".join(row))
        i = j
    return out


def _rows_by_header(cells: list[str]) -> list[list[str]] | None:
    """A task table's cells one per line with nothing between its rows: the header is
    the leading header cells, and the rows are told apart by their 序号 (the next number
    in order; a shorter row is padded at its end) or, without a 序号 column first, taken
    as many cells at a time as the header has."""
    header: list[str] = []
    for cell in cells:
        if not (_is_header_cell(cell) or (header and _is_other_column(cell))):
            break
        header.append(cell)
    columns = _table_columns(header) if len(header) >= 3 else None
    if columns is None:
        return None
    width, rest = len(header), cells[len(header) :]
    if not rest:
        return None
    rows = [header]
    if columns.get("no") == 0:
        expected = None
        for cell in rest:
            m = _INT.match(cell)
            if m and (expected is None or int(m.group(1)) == expected):
                rows.append([])
                expected = int(m.group(1)) + 1
            elif expected is None:
                return None  # the first row has no number
            rows[-1].append(cell)
        if any(len(r) > width for r in rows):
            return None
        return [r + [""] * (width - len(r)) for r in rows]
    if len(rest) % width:
        return None
    return rows + [rest[k : k + width] for k in range(0, len(rest), width)]


# ---------------------------------------------------------------- a header of two rows

# A header cell that only groups the columns under it: 资金来源, 资金构成, 其中, 完成情况.
_GROUP_CELL = re.compile(r"(?:来源|构成|组成|筹措|结构|明细|情况)$|^其中")
# A time column split into its start and end (完成时限 over 开始 | 结束).
_TIME_CELL = re.compile(r"时限|期限|时间|日期|年限|时序")
_TIME_LABEL = re.compile(r"^(?:开始|结束|起|止|开工|完工|竣工|起始|截止|完成)(?:时间|日期|年月)?$")
# A unit column split into its roles (责任单位 / 责任分工 over 牵头单位 | 配合单位).
_UNIT_GROUP_CELL = re.compile(r"单位|部门|分工|责任")
_MAX_SUB_LABEL = 10
_MAX_SPANNED_HEADER = 40
# A cell that is a value, not a task: a number, an amount, a date.
_VALUE_CELL = re.compile(r"^[\d\s.,，、%％+\-—–~/:：年月日底前后至到万亿元]*$")
_DATE_CELL = re.compile(r"\d|[年月日底季]|长期|持续|常态")
_PUNCTUATION = re.compile(r"[\d。，,；;：:、！？!?]")


def _width(cells: list[str]) -> int:
    """The row's cells up to its last non-empty one (a copy pads rows with empty cells)."""
    return next((n for n in range(len(cells), 0, -1) if cells[n - 1].strip()), 0)


def _sub_labels(cells: list[str]) -> list[str] | None:
    """A header's second row: >= 2 short labels, no number, no unit name (中央衔接资金 |
    省级衔接资金, 开始 | 结束, 牵头单位 | 配合单位), the cells the first row's spanning cell
    splits into, in order."""
    labels = [_label(c) for c in cells if c.strip()]
    if len(labels) < 2:
        return None
    for label in labels:
        if len(label) > _MAX_SUB_LABEL or _PUNCTUATION.search(label):
            return None
        if is_unit_name(label) and not _is_header_cell(label):
            return None
    return labels


def _role_of(label: str) -> str | None:
    return next((key for key, rx in _HEADER_COLUMNS.items() if rx.search(label)), None)


def _spans(cell: str, labels: list[str]) -> bool:
    """What the cell and the labels under it say: ``cell`` groups ``labels``."""
    label = _label(cell)
    role = _role_of(label)
    if role is None and _GROUP_CELL.search(label):
        return True
    if all(_TIME_LABEL.match(s) for s in labels):
        return bool(_TIME_CELL.search(label))
    if any(_role_of(s) in _UNIT_ROLES for s in labels):
        return role not in ("task", "no", "leader", "deadline") and bool(
            _UNIT_GROUP_CELL.search(label)
        )
    return False


def _expanded(header: list[str], p: int, labels: list[str]) -> list[str]:
    """The header with cell ``p`` replaced by the labels under it. A cell of a role whose
    labels name none (完成时限 over 开始 | 结束) gives its name to the last one (结束)."""
    under = list(labels)
    if _role_of(_label(header[p])) is not None and all(_role_of(s) is None for s in labels):
        under[-1] = header[p]
    return header[:p] + under + header[p + 1 :]


def _expand_two_row_header(rows: list[list[str]]) -> None:
    """A header of two rows copied as text: a cell of the first row (资金来源) spans the
    cells of the second (中央衔接资金 | 省级衔接资金 | 省级财政资金 | 其他资金), so every
    data row is k = labels - 1 cells wider than the first row, and each of its cells after
    the span sits k columns right of its header. The first row becomes the full header
    (its spanning cell replaced by the labels) and the second is dropped.

    Which cell spans: of the cells under which every data row reads (its 序号 a number,
    its task no number or date, its unit cells units, its deadline a date), the one that
    the cell and the labels name (a role-less 资金来源 / 其中 / …情况; 完成时限 over 开始 |
    结束; 责任分工 over 牵头单位 | 配合单位), else any when all of them give every role
    the same column. Nothing decides: the table stays as it is. Each role's column is
    checked once per place it can be (unmoved, or k right): linear in the rows."""
    if len(rows) < 3:
        return
    header = rows[0]
    h = _width(header)
    labels = _sub_labels(rows[1])
    if labels is None or h > _MAX_SPANNED_HEADER:
        return
    k = len(labels) - 1
    data = [r for r in rows[2:] if len({c for c in r if c.strip()}) > 1 and not is_totals_row(r)]
    if not data or not all(h < _width(r) <= h + k for r in data):
        return
    checked: dict[tuple[str, int], bool] = {}

    def column_reads(key: str, idx: int) -> bool:
        if (key, idx) not in checked:
            cells = [r[idx].strip() for r in data if idx < len(r) and r[idx].strip()]
            if key in _UNIT_ROLES:
                ok = all(_names_units(c) for c in cells)
            elif key == "deadline":
                ok = all(_DATE_CELL.search(c) for c in cells)
            elif key in ("task", "measure"):
                ok = not any(_VALUE_CELL.match(c) for c in cells)
            elif key == "no":
                ok = all(_INT.match(c) or _SUB_NO.match(c) for c in cells)
            else:
                ok = True
            checked[key, idx] = ok
        return checked[key, idx]

    readings: list[tuple[int, list[str], dict[str, int]]] = []
    for p in range(h):
        expanded = _expanded(header[:h], p, labels)
        columns = _table_columns(expanded)
        if columns is not None and all(column_reads(key, i) for key, i in columns.items()):
            readings.append((p, expanded, columns))
    named = [r for r in readings if _spans(header[r[0]], labels)]
    if len(named) == 1:
        choice = named[0]
    elif readings and len({tuple(sorted(r[2].items())) for r in readings}) == 1:
        choice = (named or readings)[0]
    else:
        return  # nothing decides which cell spans: leave the table as it is
    rows[0] = choice[1]
    del rows[1]


def _restore_merged_cells(rows: list[list[str]]) -> None:
    """Cells merged down over several rows (rowspan) are written once: copied as text, the
    rows below lack them, their other cells move left and the row ends in as many empty
    cells. Such a row — one that does not read as it is: its 序号 is no number, or a unit
    column holds no unit — takes the missing cells from the row above. Which columns
    were merged is the first choice, in the order 序号, 分类, task, 责任领导, unit
    columns, 完成时限, under which every cell lands where it reads."""
    columns = _table_columns(rows[0])
    if columns is None:
        return
    units = _unit_columns(columns)
    spannable = [columns[k] for k in _SPANNABLE if k in columns]
    width = len(rows[0])
    previous: list[str] | None = None
    for r in range(1, len(rows)):
        cells = rows[r]
        if len(cells) != width or len({c for c in cells if c}) <= 1:
            previous = None  # a heading row, or a row of another shape
            continue
        if previous is not None and not cells[-1] and not _reads(cells, columns, units):
            merged = _with_merged_cells(cells, previous, columns, units, spannable)
            if merged is not None:
                cells = rows[r] = merged
        previous = cells


# Columns a table merges down over the rows of one task or group, most likely first.
_SPANNABLE = ("no", "category", "task", "leader", "lead", "support", "responsible", "deadline")
_MAX_MERGED = 4


def _reads(cells: list[str], columns: dict[str, int], units: list[int]) -> bool:
    """A row whose 序号 is a number (or empty) and whose unit cells name units (or none)."""
    no = columns.get("no")
    if no is not None and cells[no] and not _INT.match(cells[no]) and not _SUB_NO.match(cells[no]):
        return False
    return all(not cells[idx] or _names_units(cells[idx]) for idx in units)


def _with_merged_cells(
    cells: list[str],
    previous: list[str],
    columns: dict[str, int],
    units: list[int],
    spannable: list[int],
) -> list[str] | None:
    """``cells`` (ending in empty ones) with the first choice of merged columns, taken from
    ``previous``, under which the row reads; None when none does."""
    empty = len(cells) - len(list(itertools.dropwhile(lambda c: not c, reversed(cells))))
    present = cells[: len(cells) - empty]
    for merged in itertools.combinations(spannable, min(empty, _MAX_MERGED)):
        if any(idx in units and not _names_units(previous[idx]) for idx in merged):
            continue
        rest = iter(present)
        row = [previous[idx] if idx in merged else next(rest, "") for idx in range(len(cells))]
        if _reads(row, columns, units):
            return row
    return None


def _cell_per_line_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """Header cells one per line (>= 3 consecutive header labels), then rows as blocks."""
    header: list[str] = []
    j = i
    while j < len(lines) and lines[j].strip() and _is_header_cell(lines[j]):
        header.append(lines[j].strip())
        j += 1
    if len(header) < 3 or _table_columns(header) is None:
        return None
    rows = [header]
    while j < len(lines):
        while j < len(lines) and not lines[j].strip():
            j += 1
        block: list[str] = []
        while j < len(lines) and lines[j].strip():
            block.append(lines[j].strip())
            j += 1
        if not block:
            break
        if len(block) < 2 or len(block) > len(header):
            j -= len(block)  # not a row of this table: leave it to the text
            break
        rows.append(block + [""] * (len(header) - len(block)))
    return rows, j


def _is_header_cell(line: str) -> bool:
    if len(line) > 16:
        return False
    label = _label(line)
    return len(label) <= 8 and any(rx.search(label) for rx in _HEADER_COLUMNS.values())


_NO_UNIT = {"/", "-", "—", "——", "无"}


def _names_units(cell: str) -> bool:
    """A unit column's cell: unit names (or a dash for none), not a paragraph of text."""
    names = split_units(cell)
    return cell in _NO_UNIT or (bool(names) and all(is_unit_name(n) for n in names))


class _Paragraphs:
    """The indices of the non-blank lines from ``start`` on, found as far as they are
    read (``at(n)``: the ``n``-th, None past the end): a table that stops after a few
    cells reads a few lines, not the rest of the document (it is tried at every
    header-like line: listing them all each time was quadratic, 84 s for 8,000 lines)."""

    def __init__(self, lines: list[str], start: int) -> None:
        self._lines = lines
        self._next = start
        self._found: list[int] = []

    def at(self, n: int) -> int | None:
        found, lines = self._found, self._lines
        while len(found) <= n and self._next < len(lines):
            if lines[self._next].strip():
                found.append(self._next)
            self._next += 1
        return found[n] if n < len(found) else None


# Columns a task table has beside its known ones (目前完成情况, 是否达到序时进度, 备注):
# header cells of no role, after a known one.
_OTHER_COLUMN = re.compile(r"^[^\d。；;，,]{0,10}(?:情况|进度|进展|备注|说明|成效|地点|金额|要求)$")


def _is_other_column(line: str) -> bool:
    return len(line) <= 16 and bool(_OTHER_COLUMN.match(_label(line)))


# A row of one cell merged across the table, between its rows: a numbered heading
# (一、做大做强主导产业, （二）…, 第三部分…) that groups the rows after it.
_HEADING_ROW = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[)）]"
    r"|第[一二三四五六七八九十]{1,3}(?:部分|章|篇))\s*\S"
)

# More header cells than any task table has: not a header (and no longer scan).
_MAX_HEADER_CELLS = 16


def _cell_per_paragraph_table(lines: list[str], i: int) -> tuple[list[list[str]], int] | None:
    """Every cell a paragraph, blank lines between all of them (a web table copied as text).

    The header is >= 3 header cells, one paragraph each, with a 序号 column.
    A row is its number (the next one in order) and the cells of the columns
    after 序号; the columns before it (分类) are merged down, so their cell
    appears only before the first row of its group and becomes a heading.
    """
    if not lines[i].strip() or not _is_header_cell(lines[i]):
        return None
    cells = _Paragraphs(lines, i)
    header: list[str] = []
    previous = None
    while (k := cells.at(len(header))) is not None:
        if previous is not None and k == previous + 1:
            break  # no blank line between cells: another layout
        if not _is_header_cell(lines[k]) and not (header and _is_other_column(lines[k])):
            break
        if len(header) == _MAX_HEADER_CELLS:
            return None
        header.append(lines[k].strip())
        previous = k
    columns = _table_columns(header) if len(header) >= 3 else None
    if columns is None or "no" not in columns or previous is None:
        return None
    width, before = len(header), columns["no"]
    kinds = {idx: key for key, idx in columns.items()}
    after = width - before - 1
    rows = [header]
    pos, expected, end = len(header), None, previous + 1

    def text(n: int) -> str | None:
        """The ``n``-th paragraph's text, None past the end."""
        k = cells.at(n)
        return None if k is None else lines[k]

    full = False  # the previous row had all its cells
    while text(pos) is not None:
        groups: list[str] = []
        merged = 0  # the cells of the columns before 序号 (分类), headings aside
        while (cell := text(pos)) is not None and merged <= before:
            m = _INT.match(cell)
            # After a whole row any later number starts the next one (a bureau's share
            # of a longer list: 6, 52, 53 …); after a short row only the next number.
            later = m is not None and expected is not None and full and int(m.group(1)) > expected
            if m and (expected is None or int(m.group(1)) == expected or later):
                break
            if not _HEADING_ROW.match(cell):
                merged += 1
            groups.append(cell.strip())
            pos += 1
        found = text(pos)
        first = _INT.match(found) if found is not None else None
        if first is None or merged > before:
            break
        number = int(first.group(1))
        row: list[str] = []
        k = pos + 1
        while (cell := text(k)) is not None and len(row) < after:
            cell = cell.strip()
            nxt = _INT.match(cell)
            if nxt and int(nxt.group(1)) == number + 1:
                break  # a short row: the next row starts
            column = kinds.get(before + 1 + len(row))
            if column in _UNIT_ROLES and not _names_units(cell):
                # A short last row: what follows is the text after the table. (A 责任领导
                # cell names people, 冯冬昌, never units.)
                break
            if (
                row
                and column not in _UNIT_LABELS
                and kinds.get(before + len(row)) in _UNIT_LABELS
                and _names_units(cell)
                and cell not in _NO_UNIT
            ):
                # A unit cell of several paragraphs (农业股 / 乡村产业发展股).
                row[-1] += "\n" + cell
                k += 1
                continue
            row.append(cell)
            k += 1
        if not row:
            break
        rows.extend([g] + [""] * (width - 1) for g in groups)
        rows.append([""] * before + [str(number)] + row + [""] * (after - len(row)))
        last = cells.at(k - 1)
        assert last is not None  # (the row's last cell was read)
        pos, expected, end = k, number + 1, last + 1
        full = len(row) == after
    return (rows, end) if len(rows) > 1 else None
