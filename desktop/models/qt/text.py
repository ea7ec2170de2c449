"""Punctuation that glues GUI text together, translatable (Chinese full-width → English).

Plan content stays Chinese; only the glue around it follows the UI language:
``join_list(["甲", "乙"])`` is "甲、乙" in Chinese, "甲, 乙" in English.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication


def join_list(items: Iterable[str]) -> str:
    """Items joined with 、 (", " in English)."""
    return QCoreApplication.translate("Text", "、").join(items)


def join_fields(items: Iterable[str]) -> str:
    """Clauses joined with ； ("; " in English)."""
    return QCoreApplication.translate("Text", "；").join(items)


def with_note(text: str, note: object) -> str:
    """``text（note）`` — "text (note)" in English."""
    return QCoreApplication.translate("Text", "{0}（{1}）").format(text, note)


def in_parens(note: object) -> str:
    """``（note）`` on its own — "(note)" in English."""
    return QCoreApplication.translate("Text", "（{0}）").format(note)


def labelled(label: str, value: object) -> str:
    """``label：value`` — "label: value" in English."""
    return QCoreApplication.translate("Text", "{0}：{1}").format(label, value)


def section_prefix(no: object, level: int) -> str:
    """The plan's own section numbering, kept as written: 一、 (level 1) or （一） (level 2).

    This is plan content (the document's Chinese numerals), not UI text, so it is not
    translated; tests/test_translations.py allow-lists these literals for this file only.
    """
    if not no:
        return ""
    return f"{no}、" if level == 1 else f"（{no}）"
