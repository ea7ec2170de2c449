"""The 台账 export as it was before rows were built on demand (issue 14, branch led38):
``load_ledger`` kept a ``LedgerRow`` of lists and dicts per task and item (and every
status state it read), the sheets were written from those rows. The equality test
writes the same workbook both ways and compares every part."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from sqlite_utils import Database

from desktop.ledger import export, xlsx
from desktop.ledger.data import (
    LatestReport,
    LedgerData,
    LedgerRow,
    _targets,
    section_label,
    target_text,
)
from desktop.ledger.xlsx_read import column_letter
from desktop.ledger.xlsx_write import PageSetup, WorkbookWriter
from desktop.models import report_queries, status_queries
from desktop.models import status as st
from desktop.models.archive import active
from sync.vocabulary import ROLE_LABELS, ROLES


def _latest_reports(db: Database) -> dict[tuple[str, str | None], LatestReport]:
    """(task, item) → its latest current report (by period, then time written)."""
    rows = db.execute(
        "SELECT r.id, r.task_id, r.item_id, r.period, r.created_at, r.text, r.percent,"
        " r.supersedes_id, r.also_supersedes, u.name FROM report r"
        " LEFT JOIN unit u ON u.id = r.unit_id"
    ).fetchall()
    superseded = report_queries.superseded_ids((row[7], row[8]) for row in rows)
    best: dict[tuple[str, str | None], tuple] = {}
    for row in rows:
        if row[0] in superseded:
            continue
        key = (row[1], row[2])
        rank = (row[3], row[4], row[0])
        if key not in best or rank > best[key][0]:
            best[key] = (rank, row)
    return {
        key: LatestReport(row[3], (row[4] or "")[:10], row[9] or "", row[5] or "", row[6])
        for key, (_rank, row) in best.items()
    }


def load_ledger_reference(
    db: Database,
    today: date | None = None,
    plan_ids: list[str] | None = None,
    snapshot: st.StatusSnapshot | None = None,
    unit_id: str | None = None,
) -> LedgerData:
    """Every ledger row of the plans (all plans when ``plan_ids`` is None);
    with ``unit_id`` only the rows that unit is assigned to."""
    snap = snapshot or status_queries.compute_status(db, today)
    plans = [
        dict(zip(("id", "title", "doc_no"), r, strict=True))
        for r in db.execute("SELECT id, title, doc_no FROM plan ORDER BY imported_at, title")
        if plan_ids is None or r[0] in plan_ids
    ]
    plan_order = {p["id"]: i for i, p in enumerate(plans)}
    plan_names = {p["id"]: p["doc_no"] or p["title"] for p in plans}
    sections = {
        r[0]: section_label(r[1], r[2], r[3])
        for r in db.execute("SELECT id, level, no, title FROM section")
    }
    section_pos = dict(db.execute("SELECT id, position FROM section").fetchall())
    units = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, name, kind FROM unit")}
    by_item: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item_key, unit_key, role in db.execute(
        "SELECT item_id, unit_id, role FROM assignment ORDER BY item_id, position"
    ):
        by_item[item_key].append((unit_key, role))
    reports = _latest_reports(db)
    targets = _targets(db)
    raw = db.execute(
        "SELECT t.id, t.plan_id, t.section_id, t.no, t.title, i.id, i.position, i.text,"
        " (SELECT count(*) FROM item x WHERE x.task_id = t.id)"
        f" FROM task t JOIN item i ON i.task_id = t.id WHERE {active('t')}"
    ).fetchall()
    raw = [r for r in raw if r[1] in plan_order]
    if unit_id is not None:
        raw = [r for r in raw if any(u == unit_id for u, _role in by_item.get(r[5], ()))]
    raw.sort(key=lambda r: (plan_order[r[1]], r[3], r[6]))
    rows: list[LedgerRow] = []
    for task_id, plan_id, section_id, no, title, item_id, position, text, n_items in raw:
        many = n_items > 1
        names: dict[str, list[str]] = {role: [] for role in ROLES}
        roles: dict[str, str] = {}
        for assigned, role in by_item.get(item_id, []):
            name = units.get(assigned, ("", ""))[0]
            if name and name not in names[role]:
                names[role].append(name)
            if roles.get(assigned) not in ("lead", "responsible") or role == "lead":
                roles[assigned] = role
        node = snap.items.get(item_id)
        milestones = [snap.milestones[m] for m in (node.milestone_ids if node else [])]
        open_ms = sorted(
            (m for m in milestones if m.status not in (st.DONE, st.NOT_SCHEDULED)),
            key=lambda m: (m.effective_due or "", m.id),
        )
        upcoming = [m for m in open_ms if m.status != st.OVERDUE]
        next_ms = f"{upcoming[0].title}（{upcoming[0].effective_due}）" if upcoming else ""
        overdue = [f"{m.title}（{m.effective_due}）" for m in open_ms if m.status == st.OVERDUE]
        own_targets = [
            t for t in targets.get(task_id, []) if t["item_id"] in (None, item_id) or not many
        ]
        dues = [t["deadline"] for t in own_targets if t["deadline"]]
        dues += [m.effective_due for m in milestones if m.effective_due]
        latest = reports.get((task_id, item_id)) or reports.get((task_id, None))
        if many and reports.get((task_id, None)) and latest:
            whole = reports[(task_id, None)]
            if (whole.period, whole.date) > (latest.period, latest.date):
                latest = whole
        rows.append(
            LedgerRow(
                plan_id=plan_id,
                plan_name=plan_names[plan_id],
                section_id=section_id,
                section=sections.get(section_id, "（无章节）"),
                task_id=task_id,
                item_id=item_id if many else None,
                number=f"{no}-{position + 1}" if many else str(no),
                title=f"{title}：{text}" if many and text and text != title else title,
                units=names,
                unit_roles=roles,
                status=node.status if node else st.NOT_SCHEDULED,
                next_milestone=next_ms,
                overdue=overdue,
                deadline=max(dues) if dues else "",
                latest=latest,
                targets=[target_text(t) for t in own_targets],
                target_ids=[t["id"] for t in own_targets],
            )
        )
    rows.sort(key=lambda r: (plan_order[r.plan_id], section_pos.get(r.section_id, 10**9)))
    return LedgerData(snap.today, rows, plans, units)


def _groups(data: LedgerData, by: str) -> list[tuple[str, str | None, list[LedgerRow]]]:
    """(sheet caption, unit id when by unit, rows) in reading order."""
    several_plans = len(data.plans) > 1
    if by == "section":
        # by plan and section id: two plans may share a 发文字号 or a section title
        groups: dict[tuple[str, str], list[LedgerRow]] = {}
        captions: dict[tuple[str, str], str] = {}
        for row in data.rows:
            key = (row.plan_id, row.section_id or row.section)
            groups.setdefault(key, []).append(row)
            captions[key] = f"{row.plan_name} {row.section}" if several_plans else row.section
        if several_plans and len(groups) > export.SECTION_SHEETS_MAX:
            return [(f"全部任务（{len(data.plans)}份计划）", None, data.rows)]
        return [(captions[key], None, rows) for key, rows in groups.items()]
    per_unit: dict[str, list[LedgerRow]] = {}
    for row in data.rows:
        for unit_id in row.unit_roles:
            if data.units.get(unit_id, ("", ""))[1] != "group":
                per_unit.setdefault(unit_id, []).append(row)
    # Busiest units first (as the matrix): the lead offices come before the rest.
    order = sorted(
        per_unit,
        key=lambda u: (
            -sum(r.unit_roles[u] == "lead" for r in per_unit[u]),
            -len(per_unit[u]),
            data.units[u][0],
        ),
    )
    return [(data.units[u][0], u, per_unit[u]) for u in order]


def _sheet_rows(
    book: WorkbookWriter,
    caption: str,
    rows: list[LedgerRow],
    columns: list[tuple[str, int, Callable[[LedgerRow], object]]],
    widths: list[float],
    title: str,
) -> Iterator[tuple[list[object], list[int] | int, float | None]]:
    """The sheet's rows for ``WorkbookWriter.add_sheet``: title, header, one per ledger row."""
    yield [f"{title} — {caption}"], book.style[xlsx.TITLE_STYLE], 24
    headers = [header for header, _width, _value in columns]
    yield headers, book.style[xlsx.HEADER_STYLE], xlsx.row_height(headers, widths, 11)
    status_index = headers.index(export.STATUS_COLUMN)
    body = book.style[xlsx.BODY_STYLE]
    status_styles = {status: book.style[xlsx.status_style(status)] for status in xlsx.STATUS_FILLS}
    getters = [value for _header, _width, value in columns[1:]]
    styles = [body] * len(columns)
    for n, row in enumerate(rows, start=1):
        values = [n, *(value(row) for value in getters)]
        styles[status_index] = status_styles[row.status]
        yield values, list(styles), xlsx.row_height(values, widths)


def _write_sheet(
    book: WorkbookWriter,
    caption: str,
    rows: list[LedgerRow],
    *,
    used: set[str],
    title: str,
    unit_id: str | None,
    several_plans: bool,
) -> None:
    columns = list(export.COLUMNS)
    if unit_id is not None:
        columns.insert(3, ("本单位角色", 8, lambda r: ROLE_LABELS[r.unit_roles[unit_id]]))
    if several_plans:
        columns.insert(0, ("计划", 16, lambda r: r.plan_name))
    columns.insert(0, ("序号", 5, lambda r: None))
    widths = [width + 2 for _header, width, _value in columns]
    last = column_letter(len(columns))
    book.add_sheet(
        xlsx.sheet_title(caption, used),
        widths,
        _sheet_rows(book, caption, rows, columns, widths, title),
        row_count=len(rows) + 2,
        freeze="C3",
        auto_filter=f"A2:{last}{len(rows) + 2}",
        page=PageSetup(title_rows=(1, 2)),
    )


def export_ledger_reference(
    db: Database,
    out: str | Path,
    *,
    by: str = "section",
    today: date | None = None,
    plan_ids: list[str] | None = None,
) -> dict[str, int]:
    """``export.export_ledger`` as it was (no progress, no cancelling)."""
    data = load_ledger_reference(db, today, plan_ids)
    groups = _groups(data, by)
    several_plans = len(data.plans) > 1
    title = "任务落实台账" if several_plans else f"{data.plans[0]['title']} 任务落实台账"
    written = 0

    def write(tmp_name: str) -> None:
        nonlocal written
        with open(tmp_name, "wb") as handle:
            book = WorkbookWriter(handle, xlsx.LEDGER_STYLES)
            used: set[str] = set()
            for caption, unit_id, rows in groups:
                _write_sheet(
                    book,
                    caption,
                    rows,
                    used=used,
                    title=title,
                    unit_id=unit_id,
                    several_plans=several_plans,
                )
                written += len(rows)
            book.close()

    xlsx.save_via_temp(xlsx.check_output(out), write)
    return {"sheets": len(groups), "rows": written}
