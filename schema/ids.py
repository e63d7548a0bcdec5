"""Relay global ids in arguments: decode, check the type, or answer NOT_FOUND."""
from __future__ import annotations

from strawberry import relay

from apps.core.errors import NotFound

# Primary keys are 64-bit integers (BigAutoField): a number outside names no row, and passed on
# to the database it would fail there (SQLite cannot bind it) instead of being NOT_FOUND.
MAX_PK = 2**63 - 1


def decode_id(value: str, type_name: str) -> int:
    try:
        gid = relay.GlobalID.from_id(value)
        if gid.type_name != type_name:
            raise ValueError(gid.type_name)
        pk = int(gid.node_id)
    except (ValueError, TypeError):
        raise NotFound() from None
    if not 0 < pk <= MAX_PK:
        raise NotFound()
    return pk
