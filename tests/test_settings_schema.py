"""Every settings key of the views goes through the typed schema (``desktop/views/settings.py``).

The views read and write settings only with ``settings.get(name)`` / ``settings.put(name,
value)``; a raw ``QSettings.value("key")`` / ``setValue`` / ``remove`` anywhere else under
``desktop/views`` fails here, and so does a ``*_SETTING`` / ``KEY_*`` constant naming an
undeclared key.
"""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop.views import settings as schema

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ROOT / "desktop" / "views"
RAW_CALLS = {"value", "setValue", "remove", "contains"}


def _names_settings(node: ast.AST) -> bool:
    """Whether an expression is (or returns) a QSettings object, by its name."""
    if isinstance(node, ast.Call):
        return _names_settings(node.func)
    if isinstance(node, ast.Name):
        return "settings" in node.id.lower()
    if isinstance(node, ast.Attribute):
        return "settings" in node.attr.lower()
    return False


def _is_key(node: ast.AST) -> bool:
    """A settings key: a "group/name" text or a ``…_SETTING`` / ``KEY_…`` constant."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and "/" in node.value
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")
    return name.endswith("SETTING") or name.startswith("KEY_")


def raw_settings_calls(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in RAW_CALLS
            and (_names_settings(node.func.value) or (node.args and _is_key(node.args[0])))
        ):
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def setting_constants(source: str) -> dict[str, str]:
    """Module constants that name settings keys (``FOO_SETTING = "group/key"``, ``KEY_…``)."""
    constants = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                name = getattr(target, "id", "")
                is_key = name.endswith("SETTING") or name.startswith("KEY_")
                if is_key and isinstance(node.value.value, str) and "/" in node.value.value:
                    constants[name] = node.value.value
    return constants


def test_views_use_no_raw_settings_keys() -> None:
    offenders = []
    for path in sorted(VIEWS.rglob("*.py")):
        if path == VIEWS / "settings.py":
            continue
        offenders += raw_settings_calls(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))
        )
    assert offenders == []


def test_every_named_key_is_declared() -> None:
    undeclared = []
    for path in sorted(VIEWS.rglob("*.py")):
        for name, key in setting_constants(path.read_text(encoding="utf-8")).items():
            if "{" not in key and key not in schema.SCHEMA:
                undeclared.append((str(path.relative_to(ROOT)), name, key))
    assert undeclared == []


def test_the_checker_sees_raw_use() -> None:
    probe = (
        "s = app_settings()\n"
        "s.value('main/geometry')\n"
        "app_settings().setValue('pages/side', True)\n"
        "self.settings.remove('x/y')\n"
        "store.setValue(COLOUR_SETTING, 'red')\n"
        "spin.setValue(3)\n"
        "bar.value()\n"
    )
    assert len(raw_settings_calls(probe, "probe.py")) == 4
    assert setting_constants("A_SETTING = 'a/b'\nKEY_X = 'c/d'\nOTHER = 'e/f'\n") == {
        "A_SETTING": "a/b",
        "KEY_X": "c/d",
    }


def test_window_layout_keys_round_trip(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    schema.put("main/geometry", QByteArray(b"\x01\x02geometry"), settings)
    schema.put("pages/side", False, settings)
    schema.put("pages/current", "dashboard", settings)
    schema.put("matrix/ledger_columns", ("due", "status"), settings)
    schema.put("main/docking", True, settings)
    settings.sync()
    again = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert schema.get("main/geometry", again) == QByteArray(b"\x01\x02geometry")
    assert schema.get("pages/side", again) is False
    assert schema.get("pages/current", again) == "dashboard"
    assert schema.get("matrix/ledger_columns", again) == ("due", "status")
    assert schema.get("main/docking", again) is True
    schema.put("matrix/ledger_columns", ("due",), again)  # one item reads back as a str
    again.sync()
    third = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert schema.get("matrix/ledger_columns", third) == ("due",)
    third.setValue("pages/current", "x" * 500)  # too long: the default
    assert schema.get("pages/current", third) == ""
