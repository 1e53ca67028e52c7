"""How a process talks to the kernel zygote (kit.batch.zygote) over its Unix socket: one JSON object a line.

A request goes one way (``{"args": [...], "env": {...}, "cwd": "...", "owner": pid}``), the reply
the other (``{"pid": N}``, sent by the forked kernel itself), each a single line of JSON, so
either side knows a message is whole when it ends in a newline. Both sides read and write it
through here. Standard library only: the zygote imports this before its preloads.
"""

from __future__ import annotations

import json
import socket
from typing import Any


def send(conn: socket.socket, message: dict[str, Any]) -> None:
    conn.sendall(json.dumps(message).encode() + b"\n")


def receive(conn: socket.socket) -> dict[str, Any]:
    """One message; OSError when the other side closes before the line ends, ValueError when it is no JSON object."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            raise OSError("the kernel zygote's connection closed mid-message")
        data += chunk
    message = json.loads(data)
    if not isinstance(message, dict):
        raise ValueError("a zygote message is a JSON object")
    return message
