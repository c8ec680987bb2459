"""What the tests of a window's one-read operations share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from core.api import codec, registry
from core.changes import Changes


@contextmanager
def transactions(engine) -> Iterator[list[int]]:
    """The transactions the block begins on ``engine``, one element each."""
    began: list[int] = []

    def begin(_conn) -> None:
        began.append(1)

    event.listen(engine, "begin", begin)
    try:
        yield began
    finally:
        event.remove(engine, "begin", begin)


def over_the_wire(name: str, value):
    """``value``, the result of the operation ``name``, encoded and decoded as it crosses."""
    operation = registry.get(name)
    return codec.decode_reply(operation, codec.encode_reply(operation, value, Changes()))[0]
