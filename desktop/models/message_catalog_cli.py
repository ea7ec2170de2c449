"""English for the command line's output: headings, labels, counts and units of the
lines ``desktop/commands/`` prints through ``say`` (see ``desktop.models.messages``).

Keys are the Chinese lines as the commands write them, ``{}`` for each value;
``tests/test_cli_english.py`` fails when a line has no entry here.
"""

from __future__ import annotations

CLI_OUTPUT: dict[str, str] = {
    # The command line itself (desktop.cli, desktop.commands.support).
    "已取消。": "Cancelled.",
    "无效的选项：{}（可选：{}）。您是否要找：{}？": "invalid choice: {} (choose from {}). Did you mean: {}?",
    "无效的选项：{}（可选：{}）": "invalid choice: {} (choose from {})",
}
