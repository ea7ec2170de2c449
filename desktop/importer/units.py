"""Attribution text -> unit references.

``牵头单位:市城管局;配合单位:市规自局、市政数局,各电信运营商`` is cut at its labels
(牵头/配合/责任…单位 with ``:`` or ``：``; a missing ``;`` between segments is
fine), each segment is split into unit names, and each name gets a role and a
kind guess.

Splitting: on ``、 , ， ; ；`` outside brackets, so ``各县〔市〕区政府`` and
``长春数字交易中心(所)`` survive. A trailing ``按职责分工负责`` / ``负责`` is dropped
from the segment and a trailing ``等`` (``等单位``/``等部门``) from a name.

Shared-suffix distribution: in ``公主岭市、榆树市、德惠市、农安县政府`` the
suffix of the last name (政府 / 人民政府 / 管委会 / 管理委员会) is appended to the
bare place names directly before it (names ending in 市/县/区/旗/镇/乡). It
stops at the first name that is not a bare place name, so
``各城区政府、开发区管委会`` stays as written.
"""

from __future__ import annotations

import functools
import re

from .dates import DEADLINE_RE
from .model import ParsedUnitRef

# Label -> role. People (责任领导 …) and deadlines end a unit list but carry no units.
# Longer labels first: 牵头责任单位 is a lead label, not 责任单位.
# 科室 / 处室 / 股室: a bureau's own plan (工作要点) names its sections (责任科室：组干科).
# 总牵头单位: a part's heading names the unit leading the whole part ((总牵头单位:县委办)).
_BODY = r"(?:单位|部门|科室|处室|股室)"
_LABEL = re.compile(
    rf"(?P<lead>总?牵头(?:责任)?{_BODY}|主办(?:单位|部门)|主要责任(?:单位|部门))"
    rf"|(?P<support>(?:配合|协同|协办|参与|协作|其他责任)(?:责任)?{_BODY})"
    r"|(?P<leader>(?:牵头负责|牵头|责任|分管|包保|联系)[市区县省]?领导|责任人)"
    rf"|(?P<responsible>(?:责任|主责|承办|实施){_BODY}|责任主体|实施主体)"
    r"|(?P<deadline>完成时限|完成时间|完成期限|时间节点|时限要求)"
    # 部门分工：X牵头，Y配合 — the roles come from the verbs after the label.
    r"|(?P<division>(?:部门|责任|任务|职责)分工)"
)
LABEL_RE = re.compile(rf"(?:{_LABEL.pattern})\s*[:：]")
UNIT_LABEL_RE = re.compile(
    rf"(?:总?牵头(?:责任)?{_BODY}|主办(?:单位|部门)|主要责任(?:单位|部门)"
    rf"|(?:配合|协同|协办|参与|协作|其他责任)(?:责任)?{_BODY}"
    rf"|(?:责任|主责|承办|实施){_BODY}|责任主体|实施主体|(?:部门|责任|任务|职责)分工)\s*[:：]"
)
LEADER_LABEL_RE = re.compile(
    r"(?:(?:牵头负责|牵头|责任|分管|包保|联系)[市区县省]?领导|责任人)\s*[:：]"
)

_SEPARATORS = set("、,，;；")
_OPEN = "(（〔[【「《“"
_CLOSE = ")）〕]】」》”"
_TRAILING_DUTY = re.compile(
    r"(?:按照?职责分工(?:负责|落实|卖力)?|按职责负责|分别负责|共同负责|各自负责|负责落实|负责)\s*$"
)
# Trailing 等 / 等有关部门 / 等市级相关单位 / 等省有关部门.
_TRAILING_ETC = re.compile(r"等[省市区县]?级?(?:相关|有关|其他)?(?:单位|部门|机构)?$")
# "X等省有关部门和各Y" / "X及各Y": the 和/及 before a 各… collective separates two units.
_AND_EACH = re.compile(r"(?:等[省市区县]?级?(?:相关|有关)?(?:单位|部门))?(?:和|及|以及)(?=各)")
_STRIP = " \t\n。.;；,，、:："

_DIST_SUFFIX = re.compile(r"(人民政府|政府|管理委员会|管委会)$")
_PLACE = re.compile(r"[市县区旗镇乡]$")
_UNIT_LIKE = re.compile(
    r"(政府|管委会|委员会|局|办|委|部|厅|中心|公司|集团|运营商|院|所|会|队|站|处|室|组|社|行)$"
)
# Names a verb-form attribution may hold (…局, 各街道, 区级相关部门, 嘉鱼经济开发区 …).
# 股 / 站 / 队: the sections of a county bureau (农业股, 经管站, 农业执法大队).
_UNIT_NAME = re.compile(
    r"(?:政府|管委会|委员会|局|办|委|部|厅|署|中心|公司|集团|运营商|院|所|会|队|站|处|室|组|股"
    r"|社|行|部门|单位|机构|街道|专班|区|园|县|市|镇|乡|村|社区|办事处|总局|企业|学校|医院|海关)$"
    # 科: a bureau's section (组干科), three characters at least (学科 and 本科 are no units).
    r"|^..+科$"
    r"|^各"
)
_BRACKET_TAIL = re.compile(r"[(（〔\[][^()（）〔〕\[\]]{1,12}[)）〕\]]$")

# Kind guesses, tried in this order.
_GROUP = re.compile(r"^各|各\S*(?:单位|部门|机构)|^(?:相关|有关)(?:单位|部门)")
_GENERIC_REF = re.compile(
    r"各(?:牵头|责任|配合|成员|相关|有关)?(?:单位|部门)$|^(?:相关|有关)(?:单位|部门)$"
)
_ENTERPRISE = re.compile(r"(公司|集团|运营商|银行|有限责任公司|企业)$")
_COUNTY = re.compile(r"^(?P<place>.+?[市县旗])(?:人民)?政府$")
_DISTRICT = re.compile(
    r"(区(?:人民)?政府|管委会|管理委员会|街道办事处|街道办|[镇乡](?:人民)?政府)$"
)
_BUREAU = re.compile(
    r"^[市省区县].*(局|办|委|部|厅|署|中心|院|会|队|所|室|处|站|馆|社|台|小组|团)$"
    r"|(局|办|委|厅|署|办公室)$"
)


def parse_segments(attribution: str) -> list[tuple[str, str]]:
    """``牵头单位:A;配合单位:B、C`` -> [("lead", "A;"), ("support", "B、C")].

    Deadline and people labels end a unit list and are dropped here (see
    ``leaders_of`` for the people). A segment ends at its first ``。``: what
    follows (``具体任务均涉及…，下同。``) is a note, not units.
    """
    matches = list(LABEL_RE.finditer(attribution))
    segments: list[tuple[str, str]] = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(attribution)
        role = m.lastgroup
        if role not in ("lead", "support", "responsible", "division"):
            continue
        text = attribution[m.end() : end].split("。", 1)[0]
        if role == "division" or (role == "responsible" and _ROLE_VERB.search(text)):
            # 责任单位：X、Y分别牵头 / 部门分工：X牵头，Y配合 — the verbs give the roles.
            verbs = parse_verb_segments(text)
            if verbs is not None and (role == "division" or _names_a_role(verbs)):
                segments.extend(verbs)
                continue
            role = "responsible"
        segments.append((role, text))
    return segments


_ROLE_VERB = re.compile(r"牵头|指导|配合|参与|参加|协助|协同|协办")


def _names_a_role(segments: list[tuple[str, str]]) -> bool:
    """Verbs that say more than 负责 (牵头, 配合 …), so they override a 责任单位 label."""
    return any(role != "responsible" for role, _ in segments)


def leaders_of(attribution: str) -> list[str]:
    """People named by 责任领导 / 牵头领导 / 分管领导 … labels (never units), and the posts
    a 任务分工 label's verbs name (``任务分工:吕维峰副省长负责,省农委总牵头``)."""
    if "领导" not in attribution and "责任人" not in attribution and "分工" not in attribution:
        return []
    matches = list(LABEL_RE.finditer(attribution))
    people: list[str] = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(attribution)
        if m.lastgroup == "division":
            names = verb_people(attribution[m.end() : end].split("。", 1)[0])
        elif m.lastgroup == "leader":
            names = split_units(attribution[m.end() : end])
        else:
            continue
        for name in names:
            if name not in people:
                people.append(name)
    return people


# Verb forms: the verb closes the unit list before it.
_VERB = re.compile(
    # 主办 / 协办: X主办，Y、Z协办 (lead and support); 总牵头: the lead of a whole part.
    r"(?P<lead>(?:分别|共同|总)?牵头(?:负责|落实|推进|实施|抓总|卖力)?|指导|主办)"
    r"|(?P<support>配合(?:落实|实施)?|参与|参加|协助|协同|协办)"
    r"|(?P<responsible>(?:按照?职责分工|按职责|分别|共同|具体|各自)?"
    r"(?:负责(?:落实|实施)?|落实|卖力))"
)
# "卖力" stands for 负责 in reposted texts run through a synonym rewriter.
# "由X牵头", "会同Y配合", "联合Z负责": the word before the list is not part of a name.
_VERB_LEAD_IN = re.compile(r"^(?:由|会同|联合|协调|并由|并|和|及)")
_VERB_END = re.compile(r"\s*(?:[，,；;。、]|$)")
_MAX_NAME = 40
_MAX_NOTE = 80  # what a verb form may say after its units and a 。


def is_unit_name(name: str) -> bool:
    """Looks like one unit (…局, 各街道, 县发改局(粮食局)), not a phrase of task text."""
    if not name or len(name) > _MAX_NAME:
        return False
    bare = _BRACKET_TAIL.sub("", name)
    return bool(_UNIT_NAME.search(bare))


# What a unit column holds when a table's cells slipped or its cell was filled with
# something else: a progress word (已完成, 正在推进), a date or period (2024年底, 6月底,
# 2024年6月到12月, 长期), a reference (见附件, 同上), a number. Only such a name is no unit:
# a labelled name the unit pattern does not know (中国移动, 吉林大学, 一汽, 市气象台) is a
# unit as the plan writes it.
_PROGRESS = (
    r"(?:已|未|正在|基本|全面|按(?:计划|序时|时)|持续|稳步|有序|序时)?"
    r"(?:完成|推进|实施|启动|开工|竣工|建成|办结|落实|开展|进行)(?:中|了|完毕)?"
)
_PERIOD = (
    r"(?:\d{4}\s*年(?:度|底|末|初|内|中)?)?(?:\d{1,2}\s*月(?:底|末|份|初|中旬|下旬|上旬)?)?"
    r"(?:\d{1,2}\s*日)?(?:前|以前|之前)?"
    r"|(?:\d{4}\s*年)?(?:上半年|下半年|年底|年末|年内|全年|第?[一二三四1-4]季度)(?:前|末|底)?"
    r"|长期|持续|常态化|每年|每月|每季度|年度"
)
_NOT_A_UNIT = re.compile(
    rf"^(?:{_PROGRESS}"
    rf"|(?:{_PERIOD})(?:\s*(?:[到至~—–\-]+)\s*(?:{_PERIOD}))?(?:{_PROGRESS})?"
    r"|(?:详)?见附件\d*|同上|如上|无|略|待定|暂无"
    r"|[\d.%％]+)$"
)


def names_no_unit(names: list[str]) -> bool:
    """A unit list whose every name reads as no unit (``_NOT_A_UNIT``: a table's 已完成 /
    2024年底 / 见附件 in a unit column). A name of another shape is taken as the text
    writes it."""
    return bool(names) and all(_NOT_A_UNIT.match(name.replace(" ", "")) for name in names)


# A deadline after the units of a list: （…，湘西经开区管委会，6月底完成）.
_DEADLINE_NAME = re.compile(
    rf"^(?:{DEADLINE_RE.pattern})\s*(?:完成|建成|实现|启动|办结|落实到位)?$"
)


def trailing_deadline(segments: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], str]:
    """The deadline phrase written as the last name of the last unit list, after its units
    (``责任单位：A、B，6月底完成``): the segments without it, and the phrase ("" for none)."""
    if not segments:
        return segments, ""
    role, text = segments[-1]
    names = split_units(text)
    if len(names) < 2 or not _DEADLINE_NAME.match(names[-1]):
        return segments, ""
    cut = text.rfind(names[-1])
    if cut < 0:
        return segments, ""
    return [*segments[:-1], (role, text[:cut].rstrip(_STRIP))], names[-1]


def parse_verb_segments(text: str) -> list[tuple[str, str]] | None:
    """``市发改委牵头，市工信局、市财政局配合`` -> [("lead", …), ("support", …)].

    None unless the text is made of unit lists each closed by a verb (牵头 /
    配合 / 参与 / 负责 / 按职责分工负责 …), with at most a short note after the
    last one (``年内持续推进``). People before a verb (``分管副省长、协管副秘书长负责``)
    are no units: see ``verb_people``.
    """
    parsed = _verb_chunks(text)
    return list(parsed[0]) if parsed is not None else None


def verb_people(text: str) -> list[str]:
    """The people a verb form names (``分管副省长、协管副秘书长负责，省发展改革委牵头``)."""
    parsed = _verb_chunks(text)
    return list(parsed[1]) if parsed is not None else []


# Posts, not units: 分管副省长, 协管副秘书长, 县长, 分管领导.
_PERSON = re.compile(r"(?:[省市县区州旗乡镇]长|秘书长|书记|领导|同志)$")


@functools.lru_cache(maxsize=4096)
def _verb_chunks(text: str) -> tuple[list[tuple[str, str]], list[str]] | None:
    segments: list[tuple[str, str]] = []
    people: list[str] = []
    cursor = 0
    note = False
    for m in _VERB.finditer(text):
        if m.start() < cursor or not _VERB_END.match(text, m.end()):
            continue
        chunk = _VERB_LEAD_IN.sub("", text[cursor : m.start()].strip(_STRIP))
        names = split_units(chunk)
        if names and all(_PERSON.search(n) for n in names):
            people.extend(names)
        elif not names or not all(is_unit_name(n) for n in names):
            return None
        else:
            segments.append((m.lastgroup or "responsible", chunk))
        cursor = m.end()
        if segments and text.startswith("。", cursor):
            # X牵头。明确牵头部门的，其他有关部门配合，不逐一列出，下同 — a note, no units.
            note = True
            break
    rest = text[cursor:].strip(_STRIP)
    if rest and not note and any(role == "lead" for role, _ in segments):
        # X、Y牵头，A、B (a note after them at most): the units after a lead, with no
        # verb of their own, support it.
        names = split_units(rest)
        if names and all(is_unit_name(n) for n in names):
            segments.append(("support", rest))
            rest = ""
    if not segments or len(rest) > (_MAX_NOTE if note else 20):
        return None
    return segments, people


def split_units(segment: str) -> list[str]:
    """Split a unit list on separators outside brackets; drop duty phrases and 等."""
    return list(_split_units(segment))


@functools.lru_cache(maxsize=4096)
def _split_units(segment: str) -> tuple[str, ...]:
    # Plans repeat the same lists many times: split each distinct list once.
    segment = _TRAILING_DUTY.sub("", segment.strip(_STRIP)).strip(_STRIP)
    segment = _AND_EACH.sub("、", segment)
    names: list[str] = []
    depth = 0
    buf: list[str] = []
    for ch in segment:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in _SEPARATORS and depth == 0:
            names.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    names.append("".join(buf))
    out: list[str] = []
    for name in names:
        name = _NOTE_TAIL.sub("", name.strip(_STRIP)).strip(_STRIP)
        name = _TRAILING_DUTY.sub("", name).strip(_STRIP)
        name = _TRAILING_ETC.sub("", name).strip(_STRIP)
        if name:
            for part in _split_spaced(name):
                out.extend(_split_conjoined(part))
    return tuple(_join_place_lists(out))


# A table cell listing its units one after another with only a space between them
# (``县教体局 各相关乡镇政府``): each part must read as a unit and each but the last end
# like an office, so a spaced name (``分 管 县领导``, ``沈阳近海经济区 管委会``) stays whole.
_SPACES = re.compile(r"[ \u3000]+")


def _split_spaced(name: str) -> list[str]:
    if " " not in name and "\u3000" not in name:
        return [name]
    parts = _SPACES.split(name)
    if all(len(p) >= 3 and is_unit_name(p) for p in parts) and all(
        _OFFICE_END.search(p) for p in parts[:-1]
    ):
        return parts
    return [name]


# A note in brackets after the last name: （除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）.
_NOTE_TAIL = re.compile(
    r"[(（〔\[][^()（）〔〕\[\]]*(?:下同|汇总|第一位|不再|以下|按职责)[^()（）〔〕\[\]]*[)）〕\]]$"
)
# 和 / 及 / 以及 between two units: the left one must end like an office (环保厅和内蒙古电力
# 监管办及相关盟市), so 发展和改革委员会 / 住房和城乡建设局 / 经济和信息化委 stay whole.
_CONJOINED = re.compile(r"以及|和|及")
_OFFICE_END = re.compile(
    r"(?:局|厅|委|办|署|部|院|队|站|社|行|中心|公司|集团|政府|管委会|委员会|办公室)$"
)
# 各县、市、区政府: one collective whose place words were listed with 、.
_EACH_PLACE = re.compile(r"^各[县市区乡镇旗]$")
_PLACE_ONLY = re.compile(r"^[县市区乡镇旗](?:人民政府|政府|管委会)?$")


def _split_conjoined(name: str) -> list[str]:
    for m in _CONJOINED.finditer(name):
        left, right = name[: m.start()], name[m.end() :]
        if (
            _OFFICE_END.search(left)
            and is_unit_name(left)
            and is_unit_name(_TRAILING_ETC.sub("", right))
        ):
            return [left, *_split_conjoined(right)]
    return [name]


def _join_place_lists(names: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(names):
        name = names[i]
        j = i + 1
        if _EACH_PLACE.match(name):
            while j < len(names) and _PLACE_ONLY.match(names[j]):
                j += 1
                if len(names[j - 1]) > 1:
                    break  # the suffix (区政府) ends the list
        out.append("、".join(names[i:j]) if j > i + 1 else name)
        i = j
    return out


def distribute_suffix(names: list[str]) -> list[str]:
    """``[公主岭市, 榆树市, 农安县政府]`` -> ``[公主岭市政府, 榆树市政府, 农安县政府]``."""
    if len(names) < 2:
        return names
    m = _DIST_SUFFIX.search(names[-1])
    if not m or not _PLACE.search(names[-1][: m.start()]):
        return names
    suffix = m.group(1)
    out = list(names)
    for i in range(len(out) - 2, -1, -1):
        name = out[i]
        if name.startswith("各") or _UNIT_LIKE.search(name) or not _PLACE.search(name):
            break
        if len(name) < 2:
            break
        out[i] = name + suffix
    return out


@functools.lru_cache(maxsize=4096)
def guess_kind(name: str, home_city: str = "") -> str:
    """A best guess among model.UNIT_KINDS; the user can correct it."""
    if _GROUP.search(name):
        return "group"
    if _ENTERPRISE.search(name):
        return "enterprise"
    m = _COUNTY.match(name)
    if m and len(m["place"]) >= 2 and not name.startswith(("市", "省")):
        if home_city and m["place"] == home_city:
            return "other"  # the city government itself
        return "county"
    if _DISTRICT.search(name):
        return "district"
    if _BUREAU.search(name):
        return "bureau"
    return "other"


def is_generic_reference(name: str) -> bool:
    """A group that points at other attributions (各牵头单位, 相关部门), not at a unit."""
    return bool(_GENERIC_REF.search(name))


def parse_units(
    attribution: str | list[tuple[str, str]],
    *,
    lead_first: bool = False,
    others: str = "support",
    home_city: str = "",
    dropped: list[ParsedUnitRef] | None = None,
) -> list[ParsedUnitRef]:
    """Unit references of one attribution (its text, or its (role, list) segments).

    ``lead_first``: the document says 列第一位者为牵头单位, so a list without a
    lead — only 责任单位 or only "X、Y负责" — of two or more names means
    first = lead, the rest = ``others`` (support, or responsible where the
    note says 其他部门按职责分工负责). A single unit keeps its role. A unit
    that leads is not listed again in another role. ``dropped``: a list that names no
    unit (``names_no_unit``) is left out and its names appended there.
    """
    segments = parse_segments(attribution) if isinstance(attribution, str) else attribution
    roles = {role for role, _ in segments}
    refs: list[ParsedUnitRef] = []
    for role, text in segments:
        names = distribute_suffix(split_units(text))
        if dropped is not None and names_no_unit(names):
            dropped.extend(ParsedUnitRef(name=n, role=role, kind="other") for n in names)
            continue
        marked = [bool(_LEAD_MARK.search(name)) for name in names]
        for i, name in enumerate(names):
            r = role
            if marked[i]:
                # 责任单位：县发改局（牵头）、县财政局 — the marked one leads.
                name, r = _LEAD_MARK.sub("", name).strip(_STRIP), "lead"
            elif lead_first and roles == {"responsible"} and len(names) > 1 and not any(marked):
                r = "lead" if i == 0 else others
            refs.append(ParsedUnitRef(name=name, role=r, kind=guess_kind(name, home_city)))
    # 牵头单位：X；责任单位：X、Y (a table's 责任单位 column repeating its 牵头单位): X leads.
    leads = {ref.name for ref in refs if ref.role == "lead"}
    return [ref for ref in refs if ref.role == "lead" or ref.name not in leads]


_LEAD_MARK = re.compile(r"[(（〔\[]\s*牵头(?:单位|部门)?\s*[)）〕\]]$")
