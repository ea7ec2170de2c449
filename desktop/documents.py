"""What the 打印/导出 dialog asks for, and the background worker that makes it.

Plain Python (no Qt): ``build_document`` runs on a ``jobs.Job`` thread, opens
its own connection (through ``desktop.briefing.api.generate`` or a ``Store``)
and reports progress / honours 取消 through the job's ``Progress``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.models.store import Store

# Document kinds: the briefing PDFs (desktop.briefing) and the Excel ledgers.
BRIEFING_KINDS = ("overview", "unit", "task", "notice")
LEDGER = "ledger"
FILL_SHEET = "fill_sheet"
EXCEL_KINDS = (LEDGER, FILL_SHEET)
KINDS = (*BRIEFING_KINDS, *EXCEL_KINDS)
WORD_KINDS = ("overview", "unit")


@dataclass
class DocumentRequest:
    kind: str
    plan_ids: list[str] | None = None
    unit_ids: list[str] | None = None  # attending units (unit sheets, notices); fill sheet: one
    task_id: str | None = None
    meeting_date: date | None = None
    include_done: bool = False
    confidentiality: str = ""
    issuer: str = ""
    colour_scheme: str = "red-yellow-green"
    requirements: str = ""
    ledger_by: str = "section"
    period: str = ""  # fill sheet: YYYY-MM

    @property
    def is_excel(self) -> bool:
        return self.kind in EXCEL_KINDS

    def briefing_options(self) -> Any:
        from desktop.briefing.api import BriefingOptions

        return BriefingOptions(
            plan_ids=self.plan_ids,
            unit_ids=self.unit_ids,
            task_id=self.task_id,
            meeting_date=self.meeting_date,
            include_done=self.include_done,
            confidentiality=self.confidentiality,
            issuer=self.issuer,
            colour_scheme=self.colour_scheme,
            requirements=self.requirements,
        )


@dataclass
class DocumentResult:
    path: Path
    kind: str
    fmt: str  # pdf / docx / xlsx
    pages: int = 0
    summary: str = ""
    warnings: list[str] = field(default_factory=list)


def build_document(
    progress: Any, db_path: Path, request: DocumentRequest, out: Path, fmt: str = "pdf"
) -> DocumentResult:
    """Background job (``pass_progress=True``): write the document to ``out``."""

    def report(done: int, total: int, text: str = "") -> None:
        progress.update(done, total, text)

    def cancelled() -> bool:
        return bool(progress.cancelled)

    if request.kind in BRIEFING_KINDS:
        from desktop.briefing.api import generate

        made = generate(
            db_path,
            request.kind,
            request.briefing_options(),
            out,
            fmt,
            progress=lambda done, total: report(done, total),
            cancelled=cancelled,
        )
        parts = [f"共 {made.pages} 页"] if made.pages else []
        if made.documents > 1:
            parts.append(f"{made.documents} 份")
        if made.issue_number:
            parts.append(f"第{made.issue_number}期")
        # face names without their file paths ("文泉驿正黑（/usr/share/…）")
        fonts = "、".join(sorted({face.split("（")[0] for face in made.fonts.values()}))
        if fonts:
            parts.append(f"字体：{fonts}")
        return DocumentResult(
            made.path, request.kind, fmt, made.pages, "，".join(parts), list(made.warnings)
        )
    store = Store.open(db_path)
    try:
        if request.kind == LEDGER:
            from desktop.ledger.export import export_ledger

            counts = export_ledger(
                store.db,
                out,
                by=request.ledger_by,
                plan_ids=request.plan_ids,
                progress=report,
                cancelled=cancelled,
            )
            summary = f"{counts['sheets']} 个工作表，共 {counts['rows']} 行"
        elif request.kind == FILL_SHEET:
            from desktop.ledger.fill_sheet import write_fill_sheet

            if not request.unit_ids:
                raise UserError("请选择填报单位。")
            counts = write_fill_sheet(
                store.db, request.unit_ids[0], request.period, out, plan_ids=request.plan_ids
            )
            summary = f"事项 {counts['items']} 项，目标 {counts['targets']} 个"
        else:
            raise UserError("未知的材料类型“{}”。", request.kind)
    finally:
        store.close()
    return DocumentResult(out, request.kind, "xlsx", 0, summary)


def import_fill_sheet_file(db_path: Path, path: str) -> str:
    """Background job: import a filled sheet on the worker's own connection."""
    from desktop.ledger.fill_import import import_fill_sheet

    store = Store.open(db_path)
    try:
        return import_fill_sheet(store, path).summary
    finally:
        store.close()
