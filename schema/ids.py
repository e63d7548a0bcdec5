"""Relay global ids in arguments: decode, check the type, or answer NOT_FOUND."""
from __future__ import annotations

from strawberry import relay

from apps.core.errors import NotFound


def decode_id(value: str, type_name: str) -> int:
    try:
        gid = relay.GlobalID.from_id(value)
        if gid.type_name != type_name:
            raise ValueError(gid.type_name)
        return int(gid.node_id)
    except (ValueError, TypeError):
        raise NotFound() from None
