"""The several-workers server listens on a TCP socket whose connections have Nagle's
algorithm off (``sync.server.cli.listening_socket``): uvicorn's own socket (protocol 0)
left it on, and every reply written as headers then body waited ~40 ms for the client's
delayed ACK."""

from __future__ import annotations

import socket

from sync.server.cli import listening_socket


def test_connections_accepted_by_the_workers_socket_send_at_once() -> None:
    listener = listening_socket("127.0.0.1", 0)
    listener.listen()
    with listener, socket.create_connection(listener.getsockname(), timeout=5):
        accepted, _address = listener.accept()
        with accepted:
            # asyncio turns Nagle off on accepted sockets whose protocol is TCP, and Linux
            # copies the listener's TCP_NODELAY to them: both hold.
            assert accepted.proto == socket.IPPROTO_TCP
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
