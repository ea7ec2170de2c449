"""Plan metadata: the government-site header block, with fallbacks.

Sites print a block such as ``索  引 号: … 分  类: …`` / ``发文机关: …`` /
``成文日期: 2023年04月06日`` — sometimes twice, once with two fields per line.
Labels may contain spaces; each value runs to the next label on the line. The
first value seen for a field wins. Without that block, the notice itself gives
fallbacks: a line that is only a 发文字号 (``长府办发〔2023〕17号``), a line that is
only a date (the signature date = 成文日期) and the line before it (the issuer).
The title is 标题, else the first heading-like line of the prelude.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import parse_date

_FIELDS = {
    "index_no": ("索引号",),
    "issuer": ("发文机关", "发布机构", "发文单位"),
    "written_date": ("成文日期", "印发日期"),
    "title": ("标题", "文件标题", "名称"),
    "doc_no": ("发文字号", "文号"),
    "published_date": ("发布日期", "公开日期", "发文日期", "发布时间"),
    "": (
        "分类",
        "主题分类",
        "体裁分类",
        "组配分类",
        "服务对象分类",
        "主题词",
        "关键词",
        "公文种类",
        "有效性",
        "效力状况",
        "信息来源",
        "来源",
        "生效日期",
        "废止日期",
        "所属主题",
        "浏览次数",
        "公开方式",
        "公开范围",
    ),
}
_LABEL_FIELD: dict[str, str] = {}
for _field, _labels in _FIELDS.items():
    for _label in _labels:
        _LABEL_FIELD[_label] = _field

_alts = sorted(_LABEL_FIELD, key=len, reverse=True)
HEADER_LABEL_RE = re.compile(
    "(?P<label>" + "|".join(r"\s*".join(map(re.escape, lab)) for lab in _alts) + r")\s*[:：]"
)
_SPACES = re.compile(r"\s+")
# A site's label this reader does not know, with its colon (时效:, 有效性：): the value of
# the field before it was empty.
_OTHER_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,6}\s*[:：]")
_OTHER_LABEL_AFTER = re.compile(r"\s+[\u4e00-\u9fff]{1,6}\s*[:：]")

# 长府办发〔2023〕17号; a repost may write 许政 [2020] 20号.
DOC_NO_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}\s?[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")
DATE_LINE_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_ISSUER_END = re.compile(r"(人民政府|政府|办公厅|办公室|委员会|领导小组|局|委)$")
_DOC_TYPES = re.compile(
    r"(行动计划|实施方案|工作方案|方案|计划|通知|意见|规划|办法|要点|纲要|措施|细则|规定|决定|安排|清单"
    r"|分解|分工|任务)$"
)
_NOT_TITLE_END = tuple("。，,；;：:、")
_BREADCRUMB = re.compile(r">>|›|»|＞|\||当前位置|您的位置|您现在的位置|首页|(?:^|\s)>(?:\s|$)")
# Page chrome printed on a line of its own: 全文, 朗读, 打印, 分享到 … (no title is this short).
_MIN_TITLE = 4
# A notice's contact lines: 监督电话:12317, 市财政局举报电话:0714-…, 联系电话, 通讯地址:…,
# 受理单位:… — a label (after at most a few characters naming whose) then a colon, a
# number or nothing. Never the plan's title.
_CONTACT = re.compile(
    r"^[^\s，。；:：、]{0,12}?(?:电话|热线|传真|手机|通讯地址|联系地址|地址|邮编|邮政编码|电子邮箱|邮箱"
    r"|联系人|受理单位|受理部门)(?:\s*[:：]|\s*[\d(（+]|\s*$)"
)
_YEAR_IN_DOC_NO = re.compile(r"[〔\[［(（](\d{4})[〕\]］)）]")
_YEAR_OF_TITLE = re.compile(r"(?:\D{0,24}?印发)?(\d{4})\s*年(?![\d—–\-~至到])")


@dataclass
class Header:
    title: str = ""
    doc_no: str = ""
    issuer: str = ""
    index_no: str = ""
    written_date: str | None = None
    published_date: str | None = None
    home_city: str = ""  # "长春市", from the issuer: tells the city government from counties

    @property
    def year(self) -> int | None:
        for iso in (self.written_date, self.published_date):
            if iso:
                return int(iso[:4])
        m = _YEAR_IN_DOC_NO.search(self.doc_no)
        if m:
            return int(m.group(1))
        # No date nor 发文字号: a yearly list's title names its year (2025年…责任清单).
        m = _YEAR_OF_TITLE.match(self.title)
        return int(m.group(1)) if m else None


def parse_header(lines: list[str]) -> Header:
    """Metadata from the prelude lines (everything before the first heading)."""
    values: dict[str, str] = {}
    for line in lines:
        if "|" in line:
            _table_fields(line, values)
            continue
        first = HEADER_LABEL_RE.match(line)
        if not first:
            continue
        matches = list(HEADER_LABEL_RE.finditer(line))
        for i, m in enumerate(matches):
            field = _LABEL_FIELD[_SPACES.sub("", m["label"])]
            end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            value = line[m.end() : end].strip()
            if _OTHER_LABEL.match(value):
                value = ""  # an empty field, then a label this reader does not know (时效:)
            value = _OTHER_LABEL_AFTER.split(value, maxsplit=1)[0]  # (…17号 时效:有效)
            if field and value and field not in values:
                values[field] = value
    h = Header(
        title=values.get("title", ""),
        doc_no=values.get("doc_no", ""),
        issuer=values.get("issuer", ""),
        index_no=values.get("index_no", ""),
        written_date=parse_date(values.get("written_date", "")),
        published_date=parse_date(values.get("published_date", "")),
    )
    body = [ln for ln in lines if not HEADER_LABEL_RE.match(ln)]
    if not h.doc_no:
        h.doc_no = next((ln for ln in body if DOC_NO_RE.match(ln)), "")
    date_idx = next((i for i, ln in enumerate(body) if DATE_LINE_RE.match(ln)), -1)
    if h.written_date is None and date_idx >= 0:
        h.written_date = parse_date(body[date_idx])
    if not h.issuer and date_idx > 0 and _ISSUER_END.search(body[date_idx - 1]):
        h.issuer = body[date_idx - 1]
    if not h.title:
        h.title = guess_title(body)
    city = re.match(r"^(.{2,7}?[市州盟])", h.issuer)
    h.home_city = city.group(1) if city else ""
    return h


def _table_fields(line: str, values: dict[str, str]) -> None:
    """The site's information table copied as text: ``发布机构 | X县人民政府办公室 |
    组配分类 | 金政发 |``, each label in a cell and its value in the next."""
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    for label, value in zip(cells, cells[1:], strict=False):
        field = _LABEL_FIELD.get(_SPACES.sub("", label).rstrip(":："))
        if field and value and _SPACES.sub("", value) not in _LABEL_FIELD:
            values.setdefault(field, value)


def _title_like(line: str) -> bool:
    return (
        _MIN_TITLE <= len(line) <= 80
        and not line.endswith(_NOT_TITLE_END)
        and not line.startswith("各")
        and not _BREADCRUMB.search(line)
        and not DOC_NO_RE.match(line)
        and not DATE_LINE_RE.match(line)
        and not _CONTACT.match(line)
    )


def guess_title(lines: list[str]) -> str:
    """The first line naming a document type (…行动计划/…通知), else the first heading-like
    line, else the document the notice hands out (``现将《…》印发给你们``). A line naming
    the attachment (``附件:…项目计划安排表``) gives its name, without ``附件:``."""
    return _ATTACHMENT.sub("", _guess_title(lines))


# 附件: / 附件1： before the name of the document attached.
_ATTACHMENT = re.compile(r"^附\s*件\s*\d{0,2}\s*[:：]\s*(?=\S)")


def _guess_title(lines: list[str]) -> str:
    candidates = [i for i, ln in enumerate(lines) if _title_like(ln)]
    for i in candidates:
        if _DOC_TYPES.search(lines[i]):
            # A title broken over lines: 长春市人民政府办公厅关于 / 印发…的通知, or
            # 县人民政府办公室关于 / 对县《政府工作报告》确定的2021年 / … / …的通知, or
            # a line ending in a conjunction: …第十四个五年规划和 / 2035年远景目标纲要….
            first = i
            for j in range(i - 1, max(i - _TITLE_LINES, -1), -1):
                if not _title_like(lines[j]) or _DOC_TYPES.search(lines[j]):
                    break
                if "关于" in lines[j]:
                    return "".join(lines[j : i + 1])
                if j == first - 1 and lines[j].endswith(_TITLE_JOINS):
                    first = j
            return "".join(lines[first : i + 1])
    if candidates:
        return lines[candidates[0]]
    for line in lines:
        m = _HANDED_OUT.search(line)
        if m:
            return m.group(1)
    return ""


_TITLE_LINES = 5  # a title is printed on at most this many lines
_TITLE_JOINS = ("和", "与", "及", "暨", "的")  # no title line ends in one

# 现将《2025年县<政府工作报告>任务分解》《…》印发给你们: the first document named.
# (现将《政府工作报告》提出的…任务予以分解 names the report, not the plan: no 印发 after it.)
_HANDED_OUT = re.compile(r"现将《([^《》\n]{2,60})》[^。\n]{0,60}?(?:印发|转发|下发)")
