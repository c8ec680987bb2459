"""The wire codec: the core's own types as JSON, exactly (msgspec).

Every argument and result type is mapped to its wire form (``wire_type``): a frozen
dataclass becomes a msgspec Struct of the same fields, decoded back into the dataclass;
a Decimal is text and a JSON number for it is refused (money is never float); dates are
ISO; frozensets and tuples are lists; bytes are base64.  A union of text with a Decimal
or a Period (what a form field holds as typed, parsed by the core) crosses as the text:
a Decimal as its exact digits, which the core parses as it parses what a user typed.
A type with no exact form (a bare ``dict`` or ``tuple``, ``Any``, a path, a callable)
is refused when the registry is built, so no operation reaches the wire untyped.

A ``DomainError`` crosses as its class, template and parameters (a parameter or field
error that is a DomainError too, nested), and comes back as the same class, so each
workstation translates it into its own language; attributes of its own (a credit
refusal's figures) come back typed by its ``__init__``.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections import abc
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Union

import msgspec

from core.changes import Changes
from core.errors import DomainError, ValidationError
from core.i18n import QT_TRANSLATE_NOOP
from core.periods import Period

if typing.TYPE_CHECKING:
    from core.api.registry import Operation


class BadRequest(DomainError):
    default = QT_TRANSLATE_NOOP("core", "The request could not be read: {detail}")


class WireDecimal(Decimal):
    """A Decimal on the wire: text only, never a JSON number (decoded as a Decimal)."""


class WireError(msgspec.Struct, frozen=True):
    type: str
    template: str
    params: dict[str, Union[str, int, float, bool, None, WireError]] = {}
    field_errors: dict[str, WireError] = {}
    details: dict[str, msgspec.Raw] = {}


SCALARS = (int, str, bool, float, bytes, date, datetime, type(None))
PARSED_FROM_TEXT = (Decimal, Period)  # in a union with str, they cross as text
_REAL: dict[type, type] = {}  # mirror Struct -> its dataclass


@functools.cache
def wire_type(tp: Any) -> Any:
    """The exact wire form of a core type; TypeError for a type that has none."""
    if tp is Decimal:
        return WireDecimal
    if typing.get_origin(tp) is typing.Annotated and "json" in tp.__metadata__:
        return Any  # free JSON as stored (the audit log's changes): decoded as it was
    if tp in SCALARS:
        return tp
    if isinstance(tp, type) and issubclass(tp, DomainError):
        return WireError
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _mirror(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        if str in args:
            args = tuple(a for a in args if a not in PARSED_FROM_TEXT)
        return Union[tuple(wire_type(a) for a in args)]
    if origin in (list, abc.Sequence, abc.Iterable) and args:
        return list[wire_type(args[0])]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple[wire_type(args[0]), ...]
    if origin is tuple and args:
        return tuple[tuple(wire_type(a) for a in args)]
    if origin in (frozenset, set) and args:
        return origin[wire_type(args[0])]
    if origin is dict and args:
        return dict[wire_type(args[0]), wire_type(args[1])]
    if origin is typing.Literal:
        return tp
    raise TypeError(f"{tp!r} has no exact form on the wire")


def _mirror(cls: type) -> type:
    hints = typing.get_type_hints(cls, include_extras=True)
    fields: list = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        kind = wire_type(hints[f.name])
        if f.default is not dataclasses.MISSING:
            fields.append((f.name, kind, f.default))
        elif f.default_factory is not dataclasses.MISSING:
            fields.append((f.name, kind, msgspec.field(default_factory=f.default_factory)))
        else:
            fields.append((f.name, kind))
    struct = msgspec.defstruct(cls.__name__, fields, kw_only=True, frozen=True,
                               module=cls.__module__)
    _REAL[struct] = cls
    return struct


def real(value: Any) -> Any:
    """A decoded wire value as the core's own: each mirror Struct as its dataclass."""
    if isinstance(value, WireDecimal):
        return Decimal(value)
    if isinstance(value, WireError):
        return error_of(value)
    if isinstance(value, msgspec.Struct):
        return _REAL[type(value)](**{name: real(getattr(value, name))
                                     for name in value.__struct_fields__})
    if isinstance(value, (list, tuple, frozenset, set)):
        return type(value)(real(v) for v in value)
    if isinstance(value, dict):
        return {k: real(v) for k, v in value.items()}
    return value


def _dec_hook(tp: type, obj: Any) -> Any:
    if tp is WireDecimal:
        if isinstance(obj, str):
            try:
                number = WireDecimal(obj)
            except InvalidOperation:
                number = None
            if number is not None and number.is_finite():
                return number
        raise ValueError("a decimal is its digits as text, never a number")
    raise NotImplementedError(tp)  # msgspec's hook convention: "not a type this hook knows"


def _enc_hook(obj: Any) -> Any:
    if isinstance(obj, DomainError):
        return wire_error(obj)
    raise NotImplementedError(f"{type(obj).__name__} has no wire form")  # msgspec's convention


def schema_hook(tp: type) -> dict:
    if tp is WireDecimal:
        return {"type": "string", "format": "decimal"}
    raise NotImplementedError(tp)  # msgspec's convention: the registry refuses such a type


_encoder = msgspec.json.Encoder(enc_hook=_enc_hook, decimal_format="string")


@functools.cache
def decoder(tp: Any) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(tp, dec_hook=_dec_hook)


def _decode(body: bytes, tp: Any) -> Any:
    try:
        return decoder(tp).decode(body)
    except msgspec.DecodeError as exc:
        raise BadRequest(detail=str(exc)) from None


# --- errors ------------------------------------------------------------------------------

def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _param(value: Any) -> Any:
    if isinstance(value, DomainError):
        return wire_error(value)
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)  # what the message shows of it (a Decimal's digits, a date's ISO)


def _details(exc: DomainError) -> dict[str, msgspec.Raw]:
    """The error's own attributes (a credit refusal's figures); one with no wire form stays
    on this side (its message crosses all the same)."""
    out = {}
    for key, value in vars(exc).items():
        if key in ("template", "params", "field_errors") or key.startswith("_"):
            continue
        try:
            out[key] = msgspec.Raw(_encoder.encode(value))
        except (TypeError, NotImplementedError):
            continue
    return out


def wire_error(exc: DomainError) -> WireError:
    details = _details(exc)
    return WireError(type=_name(type(exc)), template=exc.template,
                     params={k: _param(v) for k, v in exc.params.items()},
                     field_errors={k: wire_error(e)
                                   for k, e in getattr(exc, "field_errors", {}).items()},
                     details=details)


def _error_classes() -> dict[str, type]:
    found, todo = {}, [DomainError]
    while todo:
        cls = todo.pop()
        found[_name(cls)] = cls
        todo += cls.__subclasses__()
    return found


def error_of(wire: WireError) -> DomainError:
    """The DomainError ``wire`` stands for, of its own class when this process has it."""
    cls = _error_classes().get(wire.type, DomainError)
    exc = cls.__new__(cls)
    exc.template = wire.template
    exc.params = {k: error_of(v) if isinstance(v, WireError) else v
                  for k, v in wire.params.items()}
    if wire.field_errors or issubclass(cls, ValidationError):
        exc.field_errors = {k: error_of(v) for k, v in wire.field_errors.items()}
    try:
        hints = typing.get_type_hints(cls.__init__)
    except Exception:  # noqa: BLE001 - an __init__ without resolvable hints: untyped details
        hints = {}
    for key, raw in wire.details.items():
        setattr(exc, key, real(_decode(raw, wire_type(hints[key]) if key in hints else Any)))
    Exception.__init__(exc, exc.message())
    return exc


def encode_error(exc: DomainError) -> bytes:
    return _encoder.encode(wire_error(exc))


def decode_error(body: bytes) -> DomainError:
    return error_of(_decode(body, WireError))


# --- operations --------------------------------------------------------------------------

def encode_arguments(operation: Operation, arguments: dict[str, Any]) -> bytes:
    """An operation's keyword arguments; a Period or Decimal given where the wire takes the
    text crosses as its text; callables (progress, cancel) stay on this side."""
    def text(tp: Any) -> bool:
        return tp is str or str in typing.get_args(tp)
    return _encoder.encode({k: str(v) if isinstance(v, PARSED_FROM_TEXT)
                            and text(operation.parameters.get(k)) else v
                            for k, v in arguments.items()
                            if k in operation.parameters or not callable(v)})


def decode_arguments(operation: Operation, body: bytes) -> dict[str, Any]:
    decoded = _decode(body or b"{}", operation.arguments_type)
    return {name: real(getattr(decoded, name)) for name in decoded.__struct_fields__}


def encode_reply(operation: Operation, result: Any, changes: Changes) -> bytes:
    return _encoder.encode({"result": result, "changes": changes})


def decode_reply(operation: Operation, body: bytes) -> tuple[Any, Changes]:
    reply = _decode(body, operation.reply_type)
    return real(reply.result), real(reply.changes)


def encode_changes(changes: Changes) -> bytes:
    return _encoder.encode(changes)


def decode_changes(body: bytes) -> Changes:
    return real(_decode(body, wire_type(Changes)))
