"""Small value types shared by the briefing renderers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Masthead:
    """The head of a document: its name, 第N期, issuing office, date, 密级 mark."""

    name: str
    date: date
    issuer: str = ""
    number: str = ""  # "第3期" (overview only)
    confidentiality: str = ""  # "内部资料 注意保存", printed top left
    requirements: str = ""  # 工作要求 (overview only)
