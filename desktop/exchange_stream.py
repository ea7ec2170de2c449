"""Reading a ``liandong/1`` file as a stream: one plan, one record at a time.

``json.load`` of a province export holds the whole document (and its text) in
memory; this reader walks the top-level object itself and hands every element of
the big arrays (``plans``, each coordination table) to the standard library's
decoder (``JSONDecoder.raw_decode``) one at a time, from a window of the file
that grows only while one element does not fit. Memory is bounded by the largest
single element (a plan with its tasks), not by the file. The values decoded are
exactly what ``json.loads`` gives (same decoder); whatever makes the file
unreadable (malformed or cut-off JSON, a number of thousands of digits, absurd
nesting, not UTF-8, an I/O error) is a ``ReadError``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

WINDOW = 1 << 20  # characters read at a time


class ReadError(ValueError):
    """The file is not readable JSON (malformed, cut off, not UTF-8, too deep)."""


_DECODER = json.JSONDecoder()
_SPACE = json.decoder.WHITESPACE


class _Cursor:
    """A window over a text file; ``value()`` decodes the next JSON value."""

    def __init__(self, fh: TextIO) -> None:
        self.fh = fh
        self.buf = ""
        self.pos = 0
        self.eof = False

    def _more(self, size: int = WINDOW) -> bool:
        if self.eof:
            return False
        try:
            chunk = self.fh.read(max(size, WINDOW))
        except (OSError, UnicodeDecodeError) as exc:
            raise ReadError(str(exc)) from exc
        if not chunk:
            self.eof = True
            return False
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next non-blank character ("" at the end of the file)."""
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.buf[self.pos : self.pos + 20] or "文件结尾"
            raise ReadError(f"应为“{char}”，实为“{found}”")
        self.pos += 1

    def value(self) -> Any:
        """The next complete JSON value (read further until it is complete)."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # cut off by the window's end (then read on, doubling it) or malformed
                cut = exc.pos >= len(self.buf) - 8 or exc.msg.startswith("Unterminated")
                if not cut or not self._more(len(self.buf)):
                    raise ReadError(str(exc)) from exc
                continue
            except (ValueError, RecursionError) as exc:  # a number of 5,000 digits, nesting
                raise ReadError(str(exc) or type(exc).__name__) from exc
            if end == len(self.buf) and not self.eof and self._number_may_go_on():
                continue  # "12" of "123": read on before trusting a number at the edge
            self.pos = end
            return value

    def _number_may_go_on(self) -> bool:
        if self.buf[self.pos] not in "-0123456789":
            return False
        return self._more()

    def elements(self) -> Iterator[Any]:
        """The elements of the array that starts here, one at a time."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield self.value()
            separator = self.peek()
            self.pos += 1
            if separator == "]":
                return
            if separator != ",":
                raise ReadError(f"数组中应为“,”或“]”，实为“{separator or '文件结尾'}”")

    def members(self) -> Iterator[str]:
        """The keys of the object that starts here; the caller reads each value."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise ReadError("对象的键应为字符串")
            self.expect(":")
            yield key
            separator = self.peek()
            self.pos += 1
            if separator == "}":
                return
            if separator != ",":
                raise ReadError(f"对象中应为“,”或“}}”，实为“{separator or '文件结尾'}”")

    def skip(self) -> None:
        """Read past the next value (an array element by element)."""
        if self.peek() == "[":
            for _element in self.elements():
                pass
        else:
            self.value()

    def end(self) -> None:
        if self.peek():
            raise ReadError("JSON 文档之后还有多余内容")


def walk(path: Path, visit: Callable[[str, _Cursor], bool]) -> None:
    """Call ``visit(key, cursor)`` for each top-level key of the document at
    ``path``; ``visit`` reads the value (``cursor.value()``, ``.elements()``,
    ``.members()``, ``.skip()``) and returns False to stop early."""
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise ReadError(str(exc)) from exc
    with fh:
        cursor = _Cursor(fh)
        if cursor.peek() != "{":
            return  # not an object: no keys (the caller says it is not an export)
        for key in cursor.members():
            if not visit(key, cursor):
                return
        cursor.end()


def head(path: Path) -> tuple[Any, list[Any] | None]:
    """(``format``, ``units``) of a document; stops as soon as both are read
    (exports write them first), else reads past everything else."""
    found: dict[str, Any] = {}

    def visit(key: str, cursor: _Cursor) -> bool:
        if key in ("format", "units"):
            found[key] = cursor.value()
        else:
            cursor.skip()
        return not ("format" in found and "units" in found)

    walk(path, visit)
    return found.get("format"), found.get("units")
