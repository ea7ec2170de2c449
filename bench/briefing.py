"""Briefing document figures (issue 8 goals), and the pictures in docs/.

    python -m bench.briefing DB_PATH          # figures (seed + province DB_PATH)
    python -m bench.briefing --pictures docs  # docs/briefing-*.png from the demo data

Seed: the bundled plan with the demo coordination data. Province: a COPY of
``DB_PATH`` (``bench.generate``) with the milestones and dependencies of
``bench.coordination`` and a progress report on every tenth task. Prints
``name: value unit (goal …)`` lines.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "assets" / "demo-plan-changchun-2023.txt"


def report(name: str, value: float, unit: str, goal: str) -> None:
    print(f"{name}: {value:.2f} {unit} (goal {goal})", flush=True)


def seed_db(folder: Path, today: date) -> Path:
    from desktop.demo import add_demo_coordination
    from desktop.importer import parse_file
    from desktop.models.store import Store

    path = folder / "seed.db"
    store = Store.open(path)
    store.import_plan(parse_file(SEED))
    add_demo_coordination(store, today)
    store.close()
    return path


def timed(fn) -> float:  # noqa: ANN001
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def bench_seed(folder: Path) -> None:
    from desktop.briefing.api import BriefingOptions, generate

    today = date.today()
    db = seed_db(folder, today)
    options = BriefingOptions(meeting_date=today, issuer="督查室")
    out = folder / "overview.pdf"
    first = timed(lambda: generate(db, "overview", options, out))
    report("seed overview PDF, first in process (font loading included)", first, "s", "-")
    runs = [timed(lambda: generate(db, "overview", options, out)) for _ in range(5)]
    report("seed overview PDF", statistics.median(runs), "s", "<= 0.5 s")
    units = folder / "units.pdf"
    runs = [timed(lambda: generate(db, "unit", options, units)) for _ in range(3)]
    result = generate(db, "unit", options, units)
    report(
        f"seed unit sheets, all {result.documents} units with work ({result.pages} pages)",
        statistics.median(runs), "s", "<= 3 s",
    )  # fmt: skip
    runs = [timed(lambda: generate(db, "overview", options, folder / "o.docx", "docx"))]
    report("seed overview .docx", runs[0], "s", "-")


def add_reports(db_path: Path) -> None:
    """A progress report (with a percentage) on every tenth task, by its first unit."""
    from desktop.models.store import Store, utc_now

    store = Store.open(db_path)
    rows = store.db.execute(
        "SELECT i.task_id, a.unit_id FROM assignment a JOIN item i ON i.id = a.item_id"
        " WHERE a.role = 'lead' GROUP BY i.task_id"
    ).fetchall()
    reports = [
        {
            "id": f"bench-report-{n:06d}",
            "task_id": task_id,
            "item_id": None,
            "unit_id": unit_id,
            "period": date.today().strftime("%Y-%m"),
            "text": "按计划推进，已完成阶段性工作",
            "percent": float(n % 100),
            "figures": "{}",
            "author": "bench",
            "created_at": utc_now(),
            "supersedes_id": None,
            "also_supersedes": "[]",
        }
        for n, (task_id, unit_id) in enumerate(rows[::10])
    ]
    with store.action("bench_reports") as tx:
        tx.insert_many("report", reports)
    store.close()


def bench_province(source: Path, folder: Path) -> None:
    from bench.coordination import populate
    from desktop.models.store import Store

    db = folder / "province.db"
    shutil.copy(source, db)
    store = Store.open(db)
    populate(store)
    store.close()
    add_reports(db)
    # the overview in a fresh process: its own peak memory, not the populating step's
    proc = subprocess.run(
        [sys.executable, "-m", "bench.briefing", "--overview-only", str(db)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    sys.stdout.write(proc.stdout)
    if proc.returncode:
        print(f"province overview FAILED\n{proc.stderr[-2000:]}", flush=True)


def peak_mb() -> float:
    """Peak resident memory of this process. Linux: VmHWM (ru_maxrss would include
    the parent's memory at fork time, which survives exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def overview_only(db: Path) -> None:
    from desktop.briefing.api import BriefingOptions, generate
    from desktop.models.store import Store

    before = peak_mb()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "province-overview.pdf"
        options = BriefingOptions(meeting_date=date.today(), issuer="省督查室")
        started = time.perf_counter()
        result = generate(db, "overview", options, out)
        elapsed = time.perf_counter() - started
    peak = peak_mb()
    store = Store.open(db)
    count = store.db.execute("SELECT count(*) FROM task").fetchone()[0]
    store.close()
    report(f"province overview PDF ({count} tasks, {result.pages} pages)", elapsed, "s", "<= 10 s")
    report("peak RSS (province overview, process)", peak, "MB", "<= 300 MB")
    report("  (RSS of the process before it: interpreter and imports)", before, "MB", "-")


def pictures(target: Path) -> None:
    """docs/briefing-*.png: pages of the real PDFs of the demo data, side by side."""
    from PIL import Image

    from desktop.briefing.api import BriefingOptions, generate
    from desktop.models import coordination_queries as cq
    from desktop.models.store import Store

    today = date(2026, 11, 30)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = seed_db(folder, today)
        store = Store.open(db)
        unit = store.find_unit("市政数局")
        task = cq.resolve_task(store.db, 5)
        store.close()
        base = {"meeting_date": today, "issuer": "长春市数字经济发展领导小组办公室",
                "confidentiality": "内部资料 注意保存"}  # fmt: skip
        requirements = (
            "一是压实牵头责任。各牵头单位对照时限倒排工期，逾期事项一周内报送整改措施。\n"
            "二是加强部门协同。配合单位主动对接，受阻事项由市政数局牵头会商解决。"
        )
        jobs = {
            "overview": (BriefingOptions(**base, requirements=requirements), (1, 2, -1)),
            "unit": (BriefingOptions(**base, unit_ids=[unit]), (1, 2)),
            "task": (BriefingOptions(**base, task_id=task), (1, 2)),
            "notice": (BriefingOptions(**base), (1, 2)),
        }
        for kind, (options, pages) in jobs.items():
            pdf = folder / f"{kind}.pdf"
            result = generate(db, kind, options, pdf)
            images = []
            for page in pages:
                number = page if page > 0 else result.pages
                stem = folder / f"{kind}-{number}"
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "60", "-singlefile", "-f", str(number),
                     "-l", str(number), str(pdf), str(stem)],
                    check=True,
                )  # fmt: skip
                images.append(Image.open(f"{stem}.png").convert("RGB"))
            width = sum(i.width for i in images) + 10 * (len(images) - 1)
            height = max(i.height for i in images)
            sheet = Image.new("RGB", (width, height), "#888888")
            x = 0
            for image in images:
                sheet.paste(image, (x, 0))
                x += image.width + 10
            sheet.save(target / f"briefing-{kind}.png", optimize=True)
            print(f"wrote {target / f'briefing-{kind}.png'} ({len(images)} pages)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", nargs="?", type=Path, help="province database (bench.generate)")
    parser.add_argument("--pictures", type=Path, metavar="DIR", help="write docs pictures")
    parser.add_argument("--overview-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.overview_only:
        overview_only(args.db)
        return
    if args.pictures:
        pictures(args.pictures)
        return
    with tempfile.TemporaryDirectory() as tmp:
        bench_seed(Path(tmp))
        if args.db:
            bench_province(args.db, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
