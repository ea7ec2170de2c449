"""Errors a person can act on (shared by the sync client and the desktop).

A ``UserError`` carries a plain Simplified Chinese message that can be shown
as is (CLI: printed to stderr, exit code 2; GUI: a message box). The desktop
re-exports these (``desktop.errors``) and adds its own kinds.

A message whose values are data the user typed (a unit's name, a plan's title, a
file name) is given as a template and its values — ``NotFound("找不到单位“{}”（按名称或
别名）。{}", name, hint)`` — kept apart as a ``Message``: the English printers look
the template up in the message catalog as written and fill in the values after, so a
value holding the template's own literals (“ ” ， 。 ： or braces) stays whole.
"""

from __future__ import annotations

from dataclasses import dataclass

# The separator of a list value in Chinese (the English printers use ", ").
LIST_SEPARATOR = "、"
# A ``Joined`` list's Chinese separator → the English printers' one.
ENGLISH_SEPARATORS = {"、": ", ", "，": ", ", "；": "; "}


class Message:
    """A Chinese message template (``{}`` for each value, ``{{``/``}}`` for braces of the
    text — as its catalog key is written) and its values; ``str()`` fills them in.

    A value is data and is shown as it is, except a ``Message`` (a nested message,
    translated in its turn; ``Message(label)`` without values: a catalog label or an
    already filled message, translated as a whole), a list or tuple (its items joined
    by ``、``, each item shown by the same rules) and a ``Joined`` (the same with its
    own separator). Without values the template
    is the message itself, never formatted (it may hold braces of data)."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, *values: object) -> None:
        self.template = template
        self.values = values

    def __str__(self) -> str:
        if not self.values:
            return self.template
        return self.template.format(*(chinese_value(v) for v in self.values))

    def __repr__(self) -> str:
        return f"Message({self.template!r}, *{self.values!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return (self.template, self.values) == (other.template, other.values)

    def __hash__(self) -> int:
        return hash(str(self))


@dataclass(frozen=True, slots=True)
class Joined:
    """A value of a ``Message`` listing several, joined by ``separator`` (``；`` between
    parts that list names themselves); a plain list joins with ``、``."""

    items: tuple[object, ...]
    separator: str

    def __str__(self) -> str:
        return self.separator.join(chinese_value(v) for v in self.items)


def chinese_value(value: object) -> str:
    """A value of a ``Message`` as the Chinese message shows it."""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(chinese_value(v) for v in value)
    return str(value)


class UserError(Exception):
    """An error the user can act on; ``str(err)`` and ``err.message`` are the Chinese
    message, ``err.text`` the same as a ``Message`` (template and values apart).

    ``UserError(template, *values)`` builds the message from a catalog template and its
    values (see ``Message``); ``UserError(text)`` takes a message as it is, and
    ``UserError(Message(…))`` one already built."""

    exit_code = 2

    def __init__(self, message: str | Message, *values: object, detail: str = "") -> None:
        if isinstance(message, Message):
            if values:
                raise TypeError("a Message already holds its values")
            text = message
        else:
            text = Message(message, *values)
        super().__init__(str(text))
        self.text = text
        self.message = str(text)
        self.detail = detail


class AdminError(Exception):
    """A plain Chinese message for a server's administrator (``sync.server.admin`` and the
    server's command line, ``sync.server.cli``)."""


class NotFound(UserError):
    """A task, unit or record named by the user does not exist."""
