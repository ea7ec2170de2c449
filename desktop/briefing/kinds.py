"""The kinds of briefing document and their labels, apart from ``api`` (which imports
ReportLab): the command line's parsers name them without importing the renderers."""

from __future__ import annotations

DOCUMENT_KINDS = ("overview", "unit", "task", "notice")
MEETING_KINDS = ("minutes", "reminder")  # of one meeting (liandong meeting …)
KIND_LABELS = {
    "overview": "督查通报",
    "unit": "单位工作单",
    "task": "任务督办单",
    "notice": "督办通知单",
    "minutes": "会议纪要",
    "reminder": "工作提醒函",
}
