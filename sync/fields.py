"""Column kinds of the synced tables: what a value may be, with a Chinese reason if not.

Each kind checks one value (``problem(value)`` returns ``None`` or the reason,
worded to follow the column's name: "过长：…"). The table declarations using
them are in ``sync.records``; limits are documented in docs/formats.md.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MIN_YEAR, MAX_YEAR = 1900, 2100
ID_MAX = 64  # record ids: client UUIDs (36) and stable ids, as the protocol allows

_SURROGATE = re.compile("[\ud800-\udfff]")
# Single-line text: no C0/C1 controls (tab and newline included), no line/paragraph
# separators. Multi-line text: newline and tab only.
_CONTROL_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_MULTI = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Any character ``text_problem`` refuses (one search decides the common, clean case).
SUSPECT_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
SUSPECT_MULTI = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def printable(text: str, limit: int = 40) -> str:
    """``text`` safe to show in a message: control characters escaped, shortened."""
    out = _CONTROL_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    out = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    return out if len(out) <= limit else out[: limit - 1] + "…"


def text_problem(value: str, max_len: int, multiline: bool) -> str | None:
    """Why ``value`` is not acceptable text, or ``None``."""
    if len(value) <= max_len and not (SUSPECT_MULTI if multiline else SUSPECT_LINE).search(value):
        return None  # the common case: one search
    if "\x00" in value:
        return "含有空字符（NUL）"
    if _SURROGATE.search(value):
        return "含有无效字符（不成对的代理码位）"
    bad = (_CONTROL_MULTI if multiline else _CONTROL_LINE).search(value)
    if bad:
        char = bad.group()
        if not multiline and char in "\n\r\u2028\u2029":
            return "不能换行，只能写一行"
        return f"含有控制字符 U+{ord(char):04X}"
    if len(value) > max_len:
        return f"过长：{len(value)} 个字符，最多 {max_len} 个"
    return None


@dataclass(frozen=True)
class Spec:
    """One column: its Chinese label, whether it may be NULL, whether an insert must set it."""

    label: str
    nullable: bool = True
    required: bool = False  # NOT NULL without a default: every insert gives it
    kind = "any"

    def problem(self, value: Any) -> str | None:
        if value is None:
            return None if self.nullable else "不能为空"
        return self._problem(value)

    def _problem(self, value: Any) -> str | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def describe(self) -> str:
        """The rule in words (English, for docs and tests)."""
        return self.kind


@dataclass(frozen=True)
class Text(Spec):
    max_len: int = 200
    multiline: bool = False
    kind = "text"

    def _problem(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return "应为文本"
        return text_problem(value, self.max_len, self.multiline)

    def describe(self) -> str:
        return f"{'multi-line' if self.multiline else 'single-line'} text ≤ {self.max_len:,}"


# A phone number as offices write it: digits with area-code hyphens, brackets, spaces,
# a "+" country code and an extension (转 801 / ext 801 / x801); 7–20 digits in all.
_PHONE = re.compile(r"^\+?[0-9][0-9 \-()]*(?:(?:转|ext\.?|x)\s*[0-9]{1,6})?$", re.IGNORECASE)


def phone_problem(value: str, max_len: int = 40) -> str | None:
    """Why ``value`` is not a phone number, or ``None`` (desktop and server, one rule)."""
    digits = sum(ch.isdigit() for ch in value)
    if len(value) > max_len or not _PHONE.match(value) or not 7 <= digits <= 20:
        return (
            f"“{printable(value)}”无效：应为 7–20 位数字，可含区号连字符、括号、"
            "“+”国际区号和“转”分机号（如 0431-88881234 转 801、13912345678）"
        )
    return None


@dataclass(frozen=True)
class Phone(Spec):
    max_len: int = 40
    kind = "phone"

    def _problem(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return "应为文本"
        return phone_problem(value, self.max_len)

    def describe(self) -> str:
        return f"phone number ≤ {self.max_len}: 7–20 digits, - ( ) spaces, leading +, extension 转/ext/x"


@dataclass(frozen=True)
class IsoDate(Spec):
    kind = "date"

    def _problem(self, value: Any) -> str | None:
        if not isinstance(value, str) or not _DATE.match(value):
            return f"“{printable(str(value))}”不是 YYYY-MM-DD 格式的日期"
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            return f"“{value}”不是有效日期（日历上没有这一天）"
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            return f"“{value}”超出 {MIN_YEAR}–{MAX_YEAR} 年的范围"
        return None

    def describe(self) -> str:
        return f"ISO date YYYY-MM-DD, a real calendar day, years {MIN_YEAR}–{MAX_YEAR}"


@dataclass(frozen=True)
class Timestamp(Spec):
    kind = "timestamp"

    def _problem(self, value: Any) -> str | None:
        if not isinstance(value, str) or len(value) > 40 or not _DATE.match(value[:10]):
            return f"“{printable(str(value))}”不是 ISO 格式的时间"
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return f"“{printable(value)}”不是有效的时间"
        if not MIN_YEAR <= parsed.year <= MAX_YEAR:
            return f"“{value}”超出 {MIN_YEAR}–{MAX_YEAR} 年的范围"
        return None

    def describe(self) -> str:
        return f"ISO 8601 timestamp (≤ 40 characters), years {MIN_YEAR}–{MAX_YEAR}"


@dataclass(frozen=True)
class Period(Spec):
    kind = "period"

    def _problem(self, value: Any) -> str | None:
        match = _PERIOD.match(value) if isinstance(value, str) else None
        if not match:
            return f"“{printable(str(value))}”不是 YYYY-MM 格式的填报期"
        if not MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
            return f"“{value}”超出 {MIN_YEAR}–{MAX_YEAR} 年的范围"
        return None

    def describe(self) -> str:
        return f"month YYYY-MM, years {MIN_YEAR}–{MAX_YEAR}"


@dataclass(frozen=True)
class Integer(Spec):
    low: int = 0
    high: int = 1_000_000
    kind = "integer"

    def _problem(self, value: Any) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return f"应为整数（收到“{printable(str(value))}”）"
        if not self.low <= value <= self.high:
            shown = value if abs(value) < 10**30 else ("过大的数" if value > 0 else "过小的数")
            return f"应在 {self.low} 到 {self.high} 之间（收到 {shown}）"
        return None

    def describe(self) -> str:
        return f"integer {self.low:,}…{self.high:,}"


@dataclass(frozen=True)
class Real(Spec):
    low: float = -1e15
    high: float = 1e15
    kind = "real"

    def _problem(self, value: Any) -> str | None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return f"应为数字（收到“{printable(str(value))}”）"
        if not math.isfinite(value):
            return f"不能是无穷大或非数字（{value}）"
        if not self.low <= value <= self.high:
            return f"应在 {self.low:g} 到 {self.high:g} 之间（收到 {value:g}）"
        return None

    def describe(self) -> str:
        return f"finite number {self.low:g}…{self.high:g}"


@dataclass(frozen=True)
class Boolean(Spec):
    kind = "boolean"

    def _problem(self, value: Any) -> str | None:
        return None if value in (0, 1) and not isinstance(value, float) else "应为是或否（0/1）"

    def describe(self) -> str:
        return "boolean (true/false or 0/1)"


@dataclass(frozen=True)
class Choice(Spec):
    choices: tuple[str, ...] = ()
    kind = "enum"

    def _problem(self, value: Any) -> str | None:
        if value not in self.choices or not isinstance(value, str):
            return f"“{printable(str(value))}”无效，应为 {' / '.join(self.choices)} 之一"
        return None

    def describe(self) -> str:
        return "one of " + ", ".join(f"`{c}`" for c in self.choices)


def id_problem(value: Any) -> str | None:
    """Why ``value`` is not a record id (1–64 characters of one-line text)."""
    if not isinstance(value, str) or not value:
        return "应为记录编号（文本）"
    return text_problem(value, ID_MAX, multiline=False)


@dataclass(frozen=True)
class Ref(Spec):
    """The id of a record of ``table``.

    ``checked``: the record must exist when the reference is written (on the
    desktop and on the server). Unchecked references are ids of records that
    may be gone legitimately (a progress report keeps the unit it was filed by
    after that unit is merged away).
    """

    table: str = ""
    checked: bool = True
    kind = "reference"

    def _problem(self, value: Any) -> str | None:
        return id_problem(value)

    def describe(self) -> str:
        checked = "must exist" if self.checked else "not checked for existence"
        return f"id of a `{self.table}` record ({checked})"


@dataclass(frozen=True)
class KindRef(Spec):
    """The id of a record whose table is named by the value of ``kind_column``."""

    kind_column: str = ""
    kind = "reference"

    def _problem(self, value: Any) -> str | None:
        return id_problem(value)

    def describe(self) -> str:
        return f"id of a record of the table named by `{self.kind_column}` (must exist)"


def _no_nan(name: str) -> Any:
    raise ValueError(name)


@dataclass(frozen=True)
class Json(Spec):
    """JSON text: ``list`` of one-line strings, or ``object`` of id → finite number."""

    shape: str = "list"
    max_len: int = 20_000
    item_max: int = 100
    kind = "json"

    def _problem(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return "应为 JSON 文本"
        problem = text_problem(value, self.max_len, multiline=True)
        if problem:
            return problem
        try:
            data = json.loads(value, parse_constant=_no_nan)
        except ValueError:
            return "不是有效的 JSON"
        if self.shape == "list":
            if not isinstance(data, list):
                return "应为 JSON 列表"
            for entry in data:
                if not isinstance(entry, str):
                    return "列表中的每一项都应为文本"
                problem = text_problem(entry, self.item_max, multiline=False)
                if problem:
                    return f"列表中的“{printable(entry)}”{problem}"
            return None
        if not isinstance(data, dict):
            return "应为 JSON 对象"
        for key, number in data.items():
            if id_problem(key):
                return f"键“{printable(key)}”不是有效的记录编号"
            if not isinstance(number, int | float) or isinstance(number, bool):
                return f"“{printable(key)}”的值应为数字"
            if not -1e15 <= number <= 1e15:
                return f"“{printable(key)}”的值超出范围"
        return None

    def describe(self) -> str:
        if self.shape == "list":
            return f"JSON text ≤ {self.max_len:,}: a list of one-line strings ≤ {self.item_max}"
        return f"JSON text ≤ {self.max_len:,}: an object mapping record ids to finite numbers"


@dataclass(frozen=True)
class Scalar(Spec):
    """The default for a column declared by name only: any value a client stores."""

    max_len: int = 20_000
    kind = "scalar"

    def _problem(self, value: Any) -> str | None:
        if isinstance(value, str):
            return text_problem(value, self.max_len, multiline=True)
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return None if INT64_MIN <= value <= INT64_MAX else "超出 64 位整数的范围"
        if isinstance(value, float):
            return None if math.isfinite(value) else f"不能是无穷大或非数字（{value}）"
        return "应为文本、数字或空"

    def describe(self) -> str:
        return f"undeclared: multi-line text ≤ {self.max_len:,}, 64-bit integer or finite number"
