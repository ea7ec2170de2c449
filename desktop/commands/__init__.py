"""CLI subcommands, one module per feature area.

Each module has ``register(subparsers, common)``: it adds its parsers with
``parents=[common]`` (which gives ``--db`` and ``--profile``) and sets
``func=`` to a function ``(args) -> int``. Raise ``desktop.errors.UserError``
for anything the user can fix: the entry point prints it and exits 2.

A module is imported only when one of its commands runs: list every top-level
command it registers, with its help line, in ``desktop.cli.COMMANDS`` (that is
what ``liandong --help`` shows; ``tests/test_cli_startup.py`` checks the two
agree). Keep heavy imports (reportlab, openpyxl, PySide6 …) out of
``desktop.commands.support``: every command loads it.
"""
