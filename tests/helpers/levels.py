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
