"""Task tables of county plans met in the second field test (branch imp40): text tables
the importer refused or misread, each reduced to the rule it needed."""

from __future__ import annotations

from desktop.importer import parse_text


def _units(plan):
    return [sorted((u.role, u.name) for i in t.items for u in i.units) for t in plan.tasks]


def test_a_traditional_page_s_table_is_read_with_its_simplified_header():
    text = (
        "關於印發縣重點工作任務分解的通知\n各鄉鎮人民政府，縣直各單位：現將任務分解印發給你們，請認真貫徹執行。\n"
        "序號 | 重點任務 | 牽頭單位 | 配合單位\n"
        "1 | 建設農業產業園區 | 縣農業農村局 | 縣發展改革局、縣財政局\n"
        "2 | 實施老舊小區改造 | 縣住房城鄉建設局 | 各鄉鎮人民政府\n"
    )
    plan = parse_text(text)
    assert [t.title for t in plan.tasks] == ["建设农业产业园区", "实施老旧小区改造"]
    assert _units(plan)[0] == [
        ("lead", "县农业农村局"),
        ("support", "县发展改革局"),
        ("support", "县财政局"),
    ]
