"""The domain message catalog: what the models say to the user, in the user's language.

Domain messages (``UserError`` texts, import warnings, validation problems, risk
causes, status labels) are written in Simplified Chinese where they arise, with
their values already filled in (``f"找不到计划“{name}”…"``). Code that *shows*
them — the CLI's error printer and command output, the GUI's message boxes and
labels (``desktop.models.qt.domain_text``) — passes them through ``localize(text,
lang)``. For ``en`` the text is matched against the Chinese templates of
``desktop.models.message_catalog`` (literal text with ``{}`` for each value; one
compiled regex per template, the most specific first) and the English template
is filled with the same values, each of which is translated too when it is a
catalog message itself (a record's label, a nested problem). A message with no
template stays Chinese and is logged once.

Matching the filled text splits a value that holds the template's own literals (a
unit named ``区“数据”局，``): errors whose values are data keep them apart instead
(``UserError(template, *values)``, ``err.text`` a ``sync.errors.Message``), and
``localize`` looks such a template up as written and fills the values in unchanged
(nested ``Message``s translated in their turn) — as the command line's ``say(template,
*values)`` does.

Status codes and three-colour codes are labelled here (``status_label``,
``colour_label``), not in ``desktop.models.status``, which computes codes only.
``tests/test_message_catalog.py`` scans the source for every message and fails
when one has no English template.
"""

from __future__ import annotations

import logging
import re
import string
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from desktop.models.message_catalog import ENGLISH
from sync.errors import ENGLISH_SEPARATORS, Joined, Message

if TYPE_CHECKING:
    from desktop.models.status import RiskCause

log = logging.getLogger(__name__)

CHINESE = "zh_CN"
ENGLISH_LANG = "en"
LANGUAGES = (CHINESE, ENGLISH_LANG)

# Status codes (``desktop.models.status``) → their Chinese label (the catalog has the English).
STATUS_LABELS = {
    "done": "已完成",
    "overdue": "逾期",
    "due_soon": "临期",
    "on_track": "正常",
    "not_scheduled": "未排期",
    "awaiting_signoff": "待销号",
}
# The three-colour scheme of 督办 offices: 红 逾期未办结 · 黄 未达序时 · 蓝 临近时限.
COLOUR_LABELS = {"red": "逾期未办结", "yellow": "未达序时", "blue": "临近时限"}
UNKNOWN_UNIT = "未指定单位"

_CJK = re.compile(r"[\u3400-\u9fff]")
_unknown_logged: set[str] = set()


def _literal_parts(template: str) -> list[str]:
    """The literal text around the ``{}`` placeholders (``{{``/``}}`` are braces)."""
    parts = [""]
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        parts[-1] += literal
        if field is not None:
            parts.append("")
    return parts


def _pattern_of(parts: list[str]) -> str:
    """The regular expression of a template's literal ``parts``, a value between each
    two: each value but the last ends at the first place the literal after it follows
    (an atomic group: never tried again at a later one), the last where the text ends
    with the last literal. Linear in the text: with every value's end tried at every
    later place, a line of 1,300 characters repeating a six-value template's literals
    took 15 s to fail."""
    pattern = re.escape(parts[0])
    for literal in parts[1:-1]:
        pattern += f"(?>(.*?){re.escape(literal)})"
    return pattern + (f"(.*?){re.escape(parts[-1])}" if len(parts) > 1 else "")


class _Template:
    __slots__ = ("english", "first", "pattern", "weight", "needs_value")

    def __init__(self, chinese: str, english: str) -> None:
        parts = _literal_parts(chinese)
        self.english = english
        # the first character a text it matches starts with ("": a value comes first)
        self.first = parts[0][:1]
        # a value spans lines only in a template that has several lines itself
        flags = re.DOTALL if "\n" in chinese else 0
        self.pattern = re.compile(_pattern_of(parts), flags)
        self.weight = sum(len(p) for p in parts)
        # A template whose own text says nothing Chinese ("{}：{}", "{}{}。") only
        # counts when one of its values is itself a catalog message.
        self.needs_value = len(parts) > 1 and not _CJK.search("".join(parts))


@lru_cache(maxsize=1)
def _templates() -> tuple[dict[str, str], list[_Template]]:
    exact = {k: v for k, v in ENGLISH.items() if "{" not in k.replace("{{", "")}
    exact = {k.replace("{{", "{").replace("}}", "}"): v for k, v in exact.items()}
    patterns = [
        _Template(chinese, english) for chinese, english in ENGLISH.items() if chinese not in exact
    ]
    # most specific first: the most literal text, then the fewest values (a template with
    # an optional hint, "…。{}", after the same one without it, "…。")
    patterns.sort(key=lambda t: (-t.weight, t.pattern.groups))
    return exact, patterns


@cache
def _candidates(first: str) -> list[_Template]:
    """The templates a text starting with ``first`` can match, most specific first: those
    whose own text starts with it and those starting with a value (a template starting
    with another character never matches it: its pattern begins with that literal)."""
    return [t for t in _templates()[1] if t.first in ("", first)]


@lru_cache(maxsize=4096)
def _english(text: str, depth: int = 0, nested: bool = True) -> str | None:
    """The English of a Chinese domain message, or None when no template matches;
    ``nested`` false: the values are kept as they are (never looked up themselves)."""
    exact, _patterns = _templates()
    if text in exact:
        return exact[text]
    if depth > 4 or not _CJK.search(text):
        return None
    for template in _candidates(text[0]):
        match = template.pattern.fullmatch(text)
        if match is None:
            continue
        values = [_english(v, depth + 1) if v and nested else None for v in match.groups()]
        if template.needs_value and not any(values):
            continue
        filled = [
            v if v is not None else raw for v, raw in zip(values, match.groups(), strict=True)
        ]
        return template.english.format(*filled)
    if "\n" in text:  # several messages, one a line (import warnings, a head and its detail)
        lines = [_english(line, depth + 1, nested) if line else "" for line in text.split("\n")]
        if any(lines):
            originals = text.split("\n")
            return "\n".join(e or o for e, o in zip(lines, originals, strict=True))
    return None


def localize(text: str | Message, lang: str | None) -> str:
    """``text`` (a Chinese domain message) in ``lang``; unknown messages stay Chinese.
    A ``Message`` with values (an error's ``err.text``) has its template looked up as
    written and its values filled in after (see ``english_message``)."""
    if isinstance(text, Message):
        if lang != ENGLISH_LANG:
            return str(text)
        english = english_message(text) if text.values else None
        if english is not None:  # (its values are data: kept whole, a trailing space too)
            return english[:1].upper() + english[1:]
        text = str(text)  # no values, or a template the catalog lacks: matched as filled
    if lang != ENGLISH_LANG or not text:
        return text
    english = _english(text)
    if english is None:
        if text not in _unknown_logged:
            _unknown_logged.add(text)
            log.warning("no English for domain message: %s", text)
        return text
    return english[:1].upper() + english[1:]  # "deadline “…” is not…" starts a sentence


def english_message(message: Message) -> str | None:
    """The English of a ``Message`` (not made a sentence), or None when the catalog has
    neither its template (with values: looked up as written) nor, without values, a
    template matching it. Values are data and stay as they are, except nested
    ``Message``s (translated in their turn, Chinese when unknown) and lists (joined
    by ", "; a ``Joined`` by its separator's English)."""
    if not message.values:
        return _english(message.template) if message.template else message.template
    template = ENGLISH.get(message.template)
    if template is None:
        return None
    return template.format(*(_english_value(v) for v in message.values))


def _english_value(value: object) -> str:
    if isinstance(value, Message):
        english = english_message(value)
        return str(value) if english is None else english
    if isinstance(value, list | tuple):
        return ", ".join(_english_value(v) for v in value)
    if isinstance(value, Joined):
        separator = ENGLISH_SEPARATORS.get(value.separator, value.separator)
        return separator.join(_english_value(v) for v in value.items)
    return str(value)


def english_template(template: str) -> str | None:
    """The English of a catalog template itself (``{}`` where its values go), looked up
    as written: for a line whose values are data that may hold the template's own
    literals (a name with a full-width bracket), filled in after the look-up."""
    return ENGLISH.get(template)


def english_of(text: str, *, nested: bool = False) -> str | None:
    """The English of a line the command line prints, as the catalog writes it (not made
    a sentence), or None when no template matches (not logged: a line may be data
    only). Its values are data (titles, names, texts the user wrote) and stay as they
    are: the command translates a label before putting it in the line; ``nested``: a
    text the models built of labels alone (``每月，7日前``), whose values are looked up."""
    return _english(text, 0, nested) if text else None


#: A task, item or milestone label: 任务5, 任务14-2, 任务5“投运” (a plan's 发文字号 before;
#: a title or a date after a space: 任务5 推进…, 任务5“投运” 2026-03-31).
_NODE_LABEL = re.compile(r"(\s*\S*?\s*)任务(\d+(?:-\d+)?)((?:“.*”)?(?:\s.*)?)", re.DOTALL)
#: Reporting windows (``round_queries.cycle_window``): two weeks, a quarter.
_WINDOW_SPAN = re.compile(r"(\d{4}-\d{2}-\d{2})至(\d{4}-\d{2}-\d{2})")
_WINDOW_QUARTER = re.compile(r"(\d{4})年第(\d)季度")


def node_label(text: str, lang: str | None) -> str:
    """A task, item or milestone label the models build (任务5, 任务14-2“标题”, 任务5 标题,
    with a plan's 发文字号 in front; ``A → B`` chains of them) in ``lang``: "Task 5 “标题”"
    (titles are data and stay as written); other labels (（已删除）) through the catalog."""
    if lang != ENGLISH_LANG or not text:
        return text
    parts = []
    for label in text.split(" → "):
        match = _NODE_LABEL.fullmatch(label)
        if match is None:
            parts.append(_english(label) or label)
            continue
        prefix, no, rest = match.groups()
        parts.append(f"{prefix}Task {no}" + (f" {rest}" if rest.startswith("“") else rest))
    return " → ".join(parts)


def window_label(label: str, lang: str | None) -> str:
    """A reporting window's label (2026-11 / 2026年第4季度 / 2026-11-02至2026-11-15 /
    一次性（…前）) in ``lang``."""
    if lang != ENGLISH_LANG:
        return label
    if span := _WINDOW_SPAN.fullmatch(label):
        return f"{span[1]} to {span[2]}"
    if quarter := _WINDOW_QUARTER.fullmatch(label):
        return f"Q{quarter[2]} {quarter[1]}"
    return _english(label) or label


def status_label(status: str, lang: str | None = CHINESE) -> str:
    """已完成 / 逾期 / … (or the English) for a status code of ``desktop.models.status``."""
    return localize(STATUS_LABELS.get(status, status), lang)


def colour_label(colour: str, lang: str | None = CHINESE) -> str:
    """逾期未办结 / 未达序时 / 临近时限 for a three-colour code (red / yellow / blue)."""
    return localize(COLOUR_LABELS.get(colour, colour), lang)


def risk_text(cause: RiskCause, lang: str | None = CHINESE) -> str:
    """受阻：<unit> <milestone>: why a task, item or milestone is at risk."""
    unit = cause.root_unit_name or UNKNOWN_UNIT
    return localize(f"受阻：{unit} {cause.root_title}", lang)


def error_prefix(lang: str | None) -> str:
    """The word the CLI puts before an error message."""
    return "Error: " if lang == ENGLISH_LANG else "错误："
