"""Common abbreviations of government bodies, for suggesting unit merges.

Plans write the same office in several ways: 市发改委 / 市发展改革委 /
市发展和改革委员会, 市政数局 / 市政务服务和数字化建设管理局. ``unit_key`` maps
every way to one key (level prefix kept: 市 / 区 / 县 / 省 … and place names
are different units), and ``suggest_merges`` lists names that share a key but
are written differently. The importer never merges on its own: the preview
offers the suggestions, the CLI prints them with the ``unit merge`` command
to apply one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# (abbreviated core, full core). Both sides map to the full core.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("发改委", "发展和改革委员会"),
    ("发展改革委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("发展改革局", "发展和改革局"),
    ("工信局", "工业和信息化局"),
    ("工信委", "工业和信息化委员会"),
    ("经信局", "经济和信息化局"),
    ("经信委", "经济和信息化委员会"),
    ("政数局", "政务服务和数字化建设管理局"),
    ("数据局", "数据管理局"),
    ("大数据局", "大数据管理局"),
    ("人社局", "人力资源和社会保障局"),
    ("人社厅", "人力资源和社会保障厅"),
    ("人力资源社会保障局", "人力资源和社会保障局"),
    ("住建局", "住房和城乡建设局"),
    ("住建委", "住房和城乡建设委员会"),
    ("住房城乡建设局", "住房和城乡建设局"),
    ("住建厅", "住房和城乡建设厅"),
    ("规自局", "规划和自然资源局"),
    ("自然资源规划局", "自然资源和规划局"),
    ("卫健委", "卫生健康委员会"),
    ("卫健局", "卫生健康局"),
    ("卫生健康委", "卫生健康委员会"),
    ("市场监管局", "市场监督管理局"),
    ("市场监督局", "市场监督管理局"),
    ("文广旅局", "文化广电和旅游局"),
    ("文旅局", "文化和旅游局"),
    ("交通局", "交通运输局"),
    ("科技局", "科学技术局"),
    ("应急局", "应急管理局"),
    ("医保局", "医疗保障局"),
    ("退役军人局", "退役军人事务局"),
    ("委网信办", "委网络安全和信息化委员会办公室"),
    ("网信办", "网络安全和信息化委员会办公室"),
    ("国资委", "国有资产监督管理委员会"),
    ("金融办", "金融工作办公室"),
    ("城管局", "城市管理局"),
    ("环保局", "环境保护局"),
    ("生态环境局", "生态环境局"),
    ("农业农村局", "农业农村局"),
    ("林园局", "林业和园林局"),
    ("审改办", "审批制度改革办公室"),
    ("编办", "机构编制委员会办公室"),
    ("法制办", "法制办公室"),
    ("政务服务局", "政务服务管理局"),
    ("行政审批局", "行政审批服务局"),
    ("统计局", "统计局"),
    ("商务局", "商务局"),
    ("财政局", "财政局"),
    ("教育局", "教育局"),
    ("税务局", "税务局"),
)
# Level prefixes: different units at different levels (市发改委 is not 区发改委).
_LEVEL = re.compile(
    r"^(?:中共)?(?P<place>[\u4e00-\u9fff]{0,8}?(?:省|自治区|市|州|盟|区|县|旗|镇|乡))?"
)
_GOVERNMENT = re.compile(r"人民政府$")
_FULL = {name: full for short, full in ABBREVIATIONS for name in (short, full)}


def _core(rest: str) -> str:
    return _FULL.get(rest, rest)


def unit_key(name: str) -> str:
    """One key for every way of writing the same office (level and place kept)."""
    name = re.sub(r"\s+", "", name)
    name = _GOVERNMENT.sub("政府", name)
    if name.startswith("国家"):
        return "国家" + _core(name[2:])
    m = _LEVEL.match(name)
    place = (m.group("place") or "") if m else ""
    rest = name[len(place) :]
    if not rest:  # the whole name is a place ("榆树市")
        return name
    core = _core(rest)
    if core == rest and place:
        # 市政数局 could be 市 + 政数局, or a place ending in 市 + 局; try shorter places.
        for cut in range(len(place) - 1, 0, -1):
            head, tail = place[:cut], place[cut:] + rest
            if head[-1] in "省市州区县旗镇乡" and _core(tail) != tail:
                return head + _core(tail)
    return place + core


@dataclass(frozen=True)
class MergeSuggestion:
    name: str  # as written in the plan being imported
    same_as: str  # an existing unit (or another name of this plan) with the same key
    existing: bool  # same_as is a unit already in the database


def suggest_merges(names: Iterable[str], known: Iterable[str] = ()) -> list[MergeSuggestion]:
    """Names of this plan that are probably an existing unit, or each other."""
    known_by_key: dict[str, str] = {}
    for other in known:
        known_by_key.setdefault(unit_key(other), other)
    known_names = set(known)
    seen_by_key: dict[str, str] = {}
    out: list[MergeSuggestion] = []
    for name in dict.fromkeys(names):
        if name in known_names:
            continue
        key = unit_key(name)
        if key in known_by_key:
            out.append(MergeSuggestion(name, known_by_key[key], True))
        elif key in seen_by_key and seen_by_key[key] != name:
            out.append(MergeSuggestion(name, seen_by_key[key], False))
        else:
            seen_by_key.setdefault(key, name)
    return out
