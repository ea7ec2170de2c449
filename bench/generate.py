"""Generate a province-scale Liandong database for benchmarks.

About 200 plans, 10,000 tasks, 12,000 work items, 300 units and 40,000
assignments, written through the real store API (so the change log is
filled as it would be), with deterministic pseudo-random content.

    python -m bench.generate OUT.db [--plans 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import time
from pathlib import Path

from desktop.importer.model import (
    ParsedItem,
    ParsedPlan,
    ParsedSection,
    ParsedTarget,
    ParsedTask,
    ParsedUnitRef,
)
from desktop.models.store import Store
from sync.bulk_writes import bulk_writes

CITIES = ["长春", "吉林", "四平", "辽源", "通化", "白山", "松原", "白城", "延边"]
BUREAUS = [
    "发改委",
    "工信局",
    "政数局",
    "财政局",
    "商务局",
    "科技局",
    "教育局",
    "卫健委",
    "交通局",
    "公安局",
    "城管局",
    "建委",
    "农业农村局",
    "畜牧局",
    "文广旅局",
    "规自局",
    "生态环境局",
    "水利局",
    "应急局",
    "市场监督局",
    "金融办",
    "国资委",
    "人社局",
    "民政局",
    "林园局",
    "通信办",
    "统计局",
    "审计局",
    "司法局",
    "医保局",
    "体育局",
    "住保局",
]
DISTRICTS = ["南关区", "宽城区", "朝阳区", "二道区", "绿园区", "双阳区", "九台区", "净月区"]
VERBS = ["推进", "加快", "完善", "打造", "提升", "建设", "深化", "培育", "优化", "探索"]
TOPICS = [
    "5G网络覆盖",
    "算力中心",
    "数据交易平台",
    "工业互联网平台",
    "智慧农业服务体系",
    "政务服务一网通办",
    "城市安全大脑",
    "智能网联汽车示范区",
    "数字乡村",
    "跨境电商综合试验区",
    "冰雪旅游数字化",
    "医疗健康大数据",
    "智慧教育平台",
    "物联网感知体系",
    "区块链基础平台",
]
NUMERALS = "一二三四五六七八九十"


def unit_pool(rng: random.Random, size: int = 300) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for city in CITIES:
        for bureau in BUREAUS:
            names.append((f"{city}市{bureau}", "bureau"))
        for district in DISTRICTS:
            names.append((f"{city}{district}政府", "district"))
    rng.shuffle(names)
    pool = names[: size - 10] + [(f"数字科技公司{i}", "enterprise") for i in range(8)]
    pool += [("各电信运营商", "group"), ("各县〔市〕区政府", "group")]
    return pool


def make_plan(rng: random.Random, index: int, units: list[tuple[str, str]]) -> ParsedPlan:
    city = CITIES[index % len(CITIES)]
    sections = [ParsedSection("二", 1, "二", "主要任务")]
    for s in range(6):
        sections.append(
            ParsedSection(f"二/{NUMERALS[s]}", 2, NUMERALS[s], f"第{s + 1}项行动", "二")
        )
    tasks = []
    local = rng.sample(units, 60)
    for no in range(1, 51):
        topic = rng.choice(TOPICS)
        title = f"{rng.choice(VERBS)}{topic}"
        n_items = 2 if rng.random() < 0.2 else 1
        items = []
        for _ in range(n_items):
            chosen = rng.sample(local, 3 + (rng.random() < 0.4))
            refs = [ParsedUnitRef(chosen[0][0], "lead", chosen[0][1])]
            refs += [ParsedUnitRef(n, "support", k) for n, k in chosen[1:]]
            text = f"{title}，围绕{rng.choice(TOPICS)}开展试点示范，形成可复制经验。"
            items.append(ParsedItem(text, "牵头单位:…", refs))
        body = "".join(i.text for i in items)
        targets = []
        if rng.random() < 0.3:
            value = rng.choice([100, 500, 1000, 13000])
            targets.append(
                ParsedTarget(
                    f"到2025年{topic}达到{value}个", topic, ">=", value, "个", "2025-12-31"
                )
            )
        tasks.append(
            ParsedTask(no, title, body, f"二/{NUMERALS[(no - 1) // 9 % 6]}", items, targets)
        )
    fingerprint = hashlib.sha256(f"bench-plan-{index}".encode()).hexdigest()
    return ParsedPlan(
        title=f"{city}市数字化发展行动计划（第{index + 1}号）",
        doc_no=f"{city[0]}府办发〔2024〕{index + 1}号",
        issuer=f"{city}市人民政府办公厅",
        written_date="2024-03-01",
        fingerprint=fingerprint,
        source_text=f"{city}市数字化发展行动计划",
        sections=sections,
        tasks=tasks,
    )


def generate(path: Path, plans: int = 200, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    units = unit_pool(rng)
    path.unlink(missing_ok=True)
    store = Store.open(path)
    try:
        # one import after another: the bulk settings held across them, so the index
        # pages one plan read stay cached for the next (each import alone sets them)
        with bulk_writes(store.db.conn):
            for index in range(plans):
                store.import_plan(make_plan(rng, index, units))
        counts = {
            table: store.db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0]
            for table in ("plan", "task", "item", "unit", "assignment", "target", "change_log")
        }
    finally:
        store.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    counts = generate(args.out, args.plans, args.seed)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"generated {args.out} in {time.perf_counter() - started:.1f} s"
        f" (process CPU: user {usage.ru_utime:.1f} s, sys {usage.ru_stime:.1f} s): {counts}"
    )


if __name__ == "__main__":
    main()
