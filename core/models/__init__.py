"""All mapped entities; importing this module registers them on ``Base.metadata``."""

from core.models.audit import AuditEntry, ChainHead
from core.models.base import Base
from core.models.billing import (Allocation, CreditNote, DocumentCounter, Invoice, InvoiceLine,
                                 Payment)
from core.models.cash import (CashBookDay, CashBookEntry, CashCutover, CashSale, CashSaleLine,
                              DriverEntry, Settlement, SettlementCheque, SettlementNote)
from core.models.customers import Customer, CustomerGram
from core.models.einvoice import Allowance, EInvoiceMessage, NumberRange, UniformInvoice
from core.models.dispatch import (CylinderBalance, CylinderMovement, Delivery, DeliveryLine,
                                  Driver, LedgerEntry, Route, RouteStop, Vehicle)
from core.models.orders import CreditOverride, CustomerPrice, Order, OrderLine, SavedSearch
from core.models.products import Product, ProductPrice
from core.models.quotes import Quote, QuoteLine
from core.models.settings import CompanyLogo, Setting
from core.models.stock import (Cylinder, CylinderScan, DepositExemption, DepositLine,
                               DepositReceipt, Inspection, RetestRule, StockDoc, StockLocation,
                               StockMove)
from core.models.standing import (StandingOccurrence, StandingOrder, StandingOrderLine,
                                  StandingSkip)
from core.models.users import User, UserRole, UserSession

__all__ = ["Allowance", "EInvoiceMessage", "NumberRange", "UniformInvoice", "CashBookDay", "CashBookEntry", "CashCutover", "CashSale", "CashSaleLine",
           "DriverEntry", "Settlement", "SettlementCheque", "SettlementNote", "Allocation", "AuditEntry", "Base", "CreditNote", "DocumentCounter", "Invoice",
           "ChainHead", "InvoiceLine", "Payment", "CompanyLogo", "CreditOverride", "Customer", "CustomerGram",
           "CustomerPrice", "CylinderBalance", "CylinderMovement", "Delivery", "DeliveryLine", "Driver", "LedgerEntry",
           "Route", "RouteStop", "Vehicle", "Order", "OrderLine", "Product", "ProductPrice", "Quote", "QuoteLine",
           "SavedSearch", "Setting", "StandingOccurrence", "StandingOrder", "StandingOrderLine",
           "StandingSkip", "User", "UserRole", "UserSession", "Cylinder", "CylinderScan",
           "DepositExemption", "DepositLine", "DepositReceipt", "Inspection", "RetestRule",
           "StockDoc", "StockLocation", "StockMove"]
