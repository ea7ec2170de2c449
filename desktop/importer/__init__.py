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
from .reader import read_file
from .structure import parse_text_to_plan

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


def parse_file(path: str | os.PathLike[str]) -> ParsedPlan:
    """Read and parse a plan file (.txt, .html/.htm, .docx)."""
    text = read_file(path)
    return parse_text_to_plan(text, source_name=Path(path).name)


def parse_text(text: str, source_name: str = "") -> ParsedPlan:
    """Parse plan text that is already decoded."""
    if not isinstance(text, str):
        raise ImportFailed("无法识别文件编码")
    return parse_text_to_plan(text, source_name=source_name)
