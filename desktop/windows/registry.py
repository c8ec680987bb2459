"""The windows the main window offers, in navigation order, and who may open them.

A window's module is imported only when the window is first opened, so that
start-up stays fast and a window whose module is missing from this
installation is simply not offered.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from core.services.actor import Actor


@dataclass(frozen=True)
class Entry:
    key: str
    title_fn: Callable[[], str]
    required_role: str | tuple[str, ...] | None  # any of these roles; None: every user
    module: str
    class_name: str

    def available(self) -> bool:
        return module_available(self.module)

    def allowed(self, actor: Actor) -> bool:
        roles = (self.required_role,) if isinstance(self.required_role, str) \
            else self.required_role
        return roles is None or any(actor.can(role) for role in roles)

    def factory(self, ctx) -> QWidget:
        return getattr(importlib.import_module(self.module), self.class_name)(ctx)


def module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its package is missing
        return False


ENTRIES: tuple[Entry, ...] = (
    Entry("order_entry", lambda: QCoreApplication.translate("Navigation", "Order entry"), "clerk",
          "desktop.windows.orders.entry", "OrderEntryWindow"),
    Entry("standing", lambda: QCoreApplication.translate("Navigation", "Standing orders"),
          "clerk", "desktop.windows.standing.view", "StandingOrdersWindow"),
    # Dispatchers generate tomorrow's orders before they plan the trucks; clerks do it
    # from the Standing orders window (its "Generate orders…" is the same form).
    Entry("standing_generate", lambda: QCoreApplication.translate("Navigation",
                                                                  "Generate orders"),
          "dispatcher", "desktop.windows.standing.generate", "GenerateWindow"),
    # Clerks enter what the drivers report; dispatchers do too when the trucks come back.
    Entry("deliveries", lambda: QCoreApplication.translate("Navigation", "Deliveries"),
          ("clerk", "dispatcher"), "desktop.windows.deliveries.view", "DeliveriesWindow"),
    # Clerks count each route's cash when the trucks are back; managers approve variances.
    Entry("cashup", lambda: QCoreApplication.translate("Navigation", "Cash-up"), "clerk",
          "desktop.windows.cashup.view", "CashUpWindow"),
    Entry("billing", lambda: QCoreApplication.translate("Navigation", "Billing"), "manager",
          "desktop.windows.billing.view", "BillingWindow"),
    # Listed whether uniform invoices are on or off (the menu is built before the settings
    # are read, and does not change with them): while off, the window says so.
    Entry("einvoices", lambda: QCoreApplication.translate("Navigation", "Uniform invoices"),
          "clerk", "desktop.windows.einvoices", "EInvoicesWindow"),
    Entry("payments", lambda: QCoreApplication.translate("Navigation", "Payments"), "clerk",
          "desktop.windows.payments.view", "PaymentsWindow"),
    Entry("cash_book", lambda: QCoreApplication.translate("Navigation", "Cash book"), "clerk",
          "desktop.windows.cash_book", "CashBookWindow"),
    Entry("driver_accounts", lambda: QCoreApplication.translate("Navigation",
                                                                "Driver accounts"),
          "clerk", "desktop.windows.driver_accounts", "DriverAccountsWindow"),
    Entry("aging", lambda: QCoreApplication.translate("Navigation", "Aging"), "manager",
          "desktop.windows.aging", "AgingWindow"),
    # The cylinders: the day's stock, the serials and their re-tests, the inspections.
    Entry("stock", lambda: QCoreApplication.translate("Navigation", "Cylinder stock"),
          ("clerk", "dispatcher"), "desktop.windows.stock", "StockWindow"),
    Entry("cylinders", lambda: QCoreApplication.translate("Navigation", "Cylinders"),
          ("clerk", "dispatcher"), "desktop.windows.cylinders", "CylindersWindow"),
    Entry("inspections", lambda: QCoreApplication.translate("Navigation", "Safety inspections"),
          ("clerk", "dispatcher"), "desktop.windows.inspections", "InspectionsWindow"),
    Entry("fleet", lambda: QCoreApplication.translate("Navigation", "Drivers and vehicles"),
          "dispatcher", "desktop.windows.fleet", "FleetWindow"),
    Entry("dispatch", lambda: QCoreApplication.translate("Navigation", "Dispatch"),
          "dispatcher", "desktop.windows.dispatch.view", "DispatchWindow"),
    Entry("customers", lambda: QCoreApplication.translate("Navigation", "Customers"), "clerk",
          "desktop.windows.customers.view", "CustomersWindow"),
    Entry("products", lambda: QCoreApplication.translate("Navigation", "Products"), "clerk",
          "desktop.windows.products.view", "ProductsWindow"),
    Entry("order_search", lambda: QCoreApplication.translate("Navigation", "Order search"),
          "clerk", "desktop.windows.orders.search", "OrderSearchWindow"),
    Entry("bulk_orders", lambda: QCoreApplication.translate("Navigation", "Bulk orders"),
          "clerk", "desktop.windows.orders.bulk", "BulkOrdersWindow"),
    Entry("quotes", lambda: QCoreApplication.translate("Navigation", "Quotes"), "clerk",
          "desktop.windows.quotes.view", "QuotesWindow"),
    Entry("credit", lambda: QCoreApplication.translate("Navigation", "Credit"), "clerk",
          "desktop.windows.credit.view", "CreditWindow"),
    Entry("users", lambda: QCoreApplication.translate("Navigation", "Users"), "admin",
          "desktop.windows.users", "UsersWindow"),
    Entry("audit", lambda: QCoreApplication.translate("Navigation", "Audit log"), "manager",
          "desktop.windows.audit", "AuditWindow"),
    Entry("settings", lambda: QCoreApplication.translate("Navigation", "Settings"), None,
          "desktop.windows.settings", "SettingsWindow"),
)


def visible(actor: Actor) -> list[Entry]:
    """The windows ``actor`` may open that this installation has."""
    return [e for e in ENTRIES if e.allowed(actor) and e.available()]
