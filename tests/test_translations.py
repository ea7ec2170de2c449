"""Every GUI string of the plan/matrix views has an English translation (lupdate on the sources)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "liandong_en.ts"
# The plan/matrix area; coordination and sync views keep their own lists.
FILES = [
    *(ROOT / "desktop" / "views" / f"{name}.py" for name in (
        "app", "main_window", "matrix_view", "filter_bar", "detail_panel", "unit_panel",
        "unit_edit", "import_preview", "jobs", "dialogs", "fonts",
    )),
    *(ROOT / "desktop" / "models" / "qt" / f"{name}.py" for name in (
        "matrix_model", "plan_tree_model", "unit_models", "preview_models", "roles",
    )),
]  # fmt: skip


def test_plan_views_are_fully_translated(tmp_path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    ts = tmp_path / "check.ts"
    shutil.copy(TS, ts)
    subprocess.run(
        [str(lupdate), *map(str, FILES), "-ts", str(ts)], check=True, capture_output=True
    )
    missing = []
    for context in ET.parse(ts).getroot():
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                missing.append((context.findtext("name"), message.findtext("source")))
    assert missing == []
