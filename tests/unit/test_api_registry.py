"""The core's registry of operations and their wire codec: every operation enumerated."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import re
import typing
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest

import core.cli
import desktop
from core import backup, checks, demo, schema
from core.api import codec, registry
from core.changes import Changes
from core.errors import DomainError, NotFound, PermissionDenied, StaleRecord, ValidationError
from core.periods import Period
from core.services import auth, sessions, users
from core.services.actor import ROLE_NAMES, Actor
from core.services.orders import CreditFigures, CreditRefused

NAMES = [op.name for op in registry.OPERATIONS]


def sample(tp: Any) -> Any:
    """A value of the wire type ``tp``, built from the type alone."""
    if tp is codec.WireDecimal:
        return Decimal("1234.50")
    if tp is codec.WireError:
        return codec.wire_error(ValidationError({"quantity": DomainError(
            "“{value}” is not a quantity.", value="x")}))
    if tp is Any:
        return {"credit_limit": ["1500", "2000"]}
    simple = {int: 7, str: "文字 text", bool: True, float: 2.5, bytes: b"%PDF-1.7\x00\xff",
              date: date(2026, 11, 23), datetime: datetime(2026, 11, 23, 8, 30, tzinfo=UTC),
              type(None): None}
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
        return tp(**{f.name: sample(f.type) for f in msgspec.structs.fields(tp)})
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Union:
        return sample(next(a for a in args if a is not type(None)))
    if origin is typing.Literal:
        return args[0]
    if origin is list:
        return [sample(args[0])]
    if origin is tuple:
        return (sample(args[0]),) if args[1:] == (Ellipsis,) else tuple(map(sample, args))
    if origin in (frozenset, set):
        return origin([sample(args[0])])
    if origin is dict:
        return {sample(args[0]): sample(args[1])}
    raise AssertionError(f"no sample for {tp!r}")


def plain(value: Any) -> Any:
    """``value`` comparable: a DomainError as its class, template, parameters and fields."""
    if isinstance(value, DomainError):
        return (type(value), value.template, plain(value.params),
                plain(getattr(value, "field_errors", {})))
    if dataclasses.is_dataclass(value):
        return (type(value), *(plain(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, frozenset)):
        return (type(value), [plain(v) for v in value])
    return (type(value), value)


@pytest.mark.parametrize("name", NAMES)
def test_every_operation_s_arguments_and_result_round_trip(name):
    op = registry.get(name)
    arguments = sample_arguments(op)
    decoded = codec.decode_arguments(op, codec.encode_arguments(op, arguments))
    assert plain(decoded) == plain(arguments)

    result = codec.real(sample(op.result_type))
    changes = Changes.of(orders=[3, 4], routes=[date(2026, 11, 23)], fleet=True)
    got, got_changes = codec.decode_reply(op, codec.encode_reply(op, result, changes))
    assert plain(got) == plain(result)
    assert got_changes == changes


# What the desktop and roundsman-admin call on an engine that is not an operation, and why.
NOT_OPERATIONS = {
    "core.backup", "core.demo", "core.schema", "core.roles", "core.chain", "core.checks",
    "core.services.auth.login",  # the server's own log-in, which makes a session
    "core.services.imports.preview",  # a path on this machine: the operation takes bytes
    "core.services.order_import.preview",  # the same
    "core.services.settings.update_company",  # **changes: the operation takes a typed dict
}


def core_functions_called_on_an_engine(path: Path) -> set[Any]:
    """The core functions ``path`` names whose first parameter is the engine."""
    tree, names = ast.parse(path.read_text(encoding="utf-8")), {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("core"):
            for alias in node.names:
                try:
                    names[alias.asname or alias.name] = importlib.import_module(
                        f"{node.module}.{alias.name}")
                except ImportError:
                    names[alias.asname or alias.name] = getattr(
                        importlib.import_module(node.module), alias.name)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            fn = getattr(names.get(node.value.id), node.attr, None)
        else:
            fn = names.get(node.id) if isinstance(node, ast.Name) else None
        if inspect.isfunction(fn) and next(iter(inspect.signature(fn).parameters), "") == "engine":
            found.add(fn)
    return found


def test_every_core_function_the_cli_calls_on_an_engine_is_an_operation():
    functions = {op.fn for op in registry.OPERATIONS}
    assert len(registry.OPERATIONS) == len(functions) > 90
    called = core_functions_called_on_an_engine(Path(core.cli.__file__))
    forgotten = {f"{fn.__module__}.{fn.__name__}" for fn in called - functions}
    assert {name for name in forgotten
            if name not in NOT_OPERATIONS and name.rpartition(".")[0] not in NOT_OPERATIONS
            } == set()
    assert {registry.get("imports.preview").fn, registry.get("orders.import_preview").fn,
            registry.get("settings.update_company").fn} <= functions


# The desktop's own start on the embedded database (never over the network), and its
# backups, its smoke test: the only desktop code that holds an engine.
EMBEDDED_ONLY = {"app.py", "backups.py", "screenshots.py", "first_run.py", "smoke.py"}


def desktop_files() -> list[Path]:
    return sorted(Path(desktop.__file__).parent.rglob("*.py"))


def test_a_window_calls_the_core_only_through_the_api():
    """So a window does not know whether it runs embedded or connected."""
    on_an_engine = {path.name: core_functions_called_on_an_engine(path)
                    for path in desktop_files() if path.name not in EMBEDDED_ONLY}
    assert {name: fns for name, fns in on_an_engine.items() if fns} == {}
    assert {path.name: lines for path in desktop_files() if path.name not in EMBEDDED_ONLY
            and (lines := engine_not_for_backups(path))} == {}


def engine_not_for_backups(path: Path) -> list[int]:
    """The lines where ``ctx.engine`` is used other than given to ``desktop.backups`` (the
    embedded database's own backups)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    given = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
             for arg in node.args
             if any(isinstance(n, ast.Name) and n.id == "backups" for n in ast.walk(node.func))
             or any(isinstance(a, ast.Attribute) and isinstance(a.value, ast.Name)
                    and a.value.id == "backups" for a in node.args)}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "engine"
            and isinstance(node.value, ast.Attribute) and node.value.attr == "ctx"
            and id(node) not in given]


def operations_named(path: Path) -> set[str]:
    """Every ``api.GROUP.OPERATION`` and ``.call("GROUP.OPERATION"`` in ``path``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and (
                isinstance(node.value.value, ast.Name) and node.value.value.id == "api"
                or isinstance(node.value.value, ast.Attribute)
                and node.value.value.attr == "api"):
            found.add(f"{node.value.attr}.{node.attr}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("call", "call_with_changes") and node.args \
                and isinstance(node.args[0], ast.Constant) and "." in str(node.args[0].value):
            found.add(node.args[0].value)
    return found


def test_every_operation_the_desktop_and_the_cli_name_is_in_the_registry():
    named = set().union(*map(operations_named, [Path(core.cli.__file__), *desktop_files()]))
    assert len(named) > 80
    assert named - set(NAMES) == set()


def test_first_run_demo_schema_roles_backup_and_sessions_are_never_exposed():
    modules = {op.fn.__module__ for op in registry.OPERATIONS}
    assert not modules & {demo.__name__, schema.__name__, backup.__name__, checks.__name__,
                          sessions.__name__}
    functions = {op.fn for op in registry.OPERATIONS}
    assert auth.login not in functions
    for name in NAMES:
        assert not re.search(r"demo|schema|upgrade|backup|restore|first|login|session|setup",
                             name), name


def test_every_role_is_a_role():
    assert {op.role for op in registry.OPERATIONS} <= {*ROLE_NAMES, registry.ANY_USER}
    assert registry.get("orders.place").role == "clerk"
    assert registry.get("users.list").role == "admin"


def sample_arguments(op: registry.Operation) -> dict[str, Any]:
    wire = sample(op.arguments_type)
    return {k: codec.real(getattr(wire, k)) for k in op.parameters}


@pytest.mark.parametrize("name", [op.name for op in registry.OPERATIONS if op.takes_actor])
def test_an_operation_refuses_nobody_its_function_lets_through(name, sqlite_engine):
    """Whom the entry's role refuses, the function refuses too (on an empty database): a
    role too narrow would lock out, say, a dispatcher confirming a delivery."""
    op = registry.get(name)
    required = {k: v for k, v in sample_arguments(op).items()  # no manager's approval
                if inspect.signature(op.fn).parameters[k].default is inspect.Parameter.empty}
    for role in ROLE_NAMES:
        actor = Actor(1, "x", frozenset({role}))
        if op.role is registry.ANY_USER or actor.can(op.role):
            continue
        with pytest.raises(PermissionDenied):
            op.fn(sqlite_engine, actor, **required)


@pytest.mark.parametrize("name", [op.name for op in registry.OPERATIONS if op.role])
def test_an_actor_without_the_role_is_refused_before_the_operation_runs(name):
    op = registry.get(name)
    others = frozenset(r for r in ROLE_NAMES if not Actor(1, "x", frozenset({r})).can(op.role))
    with pytest.raises(PermissionDenied):
        op.call(None, Actor(1, "clerk-1", others), {})  # no engine: it never gets that far


def test_an_unknown_operation_is_not_found():
    with pytest.raises(NotFound):
        registry.get("orders.drop_all")


def test_a_type_with_no_exact_form_is_refused():
    for loose in (dict, tuple, list, Any, object, typing.Callable[[], None]):
        with pytest.raises(TypeError):
            codec.wire_type(loose)

    def takes_a_path(engine, *, path: str | bytes | None, rows: list) -> int: ...
    with pytest.raises(TypeError):
        registry.Operation("x.y", takes_a_path, None).arguments_type


def test_a_json_number_for_a_decimal_is_refused_money_is_never_float():
    summary = registry.get("credit.summary")
    good = codec.encode_reply(summary, codec.real(sample(summary.result_type)), Changes())
    assert b'"1234.50"' in good
    with pytest.raises(DomainError):
        codec.decode_reply(summary, good.replace(b'"1234.50"', b"1234.5"))
    set_limit = registry.get("credit.set_limit")  # the amount as typed: text, never a number
    with pytest.raises(DomainError):
        codec.decode_arguments(set_limit, b'{"customer_id": 1, "limit": 1500.5, "reason": "x"}')
    args = codec.decode_arguments(set_limit, codec.encode_arguments(
        set_limit, {"customer_id": 1, "limit": Decimal("1500.50"), "reason": "x"}))
    assert args["limit"] == "1500.50"  # exactly its digits, for the core to parse


def test_a_body_that_does_not_decode_is_a_domain_error():
    op = registry.get("orders.get")
    for body in (b"not json", b'{"order_id": "7"}', b'{"order_id": 7, "extra": 1}', b"[]"):
        with pytest.raises(DomainError):
            codec.decode_arguments(op, body)


def translate(template: str) -> str:
    return "«" + template.replace("is not a quantity", "不是數量") + "»"


def test_a_domain_error_crosses_as_its_class_template_and_parameters():
    figures = CreditFigures(customer="好味道小吃店", limit=Decimal(10000), balance=Decimal(8000),
                            open_orders=Decimal(1500), amount=Decimal(945), blocked=False,
                            blocked_reason="")
    errors = [
        ValidationError({"quantity": DomainError("“{value}” is not a quantity.", value="2x"),
                         "price": DomainError("At most {count} characters.", count=80)}),
        StaleRecord(),
        PermissionDenied("This needs the {role} role, which {user} does not have.",
                         role="Manager", user="amy"),
        CreditRefused(figures, "TWD"),
        DomainError("{customer}: {reason}", customer="A-001", reason=StaleRecord()),
    ]
    for exc in errors:
        back = codec.decode_error(codec.encode_error(exc))
        assert type(back) is type(exc)
        assert back.message(translate) == exc.message(translate)
        assert str(back) == str(exc)
        assert plain(back) == plain(exc)
    refused = codec.decode_error(codec.encode_error(errors[3]))
    assert refused.figures == figures and refused.figures.shortfall == Decimal(445)
    odd = StaleRecord()
    odd.session = object()  # an attribute with no wire form stays behind; the message crosses
    back = codec.decode_error(codec.encode_error(odd))
    assert type(back) is StaleRecord and not hasattr(back, "session")


def test_changes_cross_as_they_are():
    changes = Changes.of(customers=[1, 2], routes=[date(2026, 11, 23)], settings=True)
    assert codec.decode_changes(codec.encode_changes(changes)) == changes
    assert codec.decode_changes(codec.encode_changes(Changes())) == Changes()


def test_a_client_of_another_api_version_is_refused_with_the_version_to_install():
    registry.check_version(registry.API_VERSION)
    with pytest.raises(DomainError) as refused:
        registry.check_version("1.000000000000")
    message = refused.value.message()
    assert registry.API_VERSION in message and registry.release() in message
    assert "1.000000000000" in message
    back = codec.decode_error(codec.encode_error(refused.value))
    assert back.message(translate) == refused.value.message(translate)


def test_any_change_to_an_operation_changes_the_api_version(monkeypatch):
    assert registry.API_VERSION.startswith(registry.API_MAJOR + ".")
    assert registry._version() == registry.API_VERSION
    first = registry.OPERATIONS[0]
    changed = dataclasses.replace(first, role="admin")
    monkeypatch.setattr(registry, "OPERATIONS", (changed, *registry.OPERATIONS[1:]))
    assert registry._version() != registry.API_VERSION
    retyped = dataclasses.replace(first, types={"limit": str})
    monkeypatch.setattr(registry, "OPERATIONS", (retyped, *registry.OPERATIONS[1:]))
    assert registry._version() != registry.API_VERSION


def test_progress_and_cancel_callbacks_stay_on_the_caller_s_side():
    run = registry.get("billing.run")
    assert not {"progress", "cancelled", "fault"} & set(run.parameters)
    body = codec.encode_arguments(run, {"period": Period(2026, 11), "progress": print,
                                        "cancelled": lambda: False})
    assert codec.decode_arguments(run, body)["period"] == "2026-11"
