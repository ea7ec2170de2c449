"""A small two-task plan (two units, lead/support/responsible roles) for store-level tests,
and ``task_units``: each task's units as a parse gave them, for importer tests."""

from __future__ import annotations

from desktop.importer.model import ParsedItem, ParsedPlan, ParsedSection, ParsedTask, ParsedUnitRef


def small_plan(fingerprint: str = "fp-1", doc_no: str = "测府发〔2024〕1号") -> ParsedPlan:
    def unit(name: str, role: str, kind: str = "bureau") -> ParsedUnitRef:
        return ParsedUnitRef(name, role, kind)

    return ParsedPlan(
        title="测试行动计划",
        doc_no=doc_no,
        fingerprint=fingerprint,
        source_text="…",
        sections=[
            ParsedSection("二", 1, "二", "主要任务"),
            ParsedSection("二/一", 2, "一", "行动", "二"),
        ],
        tasks=[
            ParsedTask(
                1,
                "任务一",
                "任务一的正文。",
                "二/一",
                items=[
                    ParsedItem(
                        "任务一的正文。",
                        "牵头单位:市政数局;配合单位:市工信局",
                        [unit("市政数局", "lead"), unit("市工信局", "support")],
                    )
                ],
            ),
            ParsedTask(
                2,
                "任务二",
                "任务二甲。任务二乙。",
                "二/一",
                items=[
                    ParsedItem("任务二甲。", "", [unit("市工信局", "lead")]),
                    ParsedItem("任务二乙。", "", [unit("市政数局", "responsible")]),
                ],
            ),
        ],
        warnings=["一条警告"],
    )


def task_units(plan: ParsedPlan) -> list[list[tuple[str, str]]]:
    """Each task's (role, unit name) pairs over its work items, sorted: what a parse gave."""
    return [sorted((u.role, u.name) for i in t.items for u in i.units) for t in plan.tasks]
