"""CLI subcommands, one module per feature area.

Each module has ``register(subparsers, common)``: it adds its parsers with
``parents=[common]`` (which gives ``--db`` and ``--profile``) and sets
``func=`` to a function ``(args) -> int``. Raise ``desktop.errors.UserError``
for anything the user can fix: the entry point prints it and exits 2.
"""
