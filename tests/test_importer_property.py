"""Property: random mixes of headings, numbering, attributions, tables and noise.

Parsing never raises anything but ``ImportFailed``; a parsed plan always imports
or fails with ``ImportFailed``/``UserError``; a failed import leaves the
database file byte-identical. Triggers refusing tasks and units whose title or
name contains “拒” stand for any database constraint, so failures happen
mid-import (after the plan, sections and earlier units were written).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.errors import ImportFailed, UserError
from desktop.importer import parse_text
from desktop.importer.docx_numbering import chinese_number
from desktop.models.store import Store

UNITS = st.sampled_from(
    [
        "市发改委",
        "区发展和改革局",
        "各县（市、区）政府",
        "县发改局(粮食局)",
        "市政数局",
        "各电信运营商",
        "公主岭市、榆树市、农安县政府",
        "相关部门",
        "“六城联动”各牵头单位",
        "国务院各部门",
        "张三",
        "",
        "拒绝单位",
    ]
)
WORDS = st.text(
    alphabet=st.sampled_from(
        list(
            "建设推进完善市区县局委办的和与、，。；：:;,()（）[]〔〕【】 等负责牵头配合1234567890一二三十①②拒\t|"
        )
    ),
    max_size=40,
)


@st.composite
def numbers(draw) -> str:
    n = draw(st.integers(min_value=0, max_value=120))
    cn = chinese_number(max(n, 1))
    return draw(
        st.sampled_from(
            [f"{n}.", f"{n}．", f"{n}、", f"{n} ", f"（{n}）", f"({n})", "①", "⑳",
             f"（{cn}）", f"({cn})", f"{cn}、", f"第{cn}章", f"第{cn}部分", "一是", "14-1"]
        )
    )  # fmt: skip


@st.composite
def attributions(draw) -> str:
    a, b, c = draw(UNITS), draw(UNITS), draw(UNITS)
    return draw(
        st.sampled_from(
            [
                f"（牵头单位：{a}；配合单位：{b}、{c}）",
                f"(牵头单位:{a};责任单位:{b},{c})",
                f"[牵头单位:{a};责任单位:{b}]",
                f"〔责任单位:{a}、{b}按职责分工负责。具体任务，下同。〕",
                f"（{a}牵头，{b}、{c}配合）",
                f"（{a}、{b}等按职责分工负责）",
                f"（{a}指导，{b}负责落实）",
                f"（{a}、{b}牵头负责，年内持续推进）",
                f"（责任领导：{a}；牵头单位：{b}）",
                f"（牵头单位：{a}  责任单位：{b}）",
                f"\n牵头单位：{a}\n配合单位：{b}\n完成时限：2024年底前",
                f"\n责任单位：{a}",
                "（列第一位者为牵头单位，下同）",
                f"（牵头单位：{a}",
                f"（{a}",
                "（）",
                f"（完成时限：{b}）",
            ]
        )
    )


@st.composite
def lines(draw) -> str:
    kind = draw(st.integers(min_value=0, max_value=5))
    if kind == 0:
        return draw(numbers()) + draw(WORDS)
    if kind == 1:
        return draw(numbers()) + draw(WORDS) + draw(attributions())
    if kind == 2:
        return draw(attributions())
    if kind == 3:
        return draw(WORDS)
    if kind == 4:
        cells = draw(st.lists(st.sampled_from(["序号", "重点任务", "牵头 单位", "配合单位",
                                               "责任单位", "完成时限", "责任领导", "x"]),
                              min_size=2, max_size=6))  # fmt: skip
        rows = draw(st.lists(st.lists(WORDS, min_size=1, max_size=6), max_size=3))
        sep = draw(st.sampled_from([" | ", "\t"]))
        return "\n".join(sep.join(r) for r in [cells, *rows])
    return draw(st.sampled_from(["", "\n", "\r\n", "\u3000", "\x00", "\ufeff", "附件1"]))


DOCUMENTS = st.lists(lines(), min_size=0, max_size=14).map("\n".join)


def _fresh_db() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="liandong-prop-"))
    db = folder / "prop.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON task WHEN NEW.title LIKE '%拒%'"
        " BEGIN SELECT RAISE(ABORT, 'refused by a constraint'); END"
    )
    conn.execute(
        "CREATE TRIGGER refuse_unit BEFORE INSERT ON unit WHEN NEW.name LIKE '%拒%'"
        " BEGIN SELECT RAISE(ABORT, 'refused by a constraint'); END"
    )
    conn.commit()
    conn.close()
    return db


DB = _fresh_db()


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(DOCUMENTS)
def test_random_documents_fail_only_with_import_failed(text):
    try:
        plan = parse_text(text, source_name="random.txt")
    except ImportFailed as exc:
        assert exc.message.strip()
        return
    assert plan.tasks
    keys = [t.outline_key() for t in plan.tasks]
    assert len(set(keys)) == len(keys)
    before = DB.read_bytes()
    store = Store.open(DB)
    failed = False
    try:
        store.import_plan(plan)
    except UserError:  # ImportFailed is a UserError
        failed = True
    finally:
        store.close()
    if failed:
        assert DB.read_bytes() == before
