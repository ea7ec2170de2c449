"""Known, user-facing errors.

A ``UserError`` carries a plain Simplified Chinese message that can be shown
as is (CLI: printed to stderr, exit code 2; GUI: a message box). Anything else
that escapes is a bug: logged with its traceback to the log file, and the user
sees a short generic message (see ``desktop.logging_setup``).
"""

from __future__ import annotations


class UserError(Exception):
    """An error the user can act on; ``str(err)`` is the Chinese message."""

    exit_code = 2

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ImportFailed(UserError):
    """The document could not be read or is not an action plan."""


class SchemaTooNew(UserError):
    """The database was written by a newer Liandong; it is left untouched."""


class NotFound(UserError):
    """A task, unit or record named by the user does not exist."""
