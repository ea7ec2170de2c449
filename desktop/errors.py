"""Known, user-facing errors.

A ``UserError`` carries a plain Simplified Chinese message that can be shown
as is (CLI: printed to stderr, exit code 2; GUI: a message box), kept as a
template and its values (``sync.errors.Message``) for the English printers. Anything else
that escapes is a bug: logged with its traceback to the log file, and the user
sees a short generic message (see ``desktop.logging_setup``).
"""

from __future__ import annotations

# Defined with the sync (which never imports the desktop); one class for both.
from sync.errors import Joined, Message, NotFound, UserError

__all__ = ["ImportFailed", "Joined", "Message", "NotFound", "SchemaTooNew", "UserError"]


class ImportFailed(UserError):
    """The document could not be read or is not an action plan."""


class SchemaTooNew(UserError):
    """The database was written by a newer Liandong; it is left untouched."""
