"""A province task that rolls up from three city tasks (序时进度 roll-up tests)."""

from __future__ import annotations

from desktop.models import authoring as au
from desktop.models import coordination as co
from desktop.models.store import Store


def rolled_up_levels(store: Store) -> dict[str, str]:
    """省〔2024〕1号 任务1 (rolled up) ← 市〔2024〕2号 任务1–3 reported 80 %, 30 %, none.

    Returns the ids: province, upper, unit, fast, slow, quiet."""
    province = au.create_plan(store, "省级行动计划", doc_no="省〔2024〕1号")
    upper = au.add_task(store, province, "建设算力网络")
    city = au.create_plan(store, "市级分解方案", doc_no="市〔2024〕2号")
    with store.action("add_unit") as tx:
        unit = store._create_unit(tx, "市政数局", "bureau")
    ids = {"province": province, "upper": upper, "unit": unit}
    for key, title in (("fast", "市级算力中心"), ("slow", "县级节点"), ("quiet", "边缘节点")):
        ids[key] = au.add_task(store, city, title)
        au.set_unit_role(store, au.item_of(store, ids[key]), unit, "lead")
        au.link_task(store, ids[key], upper)
    co.add_report(store, ids["fast"], unit, period="2024-06", percent=80, text="进展顺利")
    co.add_report(store, ids["slow"], unit, period="2024-06", percent=30, text="用地未落实")
    au.edit_task(store, upper, rollup=True, basis="由市级汇总")
    return ids


# A city plan whose tasks 1 and 2 closely match tasks of the province plan below
# (上级任务 link suggestions on import); task 3 matches nothing.
CITY_PLAN_TEXT = """某市数字经济行动方案
一、重点任务
1. 建设市级算力枢纽。建设市级算力枢纽节点，推进数据中心集约化布局，到2025年全市算力规模达到100PFlops。（市发改委牵头，市政数局配合）
2. 推进政务数据共享。完善政务数据共享交换平台，推动政务数据按需共享、有序开放。（市政数局负责）
3. 优化营商环境。深化放管服改革，推行一网通办。（市营商局负责）
"""


def province_plan(store: Store) -> dict[str, str]:
    """某省〔2024〕1号 with three tasks; returns their ids by number ("1", "2", "3")."""
    plan = au.create_plan(store, "某省数字经济行动计划", doc_no="某省〔2024〕1号")
    ids = {"plan": plan}
    for no, (title, text) in enumerate(
        (
            ("建设省级算力枢纽", "建设省级算力枢纽节点，推进数据中心集约化布局，"
             "到2025年全省算力规模达到500PFlops。"),
            ("推进政务数据共享", "完善政务数据共享交换平台，推动政务数据按需共享、有序开放。"),
            ("发展智能制造", "实施智能制造试点示范，建设一批智能工厂和数字化车间。"),
        ),
        start=1,
    ):  # fmt: skip
        ids[str(no)] = au.add_task(store, plan, title, text=text)
    return ids
