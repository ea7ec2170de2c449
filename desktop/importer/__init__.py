"""Plan importer: .txt/.html/.docx action plans -> ParsedPlan (plain Python, no Qt, no SQL).

    from desktop.importer import parse_file, parse_text
    plan = parse_file("长府办发〔2023〕17号.docx")

Both raise ``desktop.errors.ImportFailed`` with a Simplified Chinese message for
unreadable, empty, binary or non-plan input.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.errors import ImportFailed

from .model import (
    ParsedItem,
    ParsedPlan,
    ParsedSection,
    ParsedTarget,
    ParsedTask,
    ParsedUnitRef,
    Span,
)

# The reader (file formats) and the parser load when first used: the store imports
# ``desktop.importer.model`` on every start, and CLI commands that read no plan file
# should not pay for them (issue 14).

__all__ = [
    "ImportFailed",
    "ParsedItem",
    "ParsedPlan",
    "ParsedSection",
    "ParsedTarget",
    "ParsedTask",
    "ParsedUnitRef",
    "Span",
    "parse_file",
    "parse_text",
]


def parse_file(
    path: str | os.PathLike[str],
    task_style: str = "",
    columns: dict[str, int] | None = None,
) -> ParsedPlan:
    """Read and parse a plan file (.txt, .html/.htm, .docx, .pdf, .xlsx, .csv, .doc/.wps).

    ``task_style`` forces the numbering level of the tasks (see ``parse_text``);
    ``columns`` maps the columns of a task sheet whose header is not recognised
    (``formats.ColumnsNotRecognised`` names its header cells).
    """
    from .reader import read_file
    from .structure import parse_text_to_plan

    text = read_file(path, columns)
    return parse_text_to_plan(text, source_name=Path(path).name, task_style=task_style)


def parse_text(text: str, source_name: str = "", task_style: str = "") -> ParsedPlan:
    """Parse plan text that is already decoded.

    ``task_style``: "" lets the importer pick the numbering level that carries
    the attributions; or one of ``outline.STYLES`` ("cn" 一、, "pcn" （一）,
    "ar" 1., "par" （1）, "circ" ①, "shi" 一是, "chapter" 第一章) to force it.
    """
    if not isinstance(text, str):
        raise ImportFailed("无法识别文件编码")
    from .structure import parse_text_to_plan

    return parse_text_to_plan(text, source_name=source_name, task_style=task_style)
