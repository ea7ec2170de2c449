"""Quantitative targets: ``主城区5G基站数量达到13000个以上`` -> metric, comparator, value, uom.

A target is a number with a unit of measure that is tied to a metric by one of:

* a comparator verb right before the number, metric before the verb:
  达到/达/不少于/不低于 -> ``>=``, 超过/突破/高于 -> ``>``, 不超过/控制在 -> ``<=``,
  低于/少于 -> ``<``, 保持在/稳定在 -> ``=``; growth verbs (年均增长15%) keep the
  verb in the metric and give ``>=``;
* no verb but a ratio metric and a percentage (``通达率100%``) or ``实现…N``: ``>=``;
* a count verb with the metric after it (``建设4个行业级…二级节点``) or
  between it and the count (``培育…企业100家``): ``>=`` — a commitment to
  build N is met by N or more.

A trailing 以上 gives ``>=``, 以下/以内 ``<=``, 左右 ``=`` whatever the verb.

Values: ``万``/``亿`` with a plain measure word are folded into the value
(``1万个`` -> 10000 个); money keeps its written unit (``1亿元`` -> 1 亿元,
``500万元`` -> 500 万元), which is how plans and ledgers state money.

Deadline: the nearest deadline phrase before the target in the same sentence,
else the first one after it (if no other target sits between), else the task's
完成时限, else None.
"""

from __future__ import annotations

import re

from .dates import DEADLINE_RE, Deadline, find_deadlines
from .model import ParsedTarget, Span

_QTY = re.compile(
    r"(?<![A-Za-z0-9.\-_/])(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万|亿)?\s*"
    r"(?P<uom>%|％|‰|个百分点|个工作日|工作日|个小时|小时|分钟|个月|天|美元|元|个|家|项|户|人次|人|座|条|台|套|款|所|次|吨|亩"
    r"|平方米|平方公里|公里|千米|米|兆瓦|千瓦|件|篇|名|批|张|辆|栋|床"
    r"|Gbps|Mbps|GB|TB|PB|PFLOPS|Pflops|EFLOPS|P(?![A-Za-z]))?"
    r"(?P<tail>以上|以下|以内|左右)?"
)
_COUNT_UOMS = frozenset("个家项户座条台套款所件名批张辆栋")

_VERBS = {
    "ge": "达到|达|不少于|不低于|提高到|提升到|提高至|提升至|增长到|增长至|增加到|增加至|增至|升至|实现",
    "gt": "超过|突破|高于|大于|多于|超",
    "le": "不超过|不高于|不多于|控制在|降至|降低到|降低至|下降到|下降至|压减到|压减至",
    "lt": "低于|少于|小于",
    "eq": "保持在|稳定在|维持在",
    "delta": "年均增长|增长|提高|提升|下降|降低|减少|增加",
}
_VERB_CMP = {"ge": ">=", "gt": ">", "le": "<=", "lt": "<", "eq": "=", "delta": ">="}
_VERB_END = re.compile("(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _VERBS.items()) + r")\s*$")
_COUNT_VERB_END = re.compile(
    r"(?:建设|建成|新建|培育|打造|引进|创建|新增|认定|培养|扶持|部署|建立|布局|发布|制定|推出|遴选|评选"
    r"|形成|开通|改造|完成|累计建成|累计培育)\s*$"
)
_COUNT_VERB_START = re.compile(
    r"(?:力争|争取|累计|全年|每年|年均)?\s*(?:新建|建成|建设|培育|引进|创建|新增|认定|培养|打造|遴选|发布)"
)
_RATIO_END = re.compile(r"(?:率|占比|比重|比例|比率|覆盖面)\s*$")
_TAIL_CMP = {"以上": ">=", "以下": "<=", "以内": "<=", "左右": "="}
_CLAUSE_BOUNDARY = re.compile(r"[，,；;：:。！？!?\n]")
_SENTENCE_BOUNDARY = re.compile(r"[。！？!?\n]")
# Words that open a clause but are not part of the metric. Kept short on
# purpose: 要素/使用率/基本养老… must not lose their first character.
_LEAD_IN = re.compile(r"(?:力争|争取|确保|努力|预计|其中|实现|推动|同时|进一步|\s)+")
# Between two targets of one clause: "突破1亿元、平台用户超过1万个".
_AFTER_SEP = re.compile(r"(?:[\s、]|以及|和|及|与)+")
_METRIC_STRIP = " \t\n，,、的"
_MAX_METRIC = 40


def _last_boundary(text: str, rx: re.Pattern[str], lo: int, hi: int) -> int:
    """Index just after the last ``rx`` match in ``text[lo:hi]``, or ``lo``."""
    pos = lo
    for m in rx.finditer(text, lo, hi):
        pos = m.end()
    return pos


def _next_boundary(text: str, rx: re.Pattern[str], lo: int, hi: int) -> int:
    m = rx.search(text, lo, hi)
    return m.start() if m else hi


def _strip_lead_ins(src: str, s: int, e: int) -> int:
    """Skip deadline phrases and lead-in words at the start of ``src[s:e]``."""
    while s < e:
        m = DEADLINE_RE.match(src, s, e)
        if m and m.end() > s:
            s = m.end()
            continue
        m = _LEAD_IN.match(src, s, e)
        if m and m.end() > s:
            s = m.end()
            continue
        break
    return s


def _value(num: str, mult: str, uom: str) -> tuple[float, str]:
    value = float(num)
    if uom == "％":
        uom = "%"
    if mult and uom.endswith("元"):
        return value, mult + uom
    if mult:
        value *= 10000 if mult == "万" else 100000000
    return value, uom


class _Found:
    __slots__ = ("text_start", "end", "metric", "cmp", "value", "uom", "num_start", "deadline")

    def __init__(self, text_start, end, metric, cmp, value, uom, num_start) -> None:
        self.text_start = text_start
        self.end = end
        self.metric = metric
        self.cmp = cmp
        self.value = value
        self.uom = uom
        self.num_start = num_start
        self.deadline: str | None = None


def extract_targets(
    src: str,
    start: int,
    end: int,
    plan_year: int | None,
    fallback_deadline: str | None = None,
) -> list[ParsedTarget]:
    """Targets in ``src[start:end]`` with spans into ``src``."""
    found: list[_Found] = []
    prev_end = start
    for m in _QTY.finditer(src, start, end):
        if m.start("num") < prev_end:
            continue
        hit = _classify(src, m, start, end, prev_end)
        if hit is not None:
            found.append(hit)
            prev_end = hit.end
    if not found:
        return []
    deadlines = list(find_deadlines(src, plan_year, start, end))
    _assign_deadlines(src, found, deadlines, start, end)
    out = []
    for f in found:
        out.append(
            ParsedTarget(
                text=src[f.text_start : f.end],
                metric=f.metric,
                comparator=f.cmp,
                value=f.value,
                uom=f.uom,
                deadline=f.deadline or fallback_deadline,
                span=Span(f.text_start, f.end),
            )
        )
    return out


def _classify(src: str, m: re.Match[str], start: int, end: int, prev_end: int) -> _Found | None:
    num_start = m.start("num")
    mult, uom, tail = m["mult"] or "", m["uom"] or "", m["tail"] or ""
    if not uom and not mult:
        nxt = src[m.end() : m.end() + 1]
        if nxt and (nxt.isalnum() or "\u4e00" <= nxt <= "\u9fff"):
            return None  # 2025年, 5G, 三百万头…: not a quantity
    sentence_start = _last_boundary(src, _SENTENCE_BOUNDARY, start, num_start)
    clause_start = _last_boundary(src, _CLAUSE_BOUNDARY, max(sentence_start, prev_end), num_start)
    if prev_end > clause_start:
        clause_start = prev_end
    if clause_start == prev_end and prev_end > start:
        sep = _AFTER_SEP.match(src, clause_start, num_start)
        if sep:
            clause_start = sep.end()
    window_lo = max(clause_start, num_start - 8)
    pre = src[window_lo:num_start]
    value, unit = _value(m["num"], mult, uom)
    end_pos = m.end()

    vm = _VERB_END.search(pre)
    cmp: str | None = None
    metric_s = metric_e = -1
    if vm:
        kind = vm.lastgroup or "ge"
        cmp, metric_s = _VERB_CMP[kind], clause_start
        # Growth verbs stay in the metric ("…年均增长"); others end it.
        metric_e = window_lo + (vm.end() if kind == "delta" else vm.start())
    elif (uom in _COUNT_UOMS) and _COUNT_VERB_END.search(pre):
        # 建设4个行业级工业互联网标识解析二级节点: the metric follows.
        metric_s = end_pos
        metric_e = _next_boundary(src, re.compile(r"[，,；;。！？!?\n、（(]"), end_pos, end)
        cmp = ">="
        end_pos = metric_e
    elif uom in ("%", "％", "‰") and _RATIO_END.search(pre):
        cmp, metric_s, metric_e = ">=", clause_start, num_start
    elif uom in _COUNT_UOMS and (
        cv := _COUNT_VERB_START.match(src, _strip_lead_ins(src, clause_start, num_start), num_start)
    ):
        # 培育数字经济规模以上企业100家: count verb, metric, number.
        cmp, metric_s, metric_e = ">=", cv.end(), num_start
    else:
        k = src.rfind("实现", clause_start, num_start)
        if k < 0 or not uom:
            return None
        cmp, metric_s, metric_e = ">=", k + 2, num_start
    if tail:
        cmp = _TAIL_CMP[tail]

    metric_s = _strip_lead_ins(src, metric_s, metric_e)
    metric = _clean_metric(src[metric_s:metric_e])
    if not metric or len(metric) > _MAX_METRIC:
        return None
    return _Found(clause_start, end_pos, metric, cmp, value, unit, num_start)


def _clean_metric(metric: str) -> str:
    metric = metric.strip(_METRIC_STRIP).rstrip("为是").strip(_METRIC_STRIP)
    # Drop a quote left dangling by a clause or deadline cut; keep balanced ones.
    for q_open, q_close in (("“", "”"), ("‘", "’")):
        if metric.startswith(q_close) or (metric.startswith(q_open) and q_close not in metric):
            metric = metric[1:]
        if metric.endswith(q_open) or (metric.endswith(q_close) and q_open not in metric):
            metric = metric[:-1]
    return metric.strip(_METRIC_STRIP)


def _assign_deadlines(
    src: str, found: list[_Found], deadlines: list[Deadline], start: int, end: int
) -> None:
    for idx, f in enumerate(found):
        sentence_start = _last_boundary(src, _SENTENCE_BOUNDARY, start, f.num_start)
        sentence_end = _next_boundary(src, _SENTENCE_BOUNDARY, f.end, end)
        prev_limit = max(sentence_start, found[idx - 1].end if idx else start)
        next_limit = min(sentence_end, found[idx + 1].num_start if idx + 1 < len(found) else end)
        before = [d for d in deadlines if sentence_start <= d.start and d.end <= f.num_start]
        if before:
            d = before[-1]
            f.deadline = d.iso
            if prev_limit <= d.start < f.text_start:
                f.text_start = d.start  # "到“十四五”末期,主城区…达到13000个以上"
            continue
        after = [d for d in deadlines if f.end <= d.start and d.end <= next_limit]
        if after:
            f.deadline = after[0].iso
