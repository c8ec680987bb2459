"""The core's public operations: what the desktop and ``roundsman-admin`` call, by name.

Each operation is a core function with the role it needs; its wire arguments and result
are derived from the function's own signature and type hints (without the engine, the
actor and progress callbacks), so they cannot drift from it.  Where a signature is not
exact for another machine (a path on this disk, ``**changes``), the operation names a
small function here that takes the exact form (the file's bytes, a typed mapping).

Never exposed: the first run (creating the first administrator), demo data, the
schema and its upgrade, database roles, backup and restore, log-in and sessions (the
server's own), ``db check``.

``API_VERSION`` is a major number and a hash of every operation's name, role and wire
schema: any change to an operation changes it, and a client of another version is
refused at log-in with the version to install.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import tempfile
import typing
from collections import abc
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import msgspec
from sqlalchemy import Engine

from core.api import codec
from core.changes import Changes
from core.errors import DomainError, NotFound
from core.i18n import QT_TRANSLATE_NOOP
from core.printing import invoice as invoice_printing
from core.printing import quote as quote_printing
from core.printing import inspection as inspection_printing
from core.printing import route_sheet, settlement, statement
from core.printing import deposit_receipt
from core.queries import aging
from core.queries import credit as credit_queries
from core.queries import credit_details, customer_card
from core.queries import customers as customer_queries
from core.queries import deliveries as delivery_queries
from core.queries import delivery_day
from core.queries import order_form
from core.queries import orders as order_queries
from core.queries import quotes as quote_queries
from core.services import (audit, auth, billing, cashup, credit, customer_prices,
                           customers, cylinders,
                           deliveries, dispatch, einvoice, exports, fleet, geocoding, imports,
                           order_import, orders, payments, products, quotes, settings,
                           standing, users)
from core.services import inspections
from core.services import stock
from core.services import deposits
from core.services.actor import ROLE_NAMES, Actor

API_MAJOR = "1"
ANY_USER = None  # the role of an operation any logged-in user may call


class UnknownOperation(NotFound):
    default = QT_TRANSLATE_NOOP("core", "The server has no operation “{name}”.")


class VersionMismatch(DomainError):
    default = QT_TRANSLATE_NOOP(
        "core", "This workstation speaks version {client} of the Roundsman API and the server "
        "speaks version {server}. Install Roundsman {release} (API {server}) on this "
        "workstation, the version the server runs.")


@dataclasses.dataclass(frozen=True)
class Operation:
    name: str
    fn: Callable
    role: str | None
    types: dict[str, Any] = dataclasses.field(default_factory=dict)  # exact wire types

    @cached_property
    def takes_actor(self) -> bool:
        return "actor" in inspect.signature(self.fn).parameters

    @cached_property
    def parameters(self) -> dict[str, Any]:
        """The wire arguments and their types: the signature's, without the engine, the
        actor and callables (progress, cancel), which stay on the server."""
        hints = typing.get_type_hints(self.fn, include_extras=True)
        out = {}
        for name, p in inspect.signature(self.fn).parameters.items():
            if name in ("engine", "actor"):
                continue
            kind = self.types.get(name, hints.get(name, p.annotation))
            if _callable(kind) and p.default is not p.empty:
                continue
            if p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL) or kind is p.empty:
                raise TypeError(f"{self.name}: {name} has no exact type")
            out[name] = codec.wire_type(kind)
        return out

    @cached_property
    def arguments_type(self) -> type:
        signature = inspect.signature(self.fn).parameters
        fields = [(name, kind) if signature[name].default is inspect.Parameter.empty
                  else (name, kind, signature[name].default)
                  for name, kind in self.parameters.items()]
        return msgspec.defstruct(f"{self.name}.arguments", fields, kw_only=True,
                                 forbid_unknown_fields=True)

    @cached_property
    def result_type(self) -> Any:
        hints = typing.get_type_hints(self.fn, include_extras=True)
        return codec.wire_type(self.types.get("return", hints["return"]))

    @cached_property
    def reply_type(self) -> type:
        return msgspec.defstruct(f"{self.name}.reply", [
            ("result", self.result_type), ("changes", codec.wire_type(Changes))])

    def schema(self) -> str:
        _, components = msgspec.json.schema_components(
            [self.arguments_type, self.result_type], schema_hook=codec.schema_hook)
        return json.dumps([self.name, self.role, components], sort_keys=True)

    def call(self, engine: Engine, actor: Actor, arguments: dict[str, Any]) -> Any:
        """Run the operation as ``actor`` (the function checks finer rules itself)."""
        if self.role is not None:
            actor.require(self.role)
        if not _ids_fit(arguments):  # no such row: not the driver's overflow of the column
            raise NotFound()
        if self.takes_actor:
            return self.fn(engine, actor, **arguments)
        return self.fn(engine, **arguments)


_ID_RANGE = range(-2**31, 2**31)  # an id column's INTEGER, on both databases


def _ids_fit(value: Any, name: str = "") -> bool:
    """Every id among ``value`` (an argument named id, …_id or …_ids, also inside
    dataclasses, dicts and lists) fits an id column: PostgreSQL raised DataError and SQLite
    OverflowError for one beyond it."""
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return value in _ID_RANGE or not (name == "id" or name.endswith(("_id", "_ids")))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(_ids_fit(getattr(value, f.name), f.name) for f in dataclasses.fields(value))
    if isinstance(value, dict):
        return all(_ids_fit(v, str(k)) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_ids_fit(v, name) for v in value)
    return True


def _callable(kind: Any) -> bool:
    return any(typing.get_origin(k) is abc.Callable or k is abc.Callable
               for k in (kind, *typing.get_args(kind)))


# --- exact forms for the signatures that are not ------------------------------------------

def _with_file(read: Callable[[Path], Any], file_name: str, content: bytes) -> Any:
    """``read`` a file sent as bytes: written to a folder of its own on the server, under
    the name's extension (the reader goes by it), and removed."""
    with tempfile.TemporaryDirectory(prefix="roundsman-upload-") as folder:
        path = Path(folder) / ("upload" + Path(file_name).suffix.lower())
        path.write_bytes(content)
        return read(path)


def import_preview(engine: Engine, *, kind: str, file_name: str,
                   content: bytes) -> imports.Preview:
    """``imports.preview`` of a file sent as its bytes."""
    return _with_file(lambda path: imports.preview(engine, kind, path), file_name, content)


def order_import_preview(engine: Engine, *, file_name: str,
                         content: bytes) -> order_import.OrderPreview:
    """``order_import.preview`` of a file sent as its bytes."""
    return _with_file(lambda path: order_import.preview(engine, path), file_name, content)


def update_company(engine: Engine, actor: Actor, *,
                   changes: dict[str, str]) -> settings.CompanySettings:
    """``settings.update_company(**changes)``, each value as text: a setting held as a
    Decimal is given to it as one when its text is a number (the service checks the rest
    as it checks what a user typed)."""
    kinds = {f.name: f.type for f in dataclasses.fields(settings.CompanySettings)}

    def typed(key: str, text: str) -> Any:
        if kinds.get(key) in (Decimal, "Decimal"):
            try:
                return Decimal(text)
            except InvalidOperation:
                return text
        return text
    return settings.update_company(engine, actor, **{k: typed(k, v) for k, v in changes.items()})


def _op(name: str, fn: Callable, role: str | None, **types: Any) -> Operation:
    return Operation(name, fn, role, types)


OPERATIONS: tuple[Operation, ...] = (
    # customers
    _op("customers.search", customer_queries.search, ANY_USER),
    _op("customers.get", customers.get, ANY_USER),
    _op("customers.get_by_code", customers.get_by_code, ANY_USER),
    _op("customers.save", customers.save, "clerk"),
    _op("customers.prices", customer_prices.list_for, ANY_USER),
    _op("customers.set_price", customer_prices.set_price, "manager"),
    _op("customers.own_prices", customer_card.own_prices, ANY_USER),
    # credit
    _op("credit.summary", credit.summary, ANY_USER),
    _op("credit.customers", credit_queries.customers, ANY_USER),
    _op("credit.overrides", credit_queries.overrides, ANY_USER),
    _op("credit.details", credit_details.details, "clerk"),
    _op("credit.set_limit", credit.set_limit, "manager"),
    _op("credit.set_blocked", credit.set_blocked, "manager"),
    # orders
    _op("orders.get", orders.get, ANY_USER),
    _op("orders.price_list", orders.price_list, ANY_USER),
    _op("orders.place", orders.place, "clerk"),
    _op("orders.modify", orders.modify, "clerk"),
    _op("orders.cancel", orders.cancel, "clerk"),
    _op("orders.search", order_queries.search, ANY_USER),
    _op("orders.taken_on", order_queries.taken_on, ANY_USER),
    _op("orders.recent_for_customer", order_queries.recent_for_customer, ANY_USER),
    _op("orders.customer_form", order_form.customer_form, ANY_USER),
    _op("orders.order_form", order_form.order_form, ANY_USER),
    _op("orders.saved_searches", order_queries.saved_searches, ANY_USER),
    _op("orders.save_search", order_queries.save_search, ANY_USER),
    _op("orders.delete_search", order_queries.delete_search, ANY_USER),
    _op("orders.import_preview", order_import_preview, ANY_USER),
    _op("orders.import_check_rows", order_import.check_rows, ANY_USER),
    _op("orders.import_apply", order_import.apply, "clerk"),
    # quotes
    _op("quotes.list", quote_queries.list_quotes, ANY_USER),
    _op("quotes.get", quotes.get, ANY_USER),
    _op("quotes.price_list", quotes.price_list, ANY_USER),
    _op("quotes.create", quotes.create, "clerk"),
    _op("quotes.update", quotes.update, "clerk"),
    _op("quotes.mark", quotes.mark, "clerk"),
    _op("quotes.convert", quotes.convert, "clerk"),
    _op("quotes.pdf", quote_printing.quote_pdf, ANY_USER),
    # standing orders (generate: a clerk or a dispatcher, checked by the function)
    _op("standing.list", standing.list_standing, ANY_USER),
    _op("standing.get", standing.get, ANY_USER),
    _op("standing.calendar", standing.calendar, ANY_USER),
    _op("standing.refusals", standing.refusals, ANY_USER),
    _op("standing.create", standing.create, "clerk"),
    _op("standing.update", standing.update, "clerk"),
    _op("standing.pause", standing.pause, "clerk"),
    _op("standing.resume", standing.resume, "clerk"),
    _op("standing.end", standing.end, "clerk"),
    _op("standing.skip", standing.skip, "clerk"),
    _op("standing.unskip", standing.unskip, "clerk"),
    _op("standing.dismiss", standing.dismiss, "clerk"),
    _op("standing.retry", standing.retry, "clerk"),
    _op("standing.generate", standing.generate, ANY_USER),
    # products
    _op("products.list", products.list_products, ANY_USER),
    _op("products.get", products.get, ANY_USER),
    _op("products.save", products.save, "manager"),
    # deliveries (confirm: a clerk or a dispatcher, checked by the function)
    _op("deliveries.confirm", deliveries.confirm, ANY_USER),
    _op("deliveries.undo", deliveries.undo, "manager"),
    _op("deliveries.cylinders_held", deliveries.cylinders_held, ANY_USER),
    _op("deliveries.outcomes", delivery_queries.outcomes, ANY_USER),
    _op("deliveries.stop_lines", delivery_queries.stop_lines, ANY_USER),
    _op("deliveries.day", delivery_day.delivery_day, ANY_USER),
    # safety inspections (plan and record: a clerk or a dispatcher, checked by the function)
    _op("inspections.due", inspections.due, ANY_USER),
    _op("inspections.visits", inspections.visits, ANY_USER),
    _op("inspections.get", inspections.get, ANY_USER),
    _op("inspections.history", inspections.history, ANY_USER),
    _op("inspections.gas_stop", inspections.gas_stop, ANY_USER),
    _op("inspections.gas_stops", inspections.gas_stops, ANY_USER),
    _op("inspections.plan", inspections.plan, ANY_USER),
    _op("inspections.record", inspections.record, ANY_USER),
    _op("inspections.set_next", inspections.set_next, "clerk"),
    _op("inspections.clear", inspections.clear, "manager"),
    _op("inspections.pdf", inspection_printing.inspection_pdf, ANY_USER),
    # dispatch (geocoding and reschedule: a dispatcher or a clerk, checked by the function)
    _op("dispatch.board", dispatch.board, ANY_USER),
    _op("dispatch.day", delivery_day.dispatch_day, ANY_USER),
    _op("dispatch.plan", dispatch.plan, "dispatcher"),
    _op("dispatch.move", dispatch.move, "dispatcher"),
    _op("dispatch.set_driver", dispatch.set_driver, "dispatcher"),
    _op("dispatch.set_locked", dispatch.set_locked, "dispatcher"),
    _op("dispatch.confirm", dispatch.confirm, "dispatcher"),
    _op("dispatch.reschedule", dispatch.reschedule, ANY_USER),
    _op("dispatch.geocode_missing", geocoding.geocode_missing, ANY_USER),
    _op("dispatch.route_sheets_pdf", route_sheet.route_sheets_pdf, ANY_USER),
    # serial cylinders and their re-tests (register, update, retested, scan_delivery: a
    # clerk or a dispatcher, checked by the function; the rules: an administrator's)
    _op("cylinders.list", cylinders.list_cylinders, ANY_USER),
    _op("cylinders.get", cylinders.get, ANY_USER),
    _op("cylinders.overdue", cylinders.overdue, ANY_USER),
    _op("cylinders.due_soon", cylinders.due_soon, ANY_USER),
    _op("cylinders.locations", cylinders.locations, ANY_USER),
    _op("cylinders.register", cylinders.register, ANY_USER),
    _op("cylinders.update", cylinders.update, ANY_USER),
    _op("cylinders.retested", cylinders.retested, ANY_USER),
    _op("cylinders.import_file", cylinders.import_file, ANY_USER),
    _op("cylinders.scan_delivery", cylinders.scan_delivery, ANY_USER),
    _op("cylinders.retest_rules", cylinders.retest_rules, ANY_USER),
    _op("cylinders.set_retest_rules", cylinders.set_retest_rules, "admin"),
    # the stock of full and empty cylinders (loads, returns, plant trips: a clerk or a
    # dispatcher, checked by the functions)
    _op("stock.at", stock.stock_at, ANY_USER),
    _op("stock.locations", stock.locations, ANY_USER),
    _op("stock.save_depot", stock.save_depot, ANY_USER),
    _op("stock.set_truck_depot", stock.set_truck_depot, ANY_USER),
    _op("stock.documents", stock.documents, ANY_USER),
    _op("stock.truck_day", stock.truck_day, ANY_USER),
    _op("stock.truck_days", stock.truck_days, ANY_USER),
    _op("stock.margin", stock.margin, ANY_USER),
    _op("stock.load", stock.load, ANY_USER),
    _op("stock.return", stock.return_, ANY_USER),
    _op("stock.to_plant", stock.to_plant, ANY_USER),
    _op("stock.purchase", stock.purchase, ANY_USER),
    _op("stock.to_station", stock.to_station, ANY_USER),
    _op("stock.from_station", stock.from_station, ANY_USER),
    _op("stock.transfer", stock.transfer, ANY_USER),
    _op("stock.scrap", stock.scrap, "manager"),
    _op("stock.opening", stock.opening, "manager"),
    _op("stock.correction", stock.correction, "manager"),
    # fleet
    _op("fleet.drivers", fleet.list_drivers, ANY_USER),
    _op("fleet.vehicles", fleet.list_vehicles, ANY_USER),
    _op("fleet.save_driver", fleet.save_driver, "dispatcher"),
    _op("fleet.save_vehicle", fleet.save_vehicle, "dispatcher"),
    # billing
    _op("billing.preview", billing.preview, ANY_USER),
    _op("billing.run", billing.run, "manager"),
    _op("billing.invoice_now", billing.invoice_now, "manager"),
    _op("billing.list_invoices", billing.list_invoices, ANY_USER),
    _op("billing.print_order", billing.print_order, ANY_USER),
    _op("billing.invoice_pdf", invoice_printing.invoice_pdf, ANY_USER),
    _op("billing.invoices_pdf", invoice_printing.invoices_pdf, ANY_USER),
    _op("billing.ids_of_period", invoice_printing.ids_of_period, ANY_USER),
    _op("billing.numbers_of", invoice_printing.numbers_of, ANY_USER),
    # payments
    _op("payments.record", payments.record_payment, "clerk"),
    _op("payments.refund", payments.refund, "manager"),
    _op("payments.credit_note", payments.credit_note, "clerk", approval=payments.Approval),
    _op("payments.void_invoice", payments.void_invoice, "manager"),
    _op("payments.open_invoices", payments.open_invoices, ANY_USER),
    _op("payments.of_customer", payments.payments_of, ANY_USER),
    _op("payments.unallocated", payments.unallocated, ANY_USER),
    _op("payments.statement_pdf", statement.statement_pdf, ANY_USER),
    _op("payments.account", customer_card.account, ANY_USER),
    # cash sales and the cash-up (a variance, reopening and corrections: a manager's,
    # checked by the functions)
    _op("cash.routes_of_day", cashup.routes_of_day, ANY_USER),
    _op("cash.settlements_of", cashup.settlements_of, ANY_USER),
    _op("cash.settle", cashup.settle, "clerk"),
    _op("cash.reopen", cashup.reopen, "manager"),
    _op("cash.driver_accounts", cashup.driver_accounts, ANY_USER),
    _op("cash.driver_entries", cashup.driver_entries, ANY_USER),
    _op("cash.driver_payment", cashup.driver_payment, "clerk"),
    _op("cash.book", cashup.cash_book, ANY_USER),
    _op("cash.add_entry", cashup.add_entry, "clerk"),
    _op("cash.close_day", cashup.close_day, "manager"),
    _op("cash.settlement_sheet_pdf", settlement.settlement_sheet_pdf, ANY_USER),
    # cylinder deposits (an exemption: a manager's)
    _op("deposits.held", deposits.held, ANY_USER),
    _op("deposits.liability", deposits.liability, ANY_USER),
    _op("deposits.receipts", deposits.receipts, ANY_USER),
    _op("deposits.preview", deposits.preview, ANY_USER),
    _op("deposits.basis", deposits.basis, ANY_USER),
    _op("deposits.set_exemption", deposits.set_exemption, "manager"),
    _op("deposits.receipt_pdf", deposit_receipt.deposit_receipt_pdf, ANY_USER),
    # uniform invoices (ranges, allowances and the Turnkey's messages: a manager's)
    _op("einvoice.ranges", einvoice.ranges, ANY_USER),
    _op("einvoice.add_range", einvoice.add_range, "manager"),
    _op("einvoice.usage", einvoice.usage, ANY_USER),
    _op("einvoice.list", einvoice.list_uniform_invoices, ANY_USER),
    _op("einvoice.allowances", einvoice.allowances, ANY_USER),
    _op("einvoice.confirm_allowance", einvoice.confirm_allowance, "manager"),
    _op("einvoice.void_allowance", einvoice.void_allowance, "manager"),
    _op("einvoice.proof_pdf", einvoice.proof_pdf, "clerk"),
    _op("einvoice.backlog", einvoice.backlog, ANY_USER),
    _op("einvoice.pending", einvoice.pending_messages, "manager"),
    _op("einvoice.mark_written", einvoice.mark_written, "manager"),
    _op("einvoice.written_names", einvoice.written_names, "manager"),
    # reports and exports
    _op("reports.aging", aging.aging, ANY_USER),
    _op("reports.invoices_rows", exports.invoices_rows, ANY_USER),
    _op("reports.credit_notes_rows", exports.credit_notes_rows, ANY_USER),
    _op("reports.payments_rows", exports.payments_rows, ANY_USER),
    _op("reports.cash_sales_rows", exports.cash_sales_rows, ANY_USER),
    _op("reports.deposit_receipts_rows", exports.deposit_receipts_rows, ANY_USER),
    _op("reports.deposit_liability_rows", exports.deposit_liability_rows, ANY_USER),
    # audit (a clerk sees a customer's history, a manager the rest: checked by the function)
    _op("audit.list", audit.list_entries, "clerk"),
    # settings (money rules a manager's, the rest the administrator's: checked by the function)
    _op("settings.get_company", settings.get_company, ANY_USER),
    _op("settings.update_company", update_company, "manager"),
    _op("settings.get_logo", settings.get_logo, ANY_USER),
    _op("settings.set_logo", settings.set_logo, "admin"),
    # imports (products a manager's, customers the administrator's: checked by the function)
    _op("imports.preview", import_preview, ANY_USER),
    _op("imports.apply", imports.apply, "manager"),
    # users
    _op("users.list", users.list_users, "admin"),  # who may log in, and as what
    _op("users.create", users.create_user, "admin", roles=list[str]),
    _op("users.update", users.update_user, "admin", roles=list[str]),
    _op("users.reset_password", users.reset_password, "admin"),
    _op("users.change_password", auth.change_password, ANY_USER),
)

_BY_NAME = {op.name: op for op in OPERATIONS}
assert len(_BY_NAME) == len(OPERATIONS), "two operations share a name"
assert all(op.role in ROLE_NAMES or op.role is ANY_USER for op in OPERATIONS)


def get(name: str) -> Operation:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise UnknownOperation(name=name) from None


def _version() -> str:
    digest = hashlib.sha256()
    for op in sorted(OPERATIONS, key=lambda o: o.name):
        digest.update(op.schema().encode())
    return f"{API_MAJOR}.{digest.hexdigest()[:12]}"


API_VERSION = _version()


def release() -> str:
    """This installation's Roundsman version (the one a workstation must match): read from
    ``core.version``, since a frozen build has no package metadata."""
    from core.version import VERSION

    return VERSION


def check_version(client_version: str) -> None:
    """Refuse a client of another API version, naming the version to install."""
    if client_version != API_VERSION:
        raise VersionMismatch(client=client_version or "?", server=API_VERSION,
                              release=release())
