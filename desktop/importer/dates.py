"""Dates and deadline phrases -> ISO strings.

Deadlines are the *last day* of the period they name:

* ``到“十四五”末期`` / ``十四五末`` -> end of that five-year plan
  (十三五 2016–2020, 十四五 2021–2025, 十五五 2026–2030, …);
* ``到2025年`` / ``2024年底前`` -> ``YYYY-12-31``; ``2025年6月底`` -> ``2025-06-30``;
  ``2024年上半年`` -> ``2024-06-30``; ``2024年第三季度`` -> ``2024-09-30``;
* ``6月底前`` / ``年底前`` carry no year: they take the plan's year (its 成文日期),
  and are unresolved (None) when the plan has no date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:年|[-/.])\s*(?P<m>\d{1,2})\s*(?:月|[-/.])\s*(?P<d>\d{1,2})\s*日?"
)


def parse_date(text: str) -> str | None:
    """``2023年04月06日`` / ``2023-4-6`` / ``2023/04/06`` -> ``2023-04-06``."""
    m = _DATE.search(text)
    if not m:
        return None
    return _iso(int(m["y"]), int(m["m"]), int(m["d"]))


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        return None
    day = min(max(day, 1), calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def _month_end(year: int, month: int) -> str | None:
    if not 1 <= month <= 12:
        return None
    return _iso(year, month, 31)


def five_year_plan_years(n: int) -> tuple[int, int]:
    """The n-th five-year plan as (first, last) year; the 3rd began in 1966."""
    if n < 3:
        first = 1953 + 5 * (n - 1)
    else:
        first = 1966 + 5 * (n - 3)
    return first, first + 4


_Q = r"[“”\"‘’']?"
_BEFORE = r"(?:前|之前|以前)?"
DEADLINE_RE = re.compile(
    r"(?:到|至|截至|截止到?|于|在)?\s*(?:"
    # 十四五 with a lead-in 到/至 or a trailing 末/末期/期末
    rf"(?<=[到至止])\s*{_Q}十(?P<fa>[一二三四五六七八九])五{_Q}(?:末期|期末|末|时期|期间)?{_Q}"
    rf"|{_Q}十(?P<fb>[一二三四五六七八九])五{_Q}(?:末期|期末|末){_Q}"
    # 2025年6月30日前
    rf"|(?<!\d)(?P<y1>\d{{4}})\s*年\s*(?P<m1>\d{{1,2}})\s*月\s*(?P<d1>\d{{1,2}})\s*日{_BEFORE}"
    # 2025年6月底前
    rf"|(?<!\d)(?P<y2>\d{{4}})\s*年\s*(?P<m2>\d{{1,2}})\s*月(?:底|末|份)?{_BEFORE}"
    # 2024年上半年 / 2024年第三季度
    r"|(?<!\d)(?P<y3>\d{4})\s*年\s*(?P<part>上半年|下半年|年中|年底|年末|第?[一二三四1-4]季度)"
    rf"(?:末|底)?{_BEFORE}"
    # 2025年 / 2024年底前
    rf"|(?<!\d)(?P<y4>\d{{4}})\s*年(?:底|末|年底|年末)?{_BEFORE}(?![\d度])"
    # 6月30日前 / 6月底前 (plan year)
    rf"|(?<![\d年])(?P<m5>\d{{1,2}})\s*月\s*(?P<d5>\d{{1,2}})\s*日(?:前|之前|以前)"
    r"|(?<![\d年])(?P<m6>\d{1,2})\s*月(?:底|末)(?:前|之前|以前)?"
    r"|(?<![\d年])(?P<m7>\d{1,2})\s*月(?:前|之前|以前)"
    # 年底前 / 年内 (plan year)
    r"|(?<![\d一二三四五六七八九十两每])(?P<ye>年底前|年末前|年内|今年底|本年底)"
    r")"
)

_QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


@dataclass(frozen=True)
class Deadline:
    start: int
    end: int
    iso: str | None  # None: relative deadline in a plan without a year


def find_deadlines(
    text: str, plan_year: int | None, pos: int = 0, endpos: int | None = None
) -> Iterator[Deadline]:
    """Yield every deadline phrase in ``text[pos:endpos]`` (offsets into ``text``)."""
    if endpos is None:
        endpos = len(text)
    for m in DEADLINE_RE.finditer(text, pos, endpos):
        yield Deadline(m.start(), m.end(), _resolve(m, plan_year))


def _resolve(m: re.Match[str], plan_year: int | None) -> str | None:
    g = m.groupdict()
    fyp = g["fa"] or g["fb"]
    if fyp:
        return _iso(five_year_plan_years(10 + CN_DIGITS[fyp])[1], 12, 31)
    if g["y1"]:
        return _iso(int(g["y1"]), int(g["m1"]), int(g["d1"]))
    if g["y2"]:
        return _month_end(int(g["y2"]), int(g["m2"]))
    if g["y3"]:
        year, part = int(g["y3"]), g["part"]
        if part in ("上半年", "年中"):
            return _iso(year, 6, 30)
        if part in ("下半年", "年底", "年末"):
            return _iso(year, 12, 31)
        return _month_end(year, _QUARTERS[part.lstrip("第")[0]])
    if g["y4"]:
        return _iso(int(g["y4"]), 12, 31)
    if plan_year is None:
        return None
    if g["m5"]:
        return _iso(plan_year, int(g["m5"]), int(g["d5"]))
    month = g["m6"] or g["m7"]
    if month:
        return _month_end(plan_year, int(month))
    return _iso(plan_year, 12, 31)
