"""Domain messages shown in the GUI, in the language of the installed translator.

The models speak Chinese (``UserError`` texts, import warnings, risk causes, status
codes); every place the GUI shows one goes through this module, which passes it
through the domain message catalog (``desktop.models.messages``). The language is
the one of the installed Qt translator: ``liandong_en.qm`` translates the marker
below to ``en`` (no translator: Chinese), so installing or removing the translator
switches Qt strings and domain messages together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.errors import Message, UserError
from desktop.logging_setup import report_unexpected
from desktop.models import messages

if TYPE_CHECKING:
    from desktop.models.status import RiskCause


def language() -> str:
    """``en`` when the English translator is installed, else ``zh_CN``."""
    # Translated to "en" in assets/translations/liandong_en.ts.
    return QCoreApplication.translate("DomainText", "zh_CN")


def domain(text: str | Message) -> str:
    """A Chinese domain message (error, warning, problem) in the GUI's language; a
    ``Message`` with values: its template translated as written, the values kept."""
    return messages.localize(text, language())


def error_text(exc: BaseException) -> str:
    """A known error's message in the GUI's language, or the plain note for a bug."""
    if isinstance(exc, UserError):
        return domain(exc.text)
    return report_unexpected(exc)


def risk_text(cause: RiskCause) -> str:
    return messages.risk_text(cause, language())


def node_label(text: str) -> str:
    """A task, item or milestone label of the models (任务5“标题”) in the GUI's language."""
    return messages.node_label(text, language())


def window_label(label: str) -> str:
    """A reporting window's label (2026年第4季度, 2026-11-02至2026-11-15) in the GUI's language."""
    return messages.window_label(label, language())
