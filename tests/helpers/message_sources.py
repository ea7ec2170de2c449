"""Find the domain messages in the source (for the message-catalog test).

A *domain message* is text the models, commands, importer, ledger or sync client
give the user: the first argument of an error constructor (``UserError`` and its
subclasses), the message of a fill-in sheet ``Problem``, the warnings an
import appends and every text the command line shows through ``say``. Each is read with ``ast`` and turned into a template: literal
text, with ``{}`` where an f-string, ``str.format`` or concatenation puts a value.
Names are followed to the string they were assigned (in the same function, else
at module level, else a module-level constant of another scanned module); calls
of ``tr``/``translate`` are Qt strings (translated by the .ts file) and skipped.
A template given apart from its values — ``say(template, *values)``,
``Message(template, *values)``, ``UserError(template, *values)`` — is read as written
(``as_written``): the English printers look it up as a catalog key exactly.
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("desktop", "sync")
# Error classes whose first argument is the message: ``UserError`` and every class
# derived from it in the scanned source (found by ``error_classes``); these are listed
# so that a subclass defined outside the scan is still known.
ERROR_CLASSES = {
    "UserError",
    "ImportFailed",
    "NotFound",
    "SchemaTooNew",
    "SheetRefused",
    "NeedsConfirmation",
    "AlreadyReported",
    "ColumnsNotRecognised",
    "SyncError",
    "NotLoggedIn",
    "DeviceRevoked",
    "BadServerReply",
    "ServerUnreachable",
    "TLSFailed",
    "AuthFailed",
    "UpgradeRequired",
}
# Modules whose functions return the reasons the server gives for refusing a change
# (the desktop lists them under 被拒绝的修改): every returned text is a message.
REASON_MODULES = {"sync/server/permissions.py"}
# Error classes built from something else than a message (InvalidRecord: from the
# registry's ``Problem``, whose message is scanned where it is built).
NOT_MESSAGE_FIRST = {"InvalidRecord"}
QT_CALLS = {"tr", "translate"}
# The command line's output: ``say(text)`` shows ``text`` in the command line's language;
# ``say(template, *values)`` its template's, filled with the values.
SAY_CALLS = {"say"}
# ``Message(template, *values)`` (sync.errors) and an error class given a template and
# its values (``NotFound("找不到单位“{}”…", name)``): the template as written, like say's.
MESSAGE_CALLS = {"Message"}
# Error classes whose second argument is not a value of the message.
OWN_SIGNATURE = {"AlreadyReported", "ColumnsNotRecognised"}
# Functions whose return value is (part of) a message, besides ``*_message``/``*_problem``.
MESSAGE_FUNCTIONS = {"describe_record", "contested_note", "cycle_text"}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Message:
    path: str
    line: int
    template: str  # literal text, "{}" for each value (braces of the text doubled)
    # ``say(template, *values)``: looked up as written (a catalog key exactly), not matched
    as_written: bool = False


@dataclass(frozen=True)
class Unresolved:
    path: str
    line: int
    source: str


def has_text(template: str) -> bool:
    """False for "" and for templates made of values only ("{}{}")."""
    return bool(structure(template).replace("{}", ""))


def structure(template: str) -> str:
    """A template with every placeholder written ``{}`` (names do not matter)."""
    return (
        _PLACEHOLDER.sub("{}", template.replace("{{", "\0").replace("}}", "\1"))
        .replace("\0", "{{")
        .replace("\1", "}}")
    )


def _literal(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


class _Resolver:
    def __init__(self, module_constants: dict[str, list[ast.expr]]) -> None:
        self.constants = module_constants

    def templates(self, node: ast.expr, scope: dict[str, list[ast.expr]], depth: int = 0):
        """Every template ``node`` can evaluate to; None where it is not text we can read."""
        if depth > 6:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [_literal(node.value)]
        if isinstance(node, ast.JoinedStr):
            parts = [""]
            for value in node.values:
                if isinstance(value, ast.Constant):
                    parts = [p + _literal(value.value) for p in parts]
                else:
                    parts = [p + "{}" for p in parts]
            return parts
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self.templates(node.left, scope, depth + 1) or ["{}"]
            right = self.templates(node.right, scope, depth + 1) or ["{}"]
            if left == ["{}"] and right == ["{}"]:
                return None
            return [a + b for a in left for b in right]
        if isinstance(node, ast.BoolOp):  # (message or "default") + "…"
            found = [self.templates(v, scope, depth + 1) for v in node.values]
            known = [t for group in found if group for t in group]
            return known + (["{}"] if any(g is None for g in found) else []) or None
        if isinstance(node, ast.IfExp):
            found = [self.templates(v, scope, depth + 1) for v in (node.body, node.orelse)]
            known = [t for group in found if group for t in group]
            return known or None
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "format":
                base = self.templates(func.value, scope, depth + 1)  # a str.format template
                return [re.sub(r"\{\{([^{}]*)\}\}", "{}", t) for t in base] if base else None
            return None
        if isinstance(node, ast.Name):
            bound = scope.get(node.id) or self.constants.get(node.id)
            if not bound:
                return None
            out: list[str] = []
            for value in bound:
                found = self.templates(value, scope, depth + 1)
                if found is None:
                    return None
                out += found
            return out
        return None


def _is_qt_string(node: ast.expr) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in QT_CALLS:
                return True
    return False


def _assignments(body: ast.AST) -> dict[str, list[ast.expr]]:
    found: dict[str, list[ast.expr]] = {}
    for node in ast.walk(body):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif isinstance(node, ast.AnnAssign) and node.value and isinstance(node.target, ast.Name):
            found.setdefault(node.target.id, []).append(node.value)
    return found


def _module_constants(tree: ast.Module) -> dict[str, list[ast.expr]]:
    found: dict[str, list[ast.expr]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.isupper() and node.value:
                    found.setdefault(target.id, []).append(node.value)
    return found


def error_classes(trees: list[ast.Module]) -> set[str]:
    """``ERROR_CLASSES`` and every class derived from one of them, transitively."""
    bases: dict[str, set[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(
                    b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "")
                    for b in node.bases
                )
    found = set(ERROR_CLASSES)
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found - NOT_MESSAGE_FIRST
        found |= more


def _call_name(node: ast.AST) -> str:
    if not isinstance(node, ast.Call):
        return ""
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _is_super_init(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and getattr(func.value.func, "id", "") == "super"
    )


def _template_with_values(call: ast.Call, errors: set[str], in_error_class: bool) -> bool:
    """Whether ``call`` gives a template (a literal) and its values apart: ``say``,
    ``Message`` or an error class (or an error class's ``super().__init__``) with more
    than one argument."""
    name = _call_name(call)
    takes_values = (
        name in SAY_CALLS
        or name in MESSAGE_CALLS
        or (name in errors and name not in OWN_SIGNATURE)
        or (in_error_class and _is_super_init(call))
    )
    return (
        takes_values
        and len(call.args) > 1
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    )


def _is_message(node: ast.expr, scope: dict[str, list[ast.expr]]) -> bool:
    """Whether ``node`` is a ``Message`` built elsewhere (scanned where it is built)."""
    if isinstance(node, ast.Name):
        bound = scope.get(node.id)
        return bool(bound) and all(_is_message(value, {}) for value in bound)
    if isinstance(node, ast.Attribute):  # another error's ``err.text``
        return node.attr == "text"
    return _call_name(node) in MESSAGE_CALLS or (
        isinstance(node, ast.IfExp) and _is_message(node.body, scope)
    )


def _message_args(call: ast.Call, errors: set[str], in_error_class: bool) -> list[ast.expr]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in MESSAGE_CALLS and call.args:  # Message(text): a message as it is
        return [call.args[0]]
    if (name in errors or name in SAY_CALLS) and call.args:
        return [call.args[0]]
    if (  # an error class building its message: super().__init__(message)
        in_error_class
        and name == "__init__"
        and isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Call)
        and getattr(func.value.func, "id", "") == "super"
        and call.args
    ):
        return [call.args[0]]
    if name == "Problem" and len(call.args) == 2:  # a fill-in sheet cell: (cell, message)
        return [call.args[1]]
    if name == "Problem" and len(call.args) >= 3:  # sync.records: (table, column, message)
        return [call.args[2]]
    if (
        name == "append"
        and call.args
        and isinstance(func, ast.Attribute)
        and (getattr(func.value, "attr", None) or getattr(func.value, "id", None)) == "warnings"
    ):
        return [call.args[0]]
    return []


def scan(root: Path = ROOT) -> tuple[list[Message], list[Unresolved]]:
    """The messages of the source under ``root`` and those the scan cannot read. The
    project's own source is scanned once per process (the catalog tests that read it
    run on one worker: ``xdist_group("message_scan")``); read the lists, never change them."""
    if root == ROOT:
        return _project_scan()
    return _scan(root)


@functools.cache
def _project_scan() -> tuple[list[Message], list[Unresolved]]:
    return _scan(ROOT)


def _scan(root: Path) -> tuple[list[Message], list[Unresolved]]:
    files = [p for top in SCANNED for p in sorted((root / top).rglob("*.py"))]
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in files}
    constants: dict[str, list[ast.expr]] = {}
    for tree in trees.values():
        for name, values in _module_constants(tree).items():
            constants.setdefault(name, []).extend(values)
    errors = error_classes(list(trees.values()))
    messages: list[Message] = []
    unresolved: list[Unresolved] = []
    for path, tree in trees.items():
        rel = str(path.relative_to(root))
        resolver = _Resolver({**constants, **_module_constants(tree)})
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        scopes: dict[int, dict[str, list[ast.expr]]] = {}
        for function in functions:
            local = _assignments(function)
            for node in ast.walk(function):
                scopes.setdefault(id(node), local)
        in_errors = {
            id(sub)
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef) and cls.name in errors | NOT_MESSAGE_FIRST
            for sub in ast.walk(cls)
        }
        for node in ast.walk(tree):
            if rel in REASON_MODULES and isinstance(node, ast.Return) and node.value is not None:
                found = resolver.templates(node.value, scopes.get(id(node), {}))
                messages += [Message(rel, node.lineno, t) for t in found or [] if _CJK.search(t)]
            if isinstance(node, ast.Dict):  # {"reason": "…"}: a refusal sent to the desktop
                for key, value in zip(node.keys, node.values, strict=True):
                    if (
                        isinstance(key, ast.Constant)
                        and key.value == "reason"
                        and value is not None
                    ):
                        found = resolver.templates(value, scopes.get(id(node), {}))
                        messages += [
                            Message(rel, node.lineno, t) for t in found or [] if has_text(t)
                        ]
            if isinstance(node, ast.FunctionDef) and (
                node.name.endswith(("_message", "_problem")) or node.name in MESSAGE_FUNCTIONS
            ):
                for ret in ast.walk(node):  # a function building a message returns it
                    if isinstance(ret, ast.Return) and ret.value is not None:
                        found = resolver.templates(ret.value, scopes.get(id(ret), {}))
                        messages += [
                            Message(rel, ret.lineno, t) for t in found or [] if has_text(t)
                        ]
            if not isinstance(node, ast.Call):
                continue
            # say / Message / an error (template, *values): the template as written
            if _template_with_values(node, errors, id(node) in in_errors):
                messages.append(Message(rel, node.lineno, node.args[0].value, True))
                continue
            for arg in _message_args(node, errors, id(node) in in_errors):
                scope = scopes.get(id(node), {})
                if _is_qt_string(arg) or _is_message(arg, scope):
                    continue
                found = resolver.templates(arg, scope)
                if found is None and _call_name(node) in MESSAGE_CALLS:
                    continue  # Message(label): a label passed on (scanned where written)
                if found is None or found == ["{}"]:
                    unresolved.append(Unresolved(rel, node.lineno, ast.unparse(arg)[:100]))
                    continue
                messages += [Message(rel, node.lineno, t) for t in found if has_text(t)]
    return messages, unresolved
