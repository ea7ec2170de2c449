"""The English translation covers every GUI string, and the GUI puts every string through tr().

Three checks over all of ``desktop/views/`` and ``desktop/models/qt/``:

- lupdate extracts no source text without a finished English translation;
- every ``tr()``/``translate()`` call resolves at run time to the context lupdate extracts
  (``self.tr`` uses the *runtime* class name, lupdate the *lexical* one, so ``self.tr`` in a
  class that is subclassed — or ``other.tr`` / a bare ``tr()`` helper — would silently miss);
- no user-visible Chinese literal bypasses ``tr()``/``translate()``.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "liandong_en.ts"
FILES = sorted(
    path
    for folder in (ROOT / "desktop" / "views", ROOT / "desktop" / "models" / "qt")
    for path in folder.rglob("*.py")
)
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
# Chinese literals that deliberately bypass tr(), as (file relative to ROOT, literal).
# section_prefix() renders the plan's own section numbering ("一、", "（一）") around the
# document's Chinese numerals: that is plan content, which stays Chinese in every UI language.
ALLOWED: set[tuple[str, str]] = {
    ("desktop/models/qt/text.py", "、"),
    ("desktop/models/qt/text.py", "（"),
    ("desktop/models/qt/text.py", "）"),
    # unit-name prefixes dropped from abbreviated matrix headers (data), and the CJK
    # character a unit column's width is measured with
    ("desktop/models/qt/matrix_model.py", "市县区"),
    ("desktop/views/matrix_view.py", "国"),
    # the character the 总览 page's width is measured in (stacked below 120 of them)
    ("desktop/views/coordination/dashboard.py", "中"),
}


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in FILES]


def _is_tr(call: ast.Call) -> bool:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("tr", "translate")


def test_sources_are_scanned() -> None:
    names = {_rel(path) for path in FILES}
    assert "desktop/views/main_window.py" in names
    assert "desktop/views/coordination/dashboard.py" in names
    assert "desktop/views/sync/conflicts_view.py" in names
    assert "desktop/models/qt/coordination_models.py" in names


def test_every_string_has_an_english_translation(tmp_path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate not installed")
    ts = tmp_path / "check.ts"
    shutil.copy(TS, ts)
    subprocess.run(
        [str(lupdate), *map(str, FILES), "-ts", str(ts)], check=True, capture_output=True
    )
    missing = []
    total = 0
    for context in ET.parse(ts).getroot():
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("obsolete", "vanished"):
                continue
            total += 1
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                missing.append((context.findtext("name"), message.findtext("source")))
    assert total > 300
    assert not missing, "\n".join(f"{c}: {m}" for c, m in missing)


def _class_bases(trees: list[tuple[Path, ast.Module]]) -> dict[str, set[str]]:
    """Class name → names of the classes it derives from (all scanned files)."""
    bases: dict[str, set[str]] = {}
    for _path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
                    for b in node.bases
                }
                bases.setdefault(node.name, set()).update(names)
    return bases


def _tr_calls(tree: ast.Module):
    """Yield (call, lexically enclosing class name or None) for each tr()/translate() call."""

    def visit(node: ast.AST, cls: str | None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and _is_tr(child):
                yield child, cls
            yield from visit(child, cls)

    yield from visit(tree, None)


def test_translation_contexts_match_lupdate() -> None:
    trees = _trees()
    bases = _class_bases(trees)
    subclassed = {base for names in bases.values() for base in names}
    problems = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Call) and _is_tr(sub):
                        problems.append(
                            f"{_rel(path)}:{sub.lineno}: tr() inside an f-string — lupdate "
                            "does not extract it; assign it to a variable first"
                        )
        for call, cls in _tr_calls(tree):
            where = f"{_rel(path)}:{call.lineno}"
            func = call.func
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in call.args]
            if isinstance(func, ast.Attribute) and func.attr == "translate":
                # QCoreApplication.translate("Context", "source"): both must be literals.
                if len(literal) < 2 or not all(literal[:2]):
                    problems.append(f"{where}: translate() needs a literal context and source")
            elif isinstance(func, ast.Attribute) and func.attr == "tr":
                owner = func.value
                if not (isinstance(owner, ast.Name) and owner.id == "self") or cls is None:
                    problems.append(f"{where}: tr() on something other than self in a class")
                elif cls in subclassed:
                    problems.append(
                        f"{where}: self.tr() in {cls}, which is subclassed — the runtime "
                        f'context differs; use QCoreApplication.translate("{cls}", …)'
                    )
                elif not literal or not literal[0]:
                    problems.append(f"{where}: tr() needs a literal source text")
            else:
                problems.append(f"{where}: bare tr()/translate() — lupdate cannot see its context")
    assert not problems, "\n".join(problems)


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _exempt_call(call: ast.Call) -> bool:
    """tr/translate arguments, log calls and console prints (CLI output stays Chinese)."""
    func = call.func
    if _is_tr(call):
        return True
    if isinstance(func, ast.Attribute) and func.attr in LOG_METHODS:
        owner = func.value
        return isinstance(owner, ast.Name) and owner.id in ("log", "logger", "logging")
    return isinstance(func, ast.Name) and func.id == "print"


def test_no_chinese_literal_bypasses_tr() -> None:
    found = []
    for path, tree in _trees():
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _exempt_call(node):
                for sub in ast.walk(node):
                    skip.add(id(sub))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and CJK.search(node.value)
                and (_rel(path), node.value) not in ALLOWED
            ):
                found.append(f"{_rel(path)}:{node.lineno}: {node.value!r}")
    assert not found, "\n".join(found)
