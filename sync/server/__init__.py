"""The central sync server (no Qt): ``create_app(data_dir)`` and admin helpers."""

from sync.server.app import create_app

__all__ = ["create_app"]
