"""Errors a person can act on (shared by the sync client and the desktop).

A ``UserError`` carries a plain Simplified Chinese message that can be shown
as is (CLI: printed to stderr, exit code 2; GUI: a message box). The desktop
re-exports these (``desktop.errors``) and adds its own kinds.
"""

from __future__ import annotations


class UserError(Exception):
    """An error the user can act on; ``str(err)`` is the Chinese message."""

    exit_code = 2

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class NotFound(UserError):
    """A task, unit or record named by the user does not exist."""
